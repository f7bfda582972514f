package quote

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/lexicon"
)

// Word classes of the closed-class tables (fr.go, en.go).
const (
	cDet     = 1 << iota // determiner
	cDef                 // definite determiner
	cIndef               // indefinite determiner
	cPron                // subject pronoun that can name a speaker
	cAux                 // auxiliary, reflexive or negation inside a verb group
	cAdv                 // adverb that may sit inside a verb group or after a verb
	cPrep                // preposition that ends a noun phrase
	cOf                  // "de", "du", "of": joins noun phrases
	cClause              // conjunction or clause word that ends a noun phrase
	cRel                 // relative pronoun
	cComp                // complementiser introducing reported content (que, that)
	cTime                // word of a time expression
	cConn                // connective that may open a sentence before a comma
	cRecip               // preposition introducing the recipient of a statement
	cMasc                // masculine (determiners, pronouns)
	cFem                 // feminine
	cPlural              // plural
	cPrepCue             // prepositional cue: selon, according (to)
	cPassive             // auxiliary of the passive voice (été, was)
	cTimeMod             // modifier closing a time phrase (dernier, last)
	cRelay               // preposition introducing a relay after a verb (auprès)
	cNeut                // neuter pronoun (it): an organisation, never a person
	cPoss                // possessive determiner (his, son): "his lawyer" is not him
	cArt                 // preposition with an article in it (du, au, aux)
)

// cue describes a reporting verb form.
type cue struct {
	say  bool // may take content without a complementiser (English "said he")
	part bool // present participle (notant, adding): ends content, makes no quote
}

// rules are one language's tables: closed classes in Go (fr.go, en.go),
// open classes from the embedded lexicons.
type rules struct {
	lang      string
	class     map[string]int
	cues      map[string]cue
	heads     map[string]head   // noun -> class and gloss
	demonyms  map[string]string // adjective or noun -> English adjective
	titleCues map[string]bool
	mediums   map[string]bool
	anaphoric map[string]bool // organisation nouns that stand for an organisation named before (the company)
	// adverbials are multiword adverbials ("pour sa part", "for his part"):
	// by folded first word, the folded words after it.
	adverbials map[string][][]string
	// lex joins the tables above for one lookup per token.
	lex map[string]lexEntry
}

// lexEntry is what the tables say about one folded word.
type lexEntry struct {
	cls   int32
	cue   int8
	head  byte
	flags uint16
}

// finish builds the joined table.
func (r *rules) finish() *rules {
	r.lex = make(map[string]lexEntry, len(r.cues)+len(r.class)+len(r.heads))
	for w, c := range r.class {
		e := r.lex[w]
		e.cls = int32(c)
		r.lex[w] = e
	}
	for w, c := range r.cues {
		e := r.lex[w]
		e.cue = cueVerb
		if c.part {
			e.cue |= cuePart
		}
		if c.say {
			e.cue |= cueSay
		}
		r.lex[w] = e
	}
	for w, h := range r.heads {
		e := r.lex[w]
		e.head = h.class
		r.lex[w] = e
	}
	for w := range r.demonyms {
		e := r.lex[w]
		e.flags |= fDemonym
		r.lex[w] = e
	}
	for w := range r.mediums {
		e := r.lex[w]
		e.flags |= fMedium
		r.lex[w] = e
	}
	return r
}

// anaphoricNouns lists, by language, the organisation nouns that a
// definite description uses to refer back to an organisation named before
// ("the company said", "selon l'entreprise", "le syndicat a estimé"), as
// opposed to institutions named by the noun itself (the government, la
// police). Every entry must be an 'o' head of quote-heads.txt.
var anaphoricNouns = map[string][]string{
	"en": {"company", "firm", "group", "union", "carrier", "airline", "bank", "corporation", "agency", "network",
		"broadcaster", "club", "team", "organization", "organisation", "federation", "league", "outlet",
		"maker", "manufacturer", "retailer", "insurer", "lender", "utility", "producer", "association", "foundation",
		"fund", "trust"},
	"fr": {"entreprise", "société", "groupe", "compagnie", "syndicat", "constructeur", "opérateur", "fédération",
		"association", "banque", "agence", "chaîne", "club", "équipe", "ligue", "collectif", "fondation", "ong",
		"institut", "observatoire", "quotidien", "hebdomadaire", "journal", "magazine", "radio", "télévision",
		"transporteur", "enseigne", "firme", "distributeur", "assureur", "fabricant", "laboratoire", "fonds"},
}

type head struct {
	class byte // 'p' person role, 'o' organisation noun, 'd' document noun
	gloss string
}

// shared tables for every language.
type common struct {
	orgWords    map[string]bool
	outletWords map[string]bool
	firstNames  map[string]byte // first name -> 'm' or 'f'
}

// firstName returns the gender of a known first name, or 0.
func (c *common) firstName(w string) byte {
	if g, ok := c.firstNames[w]; ok {
		return g
	}
	if i := strings.IndexAny(w, "-‑"); i > 0 {
		return c.firstNames[w[:i]] // Jean-Baptiste
	}
	return 0
}

func (r *rules) is(low string, c int) bool { return r.class[low]&c != 0 }

func newRules(lang string, closed map[string]int, sayForms []string) *rules {
	r := &rules{
		lang:      lang,
		class:     closed,
		cues:      map[string]cue{},
		heads:     map[string]head{},
		demonyms:  map[string]string{},
		titleCues: map[string]bool{},
		mediums:   map[string]bool{},
		anaphoric: map[string]bool{},
	}
	stop := map[string]bool{}
	for _, w := range lexicon.Lines(lang, "quote-verbs-stop") {
		stop[fold(w)] = true
	}
	add := func(w string) {
		w = fold(w)
		if w == "" || stop[w] {
			return
		}
		c := cue{}
		switch lang {
		case "fr":
			c.part = strings.HasSuffix(w, "ant")
		case "en":
			c.part = strings.HasSuffix(w, "ing")
		}
		r.cues[w] = c
	}
	for _, w := range lexicon.Lines(lang, "quote-verbs") {
		add(w)
	}
	for _, w := range lexicon.Lines(lang, "quote-verbs-extra") {
		add(w)
	}
	for _, line := range lexicon.Lines(lang, "quote-verb-lemmas") {
		for _, w := range frenchForms(line) {
			add(w)
		}
	}
	for _, w := range sayForms {
		if c, ok := r.cues[w]; ok {
			c.say = true
			r.cues[w] = c
		}
	}
	plurals := map[string]head{}
	for _, line := range lexicon.Lines(lang, "quote-heads") {
		f := strings.Split(line, "\t")
		if len(f) < 2 || f[1] == "" {
			continue
		}
		h := head{class: f[1][0]}
		if len(f) > 2 {
			h.gloss = f[2]
		} else if lang == "en" {
			h.gloss = f[0]
		}
		r.heads[fold(f[0])] = h
	}
	// regular plurals of the heads not listed (syndicats, companies are
	// listed where irregular)
	for w, h := range r.heads {
		if strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "y") && lang == "en" {
			continue
		}
		if _, ok := r.heads[w+"s"]; !ok {
			if h.gloss != "" && lang != "en" {
				h.gloss += "s"
			}
			plurals[w+"s"] = h
		}
	}
	for w, h := range plurals {
		r.heads[w] = h
	}
	for _, line := range lexicon.Lines(lang, "quote-demonyms") {
		f := strings.Split(line, "\t")
		en := f[0]
		if len(f) > 1 {
			en = f[1]
		}
		r.demonyms[fold(f[0])] = en
	}
	for _, w := range lexicon.Lines(lang, "quote-title-cues") {
		r.titleCues[fold(w)] = true
	}
	r.adverbials = map[string][][]string{}
	for _, line := range lexicon.Lines(lang, "quote-adverbials") {
		ws := strings.Fields(line)
		for i := range ws {
			ws[i] = fold(ws[i])
		}
		if len(ws) > 1 {
			r.adverbials[ws[0]] = append(r.adverbials[ws[0]], ws[1:])
		}
	}
	for _, w := range lexicon.Lines(lang, "quote-mediums") {
		r.mediums[fold(w)] = true
	}
	for _, w := range anaphoricNouns[lang] {
		r.anaphoric[w] = true
	}
	return r.finish()
}

// merge returns rules holding both languages' entries (for undetermined
// languages).
func merge(a, b *rules) *rules {
	r := &rules{lang: "und", class: map[string]int{}, cues: map[string]cue{}, heads: map[string]head{},
		demonyms: map[string]string{}, titleCues: map[string]bool{}, mediums: map[string]bool{}, anaphoric: map[string]bool{},
		adverbials: map[string][][]string{}}
	for _, x := range []*rules{a, b} {
		for k, v := range x.adverbials {
			r.adverbials[k] = append(r.adverbials[k], v...)
		}
		for k, v := range x.class {
			r.class[k] |= v
		}
		for k, v := range x.cues {
			r.cues[k] = v
		}
		for k, v := range x.heads {
			r.heads[k] = v
		}
		for k, v := range x.demonyms {
			r.demonyms[k] = v
		}
		for k := range x.titleCues {
			r.titleCues[k] = true
		}
		for k := range x.mediums {
			r.mediums[k] = true
		}
		for k := range x.anaphoric {
			r.anaphoric[k] = true
		}
	}
	return r.finish()
}

func newCommon() *common {
	c := &common{orgWords: map[string]bool{}, outletWords: map[string]bool{}, firstNames: map[string]byte{}}
	// first-name lists shared with the entity stage (lexicon/data/und)
	for _, w := range lexicon.Lines("und", "firstnames-m") {
		c.firstNames[w] = 'm'
	}
	for _, w := range lexicon.Lines("und", "firstnames-f") {
		if _, both := c.firstNames[w]; both {
			c.firstNames[w] = 'x'
			continue
		}
		c.firstNames[w] = 'f'
	}
	// given names of either gender, from the named-entity training data
	for _, w := range lexicon.Lines("und", "givennames") {
		if _, ok := c.firstNames[w]; !ok {
			c.firstNames[w] = 'x'
		}
	}
	for _, w := range lexicon.Lines("und", "quote-org-words") {
		c.orgWords[w] = true
	}
	for _, w := range lexicon.Lines("und", "quote-outlet-words") {
		c.outletWords[w] = true
	}
	return c
}

// fold lowercases a word and writes apostrophes as '.
func fold(s string) string {
	lower := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			lower = false
			break
		}
	}
	if lower {
		return s
	}
	change := false
	for _, r := range s {
		if unicode.IsUpper(r) || r == '’' {
			change = true
			break
		}
	}
	if !change {
		return s
	}
	s = strings.ToLower(s)
	if strings.ContainsRune(s, '’') {
		s = strings.ReplaceAll(s, "’", "'")
	}
	return s
}

// frenchForms expands one line of quote-verb-lemmas.txt: a regular -er or
// -ir lemma (third-person forms, participles, infinitive), or
// "lemma<TAB>forms".
func frenchForms(line string) []string {
	if i := strings.IndexByte(line, '\t'); i >= 0 {
		return append([]string{line[:i]}, strings.Fields(line[i+1:])...)
	}
	lemma := strings.TrimSpace(line)
	switch {
	case strings.HasSuffix(lemma, "er"):
		return firstGroup(lemma)
	case strings.HasSuffix(lemma, "ir"):
		s := strings.TrimSuffix(lemma, "ir")
		out := []string{lemma}
		for _, e := range []string{"it", "issent", "issait", "issaient", "irent", "ira", "iront", "irait", "iraient",
			"i", "ie", "is", "ies", "issant"} {
			out = append(out, s+e)
		}
		return out
	}
	return []string{lemma}
}

// firstGroup conjugates a regular -er verb in the third person.
func firstGroup(lemma string) []string {
	stem := strings.TrimSuffix(lemma, "er")
	// soft stem before a and o: annonç-, exige-.
	soft := stem
	switch {
	case strings.HasSuffix(stem, "c"):
		soft = strings.TrimSuffix(stem, "c") + "ç"
	case strings.HasSuffix(stem, "g"):
		soft = stem + "e"
	}
	// stem before a mute e: révèl-, lèv-, appell-.
	mute, muteFut := stem, stem
	if i := lastVowel(stem); i >= 0 {
		v := stem[i:]
		switch {
		case strings.HasPrefix(v, "é") && len(v) > len("é"):
			mute = stem[:i] + "è" + v[len("é"):]
		case strings.HasPrefix(v, "e") && i > 0 && len(v) > 1 && !isVowelByte(stem[i-1]):
			if (strings.HasSuffix(stem, "el") || strings.HasSuffix(stem, "et")) && !eleWithGrave[lemma] {
				mute = stem + stem[len(stem)-1:]
			} else {
				mute = stem[:i] + "è" + v[1:]
			}
			muteFut = mute
		}
	}
	out := []string{lemma,
		mute + "e", mute + "ent",
		soft + "ait", soft + "aient", soft + "a", stem + "èrent", soft + "ant",
		muteFut + "era", muteFut + "eront", muteFut + "erait", muteFut + "eraient",
		stem + "é", stem + "ée", stem + "és", stem + "ées",
	}
	if muteFut != stem {
		out = append(out, stem+"era", stem+"erait")
	}
	return out
}

// eleWithGrave lists -eler/-eter verbs that take è instead of doubling the
// consonant (il martèle).
var eleWithGrave = map[string]bool{"marteler": true, "harceler": true, "modeler": true, "démanteler": true,
	"geler": true, "peler": true, "ciseler": true, "acheter": true, "receler": true}

// lastVowel returns the byte index of the last vowel of s, or -1; the u of
// gu and qu is not a vowel.
func lastVowel(s string) int {
	last := -1
	prev := rune(0)
	for i, r := range s {
		switch r {
		case 'a', 'e', 'i', 'o', 'y', 'é', 'è', 'ê', 'â', 'î', 'ô', 'û', 'ï':
			last = i
		case 'u':
			if prev != 'g' && prev != 'q' {
				last = i
			}
		}
		prev = r
	}
	return last
}

func isVowelByte(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}
