package quote

import "github.com/newsgraph/newsgraph/internal/doc"

// Attribution shapes other than a speech verb next to a quote: a name and a
// colon before a quote, "Selon X" inside a quote, and an attribution clause
// standing alone after the quotes it closes.

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
