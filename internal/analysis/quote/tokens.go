package quote

import (
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// Token flags.
const (
	fCap       = 1 << iota // starts with an upper-case letter
	fUpper                 // all letters upper case (acronym), two letters or more
	fWord                  // word or number token
	fOpen                  // opening mark of a kept quote
	fClose                 // closing mark of a kept quote
	fSentStart             // first token of a sentence
	fTitleMark             // mark of a title quote (treated as part of a name)
	fMedium                // a medium noun (communiqué, statement)
	fDemonym               // a nationality word
)

// tok is a document token with the features the stage uses.
type tok struct {
	sp    doc.Span
	low   string // folded form
	flags uint16
	q     int32 // index of the enclosing speech quote (marks included), or -1
	tq    int32 // index of the enclosing title quote, or -1
	para  int32
	cls   int32 // closed-class bits of the folded form (rules.class)
	cue   int8  // 0: not a cue; else cueVerb | cuePart | cueSay
	head  byte  // head-noun class ('p', 'o', 'd') or 0
}

// Cue bits of tok.cue.
const (
	cueVerb = 1 << iota
	cuePart
	cueSay
)

func (t *tok) is(f uint16) bool { return t.flags&f != 0 }

// prepTokens builds the stage's token array from the document tokens,
// looking each folded form up once in the language's tables.
func prepTokens(d *doc.Document, r *rules) []tok {
	out := make([]tok, len(d.Tokens))
	si := 0
	for i, t := range d.Tokens {
		s := d.Text[t.Start:t.End]
		x := tok{sp: t.Span(), low: s, q: -1, tq: -1, para: -1}
		if t.Kind == doc.Word {
			x.low = fold(s)
			if e, ok := r.lex[x.low]; ok {
				x.cls, x.cue, x.head = e.cls, e.cue, e.head
				x.flags |= e.flags
			}
		} else if s == "’" {
			x.low = "'"
		}
		if t.Kind == doc.Word || t.Kind == doc.Number {
			x.flags |= fWord
		}
		if t.Kind == doc.Word {
			r, _ := utf8.DecodeRuneInString(s)
			if unicode.IsUpper(r) {
				x.flags |= fCap
				if isAcronym(s) {
					x.flags |= fUpper
				}
			}
		}
		for si < len(d.Sentences) && d.Sentences[si].Span.End <= t.Span().Start {
			si++
		}
		if si < len(d.Sentences) && d.Sentences[si].Span.Start == t.Span().Start {
			x.flags |= fSentStart
		}
		out[i] = x
	}
	return out
}

// isAcronym reports words of two or more letters, all upper case.
func isAcronym(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// tokenAt returns the index of the first token starting at or after pos.
func tokenAt(toks []tok, pos int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].sp.Start < pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
