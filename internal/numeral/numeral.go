// Package numeral reads numbers as news text writes them, in French and
// English: digits with space, no-break or thin-space thousands groups,
// decimal commas or points ("1 500", "1,5", "100,000", "3.8"), cardinal
// words ("vingt-cinq", "quatre-vingt-dix-sept", "deux cent mille",
// "twenty-one", "one hundred and five"), scale words after digits or words
// ("1,5 million", "1.5 billion", "3 milliards"), approximate nouns ("une
// vingtaine", "a dozen"), ordinals ("1er", "premier", "21st", "twelfth")
// and Roman numerals ("XXIe").
//
// It is a plain library shared by the time and quantity stages; it has no
// state and is safe for concurrent use. Malformed input never panics: the
// parsers return an error (ErrMalformed, ErrRange) that callers record as a
// document problem.
package numeral

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/lang"
)

// Errors returned by the parsers.
var (
	// ErrMalformed marks number words or digits that do not form a number
	// ("quatre-vingt-quatre-vingt", "1,2,3").
	ErrMalformed = errors.New("malformed number")
	// ErrRange marks a number too long or too large to be meant as a
	// quantity (a 200-digit string, 1e400).
	ErrRange = errors.New("number out of range")
)

// MaxDigits is the longest digit string accepted as a number.
const MaxDigits = 24

// Number is a parsed number.
type Number struct {
	Value float64
	// Approx is set for approximate forms ("une vingtaine", "dozens").
	Approx bool
	// Words is set when the number is written (at least partly) in words.
	Words bool
	// Scaled is set when a scale word multiplied it ("1,5 million").
	Scaled bool
}

// table is one language's number vocabulary.
type table struct {
	// atoms are the additive number words (un, deux, vingt, twenty).
	atoms map[string]float64
	// hundred words multiply the current group by 100.
	hundred map[string]bool
	// scales multiply everything before them (mille, million, thousand).
	scales map[string]float64
	// approx nouns give a round value ("vingtaine" 20, "dozen" 12).
	approx map[string]float64
	// joiners may sit between number words ("et", "and").
	joiners map[string]bool
	// ordinals maps ordinal words to their value.
	ordinals map[string]int
	// ordSuffixes are the suffixes written after digits (er, e, ème, st).
	ordSuffixes []string
	// one holds the words for 1 that are also articles (un, une, a, an).
	one map[string]bool
	// decimalComma is true when a lone comma is a decimal separator.
	decimalComma bool
}

func tableFor(tag string) *table {
	// Fast paths: the stages pass base tags.
	switch tag {
	case "fr":
		return &frTable
	case "en":
		return &enTable
	case "und", "":
		return &undTable
	}
	switch lang.Base(tag) {
	case "fr":
		return &frTable
	case "en":
		return &enTable
	}
	return &undTable
}

// IsSpaceGroup reports the spaces used between digit groups.
func IsSpaceGroup(r rune) bool {
	return r == ' ' || r == 0xA0 || r == 0x202F || r == 0x2009 || r == 0x2007
}

// ParseDigits parses a number written with digits as the language writes
// it: thousands groups separated by spaces (any width), commas or periods;
// a decimal comma (French) or point (English). An exponent ("1e5") is
// accepted. It returns ErrMalformed when s is not a number and ErrRange when
// it has more than MaxDigits digits or overflows.
func ParseDigits(s, tag string) (float64, error) {
	t := tableFor(tag)
	var buf [64]byte
	b := buf[:0]
	digits := 0
	nComma, nDot, lastComma, lastDot := 0, 0, -1, -1
	exp := ""
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
			if digits > MaxDigits {
				return 0, ErrRange
			}
			b = append(b, c)
			i++
		case c == ',':
			nComma++
			lastComma = len(b)
			b = append(b, c)
			i++
		case c == '.':
			nDot++
			lastDot = len(b)
			b = append(b, c)
			i++
		case (c == 'e' || c == 'E') && digits > 0 && i+1 < len(s):
			exp = s[i+1:]
			i = len(s)
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if !IsSpaceGroup(r) || len(b) == 0 {
				return 0, ErrMalformed
			}
			b = append(b, ' ')
			i += n
		}
	}
	if digits == 0 {
		return 0, ErrMalformed
	}
	// Decide which mark is the decimal separator.
	dec := byte(0)
	switch {
	case nComma > 0 && nDot > 0:
		if lastComma > lastDot {
			dec = ','
		} else {
			dec = '.'
		}
	case nComma == 1:
		if t.decimalComma || !groupAfter(b, lastComma) {
			dec = ','
		}
	case nDot == 1:
		// French writes 1.500 for 1500 in some outlets; a lone point
		// followed by exactly three digits after a 1-3 digit lead that is
		// not 0 is a group there.
		if !(t.decimalComma && groupAfter(b, lastDot) && lastDot <= 3 && b[0] != '0') {
			dec = '.'
		}
	}
	// Check groups and build a plain number.
	intPart, frac := b, []byte(nil)
	if dec != 0 {
		k := -1
		for i, c := range b {
			if c == dec {
				if k >= 0 {
					return 0, ErrMalformed
				}
				k = i
			}
		}
		intPart, frac = b[:k], b[k+1:]
		if len(frac) == 0 {
			return 0, ErrMalformed
		}
		for _, c := range frac {
			if c < '0' || c > '9' {
				return 0, ErrMalformed
			}
		}
	}
	var out [64]byte
	o := out[:0]
	groups, size := 0, 0
	for i := 0; i <= len(intPart); i++ {
		if i < len(intPart) && intPart[i] >= '0' && intPart[i] <= '9' {
			o = append(o, intPart[i])
			size++
			continue
		}
		// End of a group.
		last := i == len(intPart)
		switch {
		case groups == 0 && !last && (size < 1 || size > 3):
			return 0, ErrMalformed
		case groups == 0 && last && size == 0 && len(frac) == 0:
			return 0, ErrMalformed
		case groups > 0 && size != 3:
			return 0, ErrMalformed
		}
		groups++
		size = 0
	}
	if len(o) == 0 {
		o = append(o, '0')
	}
	if len(frac) > 0 {
		o = append(o, '.')
		o = append(o, frac...)
	}
	if exp != "" {
		e, err := strconv.Atoi(strings.TrimPrefix(exp, "+"))
		if err != nil {
			return 0, ErrMalformed
		}
		if e > 300 || e < -300 {
			return 0, ErrRange
		}
		o = append(o, 'e')
		o = strconv.AppendInt(o, int64(e), 10)
	}
	v, err := strconv.ParseFloat(string(o), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, ErrRange
	}
	return v, nil
}

// groupAfter reports whether exactly three digits follow position i in b
// and then the end or another separator.
func groupAfter(b []byte, i int) bool {
	n := 0
	for j := i + 1; j < len(b); j++ {
		if b[j] < '0' || b[j] > '9' {
			break
		}
		n++
	}
	return n == 3
}

// IsDigits reports whether s starts with an ASCII digit.
func IsDigits(s string) bool { return len(s) > 0 && s[0] >= '0' && s[0] <= '9' }

// Word returns the value of one cardinal number word or hyphenated
// compound ("douze", "vingt-et-un", "quatre-vingt-dix", "twenty-one").
// ok is false when w is not a number word; err is ErrMalformed when w is
// made of number words that do not form a number ("quatre-vingt-quatre-vingt").
func Word(w, tag string) (v float64, ok bool, err error) {
	t := tableFor(tag)
	w = strings.ToLower(w)
	if x, ok := t.atoms[w]; ok {
		return x, true, nil
	}
	if x, ok := t.scales[w]; ok {
		return x, true, nil
	}
	if t.hundred[w] {
		return 100, true, nil
	}
	if strings.IndexByte(w, '-') < 0 {
		return 0, false, nil
	}
	var p parser
	p.t = t
	parts := strings.Split(w, "-")
	for i, part := range parts {
		if part == "" {
			return 0, false, nil
		}
		if t.joiners[part] && i > 0 && i < len(parts)-1 {
			continue
		}
		if !p.isWord(part) {
			return 0, false, nil
		}
	}
	for i := 0; i < len(parts); i++ {
		part := parts[i]
		if t.joiners[part] {
			continue
		}
		if i+1 < len(parts) && p.quatreVingt(part, parts[i+1]) {
			if !p.add(80) {
				return 0, true, ErrMalformed
			}
			i++
			continue
		}
		if !p.feed(part) {
			return 0, true, ErrMalformed
		}
	}
	return p.value(), true, nil
}

// parser accumulates number words: total holds finished scale groups,
// cur the group under 1000, last the last additive word of the group
// (each new one must be smaller: vingt-deux, not deux-vingt).
type parser struct {
	t         *table
	total     float64
	cur       float64
	last      float64
	lastScale float64
	n         int
}

func (p *parser) isWord(w string) bool {
	_, a := p.t.atoms[w]
	_, s := p.t.scales[w]
	return a || s || p.t.hundred[w] || w == "vingts"
}

func (p *parser) quatreVingt(a, b string) bool {
	return a == "quatre" && (b == "vingt" || b == "vingts")
}

func (p *parser) add(v float64) bool {
	if p.last != 0 && v >= p.last {
		return false
	}
	if p.last == 0 && p.cur >= 100 && v >= 100 {
		return false
	}
	p.cur += v
	p.last = v
	p.n++
	return true
}

// feed adds one word; false when it cannot follow the words before.
func (p *parser) feed(w string) bool {
	if v, ok := p.t.atoms[w]; ok {
		return p.add(v)
	}
	if p.t.hundred[w] {
		if p.cur >= 100 {
			return false
		}
		if p.cur == 0 {
			p.cur = 1
		}
		p.cur *= 100
		p.last = 0
		p.n++
		return true
	}
	if s, ok := p.t.scales[w]; ok {
		if p.lastScale != 0 && s >= p.lastScale {
			return false
		}
		if p.cur == 0 {
			p.cur = 1
		}
		p.total += p.cur * s
		p.cur, p.last, p.lastScale = 0, 0, s
		p.n++
		return true
	}
	return false
}

func (p *parser) value() float64 { return p.total + p.cur }

// Parse reads the longest number at the start of toks (token texts) and
// returns it with the count of tokens used; used is 0 when toks does not
// start with a number. It reads digits with scale words ("1,5" "million",
// "3" "milliards", "5" "bn"), word numbers over several tokens ("deux"
// "cent" "mille", "one" "hundred" "and" "five"), approximate nouns ("une"
// "vingtaine", "a" "dozen") and digits followed by "mille"/"thousand".
// An article alone ("un", "a") is read as 1 only when allowArticle is
// set. err reports a malformed or out-of-range number at the start.
func Parse(toks []string, tag string, allowArticle bool) (Number, int, error) {
	if len(toks) == 0 {
		return Number{}, 0, nil
	}
	t := tableFor(tag)
	first := strings.ToLower(toks[0])
	var n Number
	used := 0
	if IsDigits(first) {
		v, err := ParseDigits(first, tag)
		if err != nil {
			return Number{}, 0, err
		}
		n.Value, used = v, 1
	} else {
		// Approximate noun after an article or a number: une vingtaine.
		if len(toks) > 1 && (t.one[first] || first == "quelque") {
			if a, ok := t.approx[strings.ToLower(toks[1])]; ok {
				return Number{Value: a, Approx: true, Words: true}, 2, nil
			}
		}
		var p parser
		p.t = t
		i := 0
		for i < len(toks) {
			w := strings.ToLower(toks[i])
			if i > 0 && t.joiners[w] && i+1 < len(toks) {
				// "vingt et un", "one hundred and five": the joiner must
				// be followed by a word that can continue.
				nx := strings.ToLower(toks[i+1])
				if _, ok := t.atoms[nx]; ok && p.n > 0 {
					i++
					continue
				}
				break
			}
			if i+1 < len(toks) && p.quatreVingt(w, strings.ToLower(toks[i+1])) {
				if !p.add(80) {
					break
				}
				i += 2
				continue
			}
			if strings.IndexByte(w, '-') > 0 {
				v, ok, err := Word(w, tag)
				if !ok {
					break
				}
				if err != nil {
					if i == 0 {
						return Number{}, 0, err
					}
					break
				}
				// Merge the compound as one additive or scaled value.
				if v < 100 {
					if !p.add(v) {
						break
					}
				} else {
					if p.n > 0 {
						break
					}
					p.cur, p.n = v, 1
				}
				i++
				continue
			}
			if !p.isWord(w) || (i > 0 && (w == "a" || w == "an")) {
				break
			}
			if i == 0 {
				if s, isScale := t.scales[w]; isScale && s >= 1e6 {
					return Number{}, 0, nil // "million" alone is not a number
				}
			}
			if !p.feed(w) {
				break
			}
			i++
		}
		if p.n == 0 {
			return Number{}, 0, nil
		}
		// A lone article is not a number unless asked.
		if i == 1 && t.one[first] && !allowArticle {
			// but "un million", "a dozen" are handled below by scales.
			if len(toks) > 1 {
				if s, ok := t.scales[strings.ToLower(toks[1])]; ok {
					return Number{Value: s, Words: true, Scaled: true}, 2, nil
				}
			}
			return Number{}, 0, nil
		}
		n.Value, n.Words, used = p.value(), true, i
		if used < len(toks) {
			if a, ok := t.approx[strings.ToLower(toks[used])]; ok && a == 12 {
				// "two dozen"
				n.Value *= 12
				used++
			}
		}
		return n, used, nil
	}
	// Digits: an optional scale word (million, milliard, bn, k).
	if used < len(toks) {
		w := strings.ToLower(toks[used])
		if s, ok := t.scales[w]; ok && s >= 1000 {
			n.Value *= s
			n.Scaled = true
			used++
		} else if s, ok := shortScales[w]; ok {
			n.Value *= s
			n.Scaled = true
			used++
		}
	}
	return n, used, nil
}

// shortScales are abbreviations written after digits ("5bn", "3 Md").
// "k" and "m" are left out: after a number they are more often metres;
// see MoneyScale.
var shortScales = map[string]float64{
	"mn": 1e6, "mln": 1e6, "bn": 1e9, "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9, "tn": 1e12,
}

// MoneyScale returns the multiplier of a scale abbreviation written after
// an amount of money ("$5m", "€20k", "3 M€"), and whether w is one.
func MoneyScale(w string) (float64, bool) {
	switch strings.ToLower(w) {
	case "k":
		return 1e3, true
	case "m", "mio":
		return 1e6, true
	}
	return Scale(w, "en")
}

// Scale returns the multiplier of a scale word ("million" 1e6, "bn" 1e9,
// French "billion" 1e12, English "billion" 1e9) and whether w is one.
func Scale(w, tag string) (float64, bool) {
	w = strings.ToLower(w)
	if s, ok := tableFor(tag).scales[w]; ok && s >= 1000 {
		return s, true
	}
	s, ok := shortScales[w]
	return s, ok
}

// Approx returns the round value of an approximate noun ("vingtaine" 20,
// "douzaine" 12, "dozen" 12) and whether w is one.
func Approx(w, tag string) (float64, bool) {
	v, ok := tableFor(tag).approx[strings.ToLower(w)]
	return v, ok
}

// Ordinal returns the value of an ordinal: digits with a suffix ("1er",
// "2e", "21st", "3rd", "XXIe"), or a word ("premier", "deuxième", "first",
// "twelfth").
func Ordinal(w, tag string) (int, bool) {
	t := tableFor(tag)
	lw := strings.ToLower(w)
	if v, ok := t.ordinals[lw]; ok {
		return v, true
	}
	i := 0
	for i < len(lw) && lw[i] >= '0' && lw[i] <= '9' {
		i++
	}
	if i > 0 && i <= 6 {
		suf := lw[i:]
		for _, s := range t.ordSuffixes {
			if suf == s {
				v, _ := strconv.Atoi(lw[:i])
				return v, true
			}
		}
		return 0, false
	}
	// Roman numeral with a suffix: XXIe, XIXe.
	j := 0
	for j < len(w) && strings.IndexByte("IVXLC", w[j]) >= 0 {
		j++
	}
	if j > 0 {
		suf := lw[j:]
		for _, s := range t.ordSuffixes {
			if suf == s {
				return Roman(w[:j])
			}
		}
	}
	return 0, false
}

// Roman returns the value of an uppercase Roman numeral up to 399.
func Roman(s string) (int, bool) {
	if s == "" || len(s) > 12 {
		return 0, false
	}
	val := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100}
	total, prev := 0, 0
	for i := len(s) - 1; i >= 0; i-- {
		v, ok := val[s[i]]
		if !ok {
			return 0, false
		}
		if v < prev {
			total -= v
		} else {
			total += v
			prev = v
		}
	}
	if total <= 0 || total >= 400 {
		return 0, false
	}
	return total, true
}

// IsWord reports whether w, already in lower case, is a number word or
// starts a hyphenated one ("vingt", "vingt-deux", "dozen"). It is a cheap
// filter for scanners.
func IsWord(w, tag string) bool {
	t := tableFor(tag)
	if k := strings.IndexByte(w, '-'); k > 0 {
		w = w[:k]
	}
	if _, ok := t.atoms[w]; ok {
		return true
	}
	if _, ok := t.scales[w]; ok {
		return true
	}
	if _, ok := t.approx[w]; ok {
		return true
	}
	return t.hundred[w]
}

// Words returns the number words of a language (cardinals, scale words,
// approximate nouns), for scanners that index their vocabulary.
func Words(tag string) []string {
	t := tableFor(tag)
	var out []string
	for w := range t.atoms {
		out = append(out, w)
	}
	for w := range t.scales {
		out = append(out, w)
	}
	for w := range t.approx {
		out = append(out, w)
	}
	for w := range t.hundred {
		out = append(out, w)
	}
	return out
}

// IsArticleOne reports whether w is both an article and the number 1
// ("un", "une", "a", "an").
func IsArticleOne(w, tag string) bool { return tableFor(tag).one[strings.ToLower(w)] }
