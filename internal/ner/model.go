package ner

import "sync"

// Model is a trained tagger. It is immutable and safe for concurrent use.
type Model struct {
	lang string
	info string // provenance: data, licences, command, scores
	lex  *lexicons

	// Feature weights, as saved: keys are the feature hashes, the first
	// hot of them the features most frequent in training (together they
	// make most look-ups), each run sorted; weights their rows of
	// numLabels int16 values (weight = value × scale). For look-ups the
	// hot features are in a small table that stays in the processor cache,
	// the others in a large table behind a Bloom filter that answers most
	// look-ups of unknown features without touching it.
	keys    []uint64
	weights []int16
	hot     int
	scale   float32
	hotTab  table
	coldTab table
	bloom   []uint64

	pool sync.Pool // *scratch
}

// Lang returns the language the model was trained for.
func (m *Model) Lang() string { return m.lang }

// Info returns the model's provenance note (training data, licences,
// command line, held-out scores).
func (m *Model) Info() string { return m.info }

// NumFeatures returns the number of weighted features.
func (m *Model) NumFeatures() int { return len(m.keys) }

// slot is a cell of the open-addressing feature table: the high 32 bits of
// a feature hash (with the low bit set, so that 0 marks an empty cell; the
// low bits of the hash pick the cell) and the feature's weights, as 8-bit
// values shifted left by sh. Keeping the weights in a 16-byte cell makes a
// look-up one memory access and the table small enough for the cache.
type slot struct {
	fp uint32
	sh uint8
	w  [numLabels]int8
}

func fingerprint(f uint64) uint32 { return uint32(f>>32) | 1 }

// table is an open-addressing table of slots.
type table []slot

// build fills a table with distinct keys and their rows of weights.
// Features whose cell and fingerprint collide with an earlier one (about
// one in a billion) share its weights.
func buildTable(keys []uint64, weights []int16) table {
	size := 16
	for size < 2*len(keys) {
		size *= 2
	}
	t := make(table, size)
	mask := uint64(size - 1)
next:
	for r, k := range keys {
		fp := fingerprint(k)
		i := k & mask
		for ; t[i].fp != 0; i = (i + 1) & mask {
			if t[i].fp == fp {
				continue next
			}
		}
		s := &t[i]
		s.fp = fp
		row := weights[r*numLabels : (r+1)*numLabels]
		big := 0
		for _, v := range row {
			big = max(big, abs(int(v)))
		}
		for big>>s.sh > 127 {
			s.sh++
		}
		half := 0
		if s.sh > 0 {
			half = 1 << (s.sh - 1)
		}
		for l, v := range row {
			q := (abs(int(v)) + half) >> s.sh
			if v < 0 {
				q = -q
			}
			s.w[l] = int8(max(-127, min(127, q)))
		}
	}
	return t
}

// find returns the slot of feature f, or nil.
func (t table) find(f uint64) *slot {
	mask := uint64(len(t) - 1)
	fp := fingerprint(f)
	for i := f & mask; ; i = (i + 1) & mask {
		s := &t[i]
		if s.fp == fp {
			return s
		}
		if s.fp == 0 {
			return nil
		}
	}
}

// Bloom filter: 16 bits and 3 probes per cold feature (0.2% false hits).
const bloomBits, bloomProbes = 16, 3

func bloomProbe(f uint64, k int) uint64 { return (f >> (21 * k)) ^ (f * uint64(2*k+1) >> 7) }

// setWeights builds the look-up tables from keys, whose first hot
// entries are the hot features, and their rows of weights.
func (m *Model) setWeights(keys []uint64, weights []int16, hot int) {
	m.keys, m.weights, m.hot = keys, weights, hot
	m.hotTab = buildTable(keys[:hot], weights[:hot*numLabels])
	cold := keys[hot:]
	m.coldTab = buildTable(cold, weights[hot*numLabels:])
	n := 64
	for n < bloomBits*len(cold) {
		n *= 2
	}
	m.bloom = make([]uint64, n/64)
	mask := uint64(n - 1)
	for _, k := range cold {
		for p := 0; p < bloomProbes; p++ {
			b := bloomProbe(k, p) & mask
			m.bloom[b>>6] |= 1 << (b & 63)
		}
	}
}

// row returns the weights of feature f, or nil when it is unknown.
func (m *Model) row(f uint64) *slot {
	if s := m.hotTab.find(f); s != nil {
		return s
	}
	mask := uint64(len(m.bloom)*64 - 1)
	for p := 0; p < bloomProbes; p++ {
		b := bloomProbe(f, p) & mask
		if m.bloom[b>>6]&(1<<(b&63)) == 0 {
			return nil
		}
	}
	return m.coldTab.find(f)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// scratch is the per-call working memory of Tag.
type scratch struct {
	info  []wordInfo
	keys  []uint64
	lexv  []uint64
	gaz   [][4]uint8
	feats []uint64
	ends  []int32 // per word: score of ending the open name there
}

func (s *scratch) grow(n int) {
	if cap(s.info) < n {
		s.info = make([]wordInfo, n)
		s.keys = make([]uint64, n)
		s.lexv = make([]uint64, n)
		s.gaz = make([][4]uint8, n)
	}
	s.info, s.keys, s.lexv, s.gaz = s.info[:n], s.keys[:n], s.lexv[:n], s.gaz[:n]
}

// score adds the weights of features f to scores.
func (m *Model) score(f []uint64, scores *[numLabels]int32) {
	for _, h := range f {
		r := m.row(h)
		if r == nil {
			continue
		}
		sh, w := r.sh&15, &r.w
		for l := 0; l < numLabels; l++ {
			scores[l] += int32(w[l]) << sh
		}
	}
}

// maxSentence bounds the words analysed together; longer runs without
// sentence-final punctuation are cut there (a boundary every 500 words
// costs nothing measurable and keeps scratch memory bounded).
const maxSentence = 500

// sentences calls fn with the bounds of each sentence of words: a sentence
// ends after sentence-final punctuation (and a closing quote or bracket
// right after it) or after maxSentence words.
func sentences(words []string, fn func(start, end int)) {
	start := 0
	for i := 0; i < len(words); i++ {
		end := -1
		if isBoundaryWord(words[i]) {
			end = i + 1
			for end < len(words) && isCloser(words[end]) {
				end++
			}
		} else if i+1-start >= maxSentence {
			end = i + 1
		}
		if end > 0 {
			fn(start, end)
			start = end
			i = end - 1
		}
	}
	if start < len(words) {
		fn(start, len(words))
	}
}

func isCloser(w string) bool {
	switch w {
	case "\"", "»", "”", "'", "’", ")", "]":
		return true
	}
	return false
}

// Tag returns one BIO label per word. The words may be one sentence or a
// whole text (sentences are then found at sentence-final punctuation; the
// labels given to a name earlier in the text inform later mentions).
// Time and memory are linear in len(words); any input is accepted.
func (m *Model) Tag(words []string) []string {
	out := make([]string, len(words))
	if m == nil || len(m.keys) == 0 {
		for i := range out {
			out[i] = Labels[0]
		}
		return out
	}
	s := m.getScratch()
	labels := make([]int, 0, min(len(words), maxSentence))
	hist := history{}
	sentences(words, func(start, end int) {
		labels = m.tagSentence(words[start:end], s, hist, labels[:0])
		for i, l := range labels {
			out[start+i] = bioLabels[l]
		}
	})
	m.pool.Put(s)
	return out
}

// TagDocument labels the sentences of one document, given as word
// sequences: Tag without guessing sentence boundaries.
func (m *Model) TagDocument(sents [][]string) [][]string {
	out := make([][]string, len(sents))
	if m == nil || len(m.keys) == 0 {
		for i, ws := range sents {
			out[i] = make([]string, len(ws))
			for j := range ws {
				out[i][j] = Labels[0]
			}
		}
		return out
	}
	s := m.getScratch()
	hist := history{}
	var labels []int
	for i, ws := range sents {
		out[i] = make([]string, len(ws))
		for start := 0; start < len(ws); start += maxSentence {
			end := min(len(ws), start+maxSentence)
			labels = m.tagSentence(ws[start:end], s, hist, labels[:0])
			for j, l := range labels {
				out[i][start+j] = bioLabels[l]
			}
		}
	}
	m.pool.Put(s)
	return out
}

func (m *Model) getScratch() *scratch {
	s, _ := m.pool.Get().(*scratch)
	if s == nil {
		s = &scratch{feats: make([]uint64, 0, maxFeatures)}
	}
	return s
}

// tagSentence labels one sentence greedily, left to right.
func (m *Model) tagSentence(words []string, s *scratch, hist history, labels []int) []int {
	s.grow(len(words))
	mode := m.lex.analyse(words, s.info, s.keys, s.lexv, s.gaz)
	if cap(s.ends) < len(words) {
		s.ends = make([]int32, len(words))
	}
	ends := s.ends[:len(words)]
	start := len(labels)
	open := -1 // first word of the name being read, if any
	prev1, prev2 := numLabels, numLabels
	for i := range words {
		f := staticFeatures(s.info, i, mode, m.lex.runs, s.feats[:0])
		f = dynamicFeatures(s.info, i, prev1, prev2, m.lex.runs, f)
		f = hist.features(&s.info[i], f)
		s.feats = f
		var scores [numLabels]int32
		m.score(f, &scores)
		best := -1
		alnum := s.info[i].alnum
		for l := 0; l < numLabels; l++ {
			if allowed(prev1, l) && (alnum || !starts(l)) && (best < 0 || scores[l] > scores[best]) {
				best = l
			}
		}
		if open >= 0 && (best == 0 || labelPart(best) == partB || labelPart(best) == partU) {
			closeName(labels[start:], ends, open, i)
			open = -1
		}
		if best > 0 {
			t := labelType(best) - 1
			switch labelPart(best) {
			case partB:
				open = i
				ends[i] = scores[internalLabel(t, partU)]
			case partI:
				ends[i] = scores[internalLabel(t, partL)]
			case partL, partU:
				open = -1
			}
		}
		labels = append(labels, best)
		prev2, prev1 = prev1, best
	}
	if open >= 0 {
		closeName(labels[start:], ends, open, len(words))
	}
	for i, l := range labels[start:] {
		hist.record(&s.info[i], l)
	}
	return labels
}

// closeName ends the name opened at word open (a B label followed by I
// labels up to word end) that the tagger left without its L label: the
// name ends at the word whose "last word" (or, for the first, "one-word
// name") score was highest; the words after it become O.
func closeName(labels []int, ends []int32, open, end int) {
	best := open
	for j := open + 1; j < end; j++ {
		if ends[j] > ends[best] {
			best = j
		}
	}
	t := labelType(labels[open]) - 1
	if best == open {
		labels[open] = internalLabel(t, partU)
	} else {
		labels[best] = internalLabel(t, partL)
	}
	for j := best + 1; j < end; j++ {
		labels[j] = 0
	}
}
