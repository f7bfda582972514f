// Package segment splits a document's body into paragraphs, sentences and
// tokens, each a byte span into the original text. Language differences
// (French elision and inverted clitics, English contractions, abbreviation
// lists) are table rows in fr.go, en.go and und.go.
package segment

import (
	"context"
	"strings"
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
	rules := rulesFor(d.Lang)
	d.Paragraphs = Paragraphs(d.Text, d.Body)
	// About one token per five bytes and one sentence per 120: sizing the
	// layers once saves most of the regrowth.
	if n := d.Body.Len()/5 + 8; cap(d.Tokens) < n {
		d.Tokens = make([]doc.Token, 0, n)
	}
	if n := d.Body.Len()/120 + 4; cap(d.Sentences) < n {
		d.Sentences = make([]doc.Sentence, 0, n)
	}
	d.Tokens = d.Tokens[:0]
	d.Sentences = d.Sentences[:0]
	for pi, p := range d.Paragraphs {
		first := len(d.Tokens)
		d.Tokens = Tokenize(d.Text, p.Span, rules, d.Tokens)
		for _, s := range Sentences(d.Text, d.Tokens[first:], rules) {
			d.Sentences = append(d.Sentences, doc.Sentence{Span: s, Paragraph: pi})
		}
	}
	return nil
}

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
	var out []doc.Paragraph
	pos := body.Start
	for pos < body.End {
		end := strings.IndexByte(text[pos:body.End], '\n')
		next := body.End
		lineEnd := body.End
		if end >= 0 {
			lineEnd = pos + end
			next = lineEnd + 1
		}
		s, e := trimSpan(text, pos, lineEnd)
		if s < e {
			out = append(out, doc.Paragraph{Span: doc.Span{Start: s, End: e}})
		}
		pos = next
	}
	return out
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
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// numberGroupSpace reports spaces used as thousands separators.
func numberGroupSpace(r rune) bool { return r == ' ' || r == 0xA0 || r == 0x202F || r == 0x2009 }
