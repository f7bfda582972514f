package sqlite

import (
	"strings"
)

// Write batching.
//
// Put used to run one INSERT per row (some 60 statements per article); in
// this pure-Go SQLite every statement costs microseconds of binding and
// VDBE set-up, so a transaction now buffers the rows of every fact table
// and writes them with multi-row INSERTs, assigning document and quote ids
// itself (the write lock is held, so max(id)+1 is what SQLite would pick);
// new entities and aliases are buffered the same way (the transaction's
// entity cache finds them, and a lookup by alias looks at them too).
// Entity reference counts are summed per transaction and written once per
// entity, and full-text rows go in last (see flushFTS). Anything that reads
// what a batch wrote (replacing a document of the same batch, deleting) first
// calls flush.

// table is the buffer of one table's pending rows.
type table struct {
	name string
	cols []string
	vals []any
}

// Rows per multi-row INSERT; SQLite allows 32,766 bound values.
const rowsPerInsert = 128

// add buffers one row (len(vals) == len(cols)).
func (b *table) add(vals ...any) {
	b.vals = append(b.vals, vals...)
}

// insertSQL is the INSERT of n rows into the table.
func (b *table) insertSQL(n int) string {
	var s strings.Builder
	s.WriteString("INSERT INTO ")
	s.WriteString(b.name)
	s.WriteString(" (")
	s.WriteString(strings.Join(b.cols, ", "))
	s.WriteString(") VALUES ")
	row := "(" + placeholders(len(b.cols)) + ")"
	for i := range n {
		if i > 0 {
			s.WriteByte(',')
		}
		s.WriteString(row)
	}
	return s.String()
}

// flush writes the buffered rows.
func (b *table) flush(t *txn) error {
	w := len(b.cols)
	for len(b.vals) > 0 {
		n := min(len(b.vals)/w, rowsPerInsert)
		if _, err := t.exec(b.insertSQL(n), b.vals[:n*w]...); err != nil {
			return err
		}
		b.vals = b.vals[n*w:]
	}
	b.vals = nil
	return nil
}

// tables are the fact tables in the order their rows must be written
// (parents before children, for the foreign keys).
type tables struct {
	entities, names, documents, texts, docEntities, mentions, roles, quotes, relays, about,
	removed, problems, times, quantities, events table
}

func newTables() *tables {
	c := func(s string) []string { return strings.Split(s, ", ") }
	return &tables{
		entities: table{name: "entities", cols: c("id, key, name, type, kb_id, gender")},
		names:    table{name: "entity_names", cols: c("id, entity, name, fold")},
		documents: table{name: "documents", cols: c("id, doc_id, hash, source, title, url, outlet, published, pub_start, pub_end, " +
			"lang, lang_base, lang_confidence, lang_source, body_start, body_end, paragraphs, n_sentences, n_tokens, n_entities, n_quotes, " +
			"version, ingested")},
		texts:       table{name: "texts", cols: c("id, text")},
		docEntities: table{name: "doc_entities", cols: c("doc, ord, entity, kind, local_id, name, names, type, stage")},
		mentions:    table{name: "mentions", cols: c("doc, ord, entity, start, end, text, stage")},
		roles:       table{name: "roles", cols: c("doc, ord, entity, text, start, end")},
		quotes: table{name: "quotes", cols: c("id, doc, start, end, kind, speaker, speaker_local, speaker_name, speaker_start, " +
			"speaker_end, anonymous, cue_start, cue_end, confidence, stage, lang, lang_base, pub_start, pub_end")},
		relays:     table{name: "quote_relays", cols: c("quote, role, pos, name, fold, entity, local, start, end")},
		about:      table{name: "quote_about", cols: c("quote, entity")},
		removed:    table{name: "removed", cols: c("doc, start, end, kind, reason, stage")},
		problems:   table{name: "problems", cols: c("doc, stage, message")},
		times:      table{name: "times", cols: c("doc, start, end, type, value, anchor, stage")},
		quantities: table{name: "quantities", cols: c("doc, start, end, value, value_max, unit, si_value, si_unit, approx, measured, stage")},
		events:     table{name: "events", cols: c("doc, start, end, type, participants, place, origin, time, stage")},
	}
}

func (ts *tables) all() []*table {
	return []*table{&ts.entities, &ts.names, &ts.documents, &ts.texts, &ts.docEntities, &ts.mentions, &ts.roles, &ts.quotes, &ts.relays, &ts.about,
		&ts.removed, &ts.problems, &ts.times, &ts.quantities, &ts.events}
}

// counts are an entity's pending reference-count changes.
type counts struct{ docs, mentions, quotes int64 }

// flush writes everything the transaction buffered: rows, entity counts,
// then full-text rows.
func (t *txn) flush() error {
	for _, b := range t.rows.all() {
		if err := b.flush(t); err != nil {
			return err
		}
	}
	for id, c := range t.counts {
		if _, err := t.exec("UPDATE entities SET docs = docs + ?, mentions = mentions + ?, quotes = quotes + ? WHERE id = ?",
			c.docs, c.mentions, c.quotes, id); err != nil {
			return err
		}
	}
	clear(t.counts)
	clear(t.pendingHash)
	clear(t.pendingKey)
	clear(t.pendingEntities)
	clear(t.pendingFolds)
	return t.flushFTS()
}

// nextID returns the next id of a table whose ids the transaction assigns
// (*next is 0 until read from the database).
func (t *txn) nextID(table string, next *int64) (int64, error) {
	if *next == 0 {
		if err := t.row("SELECT COALESCE(max(id), 0) + 1 FROM " + table).Scan(next); err != nil {
			return 0, err
		}
	}
	id := *next
	*next++
	return id, nil
}
