package entity

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/kb"
	"github.com/newsgraph/newsgraph/internal/lang"
	"github.com/newsgraph/newsgraph/internal/lexicon"
)

// rules are one language's tables. Word lists are keyed by kb.Key.
type rules struct {
	// lowercase: words the language writes in lowercase (a capitalised
	// sentence-initial one is not a name by itself).
	lowercase map[string]bool
	// roles: nouns of title and function, one or two words ("porte parole",
	// "prime minister").
	roles map[string]bool
	// orgHeads, locHeads, miscHeads type unknown capitalised names.
	orgHeads, locHeads, miscHeads map[string]bool
	// calendar: weekday and month names.
	calendar map[string]bool
	// particles may join the words of a name (de, von, bin, of).
	particles map[string]bool
	// determiners open a noun phrase (le, la, the, a).
	determiners map[string]bool
	// feminine determiners (la, une) tell a role noun's gender.
	feminine, masculine map[string]bool
	// locPreps introduce a place (à, en, in, at).
	locPreps map[string]bool
	// modifiers may precede a role noun inside a role ("ancien haut
	// responsable", "former deputy secretary").
	modifiers map[string]bool
	// stops end an apposition (relative pronouns, verbs of saying are
	// caught by the comma).
	stops map[string]bool
	// coord joins two roles ("et auteur").
	coord map[string]bool
	// titlesM, titlesF are courtesy titles before a name (M., Mme, Mr).
	titlesM, titlesF map[string]bool
	// pronounsM, pronounsF are subject pronouns, for gender by agreement.
	pronounsM, pronounsF map[string]bool
	// orgDemonym: a nationality adjective after an organisation's name
	// belongs to it ("Conseil de sécurité nationale américain").
	orgDemonym bool
	// roleHeads maps the language's role nouns to English words of KB
	// positions ("président" → "president").
	roleHeads map[string]string
	// placeOf are the nouns of "City of Buffalo", "ville de Paris".
	placeOf map[string]bool
	// femRoles, mascRoles are role nouns of one gender.
	femRoles, mascRoles map[string]bool
}

func keySet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		if k := kb.Key(w); k != "" {
			m[k] = true
		}
	}
	return m
}

func loadSet(tag, name string) map[string]bool { return keySet(lexicon.Lines(tag, name)...) }

func union(ms ...map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, m := range ms {
		for k := range m {
			out[k] = true
		}
	}
	return out
}

// newRules builds the tables for "fr", "en" and "und" (the union of both,
// used for other languages).
func newRules() map[string]*rules {
	fr := &rules{
		lowercase:   loadSet("fr", "lowercase"),
		roles:       loadSet("fr", "roles"),
		orgHeads:    loadSet("fr", "orgheads"),
		locHeads:    loadSet("fr", "locheads"),
		miscHeads:   loadSet("fr", "mischeads"),
		calendar:    loadSet("fr", "calendar"),
		particles:   keySet("de", "du", "des", "d'", "la", "le", "von", "van", "der", "den", "al", "el", "ben", "bin", "ibn", "da", "di", "dos", "das", "del", "y"),
		determiners: keySet("le", "la", "les", "l'", "un", "une", "du", "des", "au", "aux", "ce", "cet", "cette", "son", "sa", "ses", "leur", "notre"),
		feminine:    keySet("la", "une", "cette", "sa"),
		masculine:   keySet("le", "un", "ce", "cet", "son", "du", "au"),
		locPreps:    keySet("à", "en", "au", "aux", "dans", "vers", "depuis", "près"),
		modifiers: keySet("ancien", "ancienne", "anciens", "nouveau", "nouvelle", "haut", "haute", "hauts", "premier", "première", "vice",
			"sous", "futur", "future", "actuel", "actuelle", "ex", "principal", "principale", "seul", "seule", "jeune", "célèbre", "grand", "grande"),
		stops:     keySet("qui", "que", "qu'", "dont", "où", "lequel", "laquelle", "a", "est", "était", "avait", "sera"),
		coord:     keySet("et"),
		titlesM:   keySet("M", "M.", "Monsieur", "MM"),
		titlesF:   keySet("Mme", "Madame", "Mlle", "Mademoiselle"),
		pronounsM: keySet("il", "t-il", "-il", "lui"),
		pronounsF: keySet("elle", "t-elle", "-elle"),
		roleHeads: map[string]string{
			"president": "president", "presidente": "president", "dirigeant": "leader", "dirigeante": "leader",
			"premier ministre": "prime minister", "premiere ministre": "prime minister", "chancelier": "chancellor",
			"chanceliere": "chancellor", "roi": "king", "reine": "queen", "chef": "head", "leader": "leader",
			"vice president": "vice president", "secretaire general": "secretary", "ministre": "minister",
		},
		femRoles: keySet("présidente", "dirigeante", "directrice", "première ministre", "chancelière", "reine", "princesse",
			"ambassadrice", "sénatrice", "députée", "conseillère", "avocate", "procureure", "actrice", "chanteuse", "journaliste",
			"rédactrice", "présentatrice", "fondatrice", "chercheuse", "sœur", "mère", "fille", "épouse", "veuve", "femme"),
		mascRoles: keySet("président", "dirigeant", "directeur", "chancelier", "roi", "prince", "ambassadeur", "sénateur", "député",
			"conseiller", "avocat", "procureur", "acteur", "chanteur", "rédacteur", "présentateur", "fondateur", "chercheur",
			"frère", "père", "fils", "mari", "empereur", "pape"),
		orgDemonym: true,
		placeOf:    keySet("ville", "commune", "république", "royaume", "état", "province", "région", "département", "principauté", "émirat"),
	}
	// Epicene nouns are not evidence by themselves.
	delete(fr.femRoles, "journaliste")
	en := &rules{
		lowercase:   loadSet("en", "lowercase"),
		roles:       loadSet("en", "roles"),
		orgHeads:    loadSet("en", "orgheads"),
		locHeads:    loadSet("en", "locheads"),
		miscHeads:   loadSet("en", "mischeads"),
		calendar:    loadSet("en", "calendar"),
		particles:   keySet("de", "du", "la", "le", "von", "van", "der", "den", "al", "el", "bin", "ben", "ibn", "da", "di", "dos", "del", "of"),
		determiners: keySet("the", "a", "an", "his", "her", "its", "their", "our", "this", "that"),
		locPreps:    keySet("in", "at", "near", "from", "to"),
		modifiers: keySet("former", "deputy", "vice", "chief", "senior", "acting", "interim", "assistant", "associate", "executive",
			"press", "foreign", "defense", "defence", "interior", "finance", "health", "justice", "state", "district", "national",
			"security", "general", "top", "then", "new", "longtime", "retired", "veteran", "team", "club", "party", "campaign",
			"prime", "first", "lead", "head", "communications", "policy", "intelligence", "military"),
		stops:     keySet("who", "which", "that", "whose", "where", "said", "says", "is", "was", "has", "had", "will"),
		coord:     keySet("and"),
		titlesM:   keySet("Mr", "Mr.", "Sir", "Lord"),
		titlesF:   keySet("Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dame", "Lady"),
		pronounsM: keySet("he", "his", "him"),
		pronounsF: keySet("she", "her", "hers"),
		roleHeads: map[string]string{"president": "president", "leader": "leader", "prime minister": "prime minister",
			"chancellor": "chancellor", "king": "king", "queen": "queen", "premier": "premier", "supreme leader": "leader"},
		femRoles: keySet("spokeswoman", "businesswoman", "chairwoman", "congresswoman", "councilwoman", "assemblywoman", "actress",
			"queen", "princess", "widow", "wife", "mother", "daughter", "sister"),
		mascRoles: keySet("spokesman", "businessman", "chairman", "congressman", "councilman", "assemblyman", "king", "prince",
			"emperor", "husband", "father", "son", "brother", "pope"),
		placeOf: keySet("city", "town", "village", "state", "province", "county", "republic", "kingdom", "commonwealth", "principality", "emirate"),
	}
	und := &rules{
		lowercase:   union(fr.lowercase, en.lowercase),
		roles:       union(fr.roles, en.roles),
		orgHeads:    union(fr.orgHeads, en.orgHeads),
		locHeads:    union(fr.locHeads, en.locHeads),
		miscHeads:   union(fr.miscHeads, en.miscHeads),
		calendar:    union(fr.calendar, en.calendar),
		particles:   union(fr.particles, en.particles),
		determiners: union(fr.determiners, en.determiners),
		feminine:    fr.feminine,
		masculine:   fr.masculine,
		locPreps:    union(fr.locPreps, en.locPreps),
		modifiers:   union(fr.modifiers, en.modifiers),
		stops:       union(fr.stops, en.stops),
		coord:       union(fr.coord, en.coord),
		titlesM:     union(fr.titlesM, en.titlesM),
		titlesF:     union(fr.titlesF, en.titlesF),
		pronounsM:   map[string]bool{},
		pronounsF:   map[string]bool{},
		roleHeads:   map[string]string{},
		femRoles:    union(fr.femRoles, en.femRoles),
		mascRoles:   union(fr.mascRoles, en.mascRoles),
		placeOf:     union(fr.placeOf, en.placeOf),
	}
	for k, v := range fr.roleHeads {
		und.roleHeads[k] = v
	}
	for k, v := range en.roleHeads {
		und.roleHeads[k] = v
	}
	return map[string]*rules{"fr": fr, "en": en, "und": und}
}

// names holds the first-name lists, keyed by kb.Key.
type names struct {
	female, male map[string]bool
}

func newNames() names {
	return names{female: loadSet("und", "firstnames-f"), male: loadSet("und", "firstnames-m")}
}

func (n names) gender(first string) string {
	f, m := n.female[first], n.male[first]
	switch {
	case f && !m:
		return "f"
	case m && !f:
		return "m"
	}
	return ""
}

func (n names) known(first string) bool { return n.female[first] || n.male[first] }

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
