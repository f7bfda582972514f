package ner

import (
	"hash/maphash"
	"sync"
)

// Model is a trained tagger. It is immutable and safe for concurrent use.
type Model struct {
	lang string
	info string // provenance: data, licences, command, scores
	lex  *lexicons

	// Feature weights, as saved: keys are the feature hashes, the first
	// hot of them the features most frequent in training (together they
	// make most look-ups), each run sorted; rows their weights. For
	// look-ups the hot features are in a small table that stays in the
	// processor cache, the others in a large one; a Bloom filter answers
	// most look-ups of unknown features before either.
	keys    []uint64
	rows    []row
	hot     int
	scale   float32 // a weight is its row value × scale (for information)
	hotTab  table
	coldTab table
	bloom   []uint64
	// a hash's top bits (64 - bloomShift) pick its word of the filter
	bloomShift uint

	// Precomputed sums of weights: of the features of the sentinel words
	// before and after a sentence, and of labelFeatures for each pair of
	// previous labels (prev1×(numLabels+1)+prev2).
	bos, eos    wordScores
	labelScores []vec

	margin    int32 // beam items this far behind the best are dropped (0: none)
	skipPlain bool  // label plain stretches O without scoring them (skip.go)

	// Scratches not in use. Not a sync.Pool: the collector empties a
	// pool, and the memos of a scratch take thousands of sentences to fill
	// again (tagging then runs several times slower).
	free struct {
		sync.Mutex
		list []*scratch
	}
}

// Lang returns the language the model was trained for.
func (m *Model) Lang() string { return m.lang }

// Info returns the model's provenance note (training data, licences,
// command line, held-out scores).
func (m *Model) Info() string { return m.info }

// NumFeatures returns the number of weighted features.
func (m *Model) NumFeatures() int { return len(m.keys) }

// scratch is the working memory of one Tag call. It is kept for the next
// call, so its memos of words and word scores carry over.
type scratch struct {
	info   []wordInfo
	keys   []uint64
	lexv   []uint64
	gaz    [][4]uint8
	feats  []uint64
	stat   []vec               // per word: summed weights of its static features, see staticScores
	prevO  []vec               // per word: scores of its labelWordFeatures after O (staticScores)
	prev   [numLabels + 1]vec  // per previous label: scores of labelWordFeatures (prevScores)
	prevp  [numLabels + 1]*vec // per previous label of the beam: its scores (prevScores)
	beam   beam[int32]
	labels []int
	hist   history
	memo   []wordScores
	cells  []*wordScores // per word: its memo cell (staticScores; it may have been reused since; nil when not looked up)
	skip   []bool        // per word: labelled O without scoring when no name is open (plan)
	text   []string      // the words of the sentence being tagged
	fill   func(j int)   // describes word j of text (analyseTag)
	touch  uint64        // a sum of memo reads (staticScores)
	clock  uint32        // counts the memo look-ups of word scores
	words  wordMemo
	batch  batch
}

// history returns an empty history.
func (s *scratch) history() history {
	if len(s.hist) > 1<<12 || s.hist == nil {
		s.hist = history{} // do not keep a large document's map
	}
	clear(s.hist)
	return s.hist
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

// vec holds a score per internal label.
type vec [numLabels]int32

// The unrolled loops of vec.add and vec.addRow assume 17 labels.
var _ = [1]struct{}{}[numLabels-17]

// add adds w to v. (The loops over the labels are unrolled by hand: the
// compiler does not, and they are the tagger's inner loops.)
func (v *vec) add(w *vec) {
	v[0] += w[0]
	v[1] += w[1]
	v[2] += w[2]
	v[3] += w[3]
	v[4] += w[4]
	v[5] += w[5]
	v[6] += w[6]
	v[7] += w[7]
	v[8] += w[8]
	v[9] += w[9]
	v[10] += w[10]
	v[11] += w[11]
	v[12] += w[12]
	v[13] += w[13]
	v[14] += w[14]
	v[15] += w[15]
	v[16] += w[16]
}

// addRow adds the weights of slot r to v (r may be nil).
func (v *vec) addRow(r *slot) {
	if r != nil {
		v.addWeights(r.row)
	}
}

// addWeights adds the weights of row r to v. (The loop over the labels is
// written out: it is the hottest loop of tagging, see addRows. r is a copy:
// the compiler then reads each weight in one instruction.)
func (v *vec) addWeights(r row) {
	sh, w := r.sh&15, &r.w
	v[0] += int32(w[0]) << sh
	v[1] += int32(w[1]) << sh
	v[2] += int32(w[2]) << sh
	v[3] += int32(w[3]) << sh
	v[4] += int32(w[4]) << sh
	v[5] += int32(w[5]) << sh
	v[6] += int32(w[6]) << sh
	v[7] += int32(w[7]) << sh
	v[8] += int32(w[8]) << sh
	v[9] += int32(w[9]) << sh
	v[10] += int32(w[10]) << sh
	v[11] += int32(w[11]) << sh
	v[12] += int32(w[12]) << sh
	v[13] += int32(w[13]) << sh
	v[14] += int32(w[14]) << sh
	v[15] += int32(w[15]) << sh
	v[16] += int32(w[16]) << sh
}

// subRow subtracts the weights of slot r from v (r may be nil).
func (v *vec) subRow(r *slot) {
	if r == nil {
		return
	}
	sh, w := r.sh&15, &r.w
	for l := range v {
		v[l] -= int32(w[l]) << sh
	}
}

// score adds the weights of features f to scores.
func (m *Model) score(f []uint64, scores *vec) {
	for _, h := range f {
		scores.addRow(m.row(h))
	}
}

// batch collects feature look-ups to run them together, Bloom filter
// first for all: independent look-ups let the processor overlap their
// cache misses.
type batch struct {
	f      []uint64
	to     []int32 // the vector feature f[j] adds to
	keep   []int32
	hot    []int32 // the rows found in the small table: slot indices
	hotTo  []int32 // and their vectors
	cold   []int32 // the same for the large table
	coldTo []int32
}

// add queues features f for vector to.
func (b *batch) add(f []uint64, to int) {
	b.f = append(b.f, f...)
	for range f {
		b.to = append(b.to, int32(to))
	}
}

// run adds the weights of the queued features to their vectors in v and
// empties the batch. It works in passes over the features (Bloom filter,
// small table, large table, then the additions), so that the memory reads
// of one pass do not wait for each other.
func (m *Model) run(b *batch, v []vec) {
	if cap(b.keep) < len(b.f) {
		c := 2 * len(b.f)
		b.keep = make([]int32, c)
		b.hot, b.hotTo = make([]int32, c), make([]int32, c)
		b.cold, b.coldTo = make([]int32, c), make([]int32, c)
	}
	keep := b.keep[:len(b.f)]
	n := 0
	for j, h := range b.f {
		bm := bloomMask(h)
		miss := m.bloom[h>>m.bloomShift]&bm ^ bm
		keep[n] = int32(j)
		n += int(1 ^ (miss|-miss)>>63) // 1 when all bits are set
	}
	hot, hotTo := b.hot[:n], b.hotTo[:n]
	found, cold := 0, 0
	for _, j := range keep[:n] {
		if r := m.hotTab.index(b.f[j]); r >= 0 {
			hot[found], hotTo[found] = r, b.to[j]
			found++
		} else {
			keep[cold] = j
			cold++
		}
	}
	coldIdx, coldTo := b.cold[:cold], b.coldTo[:cold]
	nc := 0
	for _, j := range keep[:cold] {
		if r := m.coldTab.index(b.f[j]); r >= 0 {
			coldIdx[nc], coldTo[nc] = r, b.to[j]
			nc++
		}
	}
	addRows(v, m.hotTab.slots, hot[:found], hotTo[:found])
	addRows(v, m.coldTab.slots, coldIdx[:nc], coldTo[:nc])
	b.f, b.to = b.f[:0], b.to[:0]
}

// addRows adds the weights of slots[idx[k]] to v[to[k]] for each k.
func addRows(v []vec, slots []slot, idx, to []int32) {
	to = to[:len(idx)]
	for k, i := range idx {
		v[to[k]].addWeights(slots[i].row)
	}
}

// wordScores are the summed weights of the features that look at one word
// alone, for each place the word takes: v[0] as the current word
// (wordFeatures, and posFeatures for a word past the third of its
// sentence), v[1+k] as the neighbour at offset neighbourOffsets[k]
// (neighbourFeatures), and v[afterO] as the current word after an O
// label (labelWordFeatures with previous label O, the most frequent). They
// depend only on the word's lower-case and
// case-normalised forms (its other hashes and its lexicon entries follow
// from them), so the tagger computes them once per distinct word and keeps
// them in a memo.
type wordScores struct {
	lower, form uint64 // the word; lower 0 marks an empty memo cell
	used        uint32 // when the cell was last used (scratch.clock); on the cache line of the look-up
	v           [afterO + 1]vec
	// The scores of labelWordFeatures after other previous labels, filled
	// by prevScores as the beam meets them: pp[k] is the label of pv[k] (0
	// when empty), next the slot to fill next (round robin).
	pp   [prevSlots]int8
	next uint8
	pv   [prevSlots]vec
}

// prevSlots is the number of previous labels other than O whose scores a
// memo cell of word scores keeps.
const prevSlots = 6

// prevScores needs a free slot besides those of a beam's labels.
var _ [prevSlots - beamWidth - 1]struct{}

// afterO is the index in wordScores.v of the scores after an O label.
const afterO = 1 + len(neighbourOffsets)

// memoBits sets the size of the memo of word scores each scratch keeps
// (two-way set associative, least recently used out; 2^memoBits cells of
// 848 bytes).
const memoBits = 14

// computeWordScores fills e for word w.
func (m *Model) computeWordScores(w *wordInfo, e *wordScores, b *batch, buf []uint64) []uint64 {
	e.lower, e.form = w.lower, w.form
	e.v = [len(e.v)]vec{}
	e.pp, e.next = [prevSlots]int8{}, 0
	buf = wordFeatures(w, buf[:0])
	buf = posFeatures(w, 3, buf)
	b.add(buf, 0)
	for k, d := range neighbourOffsets {
		buf = neighbourFeatures(w, d, buf[:0])
		b.add(buf, 1+k)
	}
	buf = labelWordFeatures(w, 0, m.lex.runs, buf[:0])
	b.add(buf, afterO)
	m.run(b, e.v[:])
	return buf
}

// wordScores returns the scores of word w from the memo of s, computing
// them on a miss. The result is valid until the next call.
func (m *Model) wordScores(s *scratch, w *wordInfo) *wordScores {
	if s.memo == nil {
		s.memo = offHeap[wordScores](s, 1<<memoBits)
	}
	s.clock++
	k := memoIndex(w)
	set := s.memo[k : k+2]
	e := &set[0]
	if e.lower != w.lower || e.form != w.form {
		e = &set[1]
		if e.lower != w.lower || e.form != w.form {
			// Replace the cell of the set used least recently.
			if set[0].used < set[1].used {
				e = &set[0]
			}
			s.feats = m.computeWordScores(w, e, &s.batch, s.feats)
		}
	}
	e.used = s.clock
	return e
}

// memoIndex returns the first cell of the set of word w in the memo of
// word scores (two-way set associative: a word may sit in either cell of
// its set).
func memoIndex(w *wordInfo) uint64 {
	return (w.lower ^ w.form*0x9E3779B97F4A7C15) >> (64 - memoBits) &^ 1
}

// wordMemo caches lexicons.describe for words of up to maxMemoWord bytes
// (two-way set associative, least recently used out, 2^wordMemoBits cells
// of 168 bytes): hashing a word's
// forms and looking it up in the lexicon take a fifth of the tagging time.
type wordMemo struct {
	seed  maphash.Seed
	cells []memoWord
	clock uint32 // counts the look-ups
}

const maxMemoWord, wordMemoBits = 22, 14

type memoWord struct {
	n    uint8 // the word's length; 0 marks an empty cell
	text [maxMemoWord]byte
	used uint32 // when the cell was last used (wordMemo.clock)
	lexv uint64
	info wordInfo
}

// describe is lx.describe(w, wi), from the memo when it holds w; c may be
// nil.
func (c *wordMemo) describe(lx *lexicons, w string, wi *wordInfo) uint64 {
	if c == nil || len(w) == 0 || len(w) > maxMemoWord {
		return lx.describe(w, wi)
	}
	if c.cells == nil {
		c.seed = maphash.MakeSeed()
		c.cells = offHeap[memoWord](c, 1<<wordMemoBits)
	}
	c.clock++
	k := maphash.String(c.seed, w) >> (64 - wordMemoBits) &^ 1
	set := c.cells[k : k+2]
	for y := range set {
		if e := &set[y]; int(e.n) == len(w) && string(e.text[:e.n]) == w {
			e.used = c.clock
			*wi = e.info
			return e.lexv
		}
	}
	// Replace the cell of the set used least recently.
	e := &set[1]
	if set[0].used < set[1].used {
		e = &set[0]
	}
	v := lx.describe(w, wi)
	e.n = uint8(copy(e.text[:], w))
	e.lexv, e.info, e.used = v, *wi, c.clock
	return v
}

// staticScores sets s.stat[i] to the summed weights of the static features
// (staticFeatures) of each word i of the sentence analysed into s.info,
// but for the words skip marks (nil: none; see plan), whose scores are
// left at zero (lateStatic computes them when needed). The features of the
// document history do not change within a sentence either: they are added
// to s.stat too.
func (m *Model) staticScores(s *scratch, mode uint8, hist history, skip []bool) {
	info := s.info
	n := len(info)
	if cap(s.stat) < n {
		s.stat = make([]vec, n)
	}
	stat := s.stat[:n]
	clear(stat)
	if cap(s.prevO) < n {
		s.prevO = make([]vec, n)
	}
	s.prevO = s.prevO[:n]
	if cap(s.cells) < n {
		s.cells = make([]*wordScores, n)
	}
	s.cells = s.cells[:n]
	need := func(i int) bool { return skip == nil || !skip[i] }
	// The features that look at one word: its own and those it lends its
	// neighbours. A first pass reads the memo cells of all the words, so
	// that their cache misses overlap.
	if s.memo == nil {
		s.memo = offHeap[wordScores](s, 1<<memoBits)
	}
	// (It leaves s.cells[j] nil for the words that lend nothing, at their
	// memo set otherwise, for the second pass.)
	var touch uint64
	for j := range info {
		s.cells[j] = nil
		if lends(skip, j) {
			k := memoIndex(&info[j])
			touch += s.memo[k].lower + s.memo[k+1].lower
			s.cells[j] = &s.memo[k]
		}
	}
	s.touch = touch
	for j := range info {
		if s.cells[j] == nil {
			continue
		}
		e := m.wordScores(s, &info[j])
		s.cells[j] = e
		if need(j) {
			stat[j].add(&e.v[0])
			s.prevO[j] = e.v[afterO]
		}
		for k, d := range neighbourOffsets {
			// Word j is the neighbour at offset d of word j-d.
			if i := j - d; i >= 0 && i < n && need(i) {
				stat[i].add(&e.v[1+k])
			}
		}
	}
	for k, d := range neighbourOffsets {
		for i := range min(n, abs(d)) {
			if d < 0 {
				if need(i) {
					stat[i].add(&m.bos.v[1+k])
				}
			} else if need(n - 1 - i) {
				stat[n-1-i].add(&m.eos.v[1+k])
			}
		}
	}
	for i := range stat {
		if need(i) {
			m.queueContext(s, i, mode, hist)
		}
	}
	m.run(&s.batch, stat)
}

// queueContext queues in s.batch, for s.stat[i], the static features of
// word i that the memo of word scores does not hold: its position when it
// is one of the first three words, its context and its history.
func (m *Model) queueContext(s *scratch, i int, mode uint8, hist history) {
	w := &s.info[i]
	f := s.feats[:0]
	if w.pos < 3 {
		// The memo holds the position features of a later word.
		for _, h := range posFeatures(w, 3, f) {
			s.stat[i].subRow(m.row(h))
		}
		f = posFeatures(w, w.pos, f[:0])
	}
	f = contextFeatures(s.info, i, mode, m.lex.runs, f)
	f = hist.features(w, f)
	s.batch.add(f, i)
	s.feats = f
}

// scores returns the scores of word i of the sentence in s (see
// staticScores) after labels prev1 and prev2, as the beam search adds them
// up (tagSentence).
func (m *Model) scores(s *scratch, i, prev1, prev2 int) vec {
	v := s.stat[i]
	m.prevScores(s, i, []beamItem[int32]{{p1: int8(prev1)}})
	v.add(s.prevp[prev1])
	v.add(&m.labelScores[prev1*(numLabels+1)+prev2])
	return v
}

// prevScores points s.prevp[p] at the summed weights of the features of
// word i with previous label p (labelWordFeatures), for the last label p
// of each item: after O at s.prevO, after another label at the word's memo
// cell when it holds them (see wordScores), the others looked up in one
// batch into s.prev and kept in the cell.
func (m *Model) prevScores(s *scratch, i int, items []beamItem[int32]) {
	w := &s.info[i]
	e := s.cells[i]
	valid := e.lower == w.lower && e.form == w.form // the cell still holds word i
	f := s.feats[:0]
	var seen, missed uint32
	var hit uint8 // the cell's slots read by this call
next:
	for k := range items {
		p := items[k].p1
		if seen&(1<<p) != 0 {
			continue
		}
		seen |= 1 << p
		if p == 0 {
			s.prevp[0] = &s.prevO[i]
			continue
		}
		if valid {
			for k, q := range e.pp {
				if q == p {
					s.prevp[p] = &e.pv[k]
					hit |= 1 << k
					continue next
				}
			}
		}
		missed |= 1 << p
		s.prev[p] = vec{}
		s.prevp[p] = &s.prev[p]
		f = labelWordFeatures(w, int(p), m.lex.runs, f[:0])
		s.batch.add(f, int(p))
	}
	s.feats = f
	if missed == 0 {
		return
	}
	m.run(&s.batch, s.prev[:])
	if !valid {
		return
	}
	for p := range numLabels + 1 {
		if missed&(1<<p) != 0 {
			// Round robin over the slots, but not those s.prevp points at.
			k := e.next % prevSlots
			for hit&(1<<k) != 0 {
				k = (k + 1) % prevSlots
			}
			e.pp[k], e.pv[k] = int8(p), s.prev[p]
			e.next = k + 1
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
	labels := s.labels[:0]
	hist := s.history()
	sentences(words, func(start, end int) {
		labels = m.tagSentence(words[start:end], s, hist, labels[:0])
		for i, l := range labels {
			out[start+i] = bioLabels[l]
		}
	})
	s.labels = labels
	m.putScratch(s)
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
	hist := s.history()
	labels := s.labels[:0]
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
	s.labels = labels
	m.putScratch(s)
	return out
}

// maxFree bounds the scratches a model keeps (each holds about 17 MB of
// memos): as many as the calls that ever ran at the same time, up to this.
const maxFree = 16

func (m *Model) getScratch() *scratch {
	m.free.Lock()
	defer m.free.Unlock()
	if n := len(m.free.list); n > 0 {
		s := m.free.list[n-1]
		m.free.list = m.free.list[:n-1]
		return s
	}
	return &scratch{feats: make([]uint64, 0, maxFeatures)}
}

func (m *Model) putScratch(s *scratch) {
	m.free.Lock()
	defer m.free.Unlock()
	if len(m.free.list) < maxFree {
		m.free.list = append(m.free.list, s)
	}
}
