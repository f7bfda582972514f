// Package quantity finds numbers with units in French and English news:
// lengths, speeds, masses, areas, volumes, temperatures, energy, percents,
// money (ISO 4217 codes), ages, and counts of people and things ("douze
// élèves", "40 pompiers", "10 guys").
//
// What it reads: Tokens, Sentences and Removed (nothing in a removed part is
// annotated), and Times: a number inside a time expression (a year, a date,
// "deux jours", "cinq ans de prison") is not a quantity. What it writes:
// Document.Quantities with Value, ValueMax for ranges ("entre 10 et 20
// km"), the normalised Unit (mi, km, mi/h, km/h, %, EUR, USD, GBP, year for
// ages, count), SI for units outside the metric system (683 mi → 1099.2
// km), Approx for approximate amounts ("environ", "une vingtaine") and
// Measured (the counted noun, or the noun the amount is "of": "un trajet
// de 683 milles" → trajet). Malformed numbers ("quatre-vingt-quatre-vingt",
// a 200-digit string, 1e400) become document problems.
//
// Not quantities, following the gold guidelines: match minutes and other
// ordinals, sports scores and vote tallies (2-1, 6-3), the bare numeral
// "one"/"un", dates and times, and "les deux X" (both). Numbers are read
// by the shared numeral package.
package quantity

import (
	"context"
	"errors"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/analysis"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/lang"
	"github.com/newsgraph/newsgraph/internal/numeral"
)

// Name is the stage name recorded on annotations.
const Name = "quantity"

// Stage is the quantity stage; it holds only read-only tables and is safe
// for concurrent use.
type Stage struct{}

// New returns the quantity stage.
func New() *Stage { return &Stage{} }

// Spec implements analysis.Stage.
func (*Stage) Spec() analysis.Spec {
	return analysis.Spec{
		Name:     Name,
		Requires: []analysis.Layer{analysis.LayerTokens, analysis.LayerSentences, analysis.LayerRemoved, analysis.LayerTimes},
		Provides: []analysis.Layer{analysis.LayerQuantities},
	}
}

// Analyze implements analysis.Stage.
func (*Stage) Analyze(ctx context.Context, d *doc.Document) error {
	sc := scanner{d: d, lang: lang.Base(d.Lang)}
	sc.w = enWords
	if sc.lang == "fr" {
		sc.w = frWords
	}
	if sc.lang == "und" {
		sc.lang = "en"
	}
	ti := 0
	for i, s := range d.Sentences {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if d.IsRemoved(s.Span) {
			continue
		}
		// times are in text order: keep those that may touch this sentence.
		for ti < len(d.Times) && d.Times[ti].Span.End <= s.Span.Start {
			ti++
		}
		tj := ti
		for tj < len(d.Times) && d.Times[tj].Span.Start < s.Span.End {
			tj++
		}
		sc.sentence(s, d.Times[ti:tj])
	}
	return nil
}

type tok struct {
	s     string
	l     string
	sp    doc.Span
	kind  doc.TokenKind
	glued bool
	upper bool
	time  bool // inside a time expression
	cand  bool // a word that may open a quantity (number word, modifier, currency)
}

type scanner struct {
	d    *doc.Document
	lang string
	w    *words
	toks []tok
	ls   []string
}

func fold(s string) string {
	// Fast path: nothing to fold in lower-case text without typographic
	// apostrophes.
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			if c >= 'A' && c <= 'Z' {
				return foldSlow(s)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '’' || unicode.IsUpper(r) {
			return foldSlow(s)
		}
		i += n
	}
	return s
}

func foldSlow(s string) string {
	l := strings.ToLower(s)
	if strings.Contains(l, "’") {
		l = strings.ReplaceAll(l, "’", "'")
	}
	return l
}

func (sc *scanner) l(i int) string {
	if i < 0 || i >= len(sc.toks) {
		return ""
	}
	return sc.toks[i].l
}

func (sc *scanner) seq(i int, ws []string) (int, bool) {
	for k, w := range ws {
		if sc.l(i+k) != w {
			return i, false
		}
	}
	return i + len(ws), true
}

func (sc *scanner) seqBefore(i int, ws []string) bool {
	if i-len(ws) < 0 {
		return false
	}
	_, ok := sc.seq(i-len(ws), ws)
	return ok
}

func (sc *scanner) load(s doc.Sentence, times []doc.Timex) {
	sc.toks = sc.toks[:0]
	sc.ls = sc.ls[:0]
	prevEnd := -1
	for _, t := range sc.d.TokensIn(s.Span) {
		w := sc.d.Text[t.Start:t.End]
		r, _ := utf8.DecodeRuneInString(w)
		tk := tok{s: w, l: fold(w), sp: t.Span(), kind: t.Kind, glued: t.Span().Start == prevEnd, upper: unicode.IsUpper(r)}
		if tk.kind != doc.Number {
			tk.cand = sc.w.cand[tk.l] || (tk.kind == doc.Word && strings.IndexByte(tk.l, '-') > 0 && numeral.IsWord(tk.l, sc.lang))
		}
		for _, tm := range times {
			if tm.Span.Overlaps(t.Span()) {
				tk.time = true
			}
		}
		sc.toks = append(sc.toks, tk)
		sc.ls = append(sc.ls, tk.l)
		prevEnd = t.Span().End
	}
}

// found is a quantity under construction.
type found struct {
	start, end int // token range of the span
	q          doc.Quantity
}

func (sc *scanner) sentence(s doc.Sentence, times []doc.Timex) {
	sc.load(s, times)
	for i := 0; i < len(sc.toks); {
		f, next := sc.at(i)
		if f != nil {
			f.q.Span = doc.Span{Start: sc.toks[f.start].sp.Start, End: sc.toks[f.end-1].sp.End}
			f.q.Stage = Name
			sc.d.Quantities = append(sc.d.Quantities, f.q)
		}
		if next <= i {
			next = i + 1
		}
		i = next
	}
}

// startsNumber reports whether token i can open a number.
func (sc *scanner) startsNumber(i int) bool {
	t := sc.toks[i]
	if t.time {
		return false
	}
	if t.kind == doc.Number {
		return true
	}
	if t.kind != doc.Word || !t.cand {
		return false
	}
	return numeral.IsWord(t.l, sc.lang) || numeral.IsArticleOne(t.l, sc.lang) || t.l == "quelque"
}

// number reads a number at i: it returns the value, the end, and whether it
// is approximate. Errors are recorded as problems.
func (sc *scanner) number(i int) (numeral.Number, int, bool) {
	t := sc.toks[i]
	// 1e400: digits glued to an exponent word
	if t.kind == doc.Number && i+1 < len(sc.toks) && sc.toks[i+1].glued && isExponent(sc.l(i+1)) {
		v, err := numeral.ParseDigits(t.l+sc.l(i+1), sc.lang)
		if err != nil {
			sc.problem(i, i+2, err)
			return numeral.Number{}, 0, false
		}
		return numeral.Number{Value: v}, i + 2, true
	}
	end := i
	for end < len(sc.toks) && end-i < 12 && !sc.toks[end].time {
		end++
	}
	n, used, err := numeral.Parse(sc.ls[i:end], sc.lang, false)
	if err != nil {
		sc.problem(i, i+1, err)
		return numeral.Number{}, 0, false
	}
	if used == 0 {
		return numeral.Number{}, 0, false
	}
	if math.IsInf(n.Value, 0) || math.IsNaN(n.Value) {
		sc.problem(i, i+used, numeral.ErrRange)
		return numeral.Number{}, 0, false
	}
	return n, i + used, true
}

func isExponent(w string) bool {
	if len(w) < 2 || w[0] != 'e' {
		return false
	}
	w = strings.TrimLeft(w[1:], "+-")
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

func (sc *scanner) problem(i, j int, err error) {
	j = min(j, len(sc.toks))
	text := sc.d.Text[sc.toks[i].sp.Start:sc.toks[j-1].sp.End]
	if len(text) > 60 {
		text = text[:60] + "…"
	}
	what := "malformed number"
	if errors.Is(err, numeral.ErrRange) {
		what = "number out of range"
	}
	sc.d.Problem(Name, "%s: %q", what, text)
}

// unitAt reads the longest unit phrase at i.
func (sc *scanner) unitAt(i int) (unitDef, int, bool) {
	if i >= len(sc.toks) || sc.toks[i].time {
		return unitDef{}, 0, false
	}
	for _, p := range unitPhrases[sc.l(i)] {
		if end, ok := sc.seq(i, p); ok {
			return unitByTokens[strings.Join(p, " ")], end, true
		}
	}
	return unitDef{}, 0, false
}

// at tries a quantity at token i and returns it (or nil) and where to go on.
func (sc *scanner) at(i int) (*found, int) {
	t := sc.toks[i]
	if t.time || (t.kind != doc.Number && !t.cand) {
		return nil, i + 1
	}
	w := sc.w
	start := i
	approx := false
	// modifiers: environ, près de, plus de, about
	for _, m := range w.approx {
		if end, ok := sc.seq(i, m); ok && end < len(sc.toks) && sc.startsNumberOrCurrency(end) {
			approx = true
			start = end
			break
		}
	}
	if start == i {
		for _, m := range w.mods {
			if end, ok := sc.seq(i, m); ok && end < len(sc.toks) && sc.startsNumberOrCurrency(end) {
				start = end
				break
			}
		}
	}
	// a range opener: entre 10 et 20, between 5 and 10, de 10 à 20
	rangeOpen := false
	if start == i && w.rangeOpen[t.l] && i+1 < len(sc.toks) && sc.startsNumberOrCurrency(i+1) {
		rangeOpen = true
		start = i + 1
	}
	if start != i {
		f, next := sc.quantity(start, approx, rangeOpen)
		if f != nil {
			return f, next
		}
		return nil, i + 1
	}
	if !sc.startsNumberOrCurrency(i) {
		return nil, i + 1
	}
	return sc.quantity(i, false, false)
}

func (sc *scanner) startsNumberOrCurrency(i int) bool {
	if i >= len(sc.toks) || sc.toks[i].time {
		return false
	}
	if _, ok := prefixCurrencies[sc.l(i)]; ok && i+1 < len(sc.toks) && sc.toks[i+1].kind == doc.Number {
		return true
	}
	return sc.startsNumber(i)
}

// quantity reads [currency] number [range] unit|noun at i.
func (sc *scanner) quantity(i int, approx, rangeOpen bool) (*found, int) {
	w := sc.w
	f := &found{start: i}
	j := i
	prefixCur := ""
	if c, ok := prefixCurrencies[sc.l(j)]; ok && j+1 < len(sc.toks) && sc.toks[j+1].kind == doc.Number {
		prefixCur = c
		j++
	}
	// A number glued to a word that is not a unit (96th-minute, 1er, 2e,
	// COVID-19 is one token) is an ordinal or a code.
	if sc.toks[j].kind == doc.Number && j+1 < len(sc.toks) && sc.toks[j+1].glued && sc.toks[j+1].kind == doc.Word {
		if _, _, isUnit := sc.unitAt(j + 1); !isUnit && !isExponent(sc.l(j+1)) {
			if _, isScale := numeral.MoneyScale(sc.l(j + 1)); !isScale || prefixCur == "" {
				return nil, j + 2
			}
		}
	}
	// scores and tallies: 2-1, 6-3
	if sc.toks[j].kind == doc.Number && (sc.l(j+1) == "-" || sc.l(j+1) == "–") && j+2 < len(sc.toks) && sc.toks[j+1].glued &&
		sc.toks[j+2].glued && sc.toks[j+2].kind == doc.Number && len(sc.l(j)) <= 3 && len(sc.l(j+2)) <= 3 {
		if _, _, isUnit := sc.unitAt(j + 3); !isUnit {
			return nil, j + 3
		}
	}
	// preceded by a sign or a word glued to it (G7, +21,6% is fine)
	if j > 0 && sc.toks[j].glued && sc.toks[j-1].kind == doc.Word {
		return nil, j + 1
	}
	n, end, ok := sc.number(j)
	if !ok {
		return nil, i + 1
	}
	value := n.Value
	approx = approx || n.Approx
	f.q.Value = value
	f.q.Approx = approx
	// ranges: 10 à 20 km, 10-20 %, between 5 and 10 miles
	if w.rangeJoin[sc.l(end)] && end+1 < len(sc.toks) && sc.startsNumber(end+1) {
		if m, mend, ok := sc.number(end + 1); ok && m.Value > value {
			if _, _, isUnit := sc.unitAt(mend); isUnit || rangeOpen {
				v := m.Value
				if n.Scaled && !m.Scaled && v < value {
					v *= value / n.Value
				}
				f.q.ValueMax = &v
				end = mend
			}
		}
	}
	// money with a prefix symbol: $5 million, $100,000, €20m
	if prefixCur != "" {
		if s, ok := numeral.MoneyScale(sc.l(end)); ok && !n.Scaled && sc.toks[end].kind == doc.Word {
			f.q.Value *= s
			if f.q.ValueMax != nil {
				*f.q.ValueMax *= s
			}
			end++
		}
		f.q.Unit = prefixCur
		f.end = end
		sc.measured(f, i)
		return f, end
	}
	// unit after the number, possibly after "de"/"of" (millions d'euros)
	k := end
	if n.Scaled && w.of[sc.l(k)] {
		k++
	}
	if ud, uend, ok := sc.unitAt(k); ok && !(ud.unit == "m" && n.Scaled) {
		if sc.isSpuriousUnit(ud, j, end, k) {
			return nil, uend
		}
		// 3 M€, 20 k€
		f.q.Unit = ud.unit
		if ud.siUnit != "" {
			f.q.SI = &doc.SI{Value: round(f.q.Value*ud.factor + ud.offset), Unit: ud.siUnit}
		}
		f.end = uend
		sc.measured(f, i)
		return f, uend
	}
	if s, ok := numeral.MoneyScale(sc.l(end)); ok && end+1 < len(sc.toks) && sc.toks[end+1].glued {
		if c, ok := prefixCurrencies[sc.l(end+1)]; ok {
			f.q.Value *= s
			f.q.Unit = c
			f.end = end + 2
			sc.measured(f, i)
			return f, f.end
		}
	}
	// ages: 45 ans (after an age cue or in apposition), aged 45, 45-year-old
	if age, aend, ok := sc.age(j, end); ok {
		f.q.Unit = "year"
		f.q.Measured = "age"
		f.end = max(aend, end)
		if age {
			return f, f.end
		}
	}
	// counts: douze élèves, 40 pompiers, quatre autres des accusés
	if f2, cend, ok := sc.count(i, j, end, n); ok {
		f2.q.Approx = approx
		f2.q.ValueMax = f.q.ValueMax
		return f2, cend
	}
	return nil, end
}

// isSpuriousUnit rejects units that are a different word here: "m" and
// "t" after a French article, "points" after a score.
func (sc *scanner) isSpuriousUnit(ud unitDef, numStart, numEnd, unitStart int) bool {
	u := sc.toks[unitStart]
	if (ud.unit == "m" || ud.unit == "t" || ud.unit == "g" || ud.unit == "L") && !u.glued && u.upper {
		return true
	}
	// "l'" after a number is an article: "5 l'an"
	if u.l == "l" && sc.l(unitStart+1) == "'" {
		return true
	}
	return false
}

// age reports an age at the number [j, end): "âgé de 45 ans", ", 45 ans,",
// "aged 45", "45 years old", "45-year-old".
func (sc *scanner) age(j, end int) (bool, int, bool) {
	w := sc.w
	cue := false
	for _, c := range w.ageBefore {
		if sc.seqBefore(j, c) {
			cue = true
		}
	}
	// 45-year-old
	if sc.l(end) == "-" && sc.toks[min(end+1, len(sc.toks)-1)].glued {
		if nx := sc.l(end + 1); nx == "year-old" || nx == "years-old" || (nx == "year" && sc.l(end+2) == "-" && sc.l(end+3) == "old") {
			e := end + 2
			if nx == "year" {
				e = end + 4
			}
			return true, e, true
		}
	}
	if w.yearWords[sc.l(end)] || sc.l(end) == "an" {
		e := end + 1
		if sc.l(e) == "old" {
			return true, e + 1, true
		}
		if cue {
			return true, e, true
		}
		if sc.lang == "fr" {
			p := sc.l(j - 1)
			if (p == "de" || p == "d'") && w.personNouns[sc.l(j-2)] {
				return true, e, true
			}
			if (p == "," || p == "(") && sc.toks[j].kind == doc.Number {
				if nx := sc.l(e); nx == "," || nx == ")" || nx == "" || nx == "." || nx == "et" {
					return true, e, true
				}
			}
		}
		return false, 0, false
	}
	if cue && sc.lang == "en" && sc.toks[j].kind == doc.Number {
		return true, end, true // aged 45
	}
	return false, 0, false
}

// count reads a counted noun after the number: douze élèves, 40 pompiers,
// 10 guys, quatre autres des accusés, une vingtaine de personnes.
func (sc *scanner) count(i, j, end int, n numeral.Number) (*found, int, bool) {
	w := sc.w
	if n.Value < 2 || n.Value != math.Trunc(n.Value) && !n.Scaled {
		return nil, 0, false
	}
	// les deux pays (both), Deux de nos adversaires (a part of a group)
	if n.Value == 2 && n.Words && !n.Scaled && (w.both[sc.l(j-1)] || w.of[sc.l(end)] && sc.l(end+1) != "") {
		return nil, 0, false
	}
	k := end
	measuredStart := -1
	if n.Approx || n.Scaled {
		// une vingtaine de personnes, 1,5 million d'habitants; English
		// may drop "of" (a dozen people, 1.5 million people).
		if w.of[sc.l(k)] {
			k++
		} else if sc.lang == "fr" {
			return nil, 0, false
		}
	}
	// quatre autres des accusés, two other men
	if w.other[sc.l(k)] {
		if sc.l(k+1) == "des" || sc.l(k+1) == "de" || sc.l(k+1) == "d'" || sc.l(k+1) == "of" {
			if sc.l(k+2) == "the" {
				k++
			}
			k += 2
		} else {
			k++
		}
	} else if w.adjs[sc.l(k)] && sc.isNoun(k+1) {
		k++
	}
	if !sc.isNoun(k) {
		return nil, 0, false
	}
	measuredStart = k
	// vote tallies: 6 voix contre 3
	if nx := sc.l(k + 1); nx == "contre" || nx == "against" {
		return nil, 0, false
	}
	f := &found{start: i, end: k + 1}
	f.q.Value = n.Value
	f.q.Unit = "count"
	f.q.Measured = sc.toks[measuredStart].s
	return f, k + 1, true
}

// isNoun reports whether token k looks like a counted plural noun.
func (sc *scanner) isNoun(k int) bool {
	if k >= len(sc.toks) {
		return false
	}
	t := sc.toks[k]
	if t.kind != doc.Word || t.time || sc.w.stop[t.l] {
		return false
	}
	if _, ok, _ := numeral.Word(t.l, sc.lang); ok {
		return false
	}
	if _, ok := units[t.l]; ok {
		return false
	}
	if strings.ContainsRune(t.l, '\'') && !strings.HasSuffix(t.l, "s") {
		return false
	}
	if sc.w.plurals[t.l] {
		return true
	}
	if utf8.RuneCountInString(t.l) < 3 {
		return false
	}
	l := t.l
	if strings.HasSuffix(l, "s") || strings.HasSuffix(l, "x") {
		// not a French verb (ils sont, vous avez) nor an adverb
		return !strings.HasSuffix(l, "ons") || sc.lang != "fr" || !sc.w.stop[sc.l(k-1)]
	}
	return false
}

// measured names what an amount measures when the text says "NOUN de N"
// (un trajet de 683 milles) or "N of NOUN".
func (sc *scanner) measured(f *found, i int) {
	p := sc.l(i - 1)
	if sc.w.of[p] && i >= 3 && determiners[sc.l(i-3)] {
		t := sc.toks[i-2]
		if t.kind == doc.Word && !t.upper && !sc.w.stop[t.l] && !t.time {
			f.q.Measured = t.s
		}
	}
}

// determiners open the noun phrase of a measured thing: "un trajet de".
var determiners = map[string]bool{"un": true, "une": true, "le": true, "la": true, "l'": true, "les": true, "du": true,
	"sa": true, "son": true, "ses": true, "leur": true, "ce": true, "cet": true, "cette": true, "a": true, "an": true,
	"the": true, "its": true, "their": true, "his": true, "her": true, "this": true}

// round keeps a converted value sensible: one decimal from 1 up, three
// significant digits below.
func round(v float64) float64 {
	if math.Abs(v) >= 1 {
		return math.Round(v*10) / 10
	}
	if v == 0 {
		return 0
	}
	p := math.Pow(10, 2-math.Floor(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}
