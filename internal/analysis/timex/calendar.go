// Absolute expressions: days, months, years, seasons, decades, centuries
// and numeric dates.

package timex

import (
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/numeral"
)

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
