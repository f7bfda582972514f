package timex

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/numeral"
)

// unit is a calendar unit word.
type unit struct {
	code byte    // Y M W D H N (minute) S, E (weekend), Q (quarter)
	mult float64 // how many code units one of it is (décennie 10 Y)
	pl   bool    // the word is plural
	inv  bool    // the same form is singular and plural (mois)
}

// plural reports whether the unit word can be plural.
func (u unit) plural() bool { return u.pl || u.inv }

// grammar holds one language's time vocabulary. The matchers in
// grammar.go are shared; only these tables differ.
type grammar struct {
	lang     string
	months   map[string]int
	abbr     map[string]bool // abbreviated month names: need a day or a year next to them
	ambig    map[string]bool // month names that are also common words (may, march)
	weekdays map[string]int  // singular and plural forms
	wdPlural map[string]bool
	pods     map[string]string // parts of day → TIMEX3 suffix
	units    map[string]unit
	seasons  map[string]string
	phrases  map[string][]phrase // by first token

	this, last, next, prevAna, nextAna map[string]bool
	// Articles that may open a relative unit ("le mois dernier", "the").
	articles map[string]bool
	// Modifiers before a month, a year or a period (début, fin, early).
	periodMods map[string]bool
	// Words before a bare year that make it a year (en 2023, in 2023).
	yearPreps map[string]bool
	// Function words that may follow a bare year.
	yearFollow map[string]bool
	// Prepositions that make "17 heures" a clock time.
	clockPreps map[string]bool
	// Prepositions that make "24 h" a duration.
	durPreps map[string]bool
	// Amount modifiers kept in a duration span (près de, about), as token
	// sequences.
	durMods [][]string
	// Vague amounts (quelques, plusieurs, several, few).
	vague map[string]bool
	// Set openers (chaque, every, each).
	each map[string]bool
	// Set adverbs (quotidiennement, annually) → value.
	setAdverbs map[string]string
	// Age cues before a number (âgé de, aged).
	ageBefore [][]string
	// Nouns of people that make "de 45 ans" an age.
	personNouns map[string]bool
	// Words that name the hour ("heures", "h").
	hourWords map[string]bool
	// Tense cues.
	pastAux, pastWords, futureWords, goVerbs, futureStop, pastStop map[string]bool
	future, past                                                   []string // suffixes
	dayFirst                                                       bool
	// Clock suffixes (a.m., p.m.) → hours to add.
	meridiem map[string]int
	// Frames that take a bare "year" noun as the current year
	// (tout au long de l'année, the end of the year), as token sequences.
	yearFrames [][]string
	decadeWord map[string]bool // années, the (1990s)
	century    map[string]bool // siècle, century
	agoAfter   map[string]bool // ago
	inBefore   map[string]bool // dans (future offset)
	// starters are the words that can open an expression (see canStart).
	starters map[string]bool
	// weak starters are function words; they open an expression only
	// when a core time word follows closely.
	weak, core map[string]bool
	// flags holds, for every word of the tables, what it can do
	// (fStarter, fWeak, fCore, fNumber); one lookup per token.
	flags map[string]uint8
	// bloom is a filter over the flags' keys (see maybe).
	bloom [1 << 10]uint64
	// frameIndex and modIndex index yearFrames and durMods by first token.
	frameIndex, modIndex map[string][][]string
}

// bloomHash hashes a word's length, first and last two bytes into 16 bits.
func bloomHash(w string) uint32 {
	n := len(w)
	if n == 0 {
		return 0
	}
	h := uint32(n)*2654435761 ^ uint32(w[0])*40503 ^ uint32(w[n-1])*9973
	if n > 1 {
		h ^= uint32(w[n-2]) * 31337
	}
	return (h ^ h>>16) & 0xFFFF
}

// maybe reports whether w may be a key of flags: false means surely not.
func (g *grammar) maybe(w string) bool {
	h := bloomHash(w)
	return g.bloom[h>>6]&(1<<(h&63)) != 0
}

// Word flags.
const (
	fStarter uint8 = 1 << iota
	fWeak
	fCore
	fNumber
	fUnit
	fCal   // month, weekday, season, decade or century word
	fClock // midi, noon
	fKnown // any other word of the tables
)

// addKeys adds the keys of m to dst.
func addKeys[V any](dst map[string]bool, m map[string]V) {
	for w := range m {
		dst[w] = true
	}
}

// index fills starters from the tables.
func (g *grammar) index() *grammar {
	s := map[string]bool{}
	add := func(m map[string]bool) { addKeys(s, m) }
	addKeys(s, g.phrases)
	addKeys(s, g.months)
	addKeys(s, g.weekdays)
	addKeys(s, g.seasons)
	addKeys(s, g.setAdverbs)
	for _, l := range [][][]string{g.durMods, g.yearFrames} {
		for _, p := range l {
			s[p[0]] = true
		}
	}
	add(g.this)
	add(g.last)
	add(g.next)
	add(g.prevAna)
	add(g.nextAna)
	add(g.articles)
	add(g.periodMods)
	add(g.vague)
	add(g.each)
	add(g.decadeWord)
	add(g.inBefore)
	if g.lang == "fr" {
		add(set("les", "des", "aux", "ces", "il", "tous", "toutes", "par", "midi", "minuit", "un", "une", "quelque",
			"premier", "le", "du", "au", "de", "d'"))
	} else {
		add(set("the", "per", "noon", "midnight", "half", "a", "an", "first"))
	}
	g.starters = s
	g.weak = map[string]bool{}
	for w := range set("le", "la", "l'", "les", "des", "du", "au", "aux", "ces", "the", "a", "an", "un", "une", "de", "d'",
		"il", "par", "per", "tous", "toutes", "ce", "cet", "cette", "this", "en", "in", "dans", "à", "pour", "sur", "depuis",
		"jusqu'", "tout", "at", "for", "over", "some", "just", "only", "under", "up", "so", "to", "more", "less", "about", "around",
		"near", "nearly", "plus", "moins", "près", "au", "seulement", "déjà", "quelque", "fin", "début", "mi", "end", "late", "early") {
		if s[w] {
			g.weak[w] = true
		}
	}
	core := map[string]bool{}
	for _, m := range []map[string]bool{g.last, g.next, g.prevAna, g.nextAna, g.vague, g.decadeWord, g.century, g.this} {
		addKeys(core, m)
	}
	addKeys(core, g.months)
	addKeys(core, g.weekdays)
	addKeys(core, g.seasons)
	addKeys(core, g.pods)
	for w := range g.units {
		core[w] = true
		core[w+"-ci"], core[w+"-là"] = true, true
	}
	for _, ps := range g.phrases {
		for _, p := range ps {
			for _, w := range p.toks[1:] {
				core[w] = true
			}
		}
	}
	for _, l := range [][][]string{g.durMods, g.yearFrames} {
		for _, p := range l {
			for _, w := range p[1:] {
				core[w] = true
			}
		}
	}
	for w := range set("y", "year", "demi-heure", "demi-journée", "demi-siècle", "quart", "quarts", "few", "half", "midi", "minuit", "noon", "midnight", "other") {
		core[w] = true
	}
	for w := range g.weak {
		if _, unit := g.units[w]; !unit {
			delete(core, w)
		}
	}
	g.core = core
	g.flags = map[string]uint8{}
	for w := range s {
		g.flags[w] |= fStarter
	}
	for w := range g.weak {
		g.flags[w] |= fWeak
	}
	for w := range core {
		g.flags[w] |= fCore
	}
	for w := range g.units {
		g.flags[w] |= fUnit
		g.flags[w+"-ci"] |= fUnit
		g.flags[w+"-là"] |= fUnit
	}
	for _, w := range []string{"demi-heure", "demi-journée", "demi-siècle", "quart", "quarts", "half", "other", "few"} {
		g.flags[w] |= fUnit
	}
	for _, m := range []map[string]bool{g.decadeWord, g.century} {
		for w := range m {
			g.flags[w] |= fCal
		}
	}
	for _, m := range []map[string]int{g.months, g.weekdays} {
		for w := range m {
			g.flags[w] |= fCal
			g.flags["mi-"+w] |= fCal
			g.flags["mid-"+w] |= fCal
		}
	}
	for w := range g.seasons {
		g.flags[w] |= fCal
	}
	for w := range g.pods {
		g.flags[w] |= fCal | fUnit
	}
	g.flags["mois"] |= fCal
	// Every other word the matchers compare must be known too, so that its
	// capitalised form is folded (see scanner.lookup).
	for _, m := range []map[string]bool{g.yearPreps, g.yearFollow, g.clockPreps, g.durPreps, g.personNouns, g.hourWords,
		g.pastAux, g.pastWords, g.futureWords, g.goVerbs, g.agoAfter, g.wdPlural, g.abbr} {
		for w := range m {
			g.flags[w] |= fKnown
		}
	}
	for w := range g.meridiem {
		g.flags[w] |= fKnown
	}
	for _, l := range [][][]string{g.ageBefore} {
		for _, p := range l {
			for _, w := range p {
				g.flags[w] |= fKnown
			}
		}
	}
	for _, w := range []string{"of", "de", "d'", "du", "des", "et", "and", "y", "a", "ago", "old", "o'clock", "other", "few",
		"heures", "h", "année", "an", "year", "fin", "début", "l'", "le", "la", "les", "the", "il", "tous", "toutes", "par", "per",
		"half", "demi", "demie", "quart", "quarts", "premier", "first", "s", "jusqu'", "à", "entre", "depuis", "since", "until"} {
		g.flags[w] |= fKnown
	}
	for _, w := range []string{"midi", "minuit", "noon", "midnight"} {
		g.flags[w] |= fClock
	}
	for _, w := range numeral.Words(g.lang) {
		g.flags[w] |= fNumber | fStarter | fCore
	}
	for w := range g.flags {
		h := bloomHash(w)
		g.bloom[h>>6] |= 1 << (h & 63)
	}
	g.frameIndex, g.modIndex = map[string][][]string{}, map[string][][]string{}
	for _, p := range g.yearFrames {
		g.frameIndex[p[0]] = append(g.frameIndex[p[0]], p)
	}
	for _, p := range g.durMods {
		g.modIndex[p[0]] = append(g.modIndex[p[0]], p)
	}
	return g
}

// phrase is a fixed multiword expression with its meaning.
type phrase struct {
	toks []string
	e    expr
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var elided = set("l", "d", "qu", "jusqu", "lorsqu", "n", "s", "c", "j", "m", "t")

// splitPhrase cuts a phrase into tokens as the segmenter does: on spaces
// and after an elided article (l'avenir → l' avenir).
func splitPhrase(p string) []string {
	var out []string
	for _, w := range strings.Fields(p) {
		for {
			k := strings.IndexByte(w, '\'')
			if k <= 0 || k == len(w)-1 || !elided[w[:k]] {
				break
			}
			out = append(out, w[:k+1])
			w = w[k+1:]
		}
		out = append(out, w)
	}
	return out
}

func seqs(ps ...string) [][]string {
	out := make([][]string, len(ps))
	for i, p := range ps {
		out[i] = splitPhrase(p)
	}
	return out
}

// addPhrases indexes phrases by their first token.
func (g *grammar) addPhrases(list map[string]expr) {
	if g.phrases == nil {
		g.phrases = map[string][]phrase{}
	}
	for p, e := range list {
		toks := splitPhrase(p)
		g.phrases[toks[0]] = append(g.phrases[toks[0]], phrase{toks, e})
	}
}

func vagueExpr(v string) expr { return expr{typ: "DATE", kind: kLit, lit: v} }
func relDay(n int) expr       { return expr{typ: "DATE", kind: kRel, unit: 'D', n: n} }

var frGrammar = func() *grammar {
	g := &grammar{
		lang: "fr",
		months: map[string]int{
			"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
			"août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
			"janv": 1, "févr": 2, "fév": 2, "fevr": 2, "avr": 4, "juil": 7, "juill": 7, "sept": 9, "oct": 10,
			"nov": 11, "déc": 12, "dec": 12,
		},
		abbr:  set("janv", "févr", "fév", "fevr", "avr", "juil", "juill", "sept", "oct", "nov", "déc", "dec"),
		ambig: set("mars"),
		weekdays: map[string]int{
			"lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6, "dimanche": 7,
			"lundis": 1, "mardis": 2, "mercredis": 3, "jeudis": 4, "vendredis": 5, "samedis": 6, "dimanches": 7,
		},
		wdPlural: set("lundis", "mardis", "mercredis", "jeudis", "vendredis", "samedis", "dimanches"),
		pods: map[string]string{
			"matin": "MO", "matinée": "MO", "après-midi": "AF", "soir": "EV", "soirée": "EV", "nuit": "NI",
			"matins": "MO", "soirs": "EV", "nuits": "NI",
		},
		units: map[string]unit{
			"seconde": {'S', 1, false, false}, "secondes": {'S', 1, true, false}, "minute": {'N', 1, false, false}, "minutes": {'N', 1, true, false},
			"heure": {'H', 1, false, false}, "heures": {'H', 1, true, false}, "h": {'H', 1, true, false},
			"jour": {'D', 1, false, false}, "jours": {'D', 1, true, false}, "journée": {'D', 1, false, false}, "journées": {'D', 1, true, false},
			"semaine": {'W', 1, false, false}, "semaines": {'W', 1, true, false}, "mois": {'M', 1, false, true},
			"an": {'Y', 1, false, false}, "ans": {'Y', 1, true, false}, "année": {'Y', 1, false, false}, "années": {'Y', 1, true, false},
			"décennie": {'Y', 10, false, false}, "décennies": {'Y', 10, true, false}, "siècle": {'Y', 100, false, false}, "siècles": {'Y', 100, true, false},
			"trimestre": {'M', 3, false, false}, "trimestres": {'M', 3, true, false}, "semestre": {'M', 6, false, false}, "semestres": {'M', 6, true, false},
			"week-end": {'E', 1, false, false}, "week-ends": {'E', 1, true, false}, "weekend": {'E', 1, false, false},
		},
		seasons:    map[string]string{"printemps": "SP", "été": "SU", "automne": "FA", "hiver": "WI"},
		this:       set("ce", "cet", "cette"),
		last:       set("dernier", "dernière", "derniers", "dernières", "passé", "passée", "passés", "passées"),
		next:       set("prochain", "prochaine", "prochains", "prochaines"),
		prevAna:    set("précédent", "précédente", "d'avant", "d'auparavant"),
		nextAna:    set("suivant", "suivante", "d'après"),
		articles:   set("le", "la", "l'"),
		periodMods: set("début", "fin", "mi", "courant", "mi-"),
		yearPreps: set("en", "dès", "depuis", "de", "d'", "à", "avant", "après", "jusqu'en", "pour", "entre", "et", "fin",
			"début", "mi", "an", "année", "l'an", "courant", "vers", "ou", "au", "puis", "saison", "exercice"),
		yearFollow: set("et", "à", "au", "aux", "en", "ou", "par", "pour", "sur", "dans", "avec", "contre", "le", "la", "les",
			"l'", "un", "une", "des", "de", "du", "d'", "qui", "que", "qu'", "a", "est", "était", "avait", "sera", "se", "s'",
			"il", "elle", "ils", "elles", "on", "ce", "c'", "déjà", "encore", "puis", "alors", "contre", "selon"),
		clockPreps: set("à", "vers", "dès", "avant", "après", "de", "d'", "entre", "et", "jusqu'à", "midi", "partir"),
		durPreps:   set("en", "pendant", "durant", "depuis", "sous", "dans", "les", "des", "ces", "de", "d'", "plus", "moins", "toutes", "chaque", "quelques"),
		durMods: seqs("près de", "près d'", "environ", "plus de", "plus d'", "moins de", "moins d'", "au moins", "presque",
			"quasiment", "pratiquement", "à peine", "seulement", "bientôt", "déjà", "quelque"),
		vague:      set("quelques", "plusieurs", "nombreux", "nombreuses"),
		each:       set("chaque"),
		setAdverbs: map[string]string{"quotidiennement": "P1D", "journellement": "P1D", "hebdomadairement": "P1W", "mensuellement": "P1M", "annuellement": "P1Y"},
		ageBefore:  seqs("âgé de", "âgée de", "âgés de", "âgées de", "l'âge de", "âge de", "âgé d'", "âgée d'", "âgés d'", "âgées d'", "l'âge d'"),
		personNouns: set("homme", "femme", "garçon", "fille", "fillette", "enfant", "adolescent", "adolescente", "jeune",
			"bébé", "nourrisson", "retraité", "retraitée", "victime", "suspect", "suspecte", "mère", "père", "fils", "étudiant",
			"étudiante", "lycéen", "lycéenne", "collégien", "collégienne", "élève", "patient", "patiente", "conducteur",
			"conductrice", "militant", "militante", "octogénaire", "individu", "personne", "policier", "gendarme", "soldat",
			"joueur", "joueuse", "athlète", "pilote", "migrant", "migrante", "ressortissant", "ressortissante", "touriste",
			"randonneur", "agriculteur", "quadragénaire", "quinquagénaire", "trentenaire", "sexagénaire", "septuagénaire",
			"hommes", "femmes", "garçons", "filles", "enfants", "adolescents", "jeunes", "victimes", "suspects", "frère", "sœur",
			"épouse", "mari", "compagnon", "compagne", "ami", "amie", "auteur", "chanteur", "chanteuse", "acteur", "actrice"),
		hourWords: set("heure", "heures", "h"),
		pastAux:   set("a", "ont", "ai", "as", "avons", "avez", "avait", "avaient", "est", "sont", "était", "étaient", "été", "eu", "fut", "furent", "s'est", "se", "s'"),
		pastWords: set("hier", "dernier", "dernière", "passé", "passée", "récemment", "déjà", "naguère", "autrefois"),
		futureWords: set("demain", "prochain", "prochaine", "prochains", "prochaines", "devrait", "devraient", "doit",
			"doivent", "prévu", "prévue", "prévus", "prévues", "bientôt", "compte", "comptent", "envisage", "programmé", "programmée"),
		goVerbs:    set("va", "vont", "vais", "allons", "allez", "vas"),
		futureStop: set("extra", "caméra", "opéra", "ultra", "contra", "cobra", "mantra", "choléra", "agora", "vrai", "environs", "patrons", "citrons", "marrons", "front", "affront", "sera-t-il", "aura-t-il", "zébra", "véra", "ira", "mira", "terra", "para", "sierra"),
		pastStop:   set(),
		future:     []string{"ra", "ront", "rai", "rons", "rez"},
		past:       []string{"ait", "aient"},
		dayFirst:   true,
		meridiem:   map[string]int{},
		yearFrames: seqs("tout au long de", "au long de", "au cours de", "la fin de", "fin de", "en fin de", "à la fin de",
			"le début de", "début de", "en début de", "au début de", "depuis le début de", "d'ici la fin de", "le reste de", "le milieu de", "au milieu de", "courant de"),
		decadeWord: set("années"),
		century:    set("siècle"),
		agoAfter:   set(),
		inBefore:   set("dans"),
	}
	g.addPhrases(map[string]expr{
		"récemment": vagueExpr("PAST_REF"), "dernièrement": vagueExpr("PAST_REF"), "naguère": vagueExpr("PAST_REF"),
		"autrefois": vagueExpr("PAST_REF"), "jadis": vagueExpr("PAST_REF"), "auparavant": vagueExpr("PAST_REF"),
		"précédemment": vagueExpr("PAST_REF"), "dans le passé": vagueExpr("PAST_REF"), "par le passé": vagueExpr("PAST_REF"),
		"à l'époque": vagueExpr("PAST_REF"), "à cette époque": vagueExpr("PAST_REF"), "à cette époque-là": vagueExpr("PAST_REF"),
		"ce jour-là": vagueExpr("PAST_REF"), "à ce moment-là": vagueExpr("PAST_REF"), "il y a peu": vagueExpr("PAST_REF"),
		"il y a quelques jours": vagueExpr("PAST_REF"), "il y a quelques semaines": vagueExpr("PAST_REF"),
		"il y a quelques mois": vagueExpr("PAST_REF"), "il y a quelques années": vagueExpr("PAST_REF"),
		"il y a longtemps": vagueExpr("PAST_REF"), "jusqu'à présent": vagueExpr("PRESENT_REF"), "jusqu'ici": vagueExpr("PRESENT_REF"),
		"actuellement": vagueExpr("PRESENT_REF"), "maintenant": vagueExpr("PRESENT_REF"), "à présent": vagueExpr("PRESENT_REF"),
		"en ce moment": vagueExpr("PRESENT_REF"), "pour l'instant": vagueExpr("PRESENT_REF"), "pour le moment": vagueExpr("PRESENT_REF"),
		"de nos jours": vagueExpr("PRESENT_REF"), "désormais": vagueExpr("PRESENT_REF"), "dorénavant": vagueExpr("PRESENT_REF"),
		"à l'heure actuelle": vagueExpr("PRESENT_REF"), "à l'heure qu'il est": vagueExpr("PRESENT_REF"),
		"bientôt": vagueExpr("FUTURE_REF"), "prochainement": vagueExpr("FUTURE_REF"), "à l'avenir": vagueExpr("FUTURE_REF"),
		"dans l'avenir": vagueExpr("FUTURE_REF"), "dans le futur": vagueExpr("FUTURE_REF"), "à terme": vagueExpr("FUTURE_REF"),
		"d'ici peu": vagueExpr("FUTURE_REF"), "sous peu": vagueExpr("FUTURE_REF"), "à l'avenir proche": vagueExpr("FUTURE_REF"),
		"dans les prochains jours": vagueExpr("FUTURE_REF"), "dans les prochaines semaines": vagueExpr("FUTURE_REF"),
		"dans les prochains mois": vagueExpr("FUTURE_REF"), "dans les prochaines années": vagueExpr("FUTURE_REF"),
		"dans les prochaines heures": vagueExpr("FUTURE_REF"), "dans les jours à venir": vagueExpr("FUTURE_REF"),
		"dans les semaines à venir": vagueExpr("FUTURE_REF"), "dans les mois à venir": vagueExpr("FUTURE_REF"),
		"dans les années à venir": vagueExpr("FUTURE_REF"), "dans les heures à venir": vagueExpr("FUTURE_REF"),
		"les jours à venir": vagueExpr("FUTURE_REF"), "les semaines à venir": vagueExpr("FUTURE_REF"),
		"les mois à venir": vagueExpr("FUTURE_REF"), "les années à venir": vagueExpr("FUTURE_REF"),
		"les prochains jours": vagueExpr("FUTURE_REF"), "les prochaines semaines": vagueExpr("FUTURE_REF"),
		"les prochains mois": vagueExpr("FUTURE_REF"), "les prochaines années": vagueExpr("FUTURE_REF"),
		"dans quelques jours": vagueExpr("FUTURE_REF"), "dans quelques semaines": vagueExpr("FUTURE_REF"),
		"dans quelques mois": vagueExpr("FUTURE_REF"), "dans quelques années": vagueExpr("FUTURE_REF"),
		"hier": relDay(-1), "avant-hier": relDay(-2), "aujourd'hui": {typ: "DATE", kind: kRel, unit: 'D', today: true},
		"demain": relDay(1), "après-demain": relDay(2),
		"ce matin": {typ: "TIME", kind: kRel, unit: 'D', pod: "MO"}, "cet après-midi": {typ: "TIME", kind: kRel, unit: 'D', pod: "AF"},
		"ce soir": {typ: "TIME", kind: kRel, unit: 'D', pod: "EV"}, "cette nuit": {typ: "TIME", kind: kRel, unit: 'D', pod: "NI"},
		"cette matinée": {typ: "TIME", kind: kRel, unit: 'D', pod: "MO"}, "cette soirée": {typ: "TIME", kind: kRel, unit: 'D', pod: "EV"},
		"la veille": {typ: "DATE", kind: kRel, unit: 'D', n: -1, ana: true}, "le lendemain": {typ: "DATE", kind: kRel, unit: 'D', n: 1, ana: true},
		"le surlendemain": {typ: "DATE", kind: kRel, unit: 'D', n: 2, ana: true}, "le même jour": {typ: "DATE", kind: kRel, unit: 'D', ana: true},
		"ce même jour":          {typ: "DATE", kind: kRel, unit: 'D', ana: true},
		"dans l'après-midi":     {typ: "TIME", kind: kRel, unit: 'D', pod: "AF", ana: true, skip: 1},
		"dans la matinée":       {typ: "TIME", kind: kRel, unit: 'D', pod: "MO", ana: true, skip: 1},
		"dans la soirée":        {typ: "TIME", kind: kRel, unit: 'D', pod: "EV", ana: true, skip: 1},
		"dans la nuit":          {typ: "TIME", kind: kRel, unit: 'D', pod: "NI", ana: true, skip: 1},
		"dans la journée":       {typ: "DATE", kind: kRel, unit: 'D', ana: true, skip: 1},
		"en fin d'après-midi":   {typ: "TIME", kind: kRel, unit: 'D', pod: "AF", ana: true, skip: 1},
		"en début d'après-midi": {typ: "TIME", kind: kRel, unit: 'D', pod: "AF", ana: true, skip: 1},
		"en fin de matinée":     {typ: "TIME", kind: kRel, unit: 'D', pod: "MO", ana: true, skip: 1},
		"en début de soirée":    {typ: "TIME", kind: kRel, unit: 'D', pod: "EV", ana: true, skip: 1},
		"en fin de soirée":      {typ: "TIME", kind: kRel, unit: 'D', pod: "EV", ana: true, skip: 1},
		"en fin de journée":     {typ: "DATE", kind: kRel, unit: 'D', ana: true, skip: 1},
		"ce week-end":           {typ: "DATE", kind: kRel, unit: 'E'}, "ce weekend": {typ: "DATE", kind: kRel, unit: 'E'},
		"cette semaine": {typ: "DATE", kind: kRel, unit: 'W'}, "ce mois-ci": {typ: "DATE", kind: kRel, unit: 'M'},
		"cette année": {typ: "DATE", kind: kRel, unit: 'Y'}, "cette année-ci": {typ: "DATE", kind: kRel, unit: 'Y'},
		"l'an prochain": {typ: "DATE", kind: kRel, unit: 'Y', n: 1}, "l'an dernier": {typ: "DATE", kind: kRel, unit: 'Y', n: -1},
		"l'an passé": {typ: "DATE", kind: kRel, unit: 'Y', n: -1},
		"lendemain":  {typ: "DATE", kind: kRel, unit: 'D', n: 1, ana: true}, "l'avenir": vagueExpr("FUTURE_REF"),
		"le futur": vagueExpr("FUTURE_REF"),
	})
	return g.index()
}()

var enGrammar = func() *grammar {
	g := &grammar{
		lang: "en",
		months: map[string]int{
			"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
			"september": 9, "october": 10, "november": 11, "december": 12,
			"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
		},
		abbr:  set("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
		ambig: set("may", "march", "august"),
		weekdays: map[string]int{
			"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
			"mondays": 1, "tuesdays": 2, "wednesdays": 3, "thursdays": 4, "fridays": 5, "saturdays": 6, "sundays": 7,
		},
		wdPlural: set("mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays"),
		pods: map[string]string{
			"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "mornings": "MO", "evenings": "EV", "nights": "NI",
		},
		units: map[string]unit{
			"second": {'S', 1, false, false}, "seconds": {'S', 1, true, false}, "minute": {'N', 1, false, false}, "minutes": {'N', 1, true, false},
			"hour": {'H', 1, false, false}, "hours": {'H', 1, true, false}, "hrs": {'H', 1, true, false},
			"day": {'D', 1, false, false}, "days": {'D', 1, true, false}, "week": {'W', 1, false, false}, "weeks": {'W', 1, true, false},
			"fortnight": {'W', 2, false, false}, "month": {'M', 1, false, false}, "months": {'M', 1, true, false},
			"year": {'Y', 1, false, false}, "years": {'Y', 1, true, false}, "decade": {'Y', 10, false, false}, "decades": {'Y', 10, true, false},
			"century": {'Y', 100, false, false}, "centuries": {'Y', 100, true, false}, "quarter": {'M', 3, false, false}, "quarters": {'M', 3, true, false},
			"weekend": {'E', 1, false, false}, "week-end": {'E', 1, false, false}, "weekends": {'E', 1, true, false},
		},
		seasons:    map[string]string{"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"},
		this:       set("this"),
		last:       set("last", "past"),
		next:       set("next", "coming"),
		prevAna:    set("previous", "preceding", "prior"),
		nextAna:    set("following"),
		articles:   set("the"),
		periodMods: set("early", "late", "mid", "mid-", "earlier", "later"),
		yearPreps: set("in", "since", "by", "from", "to", "until", "till", "before", "after", "of", "during", "between",
			"and", "through", "around", "circa", "year", "fiscal", "early", "late", "mid", "mid-", "or", "for", "season", "spring", "summer", "autumn", "fall", "winter"),
		yearFollow: set("and", "to", "or", "in", "on", "at", "the", "a", "was", "is", "were", "with", "for", "as", "when", "after",
			"before", "by", "but", "that", "which", "he", "she", "they", "it", "we", "i", "had", "has", "have", "will", "would", "from", "until", "through"),
		clockPreps: set("at", "by", "around", "about", "until", "till", "before", "after", "from", "to", "between", "and", "since"),
		durPreps:   set("for", "in", "within", "during", "over", "last", "past", "next", "the"),
		durMods: seqs("about", "almost", "nearly", "more than", "less than", "at least", "around", "roughly", "some",
			"approximately", "up to", "a mere", "only", "just", "over", "under", "fewer than", "at most"),
		vague:      set("several", "few", "many"),
		each:       set("every", "each"),
		setAdverbs: map[string]string{"annually": "P1Y", "biannually": "P6M", "quarterly": "P3M"},
		ageBefore:  seqs("aged", "age", "ages", "the age of"),
		personNouns: set("man", "woman", "boy", "girl", "child", "teenager", "teen", "baby", "infant", "student", "victim",
			"suspect", "mother", "father", "son", "daughter", "patient", "driver", "resident", "veteran"),
		hourWords: set("hour", "hours"),
		pastAux:   set("has", "have", "had"),
		pastWords: set("said", "was", "were", "had", "did", "told", "met", "left", "came", "went", "took", "gave", "made",
			"held", "saw", "got", "began", "won", "lost", "fell", "rose", "spoke", "wrote", "sent", "found", "thought", "knew",
			"became", "ago", "last", "yesterday", "earlier", "announced", "reported", "ran", "led", "hit", "paid", "sold", "bought", "kept", "brought", "struck", "shot", "killed", "died", "fled"),
		futureWords: set("will", "'ll", "shall", "next", "upcoming", "tomorrow", "scheduled", "expected", "plans", "due", "going", "intends", "slated"),
		goVerbs:     set(),
		futureStop:  set(),
		pastStop:    set("need", "speed", "feed", "seed", "red", "bed", "indeed", "shed", "weed", "breed", "proceed", "succeed", "exceed", "bleed", "hundred", "united", "based", "related", "limited"),
		future:      nil,
		past:        []string{"ed"},
		dayFirst:    false,
		meridiem:    map[string]int{"a.m.": 0, "am": 0, "p.m.": 12, "pm": 12, "a.m": 0, "p.m": 12},
		yearFrames:  seqs("the end of", "the beginning of", "the start of", "the rest of", "the middle of", "end of", "throughout", "the course of"),
		decadeWord:  set(),
		century:     set("century"),
		agoAfter:    set("ago", "earlier", "before"),
		inBefore:    set(),
	}
	g.addPhrases(map[string]expr{
		"recently": vagueExpr("PAST_REF"), "lately": vagueExpr("PAST_REF"), "previously": vagueExpr("PAST_REF"),
		"formerly": vagueExpr("PAST_REF"), "in the past": {typ: "DATE", kind: kLit, lit: "PAST_REF", skip: 1},
		"the past": vagueExpr("PAST_REF"), "at the time": {typ: "DATE", kind: kLit, lit: "PAST_REF", skip: 1},
		"once upon a time": vagueExpr("PAST_REF"), "in recent years": {typ: "DURATION", kind: kLit, lit: "PXY", skip: 1},
		"in recent months": {typ: "DURATION", kind: kLit, lit: "PXM", skip: 1}, "in recent weeks": {typ: "DURATION", kind: kLit, lit: "PXW", skip: 1},
		"in recent days": {typ: "DURATION", kind: kLit, lit: "PXD", skip: 1}, "recent weeks": {typ: "DURATION", kind: kLit, lit: "PXW"},
		"recent months": {typ: "DURATION", kind: kLit, lit: "PXM"}, "recent years": {typ: "DURATION", kind: kLit, lit: "PXY"},
		"recent days": {typ: "DURATION", kind: kLit, lit: "PXD"},
		"currently":   vagueExpr("PRESENT_REF"), "now": vagueExpr("PRESENT_REF"), "nowadays": vagueExpr("PRESENT_REF"),
		"at present": vagueExpr("PRESENT_REF"), "at the moment": vagueExpr("PRESENT_REF"), "right now": vagueExpr("PRESENT_REF"),
		"these days": vagueExpr("PRESENT_REF"), "so far": vagueExpr("PRESENT_REF"), "to date": vagueExpr("PRESENT_REF"),
		"for now": vagueExpr("PRESENT_REF"), "for the moment": vagueExpr("PRESENT_REF"),
		"soon": vagueExpr("FUTURE_REF"), "shortly": vagueExpr("FUTURE_REF"), "in the future": {typ: "DATE", kind: kLit, lit: "FUTURE_REF", skip: 1},
		"the future": vagueExpr("FUTURE_REF"), "in the near future": {typ: "DATE", kind: kLit, lit: "FUTURE_REF", skip: 1},
		"in the coming days": {typ: "DATE", kind: kLit, lit: "FUTURE_REF", skip: 1}, "in the coming weeks": {typ: "DATE", kind: kLit, lit: "FUTURE_REF", skip: 1},
		"in the coming months": {typ: "DATE", kind: kLit, lit: "FUTURE_REF", skip: 1}, "in the coming years": {typ: "DATE", kind: kLit, lit: "FUTURE_REF", skip: 1},
		"in the days ahead": {typ: "DATE", kind: kLit, lit: "FUTURE_REF", skip: 1}, "in the weeks ahead": {typ: "DATE", kind: kLit, lit: "FUTURE_REF", skip: 1},
		"in the months ahead": {typ: "DATE", kind: kLit, lit: "FUTURE_REF", skip: 1}, "in the years ahead": {typ: "DATE", kind: kLit, lit: "FUTURE_REF", skip: 1},
		"the coming days": vagueExpr("FUTURE_REF"), "the coming weeks": vagueExpr("FUTURE_REF"), "the coming months": vagueExpr("FUTURE_REF"),
		"the coming years": vagueExpr("FUTURE_REF"),
		"yesterday":        relDay(-1), "today": {typ: "DATE", kind: kRel, unit: 'D', today: true}, "tomorrow": relDay(1),
		"the day before yesterday": relDay(-2), "the day after tomorrow": relDay(2),
		"tonight": {typ: "TIME", kind: kRel, unit: 'D', pod: "NI"}, "this morning": {typ: "TIME", kind: kRel, unit: 'D', pod: "MO"},
		"this afternoon": {typ: "TIME", kind: kRel, unit: 'D', pod: "AF"}, "this evening": {typ: "TIME", kind: kRel, unit: 'D', pod: "EV"},
		"the next day": {typ: "DATE", kind: kRel, unit: 'D', n: 1, ana: true}, "the following day": {typ: "DATE", kind: kRel, unit: 'D', n: 1, ana: true},
		"the day before": {typ: "DATE", kind: kRel, unit: 'D', n: -1, ana: true}, "the previous day": {typ: "DATE", kind: kRel, unit: 'D', n: -1, ana: true},
		"the same day": {typ: "DATE", kind: kRel, unit: 'D', ana: true}, "that day": {typ: "DATE", kind: kRel, unit: 'D', ana: true},
		"later that day": {typ: "DATE", kind: kRel, unit: 'D', ana: true}, "earlier in the day": {typ: "DATE", kind: kRel, unit: 'D', ana: true},
		"this weekend": {typ: "DATE", kind: kRel, unit: 'E'}, "this week": {typ: "DATE", kind: kRel, unit: 'W'},
		"this month": {typ: "DATE", kind: kRel, unit: 'M'}, "this year": {typ: "DATE", kind: kRel, unit: 'Y'},
		"this fiscal year": {typ: "DATE", kind: kRel, unit: 'Y'}, "this quarter": {typ: "DATE", kind: kRel, unit: 'Q'},
	})
	return g.index()
}()
