package ner

// The weight table: quantised rows of label weights behind an
// open-addressing hash table and a Bloom filter.

// row holds the weights of a feature: one 8-bit value per label, shifted
// left by sh (0-9 from 16-bit weights, at most 15).
type row struct {
	sh uint8
	w  [numLabels]int8
}

// quantize turns a feature's 16-bit weights into a row: the shift is the
// smallest that fits the largest weight in 8 bits, values are rounded half
// away from zero.
func quantize(weights []int16) row {
	var r row
	big := 0
	for _, v := range weights {
		big = max(big, abs(int(v)))
	}
	for big>>r.sh > 127 {
		r.sh++
	}
	half := 0
	if r.sh > 0 {
		half = 1 << (r.sh - 1)
	}
	for l, v := range weights {
		q := (abs(int(v)) + half) >> r.sh
		if v < 0 {
			q = -q
		}
		r.w[l] = int8(max(-127, min(127, q)))
	}
	return r
}

// slot is a cell of the open-addressing feature table: the low 32 bits of
// a feature hash (with the low bit set, so that 0 marks an empty cell; the
// high bits of the hash pick the cell) and the feature's weights. Keeping
// the weights in a 24-byte cell makes a look-up one memory access.
type slot struct {
	fp uint32
	row
}

func fingerprint(f uint64) uint32 { return uint32(f) | 1 }

// table is an open-addressing table of slots.
type table struct {
	slots []slot
	shift uint // a hash's top bits (64 - shift) pick its home cell
}

// buildTable fills a table of model m (its slots off the Go heap, see
// offHeap) with distinct keys and their rows. Features whose cell and
// fingerprint collide with an earlier one (about one in a billion) share
// its weights. Sorted keys fill the table in one pass.
func buildTable(m *Model, keys []uint64, rows []row) table {
	bits := uint(4)
	for 3<<bits < 4*len(keys) {
		bits++
	}
	t := table{slots: offHeap[slot](m, 1<<bits), shift: 64 - bits}
	mask := uint64(len(t.slots) - 1)
next:
	for r, k := range keys {
		fp := fingerprint(k)
		i := k >> t.shift
		for ; t.slots[i].fp != 0; i = (i + 1) & mask {
			if t.slots[i].fp == fp {
				continue next
			}
		}
		t.slots[i] = slot{fp: fp, row: rows[r]}
	}
	return t
}

// find returns the slot of feature f, or nil.
func (t *table) find(f uint64) *slot {
	if i := t.index(f); i >= 0 {
		return &t.slots[i]
	}
	return nil
}

// index returns the index of the slot of feature f, or -1.
func (t *table) index(f uint64) int32 {
	mask := uint64(len(t.slots) - 1)
	fp := fingerprint(f)
	for i := f >> t.shift; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.fp == fp {
			return int32(i)
		}
		if s.fp == 0 {
			return -1
		}
	}
}

// The Bloom filter holds every feature, at least 8 bits each (the size is
// a power of two), as 3 bits set in one 64-bit word: one memory access per
// look-up, about 2 % false hits (TestBloom; 128 KB for the shipped
// models). 16 bits each gave 0.7 % but twice the memory to keep in the
// processor's cache, and tagging was 11 % slower.
const bloomBits = 8

// bloomMask returns the bits of feature f in its word of the filter (the
// word is picked by the top bits of f, the bits by bits 32-49, independent
// of the fingerprint).
func bloomMask(f uint64) uint64 {
	return 1<<(f>>32&63) | 1<<(f>>38&63) | 1<<(f>>44&63)
}

// setWeights builds the look-up tables from keys, whose first hot
// entries are the hot features, and their rows of weights.
func (m *Model) setWeights(keys []uint64, rows []row, hot int) {
	m.keys, m.rows, m.hot = keys, rows, hot
	m.margin, m.skipPlain = beamMargin, true
	m.hotTab = buildTable(m, keys[:hot], rows[:hot])
	m.coldTab = buildTable(m, keys[hot:], rows[hot:])
	bits := uint(1)
	for 64<<bits < bloomBits*len(keys) {
		bits++
	}
	m.bloom, m.bloomShift = make([]uint64, 1<<bits), 64-bits
	for _, k := range keys {
		m.bloom[k>>(64-bits)] |= bloomMask(k)
	}
	var buf []uint64
	var b batch
	buf = m.computeWordScores(&bosInfo, &m.bos, &b, buf)
	m.computeWordScores(&eosInfo, &m.eos, &b, buf)
	m.labelScores = make([]vec, (numLabels+1)*(numLabels+1))
	for p1 := 0; p1 <= numLabels; p1++ {
		for p2 := 0; p2 <= numLabels; p2++ {
			m.score(labelFeatures(p1, p2, buf[:0]), &m.labelScores[p1*(numLabels+1)+p2])
		}
	}
}

// row returns the weights of feature f, or nil when it is unknown.
func (m *Model) row(f uint64) *slot {
	bm := bloomMask(f)
	if m.bloom[f>>m.bloomShift]&bm != bm {
		return nil
	}
	if s := m.hotTab.find(f); s != nil {
		return s
	}
	return m.coldTab.find(f)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
