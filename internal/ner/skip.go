package ner

import "math"

// Plain stretches. Most words of a news text are lower-case words,
// punctuation and numbers far from any capitalised word. Such a word is not
// part of a name unless a name is already open (the "de" of "Banque de
// France") or it opens a name that reaches a capitalised word a few words
// on ("mer des Caraïbes", "bataille de Mons", "aire métropolitaine de
// Chicago"). When tagging (training scores every word), the tagger
// therefore gives the label O, without scoring its features, to a word of
// a normally cased sentence that
//   - has no capital letter, and no digit unless it has no letter either
//     (a number: on WikiNEuRal fr test 21 of 22,171 names open on one,
//     and a name open before it goes on over it), or is the sentence's
//     first word, written in lower case inside sentences, before such a
//     word ("Il a dit", "The company said"),
//   - is not in a short quoted span,
//   - is followed by plainAhead such words (or by the end of the sentence),
//     or comes before the first name opener of the plain words right
//     before a capitalised word: only a word that opened names in the
//     training data ("mer", "bataille", "lac"; see openers) may open one
//     here, the words from it on may continue it,
//   - comes while no name is open in the beam.
// Its static scores would add the same amount to every item of the beam
// (all extended by O), so only the scores of its label features after each
// item's labels are added, and none once the beam has narrowed to one
// item. The words of such a stretch more than two words from a scored word
// (the reach of the neighbour features) are not even described (hashed,
// looked up in the lexicons and the memo of word scores); when a name runs
// on over them they are described then, and the gazetteer describes the
// words its names continue over.
//
// On WikiNEuRal fr test, 21 of 22,132 names begin with a lower-case word
// more than three words before any capitalised word or number (8 with four
// words, 84 with two); on CoNLL-2003 English test, one of 5,648. Of the
// 780 test names that open with a plain word, 681 open with a name opener
// of the training data; the others were mostly missed anyway: with the
// openers, F1 went up (0.8853 → 0.8855; CoNLL 0.8786 → 0.8792), as the
// plain words before a name no longer get a name's label by mistake, and
// the words scored fell from 28 % to 13 % of French news (and by 13 %
// more when numbers became plain words: F1 0.8856, CoNLL 0.8793).

// plainAhead is how many words after a plain word must be plain too for it
// to be skipped (see above).
const plainAhead = 3

// plan marks in s.skip the words of the sentence analysed into s that the
// beam may label O without scoring them (see above), and returns s.skip, or
// nil when no word may be. Word start (-1: none) is taken as plain: a
// sentence's first word, capitalised there but written in lower case
// inside sentences, before a plain word ("Il a dit", "The company said").
func (m *Model) plan(s *scratch, mode uint8, start int) []bool {
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
		plain := w.plain || i == start
		ok := plain && w.quote == 0
		skip[i] = ok && ahead >= plainAhead || ok && i+ahead == n-1
		some = some || skip[i]
		if plain {
			ahead = min(ahead+1, plainAhead)
		} else {
			ahead = 0
		}
	}
	if !some {
		return nil
	}
	if m.lex.openers {
		m.skipBeforeOpener(s, skip, start)
	}
	return skip
}

// skipBeforeOpener marks in skip, in each run of plain words that plan
// kept (those right before a word that is not plain: capitalised, or of
// letters and digits), the words before the first name opener (lexOpens),
// but for those in short quoted spans. It describes the words it looks
// at. (Models trained before name openers were marked have none and keep
// every such word.)
func (m *Model) skipBeforeOpener(s *scratch, skip []bool, start int) {
	n := len(skip)
	plain := func(i int) bool { return s.info[i].plain || i == start }
	for i := 0; i < n; {
		if skip[i] || !plain(i) {
			i++
			continue
		}
		j := i
		for j < n && !skip[j] && plain(j) {
			j++
		}
		for ; i < j; i++ {
			m.described(s, i)
			if s.lexv[i]&lexOpens != 0 {
				break
			}
			skip[i] = s.info[i].quote == 0
		}
		i = j
	}
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
	m.described(s, i)
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
	for j := i - 2; j <= i+2; j++ {
		m.described(s, j)
	}
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

// analyseTag is lexicons.analyse for tagging: in a normally cased sentence
// it describes only the words that plan does not skip and their
// neighbours up to two words away, and returns the sentence mode and the
// skipped words (nil: none).
func (m *Model) analyseTag(words []string, s *scratch) (uint8, []bool) {
	lx := m.lex
	if !m.skipPlain {
		return lx.analyse(words, s.info, s.keys, s.lexv, s.gaz, &s.words), nil
	}
	var counts caseCounts
	for i, w := range words {
		cs, plain := classify(w)
		counts.add(cs)
		s.info[i] = wordInfo{cs: cs, plain: plain}
		s.keys[i], s.lexv[i], s.gaz[i] = 0, 0, [4]uint8{}
	}
	mode := counts.mode()
	if mode != modeNormal {
		return lx.analyse(words, s.info, s.keys, s.lexv, s.gaz, &s.words), nil
	}
	markQuotes(words, s.info)
	start := -1
	f := 0
	if len(words) > 1 && s.info[0].cs == caseNone {
		f = 1 // an opening quote or dash
	}
	if f+1 < len(words) && s.info[f].cs == caseTitle && s.info[f+1].plain {
		m.describe(s, words, f)
		if s.info[f].cls == clsLower {
			start = f
		}
	}
	skip := m.plan(s, mode, start)
	if skip == nil {
		return lx.analyse(words, s.info, s.keys, s.lexv, s.gaz, &s.words), nil
	}
	n := len(words)
	if s.fill == nil {
		s.fill = func(j int) { m.describe(s, s.text, j) }
	}
	for i := range words {
		if lends(skip, i) {
			m.described(s, i)
		}
	}
	lx.table.match(s.keys, s.lexv, s.gaz, s.fill)
	for i := range n {
		s.info[i].gaz = s.gaz[i]
	}
	return mode, skip
}

// lends reports whether word i is scored or a neighbour of a scored word
// (neighbourOffsets are ±1, ±2).
func lends(skip []bool, i int) bool {
	if skip == nil {
		return true
	}
	for j := max(0, i-2); j <= min(len(skip)-1, i+2); j++ {
		if !skip[j] {
			return true
		}
	}
	return false
}

// describe fills s.info[i] (and s.keys[i], s.lexv[i]) for word i of the
// sentence words, keeping its quote place and gazetteer marks.
func (m *Model) describe(s *scratch, words []string, i int) {
	wi := &s.info[i]
	q, g := wi.quote, wi.gaz
	s.lexv[i] = s.words.describe(m.lex, words[i], wi)
	s.keys[i] = wi.key
	wi.quote, wi.gaz, wi.pos = q, g, uint8(min(i, 3))
}

// described makes sure word i of the sentence in s has been described (a
// skipped word that analyseTag left out may be needed when a name runs
// on over plain words: lateStatic, forceO).
func (m *Model) described(s *scratch, i int) {
	if i >= 0 && i < len(s.info) && s.info[i].lower == 0 {
		m.describe(s, s.text, i)
	}
}
