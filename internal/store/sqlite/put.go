package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

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

// Has reports which content hashes are stored.
func (s *Store) Has(ctx context.Context, hashes []string) (map[string]bool, error) {
	out := map[string]bool{}
	for len(hashes) > 0 {
		n := min(len(hashes), 200)
		chunk := hashes[:n]
		hashes = hashes[n:]
		args := make([]any, len(chunk))
		for i, h := range chunk {
			args[i] = h
		}
		rows, err := s.db.QueryContext(ctx, "SELECT hash FROM documents WHERE hash IN ("+placeholders(len(chunk))+")", args...)
		if err != nil {
			return nil, fmt.Errorf("has: %w", mapErr(err))
		}
		for rows.Next() {
			var h string
			if err := rows.Scan(&h); err != nil {
				rows.Close()
				return nil, mapErr(err)
			}
			out[h] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, mapErr(err)
		}
	}
	return out, nil
}

func placeholders(n int) string {
	if n <= 0 {
		return "NULL"
	}
	return strings.Repeat("?,", n-1) + "?"
}

// Put stores documents in one transaction.
func (s *Store) Put(ctx context.Context, docs []*doc.Document, version string) ([]store.PutResult, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	// Stemming is the costliest part of indexing: done first, in parallel,
	// and before taking the write lock.
	stems := stemAll(docs)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("put: %w", mapErr(err))
	}
	t := newTxn(ctx, tx, &s.cache)
	defer t.close()
	defer tx.Rollback()
	if err := t.begin(); err != nil {
		return nil, fmt.Errorf("put: %w", mapErr(err))
	}
	out := make([]store.PutResult, 0, len(docs))
	now := time.Now().UTC().Format(time.RFC3339)
	for i, d := range docs {
		t.stems = stems[i]
		r, err := t.put(d, version, now)
		if err != nil {
			return nil, fmt.Errorf("put %s: %w", d.Source, mapErr(err))
		}
		out = append(out, r)
	}
	if err := t.flush(); err != nil {
		return nil, fmt.Errorf("put: %w", mapErr(err))
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("put: commit: %w", mapErr(err))
	}
	t.committed()
	return out, nil
}

func (t *txn) put(d *doc.Document, version, now string) (store.PutResult, error) {
	hash := store.ContentHash(d.Text)
	if existing, ok := t.pendingHash[hash]; ok {
		return store.PutResult{ID: existing, Status: store.Unchanged}, nil
	}
	var existing string
	switch err := t.row("SELECT doc_id FROM documents WHERE hash = ?", hash).Scan(&existing); {
	case err == nil:
		return store.PutResult{ID: existing, Status: store.Unchanged}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return store.PutResult{}, err
	}
	id := d.ID
	if id == "" {
		id = doc.HashID(d.Text)
	}
	status := store.Added
	if t.pendingKey["i\x00"+id] || (d.Source != "" && t.pendingKey["s\x00"+d.Source]) {
		// It replaces a document of this batch: write the batch first.
		if err := t.flush(); err != nil {
			return store.PutResult{}, err
		}
	}
	st, err := t.stmt("SELECT id FROM documents WHERE doc_id = ? OR (source = ? AND source != '')")
	if err != nil {
		return store.PutResult{}, err
	}
	rows, err := st.QueryContext(t.ctx, id, d.Source)
	if err != nil {
		return store.PutResult{}, err
	}
	var old []int64
	for rows.Next() {
		var n int64
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return store.PutResult{}, err
		}
		old = append(old, n)
	}
	rows.Close()
	for _, n := range old {
		if err := t.deleteDoc(n); err != nil {
			return store.PutResult{}, err
		}
		status = store.Replaced
	}
	if err := t.insert(d, id, hash, version, now); err != nil {
		return store.PutResult{}, err
	}
	t.pendingHash[hash] = id
	t.pendingKey["i\x00"+id] = true
	if d.Source != "" {
		t.pendingKey["s\x00"+d.Source] = true
	}
	return store.PutResult{ID: id, Status: status}, nil
}

// deleteDoc removes a document, its facts and the entities only it used.
func (t *txn) deleteDoc(rowid int64) error {
	// Pending rows go in first, so that the deletions below see (and
	// remove) them and read true counts.
	if err := t.flush(); err != nil {
		return err
	}
	type count struct{ id, mentions int64 }
	rows, err := t.tx.QueryContext(t.ctx, `SELECT de.entity,
		(SELECT count(*) FROM mentions m WHERE m.doc = de.doc AND m.entity = de.entity)
		FROM doc_entities de WHERE de.doc = ? GROUP BY de.entity`, rowid)
	if err != nil {
		return err
	}
	var counts []count
	for rows.Next() {
		var c count
		if err := rows.Scan(&c.id, &c.mentions); err != nil {
			rows.Close()
			return err
		}
		counts = append(counts, c)
	}
	rows.Close()
	for _, c := range counts {
		if _, err := t.exec("UPDATE entities SET docs = docs - 1, mentions = mentions - ? WHERE id = ?", c.mentions, c.id); err != nil {
			return err
		}
	}
	stmts := []string{
		"UPDATE entities SET quotes = quotes - (SELECT count(*) FROM quotes q WHERE q.doc = ?1 AND q.speaker = entities.id) WHERE id IN (SELECT speaker FROM quotes WHERE doc = ?1)",
		"DELETE FROM quote_fts WHERE rowid IN (SELECT id FROM quotes WHERE doc = ?1)",
		"DELETE FROM doc_fts WHERE rowid = ?1",
		"DELETE FROM documents WHERE id = ?1",
	}
	for _, q := range stmts {
		if _, err := t.exec(q, rowid); err != nil {
			return err
		}
	}
	for _, c := range counts {
		var docs int64
		if err := t.row("SELECT docs FROM entities WHERE id = ?", c.id).Scan(&docs); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			return err
		}
		if docs > 0 {
			continue
		}
		if _, err := t.exec("DELETE FROM entity_fts WHERE rowid IN (SELECT id FROM entity_names WHERE entity = ?)", c.id); err != nil {
			return err
		}
		if _, err := t.exec("DELETE FROM entities WHERE id = ?", c.id); err != nil {
			return err
		}
		if !t.deleted {
			// Every process's entity cache is now stale.
			if _, err := t.exec(`INSERT INTO meta (key, value) VALUES ('entity_gen', '1')
				ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`); err != nil {
				return err
			}
			t.deleted = true
		}
	}
	// The transaction's entity cache may name deleted entities.
	clear(t.entities)
	clear(t.names)
	clear(t.created)
	return nil
}

func entityKey(kbID, typ, name string) string {
	if kbID != "" {
		return "kb:" + kbID
	}
	return "n:" + typ + ":" + store.Fold(strings.TrimSpace(name))
}

// upsertEntity returns the id of the entity with that key, creating it.
func (t *txn) upsertEntity(key, name, typ, kbID, gender string) (int64, error) {
	if r, ok := t.cachedEntity(key); ok {
		if r.gendered || gender == "" {
			return r.id, nil
		}
		if off, ok := t.pendingEntities[r.id]; ok { // still buffered: set its gender there
			t.rows.entities.vals[off+5] = gender
			t.entities[key] = entityRef{id: r.id, gendered: true}
			return r.id, nil
		}
	}
	// Most entities exist already: a lookup is cheaper than an upsert.
	var (
		id  int64
		old string
	)
	switch err := t.row("SELECT id, gender FROM entities WHERE key = ?", key).Scan(&id, &old); {
	case err == nil:
		if old == "" && gender != "" {
			if _, err := t.exec("UPDATE entities SET gender = ? WHERE id = ?", gender, id); err != nil {
				return 0, err
			}
		}
	case errors.Is(err, sql.ErrNoRows):
		if id, err = t.nextID("entities", &t.nextEntity); err != nil {
			return 0, err
		}
		t.created[id] = true
		t.pendingEntities[id] = len(t.rows.entities.vals)
		t.rows.entities.add(id, key, name, typ, kbID, gender)
	default:
		return 0, err
	}
	t.entities[key] = entityRef{id: id, gendered: old != "" || gender != ""}
	return id, nil
}

// addName records an alias of an entity.
func (t *txn) addName(entity int64, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	k := strconv.FormatInt(entity, 10) + "\x1f" + name
	if t.cachedName(k) {
		return nil
	}
	t.names[k] = true
	var nid int64
	// An entity created by this transaction has only the aliases t.names
	// lists.
	if !t.created[entity] {
		switch err := t.row("SELECT id FROM entity_names WHERE entity = ? AND name = ?", entity, name).Scan(&nid); {
		case err == nil:
			return nil
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
	}
	nid, err := t.nextID("entity_names", &t.nextName)
	if err != nil {
		return err
	}
	fold := store.Fold(name)
	t.rows.names.add(nid, entity, name, fold)
	t.pendingFolds[fold] = append(t.pendingFolds[fold], entity)
	t.entityFTS = append(t.entityFTS, ftsRow{rowid: nid, col: "name", text: name})
	return nil
}

// findByName returns the most used entity with this exact (folded) alias,
// preferring persons.
func (t *txn) findByName(name string) (int64, bool, error) {
	fold := store.Fold(name)
	type cand struct {
		per  bool
		docs int64
	}
	cands := map[int64]cand{}
	if err := scanAll(t.ctx, stmtQuerier{t}, `SELECT DISTINCT e.id, e.type = 'PER', e.docs FROM entity_names n JOIN entities e ON e.id = n.entity
		WHERE n.fold = ?`, []any{fold}, func(r *sql.Rows) error {
		var (
			id int64
			c  cand
		)
		err := r.Scan(&id, &c.per, &c.docs)
		cands[id] = c
		return err
	}); err != nil {
		return 0, false, err
	}
	// Aliases buffered by this batch, of new or stored entities.
	for _, id := range t.pendingFolds[fold] {
		if _, ok := cands[id]; ok {
			continue
		}
		if off, ok := t.pendingEntities[id]; ok {
			cands[id] = cand{per: t.rows.entities.vals[off+3] == "PER"}
			continue
		}
		var c cand
		if err := t.row("SELECT type = 'PER', docs FROM entities WHERE id = ?", id).Scan(&c.per, &c.docs); err != nil {
			return 0, false, err
		}
		cands[id] = c
	}
	// The document counts include this batch's, not yet written.
	var best struct {
		id, docs int64
		per      bool
	}
	for id, c := range cands {
		docs := c.docs
		if n := t.counts[id]; n != nil {
			docs += n.docs
		}
		if docs <= 0 {
			continue
		}
		better := best.id == 0 || (c.per && !best.per) ||
			(c.per == best.per && (docs > best.docs || (docs == best.docs && id < best.id)))
		if better {
			best.id, best.docs, best.per = id, docs, c.per
		}
	}
	return best.id, best.id != 0, nil
}

// stmtQuerier runs queries through the transaction's prepared statements.
type stmtQuerier struct{ t *txn }

func (q stmtQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := q.t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (q stmtQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return q.t.row(query, args...)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func (t *txn) insert(d *doc.Document, id, hash, version, now string) error {
	pubStart, pubEnd := store.DateRange(d.Published)
	lang := d.Lang
	if lang == "" {
		lang = "und"
	}
	paras := make([][3]int, len(d.Paragraphs))
	for i, p := range d.Paragraphs {
		r := 0
		if p.Removed {
			r = 1
		}
		paras[i] = [3]int{p.Span.Start, p.Span.End, r}
	}
	pj, _ := json.Marshal(paras)
	rowid, qid0, err := t.nextIDs(len(d.Quotes))
	if err != nil {
		return err
	}
	r := t.rows
	r.documents.add(rowid, id, hash, d.Source, d.Title, d.URL, d.Outlet, d.Published.String(), pubStart, pubEnd,
		lang, langBase(lang), d.LangConfidence, d.LangSource, d.Body.Start, d.Body.End, string(pj), len(d.Sentences), len(d.Tokens),
		len(d.Entities), len(d.Quotes), version, now)
	r.texts.add(rowid, d.Text)

	// Entities, merged store-wide.
	local := map[string]int64{}   // doc entity id → store entity id
	mentions := map[int64]int64{} // store entity id → mentions in this doc
	for ord, e := range d.Entities {
		key := entityKey(e.KBID, e.Type, e.Name)
		gid, err := t.upsertEntity(key, e.Name, e.Type, e.KBID, e.Gender)
		if err != nil {
			return err
		}
		if e.ID != "" {
			local[e.ID] = gid
		}
		if err := t.addName(gid, e.Name); err != nil {
			return err
		}
		for _, n := range e.Names {
			if err := t.addName(gid, n); err != nil {
				return err
			}
		}
		names, _ := json.Marshal(e.Names)
		r.docEntities.add(rowid, ord, gid, "entity", e.ID, e.Name, string(names), e.Type, e.Stage)
		mentions[gid] += int64(len(e.Mentions))
		for _, m := range e.Mentions {
			text := m.Text
			if text == "" {
				text = d.Slice(m.Span)
			}
			r.mentions.add(rowid, ord, gid, m.Span.Start, m.Span.End, text, m.Stage)
		}
		for _, x := range e.Roles {
			r.roles.add(rowid, ord, gid, x.Text, x.Span.Start, x.Span.End)
		}
	}

	// Named speakers the analyser did not link become entities too, so
	// that "quotes by" finds them.
	ord := len(d.Entities)
	speakers := make([]int64, len(d.Quotes))
	for i, q := range d.Quotes {
		sp := q.Speaker
		if gid, ok := local[sp.EntityID]; ok && sp.EntityID != "" {
			speakers[i] = gid
			continue
		}
		name := strings.TrimSpace(sp.Name)
		if name == "" || sp.Anonymous {
			continue
		}
		gid, found := int64(0), false
		fold := store.Fold(name)
		for _, e := range d.Entities {
			if found {
				break
			}
			for _, n := range append([]string{e.Name}, e.Names...) {
				if store.Fold(n) == fold {
					gid, found = local[e.ID], local[e.ID] != 0
					break
				}
			}
		}
		if !found {
			if gid, found, err = t.findByName(name); err != nil {
				return err
			}
		}
		if !found {
			if gid, err = t.upsertEntity(entityKey("", "PER", name), name, "PER", "", ""); err != nil {
				return err
			}
			if err := t.addName(gid, name); err != nil {
				return err
			}
		}
		speakers[i] = gid
		if _, ok := mentions[gid]; !ok {
			mentions[gid] = 0
			r.docEntities.add(rowid, ord, gid, "speaker", "", name, "[]", "", q.Stage)
			ord++
		}
	}
	for gid, n := range mentions {
		c := t.count(gid)
		c.docs++
		c.mentions += n
	}

	meta := docMeta{pubStart: pubStart, pubEnd: pubEnd, outlet: d.Outlet}
	for gid := range mentions {
		meta.entities = append(meta.entities, gid)
	}
	for _, gid := range speakers {
		if gid != 0 {
			meta.speakers = append(meta.speakers, gid)
		}
	}

	// Quotes.
	for i, q := range d.Quotes {
		anon := 0
		if q.Speaker.Anonymous {
			anon = 1
		}
		qid := qid0 + int64(i)
		r.quotes.add(qid, rowid, q.Span.Start, q.Span.End, q.Kind, nullID(speakers[i]), q.Speaker.EntityID,
			q.Speaker.Name, q.Speaker.Span.Start, q.Speaker.Span.End, anon, q.Cue.Start, q.Cue.End, q.Confidence,
			q.Stage, lang, langBase(lang), pubStart, pubEnd)
		qm := docMeta{pubStart: pubStart, pubEnd: pubEnd}
		if speakers[i] != 0 {
			t.count(speakers[i]).quotes++
			qm.speakers = []int64{speakers[i]}
		}
		for _, rel := range []struct {
			role string
			rs   []doc.Relay
		}{{"via", q.Via}, {"to", q.To}} {
			for pos, x := range rel.rs {
				name := x.Name
				if name == "" {
					name = d.Slice(x.Span)
				}
				fold := store.Fold(name)
				r.relays.add(qid, rel.role, pos, name, fold, nullID(local[x.EntityID]), x.EntityID, x.Span.Start, x.Span.End)
				if rel.role == "via" {
					meta.viaFolds = append(meta.viaFolds, fold)
					qm.viaFolds = append(qm.viaFolds, fold)
					if g := local[x.EntityID]; g != 0 {
						meta.viaEntities = append(meta.viaEntities, g)
						qm.viaEntities = append(qm.viaEntities, g)
					}
				}
			}
		}
		about := map[int64]bool{}
		for _, e := range d.Entities {
			gid := local[e.ID]
			if gid == 0 || gid == speakers[i] || about[gid] {
				continue
			}
			for _, m := range e.Mentions {
				if q.Span.Contains(m.Span) {
					about[gid] = true
					r.about.add(qid, gid)
					qm.about = append(qm.about, gid)
					break
				}
			}
		}
		t.quoteFTS = append(t.quoteFTS, ftsRow{rowid: qid, col: t.stems.col, text: t.stems.quotes[i], meta: qm.text()})
	}

	for _, x := range d.Removed {
		r.removed.add(rowid, x.Span.Start, x.Span.End, x.Kind, x.Reason, x.Stage)
	}
	for _, p := range d.Problems {
		r.problems.add(rowid, p.Stage, p.Message)
	}
	for _, x := range d.Times {
		r.times.add(rowid, x.Span.Start, x.Span.End, x.Type, x.Value, x.Anchor, x.Stage)
	}
	for _, x := range d.Quantities {
		var siV any
		siU := ""
		if x.SI != nil {
			siV, siU = x.SI.Value, x.SI.Unit
		}
		var vmax any
		if x.ValueMax != nil {
			vmax = *x.ValueMax
		}
		approx := 0
		if x.Approx {
			approx = 1
		}
		r.quantities.add(rowid, x.Span.Start, x.Span.End, x.Value, vmax, x.Unit, siV, siU, approx, x.Measured, x.Stage)
	}
	for _, ev := range d.Events {
		parts := []int64{}
		for _, p := range ev.Participants {
			if g := local[p]; g != 0 {
				parts = append(parts, g)
			}
		}
		pj, _ := json.Marshal(parts)
		r.events.add(rowid, ev.Span.Start, ev.Span.End, ev.Type, string(pj), nullID(local[ev.Place]), nullID(local[ev.Origin]),
			ev.Time, ev.Stage)
	}
	t.docFTS = append(t.docFTS, ftsRow{rowid: rowid, col: t.stems.col, text: t.stems.text, meta: meta.text()})
	return nil
}

// indexText is what full-text search sees of a document: the title and
// the paragraphs that were not removed.
func indexText(d *doc.Document) string {
	var b strings.Builder
	b.WriteString(d.Title)
	if len(d.Paragraphs) == 0 {
		b.WriteString("\n")
		b.WriteString(d.Slice(d.Body))
		return b.String()
	}
	for _, p := range d.Paragraphs {
		if !p.Removed {
			b.WriteString("\n")
			b.WriteString(d.Slice(p.Span))
		}
	}
	return b.String()
}
