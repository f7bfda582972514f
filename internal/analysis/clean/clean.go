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

// para holds the features of one paragraph.
type para struct {
	text      string
	norm      string
	words     int
	final     bool // ends with terminal punctuation
	colonEnd  bool
	quoted    bool // contains quotation marks
	domain    bool
	allCaps   bool
	headCue   bool
	startsCap bool
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
	seen := map[string]bool{}
	prevReadMore := false
	for i := range ps {
		p := &ps[i]
		kind, reason := "", ""
		switch {
		case seen[p.norm] && p.words >= 3:
			kind, reason = "repeat", "repeats an earlier paragraph"
		default:
			kind, reason = s.cueKind(p, t)
		}
		if kind == "" && prevReadMore && !p.final && p.words <= 25 {
			kind, reason = "teaser", "headline introduced by a read-more line"
		}
		if kind == "" && p.domain && p.words <= 8 && !p.final {
			kind, reason = "boilerplate", "site name: short line with a domain name"
		}
		if kind == "" && linkSentence(p, t) {
			kind, reason = "boilerplate", "points the reader to a link"
		}
		if kind == "" && lastNarrative >= 0 && i > lastNarrative && !p.final && p.words <= 6 {
			kind, reason = "boilerplate", "short label after the last narrative paragraph"
		}
		if kind == "" && isTeaser(ps, i) {
			kind, reason = "teaser", "headline-like paragraph between narrative paragraphs"
		}
		seen[p.norm] = true
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
	if p.final || p.colonEnd || i == 0 || i == len(ps)-1 || p.words < 10 || p.words > 45 || !p.startsCap {
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
	p := para{text: text, norm: normalize(text)}
	letters, upper := 0, 0
	inWord := false
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !inWord {
				p.words++
			}
			inWord = true
		} else if r != '-' && r != '\'' && r != '’' {
			inWord = false
		}
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
		switch r {
		case '«', '»', '“', '”', '"':
			p.quoted = true
		}
	}
	p.allCaps = letters >= 6 && upper*10 >= letters*9
	first, _ := utf8.DecodeRuneInString(text)
	p.startsCap = unicode.IsUpper(first) || unicode.IsDigit(first)
	p.final = endsSentence(text)
	p.colonEnd = strings.HasSuffix(strings.TrimSpace(text), ":")
	for _, w := range strings.Fields(p.norm) {
		w = strings.Trim(w, ",;()«»\"“”")
		if t.headline[w] {
			p.headCue = true
		}
		if isDomain(w) {
			p.domain = true
		}
	}
	return p
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
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '’' || r == 'ʼ' || r == '`':
			r = '\''
		case r == 0xA0 || r == 0x202F || unicode.IsSpace(r):
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}
