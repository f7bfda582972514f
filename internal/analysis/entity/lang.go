package entity

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/kb"
	"github.com/newsgraph/newsgraph/internal/lang"
	"github.com/newsgraph/newsgraph/internal/lexicon"
)

// Rule sets: the tables of French, of English, and of the other languages
// ("und": mostly the union of both).
const (
	setFR = iota
	setEN
	setUND
	numSets
)

// Word-list bits, per rule set (lex.bits). Word lists are keyed by kb.Key.
const (
	// bLowercase: words the language writes in lowercase (a capitalised
	// sentence-initial one is not a name by itself).
	bLowercase uint32 = 1 << iota
	// bRole: nouns of title and function, one or two words ("porte
	// parole", "prime minister"); bRolePrefix: the key and a space start
	// such a noun ("porte", "prime").
	bRole
	bRolePrefix
	// bOrgHead, bLocHead, bMiscHead type unknown capitalised names.
	bOrgHead
	bLocHead
	bMiscHead
	// bCalendar: weekday and month names.
	bCalendar
	// bParticle may join the words of a name (de, von, bin, of).
	bParticle
	// bDeterminer opens a noun phrase (le, la, the, a).
	bDeterminer
	// bFeminine, bMasculine: determiners that tell a role noun's gender
	// (la, une; le, un).
	bFeminine
	bMasculine
	// bLocPrep introduces a place (à, en, in, at).
	bLocPrep
	// bModifier may precede a role noun inside a role ("ancien haut
	// responsable", "former deputy secretary").
	bModifier
	// bStop ends an apposition (relative pronouns, verbs of saying are
	// caught by the comma).
	bStop
	// bCoord joins two roles ("et auteur").
	bCoord
	// bTitleM, bTitleF are courtesy titles before a name (M., Mme, Mr).
	bTitleM
	bTitleF
	// bPronounM, bPronounF are subject pronouns, for gender by agreement.
	bPronounM
	bPronounF
	// bPlaceOf are the nouns of "City of Buffalo", "ville de Paris".
	bPlaceOf
	// bFemRole, bMascRole are role nouns of one gender.
	bFemRole
	bMascRole
	// bDirection: points of the compass, which also name regions of
	// several countries ("North" of Cameroon, "Nord" of Haiti).
	bDirection
	// bNotName: words never a name by themselves, though written with
	// capitals: acronyms of common nouns ("PIB", "TVA", "GDP") and common
	// nouns capitalised by convention ("l'État").
	bNotName
)

// Language-independent flags (lex.flags).
const (
	fFemale        uint8 = 1 << iota // a female first name
	fMale                            // a male first name
	fGiven                           // a given name of either gender (from training data)
	fPlacePrefix                     // opens place names before a first name (see placePrefix)
	fDemonymPrefix                   // the key and a space start a demonym ("north")
	fLowerLOC                        // a lowercase head of a place name (see lowerHeads)
	fLowerORG                        // a lowercase head of an organisation name
	fLegalForm                       // a company's legal form after its name (Inc, AG)
)

// mark adds bit to the keys of words in the rule sets sets; a role of
// several words also marks its prefixes with bRolePrefix.
func (v *vocab) mark(bit uint32, words []string, sets ...int) {
	for _, w := range words {
		k := kb.Key(w)
		if k == "" {
			continue
		}
		i := v.add(k)
		for _, s := range sets {
			v.lex[i].bits[s] |= bit
		}
		if bit != bRole {
			continue
		}
		for j := 0; j < len(k); j++ {
			if k[j] == ' ' {
				i := v.add(k[:j])
				for _, s := range sets {
					v.lex[i].bits[s] |= bRolePrefix
				}
			}
		}
	}
}

// flag adds f to the keys of words.
func (v *vocab) flag(f uint8, words ...string) {
	for _, w := range words {
		if k := kb.Key(w); k != "" {
			v.lex[v.add(k)].flags |= f
		}
	}
}

// rules are one language's tables that are not word lists.
type rules struct {
	// set is the rule set of the word lists (setFR, setEN, setUND).
	set int
	// orgDemonym: a nationality adjective after an organisation's name
	// belongs to it ("Conseil de sécurité nationale américain").
	orgDemonym bool
	// roleHeads maps the language's role nouns to English words of KB
	// positions ("président" → "president").
	roleHeads map[string]string
}

func list(ws ...string) []string { return ws }

// newVocab builds the word lists of "fr", "en" and "und" (for other
// languages: the union of both, with French gender determiners), the
// first names, and the demonyms and alias words of base.
func newVocab(base *kb.KB) *vocab {
	v := &vocab{index: make(map[string]int32, 40000), lex: make([]lex, 1, 40000), dems: [][]*kb.Entry{nil}}
	fr, en, und := setFR, setEN, setUND
	for _, l := range []struct {
		tag string
		set int
	}{{"fr", fr}, {"en", en}} {
		v.mark(bLowercase, lexicon.Lines(l.tag, "lowercase"), l.set, und)
		v.mark(bRole, lexicon.Lines(l.tag, "roles"), l.set, und)
		v.mark(bOrgHead, lexicon.Lines(l.tag, "orgheads"), l.set, und)
		v.mark(bLocHead, lexicon.Lines(l.tag, "locheads"), l.set, und)
		v.mark(bMiscHead, lexicon.Lines(l.tag, "mischeads"), l.set, und)
		v.mark(bCalendar, lexicon.Lines(l.tag, "calendar"), l.set, und)
		v.mark(bNotName, lexicon.Lines(l.tag, "notnames"), l.set)
	}
	v.mark(bParticle, list("de", "du", "des", "d'", "la", "le", "von", "van", "der", "den", "al", "el", "ben", "bin", "ibn", "da", "di", "dos", "das", "del", "y"), fr, und)
	v.mark(bDeterminer, list("le", "la", "les", "l'", "un", "une", "du", "des", "au", "aux", "ce", "cet", "cette", "son", "sa", "ses", "leur", "notre"), fr, und)
	v.mark(bFeminine, list("la", "une", "cette", "sa"), fr, und)
	v.mark(bMasculine, list("le", "un", "ce", "cet", "son", "du", "au"), fr, und)
	v.mark(bLocPrep, list("à", "en", "au", "aux", "dans", "vers", "depuis", "près"), fr, und)
	v.mark(bModifier, list("ancien", "ancienne", "anciens", "nouveau", "nouvelle", "haut", "haute", "hauts", "premier", "première", "vice",
		"sous", "futur", "future", "actuel", "actuelle", "ex", "principal", "principale", "seul", "seule", "jeune", "célèbre", "grand", "grande"), fr, und)
	v.mark(bStop, list("qui", "que", "qu'", "dont", "où", "lequel", "laquelle", "a", "est", "était", "avait", "sera", "se", "s'", "ne", "n'"), fr, und)
	v.mark(bCoord, list("et"), fr, und)
	v.mark(bDirection, list("nord", "sud", "est", "ouest", "centre"), fr, und)
	v.mark(bTitleM, list("M", "M.", "Monsieur", "MM"), fr, und)
	v.mark(bTitleF, list("Mme", "Madame", "Mlle", "Mademoiselle"), fr, und)
	// Titles of either gender: both bits (Me: maître, a lawyer's).
	v.mark(bTitleM, list("Me", "Maître", "Dr", "Pr", "Mgr"), fr, und)
	v.mark(bTitleF, list("Me", "Maître", "Dr", "Pr"), fr, und)
	v.mark(bPronounM, list("il", "t-il", "-il", "lui"), fr)
	v.mark(bPronounF, list("elle", "t-elle", "-elle"), fr)
	// Epicene nouns ("journaliste") are not evidence by themselves.
	v.mark(bFemRole, list("présidente", "dirigeante", "directrice", "première ministre", "chancelière", "reine", "princesse",
		"ambassadrice", "sénatrice", "députée", "conseillère", "avocate", "procureure", "actrice", "chanteuse",
		"rédactrice", "présentatrice", "fondatrice", "chercheuse", "sœur", "mère", "fille", "épouse", "veuve", "femme"), fr, und)
	v.mark(bMascRole, list("président", "dirigeant", "directeur", "chancelier", "roi", "prince", "ambassadeur", "sénateur", "député",
		"conseiller", "avocat", "procureur", "acteur", "chanteur", "rédacteur", "présentateur", "fondateur", "chercheur",
		"frère", "père", "fils", "mari", "empereur", "pape"), fr, und)
	v.mark(bPlaceOf, list("ville", "commune", "république", "royaume", "état", "province", "région", "département", "principauté", "émirat"), fr, und)

	v.mark(bParticle, list("de", "du", "la", "le", "von", "van", "der", "den", "al", "el", "bin", "ben", "ibn", "da", "di", "dos", "del", "of"), en, und)
	v.mark(bDeterminer, list("the", "a", "an", "his", "her", "its", "their", "our", "this", "that"), en, und)
	v.mark(bLocPrep, list("in", "at", "near", "from", "to"), en, und)
	v.mark(bModifier, list("former", "deputy", "vice", "chief", "senior", "acting", "interim", "assistant", "associate", "executive",
		"press", "foreign", "defense", "defence", "interior", "finance", "health", "justice", "state", "district", "national",
		"security", "general", "top", "then", "new", "longtime", "retired", "veteran", "team", "club", "party", "campaign",
		"prime", "first", "lead", "head", "communications", "policy", "intelligence", "military"), en, und)
	v.mark(bStop, list("who", "which", "that", "whose", "where", "said", "says", "is", "was", "has", "had", "will"), en, und)
	v.mark(bCoord, list("and"), en, und)
	v.mark(bDirection, list("north", "south", "east", "west", "central", "centre", "center"), en, und)
	v.mark(bTitleM, list("Mr", "Mr.", "Sir", "Lord"), en, und)
	v.mark(bTitleF, list("Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dame", "Lady"), en, und)
	v.mark(bTitleM, list("Dr", "Dr.", "Prof", "Prof."), en, und)
	v.mark(bTitleF, list("Dr", "Dr.", "Prof", "Prof."), en, und)
	v.mark(bPronounM, list("he", "his", "him"), en)
	v.mark(bPronounF, list("she", "her", "hers"), en)
	v.mark(bFemRole, list("spokeswoman", "businesswoman", "chairwoman", "congresswoman", "councilwoman", "assemblywoman", "actress",
		"queen", "princess", "widow", "wife", "mother", "daughter", "sister"), en, und)
	v.mark(bMascRole, list("spokesman", "businessman", "chairman", "congressman", "councilman", "assemblyman", "king", "prince",
		"emperor", "husband", "father", "son", "brother", "pope"), en, und)
	v.mark(bPlaceOf, list("city", "town", "village", "state", "province", "county", "republic", "kingdom", "commonwealth", "principality", "emirate"), en, und)

	v.flag(fFemale, lexicon.Lines("und", "firstnames-f")...)
	v.flag(fMale, lexicon.Lines("und", "firstnames-m")...)
	v.flag(fGiven, lexicon.Lines("und", "givennames")...)
	v.flag(fPlacePrefix, placePrefix...)
	v.flag(fLegalForm, lexicon.Lines("und", "legalforms")...)
	for k, t := range lowerHeads {
		if t == kb.LOC {
			v.flag(fLowerLOC, k)
		} else {
			v.flag(fLowerORG, k)
		}
	}
	for k, es := range base.Demonyms() {
		v.lex[v.add(k)].dem = int32(len(v.dems))
		v.dems = append(v.dems, es)
		for j := 0; j < len(k); j++ {
			if k[j] == ' ' {
				v.lex[v.add(k[:j])].flags |= fDemonymPrefix
			}
		}
	}
	for w, id := range base.Words() {
		l := &v.lex[v.add(w)]
		l.kbWord = id
		if n, ok := base.Next(kb.Root, id); ok {
			l.first, l.depth = n, int32(base.Depth(n))
		}
	}
	v.seal()
	return v
}

// newRules builds the other tables of "fr", "en" and "und".
func newRules() map[string]*rules {
	fr := &rules{
		set:        setFR,
		orgDemonym: true,
		roleHeads: map[string]string{
			"president": "president", "presidente": "president", "dirigeant": "leader", "dirigeante": "leader",
			"premier ministre": "prime minister", "premiere ministre": "prime minister", "chancelier": "chancellor",
			"chanceliere": "chancellor", "roi": "king", "reine": "queen", "chef": "head", "leader": "leader",
			"vice president": "vice president", "secretaire general": "secretary", "ministre": "minister",
		},
	}
	en := &rules{
		set: setEN,
		roleHeads: map[string]string{"president": "president", "leader": "leader", "prime minister": "prime minister",
			"chancellor": "chancellor", "king": "king", "queen": "queen", "premier": "premier", "supreme leader": "leader"},
	}
	und := &rules{set: setUND, roleHeads: map[string]string{}}
	for k, v := range fr.roleHeads {
		und.roleHeads[k] = v
	}
	for k, v := range en.roleHeads {
		und.roleHeads[k] = v
	}
	return map[string]*rules{"fr": fr, "en": en, "und": und}
}

// gender returns the gender a first name's key tells ("f", "m"), or "".
func (v *vocab) gender(first string) string {
	switch v.at(first).flags & (fFemale | fMale) {
	case fFemale:
		return "f"
	case fMale:
		return "m"
	}
	return ""
}

// known reports whether key is a first name.
func (l *lex) known() bool { return l.flags&(fFemale|fMale|fGiven) != 0 }

func rulesFor(all map[string]*rules, tag string) *rules {
	if r, ok := all[lang.Base(tag)]; ok {
		return r
	}
	return all["und"]
}

// firstWord returns the first word of a key.
func firstWord(key string) string {
	f, _, _ := strings.Cut(key, " ")
	return f
}

// lastWord returns the last word of a key.
func lastWord(key string) string {
	if i := strings.LastIndexByte(key, ' '); i >= 0 {
		return key[i+1:]
	}
	return key
}
