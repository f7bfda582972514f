package segment

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// isCloser reports tokens that may follow a sentence terminator and still
// belong to the sentence (the end of a quote or a bracket). Straight and
// ambiguous quotes close only when glued to the terminator (see Sentences).
func isCloser(s string) bool {
	switch s {
	case "»", "”", "\"", "’", "'", ")", "]", "›", "“":
		return true
	}
	return false
}

// ambiguousQuote reports quotes that open as well as close.
func ambiguousQuote(s string) bool {
	switch s {
	case "\"", "'", "’", "“":
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

// mayEnd reports the last bytes of the tokens that may end a sentence: a
// terminator (. ! ? … ...; … is E2 80 A6) or a word ending in a period
// (an initialism or an abbreviation). Other tokens ending in these bytes
// (æ is C3 A6) are told apart by appendSentences.
var mayEnd = [256]bool{'.': true, '!': true, '?': true, 0xA6: true}

// nextMayEnd returns the index of the first token from i on whose last
// byte may end a sentence (see mayEnd), or len(toks): a cheap filter on
// the last byte, in a loop of its own.
func nextMayEnd(text string, toks []doc.Token, i int) int {
	for ; i < len(toks); i++ {
		if mayEnd[text[toks[i].End-1]] {
			break
		}
	}
	return i
}

// Sentences groups a paragraph's tokens into sentence spans. A sentence ends
// at . ! ? … (with any closing quote or bracket after it) when the next
// token can start a sentence. The period of a title (M., Dr.) or of an
// initial (F. in Robert F. Collins, J.-P.) never ends a sentence; the
// period of another abbreviation or of an initialism (etc., Jr., U.S.) ends
// one only when a capitalised sentence-opening word follows ("the U.S. The
// talks…").
func Sentences(text string, toks []doc.Token, rules *Rules) []doc.Span {
	var out []doc.Span
	for _, s := range appendSentences(nil, 0, text, toks, rules) {
		out = append(out, s.Span)
	}
	return out
}

// appendSentences appends the sentences of a paragraph's tokens to out,
// numbered as paragraph para (see Sentences).
func appendSentences(out []doc.Sentence, para int, text string, toks []doc.Token, rules *Rules) []doc.Sentence {
	if len(toks) == 0 {
		return out
	}
	tok := func(i int) string { return text[toks[i].Start:toks[i].End] }
	start := 0
	for i := 0; i < len(toks); i++ {
		// Most tokens are words that cannot end a sentence.
		if i = nextMayEnd(text, toks, i); i == len(toks) {
			break
		}
		t := tok(i)
		weak := false // a period that may belong to an abbreviation
		switch {
		case isTerminator(t):
			if t == "." && i > 0 {
				switch abbrevKind(text, toks[i-1], toks[i], rules) {
				case abbrevTitle:
					continue
				case abbrevOther:
					weak = true
				}
			}
		case toks[i].Kind == doc.Word && len(t) > 1 && t[len(t)-1] == '.':
			// An initialism (U.S., a.m.); J.-P. is a name's initials.
			if strings.ContainsAny(t, "-‐‑") {
				continue
			}
			weak = true
		default:
			continue
		}
		j := i + 1
		for j < len(toks) {
			s := tok(j)
			if isTerminator(s) || (isCloser(s) && !(ambiguousQuote(s) && toks[j].Start != toks[j-1].End)) {
				j++
				continue
			}
			break
		}
		if j >= len(toks) {
			break
		}
		next := tok(j)
		if !startsSentence(next) {
			continue
		}
		if weak && !(rules != nil && isCapitalised(next) && isStarter(rules, next)) {
			continue
		}
		if toks[j].Start == toks[j-1].End && !gluedBreak(text, toks, i, j) {
			continue
		}
		out = append(out, doc.Sentence{Span: doc.Span{Start: toks[start].Span().Start, End: toks[j-1].Span().End}, Paragraph: para})
		start = j
		i = j - 1
	}
	return append(out, doc.Sentence{Span: doc.Span{Start: toks[start].Span().Start, End: toks[len(toks)-1].Span().End}, Paragraph: para})
}

// isStarter reports whether a word, lowercased and without an elision
// apostrophe (L’ → l), is one of the rules' sentence starters.
func isStarter(rules *Rules, s string) bool {
	var buf [24]byte
	k := lowerKey(buf[:0], s)
	k = bytes.TrimSuffix(k, []byte("'"))
	k = bytes.TrimSuffix(k, []byte("’"))
	return rules.Starters[string(k)]
}

func isCapitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

type abbrev int

const (
	abbrevNone  abbrev = iota
	abbrevTitle        // a title or an initial: never ends a sentence
	abbrevOther        // may end a sentence
)

// abbrevKind classifies the period tok after prev: the end of a title or
// a one-letter initial written right before it, of another abbreviation,
// or none.
func abbrevKind(text string, prev, tok doc.Token, rules *Rules) abbrev {
	if prev.End != tok.Start || prev.Kind != doc.Word {
		return abbrevNone
	}
	w := text[prev.Start:prev.End]
	r, n := utf8.DecodeRuneInString(w)
	if n == len(w) && unicode.IsUpper(r) {
		return abbrevTitle // an initial
	}
	if rules == nil {
		return abbrevNone
	}
	var buf [24]byte
	lw := lowerKey(buf[:0], w)
	switch {
	case rules.Titles[string(lw)]:
		return abbrevTitle
	case rules.Abbrev[string(lw)]:
		return abbrevOther
	}
	return abbrevNone
}

// gluedBreak accepts a sentence break with no space between the terminator
// at term and the next sentence at next ("in prison.U.S. District Judge",
// "les enquêteurs...Ensuite") when the word before the terminator is a
// lowercase word of three letters or more and the next token is a word.
func gluedBreak(text string, toks []doc.Token, term, next int) bool {
	if term == 0 || toks[next].Kind != doc.Word {
		return false
	}
	w := text[toks[term-1].Start:toks[term-1].End]
	if toks[term-1].Kind != doc.Word || utf8.RuneCountInString(w) < 3 {
		return false
	}
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}
