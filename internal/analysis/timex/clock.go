// Times of day (17 heures, 5 p.m.) and sets (chaque lundi).

package timex

import (
	"strconv"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/numeral"
)

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
