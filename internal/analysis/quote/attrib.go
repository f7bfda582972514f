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

// timeEnd returns the end of a time phrase at j (lundi, le mois dernier,
// dimanche soir, last week, on Monday), or j.
func (a *analyzer) timeEnd(j, limit int) int {
	k := j
	if k < limit && !a.toks[k].is(fCap) {
		switch a.toks[k].low {
		case "on", "in", "at", "during", "ce", "cette", "cet", "en", "le", "la", "l'", "this", "that", "early", "late", "since", "depuis":
			if k+1 < limit && (a.isTimeWord(k+1) || a.isClass(k+1, cTimeMod) && k+2 < limit && a.isTimeWord(k+2) ||
				a.toks[k+1].Kind() == 1 && k+2 < limit && a.isTimeWord(k+2)) {
				k++
			}
		}
	}
	if k < limit && a.isClass(k, cTimeMod) && !a.isClass(k, cComp) && k+1 < limit && a.isTimeWord(k+1) {
		k++
	}
	if k < limit && a.toks[k].Kind() == 1 && k+1 < limit && a.isTimeWord(k+1) && k > j {
		k++
	}
	if k >= limit || !a.isTimeWord(k) {
		return j
	}
	k++
	for k < limit && (a.isTimeWord(k) || a.isClass(k, cTimeMod) && !a.isClass(k, cComp|cDet) || a.toks[k].Kind() == 1 && a.toks[k].q < 0) {
		k++
	}
	return k
}

func (a *analyzer) isTimeWord(k int) bool {
	return a.isClass(k, cTime) && a.toks[k].q < 0
}

// setting skips a phrase giving the medium or setting of a statement
// ("dans un communiqué", "lors d'une conférence de presse", "in an
// interview with CNN", "on Twitter") and returns its end, or j. An outlet
// named in it is added to via.
func (a *analyzer) setting(j int, u unit, via *[]doc.Relay) int {
	if !a.isClass(j, cPrep) || a.toks[j].is(fCap) {
		return j
	}
	k := j + 1
	for n := 0; k < u.b && n < 4; n++ {
		if a.toks[k].is(fMedium) {
			break
		}
		// words, capitalised ones too: "in its World Trade Forecast"
		if !(a.isClass(k, cDet|cOf) || a.toks[k].is(fWord)) || a.toks[k].q >= 0 {
			return a.outletAfter(j, u, via)
		}
		k++
	}
	if k >= u.b || !a.toks[k].is(fMedium) {
		return a.outletAfter(j, u, via)
	}
	k++
	// "de presse", "accordé au Monde", "with CNN"
	for n := 0; k < u.b && n < 3; n++ {
		l := a.toks[k].low
		if (l == "de" || l == "d'") && k+1 < u.b && !a.toks[k+1].is(fCap) && a.toks[k+1].is(fWord) && !a.isClass(k+1, cDet) {
			k += 2
			continue
		}
		if a.toks[k].is(fWord) && !a.toks[k].is(fCap) && (strings.HasSuffix(l, "é") || strings.HasSuffix(l, "ée") || strings.HasSuffix(l, "ed") || a.isDemonym(k)) {
			k++
			continue
		}
		break
	}
	if k < u.b {
		switch l := a.toks[k].low; l {
		case "à", "au", "aux", "avec", "with", "to", "on", "sur", "de", "du", "d'", "for":
			if e := a.npForward(k+1, u.b); e > k+1 {
				// "dans un entretien au Monde", "in an interview with CNN";
				// not "lors d'une conférence de presse à Washington"
				c := a.candidate(k+1, e)
				if c.kind == kName && (l == "au" || l == "aux" || l == "avec" || l == "with" || a.outletLike(c.ns, c.ne)) {
					a.addRelay(via, k+1, e)
				}
				k = e
			}
		}
	}
	return k
}

// outletAfter handles "sur France Inter", "on CNN": a preposition and a
// news outlet.
func (a *analyzer) outletAfter(j int, u unit, via *[]doc.Relay) int {
	switch a.toks[j].low {
	case "sur", "on":
	default:
		return j
	}
	e := a.npForward(j+1, u.b)
	if e <= j+1 {
		return j
	}
	c := a.candidate(j+1, e)
	// "sur France Inter", "on CNN": a name right after the preposition
	// (with no determiner) is a station or channel.
	if c.kind == kName && (a.outletLike(c.ns, c.ne) || c.ns == j+1 && a.c.firstName(a.d.Text[a.toks[c.ns].sp.Start:a.toks[c.ns].sp.End]) == 0 && a.entityType(c.ns, c.ne) != "PER") {
		a.addRelay(via, c.ns, c.ne)
		// "sur BFMTV et RMC": a second outlet
		if e+1 < u.b && (a.toks[e].low == "et" || a.toks[e].low == "and") && a.nameTok(e+1) {
			if e2 := a.runEnd(e+1, u.b); e2 > e+1 && a.outletLike(e+1, e2) {
				a.addRelay(via, e+1, e2)
				return e2
			}
		}
		return e
	}
	return j
}

// recipient records who a statement was made to; outlets are relays too.
func (a *analyzer) recipient(r *afterCue, s, e int, u unit) {
	c := a.candidate(s, e)
	medium := false
	for k := s; k < e; k++ {
		if a.toks[k].is(fMedium) {
			medium = true
		}
	}
	if c.kind == kNone {
		return
	}
	ns, ne := c.ns, c.ne
	if c.kind == kDesc && !medium {
		ns, ne = s, e
		if a.isClass(ns, cDet) {
			ns++
		}
	}
	rel := a.relay(ns, ne)
	r.to = append(r.to, rel)
	if medium || c.kind == kName && a.outletLike(ns, ne) {
		a.pushVia(&r.via, rel)
	}
}

// relay builds a relay for tokens [s, e), linked to an entity if one
// covers it.
func (a *analyzer) relay(s, e int) doc.Relay {
	rel := doc.Relay{Name: a.slice(s, e), Span: a.span(s, e)}
	if ei := a.entityOf(s, e); ei >= 0 {
		rel.Name, rel.EntityID = a.d.Entities[ei].Name, a.d.Entities[ei].ID
	}
	return rel
}

func (a *analyzer) pushVia(via *[]doc.Relay, rel doc.Relay) {
	for _, v := range *via {
		if v.Name == rel.Name {
			return
		}
	}
	*via = append(*via, rel)
	a.outlets = append(a.outlets, relayRef{relay: rel, pos: tokenAt(a.toks, rel.Span.Start)})
}

// addRelay adds the outlet named by the phrase [s, e) to via.
func (a *analyzer) addRelay(via *[]doc.Relay, s, e int) {
	c := a.candidate(s, e)
	switch {
	case c.kind == kName:
		a.pushVia(via, a.relay(c.ns, c.ne))
	case c.kind == kDesc && c.headClass == 'd' && c.comp != "":
		a.pushVia(via, a.relay(c.cs, c.ce))
	case c.kind == kDesc && c.headClass == 'd' && c.def:
		if o := a.lastOutlet(s); o != nil {
			a.pushVia(via, *o)
		}
	}
}

// relayPhrase adds the relay of "selon X" after an attribution.
func (a *analyzer) relayPhrase(via *[]doc.Relay, s, e int, u unit) {
	a.addRelay(via, s, e)
}

// skipCiting skips "citant X" after a relay (the quoted source is the
// attribution's own speaker).
func (a *analyzer) skipCiting(j int, u unit, via *[]doc.Relay) int {
	if j < u.b && isRelayWord(a.toks[j].low) {
		if e := a.npForward(j+1, u.b); e > j+1 {
			return e
		}
	}
	return j
}

// lastOutlet returns the last outlet seen before token pos.
func (a *analyzer) lastOutlet(pos int) *doc.Relay {
	for k := len(a.outlets) - 1; k >= 0; k-- {
		if a.outlets[k].pos < pos {
			return &a.outlets[k].relay
		}
	}
	return nil
}

// entityType returns the type of the entity covering [s, e), or "".
func (a *analyzer) entityType(s, e int) string {
	if ei := a.entityOf(s, e); ei >= 0 {
		return a.d.Entities[ei].Type
	}
	return ""
}

// outletLike reports names of news outlets and agencies.
func (a *analyzer) outletLike(s, e int) bool {
	if ei := a.entityOf(s, e); ei >= 0 && a.d.Entities[ei].Type == "PER" {
		return false
	}
	for k := s; k < e; k++ {
		surf := a.d.Text[a.toks[k].sp.Start:a.toks[k].sp.End]
		if a.c.outletWords[surf] {
			return true
		}
	}
	return e-s == 1 && a.toks[s].is(fUpper)
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
	sp := a.resolve(subj, subj.s)
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

// subjectBefore finds the subject before a verb group starting at vgs,
// jumping over appositions and relative clauses between commas ("Rebekah
// Koffler, analyste ..., a déclaré", "Joseph Young, who imposed the
// sentences, said").
func (a *analyzer) subjectBefore(vgs int, u unit) cand {
	end := vgs
	full := vgs // the subject's span runs over its appositions
	if full-1 >= u.a && a.toks[full-1].low == "," {
		full--
	}
	var first cand // a description right before the verb, when a name may precede it
	startComma := false
	for tries := 0; tries < 4 && end > u.a; tries++ {
		// "the Economist Intelligence Unit (EIU) said": skip the gloss
		if k := a.parenStart(end, u); k > u.a {
			end = k
		}
		comma := a.toks[end-1].low == ","
		if comma {
			end--
			startComma = startComma || tries == 0
		}
		if end <= u.a {
			break
		}
		cs := a.chunkStart(end, u)
		s := a.npBackward(end, cs)
		if s == end || comma && s != cs {
			// a relative, participial or appositive chunk between commas
			// ("who imposed the sentences", "a former negotiator at the
			// WTO"): skip it
			indef := a.toks[cs].cls&cIndef != 0
			if comma && cs > u.a && a.toks[cs-1].low == "," && cs < end && (a.isClass(cs, cRel) || indef || a.toks[cs].Kind() == 1 || !a.toks[cs].is(fCap) && !a.isClass(cs, cDet) || a.roleApposition(cs, end, u)) {
				end = cs
				continue
			}
			break
		}
		c := a.candidate(s, end)
		if c.kind == kNone {
			break
		}
		if c.kind == kName && (!comma || s == cs) {
			if c.e < full && tries > 0 {
				c.e = full
			}
			return c
		}
		if s == cs && cs > u.a && a.toks[cs-1].low == "," && a.appositive(c, cs) {
			if first.kind == kNone && !startComma {
				first = c
			}
			end = cs
			continue
		}
		if tries == 0 && !comma {
			return c
		}
		break
	}
	return first
}

// extendSpeaker lets the span of a speaker phrase found after a cue run
// over its complements and appositions ("Edward Alden of the Council on
// Foreign Relations in Washington", "Smith, a former official,"); the name
// does not change. It returns the new end.
func (a *analyzer) extendSpeaker(c *cand, u unit) int {
	k := c.e
	for n := 0; n < 3 && k < u.b; n++ {
		t := &a.toks[k]
		if a.r.lang != "fr" && !t.is(fCap) && k+1 < u.b {
			switch t.low {
			case "of", "at", "in", "from", "with", "for":
				if a.toks[k+1].is(fCap) || a.isClass(k+1, cDet) {
					if e := a.npForward(k+1, u.b); e > k+1 {
						k = e
						continue
					}
				}
			}
		}
		if t.low != "," || k+1 >= u.b {
			break
		}
		j := k + 1
		ok := false
		for j < u.b && a.isAdverb(j) {
			j++ // ", now a professor"
		}
		if j >= u.b {
			break
		}
		switch {
		case a.toks[j].Kind() == 1:
			ok = true
		case a.isClass(j, cRel) && !a.toks[j].is(fCap) && a.toks[j].low != "that":
			ok = true
			for x := j; x < u.b && a.toks[x].low != "," && a.toks[x].low != "."; x++ {
				if c, isCue := a.cueAt(x); isCue && !c.part {
					ok = false // "who said ...": a clause of its own
				}
			}
		case a.isClass(j, cDet|cIndef) && int(a.toks[j].cls)&cIndef != 0:
			ok = true
		default:
			if a.toks[j].head == 'p' {
				ok = true
			}
			if a.isDemonym(j) {
				ok = true
			}
		}
		if !ok {
			break
		}
		e := j
		for e < u.b && a.toks[e].q < 0 && a.toks[e].low != "," && a.toks[e].low != "." && a.toks[e].low != ";" && a.toks[e].low != ":" {
			e++
		}
		if e >= u.b || a.toks[e].low != "," && a.toks[e].low != "." {
			break
		}
		k = e
	}
	c.e = k
	return k
}

// firstNameSplit returns where a person's name starts inside the phrase
// [s, e) after another capitalised word ("l'AFP Jean-Philippe Magnen"), or
// e.
func (a *analyzer) firstNameSplit(s, e int) int {
	for f := s + 1; f+1 < e; f++ {
		if a.toks[f-1].is(fCap) && a.nameTok(f) && a.nameTok(f+1) && a.c.firstName(a.d.Text[a.toks[f].sp.Start:a.toks[f].sp.End]) != 0 {
			return f
		}
	}
	return e
}

// parenStart returns the opening parenthesis of a short parenthetical of
// words closing at end ("(EIU)", "(Kepco)"), or -1.
func (a *analyzer) parenStart(end int, u unit) int {
	if end-1 < u.a || a.toks[end-1].low != ")" {
		return -1
	}
	for k := end - 2; k >= u.a && k >= end-8; k-- {
		t := &a.toks[k]
		if t.low == "(" {
			if k < end-2 {
				return k
			}
			return -1
		}
		if t.q >= 0 || !t.is(fWord) && t.low != "-" && t.low != "." && t.low != "&" {
			return -1
		}
	}
	return -1
}

// roleApposition reports a chunk [cs, end) between commas that describes
// the name before it by a role ("Catherine Perret, la numéro 2 de la CGT
// en charge du dossier, a annoncé"), too long for a speaker phrase.
func (a *analyzer) roleApposition(cs, end int, u unit) bool {
	if cs-2 < u.a || !a.nameTok(cs-2) {
		return false
	}
	k := cs
	for k < end && a.isClass(k, cDet) && !a.isClass(k, cPron) {
		k++
	}
	for k < end && a.isDemonym(k) {
		k++
	}
	if k == cs || k >= end || a.toks[k].head != 'p' {
		return false
	}
	for x := k; x < end; x++ {
		if a.isClass(x, cRel) || a.toks[x].cue != 0 && x > k && isFiniteAux(a.toks[x-1].low) {
			return false // a clause of its own
		}
	}
	return true
}

// isFiniteAux reports auxiliaries that make a participle after them a
// finite verb (a dit, has said).
func isFiniteAux(low string) bool {
	switch low {
	case "a", "ont", "avait", "avaient", "est", "sont", "était", "has", "have", "had", "was", "were", "is", "are":
		return true
	}
	return false
}

// chunkStart returns the first token of the comma-delimited chunk ending
// before end.
func (a *analyzer) chunkStart(end int, u unit) int {
	k := end - 1
	for k >= u.a && k >= end-4*maxNP {
		t := &a.toks[k]
		if t.tq >= 0 {
			k = a.quotes[t.tq].open - 1
			continue
		}
		if t.q >= 0 || !t.is(fWord) && t.low != "'s" && !a.isNameDot(k) && t.low != "-" {
			break
		}
		k--
	}
	return k + 1
}

// appositive reports descriptions that follow a name between commas: a
// bare role ("analyste du renseignement"), an indefinite one ("a former
// official"), a number (an age).
func (a *analyzer) appositive(c cand, cs int) bool {
	t := &a.toks[cs]
	if t.Kind() == 1 {
		return true
	}
	if c.kind == kDesc && !c.def {
		return true
	}
	return c.kind == kDesc && !a.isClass(cs, cDet) && !t.is(fCap)
}

// quoteAfterColon returns the quote a colon introduces: right after it, or
// opening the next unit or the next paragraph.
func (a *analyzer) quoteAfterColon(ui, colon int) int {
	u := a.units[ui]
	k := colon + 1
	if k < u.b {
		if a.toks[k].is(fOpen) {
			return int(a.toks[k].q)
		}
		return -1
	}
	if ui+1 < len(a.units) {
		n := a.units[ui+1]
		if n.para != u.para && n.para != a.nextKept(u.para) {
			return -1
		}
		if a.toks[n.a].is(fOpen) {
			return int(a.toks[n.a].q)
		}
	}
	return -1
}

// nextKept returns the kept paragraph after pi, or -1.
func (a *analyzer) nextKept(pi int) int {
	for k := pi + 1; k < len(a.d.Paragraphs); k++ {
		if !a.d.Paragraphs[k].Removed {
			return k
		}
	}
	return -1
}

// contentEnd returns the end of reported content starting at s: the end
// of the unit, a semicolon, or a comma before a participle cue, a relay or
// an incise.
func (a *analyzer) contentEnd(u unit, s int) int {
	j := s
	for j < u.b {
		t := &a.toks[j]
		if t.q >= 0 {
			j = a.quotes[t.q].end
			continue
		}
		if t.low == ";" {
			break
		}
		if t.low == ":" && j+1 < u.b && a.toks[j+1].is(fOpen) {
			break // "... : « quote »": the quote is direct speech of its own
		}
		if t.low == "," && j+1 < u.b {
			n := j + 1
			if c, ok := a.cueAt(n); ok && c.part {
				break
			}
			if a.prepCueAt(n, u) > 0 {
				break
			}
			if a.inciseAhead(n, u) {
				break
			}
		}
		j++
	}
	for j > s {
		l := a.toks[j-1].low
		if l == "." || l == "," || l == ";" || l == ":" || l == "—" || l == "–" {
			j--
			continue
		}
		break
	}
	return j
}

// inciseAhead reports an attribution clause from n to the end of the unit
// (", a déclaré X.", ", a-t-il ajouté", ", X said.").
func (a *analyzer) inciseAhead(n int, u unit) bool {
	for k := n; k < u.b && k < n+5; k++ {
		if c, ok := a.cueAt(k); ok && !c.part && !a.toks[k].is(fCap) {
			return u.b-k <= 10
		}
		if !(a.toks[k].is(fWord) || a.isNameDot(k)) {
			return false
		}
	}
	return false
}

// regionStart returns where content before a cue may start in the unit:
// after what earlier attributions used, and after an opening connective
// ("Toutefois,", "Pendant ce temps,").
func (a *analyzer) regionStart(ui int) int {
	u := a.units[ui]
	s := a.ucur
	if s < u.a {
		s = u.a
	}
	for s < u.b && a.consumed[s] {
		s++
	}
	a.ucur = s
	for s < u.b && (a.toks[s].low == "," || a.toks[s].low == "—") {
		s++
	}
	if s < u.b && a.isClass(s, cConn) && a.toks[s].q < 0 {
		for k := s; k < u.b && k < s+5; k++ {
			if a.toks[k].low == "," {
				return k + 1
			}
			if !a.toks[k].is(fWord) {
				break
			}
		}
		switch a.toks[s].low {
		case "mais", "but", "and", "et", "or", "yet":
			return s + 1
		}
	}
	return s
}

// wordsOutside counts words in [s, e) outside speech quotes and lists the
// quotes there.
func (a *analyzer) wordsOutside(s, e int) (int, []int) {
	n := 0
	var qs []int
	for k := s; k < e; {
		t := &a.toks[k]
		if t.q >= 0 {
			qs = append(qs, int(t.q))
			k = a.quotes[t.q].end
			continue
		}
		if t.is(fWord) {
			n++
		}
		k++
	}
	return n, qs
}

// content records reported content [s, e): an indirect quote when it has
// at least minWords words of its own, and its inner quotes as direct
// quotes of the same speaker.
func (a *analyzer) content(s, e, ai int, conf float64, minWords int) {
	if s >= e {
		return
	}
	n, qs := a.wordsOutside(s, e)
	how := howContent
	if n < 2 && len(qs) > 0 {
		how = howTarget
	}
	for _, q := range qs {
		a.target(q, ai, how)
	}
	if n >= minWords && how == howContent || n >= minWords && len(qs) == 0 {
		a.indirect = append(a.indirect, indirectRec{span: a.span(s, e), att: ai, conf: conf})
	}
	for k := s; k < e; k++ {
		a.inContent[k] = true
	}
	a.consume(s, e)
	if e > a.ucur {
		a.ucur = e
	}
}

// incise handles an attribution after a closing quotation mark: the quote
// (and any quote before it in the region) is the speaker's; text before the
// quote makes the region reported content ("Le terrain est « ... »,
// précise-t-elle").
func (a *analyzer) incise(ui int, b bound, ai int) {
	q := &a.quotes[b.q]
	s := a.regionStart(ui)
	if s > q.open {
		s = q.open
	}
	// a quote introduced by a colon is direct speech only: the text before
	// the colon is the writer's ("la population se sent lâchée : « ... »,
	// déclare X")
	if q.open > s && a.toks[q.open-1].low == ":" {
		a.consume(s, q.open)
		s = q.open
	}
	a.content(s, q.end, ai, 0.85, 2)
}

// before handles content before a comma and a trailing attribution
// ("..., a déclaré Koffler", "..., selon TASS").
func (a *analyzer) before(ui, comma, ai int, conf float64) {
	s := a.regionStart(ui)
	if s >= comma {
		return
	}
	a.content(s, comma, ai, conf, 3)
}

// zeroThat reports English content without "that" after a say verb
// ("said Collins betrayed a trust", "announced it has voted").
func (a *analyzer) zeroThat(cueAt, j int, u unit, inverted bool) bool {
	if inverted || a.r.lang == "fr" {
		return false
	}
	c, _ := a.cueAt(cueAt)
	if !c.say {
		return false
	}
	t := &a.toks[j]
	if t.q >= 0 && !t.is(fOpen) {
		return false
	}
	switch t.low {
	case "he", "she", "it", "they", "we", "i", "you", "there":
		return a.countWords(j, u.b) >= 3
	}
	if !strongSay[a.toks[cueAt].low] || !t.is(fWord) {
		return false
	}
	if a.isClass(j, cPrep|cAdv|cRel) && !a.isClass(j, cDet) || a.isAdverb(j) {
		return false
	}
	return a.countWords(j, u.b) >= 3
}

func (a *analyzer) countWords(s, e int) int {
	n := 0
	for k := s; k < e; k++ {
		if a.toks[k].is(fWord) {
			n++
		}
	}
	return n
}

// prep handles "selon X", "d'après X", "according to X" (and "pour X,") at
// token i, whose phrase starts at n.
func (a *analyzer) prep(ui, i, n int) {
	u := a.units[ui]
	if n >= u.b {
		return
	}
	switch a.toks[n].low {
	case "que", "qu'", "lequel", "laquelle", "lesquels", "lesquelles", "moi", "nous", "vous", "toi", "us", "which", "whom":
		return
	case "me":
		if !a.toks[n].is(fCap) {
			return // "selon me" is not Maître
		}
	}
	e := a.npForward(n, u.b)
	if e <= n {
		return
	}
	subj := a.candidate(n, e)
	if subj.kind == kNone || subj.kind == kPron && a.impersonal(subj) {
		return
	}
	var via []doc.Relay
	j := e
	// "selon le reportage citant un responsable": the report relays.
	if j < u.b && isRelayWord(a.toks[j].low) {
		if e2 := a.npForward(j+1, u.b); e2 > j+1 {
			if c2 := a.candidate(j+1, e2); c2.kind != kNone {
				a.addRelay(&via, n, e)
				subj, j = c2, e2
			}
		}
	}
	j = a.sourceApposition(&subj, j, u)
	// ", citée par France 3,": an outlet relays the source
	if j+3 < u.b && a.toks[j].low == "," && isRelayWord(a.toks[j+1].low) && (a.toks[j+2].low == "par" || a.toks[j+2].low == "by") {
		if e2 := a.npForward(j+3, u.b); e2 > j+3 {
			a.addRelay(&via, j+3, e2)
			j = e2
		}
	}
	pre := a.boundary(i-1, u)
	if pre.kind == bComma {
		// "Les médias ont confirmé la visite, selon ABC News": the source
		// relays a statement whose speaker the sentence names.
		if w, ok := a.unitAtt[ui]; ok && a.atts[w].weak && a.atts[w].pos < i {
			a.addRelay(&a.atts[w].via, n, e)
			a.consume(i, j)
			return
		}
	}
	sp := a.docSource(subj, n)
	if sp.name == "" {
		return
	}
	ai := a.newAtt(sp, a.span(i, n), via, nil, 0.9, i, u.para)
	a.consume(i, j)
	// after a conjunction ("car selon eux, ...") the phrase opens a clause
	startLike := pre.kind == bStart || pre.kind == bCoord ||
		pre.kind == bOther && a.isClass(pre.at, cClause) && !a.isClass(pre.at, cRel|cComp) && !a.toks[pre.at].is(fCap)
	if pre.kind == bComma {
		if w, qs := a.wordsOutside(a.regionStart(ui), pre.at); w < 3 && len(qs) == 0 {
			startLike = true
		}
	}
	used := true
	switch {
	case startLike && j < u.b && a.toks[j].low == ",":
		s := j + 1
		a.content(s, a.contentEnd(u, s), ai, 0.9, 3)
	case startLike && j < u.b && a.toks[j].low == ":":
		if q := a.quoteAfterColon(ui, j); q >= 0 {
			a.target(q, ai, howTarget)
		}
	case pre.kind == bQuote:
		a.incise(ui, pre, ai)
	case pre.kind == bComma:
		a.before(ui, pre.at, ai, 0.9)
	default:
		used = false
	}
	if used {
		a.paraLast[u.para] = ai
		if _, ok := a.unitAtt[ui]; !ok {
			a.unitAtt[ui] = ai
		}
	} else {
		a.atts[ai].weak = true
	}
}

// sourceApposition reads what follows a source phrase ending at j: a name
// in apposition to a description ("selon son avocat, Fabien Rajon",
// "Selon la fédération des banques, Febelfin,") becomes the source; a
// description in apposition to the source ("Pour Bernard Thibault, son
// secrétaire général :") is skipped. It returns the new end.
func (a *analyzer) sourceApposition(c *cand, j int, u unit) int {
	if j+1 >= u.b || a.toks[j].low != "," {
		return j
	}
	k := j + 1
	if c.kind == kDesc && !c.plural && (c.headClass == 'p' || c.headClass == 'o') && a.nameTok(k) {
		e := a.runEnd(k, u.b)
		if e > k && (e >= u.b || isClauseEnd(a.toks[e].low)) {
			person := a.personLike(k, e) == 1 || a.c.firstName(a.d.Text[a.toks[k].sp.Start:a.toks[k].sp.End]) != 0
			if person == (c.headClass == 'p') {
				*c = a.named(*c, k, e)
				c.e = e
				return e
			}
		}
		return j
	}
	if c.kind == kName {
		if e := a.npForward(k, u.b); e > k && e < u.b && isClauseEnd(a.toks[e].low) && a.toks[e].low != "." {
			if d := a.candidate(k, e); d.kind == kDesc && d.headClass == 'p' && !d.plural {
				return e
			}
		}
	}
	return j
}

// participleTail reports a participle or relative pronoun right after a
// described subject (ayant, s'exprimant, speaking, who).
func (a *analyzer) participleTail(j int) bool {
	t := &a.toks[j]
	if !t.is(fWord) || t.is(fCap) {
		return false
	}
	switch t.low {
	case "ayant", "étant", "qui", "who":
		return true
	case "s'", "se":
		j++
		if j >= len(a.toks) {
			return false
		}
		t = &a.toks[j]
	}
	if a.r.lang == "en" {
		return len(t.low) > 5 && strings.HasSuffix(t.low, "ing") && t.cls == 0
	}
	return len(t.low) > 5 && strings.HasSuffix(t.low, "ant") && t.cls == 0 && t.head == 0
}

// isClauseEnd reports punctuation that closes an apposition.
func isClauseEnd(low string) bool {
	switch low {
	case ",", ".", ";", ":":
		return true
	}
	return false
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

// colonName handles "Demba Kandji : « ... »": a short name or role phrase,
// a colon and a quote at the start of a unit.
func (a *analyzer) colonName(ui int) {
	u := a.units[ui]
	for k := u.a; k < u.b && k < u.a+9; k++ {
		t := &a.toks[k]
		if t.q >= 0 || a.consumed[k] {
			return
		}
		if t.low != ":" {
			continue
		}
		if k == u.a || k+1 >= u.b || !a.toks[k+1].is(fOpen) {
			return
		}
		q := int(a.toks[k+1].q)
		if a.quotes[q].att >= 0 {
			return
		}
		if e := a.npForward(u.a, k); e != k {
			return
		}
		c := a.candidate(u.a, k)
		if c.kind != kName && !(c.kind == kDesc && c.headClass == 'p') {
			return
		}
		sp := a.resolve(c, u.a)
		if sp.name == "" {
			return
		}
		ai := a.newAtt(sp, doc.Span{}, nil, nil, 0.8, u.a, u.para)
		a.target(q, ai, howTarget)
		a.paraLast[u.para] = ai
		return
	}
}

// unitQuotes returns the quotes opening in unit u.
func (a *analyzer) unitQuotes(u unit) []int {
	list := a.paraQ[u.para]
	lo, hi := 0, len(list)
	for lo < hi {
		m := (lo + hi) / 2
		if a.quotes[list[m]].open < u.a {
			lo = m + 1
		} else {
			hi = m
		}
	}
	e := lo
	for e < len(list) && a.quotes[list[e]].open < u.b {
		e++
	}
	return list[lo:e]
}

// nested finds "Selon X, ..." at the start of a sentence inside a direct
// quote: reported content inside the quote, with a named source.
func (a *analyzer) nested(ui int) {
	u := a.units[ui]
	for _, qi := range a.unitQuotes(u) {
		q := &a.quotes[qi]
		if q.title {
			continue
		}
		last := q.end
		if q.close >= 0 {
			last = q.close
		}
		inner := unit{a: q.open + 1, b: last, para: u.para}
		for k := inner.a; k < inner.b; k++ {
			if !(k == inner.a || a.toks[k].is(fSentStart) || a.toks[k-1].low == ".") {
				continue
			}
			n := a.prepCueAt(k, inner)
			if n == 0 {
				continue
			}
			a.nestedPrep(inner, k, n)
		}
	}
}

func (a *analyzer) nestedPrep(u unit, i, n int) {
	// inside the quote, tokens carry the quote index: parse on a copy of
	// the flags.
	save := make([]int32, u.b-u.a)
	for k := u.a; k < u.b; k++ {
		save[k-u.a] = a.toks[k].q
		a.toks[k].q = -1
	}
	defer func() {
		for k := u.a; k < u.b; k++ {
			a.toks[k].q = save[k-u.a]
		}
	}()
	e := a.npForward(n, u.b)
	if e <= n || e >= u.b || a.toks[e].low != "," {
		return
	}
	c := a.candidate(n, e)
	if c.kind != kName && c.kind != kDesc {
		return
	}
	sp := a.docSource(c, n)
	if sp.name == "" || sp.anon {
		return
	}
	s := e + 1
	end := s
	for end < u.b {
		l := a.toks[end].low
		if l == ":" || l == ";" || l == "." && end+1 < u.b && a.toks[end+1].is(fSentStart) {
			break
		}
		end++
	}
	for end > s && (a.toks[end-1].low == "," || a.toks[end-1].low == ".") {
		end--
	}
	if a.countWords(s, end) < 3 {
		return
	}
	ai := a.newAtt(sp, a.span(i, n), nil, nil, 0.75, i, u.para)
	a.atts[ai].weak = true
	a.indirect = append(a.indirect, indirectRec{span: a.span(s, end), att: ai, conf: 0.9})
}

// applyDangling lets an attribution standing alone after quotes ("Watson a
// déclaré à Fox News Digital.") name the speaker of the quotes just before
// it in its paragraph, over a pronoun.
func (a *analyzer) applyDangling() {
	for _, di := range a.dangling {
		d := &a.atts[di]
		if !d.spk.named {
			continue
		}
		for _, qi := range window(a.paraQ[d.para], func(k int) int { return a.quotes[k].open }, d.pos) {
			q := &a.quotes[qi]
			if q.open > d.pos || q.title {
				continue
			}
			if q.att < 0 || a.atts[q.att].spk.pronoun && a.atts[q.att].para == d.para {
				if q.att >= 0 {
					a.atts[q.att].spk = d.spk
					a.atts[q.att].via = append(a.atts[q.att].via, d.via...)
					a.atts[q.att].to = append(a.atts[q.att].to, d.to...)
				} else {
					q.att, q.how = di, howPara
				}
			}
		}
	}
}
