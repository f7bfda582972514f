package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

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
