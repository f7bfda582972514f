// Relative expressions (la semaine dernière, il y a trois jours, two days
// ago) and durations (deux jours, six years and 10 months).

package timex

import (
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/numeral"
)

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
