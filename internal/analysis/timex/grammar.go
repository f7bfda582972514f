package timex

import (
	"strconv"
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

// isDigits reports whether s is 1 to n ASCII digits.
func isDigits(s string, n int) bool {
	if s == "" || len(s) > n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	v, _ := strconv.Atoi(s)
	return v
}

// dayAt reads a day of the month: 1 to 31 with an optional glued ordinal
// suffix (1er, 2nd, 21st), or "premier".
func (sc *scanner) dayAt(i int) (int, int, bool) {
	w := sc.l(i)
	if w == "premier" || w == "first" {
		return 1, i + 1, true
	}
	if !isDigits(w, 2) {
		return 0, 0, false
	}
	v := atoi(w)
	if v < 1 || v > 31 {
		return 0, 0, false
	}
	end := i + 1
	if end < len(sc.toks) && sc.toks[end].glued && sc.toks[end].kind == doc.Word {
		if _, ok := numeral.Ordinal(w+sc.l(end), sc.lang); !ok {
			return 0, 0, false
		}
		end++
	}
	return v, end, true
}

// monthAt reads a month name; weak is set for abbreviations and names that
// are also common words, which need a day or year beside them.
func (sc *scanner) monthAt(i int) (m, end int, weak bool, ok bool) {
	if i >= len(sc.toks) || sc.toks[i].kind != doc.Word {
		return 0, 0, false, false
	}
	t := sc.toks[i]
	w := t.l
	for _, p := range []string{"mi-", "mid-"} {
		if strings.HasPrefix(w, p) {
			w = w[len(p):]
		}
	}
	m, ok = sc.g.months[w]
	if !ok {
		return 0, 0, false, false
	}
	end = i + 1
	if sc.lang == "en" && !t.upper {
		return 0, 0, false, false
	}
	if sc.g.abbr[w] {
		weak = true
		if sc.l(end) == "." && sc.toks[end].glued {
			end++
		} else if w == "sept" || sc.lang == "fr" {
			return 0, 0, false, false
		}
	}
	if sc.g.ambig[w] && (sc.lang == "en" || (t.upper && i > 0)) {
		weak = true
	}
	return m, end, weak, true
}

// yearAt reads a four-digit year 1000-2999.
func (sc *scanner) yearAt(i int) (int, int, bool) {
	w := sc.l(i)
	if len(w) != 4 || !isDigits(w, 4) {
		return 0, 0, false
	}
	y := atoi(w)
	if y < 1000 || y > 2999 {
		return 0, 0, false
	}
	if i+1 < len(sc.toks) && sc.toks[i+1].glued && sc.toks[i+1].kind == doc.Word {
		return 0, 0, false // 1990s, 2023e
	}
	return y, i + 1, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y == 0 || (y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// calendar matches weekdays, day-month(-year), month(-year), and the
// seasons, decades and centuries.
func (sc *scanner) calendar(i int) (expr, int, bool) {
	g := sc.g
	j := i
	e := expr{typ: "DATE", kind: kCal}
	hasThis := false
	switch {
	case g.this[sc.l(j)]:
		hasThis = true
		j++
	case sc.lang == "en" && g.last[sc.l(j)] && sc.l(j) != "past":
		e.dir = -1
		j++
	case sc.lang == "en" && g.next[sc.l(j)]:
		e.dir = 1
		j++
	}
	if s, end, ok := sc.season(j, e.dir, hasThis); ok {
		return s, end, true
	}
	if j == i {
		if d, end, ok := sc.decade(i); ok {
			return d, end, true
		}
		if c, end, ok := sc.centuryAt(i); ok {
			return c, end, true
		}
		if y, end, ok := sc.yearExpr(i); ok {
			return y, end, true
		}
	}
	if wd, ok := g.weekdays[sc.l(j)]; ok && !g.wdPlural[sc.l(j)] {
		e.wd = wd
		j++
		if sc.l(j) == "," {
			if _, _, _, ok := sc.monthAt(j + 1); ok {
				j++
			} else if _, _, ok := sc.dayAt(j + 1); ok {
				j++
			}
		}
	}
	// ce mois de novembre, le mois de juin
	k := j
	if e.wd == 0 && sc.l(k) == "mois" && (sc.l(k+1) == "de" || sc.l(k+1) == "d'") {
		if m, end, _, ok := sc.monthAt(k + 2); ok {
			e.m = m
			j = end
			if y, yend, ok := sc.yearAt(j); ok {
				e.y, j = y, yend
			}
			return sc.postMods(e, j)
		}
	}
	if g.articles[sc.l(k)] {
		k++
	}
	weakMonth := false
	if d, end, ok := sc.dayAt(k); ok {
		m2 := end
		if sc.l(m2) == "of" {
			m2++
		}
		if m, mend, weak, ok := sc.monthAt(m2); ok {
			e.d, e.m = d, m
			j = mend
			if sc.l(j) == "," {
				if _, _, ok := sc.yearAt(j + 1); ok {
					j++
				}
			}
			if y, yend, ok := sc.yearAt(j); ok {
				e.y, j = y, yend
			} else if sc.lang == "fr" && sc.twoDigitYear(j) {
				e.y, j = 1900+atoi(sc.l(j)), j+1 // le 10 novembre 93
				if e.y < 1930 {
					e.y += 100
				}
			}
			_ = weak
		}
	}
	if e.m == 0 {
		if m, mend, weak, ok := sc.monthAt(j); ok {
			if d, dend, ok := sc.dayAt(mend); ok && sc.lang == "en" && sc.l(dend) != ":" {
				e.m, e.d = m, d
				j = dend
				if sc.l(j) == "," {
					if _, _, ok := sc.yearAt(j + 1); ok {
						j++
					}
				}
				if y, yend, ok := sc.yearAt(j); ok {
					e.y, j = y, yend
				}
			} else {
				e.m = m
				j = mend
				if sc.l(j) == "of" || sc.l(j) == "," {
					if _, _, ok := sc.yearAt(j + 1); ok {
						j++
					}
				}
				if y, yend, ok := sc.yearAt(j); ok {
					e.y, j = y, yend
				} else if sc.lang == "fr" && sc.twoDigitYear(j) {
					e.y, j = 1900+atoi(sc.l(j)), j+1 // octobre 98
					if e.y < 1930 {
						e.y += 100
					}
				}
				weakMonth = weak && e.y == 0 && e.wd == 0
			}
		}
	}
	if e.m == 0 && e.wd == 0 {
		return expr{}, 0, false
	}
	switch sc.l(i - 1) {
	case "until", "through", "by", "till", "jusqu'en", "d'ici", "avant", "before":
		e.lean = 1
	case "since", "depuis":
		e.lean = -1
	}
	if sc.l(i-1) == "à" && sc.l(i-2) == "jusqu'" {
		e.lean = 1
	}
	if weakMonth && !sc.monthContext(i) {
		return expr{}, 0, false
	}
	if e.d > 0 && e.d > daysIn(e.y, e.m) {
		e.invalid = "impossible date"
		e.d = 0
	}
	if e.m == 0 {
		e.kind = kWeekday
		if g.last[sc.l(j)] && sc.lang == "fr" {
			e.dir = -1
			j++
		} else if g.next[sc.l(j)] && sc.lang == "fr" {
			e.dir = 1
			j++
		}
		if pod, ok := g.pods[sc.l(j)]; ok {
			e.pod, e.typ = pod, "TIME"
			j++
		}
		if e.dir == 0 && e.pod == "" && j == i+1 && sc.toks[i].upper && sc.lang == "fr" && i > 0 && sc.l(i-1) != "," && sc.l(i-1) != "depuis" && !sc.toks[i-1].upper {
			// a capitalised weekday inside a French sentence is a name
			// (Vendredi, the character) unless it opens the sentence.
			return expr{}, 0, false
		}
		return e, j, true
	}
	return sc.postMods(e, j)
}

// twoDigitYear reports a two-digit year after a French month (octobre 98):
// two digits not followed by a word.
func (sc *scanner) twoDigitYear(j int) bool {
	w := sc.l(j)
	if len(w) != 2 || !isDigits(w, 2) {
		return false
	}
	return j+1 >= len(sc.toks) || sc.toks[j+1].kind != doc.Word && sc.toks[j+1].kind != doc.Number
}

// postMods reads "dernier" / "prochain" after a month or date.
func (sc *scanner) postMods(e expr, j int) (expr, int, bool) {
	if sc.lang == "fr" {
		if sc.g.last[sc.l(j)] {
			e.dir = -1
			j++
		} else if sc.g.next[sc.l(j)] {
			e.dir = 1
			j++
		}
	}
	return e, j, true
}

// monthContext reports whether a weak month name at i is used as a month:
// after a preposition or a period word.
func (sc *scanner) monthContext(i int) bool {
	p := sc.l(i - 1)
	switch p {
	case "in", "since", "by", "until", "till", "last", "next", "this", "early", "late", "mid", "of", "during", "through",
		"from", "before", "after", "en", "depuis", "de", "d'", "début", "fin", "mi", "jusqu'en", "dès", "courant", "avant", "après", "entre", "et", "and", "to":
		return true
	}
	return false
}

// season matches [ce|l'|the|last] SEASON [YEAR|dernier|prochain].
func (sc *scanner) season(j, dir int, hasThis bool) (expr, int, bool) {
	k := j
	art := false
	if sc.g.articles[sc.l(k)] {
		art = true
		k++
	}
	s, ok := sc.g.seasons[sc.l(k)]
	if !ok {
		return expr{}, 0, false
	}
	e := expr{typ: "DATE", kind: kCal, season: s, dir: dir}
	k++
	if sc.l(k) == "of" || sc.l(k) == "de" {
		if _, _, ok := sc.yearAt(k + 1); ok {
			k++
		}
	}
	if y, end, ok := sc.yearAt(k); ok {
		e.y = y
		return e, end, true
	}
	if sc.lang == "fr" {
		if sc.g.last[sc.l(k)] {
			e.dir = -1
			k++
		} else if sc.g.next[sc.l(k)] {
			e.dir = 1
			k++
		}
	}
	if !art && !hasThis && e.dir == 0 {
		// A bare season only after a preposition: en été, in summer (été
		// is also the participle of être, fall a verb).
		switch sc.l(j - 1) {
		case "en", "in", "during", "pendant", "durant", "au":
			return expr{typ: "DATE", kind: kLit, lit: "XXXX-" + s}, k, true
		}
		return expr{}, 0, false
	}
	return e, k, true
}

// yearExpr matches a bare year in a year context, "l'an 2000", "2023-24".
func (sc *scanner) yearExpr(i int) (expr, int, bool) {
	j := i
	if (sc.l(j) == "l'" && (sc.l(j+1) == "an" || sc.l(j+1) == "année")) || (sc.l(j) == "the" && sc.l(j+1) == "year") {
		j += 2
	}
	y, end, ok := sc.yearAt(j)
	if !ok {
		return expr{}, 0, false
	}
	if j == i {
		prev := sc.l(i - 1)
		if i > 0 && (sc.toks[i-1].kind == doc.Symbol || prev == "n°" || prev == "no" || prev == "numéro" || prev == "+" || prev == "-") {
			return expr{}, 0, false
		}
		next := sc.l(end)
		ctx := sc.g.yearPreps[prev] || sc.g.months[prev] > 0 || i == 0 && false
		if next == "%" || next == "€" || next == "$" || (end < len(sc.toks) && sc.toks[end].kind == doc.Symbol) {
			return expr{}, 0, false
		}
		if end < len(sc.toks) && sc.toks[end].kind == doc.Word && !sc.g.yearFollow[next] && !sc.toks[end].upper {
			// 2000 personnes is a count; "en 1998 où", "in 2011 removed",
			// "a 2010 raid" are years.
			strong := strongYearPreps[prev] && !strings.HasSuffix(next, "s") && !strings.HasSuffix(next, "x") && sc.g.units[next].code == 0
			if !strong && !(sc.lang == "en" && yearDeterminers[prev]) {
				return expr{}, 0, false
			}
			ctx = true
		}
		if !ctx && (y < 1900 || y > 2100) {
			return expr{}, 0, false
		}
		if !ctx && end < len(sc.toks) && sc.toks[end].kind == doc.Number {
			return expr{}, 0, false
		}
	}
	e := expr{typ: "DATE", kind: kCal, y: y}
	// 2023-24, 2009/10: one span, the first year's value.
	if (sc.l(end) == "-" || sc.l(end) == "/") && end+1 < len(sc.toks) && sc.toks[end].glued && sc.toks[end+1].glued && isDigits(sc.l(end+1), 2) && len(sc.l(end+1)) == 2 {
		end += 2
		e.span = true
	}
	return e, end, true
}

var strongYearPreps = set("en", "depuis", "dès", "jusqu'en", "in", "since", "until", "by")

var yearDeterminers = set("a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "this", "that")

// decade matches "les années 1990", "années 60", "the 1990s", "the '90s".
func (sc *scanner) decade(i int) (expr, int, bool) {
	j := i
	switch sc.l(j) {
	case "les", "des", "aux", "the":
		j++
	}
	if sc.g.decadeWord[sc.l(j)] {
		w := sc.l(j + 1)
		switch {
		case len(w) == 4 && isDigits(w, 4) && w[3] == '0':
			return expr{typ: "DATE", kind: kLit, lit: w[:3]}, j + 2, true
		case len(w) == 2 && isDigits(w, 2) && w[1] == '0':
			return expr{typ: "DATE", kind: kLit, lit: "19" + w[:1]}, j + 2, true
		}
		if v, ok, err := numeral.Word(w, sc.lang); ok && err == nil && v >= 20 && v < 100 && int(v)%10 == 0 {
			return expr{typ: "DATE", kind: kLit, lit: "19" + strconv.Itoa(int(v)/10)}, j + 2, true
		}
		return expr{}, 0, false
	}
	// English: 1990s, '90s
	k := j
	if sc.l(k) == "'" || sc.l(k) == "’" {
		k++
	}
	w := sc.l(k)
	if k+1 < len(sc.toks) && sc.l(k+1) == "s" && sc.toks[k+1].glued {
		switch {
		case len(w) == 4 && isDigits(w, 4) && w[3] == '0':
			return expr{typ: "DATE", kind: kLit, lit: w[:3]}, k + 2, true
		case len(w) == 2 && isDigits(w, 2) && w[1] == '0' && k > j:
			return expr{typ: "DATE", kind: kLit, lit: "19" + w[:1]}, k + 2, true
		}
	}
	return expr{}, 0, false
}

// centuryAt matches "le XXe siècle", "the 20th century".
func (sc *scanner) centuryAt(i int) (expr, int, bool) {
	j := i
	switch sc.l(j) {
	case "le", "the":
		j++
	}
	w := sc.toks
	if j >= len(w) || !(sc.g.century[sc.l(j+1)] || sc.g.century[sc.l(j+2)]) {
		return expr{}, 0, false
	}
	ord, end := 0, j
	if o, ok := numeral.Ordinal(w[j].s, sc.lang); ok {
		ord, end = o, j+1
	} else if isDigits(w[j].l, 2) && j+1 < len(w) && w[j+1].glued {
		if o, ok := numeral.Ordinal(w[j].l+w[j+1].l, sc.lang); ok {
			ord, end = o, j+2
		}
	}
	if ord < 1 || ord > 30 || !sc.g.century[sc.l(end)] {
		return expr{}, 0, false
	}
	return expr{typ: "DATE", kind: kLit, lit: pad2(ord - 1)}, end + 1, true
}

func pad2(v int) string {
	if v < 10 {
		return "0" + strconv.Itoa(v)
	}
	return strconv.Itoa(v)
}

// numeric matches 12/09/2023, 2023-09-12, 12.09.2023.
func (sc *scanner) numeric(i int) (expr, int, bool) {
	w := sc.l(i)
	var a, b, c string
	end := i
	if strings.Count(w, ".") == 2 && sc.toks[i].kind == doc.Number {
		p := strings.Split(w, ".")
		a, b, c = p[0], p[1], p[2]
		end = i + 1
	} else {
		if i+4 >= len(sc.toks) || !isDigits(w, 4) {
			return expr{}, 0, false
		}
		sep := sc.l(i + 1)
		if (sep != "/" && sep != "-" && sep != ".") || sc.l(i+3) != sep {
			return expr{}, 0, false
		}
		for k := i + 1; k <= i+4; k++ {
			if !sc.toks[k].glued {
				return expr{}, 0, false
			}
		}
		a, b, c = w, sc.l(i+2), sc.l(i+4)
		end = i + 5
	}
	if !isDigits(a, 4) || !isDigits(b, 4) || !isDigits(c, 4) {
		return expr{}, 0, false
	}
	e := expr{typ: "DATE", kind: kCal}
	switch {
	case len(a) == 4 && len(b) <= 2 && len(c) <= 2:
		e.y, e.m, e.d = atoi(a), atoi(b), atoi(c)
	case len(a) <= 2 && len(b) <= 2 && (len(c) == 4 || len(c) == 2):
		e.y = atoi(c)
		if len(c) == 2 {
			e.y += 1900
			if e.y < 1950 {
				e.y += 100
			}
		}
		x, y := atoi(a), atoi(b)
		if sc.g.dayFirst || x > 12 {
			e.d, e.m = x, y
		} else {
			e.m, e.d = x, y
		}
	default:
		return expr{}, 0, false
	}
	if e.m < 1 || e.m > 12 || e.d < 1 || e.d > daysIn(e.y, e.m) {
		return expr{drop: true, invalid: "impossible date"}, end, true
	}
	return e, end, true
}

// relative matches units counted from the dateline: le mois dernier, la
// semaine prochaine, cette année, last week, il y a trois jours, dans
// deux semaines, two days ago, ces douze derniers mois.
func (sc *scanner) relative(i int) (expr, int, bool) {
	g := sc.g
	j := i
	w := sc.l(j)
	// il y a N unités
	if w == "il" && sc.l(j+1) == "y" && sc.l(j+2) == "a" {
		if n, u, end, ok := sc.amountUnit(j+3, false); ok && n > 0 {
			return relUnit(weeksAsDays(u), -n, end)
		}
		return expr{}, 0, false
	}
	if g.inBefore[w] {
		if n, u, end, ok := sc.amountUnit(j+1, false); ok && n > 0 {
			return relUnit(weeksAsDays(u), n, end)
		}
		return expr{}, 0, false
	}
	// les/ces N derniers mois → duration
	if w == "les" || w == "ces" || w == "the" {
		k := j + 1
		if sc.lang == "en" && (g.last[sc.l(k)] || g.next[sc.l(k)]) {
			k++
			if e, end, ok := sc.pastN(k); ok {
				return e, end, true
			}
			// the past year, the last week
			if u, ok := g.units[sc.l(k)]; ok && !u.pl && u.code != 'E' {
				if sc.l(k-1) == "past" {
					return expr{typ: "DURATION", kind: kLit, lit: durValue(map[byte]float64{u.code: u.mult}, false)}, k + 1, true
				}
				d := -1.0
				if g.next[sc.l(k-1)] {
					d = 1
				}
				return relUnit(u, d, k+1)
			}
		}
		if sc.lang == "fr" {
			n, used, _ := numeral.Parse(sc.ls[k:], sc.lang, false)
			if used > 0 && n.Value > 0 {
				k += used
			}
			if g.last[sc.l(k)] || g.next[sc.l(k)] {
				u, ok := g.units[sc.l(k+1)]
				if ok && u.plural() {
					if used > 0 {
						return expr{typ: "DURATION", kind: kLit, lit: durValue(map[byte]float64{u.code: n.Value * u.mult}, false)}, k + 2, true
					}
					if w == "ces" && g.last[sc.l(k)] {
						return expr{typ: "DURATION", kind: kLit, lit: durValue(map[byte]float64{u.code: 0}, true)}, k + 2, true
					}
				}
			}
		}
	}
	// N units ago
	if len(g.agoAfter) > 0 {
		if n, u, end, ok := sc.amountUnit(j, false); ok && sc.l(end) == "ago" {
			if n <= 0 {
				return expr{typ: "DATE", kind: kLit, lit: "PAST_REF"}, end + 1, true
			}
			return relUnit(weeksAsDays(u), -n, end+1)
		}
	}
	// the/this/last/next + unit (English)
	if sc.lang == "en" {
		k := j
		if w == "the" {
			k++
		}
		mod := sc.l(k)
		dir, ana := 0, false
		switch {
		case g.this[mod] && k == j:
			dir = 0
		case g.last[mod] && mod != "past":
			dir = -1
		case g.next[mod]:
			dir = 1
		case g.prevAna[mod]:
			dir, ana = -1, true
		case g.nextAna[mod]:
			dir, ana = 1, true
		default:
			return expr{}, 0, false
		}
		u, ok := g.units[sc.l(k+1)]
		if !ok || u.pl || (u.code == 'D' && !ana) || u.code == 'H' || u.code == 'N' || u.code == 'S' {
			return expr{}, 0, false
		}
		if u.code == 'Y' && u.mult > 1 && dir != 0 {
			// the next decade, the following century: a stretch of time
			return expr{typ: "DURATION", kind: kLit, lit: durValue(map[byte]float64{'Y': u.mult}, false)}, k + 2, true
		}
		e, end, ok := relUnit(u, float64(dir), k+2)
		e.ana = ana
		return e, end, ok
	}
	// French: (le|la|l'|ce|cet|cette) unit [dernier|prochain|précédent|suivant|-ci|-là]
	art := g.articles[w]
	this := g.this[w]
	if !art && !this {
		return expr{}, 0, false
	}
	uw := sc.l(j + 1)
	ana, suffix := false, false
	if strings.HasSuffix(uw, "-ci") {
		uw, suffix = strings.TrimSuffix(uw, "-ci"), true
	} else if strings.HasSuffix(uw, "-là") {
		uw, suffix, ana = strings.TrimSuffix(uw, "-là"), true, true
	}
	u, ok := g.units[uw]
	if !ok || u.pl || u.code == 'H' || u.code == 'N' || u.code == 'S' {
		return expr{}, 0, false
	}
	mod := sc.l(j + 2)
	dir, end := 0, j+2
	switch {
	case suffix:
	case g.last[mod]:
		dir, end = -1, j+3
	case g.next[mod]:
		dir, end = 1, j+3
	case g.prevAna[mod]:
		dir, end, ana = -1, j+3, true
	case g.nextAna[mod]:
		dir, end, ana = 1, j+3, true
	case this && u.code != 'D':
	default:
		return expr{}, 0, false
	}
	if u.code == 'D' && !ana {
		return expr{}, 0, false // "le jour suivant" only
	}
	e, end, ok := relUnit(u, float64(dir), end)
	e.ana = ana
	return e, end, ok
}

// weeksAsDays counts "il y a deux semaines" in days: the value is a day.
func weeksAsDays(u unit) unit {
	if u.code == 'W' {
		return unit{code: 'D', mult: 7 * u.mult}
	}
	return u
}

// pastN matches "N units" or "few units" after "the past/next".
func (sc *scanner) pastN(k int) (expr, int, bool) {
	if sc.g.vague[sc.l(k)] {
		if u, ok := sc.g.units[sc.l(k+1)]; ok && u.plural() {
			return expr{typ: "DURATION", kind: kLit, lit: durValue(map[byte]float64{u.code: 0}, true)}, k + 2, true
		}
		return expr{}, 0, false
	}
	n, used, _ := numeral.Parse(sc.ls[k:], sc.lang, false)
	if used == 0 || n.Value <= 0 {
		return expr{}, 0, false
	}
	u, ok := sc.g.units[sc.l(k+used)]
	if !ok {
		return expr{}, 0, false
	}
	return expr{typ: "DURATION", kind: kLit, lit: durValue(map[byte]float64{u.code: n.Value * u.mult}, false)}, k + used + 1, true
}

// relUnit builds an offset of n units (n already counts the unit's size).
func relUnit(u unit, n float64, end int) (expr, int, bool) {
	e := expr{typ: "DATE", kind: kRel, n: int(n * u.mult)}
	switch u.code {
	case 'Y', 'W', 'D', 'E':
		e.unit = u.code
	case 'M':
		e.unit = 'M'
		if u.mult == 3 && n == float64(int(n)) && n >= -1 && n <= 1 {
			e.unit, e.n = 'Q', int(n)
		}
	case 'H', 'N', 'S':
		e.unit, e.n = 'D', 0
	default:
		return expr{}, 0, false
	}
	return e, end, true
}

// amountUnit reads "N unit" (trois jours, une semaine, a year); n is 0 for
// vague amounts (quelques jours, a few days).
func (sc *scanner) amountUnit(k int, needPlural bool) (float64, unit, int, bool) {
	if sc.l(k) == "a" && sc.l(k+1) == "few" {
		k++
	}
	if sc.g.vague[sc.l(k)] {
		if u, ok := sc.g.units[sc.l(k+1)]; ok && u.plural() {
			return 0, u, k + 2, true
		}
		return 0, unit{}, 0, false
	}
	if u, ok := sc.g.units[sc.l(k)]; ok && u.pl && sc.lang == "en" && sc.l(k+1) == "ago" {
		return 0, u, k + 1, true // years ago
	}
	if k >= len(sc.toks) {
		return 0, unit{}, 0, false
	}
	// Cheap rejections before parsing: digits not followed by a unit or
	// a number word, words that are not numbers.
	if t := sc.toks[k]; t.kind == doc.Number {
		if k+1 >= len(sc.toks) || sc.toks[k+1].f&(fUnit|fNumber) == 0 {
			return 0, unit{}, 0, false
		}
	} else if t.f&fNumber == 0 && !t.hyph {
		return 0, unit{}, 0, false
	}
	n, used, _ := numeral.Parse(sc.ls[k:], sc.lang, true)
	if used == 0 {
		return 0, unit{}, 0, false
	}
	u, ok := sc.g.units[sc.l(k+used)]
	if !ok || u.code == 'E' {
		return 0, unit{}, 0, false
	}
	if numeral.IsArticleOne(sc.l(k), sc.lang) && used == 1 && u.pl {
		return 0, unit{}, 0, false
	}
	return n.Value, u, k + used + 1, true
}

// durValue renders an ISO 8601 duration; vague renders X for the amount.
func durValue(parts map[byte]float64, vague bool) string {
	var b strings.Builder
	b.WriteByte('P')
	num := func(v float64) string {
		if vague {
			return "X"
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	// Fractions of hours and minutes go down a unit.
	if h, ok := parts['H']; ok && h != float64(int64(h)) && !vague {
		parts['N'] += (h - float64(int64(h))) * 60
		parts['H'] = float64(int64(h))
		if parts['H'] == 0 {
			delete(parts, 'H')
		}
	}
	if m, ok := parts['N']; ok && m != float64(int64(m)) && !vague {
		parts['S'] += (m - float64(int64(m))) * 60
		parts['N'] = float64(int64(m))
		if parts['N'] == 0 {
			delete(parts, 'N')
		}
	}
	for _, c := range []byte{'Y', 'M', 'W', 'D'} {
		if v, ok := parts[c]; ok {
			b.WriteString(num(v))
			b.WriteByte(c)
		}
	}
	timeDone := false
	for _, c := range []byte{'H', 'N', 'S'} {
		if v, ok := parts[c]; ok {
			if !timeDone {
				b.WriteByte('T')
				timeDone = true
			}
			b.WriteString(num(v))
			if c == 'N' {
				b.WriteByte('M')
			} else {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}

// ageCue reports an age cue (âgé de, aged) right before i.
func (sc *scanner) ageCue(i int) bool {
	for _, cue := range sc.g.ageBefore {
		if sc.seqBefore(i, cue) {
			return true
		}
	}
	return false
}

// isAge reports whether the year amount at [start, unitEnd) gives an age.
func (sc *scanner) isAge(start, unitEnd int) bool {
	for _, cue := range sc.g.ageBefore {
		if sc.seqBefore(start, cue) {
			return true
		}
	}
	next := sc.l(unitEnd)
	if next == "old" || next == "-year-old" || (next == "-" && sc.l(unitEnd+1) == "old") {
		return true
	}
	if sc.lang == "fr" {
		p := sc.l(start - 1)
		if (p == "de" || p == "d'") && sc.g.personNouns[sc.l(start-2)] {
			return true
		}
		if p == "," || p == "(" {
			if next == "," || next == ")" || next == "" || next == "." || next == "et" {
				return sc.toks[start].kind == doc.Number
			}
		}
	}
	return false
}

// duration matches amounts of time: deux jours, 48 heures, six years and
// 10 months, un an et demi, plus de vingt ans, quelques mois, three-month.
func (sc *scanner) duration(i int) (expr, int, bool) {
	g := sc.g
	j := i
	for _, m := range g.modIndex[sc.l(j)] {
		if end, ok := sc.seq(j, m); ok {
			j = end
			break
		}
	}
	start := j
	parts := map[byte]float64{}
	vague := false
	// three-month, five-year
	if w := sc.l(j); strings.Count(w, "-") == 1 {
		k := strings.IndexByte(w, '-')
		if v, ok, err := numeral.Word(w[:k], sc.lang); ok && err == nil {
			if u, ok := g.units[w[k+1:]]; ok && !u.pl && u.code != 'E' {
				if sc.l(j+1) == "-" || sc.l(j+1) == "old" {
					return expr{}, 0, false
				}
				parts[u.code] = v * u.mult
				return expr{typ: "DURATION", kind: kLit, lit: durValue(parts, false)}, j + 1, true
			}
		}
	}
	// 10-year
	if isDigits(sc.l(j), 4) && sc.l(j+1) == "-" && j+2 < len(sc.toks) && sc.toks[j+1].glued && sc.toks[j+2].glued {
		if u, ok := g.units[sc.l(j+2)]; ok && !u.pl && u.code != 'E' {
			if sc.l(j+3) == "-" || sc.l(j+3) == "old" {
				return expr{}, 0, false
			}
			parts[u.code] = float64(atoi(sc.l(j))) * u.mult
			return expr{typ: "DURATION", kind: kLit, lit: durValue(parts, false)}, j + 3, true
		}
	}
	// une demi-heure, un demi-siècle, half an hour
	if numeral.IsArticleOne(sc.l(j), sc.lang) {
		if w := sc.l(j + 1); strings.HasPrefix(w, "demi-") {
			if u, ok := g.units[w[len("demi-"):]]; ok && u.code != 'E' {
				parts[u.code] = 0.5 * u.mult
				return expr{typ: "DURATION", kind: kLit, lit: durValue(parts, false)}, j + 2, true
			}
		}
	}
	if sc.l(j) == "half" && numeral.IsArticleOne(sc.l(j+1), sc.lang) {
		if u, ok := g.units[sc.l(j+2)]; ok && !u.pl && u.code != 'E' {
			parts[u.code] = 0.5 * u.mult
			return expr{typ: "DURATION", kind: kLit, lit: durValue(parts, false)}, j + 3, true
		}
	}
	// un quart d'heure, trois quarts d'heure, un quart de siècle
	if q := sc.l(j + 1); q == "quart" || q == "quarts" {
		n, used, _ := numeral.Parse(sc.ls[j:j+1], sc.lang, true)
		if used == 1 && (sc.l(j+2) == "de" || sc.l(j+2) == "d'") {
			if u, ok := g.units[sc.l(j+3)]; ok && !u.pl && u.code != 'E' {
				parts[u.code] = n.Value * 0.25 * u.mult
				return expr{typ: "DURATION", kind: kLit, lit: durValue(parts, false)}, j + 4, true
			}
		}
	}
	end := j
	for first := true; ; first = false {
		k := end
		if !first {
			c := sc.l(k)
			if c != "et" && c != "and" {
				break
			}
			k++
		}
		if k >= len(sc.toks) {
			break
		}
		var n float64
		var u unit
		var uend int
		var ok bool
		if first && (sc.g.vague[sc.l(k)] || (sc.l(k) == "a" && sc.l(k+1) == "few") || ((sc.l(k) == "des" || sc.l(k) == "de") && (sc.g.durPreps[sc.l(i-1)]))) {
			kk := k
			if sc.l(kk) == "des" || sc.l(kk) == "de" {
				kk++
				if uu, ok2 := g.units[sc.l(kk)]; ok2 && uu.plural() && uu.code != 'E' && uu.code != 'S' && uu.code != 'N' {
					u, uend, ok, vague = uu, kk+1, true, true
				}
			} else {
				n, u, uend, ok = sc.amountUnit(k, true)
				vague = ok
			}
		} else {
			if sc.toks[k].kind == doc.Number && k+1 < len(sc.toks) && sc.toks[k+1].glued && sc.toks[k+1].kind == doc.Word {
				if _, isUnit := g.units[sc.l(k+1)]; !isUnit {
					break // 96th-minute, 1er
				}
			}
			n, u, uend, ok = sc.amountUnit(k, false)
		}
		if !ok || u.code == 'E' {
			break
		}
		if _, dup := parts[u.code]; dup && !vague {
			break
		}
		if first {
			w0 := sc.l(k)
			article := numeral.IsArticleOne(w0, sc.lang) || w0 == "one"
			if article && u.code == 'D' && !g.durPreps[sc.l(start-1)] && start == i {
				return expr{}, 0, false // un jour (some day), a day
			}
			if (u.code == 'Y' && u.mult == 1 && sc.isAge(k, uend)) || sc.ageCue(start) {
				return expr{}, 0, false
			}
		}
		if vague {
			parts[u.code] = 0
			end = uend
			break
		}
		parts[u.code] += n * u.mult
		end = uend
		// et demi, and a half
		if (sc.l(end) == "et" && (sc.l(end+1) == "demi" || sc.l(end+1) == "demie")) || (sc.l(end) == "and" && sc.l(end+1) == "a" && sc.l(end+2) == "half") {
			parts[u.code] += 0.5 * u.mult
			if sc.l(end) == "and" {
				end++
			}
			end += 2
			break
		}
	}
	if end == j || len(parts) == 0 {
		return expr{}, 0, false
	}
	if sc.g.agoAfter[sc.l(end)] && sc.l(end) == "ago" {
		return expr{}, 0, false // six years ago is a date
	}
	// five years' (possessive)
	if sc.l(end) == "'" && sc.toks[end].glued {
		end++
	}
	_ = start
	return expr{typ: "DURATION", kind: kLit, lit: durValue(parts, vague)}, end, true
}

// clock matches times of day: 17 heures, 17 h 30, 17h30, à 9 heures du
// soir, midi, 5 p.m., 5:30 p.m., 15:00 GMT, noon.
func (sc *scanner) clock(i int) (expr, int, bool) {
	g := sc.g
	w := sc.l(i)
	e := expr{typ: "TIME", kind: kCal, clock: true}
	switch w {
	case "midi", "noon":
		if sc.toks[i].upper && i > 0 || sc.l(i-1) == "le" || sc.l(i-1) == "du" {
			return expr{}, 0, false
		}
		e.hh = 12
		end := i + 1
		if sc.l(end) == "et" && (sc.l(end+1) == "demi" || sc.l(end+1) == "demie") {
			e.mm, end = 30, end+2
		}
		return e, end, true
	case "minuit", "midnight":
		e.hh = 0
		return e, i + 1, true
	}
	if !isDigits(w, 2) || sc.toks[i].kind != doc.Number || (i > 0 && sc.l(i-1) == ":" && sc.toks[i].glued) {
		return expr{}, 0, false
	}
	h := atoi(w)
	if h > 24 {
		return expr{}, 0, false
	}
	e.hh = h
	j := i + 1
	nx := sc.l(j)
	isClock := false
	switch {
	case nx == ":" && j+1 < len(sc.toks) && isDigits(sc.l(j+1), 2) && len(sc.l(j+1)) == 2 && sc.toks[j].glued && sc.toks[j+1].glued:
		m := atoi(sc.l(j + 1))
		if m > 59 || h > 23 {
			return expr{}, 0, false
		}
		if sc.l(j+2) == ":" {
			// 3:07:35 is a duration (a race time)
			if s := sc.l(j + 3); isDigits(s, 2) && len(s) == 2 && atoi(s) < 60 && m < 60 {
				parts := map[byte]float64{'H': float64(h), 'N': float64(m), 'S': float64(atoi(s))}
				return expr{typ: "DURATION", kind: kLit, lit: durValue(parts, false)}, j + 4, true
			}
			return expr{}, 0, false
		}
		e.mm = m
		j += 2
		isClock = true
	case g.hourWords[nx] && sc.lang == "fr":
		j++
		if isDigits(sc.l(j), 2) && len(sc.l(j)) == 2 && atoi(sc.l(j)) < 60 {
			e.mm = atoi(sc.l(j))
			j++
			isClock = true
		}
		if !isClock {
			if nx == "h" {
				isClock = !hourDurPreps[sc.l(i-1)] && !sc.prevIsAmountMod(i)
			} else {
				isClock = g.clockPreps[sc.l(i-1)]
			}
		}
	case sc.lang == "fr" && len(nx) == 3 && nx[0] == 'h' && isDigits(nx[1:], 2) && j < len(sc.toks) && sc.toks[j].glued:
		m := atoi(nx[1:])
		if m > 59 {
			return expr{}, 0, false
		}
		e.mm = m
		j++
		isClock = true
	}
	if sc.lang == "en" || isClock {
		if add, ok := g.meridiem[sc.l(j)]; ok {
			if e.hh == 12 {
				e.hh = 0
			}
			e.hh += add
			j++
			isClock = true
		} else if sc.l(j) == "o'clock" {
			j++
			isClock = true
		}
	}
	if !isClock {
		return expr{}, 0, false
	}
	// du matin, du soir, de l'après-midi
	if sc.lang == "fr" && (sc.l(j) == "du" || sc.l(j) == "de") {
		k := j + 1
		if sc.l(k) == "l'" {
			k++
		}
		if pod, ok := g.pods[sc.l(k)]; ok {
			if (pod == "EV" || pod == "AF" || pod == "NI") && e.hh < 12 && !(pod == "NI" && e.hh < 6) {
				e.hh += 12
			}
			j = k + 1
		}
	}
	switch sc.toks[min(j, len(sc.toks)-1)].s {
	case "GMT", "UTC", "ET", "EST", "EDT", "PT", "PST", "PDT", "CET", "CEST", "BST":
		if j < len(sc.toks) {
			j++
		}
	}
	if e.hh > 23 {
		e.hh = 0
	}
	return e, j, true
}

var hourDurPreps = set("en", "pendant", "durant", "depuis", "sous", "dans", "les", "des", "ces", "toutes", "chaque", "quelques", "plusieurs", "environ", "pour")

// prevIsAmountMod reports "plus de 24 h", "moins de 2 h".
func (sc *scanner) prevIsAmountMod(i int) bool {
	p := sc.l(i - 1)
	return (p == "de" || p == "d'") && (sc.l(i-2) == "plus" || sc.l(i-2) == "moins" || sc.l(i-2) == "près")
}

// set matches repeated times: chaque lundi, tous les jours, tous les deux
// ans, every two months, each year, par an, quotidiennement.
func (sc *scanner) set(i int) (expr, int, bool) {
	g := sc.g
	w := sc.l(i)
	j := i
	switch {
	case g.each[w]:
		j++
	case (w == "tous" || w == "toutes") && sc.l(i+1) == "les":
		j += 2
	case w == "par" || w == "per":
		if u, ok := g.units[sc.l(i+1)]; ok && !u.pl && u.code != 'E' {
			return expr{typ: "SET", kind: kLit, lit: durValue(map[byte]float64{u.code: u.mult}, false)}, i + 2, true
		}
		return expr{}, 0, false
	default:
		return expr{}, 0, false
	}
	n := 1.0
	if sc.l(j) == "other" {
		n = 2
		j++
	} else if num, used, _ := numeral.Parse(sc.ls[j:], sc.lang, false); used > 0 && num.Value > 1 {
		n = num.Value
		j += used
	}
	if wd, ok := g.weekdays[sc.l(j)]; ok {
		return expr{typ: "SET", kind: kLit, lit: "XXXX-WXX-" + strconv.Itoa(wd)}, j + 1, true
	}
	if pod, ok := g.pods[sc.l(j)]; ok {
		return expr{typ: "SET", kind: kLit, lit: "XXXX-XX-XXT" + pod}, j + 1, true
	}
	if u, ok := g.units[sc.l(j)]; ok && u.code != 'E' {
		return expr{typ: "SET", kind: kLit, lit: durValue(map[byte]float64{u.code: n * u.mult}, false)}, j + 1, true
	}
	return expr{}, 0, false
}
