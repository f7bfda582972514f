// Prepositional sources: « selon X », « d’après X », "according to X", « pour X »,
// and the appositions and participles that follow them.

package quote

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
)

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
	// "according to a statement from Acme", « selon un communiqué de la
	// préfecture »: the statement's author is the source.
	h := n
	for h < e && a.isClass(h, cDet) {
		h++
	}
	if h+2 < u.b && h < e && a.toks[h].is(fMedium) {
		switch a.toks[h+1].low {
		case "from", "by", "of", "de", "du", "des", "d'":
			if e2 := a.npForward(h+2, u.b); e2 > h+2 {
				if c2 := a.candidate(h+2, e2); c2.kind != kNone && c2.kind != kPron {
					subj, j = c2, max(e, e2)
				}
			}
		}
	}
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
