package quote

import (
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// maxNP bounds noun-phrase scans (tokens).
const maxNP = 16

// Kinds of speaker phrases.
const (
	kNone = iota
	kName
	kPron
	kDesc
)

// cand is a speaker phrase before resolution.
type cand struct {
	kind      int
	s, e      int    // token range of the whole phrase
	ns, ne    int    // token range of the name (kName) or head (kDesc)
	name      string // surface name, or description without determiner
	head      string // folded head noun of a description
	headClass byte
	def       bool // definite description
	plural    bool
	neuter    bool // the pronoun it
	bare      bool // a description with no complement and at most three words (the company)
	poss      bool // after a possessive determiner (son avocat, her friend)
	gender    byte
	comp      string // name in a "de X" complement of a description
	cs, ce    int    // token range of comp
	gloss     string // English gloss of a French description
}

// speaker is a resolved speaker.
type speaker struct {
	name     string
	entityID string
	span     doc.Span
	anon     bool
	person   int // 1 person, -1 not a person, 0 unknown
	gender   byte
	plural   bool
	pronoun  bool
	named    bool // named in the attribution itself
	generic  bool // an organisation described, not resolved to a name (the company)
}

// attribution is a speaker with a cue and relays, shared by the quotes it
// covers.
type attribution struct {
	spk  speaker
	cue  doc.Span
	via  []doc.Relay
	to   []doc.Relay
	conf float64
	pos  int // token index of the cue (or speaker when there is no cue)
	para int
	weak bool // the cue introduces nothing: only quotes of its unit use it
}

func (at *attribution) speaker() doc.Speaker {
	return doc.Speaker{EntityID: at.spk.entityID, Name: at.spk.name, Span: at.spk.span, Anonymous: at.spk.anon}
}

// indirectRec is reported content.
type indirectRec struct {
	span doc.Span
	att  int
	conf float64
}

func (a *analyzer) low(i int) string { return a.toks[i].low }

func (a *analyzer) isClass(i int, c int) bool { return a.toks[i].cls&int32(c) != 0 }

// cueAt returns the reporting-verb reading of token i.
func (a *analyzer) cueAt(i int) (cue, bool) {
	x := a.toks[i].cue
	return cue{part: x&cuePart != 0, say: x&cueSay != 0}, x != 0
}

// headAt returns the head-noun class of token i, or 0.
func (a *analyzer) headAt(i int) byte { return a.toks[i].head }

// isInitialOrAbbrevDot reports a period that belongs to the name before it
// (F. in Robert F. Collins, Jr., M. Dupont).
func (a *analyzer) isNameDot(i int) bool {
	if i <= 0 || a.toks[i].low != "." || a.toks[i].sp.Start != a.toks[i-1].sp.End {
		return false
	}
	p := a.toks[i-1]
	if !p.is(fCap) {
		return false
	}
	if utf8.RuneCountInString(p.low) == 1 {
		return true
	}
	switch p.low {
	case "jr", "sr", "st", "dr", "mr", "mrs", "ms", "m", "mme", "mlle", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "prof", "pr", "me", "mgr":
		return true
	}
	return false
}

// isParticle reports name particles that may sit inside a name.
func isParticle(low string) bool {
	switch low {
	case "de", "du", "des", "d'", "van", "von", "der", "den", "da", "di", "del", "della", "bin", "ben", "al", "el", "ibn", "dos", "das", "le", "la", "ter", "ten", "y":
		return true
	}
	return false
}

// isRelayWord reports words that chain a relay to a source ("citant").
func isRelayWord(low string) bool {
	switch low {
	case "citant", "citing", "quoting", "cité", "citée", "cités", "citées", "quoted", "cited", "interrogé", "interrogée", "interrogés":
		return true
	}
	return false
}

// nameTok reports whether token i can be part of a name run: a
// capitalised word that is not a title, a function word or, at the start of
// a sentence, a word never seen capitalised elsewhere.
func (a *analyzer) nameTok(i int) bool {
	t := &a.toks[i]
	if t.q >= 0 || !t.is(fCap) {
		return false
	}
	if t.is(fUpper) {
		return t.head != 'p' // PDG, CEO are titles
	}
	if t.cls&(cTime|cDet|cPron|cPrep|cClause|cConn|cAux|cComp) != 0 {
		return false
	}
	if t.head == 'p' {
		return false // a title: Mayor, Judge, Président
	}
	if t.is(fSentStart) && !a.capSeen[t.low] {
		// a sentence-initial word never seen capitalised elsewhere is a
		// name when another name or a verb follows ("Koffler estime")
		if i+1 >= len(a.toks) || a.toks[i+1].q >= 0 {
			return false
		}
		n := &a.toks[i+1]
		return n.is(fCap) && !n.is(fSentStart) || n.cue&cueVerb != 0 && n.cue&cuePart == 0 || n.cls&cAux != 0 && n.cls&(cPron|cOf|cDet) == 0
	}
	return true
}

// maxRun bounds the length of a name run (tokens).
const maxRun = 10

// runEnd returns the end of the name run starting at i (i itself if none).
func (a *analyzer) runEnd(i, limit int) int {
	j := i
	if limit > i+maxRun {
		limit = i + maxRun
	}
	for j < limit {
		switch {
		case a.nameTok(j):
			j++
		case j > i && a.isNameDot(j):
			j++
		case j > i && j+1 < limit && isParticle(a.toks[j].low) && !a.toks[j].is(fSentStart) && a.toks[j].q < 0 &&
			(a.nameTok(j+1) || a.toks[j+1].is(fCap) && a.toks[j+1].head == 'p' && a.toks[j+1].q < 0):
			j += 2 // "Le Maire", "de Gaulle": a title word after a particle is a surname
		default:
			return j
		}
	}
	return j
}

// npBreak reports tokens that cannot be inside a speaker phrase.
func (a *analyzer) npBreak(i int) bool {
	t := &a.toks[i]
	if t.q >= 0 {
		return true
	}
	if t.tq >= 0 {
		return false
	}
	if !t.is(fWord) {
		return !(t.low == "'s" || a.isNameDot(i) || t.low == "-")
	}
	if t.is(fCap) {
		// a capitalised function word opens a sentence (When, On, Selon)
		return t.cls&(cPrep|cClause|cComp|cRel|cAux|cConn) != 0 && t.cls&(cDet|cOf) == 0 && !t.is(fUpper)
	}
	if t.cls&(cPrep|cClause|cComp|cPron|cAux|cRel|cAdv) != 0 && t.cls&(cDet|cOf) == 0 {
		return true
	}
	if isRelayWord(t.low) {
		return true
	}
	if t.cue != 0 {
		return t.head == 0 || t.cue&cuePart != 0
	}
	return false
}

// npForward parses a speaker phrase starting at i; it returns its end (i
// when none).
func (a *analyzer) npForward(i, limit int) int {
	j := i
	if j < limit && a.toks[j].is(fWord) && a.isClass(j, cPron) && !a.isClass(j, cDet) {
		return j + 1
	}
	for j < limit && a.isClass(j, cDet) && !a.isClass(j, cPron) {
		j++
	}
	start := j
	for j < limit && j-i < maxNP {
		t := &a.toks[j]
		if t.tq >= 0 {
			j = a.quotes[t.tq].end
			continue
		}
		if a.roleFor(j) && a.mediumAhead(j+1, limit) {
			break // "the vice president in a statement": a setting
		}
		if a.isClass(j, cOf) && !t.is(fCap) || a.roleFor(j) {
			// de/of continues the phrase when a noun phrase follows.
			k := j + 1
			for k < limit && a.isClass(k, cDet) && !a.toks[k].is(fCap) {
				k++
			}
			if k < limit && !a.npBreak(k) && a.toks[k].is(fWord) && !a.isClass(k, cOf) {
				j = k
				continue
			}
			break
		}
		if a.isClass(j, cTime) && !t.is(fCap) && j > start && !a.isClass(j-1, cOf) && a.toks[j-1].Kind() != 1 {
			break
		}
		if a.npBreak(j) {
			break
		}
		// a participle ends it ("une source officielle ayant requis
		// l'anonymat")
		if j > start && a.r.lang != "en" && !a.isClass(j-1, cOf|cDet) && a.participleTail(j) {
			break
		}
		// a determiner opens another phrase ("à l'AFP une porte-parole")
		if j > start && a.isClass(j, cDet) && !a.isClass(j, cOf|cPron) && !t.is(fCap) && !a.isClass(j-1, cOf|cDet) && !a.roleFor(j-1) {
			break
		}
		// after a name, only a complement or another name may follow
		// ("Collins betrayed a trust" is not one phrase)
		if j > start && !t.is(fCap) && a.toks[j-1].is(fCap) && !a.isClass(j, cOf) && t.low != "'s" && !a.isNameDot(j) && t.tq < 0 {
			if t.head == 0 && !a.isDemonym(j) && a.r.lang != "fr" {
				break
			}
		}
		j++
	}
	// drop trailing joiners and determiners
	for j > start && (a.isClass(j-1, cOf|cDet) && !a.toks[j-1].is(fCap) || a.toks[j-1].low == "-") {
		j--
	}
	if j == start {
		return i
	}
	return j
}

// Kind returns 1 for number tokens (digits), else 0.
func (t *tok) Kind() int {
	if t.is(fWord) && t.low != "" && t.low[0] >= '0' && t.low[0] <= '9' {
		return 1
	}
	return 0
}

// npBackward parses a speaker phrase ending before end; it returns its
// start (end when none).
func (a *analyzer) npBackward(end, limit int) int {
	j := end - 1
	if j < limit {
		return end
	}
	if a.toks[j].is(fWord) && a.isClass(j, cPron) && !a.isClass(j, cDet) {
		return j
	}
	start := end
	for j >= limit && end-j <= maxNP {
		t := &a.toks[j]
		if t.tq >= 0 {
			j = a.quotes[t.tq].open - 1
			start = j + 1
			continue
		}
		if a.isClass(j, cDet) && !a.isClass(j, cPron) {
			if j-1 >= limit && (a.isClass(j-1, cOf) && !a.toks[j-1].is(fCap) || a.roleFor(j-1)) {
				j--
				continue
			}
			if a.isClass(j, cOf) && j-1 >= limit && !a.npBreak(j-1) && a.toks[j-1].is(fWord) && !a.isClass(j-1, cDet) {
				start = j
				j--
				continue // "des" inside a phrase: de + les
			}
			start = j
			break
		}
		if a.isClass(j, cOf) && !t.is(fCap) || a.roleFor(j) {
			if j-1 >= limit && !a.npBreak(j-1) && a.toks[j-1].is(fWord) {
				j--
				continue
			}
			break
		}
		if a.npBreak(j) {
			break
		}
		if a.isClass(j, cTime) && !t.is(fCap) && !(j-1 >= limit && (a.isClass(j-1, cOf) || a.toks[j-1].Kind() == 1)) {
			break
		}
		start = j
		j--
	}
	for start < end && a.isClass(start, cOf) && !a.toks[start].is(fCap) {
		start++
	}
	return start
}

func (a *analyzer) named(c cand, s, e int) cand {
	c.kind, c.ns, c.ne = kName, s, e
	c.name = a.slice(s, e)
	return c
}

// roleFor reports an English preposition that joins a role noun to the
// body or place it speaks for ("a spokesman for the Port", "a lawyer for
// Smith", "the counselor in Belgrade", "an official at the ministry").
func (a *analyzer) roleFor(k int) bool {
	switch a.toks[k].low {
	case "for", "at", "in", "from", "to":
	default:
		return false
	}
	return a.r.lang != "fr" && k > 0 && a.toks[k-1].head == 'p' && !a.toks[k-1].is(fCap) && a.toks[k-1].q < 0
}

// mediumAhead reports a medium or setting word ("statement", "conference
// call") among the few words from k: the preposition before them opens a
// setting, not a role's complement.
func (a *analyzer) mediumAhead(k, limit int) bool {
	for n := 0; k < limit && n < 4; k, n = k+1, n+1 {
		if a.toks[k].is(fMedium) {
			return true
		}
		if !a.toks[k].is(fWord) {
			return false
		}
	}
	return false
}

// isDemonym reports a nationality word ("russe", "Spaniard").
func (a *analyzer) isDemonym(i int) bool {
	return a.toks[i].is(fDemonym)
}

// isComplement reports a "de/of" that opens a complement (de la CNRV, du
// NSC, of the U.S., d'ABC News) rather than a compound (agence de presse).
func (a *analyzer) isComplement(k, e int) bool {
	if a.roleFor(k) {
		return true
	}
	if !a.isClass(k, cOf) || a.toks[k].is(fCap) {
		return false
	}
	switch a.toks[k].low {
	case "du", "des":
		return true
	}
	if k+1 >= e {
		return false
	}
	return a.isClass(k+1, cDet) || a.toks[k+1].is(fCap)
}

// gloss renders a French role description in English ("responsable
// sud-coréen" → "South Korean official"), or "" when a word is unknown.
func (a *analyzer) gloss(s, e, headAt int, comp string) string {
	if a.r.lang != "fr" {
		return ""
	}
	h, ok := a.r.heads[a.toks[headAt].low]
	if !ok || h.gloss == "" || h.class != 'p' {
		return ""
	}
	var adj []string
	for k := s; k < e; k++ {
		if k == headAt || a.toks[k].tq >= 0 {
			continue
		}
		if a.isClass(k, cOf) {
			break
		}
		en, ok := a.r.demonyms[a.toks[k].low]
		if !ok {
			return ""
		}
		adj = append(adj, en)
	}
	out := strings.Join(append(adj, h.gloss), " ")
	if comp != "" {
		out = comp + " " + out
	}
	return out
}

// slice returns the text of tokens [s, e).
func (a *analyzer) slice(s, e int) string {
	if s >= e {
		return ""
	}
	return a.d.Text[a.toks[s].sp.Start:a.toks[e-1].sp.End]
}

// span returns the byte span of tokens [s, e).
func (a *analyzer) span(s, e int) doc.Span {
	if s >= e {
		return doc.Span{}
	}
	return doc.Span{Start: a.toks[s].sp.Start, End: a.toks[e-1].sp.End}
}
