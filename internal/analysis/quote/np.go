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

// candidate analyses the speaker phrase [s, e). Rules, in order: a name
// run right after a title or role word ("prosecutor James Cole", "le
// journaliste Viktor Frédéric"); a run closing a phrase headed by an
// organisation noun ("l'agence de presse russe TASS"); a description headed
// by a role or document noun ("le porte-parole du Conseil", "un responsable
// sud-coréen"; plural with a named complement: "les prévisionnistes de
// l'INSEE" is INSEE); the first name run; any other description.
func (a *analyzer) candidate(s, e int) cand {
	c := cand{s: s, e: e, ns: s, ne: e}
	if s >= e {
		return c
	}
	if e-s == 1 && a.isClass(s, cPron) && !a.isClass(s, cDet) {
		c.kind = kPron
		cl := int(a.toks[s].cls)
		c.plural = cl&cPlural != 0
		c.neuter = cl&cNeut != 0
		if cl&cFem != 0 {
			c.gender = 'f'
		} else if cl&cMasc != 0 {
			c.gender = 'm'
		}
		c.name = a.slice(s, e)
		return c
	}
	i := s
	for i < e && a.isClass(i, cDet) && !a.isClass(i, cPron) {
		cl := int(a.toks[i].cls)
		c.def = c.def || cl&cDef != 0
		c.poss = c.poss || cl&cPoss != 0
		c.plural = c.plural || cl&cPlural != 0
		if cl&cFem != 0 {
			c.gender = 'f'
		} else if cl&cMasc != 0 {
			c.gender = 'm'
		}
		i++
	}
	// "un de ses représentants", "one of the officials": the head is in
	// the complement
	if i > s && i+1 < e && a.isClass(i, cOf) && !a.toks[i].is(fCap) {
		switch a.toks[i-1].low {
		case "un", "une", "one", "l'un", "l'une":
			i++
			for i < e && a.isClass(i, cDet) && !a.isClass(i, cPron) {
				c.poss = c.poss || a.isClass(i, cPoss)
				i++
			}
			c.plural = false
		}
	}
	if i >= e {
		return c
	}
	type run struct{ s, e int }
	var runs []run
	headAt, compAt := -1, -1 // first head noun; first "de/of" complement
	for k := i; k < e; {
		t := &a.toks[k]
		if t.tq >= 0 {
			k = a.quotes[t.tq].end
			continue
		}
		if a.nameTok(k) {
			re := a.runEnd(k, e)
			// "Transports Jean-Baptiste Djebbari": the name starts at the
			// first name.
			for f := k + 1; f < re-1; f++ {
				if a.nameGender(f) != 0 || a.c.firstName(a.d.Text[a.toks[f].sp.Start:a.toks[f].sp.End]) == 'x' {
					runs = append(runs, run{k, f})
					k = f
					break
				}
			}
			if re-k == 1 && len([]rune(a.toks[k].low)) == 1 {
				k = re // a lone initial or interview label (R:)
				continue
			}
			if re-k == 1 && a.isDemonym(k) {
				if headAt < 0 && compAt < 0 {
					headAt = k
				}
				k = re
				continue
			}
			runs = append(runs, run{k, re})
			k = re
			continue
		}
		if compAt < 0 && a.isComplement(k, e) {
			compAt = k
		}
		if headAt < 0 && compAt < 0 {
			if t.head != 0 {
				headAt = k
			}
		}
		k++
	}
	// English compounds end with their head: "company officials", "Kremlin
	// spokesman", "the company's chief executive".
	if headAt >= 0 && a.r.lang == "en" {
		for k := headAt + 1; k < e && (compAt < 0 || k < compAt); k++ {
			t := &a.toks[k]
			if t.low == "'s" || t.low == "’s" {
				continue
			}
			if !t.is(fWord) || t.is(fCap) || t.tq >= 0 {
				break
			}
			if t.head != 0 {
				headAt = k
			}
		}
	}
	hclass := byte(0)
	if headAt >= 0 {
		c.head = a.toks[headAt].low
		if h, ok := a.r.heads[c.head]; ok {
			hclass = h.class
		} else {
			hclass = 'p' // a demonym noun
		}
		c.headClass = hclass
	}
	// R0: a run right after a role or title word, the last such run
	// ("Chief Soviet arms negotiator Yuli Vorontsov").
	for ri := len(runs) - 1; ri >= 0; ri-- {
		r := runs[ri]
		if compAt >= 0 && r.s > compAt && ri > 0 {
			continue // in a complement: "prosecutor James Cole of the Justice Department"
		}
		k := r.s - 1
		for k >= i && (a.isDemonym(k) || a.toks[k].low == "'s") {
			k--
		}
		if k >= i {
			if a.toks[k].head == 'p' && !(r.e-r.s == 1 && a.toks[r.s].is(fUpper) && r.e < e) {
				// (not "la présidente LR de la région": a party acronym
				// qualifying the role)
				// a capitalised role word opening an organisation's name
				// is part of it: "the Economist Intelligence Unit"
				if a.toks[k].is(fCap) && !a.toks[k].is(fSentStart) && a.personLike(r.s, r.e) < 0 {
					// "the Attorney General's Office": back over the
					// capitalised role words
					for k-1 >= i && (a.toks[k-1].is(fCap) && a.toks[k-1].head == 'p' || a.toks[k-1].low == "'s" || a.toks[k-1].low == "’s") {
						k--
					}
					if a.toks[k].is(fCap) {
						return a.named(c, k, r.e)
					}
				}
				return a.named(c, r.s, r.e)
			}
		}
	}
	// R1b: a person's name closing a phrase after other words ("Republican
	// pollster Bill McInturff", "Fox News's Ed Henry").
	if n := len(runs); n > 1 && runs[n-1].e == e && a.personLike(runs[n-1].s, runs[n-1].e) == 1 && (compAt < 0 || compAt > runs[n-1].s || a.nameGender(runs[n-1].s) != 0) {
		return a.named(c, runs[n-1].s, runs[n-1].e)
	}
	// R1: a run closing a phrase headed by an organisation noun, with no
	// complement in between.
	if n := len(runs); n > 0 && runs[n-1].e == e && headAt >= 0 && headAt < runs[n-1].s && (compAt < 0 || compAt > runs[n-1].s) {
		return a.named(c, runs[n-1].s, runs[n-1].e)
	}
	// R2': a role noun after a name: the City manager, the Kremlin
	// spokesman.
	if len(runs) > 0 && runs[len(runs)-1].e < e && (headAt < 0 || headAt == e-1) {
		k := e - 1
		if a.toks[k].head == 'p' && a.toks[k].is(fWord) && !a.toks[k].is(fCap) {
			c.kind, c.ns, c.ne = kDesc, k, k+1
			c.head, c.headClass = a.toks[k].low, 'p'
			c.bare = true
			c.comp = a.slice(runs[0].s, runs[0].e)
			c.cs, c.ce = runs[0].s, runs[0].e
			c.name = a.slice(i, e)
			return c
		}
	}
	// R2o: an institution named by its head noun and a complement (le
	// ministère de l'Intérieur, la Banque de France).
	if headAt == i && hclass == 'o' && compAt > headAt && len(runs) > 0 && runs[0].s > compAt && runs[len(runs)-1].e == e {
		return a.named(c, headAt, e)
	}
	// R2: a description headed by a role or document noun.
	if headAt >= 0 && (hclass == 'p' || hclass == 'd') && (len(runs) == 0 || runs[0].s > headAt) {
		// a person's name closing the description: "le maire de la
		// commune Patrice Leclerc", "le président de l'Assemblée Claude
		// Bartolone"
		if n := len(runs); n > 0 && hclass == 'p' && runs[n-1].e == e && runs[n-1].s > headAt+1 && a.trailingName(runs[n-1].s, runs[n-1].e) {
			return a.named(c, runs[n-1].s, runs[n-1].e)
		}
		c.kind, c.ns, c.ne = kDesc, headAt, headAt+1
		c.bare = compAt < 0 && e-i <= 3
		if compAt >= 0 {
			for _, r := range runs {
				if r.s > compAt {
					c.comp = a.slice(r.s, r.e)
					c.cs, c.ce = r.s, r.e
					if c.plural && hclass == 'p' && a.isClass(compAt, cOf) {
						return a.named(c, r.s, r.e)
					}
					break
				}
			}
		}
		c.name = a.slice(i, e)
		if !c.def {
			c.gloss = a.gloss(i, e, headAt, c.comp)
		}
		if !c.def && !c.plural && strings.HasSuffix(c.head, "s") && i == s && len(c.head) > 3 || a.pluralHead(c.head) {
			c.plural = true // bare plural: defense attorneys
		}
		return c
	}
	// R3: the first run; French sentence-case names run on in lower case
	// (la Banque centrale européenne, la Commission nationale de ...).
	if len(runs) > 0 {
		r := runs[0]
		end := r.e
		if r.s == i && a.r.lang != "en" {
			k := r.e
			for k < e && a.toks[k].is(fWord) && !a.toks[k].is(fCap) && a.toks[k].tq < 0 {
				k++
			}
			if k == e {
				end = e
			}
		}
		return a.named(c, r.s, end)
	}
	// R4: any other description with a known head ("the common council").
	if headAt < 0 {
		for k := e - 1; k >= i; k-- {
			if a.toks[k].head != 0 && !a.toks[k].is(fCap) && (compAt < 0 || k < compAt) {
				headAt = k
				break
			}
		}
	}
	if headAt >= 0 {
		c.kind, c.ns, c.ne = kDesc, headAt, headAt+1
		c.head = a.toks[headAt].low
		c.bare = compAt < 0 && e-i <= 3
		c.name = a.slice(i, e)
		if !c.def {
			c.gloss = a.gloss(i, e, headAt, "")
		}
		if !c.def && strings.HasSuffix(c.head, "s") && i == s && len(c.head) > 3 || a.pluralHead(c.head) {
			c.plural = true
		}
	}
	return c
}

// trailingName reports a person's name run [s, e) that closes a role
// description after a common noun or another name (an apposition without
// a comma): two words or more, no organisation word, and a known first
// name unless a lower-case noun comes before it.
func (a *analyzer) trailingName(s, e int) bool {
	if a.personLike(s, e) != 1 || s == 0 {
		return false
	}
	p := &a.toks[s-1]
	if p.is(fWord) && !p.is(fCap) && p.cls&(cOf|cDet|cPrep|cClause|cAux|cPron) == 0 && p.q < 0 {
		return true
	}
	return p.is(fCap) && a.c.firstName(a.d.Text[a.toks[s].sp.Start:a.toks[s].sp.End]) != 0
}

// pluralHead reports a head noun whose singular is a head too (officials,
// responsables, témoins).
func (a *analyzer) pluralHead(h string) bool {
	if len(h) < 4 || !(strings.HasSuffix(h, "s") || strings.HasSuffix(h, "x")) {
		return false
	}
	_, ok := a.r.heads[h[:len(h)-1]]
	return ok
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
