// Package segment splits a document's body into paragraphs, sentences and
// tokens, each a byte span into the original text. Language differences
// (French elision and inverted clitics, English contractions, abbreviation
// lists) are table rows in fr.go, en.go and und.go.
package segment

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/analysis"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/lang"
)

// Name is the stage name recorded on annotations.
const Name = "segment"

// Stage is the segmentation stage. It is stateless and safe for concurrent
// use.
type Stage struct{}

// New returns the segmentation stage.
func New() *Stage { return &Stage{} }

// Spec implements analysis.Stage.
func (*Stage) Spec() analysis.Spec {
	return analysis.Spec{
		Name:     Name,
		Requires: []analysis.Layer{analysis.LayerText, analysis.LayerLang},
		Provides: []analysis.Layer{analysis.LayerParagraphs, analysis.LayerSentences, analysis.LayerTokens},
	}
}

// Analyze implements analysis.Stage: it fills Paragraphs, Sentences and
// Tokens, replacing any earlier segmentation.
func (*Stage) Analyze(_ context.Context, d *doc.Document) error {
	if len(d.Text) > doc.MaxTokenOffset {
		return fmt.Errorf("segment: a text of %d bytes is longer than tokens can address", len(d.Text))
	}
	rules := rulesFor(d.Lang)
	d.Paragraphs = Paragraphs(d.Text, d.Body)
	// Segment into reused scratch layers, then copy them out at their
	// exact size: a first guess at the size wastes memory or regrows.
	sc := scratchPool.Get().(*scratch)
	toks, sents := sc.toks[:0], sc.sents[:0]
	for pi, p := range d.Paragraphs {
		first := len(toks)
		toks = Tokenize(d.Text, p.Span, rules, toks)
		sents = appendSentences(sents, pi, d.Text, toks[first:], rules)
	}
	d.Tokens = append(d.Tokens[:0], toks...)
	d.Sentences = append(d.Sentences[:0], sents...)
	if d.Tokens == nil {
		d.Tokens = []doc.Token{}
	}
	if d.Sentences == nil {
		d.Sentences = []doc.Sentence{}
	}
	if cap(toks) <= maxScratch {
		sc.toks, sc.sents = toks, sents
		scratchPool.Put(sc)
	}
	return nil
}

// scratch holds the layers of one document while it is segmented.
type scratch struct {
	toks  []doc.Token
	sents []doc.Sentence
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxScratch is the largest token buffer kept for reuse (a 4 MB body).
const maxScratch = 1 << 20

// Rules are a language's segmentation tables.
type Rules struct {
	// Abbrev holds lowercase abbreviations that take a final period and do
	// not end a sentence (without the period: "m", "mme", "dr").
	Abbrev map[string]bool
	// Titles holds the abbreviations (lowercase, no period) that precede a
	// name ("m", "mme", "dr"); their period never ends a sentence. Other
	// abbreviations ("etc", "inc", "jr") end one when a capitalised
	// Starters word follows.
	Titles map[string]bool
	// Starters holds lowercase closed-class words that typically open a
	// sentence ("the", "he", "le", "il").
	Starters map[string]bool
	// Elided holds lowercase elided forms that end in an apostrophe and are
	// split from the next word ("l", "qu", "jusqu").
	Elided map[string]bool
	// Clitics holds the pronouns of inverted forms split off after a hyphen
	// ("il" in dit-il, "t-il" in a-t-il).
	Clitics map[string]bool
	// Suffixes holds contraction suffixes split off before an apostrophe
	// ("s" in Mayor's, "t" in don't is kept whole, see English rules).
	Suffixes map[string]bool
}

func rulesFor(tag string) *Rules {
	switch tag { // the common tags, without parsing
	case "fr":
		return &frRules
	case "en":
		return &enRules
	case "", lang.Und:
		return &undRules
	}
	switch lang.Base(tag) {
	case "fr":
		return &frRules
	case "en":
		return &enRules
	}
	return &undRules
}

// RulesFor returns the segmentation rules for a language tag.
func RulesFor(tag string) *Rules { return rulesFor(tag) }

// Paragraphs splits body into paragraphs: non-blank lines. Leading and
// trailing white space is trimmed from each span.
func Paragraphs(text string, body doc.Span) []doc.Paragraph {
	lines := splitLines(text, body)
	width, wrapped := wrapWidth(text, lines)
	out := make([]doc.Paragraph, 0, len(lines))
	for i, l := range lines {
		if wrapped && i > 0 && !l.blankBefore && !l.indented && !endsParagraph(text, lines[i-1], width) {
			out[len(out)-1].Span.End = l.span.End
			continue
		}
		out = append(out, doc.Paragraph{Span: l.span})
	}
	return out
}

// line is a non-blank line of the body, trimmed.
type line struct {
	span        doc.Span
	runes       int  // set by wrapWidth
	indented    bool // starts with two spaces or more, or a tab
	blankBefore bool // a blank line separates it from the previous line
}

func splitLines(text string, body doc.Span) []line {
	var out []line
	blank := false
	pos := body.Start
	for pos < body.End {
		lineEnd, next := body.End, body.End
		if end := strings.IndexByte(text[pos:body.End], '\n'); end >= 0 {
			lineEnd, next = pos+end, pos+end+1
		}
		s, e := trimSpan(text, pos, lineEnd)
		if s < e {
			lead := text[pos:s]
			out = append(out, line{
				span:        doc.Span{Start: s, End: e},
				indented:    strings.HasPrefix(lead, "  ") || strings.HasPrefix(lead, "\t"),
				blankBefore: blank && len(out) > 0,
			})
			blank = false
		} else {
			blank = true
		}
		pos = next
	}
	return out
}

// wrapWidth decides whether the body is hard-wrapped (lines cut at a fixed
// width, as in wire archives and e-mail), where a paragraph runs over
// several lines and ends at a blank line, an indented line or a short line
// ending a sentence. It returns the wrap width. The evidence: at least six
// lines, most of them close to a width between 40 and 100 characters, and
// many lines that stop mid-sentence before a line going on in lower case.
func wrapWidth(text string, lines []line) (int, bool) {
	if len(lines) < 6 {
		return 0, false
	}
	lens := make([]int, len(lines))
	for i := range lines {
		lines[i].runes = utf8.RuneCountInString(text[lines[i].span.Start:lines[i].span.End])
		lens[i] = lines[i].runes
	}
	sort.Ints(lens)
	w := lens[len(lens)*9/10]
	if w < 40 || w > 100 {
		return w, false
	}
	long, cont := 0, 0
	for i, l := range lines {
		if l.runes*10 >= w*6 {
			long++
		}
		if i+1 < len(lines) && !lines[i+1].blankBefore && !lines[i+1].indented {
			last, _ := utf8.DecodeLastRuneInString(text[l.span.Start:l.span.End])
			first, _ := utf8.DecodeRuneInString(text[lines[i+1].span.Start:lines[i+1].span.End])
			if !strings.ContainsRune(".!?:;»”\"", last) && (unicode.IsLower(first) || unicode.IsDigit(first)) {
				cont++
			}
		}
	}
	return w, long*10 >= len(lines)*6 && cont*4 >= len(lines)
}

// endsParagraph reports whether a wrapped line closes its paragraph: it is
// clearly shorter than the wrap width and ends a sentence.
func endsParagraph(text string, l line, width int) bool {
	if l.runes*10 >= width*7 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(text[l.span.Start:l.span.End])
	return strings.ContainsRune(".!?:»”\"", last)
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// IsSpace reports white space, including no-break and thin spaces.
func IsSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', 0xA0, 0x202F, 0x2009, 0x2007, 0x200B, 0xFEFF:
		return true
	}
	return r > 0x7F && unicode.IsSpace(r)
}

// IsApostrophe reports the apostrophes used in elision.
func IsApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' || r == '`' }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if generalPunct(r) {
		return false // ’ “ ” – — …: no need to search the Unicode tables
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

// generalPunct reports the General Punctuation block (U+2000–U+206F):
// spaces, dashes, quotes, the ellipsis and format characters, with no
// letter, mark or digit.
func generalPunct(r rune) bool { return 0x2000 <= r && r <= 0x206F }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// numberGroupSpace reports spaces used as thousands separators.
func numberGroupSpace(r rune) bool { return r == ' ' || r == 0xA0 || r == 0x202F || r == 0x2009 }
