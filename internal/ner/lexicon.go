package ner

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// GazEntry is a gazetteer name with its entity type (PER, ORG, LOC, MISC).
type GazEntry struct {
	Name string
	Type string
}

// maxGazLen is the longest name, in words, that the gazetteer matches.
const maxGazLen = 8

// gazWords splits a name into words the way the tagger sees text: on
// spaces, after an elided article (l'Aquila → l' Aquila) and around
// punctuation other than inner hyphens, periods and apostrophes.
func gazWords(name string) []string {
	var out []string
	for _, f := range strings.Fields(name) {
		start := 0
		for i, r := range f {
			if i < start {
				continue
			}
			n := utf8.RuneLen(r)
			switch {
			case r == '\'' || r == '’':
				// l'Aquila: split after an elision of one or two letters.
				if i-start <= 2 && i > start && i+n < len(f) {
					out = append(out, f[start:i+n])
					start = i + n
				}
			case r == ',' || r == '(' || r == ')' || r == '"' || r == '«' || r == '»' || r == ';' || r == ':':
				if i > start {
					out = append(out, f[start:i])
				}
				out = append(out, f[i:i+n])
				start = i + n
			}
		}
		if start < len(f) {
			out = append(out, f[start:])
		}
	}
	return out
}

func typeIndex(t string) int {
	for i, x := range Types {
		if x == t {
			return i
		}
	}
	return -1
}

// canonicalGazetteer splits names into words joined by single spaces and
// drops unknown types, empty or over-long names and duplicates; the result
// is sorted by type and name, as saved.
func canonicalGazetteer(entries []GazEntry) []GazEntry {
	out := make([]GazEntry, 0, len(entries))
	seen := make(map[GazEntry]bool, len(entries))
	for _, e := range entries {
		if typeIndex(e.Type) < 0 {
			continue
		}
		words := gazWords(e.Name)
		if len(words) == 0 || len(words) > maxGazLen {
			continue
		}
		e.Name = strings.Join(words, " ")
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.Name < b.Name
	})
	return out
}

// Lexicon table values: bits 0-2 the case class of a word, bits 3-6 one
// bit per type for a complete gazetteer name, bit 7 a proper prefix of a
// longer name, bits 8-40 the word's cluster path, bits 60 and 61 the
// given and family name marks, bit 62 the name-opener mark. Keys are the
// keyHash of a word; a sequence of words is keyed by seqHash.
const (
	lexClsMask  = 7
	lexGazBase  = 3
	lexPrefix   = 1 << 7
	lexGazMask  = 0xf8
	lexCluShift = 8
	lexCluMask  = 1<<(3*clusterBits) - 1
	// lexGiven and lexFamily mark the first and the last word of a
	// multiword person name of the gazetteer (a given name, a family name).
	lexNameShift = 60
	lexGiven     = 1 << lexNameShift
	lexFamily    = 1 << (lexNameShift + 1)
	// lexOpens marks a plain word that opened names in the training data
	// (see openers): only from such a word on may the plain words before a
	// capitalised word be part of a name (plan). No feature reads it.
	lexOpens = 1 << (lexNameShift + 2)
)

// seqHash extends the key of a word sequence by one word's keyHash; the
// key of a one-word sequence is the word's keyHash.
func seqHash(h, key uint64) uint64 { return mix(h, key) }

// lexTable is an open-addressing hash table from word and word-sequence
// keys to lexicon values (key 0 marks an empty cell; the top bits of a key
// pick its home cell, so that sorted keys fill the table in one pass).
type lexTable struct {
	cells []lexCell
	shift uint
	n     int
}

type lexCell struct{ key, val uint64 }

func newLexTable(n int) *lexTable {
	bits := lexBits(n)
	return &lexTable{cells: largeSlice[lexCell](1 << bits), shift: 64 - bits}
}

// mappedLexTable is newLexTable with the cells off the Go heap for the
// lifetime of model m (see offHeap): a loaded model's lexicon does not
// grow. (A table that grows later moves to the heap.)
func mappedLexTable(m *Model, n int) *lexTable {
	bits := lexBits(n)
	return &lexTable{cells: offHeap[lexCell](m, 1<<bits), shift: 64 - bits}
}

// lexBits returns log2 of the cells for n entries: at most half full.
func lexBits(n int) uint {
	bits := uint(4)
	for 1<<bits < 2*n {
		bits++
	}
	return bits
}

func (t *lexTable) get(k uint64) uint64 {
	mask := uint64(len(t.cells) - 1)
	for i := k >> t.shift; ; i = (i + 1) & mask {
		switch t.cells[i].key {
		case k:
			return t.cells[i].val
		case 0:
			return 0
		}
	}
}

// or sets bits of the value of k (not 0).
func (t *lexTable) or(k uint64, v uint64) {
	mask := uint64(len(t.cells) - 1)
	i := k >> t.shift
	for t.cells[i].key != 0 && t.cells[i].key != k {
		i = (i + 1) & mask
	}
	if t.cells[i].key == 0 {
		if 2*(t.n+1) > len(t.cells) {
			t.grow()
			t.or(k, v)
			return
		}
		t.cells[i].key = k
		t.n++
	}
	t.cells[i].val |= v
}

func (t *lexTable) grow() {
	old := t.cells
	*t = *newLexTable(len(old))
	for _, c := range old {
		if c.key != 0 {
			t.or(c.key, c.val)
		}
	}
}

// sorted returns the entries of the table sorted by key.
func (t *lexTable) sorted() []lexCell {
	out := make([]lexCell, 0, t.n)
	for _, c := range t.cells {
		if c.key != 0 {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b lexCell) int { return cmp.Compare(a.key, b.key) })
	return out
}

// Gazetteer marks of a word, per type, as for BILOU labels.
const (
	gazBegin = iota + 1
	gazInside
	gazLast
	gazUnit
)

// match marks, for each word and type, whether the word begins, continues
// or ends the longest gazetteer name of that type found scanning left to
// right, or is a one-word name (gazBegin … gazUnit). A name inside a
// longer name of another type is not marked. keys are the words' keyHash
// values and first their lexicon values; gaz receives the marks. fill,
// when not nil, is called before keys[j] is read for a word j that
// continues a name when keys[j] is 0 (a word not described yet): it sets
// keys[j] and first[j].
func (t *lexTable) match(keys []uint64, first []uint64, gaz [][4]uint8, fill func(j int)) {
	var coverEnd [4]int
	var buf [16]gazSpan
	spans := buf[:0]
	for i := range keys {
		v := first[i]
		if v&lexGazMask == 0 {
			continue
		}
		var best [4]int
		h := keys[i]
		for j := i; ; {
			for t := 0; t < 4; t++ {
				if v&(1<<(lexGazBase+t)) != 0 {
					best[t] = j + 1
				}
			}
			j++
			if v&lexPrefix == 0 || j >= len(keys) || j-i >= maxGazLen {
				break
			}
			if keys[j] == 0 && fill != nil {
				fill(j)
			}
			h = seqHash(h, keys[j])
			v = t.get(h)
			if v&lexGazMask == 0 {
				break
			}
		}
		for t := 0; t < 4; t++ {
			if best[t] > i && i >= coverEnd[t] {
				spans = append(spans, gazSpan{i, best[t], t})
				coverEnd[t] = best[t]
			}
		}
	}
	// A name inside a longer name of another type is not marked: "Un" (a
	// town) in "Kim Jong Un", "Paris" in "Paris Saint-Germain".
next:
	for _, a := range spans {
		for _, b := range spans {
			if b.t != a.t && b.start <= a.start && a.end <= b.end && b.end-b.start > a.end-a.start {
				continue next
			}
		}
		if a.end == a.start+1 {
			gaz[a.start][a.t] = gazUnit
			continue
		}
		gaz[a.start][a.t] = gazBegin
		for k := a.start + 1; k < a.end-1; k++ {
			gaz[k][a.t] = gazInside
		}
		gaz[a.end-1][a.t] = gazLast
	}
}

// gazSpan is a gazetteer name found in a sentence: words [start, end) of
// type t.
type gazSpan struct{ start, end, t int }

// Case lexicon classes: how a word is usually written when it is not the
// first word of a sentence.
const (
	clsUnseen   = iota
	clsLower    // capitalised < 10 %
	clsLowMixed // 10-50 %
	clsCapMixed // 50-90 %
	clsCap      // ≥ 90 %
	clsUpper    // mostly all capitals (an acronym)
	numCls
)

// CaseCounter counts how words are written in running text, to build the
// case lexicon stored in a model. The zero value is not usable; use
// NewCaseCounter.
type CaseCounter struct {
	counts map[string]*[3]int32 // fold key → lower, capitalised, upper
}

// NewCaseCounter returns an empty counter.
func NewCaseCounter() *CaseCounter {
	return &CaseCounter{counts: map[string]*[3]int32{}}
}

// Add counts the words of one sentence. The first word and words after
// sentence-final or opening punctuation are skipped (their capital says
// nothing about the word), as are sentences that are mostly upper case.
func (c *CaseCounter) Add(words []string) {
	if sentenceMode(words) != modeNormal {
		return
	}
	start := true
	for _, w := range words {
		cs := wordCase(w)
		if cs == caseNone {
			start = start || isBoundaryWord(w) || w == "\"" || w == "«" || w == "“" || w == "(" || w == ":" || w == "-" || w == "—"
			continue
		}
		if start {
			start = false
			continue
		}
		k := FoldKey(w)
		n := c.counts[k]
		if n == nil {
			n = new([3]int32)
			c.counts[k] = n
		}
		switch cs {
		case caseLower:
			n[0]++
		case caseUpper:
			n[2]++
		default:
			n[1]++
		}
	}
}

// Lexicon returns the counted words by class, keeping words seen at least
// minCount times.
func (c *CaseCounter) Lexicon(minCount int) map[string]uint8 {
	out := make(map[string]uint8, len(c.counts))
	for k, n := range c.counts {
		total := int(n[0] + n[1] + n[2])
		if total < minCount || total == 0 {
			continue
		}
		out[k] = caseClass(int(n[0]), int(n[1]), int(n[2]), utf8.RuneCountInString(k))
	}
	return out
}

func caseClass(lower, cap, upper, runes int) uint8 {
	total := lower + cap + upper
	capped := float64(cap+upper) / float64(total)
	switch {
	case runes >= 2 && upper*2 >= total:
		return clsUpper
	case capped >= 0.9:
		return clsCap
	case capped >= 0.5:
		return clsCapMixed
	case capped >= 0.1:
		return clsLowMixed
	}
	return clsLower
}

// isBoundaryWord reports sentence-final punctuation.
func isBoundaryWord(w string) bool {
	switch w {
	case ".", "!", "?", "…", "...", "?!", "!?":
		return true
	}
	return false
}

// Sentence case modes.
const (
	modeNormal = iota
	modeUpper  // mostly upper case (a shouted headline, a dateline)
	modeLower  // no capitals at all
	modeTitle  // Every Word Capitalised
)

// caseCounts counts the casing classes of a sentence's words.
type caseCounts struct{ alpha, upper, lower, title int }

func (c *caseCounts) add(cs uint8) {
	switch cs {
	case caseNone:
		return
	case caseUpper:
		c.upper++
	case caseLower:
		c.lower++
	case caseTitle:
		c.title++
	}
	c.alpha++
}

// mode tells whether the capitals of a sentence are informative.
func (c *caseCounts) mode() uint8 {
	switch {
	case c.alpha == 0:
		return modeNormal
	case c.upper*5 >= c.alpha*3 && c.upper >= 2:
		return modeUpper
	case c.lower == c.alpha && c.alpha >= 3:
		return modeLower
	case (c.title+c.upper)*4 >= c.alpha*3 && c.alpha >= 4 && c.lower <= 2:
		return modeTitle
	}
	return modeNormal
}

// sentenceMode tells whether the capitals of a sentence are informative.
func sentenceMode(words []string) uint8 {
	var c caseCounts
	for _, w := range words {
		c.add(wordCase(w))
	}
	return c.mode()
}

func startsWithLetter(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r)
}

// filterGazetteer drops one-word names that are usually written in lower
// case in running text (city names such as "Of", "Bar" or "Nice" in
// English): as gazetteer hits they would mostly be noise.
func filterGazetteer(entries []GazEntry, caselex map[string]uint8) []GazEntry {
	out := make([]GazEntry, 0, len(entries))
	for _, e := range entries {
		if words := gazWords(e.Name); len(words) == 1 {
			if c := caselex[FoldKey(words[0])]; c == clsLower || c == clsLowMixed {
				continue
			}
		}
		out = append(out, e)
	}
	return out
}
