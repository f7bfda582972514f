package api

import (
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

// The JSON wire types of the API (described in openapi.json). Dates are
// ISO 8601 at their precision ("2023", "2023-09", "2023-09-11") or null.

// List is every list response: a page of items and the cursor of the next
// page (null on the last).
type List[T any] struct {
	Items []T     `json:"items"`
	Next  *string `json:"next"`
}

func list[T, U any](p store.Page[T], conv func(T) U) List[U] {
	out := List[U]{Items: make([]U, 0, len(p.Items))}
	for _, it := range p.Items {
		out.Items = append(out.Items, conv(it))
	}
	if p.Next != "" {
		n := p.Next
		out.Next = &n
	}
	return out
}

func date(d doc.Date) *string {
	if !d.Known() {
		return nil
	}
	s := d.String()
	return &s
}

// Segment is a piece of a snippet; match marks query terms.
type Segment struct {
	Text  string `json:"text"`
	Match bool   `json:"match,omitempty"`
}

func segments(ss []store.Segment) []Segment {
	if ss == nil {
		return nil
	}
	out := make([]Segment, len(ss))
	for i, s := range ss {
		out[i] = Segment{Text: s.Text, Match: s.Match}
	}
	return out
}

// DocSummary is a document in lists.
type DocSummary struct {
	ID        string  `json:"id"`
	Source    string  `json:"source"`
	Title     string  `json:"title,omitempty"`
	URL       string  `json:"url,omitempty"`
	Outlet    string  `json:"outlet,omitempty"`
	Published *string `json:"published"`
	Lang      string  `json:"lang"`
	Entities  int     `json:"entities"`
	Quotes    int     `json:"quotes"`
	Version   string  `json:"analyzer_version"`
}

// ToDocSummary converts a store summary.
func ToDocSummary(s store.DocSummary) DocSummary {
	return DocSummary{ID: s.ID, Source: s.Source, Title: s.Title, URL: s.URL, Outlet: s.Outlet, Published: date(s.Published),
		Lang: s.Lang, Entities: s.Entities, Quotes: s.Quotes, Version: s.Version}
}

// Hit is a search result.
type Hit struct {
	Document DocSummary `json:"document"`
	Score    float64    `json:"score"`
	Snippet  []Segment  `json:"snippet"`
}

// ToHit converts a store hit.
func ToHit(h store.Hit) Hit {
	return Hit{Document: ToDocSummary(h.Doc), Score: h.Score, Snippet: segments(h.Snippet)}
}

// Ref names an entity.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type,omitempty"`
}

// DocRef names a document.
type DocRef struct {
	ID        string  `json:"id"`
	Source    string  `json:"source"`
	Title     string  `json:"title,omitempty"`
	Published *string `json:"published"`
	Lang      string  `json:"lang,omitempty"`
}

func toDocRef(d store.DocRef) DocRef {
	return DocRef{ID: d.ID, Source: d.Source, Title: d.Title, Published: date(d.Published), Lang: d.Lang}
}

// Relay is an outlet in a relay chain.
type Relay struct {
	Name string `json:"name"`
	ID   string `json:"id,omitempty"`
}

// Quote is a quote with its speaker, relays, subjects and document.
type Quote struct {
	ID          string    `json:"id"`
	Text        string    `json:"text"`
	Kind        string    `json:"kind"`
	Speaker     *Ref      `json:"speaker"`
	SpeakerText string    `json:"speaker_text,omitempty"`
	Anonymous   bool      `json:"anonymous,omitempty"`
	Via         []Relay   `json:"via"`
	To          []Relay   `json:"to"`
	About       []Ref     `json:"about"`
	Document    DocRef    `json:"document"`
	Confidence  float64   `json:"confidence"`
	Snippet     []Segment `json:"snippet,omitempty"`
}

// ToQuote converts a store quote.
func ToQuote(q store.Quote) Quote {
	out := Quote{ID: q.ID, Text: q.Text, Kind: q.Kind, SpeakerText: q.SpeakerText, Anonymous: q.Anonymous,
		Via: []Relay{}, To: []Relay{}, About: []Ref{}, Document: toDocRef(q.Doc), Confidence: q.Confidence,
		Snippet: segments(q.Snippet)}
	if q.Speaker != nil {
		out.Speaker = &Ref{ID: q.Speaker.ID, Name: q.Speaker.Name, Type: q.Speaker.Type}
	}
	for _, r := range q.Via {
		out.Via = append(out.Via, Relay{Name: r.Name, ID: r.EntityID})
	}
	for _, r := range q.To {
		out.To = append(out.To, Relay{Name: r.Name, ID: r.EntityID})
	}
	for _, a := range q.About {
		out.About = append(out.About, Ref{ID: a.ID, Name: a.Name, Type: a.Type})
	}
	return out
}

// EntitySummary is an entity in lists.
type EntitySummary struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	KBID     string `json:"kb_id,omitempty"`
	Gender   string `json:"gender,omitempty"`
	Docs     int    `json:"documents"`
	Mentions int    `json:"mentions"`
	Quotes   int    `json:"quotes"`
}

// ToEntitySummary converts a store entity summary.
func ToEntitySummary(e store.EntitySummary) EntitySummary {
	return EntitySummary{ID: e.ID, Name: e.Name, Type: e.Type, KBID: e.KBID, Gender: e.Gender, Docs: e.Docs,
		Mentions: e.Mentions, Quotes: e.Quotes}
}

// Role is a role and the number of documents giving it.
type Role struct {
	Text string `json:"text"`
	Docs int    `json:"documents"`
}

// Mention is an entity occurrence; span is in code points of the
// document text.
type Mention struct {
	Document DocRef `json:"document"`
	Text     string `json:"text"`
}

// Cooccurrence is an entity seen in the same documents.
type Cooccurrence struct {
	Entity Ref `json:"entity"`
	Docs   int `json:"documents"`
}

// Month is a month of the timeline.
type Month struct {
	Month string `json:"month"`
	Docs  int    `json:"documents"`
}

// Entity is everything known about an entity.
type Entity struct {
	EntitySummary
	Aliases     []string       `json:"aliases"`
	Roles       []Role         `json:"roles"`
	Mentions    []Mention      `json:"recent_mentions"`
	QuotesBy    []Quote        `json:"quotes_by"`
	QuotesAbout []Quote        `json:"quotes_about"`
	CoOccurring []Cooccurrence `json:"co_occurring"`
	Timeline    []Month        `json:"timeline"`
}

// ToEntity converts a store entity.
func ToEntity(d *store.EntityDetail) Entity {
	out := Entity{EntitySummary: ToEntitySummary(d.EntitySummary), Aliases: []string{}, Roles: []Role{}, Mentions: []Mention{},
		QuotesBy: []Quote{}, QuotesAbout: []Quote{}, CoOccurring: []Cooccurrence{}, Timeline: []Month{}}
	out.Aliases = append(out.Aliases, d.Aliases...)
	for _, r := range d.Roles {
		out.Roles = append(out.Roles, Role{Text: r.Text, Docs: r.Docs})
	}
	for _, m := range d.RecentMentions {
		out.Mentions = append(out.Mentions, Mention{Document: toDocRef(m.Doc), Text: m.Text})
	}
	for _, q := range d.QuotesBy {
		out.QuotesBy = append(out.QuotesBy, ToQuote(q))
	}
	for _, q := range d.QuotesAbout {
		out.QuotesAbout = append(out.QuotesAbout, ToQuote(q))
	}
	for _, c := range d.CoOccurring {
		out.CoOccurring = append(out.CoOccurring, Cooccurrence{Entity: Ref{ID: c.Entity.ID, Name: c.Entity.Name, Type: c.Entity.Type}, Docs: c.Docs})
	}
	for _, m := range d.Timeline {
		out.Timeline = append(out.Timeline, Month{Month: m.Month, Docs: m.Docs})
	}
	return out
}

// Paragraph is a paragraph span (code points) and whether it was removed.
type Paragraph struct {
	Span    doc.WireSpan `json:"span"`
	Removed bool         `json:"removed"`
}

// Document is a stored document: the analyse --json form (doc.Wire, with
// store-wide entity ids) plus what the store knows about it.
type Document struct {
	doc.Wire
	Hash       string      `json:"hash"`
	Version    string      `json:"analyzer_version"`
	Ingested   time.Time   `json:"ingested"`
	Text       string      `json:"text"`
	Paragraphs []Paragraph `json:"paragraphs"`
}

// ToDocument converts a stored document.
func ToDocument(sd *store.Document) Document {
	w := doc.ToWire(sd.Doc)
	w.Counts = doc.WireCounts{Paragraphs: sd.Counts.Paragraphs, Sentences: sd.Counts.Sentences, Tokens: sd.Counts.Tokens}
	out := Document{Wire: w, Hash: sd.Hash, Version: sd.Version, Ingested: sd.Ingested, Text: sd.Doc.Text, Paragraphs: []Paragraph{}}
	ri := newRunes(sd.Doc.Text)
	for _, p := range sd.Doc.Paragraphs {
		out.Paragraphs = append(out.Paragraphs, Paragraph{Span: doc.WireSpan{ri.at(p.Span.Start), ri.at(p.Span.End)}, Removed: p.Removed})
	}
	return out
}

// runes maps byte offsets to code-point offsets.
type runes struct{ cum []int }

func newRunes(s string) runes {
	cum := make([]int, len(s)+1)
	n := 0
	for i := 0; i < len(s); i++ {
		cum[i] = n
		if s[i] < 0x80 || s[i] >= 0xC0 {
			n++
		}
	}
	cum[len(s)] = n
	return runes{cum}
}

func (r runes) at(b int) int {
	if b < 0 {
		b = 0
	}
	if b >= len(r.cum) {
		b = len(r.cum) - 1
	}
	return r.cum[b]
}

// PutResult is the outcome of storing an uploaded document.
type PutResult struct {
	ID     string `json:"id"`
	Status string `json:"status"` // added | replaced | unchanged
}

// Stats counts stored things.
type Stats struct {
	Documents     int   `json:"documents"`
	Entities      int   `json:"entities"`
	Mentions      int   `json:"mentions"`
	Quotes        int   `json:"quotes"`
	Times         int   `json:"times"`
	Quantities    int   `json:"quantities"`
	Events        int   `json:"events"`
	SchemaVersion int   `json:"schema_version"`
	Bytes         int64 `json:"bytes"`
}

// Error is the body of every error response.
type Error struct {
	Error ErrorBody `json:"error"`
}

// ErrorBody is an error's machine code and human message.
type ErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}
