package sqlite

import (
	"context"
	"database/sql"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

// The write transaction: prepared statements, the cross-transaction entity
// cache, pending counts and full-text rows, and the stemming done before the
// write lock is taken.

// txn is a write transaction with statements prepared on first use.
type txn struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	// entities and names written or seen by the transaction (see
	// entityCache); merged into the store's cache on commit.
	entities map[string]entityRef
	names    map[string]bool // "id\x1fname" known to exist
	cache    *entityCache
	gen      string // entity generation read at the start
	deleted  bool   // entities were deleted
	// Full-text rows are written last (see flushFTS).
	entityFTS []ftsRow
	quoteFTS  []ftsRow
	docFTS    []ftsRow
	// stems of the document being inserted, computed before the transaction
	stems *docStems
	// Buffered rows and counts (see batch.go).
	rows   *tables
	counts map[int64]*counts
	// Documents buffered but not written: their hashes (→ doc id) and
	// "i\x00"+doc id, "s\x00"+source keys.
	pendingHash map[string]string
	pendingKey  map[string]bool
	// Next ids to assign (0 until read from the database).
	nextDoc, nextQuote, nextEntity, nextName int64
	// Entities created by the transaction; those still buffered, with the
	// offset of their row in rows.entities; folds of buffered aliases.
	created         map[int64]bool
	pendingEntities map[int64]int
	pendingFolds    map[string][]int64 // fold → entities
}

func newTxn(ctx context.Context, tx *sql.Tx, cache *entityCache) *txn {
	return &txn{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}, entities: map[string]entityRef{}, names: map[string]bool{},
		cache: cache, rows: newTables(), counts: map[int64]*counts{}, pendingHash: map[string]string{}, pendingKey: map[string]bool{},
		created: map[int64]bool{}, pendingEntities: map[int64]int{}, pendingFolds: map[string][]int64{}}
}

// entityRef is a cached entity: its id, and whether its gender is known
// (an entity stored without one gets the first gender seen later).
type entityRef struct {
	id       int64
	gendered bool
}

// entityCache remembers, across transactions, the entities and aliases
// known to exist, which spares most per-entity lookups when a batch is
// written. Entities are only ever deleted by Put when a document is
// replaced; that bumps the "entity_gen" counter in the meta table, and a
// transaction that finds another generation than the cache's (another
// process deleted entities) empties the cache first.
type entityCache struct {
	mu       sync.Mutex
	gen      string
	entities map[string]entityRef
	names    map[string]bool
}

// entityCacheSize bounds the cache (emptied when full).
const entityCacheSize = 1 << 18

// begin reads the entity generation and drops a stale cache.
func (t *txn) begin() error {
	if err := t.row("SELECT COALESCE((SELECT value FROM meta WHERE key = 'entity_gen'), '0')").Scan(&t.gen); err != nil {
		return err
	}
	c := t.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != t.gen || c.entities == nil {
		c.gen, c.entities, c.names = t.gen, map[string]entityRef{}, map[string]bool{}
	}
	return nil
}

// committed updates the store's cache after a successful commit.
func (t *txn) committed() {
	c := t.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.deleted || len(c.entities)+len(t.entities) > entityCacheSize || len(c.names)+len(t.names) > entityCacheSize {
		c.gen, c.entities, c.names = "", nil, nil
		return
	}
	for k, v := range t.entities {
		c.entities[k] = v
	}
	for k := range t.names {
		c.names[k] = true
	}
}

func (t *txn) cachedEntity(key string) (entityRef, bool) {
	if r, ok := t.entities[key]; ok {
		return r, true
	}
	if t.deleted {
		return entityRef{}, false
	}
	t.cache.mu.Lock()
	defer t.cache.mu.Unlock()
	r, ok := t.cache.entities[key]
	return r, ok
}

func (t *txn) cachedName(k string) bool {
	if t.names[k] {
		return true
	}
	if t.deleted {
		return false
	}
	t.cache.mu.Lock()
	defer t.cache.mu.Unlock()
	return t.cache.names[k]
}

// count returns the pending count changes of an entity.
func (t *txn) count(id int64) *counts {
	c := t.counts[id]
	if c == nil {
		c = &counts{}
		t.counts[id] = c
	}
	return c
}

// nextIDs assigns a document id and reserves n quote ids after it.
func (t *txn) nextIDs(quotes int) (doc, firstQuote int64, err error) {
	if t.nextDoc == 0 {
		if err := t.row("SELECT COALESCE(max(id), 0) + 1 FROM documents").Scan(&t.nextDoc); err != nil {
			return 0, 0, err
		}
		if err := t.row("SELECT COALESCE(max(id), 0) + 1 FROM quotes").Scan(&t.nextQuote); err != nil {
			return 0, 0, err
		}
	}
	doc, firstQuote = t.nextDoc, t.nextQuote
	t.nextDoc++
	t.nextQuote += int64(quotes)
	return doc, firstQuote, nil
}

// ftsRow is a row waiting to be added to an FTS table.
type ftsRow struct {
	rowid     int64
	col, text string
	meta      string // doc_fts and quote_fts: filter tokens (see filter.go)
}

// docStems is the indexed form of a document (see indexText) and of its
// quotes, computed outside the write transaction.
type docStems struct {
	col    string
	text   string
	quotes []string
}

func stemDoc(d *doc.Document) *docStems {
	col := store.Column(d.Lang)
	st := &docStems{col: col, text: store.StemText(indexText(d), col), quotes: make([]string, len(d.Quotes))}
	for i, q := range d.Quotes {
		st.quotes[i] = store.StemText(d.Slice(q.Span), col)
	}
	return st
}

// stemAll stems the documents on every core.
func stemAll(docs []*doc.Document) []*docStems {
	out := make([]*docStems, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(docs) {
					return
				}
				out[i] = stemDoc(docs[i])
			}
		}()
	}
	wg.Wait()
	return out
}

// flushFTS writes the pending full-text rows. FTS5 flushes its in-memory
// index to a new on-disk segment whenever a statement that may need a
// statement journal runs after an FTS write in the same transaction; writing
// every FTS row after all the other rows of the batch keeps one segment per
// batch instead of one per document (and the merging that follows).
func (t *txn) flushFTS() error {
	for _, p := range []struct {
		table string
		rows  *[]ftsRow
	}{{"entity_fts", &t.entityFTS}, {"quote_fts", &t.quoteFTS}, {"doc_fts", &t.docFTS}} {
		for _, r := range *p.rows {
			var err error
			if p.table != "entity_fts" {
				_, err = t.exec("INSERT INTO "+p.table+" (rowid, "+r.col+", "+metaColumn+") VALUES (?, ?, ?)", r.rowid, r.text, r.meta)
			} else {
				_, err = t.exec("INSERT INTO "+p.table+" (rowid, "+r.col+") VALUES (?, ?)", r.rowid, r.text)
			}
			if err != nil {
				return err
			}
		}
		*p.rows = (*p.rows)[:0]
	}
	return nil
}

func (t *txn) stmt(q string) (*sql.Stmt, error) {
	if st, ok := t.stmts[q]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(t.ctx, q)
	if err != nil {
		return nil, err
	}
	t.stmts[q] = st
	return st, nil
}

func (t *txn) exec(q string, args ...any) (sql.Result, error) {
	st, err := t.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(t.ctx, args...)
}

func (t *txn) row(q string, args ...any) *sql.Row {
	st, err := t.stmt(q)
	if err != nil {
		// Surface the prepare error through a query that fails the same way.
		return t.tx.QueryRowContext(t.ctx, q, args...)
	}
	return st.QueryRowContext(t.ctx, args...)
}

func (t *txn) close() {
	for _, st := range t.stmts {
		st.Close()
	}
}
