package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// closers may follow a sentence terminator and still belong to the
// sentence (the end of a quote or a bracket).
func isCloser(s string) bool {
	switch s {
	case "»", "”", "\"", "’", "'", ")", "]", "›", "“":
		return true
	}
	return false
}

func isTerminator(s string) bool {
	switch s {
	case ".", "!", "?", "…", "!?", "?!":
		return true
	}
	return strings.HasPrefix(s, "...")
}

// startsSentence reports whether a token can open a new sentence.
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case unicode.IsUpper(r), unicode.IsDigit(r):
		return true
	case r == '«' || r == '“' || r == '"' || r == '(' || r == '[' || r == '‘' || r == '—' || r == '–' || r == '-' || r == '„':
		return true
	}
	return false
}

// Sentences groups a paragraph's tokens into sentence spans. A sentence ends
// at . ! ? … (with any closing quote or bracket after it) when the next
// token can start a sentence and the period does not end an abbreviation
// or an initial (M., Dr., F. in Robert F. Collins).
func Sentences(text string, toks []doc.Token, rules *Rules) []doc.Span {
	var out []doc.Span
	if len(toks) == 0 {
		return out
	}
	start := 0
	for i := 0; i < len(toks); i++ {
		t := text[toks[i].Span.Start:toks[i].Span.End]
		if !isTerminator(t) {
			continue
		}
		if t == "." && i > 0 && isAbbrev(text, toks[i-1], toks[i], rules) {
			continue
		}
		j := i + 1
		for j < len(toks) && (isCloser(text[toks[j].Span.Start:toks[j].Span.End]) || isTerminator(text[toks[j].Span.Start:toks[j].Span.End])) {
			// A closing quote glued to the next word opens a quote instead.
			j++
		}
		if j >= len(toks) {
			break
		}
		next := text[toks[j].Span.Start:toks[j].Span.End]
		if !startsSentence(next) {
			continue
		}
		if toks[j].Span.Start == toks[j-1].Span.End && !gluedBreak(text, toks, i) {
			continue
		}
		out = append(out, doc.Span{Start: toks[start].Span.Start, End: toks[j-1].Span.End})
		start = j
		i = j - 1
	}
	out = append(out, doc.Span{Start: toks[start].Span.Start, End: toks[len(toks)-1].Span.End})
	return out
}

// isAbbrev reports whether the period tok follows an abbreviation or an
// initial written right before it.
func isAbbrev(text string, prev, tok doc.Token, rules *Rules) bool {
	if prev.Span.End != tok.Span.Start || prev.Kind != doc.Word {
		return false
	}
	w := text[prev.Span.Start:prev.Span.End]
	r, n := utf8.DecodeRuneInString(w)
	if n == len(w) && unicode.IsUpper(r) {
		return true // an initial
	}
	return rules != nil && rules.Abbrev[strings.ToLower(w)]
}

// gluedBreak accepts a sentence break with no space after the terminator
// ("in prison.U.S. District Judge") when the word before is a lowercase
// word of three letters or more.
func gluedBreak(text string, toks []doc.Token, term int) bool {
	if term == 0 || text[toks[term].Span.Start:toks[term].Span.End] != "." {
		return false
	}
	w := text[toks[term-1].Span.Start:toks[term-1].Span.End]
	if utf8.RuneCountInString(w) < 3 {
		return false
	}
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}
