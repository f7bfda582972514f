package quote

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// Boundary kinds: what precedes an attribution clause.
const (
	bStart = iota // unit start or hard punctuation (: ; — parentheses)
	bQuote        // a closing quotation mark, maybe with a comma
	bComma        // a comma after text
	bRel          // a relative pronoun (qui, who)
	bCoord        // a coordinating conjunction (et, and)
	bOther        // a word: the subject is before the verb
)

type bound struct {
	kind int
	at   int // token index of the boundary
	q    int // quote index for bQuote
}

// maxAfter bounds the scan after a cue (tokens).
const maxAfter = 40

func (a *analyzer) boundary(j int, u unit) bound {
	if j < u.a {
		return bound{kind: bStart, at: u.a - 1}
	}
	t := &a.toks[j]
	if t.is(fClose) {
		return bound{kind: bQuote, at: j, q: int(t.q)}
	}
	if t.q >= 0 {
		return bound{kind: bStart, at: j}
	}
	switch t.low {
	case ",":
		if j-1 >= u.a && a.toks[j-1].is(fClose) {
			return bound{kind: bQuote, at: j - 1, q: int(a.toks[j-1].q)}
		}
		if j-1 >= u.a && a.toks[j-1].q >= 0 && a.quotes[a.toks[j-1].q].end == j {
			return bound{kind: bQuote, at: j - 1, q: int(a.toks[j-1].q)} // « A, a-t-il dit, B »
		}
		return bound{kind: bComma, at: j}
	case ":", ";", "—", "–", "(", ")", "-", ".", "!", "?", "…", "[", "]":
		return bound{kind: bStart, at: j}
	case "et", "and", "mais", "but", "puis", "ou", "or":
		return bound{kind: bCoord, at: j}
	}
	if a.isClass(j, cRel) && !t.is(fCap) {
		return bound{kind: bRel, at: j}
	}
	return bound{kind: bOther, at: j}
}

func isClitic(low string) bool {
	switch low {
	case "-il", "-t-il", "-elle", "-t-elle", "-ils", "-t-ils", "-elles", "-t-elles", "-on", "-t-on":
		return true
	}
	return false
}

// isAdverb reports adverbs in -ment and -ly (not after a determiner).
func (a *analyzer) isAdverb(j int) bool {
	t := &a.toks[j]
	if t.is(fCap) || !t.is(fWord) {
		return false
	}
	if a.isClass(j, cAdv) {
		return true
	}
	l := t.low
	if !(len(l) > 6 && strings.HasSuffix(l, "ment") || len(l) > 5 && strings.HasSuffix(l, "ly")) {
		return false
	}
	return j == 0 || !a.isClass(j-1, cDet)
}

// adverbialEnd returns the end of the multiword adverbial at token j, up to
// limit ("au contraire", "pour sa part", "for his part"), or j.
func (a *analyzer) adverbialEnd(j, limit int) int {
	if a.toks[j].is(fCap) {
		return j
	}
next:
	for _, rest := range a.r.adverbials[a.toks[j].low] {
		k := j + 1
		for _, w := range rest {
			if k >= limit || a.toks[k].low != w {
				continue next
			}
			k++
		}
		return k
	}
	return j
}

// verbCue reports whether token i is a reporting verb used as a verb.
func (a *analyzer) verbCue(i int, u unit) (cue, bool) {
	t := &a.toks[i]
	c, ok := a.cueAt(i)
	if !ok || c.part {
		return c, false
	}
	if t.is(fCap) && !(i+1 < u.b && isClitic(a.toks[i+1].low)) {
		return c, false
	}
	// (déclare, assure, considère are present forms of -er verbs, not
	// infinitives in -re)
	if a.r.lang != "en" && (strings.HasSuffix(t.low, "er") || strings.HasSuffix(t.low, "ir") || strings.HasSuffix(t.low, "re") && !a.isCue(t.low+"r") || strings.HasSuffix(t.low, "oir")) {
		// an infinitive: only after "vient de"
		if !(i >= 2 && (a.toks[i-1].low == "de" || a.toks[i-1].low == "d'") && strings.HasPrefix(a.toks[i-2].low, "vien")) {
			return c, false
		}
	}
	if i-1 >= u.a && a.toks[i-1].q < 0 {
		p := a.toks[i-1].low
		if a.isClass(i-1, cDet) && !a.isClass(i-1, cAux|cPron) {
			return c, false // a noun: les dires, the comments
		}
		switch p {
		case "to", "without", "after", "before", "by", "for", "of", "in", "on", "from", "pour", "sans", "à", "par", "avant", "après", "de", "d'":
			if !(strings.HasPrefix(p, "d") && i >= 2 && strings.HasPrefix(a.toks[i-2].low, "vien")) {
				return c, false
			}
		}
		// after a modal, a bare object is an action's, not reported
		// content: "can add applications", "will add 500 jobs" (but "will
		// add that ...")
		if a.r.lang == "en" && a.afterModal(i) && i+1 < u.b {
			if n := &a.toks[i+1]; n.low != "that" && n.low != ":" && n.low != "," && !n.is(fOpen) {
				return c, false
			}
		}
		// passive voice: a été annoncé, was told
		for k := i - 1; k >= u.a && k >= i-3; k-- {
			if a.isClass(k, cPassive) {
				if a.r.lang == "en" && !strings.HasSuffix(t.low, "ed") && t.low != "told" && t.low != "said" && t.low != "written" && t.low != "quoted" {
					break
				}
				return c, false
			}
			if !a.isAdverb(k) {
				break
			}
		}
	}
	return c, true
}

// isCue reports a reporting-verb form of the language.
func (a *analyzer) isCue(w string) bool {
	_, ok := a.r.cues[w]
	return ok
}

// verbGroup returns the first token of the verb group ending at the cue i
// (auxiliaries, clitics, negation, adverbs) and an inverted subject clitic
// inside it (a-t-il ajouté), or -1.
func (a *analyzer) verbGroup(i int, u unit) (int, int) {
	vgs, pron := i, -1
	for vgs-1 >= u.a && vgs > i-6 {
		p := vgs - 1
		t := &a.toks[p]
		if t.q >= 0 || t.tq >= 0 || t.is(fCap) {
			break
		}
		if isClitic(t.low) {
			pron = p
			vgs = p
			continue
		}
		if a.isClass(p, cAux) && !a.isClass(p, cPron|cOf) || a.isAdverb(p) || a.isClass(p, cTime) && !a.isClass(p, cDet) {
			vgs = p
			continue
		}
		if (t.low == "l'" || t.low == "lui" || t.low == "leur") && p-1 >= u.a {
			vgs = p
			continue
		}
		break
	}
	return vgs, pron
}

// cliticCand is the speaker phrase of an inverted clitic (-t-elle).
func (a *analyzer) cliticCand(j int) cand {
	c := cand{kind: kPron, s: j, e: j + 1, ns: j, ne: j + 1, name: a.slice(j, j+1)}
	l := a.toks[j].low
	switch {
	case strings.HasSuffix(l, "elle"), strings.HasSuffix(l, "elles"):
		c.gender = 'f'
	case strings.HasSuffix(l, "il"), strings.HasSuffix(l, "ils"):
		c.gender = 'm'
	}
	c.plural = strings.HasSuffix(l, "s")
	return c
}

// impersonal reports pronouns that never name a speaker outside quotes.
func (a *analyzer) impersonal(c cand) bool {
	switch a.toks[c.s].low {
	case "on", "-on", "-t-on", "je", "j'", "nous", "vous", "tu", "i", "we", "you", "me", "us":
		return true
	}
	return false
}

// afterCue is what follows a reporting verb.
type afterCue struct {
	subj    cand
	hasSubj bool
	quote   int // a speech quote right after (maybe after a comma), or -1
	colon   int
	comp    int
	other   int
	end     bool
	comma   bool
	stop    int // end of the attribution clause (exclusive)
	via, to []doc.Relay
}

// parseAfter reads the material after a cue: time phrases, adverbs,
// recipients, settings ("dans un communiqué"), relays ("selon X") and, when
// wantSubj, an inverted subject; it stops at what the verb introduces.
func (a *analyzer) parseAfter(u unit, j int, wantSubj bool, cueLow string) afterCue {
	r := afterCue{quote: -1, colon: -1, comp: -1, other: -1}
	tell := cueLow == "told" || cueLow == "tells" || cueLow == "tell" || cueLow == "telling"
	for steps := 0; steps < maxAfter; steps++ {
		if j >= u.b {
			r.end, r.stop = true, j
			return r
		}
		t := &a.toks[j]
		if t.is(fOpen) {
			r.quote, r.stop = int(t.q), j
			return r
		}
		if t.q >= 0 {
			r.other, r.stop = j, j
			return r
		}
		switch t.low {
		case ".", "!", "?", "…", ";", ")":
			r.end, r.stop = true, j
			return r
		case ":":
			r.colon, r.stop = j, j
			return r
		case ",":
			k := j + 1
			if k >= u.b {
				r.end, r.stop = true, j
				return r
			}
			if a.toks[k].is(fOpen) {
				r.quote, r.stop = int(a.toks[k].q), j
				return r
			}
			if c, ok := a.cueAt(k); ok && c.part {
				r.end, r.stop = true, j
				return r
			}
			// apposition naming the subject: le porte-parole ..., John Kirby,
			if r.hasSubj && r.subj.kind == kDesc && a.nameTok(k) {
				e := a.runEnd(k, u.b)
				if e >= u.b || a.toks[e].low == "," || a.toks[e].low == "." || a.toks[e].low == ";" {
					r.subj = a.named(r.subj, k, e)
					r.subj.e = e
					j = e
					continue
				}
			}
			if n := a.prepCueAt(k, u); n > 0 {
				if e := a.npForward(n, u.b); e > n {
					a.relayPhrase(&r.via, n, e, u)
					j = a.skipCiting(e, u, &r.via)
					continue
				}
			}
			if isRelayWord(a.toks[k].low) && k+2 < u.b && (a.toks[k+1].low == "par" || a.toks[k+1].low == "by") {
				if e := a.npForward(k+2, u.b); e > k+2 {
					a.addRelay(&r.via, k+2, e)
					j = e
					continue
				}
			}
			r.comma, r.other, r.stop = true, k, j
			return r
		}
		if a.isClass(j, cComp) && !t.is(fCap) {
			r.comp, r.stop = j, j
			return r
		}
		if e := a.timeEnd(j, u.b); e > j {
			j = e
			continue
		}
		if e := a.adverbialEnd(j, u.b); e > j {
			j = e
			continue
		}
		if a.isAdverb(j) {
			j++
			continue
		}
		if a.isClass(j, cRecip) && !t.is(fCap) {
			if e := a.npForward(j+1, u.b); e > j+1 {
				// "déclare à l'AFP Jean-Philippe Magnen": the outlet, then
				// the inverted subject
				if wantSubj && !r.hasSubj {
					e = a.firstNameSplit(j+1, e)
				}
				a.recipient(&r, j+1, e, u)
				j = e
				continue
			}
		}
		if tell && len(r.to) == 0 && !r.hasSubj {
			if e := a.npForward(j, u.b); e > j {
				a.recipient(&r, j, e, u)
				j = e
				continue
			}
		}
		if t.low == "auprès" && j+1 < u.b && a.isClass(j+1, cOf) {
			if e := a.npForward(j+1, u.b); e > j+1 {
				a.recipient(&r, j+1, e, u)
				j = e
				continue
			}
		}
		if e := a.setting(j, u, &r.via); e > j {
			j = e
			continue
		}
		if wantSubj && !r.hasSubj {
			if e := a.npForward(j, u.b); e > j {
				c := a.candidate(j, e)
				if c.kind != kNone {
					r.subj, r.hasSubj = c, true
					j = e
					// "une source officielle ayant requis l'anonymat", "an
					// official speaking on condition of anonymity": the
					// subject's participle runs to the clause end
					if j < u.b && c.kind == kDesc && a.participleTail(j) {
						for j < u.b && a.toks[j].q < 0 && !isClauseEnd(a.toks[j].low) {
							j++
						}
					}
					continue
				}
			}
		}
		// an object before a colon ending the unit introduces what follows
		// ("released the following statement on Monday:")
		if a.toks[u.b-1].low == ":" && u.b-1-j <= 8 {
			ok := true
			for k := j; k < u.b-1; k++ {
				if !a.toks[k].is(fWord) || a.toks[k].q >= 0 {
					ok = false
					break
				}
			}
			if ok {
				r.colon, r.stop = u.b-1, u.b-1
				return r
			}
		}
		r.other, r.stop = j, j
		return r
	}
	r.other, r.stop = j, j
	return r
}

// prepCueAt reports a prepositional cue at k (selon, d'après, according to,
// as reported by) and returns the index of its phrase, or 0.
func (a *analyzer) prepCueAt(k int, u unit) int {
	if k >= u.b {
		return 0
	}
	switch a.toks[k].low {
	case "selon":
		return k + 1
	case "d'":
		if k+1 < u.b && a.toks[k+1].low == "après" && a.toks[k].sp.End == a.toks[k+1].sp.Start {
			return k + 2
		}
	case "according":
		if k+1 < u.b && a.toks[k+1].low == "to" {
			return k + 2
		}
	}
	return 0
}

// newAtt stores an attribution and returns its index.
func (a *analyzer) newAtt(sp speaker, cue doc.Span, via, to []doc.Relay, conf float64, pos, para int) int {
	if sp.pronoun || !sp.named {
		conf *= 0.85
	}
	if sp.anon {
		conf *= 0.9
	}
	a.atts = append(a.atts, attribution{spk: sp, cue: cue, via: via, to: to, conf: conf, pos: pos, para: para})
	a.paraA[para] = append(a.paraA[para], len(a.atts)-1)
	return len(a.atts) - 1
}

func (a *analyzer) consume(s, e int) {
	for k := s; k < e && k < len(a.consumed); k++ {
		if k >= 0 {
			a.consumed[k] = true
		}
	}
}

// target attributes quote q to attribution ai.
func (a *analyzer) target(q, ai int, how int) {
	if q < 0 || q >= len(a.quotes) {
		return
	}
	x := &a.quotes[q]
	if x.title {
		return
	}
	if x.att < 0 || how < x.how {
		x.att, x.how = ai, how
	}
}

// attributeUnit finds the cues of a unit and what they attribute.
func (a *analyzer) attributeUnit(ui int) {
	u := a.units[ui]
	a.ucur = u.a
	for i := u.a; i < u.b; i++ {
		t := &a.toks[i]
		if t.q >= 0 || t.tq >= 0 || a.consumed[i] {
			continue
		}
		if n := a.prepCueAt(i, u); n > 0 {
			a.prep(ui, i, n)
			continue
		}
		if a.r.lang != "en" && t.low == "pour" && (i == u.a || a.toks[i-1].low == ",") {
			if e := a.npForward(i+1, u.b); e > i+1 && e < u.b && a.toks[e].low == "," {
				// "Pour Bernard Thibault, ...", "Pour la compagnie
				// ferroviaire, ...": a named or described source (not "pour
				// son fils", "pour les salariés": a beneficiary)
				if c := a.candidate(i+1, e); c.kind == kName && c.s == c.ns ||
					c.kind == kDesc && c.def && !c.poss && !c.plural && (c.headClass == 'p' || c.headClass == 'o') {
					a.prep(ui, i, i+1)
					continue
				}
			}
		}
		if c, ok := a.verbCue(i, u); ok {
			a.verb(ui, i, c)
		}
	}
	a.colonName(ui)
	a.nested(ui)
	if ai, ok := a.unitAtt[ui]; ok {
		for _, qi := range a.unitQuotes(u) {
			q := &a.quotes[qi]
			if q.att < 0 && q.open >= u.a && q.open < u.b && (q.words >= 3 || q.open > a.atts[ai].pos) {
				q.att, q.how = ai, howUnit
			}
		}
	}
}

// resolveAfterContent resolves the subject of a verb whose clause starts
// at clause; when postposed is set (a description in a clause after the
// content it introduces: "…, précise l'élu", "…, the councilman added"),
// the names of that content are not its antecedent, as if they were
// already reported content.
func (a *analyzer) resolveAfterContent(subj cand, ui, clause int, postposed bool) speaker {
	if !postposed {
		return a.resolve(subj, subj.s)
	}
	s := a.regionStart(ui)
	var marked []int
	for k := s; k < clause; k++ {
		if !a.inContent[k] {
			a.inContent[k] = true
			marked = append(marked, k)
		}
	}
	sp := a.resolve(subj, subj.s)
	for _, k := range marked {
		a.inContent[k] = false
	}
	return sp
}

// verb handles a reporting verb at i.
func (a *analyzer) verb(ui, i int, vc cue) {
	u := a.units[ui]
	vgs, pron := a.verbGroup(i, u)
	after := i + 1
	if after < u.b && isClitic(a.toks[after].low) {
		if pron < 0 {
			pron = after
		}
		after++
	}
	pre := a.boundary(vgs-1, u)
	var subj cand
	inverted := false
	if pron >= 0 {
		subj, inverted = a.cliticCand(pron), true
	}
	canInvert := pron < 0 && (pre.kind == bStart || pre.kind == bQuote || pre.kind == bComma)
	r := a.parseAfter(u, after, canInvert, a.toks[i].low)
	if r.hasSubj && r.other >= 0 && !r.comma {
		// not an inverted subject but the start of content ("said Collins
		// betrayed a trust")
		r = a.parseAfter(u, after, false, a.toks[i].low)
	}
	if r.hasSubj {
		subj, inverted = r.subj, true
	}
	if subj.kind == kNone {
		switch pre.kind {
		case bRel:
			k := pre.at
			if k-1 >= u.a && a.toks[k-1].low == "," {
				k--
			}
			if s := a.npBackward(k, u.a); s < k {
				subj = a.candidate(s, k)
			}
		case bCoord:
			s := u.a
			if s < pre.at && a.toks[s].is(fOpen) {
				break
			}
			if e := a.npForward(s, pre.at); e > s {
				subj = a.candidate(s, e)
			}
		default:
			subj = a.subjectBefore(vgs, u)
		}
	}
	if subj.kind == kNone || subj.kind == kPron && a.impersonal(subj) {
		return
	}
	clauseStart := vgs
	if !inverted && subj.s < vgs {
		clauseStart = subj.s
	}
	cpre := a.boundary(clauseStart-1, u)
	if inverted && subj.kind != kPron && subj.e == r.stop {
		if e := a.extendSpeaker(&subj, u); e > r.stop {
			r2 := a.parseAfter(u, e, false, a.toks[i].low)
			if r2.end || r2.comp >= 0 || r2.colon >= 0 || r2.quote >= 0 {
				r2.via, r2.to = append(r.via, r2.via...), append(r.to, r2.to...)
				r = r2
			} else {
				subj.e = r.stop
			}
		}
	}
	sp := a.resolveAfterContent(subj, ui, clauseStart, subj.kind == kDesc && cpre.kind == bComma)
	if sp.name == "" {
		return
	}
	cueEnd := i + 1
	if pron == i+1 {
		cueEnd = i + 2
	}
	conf := 0.9
	ai := a.newAtt(sp, a.span(vgs, cueEnd), r.via, r.to, conf, i, u.para)
	a.consume(clauseStart, r.stop)
	used := true
	switch {
	case r.quote >= 0 && (a.toks[r.stop].low == "," || a.quotes[r.quote].words >= 3 && !a.quotes[r.quote].titleCase):
		a.target(r.quote, ai, howTarget)
	case r.colon >= 0:
		if q := a.quoteAfterColon(ui, r.colon); q >= 0 {
			a.target(q, ai, howTarget)
		} else {
			used = false
		}
	case r.comp >= 0:
		e := a.contentEnd(u, r.comp+1)
		a.content(r.comp+1, e, ai, 0.95, 2)
	case cpre.kind == bQuote:
		a.incise(ui, cpre, ai)
	case r.comma && cpre.kind == bComma && a.countWords(r.other, u.b) >= 2 && !a.inciseAhead(r.other, u):
		// a mid-sentence incise: the content runs on both sides
		if s := a.regionStart(ui); s < cpre.at {
			a.content(s, a.contentEnd(u, r.other), ai, 0.8, 3)
		}
	case (r.end || r.comma) && cpre.kind == bComma:
		a.before(ui, cpre.at, ai, 0.85)
	case r.end && cpre.kind == bStart:
		a.dangling = append(a.dangling, ai)
	case r.other >= 0 && a.zeroThat(i, r.other, u, inverted):
		e := a.contentEnd(u, r.other)
		a.content(r.other, e, ai, 0.8, 3)
	default:
		used = false
	}
	if _, ok := a.unitAtt[ui]; !ok {
		a.unitAtt[ui] = ai
	}
	if used {
		a.paraLast[u.para] = ai
	} else {
		a.atts[ai].weak = true
	}
}

// docSource resolves a source phrase that names a document or outlet: "un
// article d'ABC News" is ABC News; "le reportage" is the outlet last named.
// Outlets are remembered for later "le reportage".
func (a *analyzer) docSource(c cand, pos int) speaker {
	if c.kind == kDesc && c.headClass == 'd' {
		if c.comp != "" {
			rel := a.relay(c.cs, c.ce)
			a.outlets = append(a.outlets, relayRef{relay: rel, pos: c.cs})
			sp := speaker{name: rel.Name, entityID: rel.EntityID, span: a.span(c.s, c.e), person: -1, named: true}
			return sp
		}
		if c.def {
			if o := a.lastOutlet(pos); o != nil {
				return speaker{name: o.Name, entityID: o.EntityID, span: a.span(c.s, c.e), person: -1}
			}
		}
	}
	sp := a.resolve(c, c.s)
	if c.kind == kName && a.outletLike(c.ns, c.ne) {
		a.outlets = append(a.outlets, relayRef{relay: a.relay(c.ns, c.ne), pos: c.ns})
	}
	return sp
}
