package ner

import "math"

// Plain stretches. Most words of a news text are lower-case words and
// punctuation far from any capitalised word or number. Such a word is not
// part of a name unless a name is already open (the "de" of "Banque de
// France") or it opens a name that reaches a capitalised word a few words
// on ("mer des Caraïbes", "bataille de Mons", "aire métropolitaine de
// Chicago"). When tagging (training scores every word), the tagger
// therefore gives the label O, without scoring its features, to a word of
// a normally cased sentence that
//   - has no capital letter and no digit (or no letter or digit at all),
//   - has no gazetteer or given-name mark and is not in a short quoted span,
//   - is followed by plainAhead words without capital or digit (or by the
//     end of the sentence),
//   - comes while no name is open in the beam.
// Its static scores would add the same amount to every item of the beam
// (all extended by O), so only the scores of its label features after each
// item's labels are added, and none once the beam has narrowed to one
// item. The words of such a stretch that are more than two words from a
// scored word (the reach of the neighbour features) are not even looked up
// in the memo of word scores.
//
// On WikiNEuRal fr test, 21 of 22,132 names begin with a lower-case word
// more than three words before any capitalised word or number (8 with four
// words, 84 with two); on CoNLL-2003 English test, one of 5,648.

// plainAhead is how many words after a plain word must be plain too for it
// to be skipped (see above).
const plainAhead = 3

// plan marks in s.skip the words of the sentence analysed into s that the
// beam may label O without scoring them (see above), and returns s.skip, or
// nil when no word may be.
func (m *Model) plan(s *scratch, mode uint8) []bool {
	n := len(s.info)
	if !m.skipPlain || mode != modeNormal || n == 0 {
		return nil
	}
	if cap(s.skip) < n {
		s.skip = make([]bool, n)
	}
	skip := s.skip[:n]
	ahead := 0 // plain words from i+1 on, up to plainAhead
	some := false
	for i := n - 1; i >= 0; i-- {
		w := &s.info[i]
		ok := w.plain && w.quote == 0
		skip[i] = ok && ahead >= plainAhead || ok && i+ahead == n-1
		some = some || skip[i]
		if w.plain {
			ahead = min(ahead+1, plainAhead)
		} else {
			ahead = 0
		}
	}
	if !some {
		return nil
	}
	return skip
}

// closed reports whether no item of a beam has a name open.
func closed(items []beamItem[int32]) bool {
	for k := range items {
		p := int(items[k].p1)
		if p != 0 && p != numLabels && labelPart(p) != partL && labelPart(p) != partU {
			return false
		}
	}
	return true
}

// onlyO stands for the static scores of a skipped word: O is the only
// label the beam keeps (the others fall behind by more than any margin).
var onlyO = func() (v vec) {
	for l := 1; l < numLabels; l++ {
		v[l] = math.MinInt32 / 4
	}
	return v
}()

// forceO extends the beam over skipped word i with the label O: with one
// item, the item itself; otherwise, with the scores of the word's label
// features after each item's labels.
func (m *Model) forceO(s *scratch, i int, items []beamItem[int32]) {
	b := &s.beam
	if len(items) == 1 {
		par := int32(0)
		if i == 0 {
			par = -1
		}
		kept := b.steps[i][:0]
		if cap(kept) < beamWidth {
			kept = make([]beamItem[int32], 0, beamWidth)
		}
		b.steps[i] = append(kept, beamItem[int32]{score: items[0].score, p2: items[0].p1, parent: par})
		return
	}
	w := &s.info[i]
	e := m.wordScores(s, w)
	s.cells[i] = e
	s.prevO[i] = e.v[afterO]
	m.prevScores(s, i, items)
	stepTag(b, i, len(s.info), w.alnum, &onlyO, &s.prevp, m)
}

// lateStatic sets s.stat[i] for a word staticScores skipped: a name is
// open in the beam when the word comes.
func (m *Model) lateStatic(s *scratch, i int, mode uint8, hist history) {
	n := len(s.info)
	e := m.wordScores(s, &s.info[i])
	v := e.v[0]
	s.prevO[i] = e.v[afterO]
	for k, d := range neighbourOffsets {
		switch j := i + d; {
		case j < 0:
			v.add(&m.bos.v[1+k])
		case j >= n:
			v.add(&m.eos.v[1+k])
		default:
			v.add(&m.wordScores(s, &s.info[j]).v[1+k])
		}
	}
	// The look-ups of the neighbours may have reused the word's cell.
	s.cells[i] = m.wordScores(s, &s.info[i])
	s.stat[i] = v
	m.queueContext(s, i, mode, hist)
	m.run(&s.batch, s.stat)
}
