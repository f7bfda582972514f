// Package doc defines the document that flows through newsgraph: the
// immutable article text and the annotation layers that stages add to it.
//
// Every annotation is a byte span [Start, End) into Document.Text plus the
// name of the stage that made it. The text is never modified after a reader
// creates the document; stages only append to layers. The JSON wire form
// (see wire.go) converts byte spans to Unicode code-point offsets.
package doc

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
	"unicode"
)

// Span is a half-open byte range [Start, End) into Document.Text.
type Span struct {
	Start int
	End   int
}

// Len returns the length of the span in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies entirely inside s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Precision is how much of a date is known.
type Precision int

// Date precisions, from none to a full day.
const (
	PrecNone Precision = iota
	PrecYear
	PrecMonth
	PrecDay
)

func (p Precision) String() string {
	switch p {
	case PrecYear:
		return "year"
	case PrecMonth:
		return "month"
	case PrecDay:
		return "day"
	}
	return "none"
}

// Date is a calendar date known at some precision. The zero Date is unknown.
type Date struct {
	Year, Month, Day int
	Precision        Precision
}

// Known reports whether the date carries any information.
func (d Date) Known() bool { return d.Precision > PrecNone }

// String renders the date in ISO 8601 form at its precision (2023, 2023-09,
// 2023-09-11), or "" when unknown.
func (d Date) String() string {
	switch d.Precision {
	case PrecYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// Document is one article and everything known about it.
type Document struct {
	// ID is a stable content hash (see HashID).
	ID string
	// Source names where the document came from: a path, "-" for stdin,
	// or path:line for JSON Lines records.
	Source string
	// Text is the article as read, decoded to UTF-8 (a byte-order mark is
	// dropped). It is never changed once the reader has built the document.
	Text string
	// Body is the part of Text after any header lines.
	Body Span
	// Header metadata.
	Title     string
	URL       string
	Outlet    string
	Published Date
	// Lang is the BCP 47 language tag ("fr", "en", "und"); LangConfidence
	// is in [0, 1]. LangSource says "header", "flag" or "detected".
	Lang           string
	LangConfidence float64
	LangSource     string

	Paragraphs []Paragraph
	Sentences  []Sentence
	Tokens     []Token
	Removed    []Removed
	Entities   []Entity
	Quotes     []Quote
	Times      []Timex
	Quantities []Quantity
	Events     []Event
	// Problems records anomalies and stage failures; the document is still
	// usable.
	Problems []Problem
}

// HashID returns the stable content hash used as a document id.
func HashID(text string) string {
	h := sha256.New()
	// Through a small buffer: io.WriteString would copy the whole text.
	var buf [512]byte
	for len(text) > 0 {
		n := copy(buf[:], text)
		h.Write(buf[:n])
		text = text[n:]
	}
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0])[:8])
}

// OneLine returns s with each run of white space (line breaks of a
// hard-wrapped text, tabs, double spaces) made one space: a name or a
// snippet for display, not evidence (a span's own text is kept as is).
func OneLine(s string) string {
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		switch c := s[i]; c {
		case '\n', '\r', '\t', '\v', '\f', 0xc2, 0xe2: // 0xc2, 0xe2 lead the other spaces
			plain = false
		case ' ':
			plain = i+1 == len(s) || s[i+1] != ' '
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// Slice returns the text under s, clamped to the text's bounds.
func (d *Document) Slice(s Span) string {
	if s.Start < 0 {
		s.Start = 0
	}
	if s.End > len(d.Text) {
		s.End = len(d.Text)
	}
	if s.Start >= s.End {
		return ""
	}
	return d.Text[s.Start:s.End]
}

// IsRemoved reports whether s overlaps any removed part.
func (d *Document) IsRemoved(s Span) bool {
	for _, r := range d.Removed {
		if r.Span.Overlaps(s) {
			return true
		}
	}
	return false
}

// Kept returns the paragraphs that are not removed, in text order.
func (d *Document) Kept() []Paragraph {
	out := make([]Paragraph, 0, len(d.Paragraphs))
	for _, p := range d.Paragraphs {
		if !p.Removed {
			out = append(out, p)
		}
	}
	return out
}

// KeptSentences returns the sentences that are not in removed parts.
func (d *Document) KeptSentences() []Sentence {
	out := make([]Sentence, 0, len(d.Sentences))
	for _, s := range d.Sentences {
		if !d.IsRemoved(s.Span) {
			out = append(out, s)
		}
	}
	return out
}

// TokensIn returns the tokens that lie inside s (tokens are sorted).
func (d *Document) TokensIn(s Span) []Token {
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		m := (lo + hi) / 2
		if int(d.Tokens[m].Start) < s.Start {
			lo = m + 1
		} else {
			hi = m
		}
	}
	i := lo
	for i < len(d.Tokens) && int(d.Tokens[i].End) <= s.End {
		i++
	}
	return d.Tokens[lo:i]
}

// Problem adds an anomaly to the document.
func (d *Document) Problem(stage, format string, args ...any) {
	d.Problems = append(d.Problems, Problem{Stage: stage, Message: fmt.Sprintf(format, args...)})
}

// CleanText returns the body with removed parts left out, paragraphs joined
// by blank lines. It is for display only; spans never point into it.
func (d *Document) CleanText() string {
	var b strings.Builder
	for _, p := range d.Kept() {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(d.Slice(p.Span))
	}
	return b.String()
}

// Paragraph is a block of text separated from others by a line break.
type Paragraph struct {
	Span    Span
	Removed bool
}

// Sentence is a sentence inside one paragraph.
type Sentence struct {
	Span      Span
	Paragraph int
}

// TokenKind classifies a token.
type TokenKind uint8

// Token kinds.
const (
	Word TokenKind = iota
	Number
	Punct
	Symbol
)

func (k TokenKind) String() string {
	switch k {
	case Number:
		return "number"
	case Punct:
		return "punct"
	case Symbol:
		return "symbol"
	}
	return "word"
}

// Token is a word, number or punctuation mark over the bytes [Start, End)
// of Text. The offsets are 32-bit, which halves the largest layer (and
// the garbage collector's work): segmentation refuses a text longer than
// MaxTokenOffset bytes (readers stop far below).
type Token struct {
	Start, End int32
	Kind       TokenKind
}

// MaxTokenOffset is the largest offset a Token holds.
const MaxTokenOffset = math.MaxInt32

// Span returns the token's span.
func (t Token) Span() Span { return Span{Start: int(t.Start), End: int(t.End)} }

// Removed is a part of the text that is not the article (boilerplate, a
// teaser headline of another story, a byline). Later stages skip it.
type Removed struct {
	Span   Span
	Kind   string // boilerplate | teaser | byline | credit
	Reason string // the features that decided it
	Stage  string
}

// Mention is one occurrence of an entity.
type Mention struct {
	Span  Span
	Text  string
	Stage string
}

// Role is a title or function given to an entity ("porte-parole du NSC").
type Role struct {
	Text string
	Span Span
}

// Entity is a person, organisation, place or other named thing, merged
// over its mentions in the document.
type Entity struct {
	ID       string
	Name     string   // canonical name (English where the knowledge base has it)
	Names    []string // canonical name, aliases seen and known aliases
	Type     string   // PER, ORG, LOC, MISC
	KBID     string
	Mentions []Mention
	Roles    []Role
	Gender   string // "m", "f" or "" when unknown
	Stage    string
}

// Speaker is who a quote is attributed to.
type Speaker struct {
	EntityID  string
	Name      string
	Span      Span // where the speaker is named or described; zero if inferred
	Anonymous bool
}

// Relay is an outlet or source that passes a statement on, or that the
// statement was made to.
type Relay struct {
	Name     string
	EntityID string
	Span     Span
}

// Quote is direct or reported speech.
type Quote struct {
	Span       Span
	Kind       string // direct | indirect | mixed
	Speaker    Speaker
	Cue        Span
	Via        []Relay // outermost first
	To         []Relay
	Confidence float64
	Stage      string
}

// Timex is a time expression with its TIMEX3 value.
type Timex struct {
	Span   Span
	Type   string // DATE | TIME | DURATION | SET
	Value  string // TIMEX3 value, "" when unresolvable
	Anchor string // the date the value was resolved against
	Stage  string
}

// SI is a quantity converted to SI or a conventional metric unit.
type SI struct {
	Value float64
	Unit  string
}

// Quantity is a number with its unit.
type Quantity struct {
	Span     Span
	Value    float64
	ValueMax *float64
	Unit     string
	SI       *SI
	Approx   bool
	Measured string
	Stage    string
}

// Event is something that happened, with its participants.
type Event struct {
	Span         Span // the trigger
	Type         string
	Participants []string // entity ids
	Place        string   // entity id
	Origin       string   // entity id
	Time         string   // TIMEX3 value
	Stage        string
}

// Problem is an anomaly found while reading or analysing a document.
type Problem struct {
	Stage   string
	Message string
}
