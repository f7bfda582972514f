// Package timex finds time expressions in French and English news and
// gives them TIMEX3 types (DATE, TIME, DURATION, SET) and values resolved
// against the document's dateline (Document.Published, at its precision).
//
// What it reads: Paragraphs, Sentences, Tokens and Removed (nothing inside
// a removed part is annotated); Lang picks the grammar (fr, en; other
// languages use the English one). What it writes: Document.Times, and a
// Problem for an unusable dateline or an impossible date in the text
// ("31 février", "2023-13-45"). It never invents precision: under a
// month-only dateline « lundi » is the month (2023-09); without a dateline
// relative values stay partial (XXXX-WXX-1, XXXX-09-12).
//
// Resolution: deictic expressions (hier, last week, lundi) count from the
// dateline; anaphoric ones (le lendemain, the following day) and clock times
// count from the last full date mentioned; a weekday other than the
// dateline's goes back or forward by the tense of the nearest verb (« a
// déclaré lundi » → the Monday before, « se rendra lundi » → the next
// one); a month without a year takes the dateline's year, moved by tense; a
// day and month without a year takes the year that puts it nearest the
// dateline. « aujourd'hui » / "today" inside a quotation takes the date of
// the article's lead event when that is earlier than the dateline (the
// words were spoken then).
//
// Why a hand-written grammar and not github.com/markusmobius/go-dateparser:
// dateparser parses a string that is a date into a time.Time. It does not
// find expressions in running text at the speed we need (its search mode
// runs hundreds of regular expressions per language and is far below the
// 20 MB/s budget), it fills missing fields from the current clock (an
// invented day is what the dateline rules forbid), and it has no notion of
// TIMEX3 durations, sets, vague references (PAST_REF), parts of day, tense
// or anaphora. The grammar here is a set of token matchers driven by
// per-language tables (lang.go), in the manner of HeidelTime's resources;
// see docs/timex.md.
package timex

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/analysis"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/lang"
)

// Name is the stage name recorded on annotations.
const Name = "timex"

// Stage is the time expression stage. It holds only read-only tables and
// is safe for concurrent use.
type Stage struct{}

// New returns the time expression stage.
func New() *Stage { return &Stage{} }

// Spec implements analysis.Stage.
func (*Stage) Spec() analysis.Spec {
	return analysis.Spec{
		Name:     Name,
		Requires: []analysis.Layer{analysis.LayerTokens, analysis.LayerSentences, analysis.LayerRemoved},
		Provides: []analysis.Layer{analysis.LayerTimes},
	}
}

func grammarFor(tag string) *grammar {
	if lang.Base(tag) == "fr" {
		return frGrammar
	}
	return enGrammar
}

// Analyze implements analysis.Stage: it appends the time expressions of
// the kept sentences to d.Times.
func (*Stage) Analyze(ctx context.Context, d *doc.Document) error {
	r := newResolver(d)
	sc := scanner{g: grammarFor(d.Lang), lang: lang.Base(d.Lang), d: d}
	tried := d.Published.Known()
	for i, s := range d.Sentences {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if d.IsRemoved(s.Span) {
			continue
		}
		n := len(d.Times)
		sc.sentence(s, r)
		if !tried && len(d.Times) > n {
			// No dated header: when the first date of the text opens its
			// sentence as a dateline ("21 juin 2012. - ...", "June 21,
			// 2012 -- ..."), it anchors the relative dates; the sentence
			// is read again.
			tried = true
			if dl, ok := dateline(d, s.Span.Start, n); ok {
				d.Times = d.Times[:n]
				r = newResolver(d)
				r.setAnchor(dl)
				d.Problem(Name, "no dated header: times resolved against the dateline %s that opens a sentence", dl)
				sc.sentence(s, r)
			}
		}
	}
	return nil
}

// dateline returns the date of the time expression d.Times[n] when it is
// a full date opening its sentence (which starts at start) and followed by
// a dash (a wire dateline), or false.
func dateline(d *doc.Document, start, n int) (doc.Date, bool) {
	t := d.Times[n]
	lead := strings.TrimLeft(d.Text[start:t.Span.Start], " \t\r\n\u00a0")
	if len(lead) > 0 || len(t.Value) != len("2006-01-02") {
		return doc.Date{}, false
	}
	day, err := time.Parse("2006-01-02", t.Value)
	if err != nil {
		return doc.Date{}, false
	}
	rest := strings.TrimLeft(d.Text[t.Span.End:min(len(d.Text), t.Span.End+8)], " .,\u00a0")
	if !strings.HasPrefix(rest, "-") && !strings.HasPrefix(rest, "–") && !strings.HasPrefix(rest, "—") {
		return doc.Date{}, false
	}
	return doc.Date{Year: day.Year(), Month: int(day.Month()), Day: day.Day(), Precision: doc.PrecDay}, true
}

// tok is a token with its folded form.
type tok struct {
	s     string // as written
	l     string // lower case, typographic apostrophes made straight
	sp    doc.Span
	kind  doc.TokenKind
	glued bool // no space before it
	upper bool // starts with an upper-case letter
	hyph  bool // has a hyphen
	f     uint8
}

// scanner runs the matchers over one sentence at a time.
type scanner struct {
	g    *grammar
	lang string
	d    *doc.Document
	toks []tok
	ls   []string // the folded forms, for numeral.Parse
	// tense cue of each token of the sentence (2: not computed yet).
	cueMemo  []int8
	buf      []byte // scratch for folding
	cuesDone bool
	shout    bool // the sentence is mostly in capitals
	cur      int  // the token match is trying
}

// lookup returns the folded form of a word and its flags. Words that need
// folding are folded into a scratch buffer first; the folded string is only
// allocated when the word is in the tables (other words are never compared
// with table entries, so their raw form serves).
func (sc *scanner) lookup(w string) (string, uint8) {
	plain := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 0x80 || (c >= 'A' && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		if !sc.g.maybe(w) {
			return w, 0
		}
		return w, sc.g.flags[w]
	}
	b := sc.buf[:0]
	changed := false
	for _, r := range w {
		lr := unicode.ToLower(r)
		if r == '’' || r == 'ʼ' {
			lr = '\''
		}
		if lr != r {
			changed = true
		}
		b = utf8.AppendRune(b, lr)
	}
	sc.buf = b
	if !changed {
		if !sc.g.maybe(w) {
			return w, 0
		}
		return w, sc.g.flags[w]
	}
	var f uint8
	ok := false
	if sc.g.maybe(string(b)) {
		f, ok = sc.g.flags[string(b)]
	}
	if !ok && len(b) > 3 {
		return w, 0 // short forms (H00 in 13H00) are still folded
	}
	return string(b), f
}

func fold(s string) string {
	// Fast path: nothing to fold in lower-case text without typographic
	// apostrophes; only allocate when a rune changes.
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			if c >= 'A' && c <= 'Z' {
				return foldSlow(s)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '’' || r == 'ʼ' || unicode.IsUpper(r) {
			return foldSlow(s)
		}
		i += n
	}
	return s
}

func foldSlow(s string) string {
	l := strings.ToLower(s)
	if strings.Contains(l, "’") {
		l = strings.ReplaceAll(l, "’", "'")
	}
	if strings.Contains(l, "ʼ") {
		l = strings.ReplaceAll(l, "ʼ", "'")
	}
	return l
}

func (sc *scanner) load(s doc.Sentence) {
	toks := sc.d.TokensIn(s.Span)
	sc.toks = sc.toks[:0]
	sc.ls = sc.ls[:0]
	prevEnd := -1
	for _, t := range toks {
		w := sc.d.Text[t.Start:t.End]
		r, _ := utf8.DecodeRuneInString(w)
		tk := tok{s: w, l: w, sp: t.Span(), kind: t.Kind, glued: t.Span().Start == prevEnd}
		if r >= 0x80 {
			tk.upper = unicode.IsUpper(r)
		} else {
			tk.upper = r >= 'A' && r <= 'Z'
		}
		switch tk.kind {
		case doc.Word:
			tk.l, tk.f = sc.lookup(w)
			tk.hyph = strings.IndexByte(tk.l, '-') >= 0
		case doc.Punct:
			if w == "’" || w == "ʼ" {
				tk.l = "'"
			}
		}
		sc.toks = append(sc.toks, tk)
		sc.ls = append(sc.ls, tk.l)
		prevEnd = t.Span().End
	}
	sc.cuesDone = false
	sc.shout = shouting(sc.toks)
}

// cueForm is the folded token at i as tense cues read it: in lower case
// in a sentence written in capitals.
func (sc *scanner) cueForm(i int) string {
	if sc.shout {
		return strings.ToLower(sc.l(i))
	}
	return sc.l(i)
}

// shouting reports a sentence of three words or more, most of them written
// in capitals ("LE VILLAGE FERA LA FÊTE DIMANCHE"): its words are read in
// lower case for tense cues, where a capital otherwise marks a name.
func shouting(toks []tok) bool {
	words, caps := 0, 0
	for _, t := range toks {
		if t.kind != doc.Word {
			continue
		}
		words++
		if t.upper && strings.IndexFunc(t.s, unicode.IsLower) < 0 {
			caps++
		}
	}
	return words >= 3 && 2*caps > words
}

// l returns the folded token at i, or "" out of range.
func (sc *scanner) l(i int) string {
	if i < 0 || i >= len(sc.toks) {
		return ""
	}
	return sc.toks[i].l
}

// seq reports whether the tokens at i spell words; it returns the end.
func (sc *scanner) seq(i int, words []string) (int, bool) {
	for k, w := range words {
		if sc.l(i+k) != w {
			return i, false
		}
	}
	return i + len(words), true
}

// seqBefore reports whether the tokens ending right before i spell words.
func (sc *scanner) seqBefore(i int, words []string) bool {
	start := i - len(words)
	if start < 0 {
		return false
	}
	_, ok := sc.seq(start, words)
	return ok
}

// found is one expression found in a sentence.
type found struct {
	start, end int // token range
	e          expr
}

func (sc *scanner) sentence(s doc.Sentence, r *resolver) {
	sc.load(s)
	var out []found
	for i := 0; i < len(sc.toks); {
		f, ok := sc.match(i)
		if !ok {
			i++
			continue
		}
		if f.e.skip > 0 && f.start+f.e.skip < f.end {
			f.start += f.e.skip
		}
		if f.e.invalid != "" {
			sc.d.Problem(Name, "%s: %q", f.e.invalid, sc.d.Text[sc.toks[f.start].sp.Start:sc.toks[f.end-1].sp.End])
		}
		if !f.e.drop {
			out = append(out, f)
		}
		i = f.end
	}
	if len(out) == 0 {
		return
	}
	// Resolve dates first, then clock times that take the sentence's date.
	var sentDay *time.Time
	vals := make([]string, len(out))
	anchors := make([]string, len(out))
	for k, f := range out {
		if f.e.clock && !f.e.hasDate() {
			continue
		}
		span := sc.span(f)
		r.par = s.Paragraph
		tense, quoted := 0, false
		if e := f.e; e.kind == kWeekday || (e.kind == kCal && e.y == 0) || (e.kind == kRel && e.unit == 'E') {
			tense = sc.tense(f.start, f.end)
		}
		if f.e.today || (f.e.ana && f.e.pod != "") {
			quoted = r.inQuote(s.Paragraph, span)
		}
		v, a, day := r.resolve(f.e, tense, quoted)
		vals[k], anchors[k] = v, a
		if day != nil && sentDay == nil {
			sentDay = day
		}
	}
	for k, f := range out {
		if !(f.e.clock && !f.e.hasDate()) {
			continue
		}
		vals[k], anchors[k] = r.clockValue(f.e, sentDay)
	}
	for k, f := range out {
		sc.d.Times = append(sc.d.Times, doc.Timex{Span: sc.span(f), Type: f.e.typ, Value: vals[k], Anchor: anchors[k], Stage: Name})
	}
}

func (sc *scanner) span(f found) doc.Span {
	return doc.Span{Start: sc.toks[f.start].sp.Start, End: sc.toks[f.end-1].sp.End}
}

// tense returns -1 (past), +1 (future) or 0 from the cue nearest to the
// token range [start, end) within a window of the sentence; on a tie the
// past wins.
func (sc *scanner) tense(start, end int) int {
	if !sc.cuesDone {
		sc.cuesDone = true
		sc.cueMemo = sc.cueMemo[:0]
		for range sc.toks {
			sc.cueMemo = append(sc.cueMemo, 2)
		}
	}
	for d := 1; d <= tenseWindow; d++ {
		b, a := 0, 0
		if i := start - d; i >= 0 {
			b = sc.cueAt(i)
		}
		if i := end - 1 + d; i < len(sc.toks) {
			a = sc.cueAt(i)
		}
		if b < 0 || a < 0 {
			return -1
		}
		if b > 0 || a > 0 {
			return 1
		}
	}
	return 0
}

// tenseWindow is how far, in tokens, tense cues are looked for.
const tenseWindow = 40

// cueAt returns the tense cue of token i (memoised).
func (sc *scanner) cueAt(i int) int {
	if m := sc.cueMemo[i]; m != 2 {
		return int(m)
	}
	c := sc.cue(i)
	sc.cueMemo[i] = int8(c)
	return c
}

func (sc *scanner) cue(i int) int {
	g := sc.g
	t := sc.toks[i]
	if t.kind != doc.Word || t.upper && !sc.shout {
		return 0
	}
	w := sc.cueForm(i)
	switch {
	case g.futureWords[w]:
		return 1
	case g.pastWords[w]:
		return -1
	case g.goVerbs[w] && isInfinitive(sc.cueForm(i+1)):
		return 1
	case g.pastAux[w] && (isParticiple(sc.cueForm(i+1), sc.lang) || isParticiple(sc.cueForm(i+2), sc.lang)):
		return -1
	case len(w) >= 4 && !g.futureStop[w] && hasSuffix(w, g.future):
		return 1
	case len(w) >= 4 && !g.pastStop[w] && hasSuffix(w, g.past) && !passiveAux[sc.cueForm(i-1)]:
		return -1
	}
	return 0
}

// passiveAux are words before a participle that is not a past tense (is
// expected, to be published).
var passiveAux = set("be", "been", "being", "is", "are", "am", "to", "get", "gets")

func hasSuffix(w string, sufs []string) bool {
	for _, s := range sufs {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

func isInfinitive(w string) bool {
	return len(w) > 3 && (strings.HasSuffix(w, "er") || strings.HasSuffix(w, "ir") || strings.HasSuffix(w, "re") || strings.HasSuffix(w, "oir"))
}

func isParticiple(w, lg string) bool {
	if len(w) < 3 || strings.IndexByte(w, '-') >= 0 { // rendez-vous, vis-à-vis
		return false
	}
	if lg == "fr" {
		for _, s := range []string{"é", "ée", "és", "ées", "i", "is", "ie", "u", "ue", "us", "it", "ert", "int", "eint", "té"} {
			if strings.HasSuffix(w, s) {
				return true
			}
		}
		return false
	}
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") || w == "been" || w == "said" || w == "told" || w == "made"
}
