// Package clean finds the parts of a document's body that are not the
// article: page chrome (calls to action, share and comment prompts, "Lire
// aussi" blocks, bylines, credits, site names) and teaser headlines of other
// stories dropped between paragraphs. It marks them in Document.Removed and
// on the paragraphs so that later stages skip them.
//
// Decisions combine general features of a paragraph: its shape (length,
// final punctuation, case, a domain name), its position (between narrative
// paragraphs, in a list, after the last narrative paragraph), repetition of
// an earlier paragraph, and cue phrases from per-language lexicons, which
// are one signal among several.
package clean

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/analysis"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/lexicon"
)

// Name is the stage name recorded on annotations.
const Name = "clean"

type cue struct {
	where, kind, phrase string
}

type tables struct {
	cues      []cue
	linkWords map[string]bool
	headline  map[string]bool
}

// Stage is the cleaning stage; safe for concurrent use.
type Stage struct {
	byLang map[string]*tables
}

// New loads the cue lexicons of the analysed languages.
func New() *Stage {
	s := &Stage{byLang: map[string]*tables{}}
	for _, tag := range []string{"fr", "en", "und"} {
		t := &tables{linkWords: map[string]bool{}, headline: map[string]bool{}}
		for _, l := range lexicon.Load(tag, "boilerplate") {
			f := strings.Split(l, "\t")
			if len(f) == 3 {
				t.cues = append(t.cues, cue{f[0], f[1], f[2]})
			}
		}
		for _, w := range lexicon.Load(tag, "linkwords") {
			t.linkWords[w] = true
		}
		for _, w := range lexicon.Load(tag, "headlinecues") {
			t.headline[w] = true
		}
		s.byLang[tag] = t
	}
	return s
}

// Spec implements analysis.Stage.
func (*Stage) Spec() analysis.Spec {
	return analysis.Spec{
		Name:     Name,
		Requires: []analysis.Layer{analysis.LayerParagraphs, analysis.LayerLang},
		Provides: []analysis.Layer{analysis.LayerRemoved},
	}
}

func (s *Stage) tables(tag string) *tables {
	if t, ok := s.byLang[tag]; ok {
		return t
	}
	if i := strings.IndexByte(tag, '-'); i > 0 {
		if t, ok := s.byLang[tag[:i]]; ok {
			return t
		}
	}
	return s.byLang["und"]
}

// maxWords is the longest paragraph, in words, that any rule treats as
// page chrome or a headline.
const maxWords = 45

// para holds the features of one paragraph.
type para struct {
	text      string
	norm      string // normalised text; the text itself over 45 words
	words     int    // up to maxWords+1
	final     bool   // ends with terminal punctuation
	colonEnd  bool
	quoted    bool // contains quotation marks
	domain    bool
	headCue   bool
	startsCap bool
	bullet    bool // starts with a list bullet or number
}

// Analyze implements analysis.Stage.
func (s *Stage) Analyze(_ context.Context, d *doc.Document) error {
	t := s.tables(d.Lang)
	ps := make([]para, len(d.Paragraphs))
	for i, p := range d.Paragraphs {
		ps[i] = features(d.Slice(p.Span), t)
	}
	lastNarrative := -1
	for i := range ps {
		if ps[i].final && ps[i].words >= 8 {
			lastNarrative = i
		}
	}
	// Cue phrases and repeats first: the structural rules below look at
	// the neighbours' cues.
	cues := make([]struct{ kind, reason string }, len(ps))
	seen := map[string]bool{}
	for i := range ps {
		p := &ps[i]
		if seen[p.norm] && p.words >= 3 {
			cues[i].kind, cues[i].reason = "repeat", "repeats an earlier paragraph"
		} else if p.words <= maxWords {
			cues[i].kind, cues[i].reason = s.cueKind(p, t)
		}
		seen[p.norm] = true
	}
	list := listItems(ps)
	prevReadMore := false
	for i := range ps {
		p := &ps[i]
		kind, reason := cues[i].kind, cues[i].reason
		if kind == "" && prevReadMore && !p.final && p.words <= 25 {
			kind, reason = "teaser", "headline introduced by a read-more line"
		}
		if kind == "" && p.domain && p.words <= 8 && !p.final {
			kind, reason = "boilerplate", "site name: short line with a domain name"
		}
		if kind == "" && linkSentence(p, t) {
			kind, reason = "boilerplate", "points the reader to a link"
		}
		// A list item, or the line that introduces a list ("Les mesures
		// sont les suivantes :"), is article text even when short.
		intro := p.colonEnd && i+1 < len(ps) && list[i+1] && cues[i+1].kind == ""
		if kind == "" && lastNarrative >= 0 && i > lastNarrative && !p.final && p.words <= 6 && !list[i] && !intro {
			kind, reason = "boilerplate", "short label after the last narrative paragraph"
		}
		if kind == "" && isTeaser(ps, i) {
			kind, reason = "teaser", "headline-like paragraph between narrative paragraphs"
		}
		prevReadMore = kind == "readmore"
		if kind == "" {
			continue
		}
		if kind == "readmore" {
			kind = "boilerplate"
		}
		d.Paragraphs[i].Removed = true
		d.Removed = append(d.Removed, doc.Removed{Span: d.Paragraphs[i].Span, Kind: kind, Reason: reason, Stage: Name})
	}
	return nil
}

func (s *Stage) cueKind(p *para, t *tables) (string, string) {
	for _, c := range t.cues {
		switch c.where {
		case "line":
			if strings.Trim(p.norm, " .:!") == c.phrase {
				return c.kind, "navigation label «" + c.phrase + "»"
			}
		case "start":
			if strings.HasPrefix(p.norm, c.phrase) && p.words <= 30 {
				return c.kind, "starts with «" + c.phrase + "»"
			}
		case "any":
			if p.words <= 40 && strings.Contains(p.norm, c.phrase) {
				return c.kind, "call to action «" + c.phrase + "»"
			}
		}
	}
	return "", ""
}

// listItems marks the paragraphs that are items of a list: those that
// start with a bullet or a number ("- ", "• ", "1. ", "2) "), and short
// paragraphs without final punctuation that follow a line ending in a colon
// or another list item.
func listItems(ps []para) []bool {
	list := make([]bool, len(ps))
	for i := range ps {
		p := &ps[i]
		switch {
		case p.bullet:
			list[i] = true
		case i > 0 && (ps[i-1].colonEnd || list[i-1]) && !p.final && !p.colonEnd && p.words <= 25:
			list[i] = true
		}
	}
	return list
}

// hasBullet reports whether text starts with a list bullet or an item
// number followed by a space.
func hasBullet(text string) bool {
	r, n := utf8.DecodeRuneInString(text)
	switch r {
	case '-', '–', '—', '•', '*', '·', '▪', '►', '◦', '‣', '→':
		next, _ := utf8.DecodeRuneInString(text[n:])
		return next == ' ' || next == 0xA0
	}
	i := 0
	for i < len(text) && i < 3 && text[i] >= '0' && text[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(text) && (text[i] == '.' || text[i] == ')') && text[i+1] == ' '
}

// linkSentence: a short paragraph whose last word is "here"/"ici" after a
// verb of finding or reading ("You can find more information … here.").
func linkSentence(p *para, t *tables) bool {
	if p.words > 25 {
		return false
	}
	words := strings.Fields(strings.Trim(p.norm, " .!:"))
	if len(words) < 3 {
		return false
	}
	last := words[len(words)-1]
	if last != "here" && last != "ici" {
		return false
	}
	for _, w := range words[:len(words)-1] {
		if t.linkWords[w] {
			return true
		}
	}
	return false
}

// isTeaser decides whether paragraph i is a headline of another story
// dropped into the body: it has no final punctuation, is long for a
// section heading, sits between narrative paragraphs (not in a list), and
// carries a headline mark (quotation marks, a present-tense reporting verb,
// or a headline colon).
func isTeaser(ps []para, i int) bool {
	p := &ps[i]
	if p.final || p.colonEnd || i == 0 || i == len(ps)-1 || p.words < 10 || p.words > maxWords || !p.startsCap {
		return false
	}
	prev, next := &ps[i-1], &ps[i+1]
	if !prev.final || prev.colonEnd || !next.final {
		return false // in a list or a run of headings
	}
	marks := 0
	if p.quoted {
		marks++
	}
	if p.headCue {
		marks++
	}
	if strings.Contains(p.text, " : ") || strings.Contains(p.text, ": ") {
		marks++
	}
	return marks >= 1
}

func features(text string, t *tables) para {
	p := para{text: text}
	inWord := false
	// Count words up to maxWords+1: every rule with a word limit stays
	// under maxWords, so longer paragraphs need no exact count.
	for i := 0; i < len(text) && p.words <= maxWords; {
		switch asciiClass[text[i]] { // ASCII fast path
		case asciiWord:
			if !inWord {
				p.words++
			}
			inWord = true
			i++
			for i < len(text) && asciiClass[text[i]] == asciiWord {
				i++ // the rest of the word
			}
			continue
		case asciiQuote:
			p.quoted = true
			inWord = false
			i++
			continue
		case asciiOther:
			inWord = false
			i++
			continue
		case asciiJoiner:
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !inWord {
				p.words++
			}
			inWord = true
		} else if r != '’' {
			inWord = false
		}
		switch r {
		case '«', '»', '“', '”':
			p.quoted = true
		}
	}
	first, _ := utf8.DecodeRuneInString(text)
	p.startsCap = unicode.IsUpper(first) || unicode.IsDigit(first)
	p.final = endsSentence(text)
	p.bullet = hasBullet(text)
	p.colonEnd = strings.HasSuffix(strings.TrimSpace(text), ":")
	// The normalised text and word cues matter only for short paragraphs
	// (cue phrases, headlines, site names): the rules that use them skip
	// paragraphs over maxWords, which are repeats only when identical.
	if p.words > maxWords {
		p.norm = text
		return p
	}
	p.norm = normalize(text)
	for rest := p.norm; rest != ""; {
		w := rest
		if i := strings.IndexByte(rest, ' '); i >= 0 {
			w, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		w = strings.TrimFunc(w, isWordEdgePunct)
		if t.headline[w] {
			p.headCue = true
		}
		if !p.domain && isDomain(w) {
			p.domain = true
		}
	}
	return p
}

// Classes of bytes for the word count in features: ASCII letters and
// digits, the double quote, the hyphen and the apostrophe that join words
// (l'on, peut-être), other ASCII, and the bytes of other runes.
const (
	asciiOther = iota
	asciiWord
	asciiQuote
	asciiJoiner
	nonASCII
)

var asciiClass = func() (t [256]uint8) {
	for c := range len(t) {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = nonASCII
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			t[c] = asciiWord
		case c == '"':
			t[c] = asciiQuote
		case c == '-' || c == '\'':
			t[c] = asciiJoiner
		}
	}
	return t
}()

func isWordEdgePunct(r rune) bool {
	switch r {
	case ',', ';', '(', ')', '«', '»', '"', '“', '”':
		return true
	}
	return false
}

// endsSentence reports whether text ends with . ! ? … or ; possibly followed
// by closing quotes or brackets, where the punctuation is inside or before
// the quote.
func endsSentence(text string) bool {
	s := strings.TrimRightFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || r == '»' || r == '”' || r == '"' || r == ')' || r == '’' || r == 0xA0 || r == 0x202F
	})
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…' || r == ';'
}

func isDomain(w string) bool {
	w = strings.Trim(w, ".,;:")
	i := strings.LastIndexByte(w, '.')
	if i <= 0 || i == len(w)-1 {
		return false
	}
	tld := w[i+1:]
	switch tld {
	case "com", "fr", "net", "org", "info", "be", "ch", "ca", "uk", "sn", "ma", "dz", "tn", "ci", "de", "es", "it", "io", "tv", "news":
		return true
	}
	return false
}

// normalize lowercases and folds apostrophes and spaces.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			} else if r == '`' {
				r = '\''
			} else if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v' {
				if !space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = true
				continue
			}
			space = false
			b.WriteByte(byte(r))
			continue
		case r == '’' || r == 'ʼ':
			r = '\''
		case r == 0xA0 || r == 0x202F || unicode.IsSpace(r):
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		default:
			r = unicode.ToLower(r)
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}
