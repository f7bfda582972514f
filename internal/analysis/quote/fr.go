package quote

// frClosed is the French closed-class table: determiners, pronouns, verb
// group words, prepositions, clause words, time words and connectives.
// Keys are lowercase with ' apostrophes.
func frClosed() map[string]int {
	m := map[string]int{}
	set := func(c int, words ...string) {
		for _, w := range words {
			m[w] |= c
		}
	}
	set(cDet|cDef|cMasc, "le", "ce", "cet", "son", "mon", "notre", "votre", "leur")
	set(cDet|cDef|cFem, "la", "cette", "sa", "ma")
	set(cDet|cDef, "l'")
	set(cDet|cDef|cPlural, "les", "ces", "ses", "mes", "nos", "vos", "leurs")
	set(cPoss, "son", "sa", "ses", "leur", "leurs", "mon", "ma", "mes", "notre", "nos", "votre", "vos")
	set(cDet|cIndef|cMasc, "un", "aucun")
	set(cDet|cIndef|cFem, "une", "aucune")
	set(cDet|cIndef|cPlural, "des", "plusieurs", "certains", "certaines", "quelques", "deux", "trois", "quatre", "cinq",
		"nombreux", "nombreuses", "divers", "diverses", "d'autres")
	set(cPron|cMasc, "il", "lui", "celui-ci")
	set(cPron|cFem, "elle", "celle-ci")
	set(cPron|cMasc|cPlural, "ils", "eux", "ceux-ci")
	set(cPron|cFem|cPlural, "elles", "celles-ci")
	set(cPron, "je", "nous", "vous", "on", "tu", "j'")
	set(cDet|cIndef|cPlural, "beaucoup", "tous", "toutes", "chacun", "chacune", "certains", "d'aucuns", "personne", "rien", "nombre", "la plupart", "autres")
	set(cAux, "a", "ont", "avait", "avaient", "aurait", "auraient", "aura", "auront", "eut", "est", "sont", "était",
		"étaient", "sera", "seront", "serait", "seraient", "fut", "s'", "se", "n'", "ne", "pas", "point", "jamais",
		"lui", "leur", "l'", "nous", "vous", "y", "en", "va", "vont", "allait", "vient", "venait", "d'", "de", "peut",
		"pourrait", "doit", "devrait", "semble", "aussitôt")
	set(cAdv, "également", "aussi", "encore", "toujours", "notamment", "ainsi", "alors", "bien", "déjà", "enfin",
		"ensuite", "même", "plus", "tout", "très", "d'ailleurs", "ailleurs", "pourtant", "cependant", "toutefois",
		"néanmoins", "aussitôt", "simplement", "clairement", "publiquement", "récemment", "désormais", "donc",
		"surtout", "seulement", "vivement", "fermement", "longuement", "brièvement", "sobrement", "volontiers",
		"là", "ici", "maintes", "fois", "souvent", "parfois", "immédiatement", "plutôt", "peu", "beaucoup", "trop",
		"-t-il", "-il", "-t-elle", "-elle", "-t-ils", "-ils", "-t-elles", "-elles", "-t-on", "-on")
	set(cPrep, "à", "au", "aux", "en", "dans", "sur", "sous", "pour", "par", "avec", "sans", "chez", "contre", "entre",
		"vers", "depuis", "pendant", "lors", "après", "avant", "selon", "malgré", "durant", "dès", "via", "parmi",
		"auprès", "outre", "hors", "jusqu'", "jusqu'à", "concernant", "envers", "devant", "derrière", "face", "suite")
	set(cOf, "de", "du", "des", "d'")
	set(cArt, "du", "au", "aux")
	set(cClause, "et", "ou", "mais", "car", "donc", "or", "ni", "que", "qu'", "qui", "quand", "lorsque", "lorsqu'",
		"si", "comme", "puisque", "puisqu'", "parce", "dont", "où", "lequel", "laquelle", "lesquels", "lesquelles",
		"tandis", "quoique", "afin", "alors", "cependant", "toutefois", "pourtant", "mais", "ainsi")
	set(cRel, "qui", "dont", "lequel", "laquelle", "lesquels", "lesquelles", "auquel", "auxquels", "auxquelles")
	set(cComp, "que", "qu'")
	set(cTime, "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "aujourd'hui", "demain",
		"matin", "soir", "midi", "après-midi", "nuit", "soirée", "matinée", "semaine", "mois", "année", "an", "jour",
		"journée", "week-end", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
		"octobre", "novembre", "décembre", "veille", "lendemain", "récemment", "auparavant", "plus tôt", "tôt",
		"tard", "fin", "début", "mi-", "heure", "heures", "h", "midi", "minuit")
	set(cTimeMod, "dernier", "dernière", "derniers", "dernières", "prochain", "prochaine", "passé", "passée", "précédent",
		"précédente", "suivant", "suivante", "même", "soir", "matin", "midi", "après-midi")
	set(cConn, "toutefois", "cependant", "pourtant", "néanmoins", "ainsi", "enfin", "ensuite", "puis", "alors", "mais",
		"et", "or", "aussi", "également", "d'ailleurs", "par", "en", "de", "dans", "pendant", "pour", "quant", "bref",
		"certes", "donc", "outre", "surtout", "justement", "désormais", "parallèlement", "selon")
	set(cRecip, "à", "au", "aux")
	set(cPrepCue, "selon")
	set(cPassive, "été", "être", "étant")
	set(cRelay, "auprès")
	return m
}

// frSay lists French forms allowed to take content without "que" (none:
// French reported speech always has que or an inversion).
var frSay []string
