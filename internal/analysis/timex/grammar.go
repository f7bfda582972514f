package timex

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/numeral"
)

// kind says how an expression is resolved.
type kind uint8

const (
	kLit     kind = iota // the value is fixed (durations, sets, vague references)
	kCal                 // calendar fields, some missing (12 septembre, juin, 2023)
	kRel                 // an offset in a unit from the dateline or the last date
	kWeekday             // a weekday, placed by direction or tense
)

// expr is the meaning of a matched expression before resolution.
type expr struct {
	typ     string
	kind    kind
	lit     string
	y, m, d int
	wd      int
	dir     int // -1 last, +1 next, 0 by tense
	unit    byte
	n       int
	ana     bool // counts from the last date mentioned, not the dateline
	today   bool // aujourd'hui / today: may take a quotation's date
	pod     string
	clock   bool
	hh, mm  int
	season  string
	quarter int
	lean    int    // a direction hinted by a preposition (until June, depuis mars)
	span    bool   // a span of years (2023-24): not the paragraph's year
	skip    int    // leading tokens that are not part of the expression
	drop    bool   // recognised but not annotated (an impossible numeric date)
	invalid string // a problem to report
}

func (e expr) hasDate() bool {
	return e.kind != kCal || e.y > 0 || e.m > 0 || e.d > 0 || e.wd > 0 || e.season != "" || e.quarter > 0
}

// match tries every matcher at token i and keeps the longest match; ties
// go to the earlier matcher.
func (sc *scanner) match(i int) (found, bool) {
	t := sc.toks[i]
	sc.cur = i
	if !sc.canStart(t) {
		return found{}, false
	}
	best := found{start: i, end: i}
	try := func(e expr, end int, ok bool) {
		if ok && end > best.end {
			best = found{start: i, end: end, e: e}
		}
	}
	try(sc.phrase(i))
	if t.kind == doc.Number || t.f&fClock != 0 {
		try(sc.clock(i))
		try(sc.numeric(i))
	}
	cal := sc.near(i, 4, fCal)
	if cal {
		try(sc.calendar(i))
	}
	if sc.near(i, 5, fUnit) {
		try(sc.relative(i))
		try(sc.duration(i))
		try(sc.set(i))
	} else if cal {
		try(sc.set(i)) // chaque lundi
	}
	// A period modifier (début, fin, mi, early, late) or a frame (la fin
	// de, tout au long de) before a date joins it.
	if sc.g.periodMods[t.l] {
		j := i + 1
		if l := sc.l(j); l == "de" || l == "d'" || l == "du" || l == "des" || l == "of" {
			j++
		}
		if j < len(sc.toks) {
			if f, ok := sc.inner(j); ok && f.end > best.end {
				best = found{start: i, end: f.end, e: f.e}
			}
		}
	}
	for _, fr := range sc.g.frameIndex[t.l] {
		if j, ok := sc.seq(i, fr); ok && j < len(sc.toks) {
			if e, end, ok := sc.bareYearNoun(j); ok && end > best.end {
				best = found{start: i, end: end, e: e}
			} else if f, ok := sc.inner(j); ok && f.end > best.end && f.e.kind != kLit {
				best = found{start: i, end: f.end, e: f.e}
			}
		}
	}
	return best, best.end > i
}

// near reports whether one of the n tokens from i has a flag in mask or is
// a number.
func (sc *scanner) near(i, n int, mask uint8) bool {
	for k := i; k < len(sc.toks) && k < i+n; k++ {
		if sc.toks[k].kind == doc.Number || sc.toks[k].f&mask != 0 || sc.toks[k].hyph {
			return true
		}
	}
	return false
}

// canStart is a cheap filter: whether an expression can begin at t.
func (sc *scanner) canStart(t tok) bool {
	switch t.kind {
	case doc.Number:
		return true
	case doc.Word:
	default:
		return t.l == "'" || t.l == "’"
	}
	if t.f&fStarter != 0 {
		if t.l == "été" {
			// mostly the participle of être: a season after en, l', cet
			// or before a year
			p := sc.l(sc.cur - 1)
			return p == "en" || p == "l'" || p == "cet" || p == "d'" || p == "au" || (sc.cur+1 < len(sc.toks) && sc.toks[sc.cur+1].kind == doc.Number)
		}
		if t.f&fWeak == 0 {
			return true
		}
		// A function word opens an expression only before a time word.
		for k := sc.cur + 1; k < len(sc.toks) && k <= sc.cur+2; k++ {
			n := sc.toks[k]
			if n.kind == doc.Number || n.f&fCore != 0 || (n.hyph && numeral.IsWord(n.l, sc.lang)) {
				return true
			}
		}
		return false
	}
	if t.hyph {
		for _, p := range []string{"mi-", "mid-", "quasi-"} {
			if strings.HasPrefix(t.l, p) {
				return true
			}
		}
		return numeral.IsWord(t.l, sc.lang)
	}
	return t.upper && strings.IndexByte("IVXLC", t.s[0]) >= 0 // XXe siècle
}

// inner matches a date after a modifier or frame.
func (sc *scanner) inner(j int) (found, bool) {
	best := found{start: j, end: j}
	try := func(e expr, end int, ok bool) {
		if ok && end > best.end && e.typ != "DURATION" && e.typ != "SET" {
			best = found{start: j, end: end, e: e}
		}
	}
	try(sc.phrase(j))
	try(sc.calendar(j))
	try(sc.relative(j))
	return best, best.end > j
}

// bareYearNoun matches "l'année", "l'an", "the year", "la semaine", "le
// mois" after a frame: the current one.
func (sc *scanner) bareYearNoun(j int) (expr, int, bool) {
	k := j
	if sc.g.articles[sc.l(k)] || sc.g.this[sc.l(k)] {
		k++
	}
	u, ok := sc.g.units[sc.l(k)]
	if k == j && sc.lang == "en" && sc.l(k) == "year" {
		k++
		return expr{typ: "DATE", kind: kRel, unit: 'Y'}, k, true
	}
	if !ok || u.pl || k == j {
		return expr{}, 0, false
	}
	e := expr{typ: "DATE", kind: kRel, unit: u.code}
	if u.mult != 1 || u.code == 'D' || u.code == 'H' || u.code == 'N' || u.code == 'S' {
		if !(u.code == 'M' && u.mult == 3) {
			return expr{}, 0, false
		}
		e.unit = 'Q'
	}
	k++
	if sc.g.last[sc.l(k)] {
		e.n = -1
		k++
	} else if sc.g.next[sc.l(k)] {
		e.n = 1
		k++
	}
	return e, k, true
}

// phrase matches the fixed expressions, and a part of the day after a
// deictic day (hier soir, yesterday morning).
func (sc *scanner) phrase(i int) (expr, int, bool) {
	best, bestEnd := expr{}, 0
	for _, p := range sc.g.phrases[sc.l(i)] {
		if end, ok := sc.seq(i, p.toks); ok && end > bestEnd {
			best, bestEnd = p.e, end
		}
	}
	// quasi-quotidiennement
	if bestEnd == 0 {
		w := sc.l(i)
		if k := strings.IndexByte(w, '-'); k > 0 {
			w = w[k+1:]
		}
		if v, ok := sc.g.setAdverbs[w]; ok {
			return expr{typ: "SET", kind: kLit, lit: v}, i + 1, true
		}
		return expr{}, 0, false
	}
	if best.kind == kRel && best.unit == 'D' && best.pod == "" && (best.n != 0 || best.ana) {
		if pod, ok := sc.g.pods[sc.l(bestEnd)]; ok {
			best.pod, best.typ = pod, "TIME"
			bestEnd++
		}
	}
	if best.kind == kRel && best.unit == 'D' && best.today {
		// aujourd'hui vendredi
		if _, ok := sc.g.weekdays[sc.l(bestEnd)]; ok {
			bestEnd++
		}
	}
	return best, bestEnd, true
}
