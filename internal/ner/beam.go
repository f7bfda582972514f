package ner

import "math"

// Beam decoding. The tagger's label features look at the two previous
// labels, so the best label sequence of a sentence is searched with a beam:
// after each word the beam keeps the beamWidth best partial sequences,
// merging those that end in the same two labels (they score the rest of
// the sentence alike, so only the better one can win). The strict BILOU
// rules hold on every path: a B or I label is continued by an I or L of its
// type, and the last word closes any name. Weights are trained for this
// search (Collins and Roark 2004: the perceptron update on the best
// sequence of the beam, early when the correct sequence falls out of it).

// beamWidth is the number of partial sequences kept (8 gained about 0.4
// F1 on the French dev set, within noise, at a higher cost).
const beamWidth = 4

// beamMargin is how far behind the best item of a word's beam the others
// may be when tagging (in the units of the saved 16-bit weights: three
// times the largest weight a feature can have; training keeps the full
// beam). Most words of a news text are plain words whose best label leads
// by far, so the beam mostly narrows to one or two items (3.9 on average
// without the margin) and tagging does a third fewer instructions. Labels
// changed: 7 of 165,000 words of French and English news; WikiNEuRal fr
// test F1 0.8855 → 0.8853, CoNLL-2003 unchanged (a margin of one largest
// weight: 0.881 and 0.877; greedy decoding: 0.837 and 0.823).
const beamMargin = 3 * math.MaxInt16

// beamItem is a partial label sequence: its last label, a link to the
// item it extends in the previous word's beam, and its score.
type beamItem[N int32 | float32] struct {
	score  N
	p1, p2 int8  // the last two labels (numLabels before the sentence)
	parent int32 // index in the previous word's beam, -1 for the first word
	gold   bool  // the sequence so far is the gold one (training)
	seq    uint8 // while a word's beam is built: order of its state's first extension
}

// beam holds the search state of one sentence.
type beam[N int32 | float32] struct {
	steps [][]beamItem[N] // per word, the items kept, best first
	start [1]beamItem[N]
	dyn   [][numLabels]N                 // per item of the previous beam, its label scores (callers' buffer)
	cands [beamWidth * maxSucc]candidate // the extensions of a word's beam (stepTag)
}

// follows reports whether label l may follow prev under the strict BILOU
// rules, for a word at position i of n whose alnum tells whether it has a
// letter or a digit.
func follows(prev, l int, alnum, last bool) bool {
	open := prev > 0 && prev < numLabels && (labelPart(prev) == partB || labelPart(prev) == partI)
	if open {
		if l == 0 || labelType(l) != labelType(prev) {
			return false
		}
		p := labelPart(l)
		return p == partL || (p == partI && !last)
	}
	if l == 0 {
		return true
	}
	switch labelPart(l) {
	case partU:
		return alnum
	case partB:
		return alnum && !last
	}
	return false
}

// reset prepares the search of a sentence of n words.
func (b *beam[N]) reset(n int) {
	if cap(b.steps) < n {
		steps := make([][]beamItem[N], n)
		copy(steps, b.steps[:cap(b.steps)])
		b.steps = steps
	}
	b.steps = b.steps[:n]
	for i := range b.steps {
		b.steps[i] = b.steps[i][:0]
	}
}

// successors lists, for each previous label (numLabels: the start of the
// sentence) and each kind of word (bit 0: has a letter or digit, bit 1: is
// the last word), the labels that may follow (see follows).
var successors = func() (out [numLabels + 1][4][]int8) {
	for p := 0; p <= numLabels; p++ {
		for k := 0; k < 4; k++ {
			for l := 0; l < numLabels; l++ {
				if follows(p, l, k&1 != 0, k&2 != 0) {
					out[p][k] = append(out[p][k], int8(l))
				}
			}
		}
	}
	return out
}()

// prevItems returns the items that word i extends: those of the previous
// word's beam, or for the first word a start item (gold tells whether it
// is marked as the gold sequence).
func (b *beam[N]) prevItems(i int, gold bool) []beamItem[N] {
	if i > 0 {
		return b.steps[i-1]
	}
	b.start = [1]beamItem[N]{{p1: numLabels, p2: numLabels, parent: -1, gold: gold}}
	return b.start[:]
}

// step extends the beam over word i of n: static holds the scores of the
// word's label-independent features, dyn[k] those of its label features
// after the labels of item k of prevItems(i). gold, when not negative, is
// the word's gold label: items are marked that continue the gold
// sequence. It reports whether a gold item is still in the beam.
func (b *beam[N]) step(i, n int, alnum bool, static *[numLabels]N, dyn [][numLabels]N, gold int) bool {
	kind := 0
	if alnum {
		kind |= 1
	}
	if i == n-1 {
		kind |= 2
	}
	// The best beamWidth extensions, at most one per state (label,
	// previous label): the best extension ending in that state, the
	// earlier on ties. They are ranked by score, ties by the order in
	// which their states were first reached, so the search is
	// deterministic. An extension that does not rank above the last kept
	// one when the beam is full cannot enter it, even after merging.
	//
	// The extensions are made item by item, so a state (l, p) is first
	// reached from the first item whose label is p, and its order is that
	// item's index, then l's place among the labels that may follow p.
	items := b.prevItems(i, gold >= 0)
	kept := b.steps[i][:0]
	for k, it := range items {
		parent := int32(k)
		if i == 0 {
			parent = -1
		}
		first := k
		for f := 0; f < k; f++ {
			if items[f].p1 == it.p1 {
				first = f
				break
			}
		}
		d := &dyn[k]
		for x, l := range successors[it.p1][kind] {
			sc := it.score + static[l] + d[l]
			q := uint8(first<<5 | x)
			if len(kept) == beamWidth && !ranksAbove(sc, q, &kept[beamWidth-1]) {
				continue
			}
			j := -1
			for y := range kept {
				if kept[y].p1 == l && kept[y].p2 == it.p1 {
					j = y
					break
				}
			}
			switch {
			case j >= 0:
				if sc <= kept[j].score {
					continue
				}
			case len(kept) < beamWidth:
				kept = append(kept, beamItem[N]{})
				j = len(kept) - 1
			default:
				j = beamWidth - 1
			}
			kept[j] = beamItem[N]{score: sc, p1: l, p2: it.p1, parent: parent, gold: it.gold && int(l) == gold, seq: q}
			for ; j > 0 && ranksAbove(kept[j].score, kept[j].seq, &kept[j-1]); j-- {
				kept[j], kept[j-1] = kept[j-1], kept[j]
			}
		}
	}
	b.steps[i] = kept
	goldIn := false
	for _, it := range kept {
		goldIn = goldIn || it.gold
	}
	return goldIn
}

// ranksAbove reports whether an extension of score sc whose state was
// first reached in order q ranks above item x.
func ranksAbove[N int32 | float32](sc N, q uint8, x *beamItem[N]) bool {
	return sc > x.score || sc == x.score && q < x.seq
}

// labels appends to out the labels of item k of word i's beam and of the
// items it extends, first word first.
func (b *beam[N]) labels(i, k int, out []int) []int {
	start := len(out)
	for j := i; j >= 0; j-- {
		it := b.steps[j][k]
		out = append(out, int(it.p1))
		k = int(it.parent)
	}
	seq := out[start:]
	for a, z := 0, len(seq)-1; a < z; a, z = a+1, z-1 {
		seq[a], seq[z] = seq[z], seq[a]
	}
	return out
}

// tagSentence labels one sentence with the beam search. The scores of a
// word's static features are summed once (staticScores: memoised per
// distinct word, the rest batched); of its label features, those of the
// two previous labels come from a table and those of the previous label
// with the word are looked up in one batch for the distinct previous labels
// of the beam.
func (m *Model) tagSentence(words []string, s *scratch, hist history, labels []int) []int {
	s.grow(len(words))
	s.text = words
	mode, skip := m.analyseTag(words, s)
	m.staticScores(s, mode, hist, skip)
	b := &s.beam
	n := len(words)
	b.reset(n)
	for i := 0; i < n; i++ {
		items := b.prevItems(i, false)
		if skip != nil && skip[i] {
			if closed(items) {
				m.forceO(s, i, items)
				continue
			}
			m.lateStatic(s, i, mode, hist)
		}
		m.prevScores(s, i, items)
		stepTag(b, i, n, s.info[i].alnum, &s.stat[i], &s.prevp, m)
	}
	start := len(labels)
	if n > 0 {
		labels = b.labels(n-1, 0, labels)
	}
	for i, l := range labels[start:] {
		hist.record(&s.info[i], l)
	}
	s.text = nil
	return labels
}

// trainBeam searches the best labels of a training sentence with the beam
// and makes the perceptron update: on the words up to the one where the
// gold sequence fell out of the beam (early update), or on the whole
// sentence when the best complete sequence is wrong. It appends the best
// complete sequence to pred (for the document history) and returns it with
// the number of wrongly labelled words.
func (tr *trainer) trainBeam(ts trainSent, info []wordInfo, mode uint8, runs bool, hist history, st *beamScratch, pred []int) ([]int, int) {
	n := len(ts.words)
	b := &st.beam
	b.reset(n)
	if cap(st.rows) < n {
		st.rows = make([][]int32, n)
	}
	st.rows = st.rows[:n]
	fell := -1
	for i := 0; i < n; i++ {
		f := staticFeatures(info, i, mode, runs, st.feats[:0])
		f = hist.features(&info[i], f)
		st.feats = f
		rows := st.rows[i][:0]
		var static [numLabels]float32
		for _, h := range f {
			if r, ok := tr.idx[h]; ok {
				rows = append(rows, r*numLabels)
				for l, v := range tr.w[r*numLabels : r*numLabels+numLabels] {
					static[l] += v
				}
			}
		}
		st.rows[i] = rows
		g := -1
		if fell < 0 {
			g = ts.gold[i]
		}
		dyn := b.dyn[:0]
		for _, it := range b.prevItems(i, g >= 0) {
			var sc [numLabels]float32
			for _, r := range tr.dynRows(info, i, int(it.p1), int(it.p2), runs, st) {
				for l, v := range tr.w[r : r+numLabels] {
					sc[l] += v
				}
			}
			dyn = append(dyn, sc)
		}
		b.dyn = dyn
		if !b.step(i, n, info[i].alnum, &static, dyn, g) && fell < 0 {
			fell = i
		}
	}
	tr.c += float64(n)
	start := len(pred)
	pred = b.labels(n-1, 0, pred)
	best := pred[start:]
	errs := 0
	for i, l := range best {
		if l != ts.gold[i] {
			errs++
		}
	}
	switch {
	case fell >= 0:
		st.early = b.labels(fell, 0, st.early[:0])
		tr.update(ts.gold, st.early, info, runs, st)
	case errs > 0:
		tr.update(ts.gold, best, info, runs, st)
	}
	return pred, errs
}

// beamScratch is the working memory of trainBeam.
type beamScratch struct {
	beam  beam[float32]
	rows  [][]int32 // per word, the rows of its static features
	feats []uint64
	dyn   []uint64
	drows []int32
	early []int
}

// dynRows returns the rows of the label features of word i after labels
// p1, p2.
func (tr *trainer) dynRows(info []wordInfo, i, p1, p2 int, runs bool, st *beamScratch) []int32 {
	st.dyn = dynamicFeatures(info, i, p1, p2, runs, st.dyn[:0])
	st.drows = st.drows[:0]
	for _, h := range st.dyn {
		if r, ok := tr.idx[h]; ok {
			st.drows = append(st.drows, r*numLabels)
		}
	}
	return st.drows
}

// update moves the weights towards the gold labels and away from the
// predicted ones over the words of pred (a prefix of the sentence).
func (tr *trainer) update(gold, pred []int, info []wordInfo, runs bool, st *beamScratch) {
	add := func(r int32, l int, d float32) {
		tr.w[int(r)+l] += d
		tr.u[int(r)+l] += float64(d) * tr.c
	}
	gp1, gp2, pp1, pp2 := numLabels, numLabels, numLabels, numLabels
	for i, p := range pred {
		g := gold[i]
		if g != p || gp1 != pp1 || gp2 != pp2 {
			if g != p {
				for _, r := range st.rows[i] {
					add(r, g, 1)
					add(r, p, -1)
				}
			}
			for _, r := range tr.dynRows(info, i, gp1, gp2, runs, st) {
				add(r, g, 1)
			}
			for _, r := range tr.dynRows(info, i, pp1, pp2, runs, st) {
				add(r, p, -1)
			}
		}
		gp2, gp1 = gp1, g
		pp2, pp1 = pp1, p
	}
}

// successorTab is successors as arrays, indexed by kind of word, then
// previous label (stepTag).
var successorTab = func() (out [4][numLabels + 1]succList) {
	for p := range successors {
		for k, ls := range successors[p] {
			out[k][p].n = uint8(len(ls))
			for x, l := range ls {
				out[k][p].l[x] = uint8(l)
			}
		}
	}
	return out
}()

// maxSucc is the most labels that may follow one label: O, and B and U of
// each type.
const maxSucc = 1 + 2*4

// succList is the list of labels that may follow a label.
type succList struct {
	n uint8
	l [maxSucc]uint8
}

// candidate is an extension of a beam item (stepTag): its score and the
// item it extends.
type candidate struct {
	score, parent int32
}

// stepTag is b.step for tagging (int32 scores, no gold sequence), with the
// same result less the items more than m.margin behind the best: the kept
// items are the best beamWidth states (label, previous label), each with
// the best extension reaching it (the earliest item on ties), ranked by
// score, ties by the order in which their states were first reached (see
// step). The label scores of word i after item k are stat + *prev[p1] +
// labelScores[p1, p2] (p1, p2: the item's last two labels). Rather than
// search the kept items for a state, it merges the items that end in the
// same label first (their extensions reach the same states), so each state
// is met once; the rank of an extension is one integer (score, then the
// complement of its order).
func stepTag(b *beam[int32], i, n int, alnum bool, stat *vec, prev *[numLabels + 1]*vec, m *Model) {
	kind := 0
	if alnum {
		kind |= 1
	}
	if i == n-1 {
		kind |= 2
	}
	items := b.prevItems(i, false)
	// Bit p of once is set when some item ends in label p, of twice when
	// more than one does.
	var once, twice uint32
	for k := range items {
		bit := uint32(1) << items[k].p1
		twice |= once & bit
		once |= bit
	}
	// First the score of every extension, keeping the best; then, in the
	// same order, those within the margin of the best are ranked.
	sc := &b.cands
	nc := 0
	best := int32(math.MinInt32)
	done := uint32(0)
	for k := range items {
		it := &items[k]
		p1 := it.p1
		bit := uint32(1) << p1
		if done&bit != 0 {
			continue // merged into an earlier item
		}
		done |= bit
		pv := prev[p1]
		ls := &m.labelScores[int(p1)*(numLabels+1)+int(it.p2)]
		succ := &successorTab[kind][p1]
		if twice&bit == 0 {
			for x := 0; x < int(succ.n); x++ {
				l := succ.l[x]
				c := it.score + stat[l] + pv[l] + ls[l]
				sc[nc].score, sc[nc].parent = c, int32(k)
				nc++
				best = max(best, c)
			}
			continue
		}
		// The later items ending in p1 reach the same states: each state
		// keeps the best of them, the earliest on ties.
		for x := 0; x < int(succ.n); x++ {
			l := succ.l[x]
			c := it.score + stat[l] + pv[l] + ls[l]
			par := int32(k)
			for f := k + 1; f < len(items); f++ {
				if o := &items[f]; o.p1 == p1 {
					if d := o.score + stat[l] + pv[l] + m.labelScores[int(p1)*(numLabels+1)+int(o.p2)][l]; d > c {
						c, par = d, int32(f)
					}
				}
			}
			sc[nc].score, sc[nc].parent = c, par
			nc++
			best = max(best, c)
		}
	}
	floor := int32(math.MinInt32)
	if m.margin > 0 {
		floor = best - m.margin
	}
	kept := b.steps[i][:0]
	if cap(kept) < beamWidth {
		kept = make([]beamItem[int32], 0, beamWidth)
	}
	kept = kept[:beamWidth]
	var keys [beamWidth]int64
	cnt := 0
	nc = 0
	done = 0
	for k := range items {
		p1 := items[k].p1
		bit := uint32(1) << p1
		if done&bit != 0 {
			continue
		}
		done |= bit
		succ := &successorTab[kind][p1]
		for x := 0; x < int(succ.n); x++ {
			c := sc[nc]
			nc++
			if c.score < floor {
				continue
			}
			key := int64(c.score)<<8 | int64(255-(k<<5|x))
			j := cnt
			if cnt == beamWidth {
				if key <= keys[beamWidth-1] {
					continue
				}
				j = beamWidth - 1
			} else {
				cnt++
			}
			for ; j > 0 && key > keys[j-1]; j-- {
				keys[j], kept[j] = keys[j-1], kept[j-1]
			}
			keys[j] = key
			par := c.parent
			if i == 0 {
				par = -1
			}
			kept[j] = beamItem[int32]{score: c.score, p1: int8(succ.l[x]), p2: p1, parent: par, seq: uint8(k<<5 | x)}
		}
	}
	b.steps[i] = kept[:cnt]
}
