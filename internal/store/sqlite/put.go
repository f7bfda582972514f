package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

// txn is a write transaction with statements prepared on first use.
type txn struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	// entity cache for the transaction: key → id
	entities map[string]int64
	names    map[string]bool // "id\x1fname" known to exist
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
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("put: %w", mapErr(err))
	}
	t := &txn{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}, entities: map[string]int64{}, names: map[string]bool{}}
	defer t.close()
	defer tx.Rollback()
	out := make([]store.PutResult, 0, len(docs))
	now := time.Now().UTC().Format(time.RFC3339)
	for _, d := range docs {
		r, err := t.put(d, version, now)
		if err != nil {
			return nil, fmt.Errorf("put %s: %w", d.Source, mapErr(err))
		}
		out = append(out, r)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("put: commit: %w", mapErr(err))
	}
	return out, nil
}

func (t *txn) put(d *doc.Document, version, now string) (store.PutResult, error) {
	hash := store.ContentHash(d.Text)
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
	rows, err := t.tx.QueryContext(t.ctx, "SELECT id FROM documents WHERE doc_id = ? OR (source = ? AND source != '')", id, d.Source)
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
	return store.PutResult{ID: id, Status: status}, nil
}

// deleteDoc removes a document, its facts and the entities only it used.
func (t *txn) deleteDoc(rowid int64) error {
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
	}
	// The transaction's entity cache may name deleted entities.
	clear(t.entities)
	clear(t.names)
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
	if id, ok := t.entities[key]; ok {
		return id, nil
	}
	var id int64
	err := t.row(`INSERT INTO entities (key, name, type, kb_id, gender) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET gender = CASE WHEN entities.gender = '' THEN excluded.gender ELSE entities.gender END
		RETURNING id`, key, name, typ, kbID, gender).Scan(&id)
	if err != nil {
		return 0, err
	}
	t.entities[key] = id
	return id, nil
}

// addName records an alias of an entity.
func (t *txn) addName(entity int64, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	k := strconv.FormatInt(entity, 10) + "\x1f" + name
	if t.names[k] {
		return nil
	}
	t.names[k] = true
	var nid int64
	err := t.row(`INSERT INTO entity_names (entity, name, fold) VALUES (?, ?, ?)
		ON CONFLICT (entity, name) DO NOTHING RETURNING id`, entity, name, store.Fold(name)).Scan(&nid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = t.exec("INSERT INTO entity_fts (rowid, name) VALUES (?, ?)", nid, name)
	return err
}

// findByName returns the most used entity with this exact (folded) alias,
// preferring persons.
func (t *txn) findByName(name string) (int64, bool, error) {
	var id int64
	err := t.row(`SELECT e.id FROM entity_names n JOIN entities e ON e.id = n.entity
		WHERE n.fold = ? AND e.docs > 0 ORDER BY e.type = 'PER' DESC, e.docs DESC, e.id LIMIT 1`, store.Fold(name)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
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
	res, err := t.exec(`INSERT INTO documents (doc_id, hash, source, title, url, outlet, published, pub_start, pub_end,
		lang, lang_base, lang_confidence, lang_source, body_start, body_end, paragraphs, n_sentences, n_tokens, n_entities, n_quotes,
		version, ingested) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		id, hash, d.Source, d.Title, d.URL, d.Outlet, d.Published.String(), pubStart, pubEnd,
		lang, langBase(lang), d.LangConfidence, d.LangSource, d.Body.Start, d.Body.End, string(pj), len(d.Sentences), len(d.Tokens),
		len(d.Entities), len(d.Quotes), version, now)
	if err != nil {
		return err
	}
	rowid, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if _, err := t.exec("INSERT INTO texts (id, text) VALUES (?, ?)", rowid, d.Text); err != nil {
		return err
	}

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
		for _, n := range append([]string{e.Name}, e.Names...) {
			if err := t.addName(gid, n); err != nil {
				return err
			}
		}
		names, _ := json.Marshal(e.Names)
		if _, err := t.exec(`INSERT INTO doc_entities (doc, ord, entity, kind, local_id, name, names, type, stage)
			VALUES (?, ?, ?, 'entity', ?, ?, ?, ?, ?)`, rowid, ord, gid, e.ID, e.Name, string(names), e.Type, e.Stage); err != nil {
			return err
		}
		mentions[gid] += int64(len(e.Mentions))
		for _, m := range e.Mentions {
			text := m.Text
			if text == "" {
				text = d.Slice(m.Span)
			}
			if _, err := t.exec("INSERT INTO mentions (doc, ord, entity, start, end, text, stage) VALUES (?, ?, ?, ?, ?, ?, ?)",
				rowid, ord, gid, m.Span.Start, m.Span.End, text, m.Stage); err != nil {
				return err
			}
		}
		for _, r := range e.Roles {
			if _, err := t.exec("INSERT INTO roles (doc, ord, entity, text, start, end) VALUES (?, ?, ?, ?, ?, ?)",
				rowid, ord, gid, r.Text, r.Span.Start, r.Span.End); err != nil {
				return err
			}
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
		for _, e := range d.Entities {
			for _, n := range append([]string{e.Name}, e.Names...) {
				if !found && store.Fold(n) == store.Fold(name) {
					gid, found = local[e.ID], local[e.ID] != 0
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
			if _, err := t.exec(`INSERT INTO doc_entities (doc, ord, entity, kind, local_id, name, type, stage)
				VALUES (?, ?, ?, 'speaker', '', ?, '', ?)`, rowid, ord, gid, name, q.Stage); err != nil {
				return err
			}
			ord++
		}
	}
	for gid, n := range mentions {
		if _, err := t.exec("UPDATE entities SET docs = docs + 1, mentions = mentions + ? WHERE id = ?", n, gid); err != nil {
			return err
		}
	}

	// Quotes.
	for i, q := range d.Quotes {
		anon := 0
		if q.Speaker.Anonymous {
			anon = 1
		}
		var qid int64
		err := t.row(`INSERT INTO quotes (doc, start, end, kind, speaker, speaker_local, speaker_name, speaker_start,
			speaker_end, anonymous, cue_start, cue_end, confidence, stage, lang, lang_base, pub_start, pub_end)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`,
			rowid, q.Span.Start, q.Span.End, q.Kind, nullID(speakers[i]), q.Speaker.EntityID,
			q.Speaker.Name, q.Speaker.Span.Start, q.Speaker.Span.End, anon, q.Cue.Start, q.Cue.End, q.Confidence,
			q.Stage, lang, langBase(lang), pubStart, pubEnd).Scan(&qid)
		if err != nil {
			return err
		}
		if speakers[i] != 0 {
			if _, err := t.exec("UPDATE entities SET quotes = quotes + 1 WHERE id = ?", speakers[i]); err != nil {
				return err
			}
		}
		for _, rel := range []struct {
			role string
			rs   []doc.Relay
		}{{"via", q.Via}, {"to", q.To}} {
			for pos, r := range rel.rs {
				name := r.Name
				if name == "" {
					name = d.Slice(r.Span)
				}
				if _, err := t.exec(`INSERT INTO quote_relays (quote, role, pos, name, fold, entity, local, start, end)
					VALUES (?,?,?,?,?,?,?,?,?)`, qid, rel.role, pos, name, store.Fold(name), nullID(local[r.EntityID]),
					r.EntityID, r.Span.Start, r.Span.End); err != nil {
					return err
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
					if _, err := t.exec("INSERT OR IGNORE INTO quote_about (quote, entity) VALUES (?, ?)", qid, gid); err != nil {
						return err
					}
					break
				}
			}
		}
		if err := t.index("quote_fts", qid, lang, d.Slice(q.Span)); err != nil {
			return err
		}
	}

	for _, r := range d.Removed {
		if _, err := t.exec("INSERT INTO removed (doc, start, end, kind, reason, stage) VALUES (?,?,?,?,?,?)",
			rowid, r.Span.Start, r.Span.End, r.Kind, r.Reason, r.Stage); err != nil {
			return err
		}
	}
	for _, p := range d.Problems {
		if _, err := t.exec("INSERT INTO problems (doc, stage, message) VALUES (?,?,?)", rowid, p.Stage, p.Message); err != nil {
			return err
		}
	}
	for _, x := range d.Times {
		if _, err := t.exec("INSERT INTO times (doc, start, end, type, value, anchor, stage) VALUES (?,?,?,?,?,?,?)",
			rowid, x.Span.Start, x.Span.End, x.Type, x.Value, x.Anchor, x.Stage); err != nil {
			return err
		}
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
		if _, err := t.exec(`INSERT INTO quantities (doc, start, end, value, value_max, unit, si_value, si_unit, approx, measured, stage)
			VALUES (?,?,?,?,?,?,?,?,?,?,?)`, rowid, x.Span.Start, x.Span.End, x.Value, vmax, x.Unit, siV, siU, approx,
			x.Measured, x.Stage); err != nil {
			return err
		}
	}
	for _, ev := range d.Events {
		parts := []int64{}
		for _, p := range ev.Participants {
			if g := local[p]; g != 0 {
				parts = append(parts, g)
			}
		}
		pj, _ := json.Marshal(parts)
		if _, err := t.exec(`INSERT INTO events (doc, start, end, type, participants, place, origin, time, stage)
			VALUES (?,?,?,?,?,?,?,?,?)`, rowid, ev.Span.Start, ev.Span.End, ev.Type, string(pj), nullID(local[ev.Place]),
			nullID(local[ev.Origin]), ev.Time, ev.Stage); err != nil {
			return err
		}
	}
	return t.index("doc_fts", rowid, lang, indexText(d))
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

// index adds text to an FTS table, in the column of the language.
func (t *txn) index(table string, rowid int64, lang, text string) error {
	col := store.Column(lang)
	_, err := t.exec("INSERT INTO "+table+" (rowid, "+col+") VALUES (?, ?)", rowid, store.StemText(text, col))
	return err
}
