// Package store defines newsgraph's knowledge base: the Store interface
// that keeps analysed documents and every fact extracted from them, the
// query and result types shared by the backends, the sentinel errors
// callers branch on, and the text analysis used for full-text search
// (accent folding, French and English Snowball stemming, the user query
// language and snippets).
//
// A Store holds, per document: its text and header, the analyser version,
// the removed parts, the entities (merged across documents by knowledge-base
// id, else by canonical name and type), their mentions and roles, the
// quotes with speakers and relay chains, times, quantities, events and
// problems. Every fact keeps its byte span into the document text.
//
// Documents are identified by a content hash (ContentHash): putting a
// document whose text is already stored changes nothing, and putting a
// document with the same source (or the same explicit id) but a new text
// replaces the old document and all its facts.
//
// Backends: internal/store/sqlite (embedded, pure Go). Every backend must
// pass the conformance suite in internal/store/storetest.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// SchemaVersion is the version of the stored data model. A backend refuses
// to open a database written with a newer version (ErrSchemaTooNew).
const SchemaVersion = 2

// Page sizes.
const (
	DefaultLimit = 20
	MaxLimit     = 100
	// MaxOffset bounds how deep ranked results can be paged.
	MaxOffset = 10000
)

// Sentinel errors. Backends wrap them with the operation (%w); callers test
// them with errors.Is.
var (
	// ErrNotFound: the document or entity does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid: a query parameter is malformed (bad date, cursor, limit,
	// empty search query).
	ErrInvalid = errors.New("invalid query")
	// ErrSchemaTooNew: the database was written by a newer newsgraph.
	ErrSchemaTooNew = errors.New("database schema is newer than this program")
	// ErrNeedsMigration: a read-only open of a database written by an
	// older newsgraph, whose schema must first be upgraded by an open for
	// writing (it also matches ErrInvalid).
	ErrNeedsMigration = errors.New("database schema needs upgrading")
	// ErrCorrupt: the file is not a newsgraph database or is damaged.
	ErrCorrupt = errors.New("not a newsgraph database, or a damaged one")
	// ErrBusy: another process held the database longer than the busy
	// timeout.
	ErrBusy = errors.New("database is busy (another process is writing)")
)

// Store is a knowledge base of analysed documents. Implementations are safe
// for concurrent use; several processes may open the same database, and
// writes from them are serialised (waiting up to a busy timeout).
type Store interface {
	// Put stores documents analysed by the given analyser version in one
	// transaction and returns one result per document, in order. A
	// document whose ContentHash is stored is left alone (Unchanged); one
	// with the same source or id as a stored document but another text
	// replaces it (Replaced).
	Put(ctx context.Context, docs []*doc.Document, version string) ([]PutResult, error)
	// Has reports which of the content hashes are stored.
	Has(ctx context.Context, hashes []string) (map[string]bool, error)

	// Document returns a stored document with all its layers; ErrNotFound
	// if there is none with that id.
	Document(ctx context.Context, id string) (*Document, error)
	// Documents lists documents, newest publication first.
	Documents(ctx context.Context, q DocumentQuery) (Page[DocSummary], error)
	// Search ranks documents matching a full-text query (see ParseQuery).
	Search(ctx context.Context, q SearchQuery) (Page[Hit], error)

	// Entity returns an entity with its aliases, roles, mentions, quotes by
	// and about it, co-occurring entities and monthly timeline.
	Entity(ctx context.Context, id string) (*EntityDetail, error)
	// Entities lists entities, most documents first, or those whose name
	// or alias matches q.Text.
	Entities(ctx context.Context, q EntityQuery) (Page[EntitySummary], error)
	// Quotes lists quotes, newest first, or ranked by q.Text.
	Quotes(ctx context.Context, q QuoteQuery) (Page[Quote], error)

	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)
	// Close releases the database.
	Close() error
}

// ContentHash is the identity of a document's content: the hex SHA-256 of
// its text.
func ContentHash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// PutStatus says what Put did with a document.
type PutStatus int

// Put outcomes.
const (
	Added     PutStatus = iota // a new document
	Replaced                   // a new text for a stored source or id
	Unchanged                  // the same text was already stored
)

func (s PutStatus) String() string {
	switch s {
	case Replaced:
		return "replaced"
	case Unchanged:
		return "unchanged"
	}
	return "added"
}

// PutResult is the outcome of storing one document.
type PutResult struct {
	ID     string
	Status PutStatus
}

// Page is one page of a list; Next is the opaque cursor of the following
// page, "" on the last one.
type Page[T any] struct {
	Items []T
	Next  string
}

// Counts are the sizes of the segmentation layers, which are not stored
// token by token.
type Counts struct {
	Paragraphs, Sentences, Tokens int
}

// Document is a stored document. Doc carries the text and every stored
// layer; entity ids in it (Entities, Quote speakers and relays, Event
// participants) are store-wide entity ids. Sentences and Tokens are not
// stored (see Counts).
type Document struct {
	Doc      *doc.Document
	Hash     string
	Counts   Counts
	Version  string // analyser version
	Ingested time.Time
}

// DocSummary describes a document in lists.
type DocSummary struct {
	ID        string
	Source    string
	Title     string
	URL       string
	Outlet    string
	Published doc.Date
	Lang      string
	Entities  int
	Quotes    int
	Version   string
}

// Ref names an entity.
type Ref struct {
	ID   string
	Name string
	Type string
}

// DocRef names a document.
type DocRef struct {
	ID        string
	Source    string
	Title     string
	Published doc.Date
	Lang      string
}

// Segment is a piece of a snippet; Match marks query terms.
type Segment struct {
	Text  string
	Match bool
}

// Hit is a search result.
type Hit struct {
	Doc     DocSummary
	Score   float64 // higher is better
	Snippet []Segment
}

// Relay is an outlet or source in a quote's relay chain.
type Relay struct {
	Name     string
	EntityID string // "" when not linked to an entity
}

// Quote is a stored quote with its context.
type Quote struct {
	ID          string
	Text        string
	Kind        string
	Speaker     *Ref   // nil when unattributed or anonymous
	SpeakerText string // how the speaker is named, if it is
	Anonymous   bool
	Via         []Relay
	To          []Relay
	About       []Ref // entities mentioned in the quote, speaker excluded
	Doc         DocRef
	Span        doc.Span
	Confidence  float64
	Snippet     []Segment // with query terms marked when the query had text
}

// RoleCount is a role given to an entity and how many documents give it.
type RoleCount struct {
	Text string
	Docs int
}

// Mention is an occurrence of an entity in a document.
type Mention struct {
	Doc  DocRef
	Text string
	Span doc.Span
}

// Cooccurrence is an entity seen in the same documents as another.
type Cooccurrence struct {
	Entity Ref
	Docs   int
}

// MonthCount is the number of documents in a month ("2023-09") that
// mention an entity.
type MonthCount struct {
	Month string
	Docs  int
}

// EntitySummary describes an entity in lists.
type EntitySummary struct {
	ID       string
	Name     string
	Type     string
	KBID     string
	Gender   string
	Docs     int
	Mentions int
	Quotes   int // quotes by the entity
}

// EntityDetail is everything known about an entity. The lists are capped
// (the most recent or most frequent first); use Quotes for all quotes.
type EntityDetail struct {
	EntitySummary
	Aliases        []string
	Roles          []RoleCount
	RecentMentions []Mention // newest documents first
	QuotesBy       []Quote
	QuotesAbout    []Quote
	CoOccurring    []Cooccurrence
	Timeline       []MonthCount // by publication month, ascending
}

// DocumentQuery filters the document list.
type DocumentQuery struct {
	Lang     string
	From, To string // publication date bounds: YYYY, YYYY-MM or YYYY-MM-DD
	Entity   string // an entity id or name
	Limit    int
	Cursor   string
}

// SearchQuery is a full-text search over article titles and kept text.
type SearchQuery struct {
	Text     string // user query, see ParseQuery
	Lang     string
	From, To string
	Entity   string // documents mentioning this entity (id or name)
	Speaker  string // documents quoting this speaker (id or name)
	Via      string // documents with the outlet, or a quote relayed through it
	Limit    int
	Cursor   string
}

// QuoteQuery filters quotes. Speaker, About and Via take an entity id or a
// name or alias in any language.
type QuoteQuery struct {
	Text     string // full-text query over the quote text
	Speaker  string
	About    string
	Via      string
	Lang     string
	From, To string
	Doc      string // a document id
	Limit    int
	Cursor   string
}

// EntityQuery filters entities.
type EntityQuery struct {
	Text   string // a name or alias (any language, accents ignored)
	Type   string // PER, ORG, LOC, MISC
	Limit  int
	Cursor string
}

// Stats counts stored things.
type Stats struct {
	Documents, Entities, Mentions, Quotes, Times, Quantities, Events int
	SchemaVersion                                                    int
	Bytes                                                            int64 // database size
}
