// Package quote finds direct and reported speech in a document and
// attributes it to a speaker.
//
// The stage reads the tokens, sentences, removed parts and (when present)
// entities of a document and appends to Document.Quotes. Direct quotes are
// found by a quotation-mark scanner (Scan) over each kept paragraph: « »,
// “ ”, „ “, straight quotes and ‘ ’, nesting, the French and English
// conventions for quotes running over several paragraphs. Speakers come
// from reporting cues of the document's language (lexicons of speech and
// cognition verbs, "selon", "according to") in the constructions news text
// uses: incises after or inside a quote ("a déclaré X", "précise-t-elle",
// "Young said"), introductions ("X added: ..."), reported clauses ("X a
// déclaré que ...", "..., a annoncé le Kremlin", "selon X, ..."). Pronouns
// and role descriptions ("le porte-parole", "the Spaniard") are resolved to
// the nearest compatible speaker or name; speakers are linked to entities
// when an entity mention covers them. Relays ("selon un article d'ABC
// News", "told Reuters", "au micro de RTL") fill Via and To.
//
// Quotes with no speaker, titles and scare quotes are not output. Anomalies
// (unclosed or stray marks, deep nesting, very long quotes) are recorded
// with Document.Problem. The stage is safe for concurrent use.
package quote

import (
	"context"
	"sort"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/analysis"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/lang"
)

// Name is the stage name recorded on quotes.
const Name = "quote"

// MaxChain is the number of paragraphs a quote may run over before the
// stage reports it as an anomaly.
const MaxChain = 10

// Stage is the quote stage. Build it with New.
type Stage struct {
	fr, en, und *rules
	common      *common
}

// New returns the quote stage with its lexicons loaded.
func New() *Stage {
	fr := newRules("fr", frClosed(), frSay)
	en := newRules("en", enClosed(), enSay)
	return &Stage{fr: fr, en: en, und: merge(fr, en), common: newCommon()}
}

// Spec implements analysis.Stage.
func (*Stage) Spec() analysis.Spec {
	return analysis.Spec{
		Name:     Name,
		Requires: []analysis.Layer{analysis.LayerTokens, analysis.LayerSentences, analysis.LayerRemoved, analysis.LayerEntities},
		Provides: []analysis.Layer{analysis.LayerQuotes},
	}
}

func (s *Stage) rulesFor(tag string) *rules {
	switch lang.Base(tag) {
	case "fr":
		return s.fr
	case "en":
		return s.en
	}
	return s.und
}

// Analyze implements analysis.Stage: it appends the document's quotes.
func (s *Stage) Analyze(ctx context.Context, d *doc.Document) error {
	if ctx != nil {
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	a := newAnalyzer(d, s.rulesFor(d.Lang), s.common)
	a.run()
	d.Quotes = append(d.Quotes, a.out...)
	return nil
}

// How a direct quote got its speaker, best first.
const (
	howNone     = iota
	howTarget   // a cue points at it (incise, introduction)
	howContent  // inside reported content
	howUnit     // a cue in the same sentence
	howChain    // same multi-paragraph quote
	howPara     // another attribution in the paragraph
	howPrevious // a paragraph opening with a quote continues the previous speaker
)

// quoteRec is a quotation found by the scanner.
type quoteRec struct {
	para      int
	open      int // token index of the opening mark
	close     int // token index of the closing mark, -1 when open at the paragraph end
	end       int // token index past the quote
	inner     doc.Span
	contd     bool // continues a quote of the previous paragraph
	chainNext int  // next quote of the same multi-paragraph quote, or -1
	chainPrev int
	split     bool // ends at an incise inside its marks
	title     bool
	titleCase bool
	words     int
	att       int // attribution index, or -1
	how       int
}

// unit is a sentence, or sentences joined because a quote spans them.
type unit struct {
	a, b int // token range
	para int
}

// analyzer holds one document's analysis.
type analyzer struct {
	d         *doc.Document
	r         *rules
	c         *common
	toks      []tok
	quotes    []quoteRec
	units     []unit
	atts      []attribution
	mentions  []mention
	consumed  []bool           // tokens already part of an attribution or content
	inContent []bool           // tokens of reported content
	personEnt map[string]bool  // entities that a person's role introduces
	capSeen   map[string]bool  // words seen capitalised inside a sentence
	entTok    []int32          // entity index of each token, or -1
	unitAtt   map[int]int      // first attribution of each unit
	paraQ     map[int][]int    // quotes of each paragraph
	paraA     map[int][]int    // attributions of each paragraph
	fullIdx   map[string][]int // mentions of two or more words by first and last word
	ucur      int              // first token of the current unit not used by an attribution
	outlets   []relayRef
	indirect  []indirectRec
	dangling  []int // attributions with no content or quote of their own
	paraLast  map[int]int
	out       []doc.Quote
	// anomaly counters
	stray, deep, unclosed, long int
}

func newAnalyzer(d *doc.Document, r *rules, c *common) *analyzer {
	return &analyzer{d: d, r: r, c: c, paraLast: map[int]int{}, unitAtt: map[int]int{}, paraQ: map[int][]int{}, paraA: map[int][]int{}}
}

func (a *analyzer) run() {
	if len(a.d.Tokens) == 0 {
		return
	}
	a.toks = prepTokens(a.d, a.r)
	a.capSeen = map[string]bool{}
	for i := 1; i < len(a.toks); i++ {
		t := &a.toks[i]
		if !t.is(fCap) || t.is(fSentStart) {
			continue
		}
		p := a.toks[i-1].low
		if r, _ := utf8.DecodeRuneInString(p); isMark(r) || p == ":" || p == "(" || p == "—" || p == "–" || p == "-" {
			continue
		}
		a.capSeen[t.low] = true
	}
	a.consumed = make([]bool, len(a.toks))
	a.inContent = make([]bool, len(a.toks))
	a.findQuotes()
	a.findUnits()
	a.findMentions()
	for ui := range a.units {
		a.attributeUnit(ui)
	}
	a.applyDangling()
	a.propagate()
	a.emit()
	a.report()
}

// paraTokens returns the token range of paragraph p.
func (a *analyzer) paraTokens(p doc.Paragraph) (int, int) {
	return tokenAt(a.toks, p.Span.Start), tokenAt(a.toks, p.Span.End)
}

// findQuotes scans every kept paragraph for quotation marks.
func (a *analyzer) findQuotes() {
	carry := false
	prevLast := -1 // last quote of the previous kept paragraph, if open at its end
	for pi, p := range a.d.Paragraphs {
		if p.Removed {
			continue
		}
		lo, hi := a.paraTokens(p)
		for i := lo; i < hi; i++ {
			a.toks[i].para = int32(pi)
		}
		res := Scan(a.d.Text, p.Span.Start, p.Span.End, carry)
		a.stray += res.Stray
		a.deep += res.TooDeep
		if carry && (len(res.Quotes) == 0 || res.Quotes[0].Open.Pos != p.Span.Start) && prevLast >= 0 {
			a.unclosed++
		}
		lastOpen := -1
		for qi, q := range res.Quotes {
			open := tokenAt(a.toks, q.Open.Pos)
			if open >= hi || a.toks[open].sp.Start != q.Open.Pos {
				continue
			}
			rec := quoteRec{para: pi, open: open, close: -1, end: hi, chainNext: -1, chainPrev: -1, att: -1}
			innerStart := q.Open.End()
			innerEnd := p.Span.End
			if q.Closed() {
				c := tokenAt(a.toks, q.Close.Pos)
				if c >= hi || a.toks[c].sp.Start != q.Close.Pos {
					continue
				}
				rec.close, rec.end = c, tokenAt(a.toks, q.Close.End())
				innerEnd = q.Close.Pos
			}
			rec.inner = trimInner(a.d.Text, innerStart, innerEnd)
			if rec.inner.Len() == 0 || a.d.IsRemoved(rec.inner) {
				continue
			}
			if qi == 0 && carry && q.Open.Pos == p.Span.Start && prevLast >= 0 {
				rec.contd = true
				rec.chainPrev = prevLast
			}
			idx := len(a.quotes)
			if rec.contd {
				a.quotes[prevLast].chainNext = idx
			}
			if k, b := a.inciseInside(rec); k > 0 {
				// « A, a-t-il expliqué, B »: two quotes around the incise.
				second := rec
				second.open, second.contd, second.chainPrev = b, false, -1
				second.inner = trimInner(a.d.Text, a.toks[b].sp.Start, rec.inner.End)
				rec.end, rec.close, rec.split = k, -1, true
				rec.inner = trimInner(a.d.Text, rec.inner.Start, a.toks[k].sp.Start)
				a.quotes = append(a.quotes, rec)
				rec, idx = second, idx+1
			}
			a.quotes = append(a.quotes, rec)
			if !q.Closed() {
				lastOpen = idx
			}
		}
		if res.OpenAtEnd && lastOpen < 0 {
			res.OpenAtEnd = false
		}
		carry, prevLast = res.OpenAtEnd, lastOpen
	}
	if carry && prevLast >= 0 {
		a.unclosed++
	}
	// Mark tokens, classify titles, measure chains.
	for qi := range a.quotes {
		q := &a.quotes[qi]
		a.paraQ[q.para] = append(a.paraQ[q.para], qi)
		a.classify(qi)
		for i := q.open; i < q.end; i++ {
			if q.title {
				a.toks[i].tq = int32(qi)
			} else {
				a.toks[i].q = int32(qi)
			}
		}
		if q.title {
			a.toks[q.open].flags |= fTitleMark
			if q.close >= 0 {
				a.toks[q.close].flags |= fTitleMark
			}
			continue
		}
		for k := q.open; k < len(a.toks) && (k == q.open || a.toks[k].sp.Start < q.inner.Start && a.toks[k].is(fWord) == false); k++ {
			a.toks[k].flags |= fOpen
		}
		if q.close >= 0 {
			for k := q.close; k < q.end; k++ {
				a.toks[k].flags |= fClose
			}
		}
		if !q.contd {
			n := 1
			for k := q.chainNext; k >= 0 && n <= len(a.quotes); k = a.quotes[k].chainNext {
				n++
			}
			if n > MaxChain {
				a.long++
			}
		}
	}
}

// inciseInside finds an attribution written inside a quote's marks
// ("..., a-t-il expliqué au quotidien local. ..."): it returns the comma
// before it and the first token after it, or 0, 0.
func (a *analyzer) inciseInside(q quoteRec) (int, int) {
	last := q.end
	if q.close >= 0 {
		last = q.close
	}
	for k := q.open + 2; k+2 < last; k++ {
		if a.toks[k].low != "," {
			continue
		}
		j := k + 1
		clitic := false
		for j < last && j < k+4 && (a.isClass(j, cAux) || isClitic(a.toks[j].low)) && !a.toks[j].is(fCap) {
			clitic = clitic || isClitic(a.toks[j].low)
			j++
		}
		c, ok := a.cueAt(j)
		if !ok || c.part || a.toks[j].is(fCap) {
			continue
		}
		j++
		if j < last && isClitic(a.toks[j].low) {
			clitic = true
			j++
		}
		if !clitic {
			continue
		}
		for n := 0; j < last && n < 8; n++ {
			switch a.toks[j].low {
			case ",", ".", ";", ":":
				if j+1 < last {
					return k, j + 1
				}
				return 0, 0
			}
			j++
		}
	}
	return 0, 0
}

// trimInner returns the quote text between its marks without surrounding
// space and without a trailing comma.
func trimInner(text string, s, e int) doc.Span {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !isSpace(r) && r != ',' {
			break
		}
		e -= n
	}
	return doc.Span{Start: s, End: e}
}

// classify decides whether a quote is a title, a name or a term rather than
// speech, from the words before it and its shape.
func (a *analyzer) classify(qi int) {
	q := &a.quotes[qi]
	words, caps, small := 0, 0, 0
	punct := false
	last := q.end
	if q.close >= 0 {
		last = q.close
	}
	for i := q.open + 1; i < last; i++ {
		t := &a.toks[i]
		if !t.is(fWord) {
			switch t.low {
			case ".", ",", "!", "?", ";", ":", "…":
				punct = true
			}
			continue
		}
		words++
		switch {
		case t.is(fCap):
			caps++
		case len(t.low) <= 4 || t.cls&(cOf|cDet|cPrep|cClause) != 0:
			small++
		}
	}
	q.words = words
	q.titleCase = words >= 2 && caps >= 2 && caps+small == words && !punct
	// A title cue just before the opening mark.
	n := 0
	for i := q.open - 1; i >= 0 && n < 3 && int(a.toks[i].para) == q.para; i-- {
		t := &a.toks[i]
		if a.r.titleCues[t.low] {
			q.title = true
			return
		}
		if !t.is(fWord) || t.cls&(cDet|cOf) == 0 {
			n++
		}
		if !t.is(fWord) {
			break
		}
	}
}

// findUnits groups each kept paragraph's sentences into units, joining
// sentences that a quote spans.
func (a *analyzer) findUnits() {
	si := 0
	sents := a.d.Sentences
	for pi, p := range a.d.Paragraphs {
		if p.Removed {
			continue
		}
		lo, hi := a.paraTokens(p)
		if lo >= hi {
			continue
		}
		start := lo
		for si < len(sents) && sents[si].Span.End <= p.Span.Start {
			si++
		}
		var bounds []int
		for ; si < len(sents) && sents[si].Span.Start < p.Span.End; si++ {
			bounds = append(bounds, tokenAt(a.toks, sents[si].Span.Start))
		}
		// A quote opening after a sentence end starts a sentence even when
		// the segmenter did not see it ('' quotes).
		for k := lo + 1; k < hi; k++ {
			if a.toks[k].is(fOpen) && a.toks[k].q >= 0 && int(a.quotes[a.toks[k].q].open) == k && a.toks[k-1].q < 0 {
				switch a.toks[k-1].low {
				case ".", "!", "?", "…":
					bounds = append(bounds, k)
				}
			}
		}
		sort.Ints(bounds)
		for _, b := range bounds {
			if b <= start || b >= hi {
				continue
			}
			// A boundary inside a quote does not split.
			if q := a.toks[b-1].q; q >= 0 && b < a.quotes[q].end {
				continue
			}
			if q := a.toks[b-1].tq; q >= 0 && b < a.quotes[q].end {
				continue
			}
			a.units = append(a.units, unit{a: start, b: b, para: pi})
			start = b
		}
		a.units = append(a.units, unit{a: start, b: hi, para: pi})
	}
}

// propagate gives speakers to quotes that no cue points at.
func (a *analyzer) propagate() {
	// Chains first, both directions.
	for pass := 0; pass < 2; pass++ {
		for qi := range a.quotes {
			q := &a.quotes[qi]
			if q.title || q.att >= 0 {
				continue
			}
			for _, k := range []int{q.chainPrev, q.chainNext} {
				if k >= 0 && a.quotes[k].att >= 0 {
					q.att, q.how = a.quotes[k].att, howChain
					break
				}
			}
		}
	}
	for qi := range a.quotes {
		q := &a.quotes[qi]
		if q.title || q.att >= 0 {
			continue
		}
		if att := a.paraAttribution(q); att >= 0 {
			q.att, q.how = att, howPara
		}
	}
	// A paragraph opening with a quote continues the previous paragraph's
	// speaker (and so does the rest of its chain).
	for qi := range a.quotes {
		q := &a.quotes[qi]
		if q.title || q.att >= 0 || q.contd || q.words < 3 {
			continue
		}
		p := a.d.Paragraphs[q.para]
		if a.toks[q.open].sp.Start != p.Span.Start {
			continue
		}
		prev := a.prevKept(q.para)
		if prev < 0 {
			continue
		}
		if att, ok := a.paraLast[prev]; ok {
			q.att, q.how = att, howPrevious
			for k := q.chainNext; k >= 0 && a.quotes[k].att < 0; k = a.quotes[k].chainNext {
				a.quotes[k].att, a.quotes[k].how = att, howChain
			}
			a.paraLast[q.para] = att
		}
	}
}

// paraAttribution finds an attribution for a quote in its own paragraph:
// the nearest attributed quote or cue before it, else after it. Short
// quotes need a cue in their own unit.
func (a *analyzer) paraAttribution(q *quoteRec) int {
	if q.words < 2 {
		return -1
	}
	best, bestDist := -1, 1<<30
	// Only the neighbours count: look at a bounded window of the
	// paragraph's attributions and quotes around this one.
	atts := window(a.paraA[q.para], func(ai int) int { return a.atts[ai].pos }, q.open)
	for _, ai := range atts {
		at := &a.atts[ai]
		if at.spk.name == "" || at.weak {
			continue
		}
		dist := q.open - at.pos
		if dist < 0 {
			dist = -dist*2 + 1 // prefer attributions before the quote
		}
		if dist < bestDist {
			best, bestDist = ai, dist
		}
	}
	for _, k := range window(a.paraQ[q.para], func(k int) int { return a.quotes[k].open }, q.open) {
		o := &a.quotes[k]
		if o.att < 0 || o.how > howUnit {
			continue
		}
		dist := q.open - o.open
		if dist < 0 {
			dist = -dist*2 + 1
		}
		if dist < bestDist {
			best, bestDist = o.att, dist
		}
	}
	return best
}

// maxWindow bounds the neighbours paraAttribution looks at.
const maxWindow = 32

// window returns the part of list (sorted by key) within maxWindow
// entries of the first entry whose key is >= at.
func window(list []int, key func(int) int, at int) []int {
	lo, hi := 0, len(list)
	for lo < hi {
		m := (lo + hi) / 2
		if key(list[m]) < at {
			lo = m + 1
		} else {
			hi = m
		}
	}
	s, e := lo-maxWindow, lo+maxWindow
	if s < 0 {
		s = 0
	}
	if e > len(list) {
		e = len(list)
	}
	return list[s:e]
}

// prevKept returns the kept paragraph before pi, or -1.
func (a *analyzer) prevKept(pi int) int {
	for k := pi - 1; k >= 0; k-- {
		if !a.d.Paragraphs[k].Removed {
			return k
		}
	}
	return -1
}

// emit writes the quotes with a speaker to a.out, in text order.
func (a *analyzer) emit() {
	for qi := range a.quotes {
		q := &a.quotes[qi]
		if q.title || q.att < 0 {
			continue
		}
		if q.titleCase && q.how != howTarget {
			continue
		}
		if q.how != howTarget && a.midSentenceCap(q) && a.isClass(q.open-1, cDet|cArt) && !a.isClass(q.open-1, cPron) {
			continue // a name after its determiner: le « Ségur de la santé », du « Ségur »
		}
		if q.how != howTarget && q.how != howContent {
			if q.words < 3 && q.how != howUnit {
				continue // a term or a scare quote
			}
			if q.words <= 3 && a.midSentenceCap(q) {
				continue // a name or a title: « Mardi cinéma »
			}
		}
		at := &a.atts[q.att]
		if at.spk.name == "" {
			continue
		}
		conf := at.conf
		switch q.how {
		case howContent, howUnit:
			conf *= 0.9
		case howChain, howPara:
			conf *= 0.85
		case howPrevious:
			conf *= 0.7
		}
		qq := doc.Quote{Span: q.inner, Kind: "direct", Speaker: at.speaker(), Via: at.via, To: at.to,
			Confidence: round2(conf), Stage: Name}
		if q.how == howTarget || q.how == howContent {
			qq.Cue = at.cue
		}
		a.out = append(a.out, qq)
	}
	for _, in := range a.indirect {
		at := &a.atts[in.att]
		if at.spk.name == "" {
			continue
		}
		a.out = append(a.out, doc.Quote{Span: in.span, Kind: "indirect", Speaker: at.speaker(), Cue: at.cue,
			Via: at.via, To: at.to, Confidence: round2(at.conf * in.conf), Stage: Name})
	}
	sort.SliceStable(a.out, func(i, j int) bool { return a.out[i].Span.Start < a.out[j].Span.Start })
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// midSentenceCap reports a quote that starts with a capital letter after a
// word of the same sentence (a name or title rather than speech).
func (a *analyzer) midSentenceCap(q *quoteRec) bool {
	first := q.open + 1
	for first < q.end && !a.toks[first].is(fWord) {
		first++
	}
	if first >= q.end || !a.toks[first].is(fCap) || q.open == 0 {
		return false
	}
	p := &a.toks[q.open-1]
	return p.is(fWord) && int(p.para) == q.para
}

// report records the anomalies met.
func (a *analyzer) report() {
	if a.stray > 0 {
		a.d.Problem(Name, "%d stray closing quotation mark(s)", a.stray)
	}
	if a.unclosed > 0 {
		a.d.Problem(Name, "%d quotation(s) left open at a paragraph end", a.unclosed)
	}
	if a.deep > 0 {
		a.d.Problem(Name, "quotes nested deeper than %d levels (%d marks ignored)", MaxDepth, a.deep)
	}
	if a.long > 0 {
		a.d.Problem(Name, "%d quotation(s) running over more than %d paragraphs", a.long, MaxChain)
	}
	kept := 0
	for _, p := range a.d.Paragraphs {
		if !p.Removed {
			kept++
		}
	}
	if kept >= 3 {
		inQuote := 0
		for _, q := range a.quotes {
			if !q.title && a.toks[q.open].sp.Start == a.d.Paragraphs[q.para].Span.Start && q.close < 0 {
				inQuote++
			}
		}
		if inQuote >= kept-1 {
			a.d.Problem(Name, "the whole text seems to be in quotation marks")
		}
	}
}
