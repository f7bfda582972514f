package ner

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Feature templates. The numbers are part of the model format.
const (
	fBias = iota + 1
	fLower
	fForm
	fShape
	fShort
	fPrefix
	fSuffix
	fLowerM1
	fLowerP1
	fLowerM2
	fLowerP2
	fShortM1
	fShortP1
	fBigramM1
	fBigramP1
	fLowerM1Short
	fShortLowerP1
	fPosShort
	fCls
	fClsM1
	fClsP1
	fClsShortPos
	fGaz
	fGazM1
	fGazP1
	fModeShort
	fModeCls
	fPrev1
	fPrev12
	fPrev1Lower
	fPrev1Short
	fClsWindow
	fFormP1
	fFormM1
	fHist
	fClu
	fCluM1
	fCluP1
	fRunLast
	fRunBefore
	fRunAfter
	fRunPos
	fRunLastSuf
	fPrev1Suf
	fRunOrg
	fQuote
	fQuoteShort
	fNames
)

// maxFeatures bounds the features of one word.
const maxFeatures = 80

// lexicons is what feature extraction looks up besides the words: the
// gazetteer, the case lexicon and the word clusters, merged into one table.
type lexicons struct {
	table    *lexTable
	gaz      []GazEntry  // canonical, as saved
	words    []wordValue // fold key → case class, as saved
	clusters []wordValue // fold key → cluster path, as saved
	runs     bool        // add the capitalised-run features (runFeatures)
	openers  bool        // some word has the name-opener mark (lexOpens)
}

// usesRuns reports whether models of lang use the capitalised-run and
// previous label × suffix features. They gained 1 F1 on WikiNEuRal French
// (ORG precision); on CoNLL English the gain was within seed noise
// (−0.1…+0.5) and a dev-set name flipped from PER to ORG, so the English
// model keeps the older feature set.
func usesRuns(lang string) bool { return lang == "fr" }

// wordValue is a word of the case lexicon or of the clusters.
type wordValue struct {
	word  string
	value uint64
}

// sortedValues returns m as a list sorted by value, then word (the order
// that compresses best).
func sortedValues[V uint8 | uint64](m map[string]V) []wordValue {
	out := make([]wordValue, 0, len(m))
	for k, v := range m {
		out = append(out, wordValue{k, uint64(v)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].value != out[j].value {
			return out[i].value < out[j].value
		}
		return out[i].word < out[j].word
	})
	return out
}

// newLexicons builds the look-up table from a canonical gazetteer (see
// canonicalGazetteer), a case lexicon and word clusters.
func newLexicons(gaz []GazEntry, caselex, clusters []wordValue) *lexicons {
	n := len(caselex) + len(clusters)
	for _, e := range gaz {
		n += 1 + strings.Count(e.Name, " ")
	}
	lx := &lexicons{table: newLexTable(n), gaz: gaz, words: caselex, clusters: clusters}
	for _, c := range caselex {
		if c.value > clsUnseen && c.value < numCls {
			lx.table.or(keyHash(c.word), c.value)
		}
	}
	for _, c := range clusters {
		lx.table.or(keyHash(c.word), c.value<<lexCluShift)
	}
	for _, e := range gaz {
		bit := uint64(1) << (lexGazBase + typeIndex(e.Type))
		var h uint64
		name := e.Name
		for first := true; name != ""; first = false {
			w, rest, more := strings.Cut(name, " ")
			name = rest
			if first {
				h = keyHash(w)
			} else {
				h = seqHash(h, keyHash(w))
			}
			if more {
				lx.table.or(h, lexPrefix)
			} else {
				lx.table.or(h, bit)
			}
		}
		if e.Type == "PER" {
			if words := strings.Split(e.Name, " "); len(words) >= 2 {
				lx.table.or(keyHash(words[0]), lexGiven)
				lx.table.or(keyHash(words[len(words)-1]), lexFamily)
			}
		}
	}
	return lx
}

// wordInfo holds the hashes of one word's forms.
type wordInfo struct {
	lower uint64    // lower case, punctuation unified
	key   uint64    // fold key (no diacritics)
	form  uint64    // case-normalised surface form
	shape uint64    // shape of form, runs capped at 4 (Xxxx, dd.dd)
	short uint64    // shape of form, runs collapsed (Xx, d.d)
	pre   [4]uint64 // prefixes of the lower form, 1-4 runes; 0 when shorter
	suf   [4]uint64
	cls   uint8    // case lexicon class
	gaz   [4]uint8 // per type: 0 or a gazetteer mark (gazBegin … gazUnit)
	pos   uint8    // position in the sentence, capped at 3
	clu   uint64   // cluster path (see Clusters)
	cased bool     // written with a capital letter
	cs    uint8    // casing class as written
	alnum bool     // has a letter or a digit
	digit bool     // has a digit
	plain bool     // no capital letter, and no digit unless no letter either (lower-case words, punctuation, numbers)
	quote uint8    // place in a short quoted span (quoteFirst …), 0 outside
	names uint8    // bit 0: a given name, bit 1: a family name of the gazetteer
}

// Case transforms applied to a word before its form and shape are hashed.
const (
	asWritten = iota
	asLower
	asTitle
	asUpper
)

// Sentinel value hashes for words outside the sentence.
const (
	hBOS = 0x626f73
	hEOS = 0x656f73
)

// analyse fills info for the words of one sentence: word hashes, case
// lexicon classes, sentence case mode and gazetteer matches. It returns the
// sentence mode. info, keys, lexv and gaz must have len(words) elements.
// A memo, when not nil, caches the descriptions of words.
func (lx *lexicons) analyse(words []string, info []wordInfo, keys []uint64, lexv []uint64, gaz [][4]uint8, memo *wordMemo) uint8 {
	var counts caseCounts
	for i, w := range words {
		wi := &info[i]
		v := memo.describe(lx, w, wi)
		counts.add(wi.cs)
		keys[i] = wi.key
		lexv[i] = v
		wi.pos = uint8(min(i, 3))
	}
	markQuotes(words, info)
	mode := counts.mode()
	if mode != modeNormal {
		for i, w := range words {
			if tr := truecase(mode, info[i].cls, info[i].cs); tr != asWritten {
				hashForm(w, tr, &info[i])
			}
		}
	}
	for i := range gaz {
		gaz[i] = [4]uint8{}
	}
	lx.table.match(keys, lexv, gaz, nil)
	for i := range info {
		info[i].gaz = gaz[i]
	}
	return mode
}

// describe fills wi with the hashes and lexicon entries of word w as
// written (not its position, case normalisation or gazetteer matches) and
// returns its lexicon value.
func (lx *lexicons) describe(w string, wi *wordInfo) uint64 {
	*wi = wordInfo{}
	cs := hashWord(w, wi)
	v := lx.table.get(wi.key)
	wi.cls = uint8(v & lexClsMask)
	wi.clu = v >> lexCluShift & lexCluMask
	wi.names = uint8(v >> lexNameShift & 3)
	wi.cased = cs >= caseTitle
	wi.cs = cs
	wi.plain = cs == caseNone || cs == caseLower && !wi.digit
	return v
}

// truecase picks how to rewrite a word of a sentence whose capitals carry
// no information, from how the word is usually written.
func truecase(mode, cls, cs uint8) int {
	if cs == caseNone {
		return asWritten
	}
	switch cls {
	case clsUpper:
		return asUpper
	case clsCap, clsCapMixed:
		return asTitle
	case clsLower, clsLowMixed:
		return asLower
	}
	// Unseen words: in a shouted or title-case line an unknown word is most
	// often a name; in an all-lower line nothing is known.
	if mode == modeLower {
		return asWritten
	}
	if cs == caseUpper && mode == modeTitle {
		return asWritten
	}
	return asTitle
}

// shapeClass is the shape character of a rune.
func shapeClass(r rune) rune {
	switch {
	case isUpper(r):
		return 'X'
	case isLower(r):
		return 'x'
	case isDigit(r):
		return 'd'
	case isLetter(r):
		return 'L'
	case r < 0x80:
		return r
	}
	return 'S'
}

// asciiRunes caches, for each ASCII character r, normPunct(r), the lower
// case of that and its shapeClass, for hashWord.
var asciiRunes = func() (t [utf8.RuneSelf]struct{ norm, lower, shape byte }) {
	for r := range rune(utf8.RuneSelf) {
		n := normPunct(r)
		t[r].norm, t[r].lower, t[r].shape = byte(n), byte(toLower(n)), byte(shapeClass(n))
	}
	return t
}()

// hashWord computes the hashes of w as written: key, lower form, affixes,
// form and shape; it returns the casing class of w.
func hashWord(w string, wi *wordInfo) uint8 {
	lower := uint64(fnvOffset)
	key := uint64(fnvOffset)
	form := uint64(fnvOffset)
	shape := uint64(fnvOffset)
	short := uint64(fnvOffset)
	var last [4]rune // the last four lower runes, a ring
	n := 0
	var prevCls rune
	run := 0
	letters, upper := 0, 0
	firstUpper := false
	for _, r := range w {
		var lr, c, kr rune
		if r < utf8.RuneSelf {
			a := &asciiRunes[r]
			r, lr, c, kr = rune(a.norm), rune(a.lower), rune(a.shape), rune(a.lower)
		} else {
			r = normPunct(r)
			lr = toLower(r)
			c = shapeClass(r)
			kr = accentFold(lr)
		}
		lower = hashRune(lower, lr)
		key = hashRune(key, kr)
		if n < 4 {
			wi.pre[n] = mix(lower, uint64(n+1))
		}
		last[n&3] = lr
		n++
		form = hashRune(form, r)
		if c == 'd' {
			wi.alnum, wi.digit = true, true
		}
		if c == 'X' || c == 'x' || c == 'L' {
			wi.alnum = true
			u := c == 'X'
			if letters == 0 {
				firstUpper = u
			}
			letters++
			if u {
				upper++
			}
		}
		if c == prevCls {
			run++
		} else {
			run = 1
			short = hashRune(short, c)
		}
		prevCls = c
		if run <= 4 {
			shape = hashRune(shape, c)
		}
	}
	wi.key = mix(key, 0x6b6579)
	wi.lower = mix(lower, 0x6c6f77)
	wi.form = mix(form, 0x666f72)
	wi.shape = mix(shape, 0x736870)
	wi.short = mix(short, 0x736872)
	for k := 1; k <= 4 && k <= n; k++ {
		h := uint64(fnvOffset)
		for j := n - k; j < n; j++ {
			h = hashRune(h, last[j&3])
		}
		wi.suf[k-1] = mix(h, uint64(k))
	}
	return caseOf(letters, upper, firstUpper)
}

// caseOf returns the casing class of a word of that many letters, that
// many of them upper case, the first one upper case or not.
func caseOf(letters, upper int, firstUpper bool) uint8 {
	switch {
	case letters == 0:
		return caseNone
	case upper == 0:
		return caseLower
	case upper == letters && letters >= 2:
		return caseUpper
	case firstUpper && upper == 1:
		return caseTitle
	}
	return caseMixed
}

// classify returns the casing class of w and whether it is plain (no
// capital letter, and no digit unless it has no letter either: "le",
// ",", "2019", "3,5" but not "G20", "3e"), as hashWord and describe find
// them, without hashing anything.
func classify(w string) (cs uint8, plain bool) {
	letters, upper := 0, 0
	firstUpper, digit := false, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		var sh rune
		if c < utf8.RuneSelf {
			sh = rune(asciiRunes[c].shape)
		} else {
			r, n := utf8.DecodeRuneInString(w[i:])
			i += n - 1
			sh = shapeClass(normPunct(r))
		}
		switch sh {
		case 'd':
			digit = true
		case 'X', 'x', 'L':
			if letters == 0 {
				firstUpper = sh == 'X'
			}
			letters++
			if sh == 'X' {
				upper++
			}
		}
	}
	cs = caseOf(letters, upper, firstUpper)
	return cs, cs == caseNone || cs == caseLower && !digit
}

// hashForm recomputes the form and shape hashes of w rewritten by tr.
func hashForm(w string, tr int, wi *wordInfo) {
	form := uint64(fnvOffset)
	shape := uint64(fnvOffset)
	short := uint64(fnvOffset)
	var prevCls rune
	run := 0
	firstLetter := true
	for _, r := range w {
		r = normPunct(r)
		fr := toLower(r)
		switch tr {
		case asUpper:
			fr = toUpper(r)
		case asTitle:
			if firstLetter && isLetter(r) {
				fr = toUpper(r)
			}
		}
		if isLetter(r) {
			firstLetter = false
		}
		form = hashRune(form, fr)
		c := shapeClass(fr)
		if c == prevCls {
			run++
		} else {
			run = 1
			short = hashRune(short, c)
		}
		prevCls = c
		if run <= 4 {
			shape = hashRune(shape, c)
		}
	}
	wi.form = mix(form, 0x666f72)
	wi.shape = mix(shape, 0x736870)
	wi.short = mix(short, 0x736872)
}

// neighbour returns the info of word i+d, or a sentinel.
func neighbour(info []wordInfo, i, d int) *wordInfo {
	j := i + d
	if j < 0 {
		return &bosInfo
	}
	if j >= len(info) {
		return &eosInfo
	}
	return &info[j]
}

var (
	bosInfo = wordInfo{lower: hBOS, key: hBOS, form: hBOS, shape: hBOS, short: hBOS, cls: numCls}
	eosInfo = wordInfo{lower: hEOS, key: hEOS, form: hEOS, shape: hEOS, short: hEOS, cls: numCls + 1}
)

func gazBits(g [4]uint8) uint64 {
	return uint64(g[0]) | uint64(g[1])<<3 | uint64(g[2])<<6 | uint64(g[3])<<9
}

// staticFeatures appends the features of word i that do not depend on
// predicted labels. They come in groups by what they look at (the tagger
// sums the weights of the groups that look at one word only once per
// distinct word, see wordScores): a feature that looks at the word alone
// belongs in wordFeatures, one that also depends on the word's position in
// posFeatures, one that looks at one neighbour alone in neighbourFeatures,
// and anything else (word pairs, gazetteer matches, runs, sentence mode)
// in contextFeatures.
func staticFeatures(info []wordInfo, i int, mode uint8, runs bool, out []uint64) []uint64 {
	w := &info[i]
	out = wordFeatures(w, out)
	out = posFeatures(w, w.pos, out)
	for _, d := range neighbourOffsets {
		out = neighbourFeatures(neighbour(info, i, d), d, out)
	}
	return contextFeatures(info, i, mode, runs, out)
}

// wordFeatures appends the features that look at word w alone. Like
// neighbourFeatures it may only use the fields of w that follow from its
// lower-case and case-normalised forms (lower, key, form, shape, short,
// pre, suf, cls, clu; not cs, cased, alnum, pos or gaz): the tagger
// memoises their weights by those two forms (TestFastScores checks).
func wordFeatures(w *wordInfo, out []uint64) []uint64 {
	out = append(out,
		mix(fBias, 0),
		mix(fLower, w.lower),
		mix(fForm, w.form),
		mix(fShape, w.shape),
		mix(fShort, w.short),
		mix(fCls, uint64(w.cls)),
	)
	for k := 0; k < 4; k++ {
		if w.pre[k] != 0 {
			out = append(out, mix(fPrefix, w.pre[k]))
		}
		if w.suf[k] != 0 {
			out = append(out, mix(fSuffix, w.suf[k]))
		}
	}
	if w.clu != 0 {
		for l := 0; l < 3; l++ {
			out = append(out, mix(fClu, uint64(l)<<16|unpackCluster(w.clu, l)))
		}
	}
	return out
}

// posFeatures appends the features that look at word w and its position
// in the sentence, pos (0, 1, 2, or 3 for any later word).
func posFeatures(w *wordInfo, pos uint8, out []uint64) []uint64 {
	return append(out,
		mix(fPosShort, mix(uint64(pos), w.short)),
		mix(fClsShortPos, mix(uint64(w.cls)|uint64(min(pos, 1))<<8, w.short)),
	)
}

// neighbourOffsets are the offsets d of the neighbours neighbourFeatures
// looks at.
var neighbourOffsets = [...]int{-2, -1, 1, 2}

// neighbourFeatures appends the features that look at word n alone as the
// neighbour at offset d (±1, ±2) of the current word.
func neighbourFeatures(n *wordInfo, d int, out []uint64) []uint64 {
	switch d {
	case -1:
		out = append(out, mix(fLowerM1, n.lower), mix(fShortM1, n.short), mix(fClsM1, uint64(n.cls)))
		if n.clu != 0 {
			out = append(out, mix(fCluM1, unpackCluster(n.clu, 1)))
		}
	case 1:
		out = append(out, mix(fLowerP1, n.lower), mix(fShortP1, n.short), mix(fClsP1, uint64(n.cls)))
		if n.clu != 0 {
			out = append(out, mix(fCluP1, unpackCluster(n.clu, 1)))
		}
	case -2:
		out = append(out, mix(fLowerM2, n.lower))
	case 2:
		out = append(out, mix(fLowerP2, n.lower))
	}
	return out
}

// contextFeatures appends the static features of word i that look at more
// than one word or at the sentence: word pairs, gazetteer matches and
// given/family name marks, runs of capitalised words, short quoted spans
// and the sentence's case mode.
func contextFeatures(info []wordInfo, i int, mode uint8, runs bool, out []uint64) []uint64 {
	w := &info[i]
	m1, p1 := neighbour(info, i, -1), neighbour(info, i, 1)
	out = append(out,
		mix(fBigramM1, mix(m1.lower, w.lower)),
		mix(fBigramP1, mix(w.lower, p1.lower)),
		mix(fLowerM1Short, mix(m1.lower, w.short)),
		mix(fShortLowerP1, mix(w.short, p1.lower)),
		mix(fClsWindow, uint64(m1.cls)|uint64(w.cls)<<4|uint64(p1.cls)<<8),
		mix(fFormM1, mix(m1.form, w.form)),
		mix(fFormP1, mix(w.form, p1.form)),
	)
	for t := 0; t < 4; t++ {
		if w.gaz[t] != 0 {
			out = append(out, mix(fGaz, uint64(t)<<3|uint64(w.gaz[t])))
		}
	}
	if g := gazBits(m1.gaz); g != 0 {
		out = append(out, mix(fGazM1, g))
	}
	if g := gazBits(p1.gaz); g != 0 {
		out = append(out, mix(fGazP1, g))
	}
	if runs && mode == modeNormal {
		out = runFeatures(info, i, out)
	}
	if g := uint64(w.names) | uint64(m1.names)<<2 | uint64(p1.names)<<4; g != 0 {
		out = append(out, mix(fNames, g))
	}
	if w.quote != 0 {
		out = append(out, mix(fQuote, uint64(w.quote)), mix(fQuoteShort, mix(uint64(w.quote), w.short)))
	}
	if mode != modeNormal {
		out = append(out,
			mix(fModeShort, mix(uint64(mode), w.short)),
			mix(fModeCls, uint64(mode)<<8|uint64(w.cls)),
		)
	}
	return out
}

// dynamicFeatures appends the features of word i that look at the two
// previous predicted labels (numLabels stands for "before the sentence").
func dynamicFeatures(info []wordInfo, i int, prev1, prev2 int, runs bool, out []uint64) []uint64 {
	out = labelFeatures(prev1, prev2, out)
	return labelWordFeatures(&info[i], prev1, runs, out)
}

// labelFeatures appends the features that look at the previous labels
// alone.
func labelFeatures(prev1, prev2 int, out []uint64) []uint64 {
	return append(out,
		mix(fPrev1, uint64(prev1)),
		mix(fPrev12, uint64(prev1)<<8|uint64(prev2)),
	)
}

// labelWordFeatures appends the features that look at the previous label
// and word w.
func labelWordFeatures(w *wordInfo, prev1 int, runs bool, out []uint64) []uint64 {
	out = append(out,
		mix(fPrev1Lower, mix(uint64(prev1), w.lower)),
		mix(fPrev1Short, mix(uint64(prev1), w.short)),
	)
	if runs {
		out = append(out, mix(fPrev1Suf, mix(uint64(prev1), w.suf[2])))
	}
	return out
}

// history records, for a document, the labels given so far to each word
// written with a capital (by fold key): counts of O, PER, ORG, LOC, MISC.
// A name tagged PER once is likely PER again further down the text.
type history map[uint64][5]uint16

// features appends the history features of word w.
func (h history) features(w *wordInfo, out []uint64) []uint64 {
	if !w.cased {
		return out
	}
	c, ok := h[w.key]
	if !ok {
		return append(out, mix(fHist, 0xff))
	}
	total := 0
	for _, n := range c {
		total += int(n)
	}
	if int(c[0]) == total {
		return append(out, mix(fHist, 0xf0))
	}
	for t := 1; t < 5; t++ {
		if c[t] > 0 {
			bucket := min(2, 3*int(c[t])/total)
			out = append(out, mix(fHist, uint64(t)<<4|uint64(bucket)))
		}
	}
	return out
}

// record adds label l given to word w.
func (h history) record(w *wordInfo, l int) {
	if !w.cased {
		return
	}
	c := h[w.key]
	t := labelType(l)
	if c[t] < 0xffff {
		c[t]++
	}
	h[w.key] = c
}
