package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// migrationSteps are the Go parts of migrations, run in the migration's
// transaction right after its SQL: schema version → step.
var migrationSteps = map[int]func(context.Context, *sql.Tx) error{
	2: reindex,
}

// reindexChunk is the number of documents reindexDocs reads at a time.
const reindexChunk = 2000

// reindex fills doc_fts and quote_fts (text stems and filter tokens) from
// the stored documents and quotes, chunk by chunk.
func reindex(ctx context.Context, tx *sql.Tx) error {
	t := newTxn(ctx, tx, &entityCache{})
	defer t.close()
	var after int64
	for {
		var (
			docs  []*doc.Document
			ids   []int64
			metas = map[int64]*docMeta{}
			index = map[int64]int{} // document id → position in docs
			// quote ids per document, in d.Quotes order, and their tokens
			qids   = map[int64][]int64{}
			qmetas = map[int64]*docMeta{}
		)
		err := scanAll(ctx, tx, `SELECT d.id, d.lang, d.title, t.text, d.paragraphs, d.body_start, d.body_end, d.pub_start, d.pub_end, d.outlet
			FROM documents d JOIN texts t ON t.id = d.id WHERE d.id > ? ORDER BY d.id LIMIT ?`, []any{after, reindexChunk},
			func(r *sql.Rows) error {
				var (
					id    int64
					d     doc.Document
					paras string
					m     docMeta
				)
				if err := r.Scan(&id, &d.Lang, &d.Title, &d.Text, &paras, &d.Body.Start, &d.Body.End, &m.pubStart, &m.pubEnd, &m.outlet); err != nil {
					return err
				}
				var ps [][3]int
				_ = json.Unmarshal([]byte(paras), &ps)
				for _, p := range ps {
					d.Paragraphs = append(d.Paragraphs, doc.Paragraph{Span: doc.Span{Start: p[0], End: p[1]}, Removed: p[2] == 1})
				}
				index[id] = len(docs)
				docs, ids, metas[id] = append(docs, &d), append(ids, id), &m
				return nil
			})
		if err != nil || len(ids) == 0 {
			return err
		}
		lo, hi := ids[0], ids[len(ids)-1]
		after = hi
		if err := scanAll(ctx, tx, `SELECT id, doc, start, end, speaker, pub_start, pub_end FROM quotes
			WHERE doc BETWEEN ? AND ? ORDER BY id`, []any{lo, hi},
			func(r *sql.Rows) error {
				var (
					qid, id int64
					span    doc.Span
					speaker sql.NullInt64
					m       docMeta
				)
				if err := r.Scan(&qid, &id, &span.Start, &span.End, &speaker, &m.pubStart, &m.pubEnd); err != nil {
					return err
				}
				if speaker.Valid {
					m.speakers = []int64{speaker.Int64}
				}
				d := docs[index[id]]
				d.Quotes = append(d.Quotes, doc.Quote{Span: span})
				qids[id], qmetas[qid] = append(qids[id], qid), &m
				return nil
			}); err != nil {
			return err
		}
		if err := scanAll(ctx, tx, `SELECT a.quote, a.entity FROM quote_about a JOIN quotes q ON q.id = a.quote
			WHERE q.doc BETWEEN ? AND ?`, []any{lo, hi},
			func(r *sql.Rows) error {
				var qid, e int64
				if err := r.Scan(&qid, &e); err != nil {
					return err
				}
				qmetas[qid].about = append(qmetas[qid].about, e)
				return nil
			}); err != nil {
			return err
		}
		if err := scanAll(ctx, tx, "SELECT DISTINCT doc, entity FROM doc_entities WHERE doc BETWEEN ? AND ?", []any{lo, hi},
			func(r *sql.Rows) error {
				var id, e int64
				if err := r.Scan(&id, &e); err != nil {
					return err
				}
				metas[id].entities = append(metas[id].entities, e)
				return nil
			}); err != nil {
			return err
		}
		if err := scanAll(ctx, tx, "SELECT DISTINCT doc, speaker FROM quotes WHERE doc BETWEEN ? AND ? AND speaker IS NOT NULL", []any{lo, hi},
			func(r *sql.Rows) error {
				var id, e int64
				if err := r.Scan(&id, &e); err != nil {
					return err
				}
				metas[id].speakers = append(metas[id].speakers, e)
				return nil
			}); err != nil {
			return err
		}
		if err := scanAll(ctx, tx, `SELECT q.doc, r.quote, r.fold, r.entity FROM quote_relays r JOIN quotes q ON q.id = r.quote
			WHERE q.doc BETWEEN ? AND ? AND r.role = 'via'`, []any{lo, hi},
			func(r *sql.Rows) error {
				var (
					id, qid int64
					fold    string
					entity  sql.NullInt64
				)
				if err := r.Scan(&id, &qid, &fold, &entity); err != nil {
					return err
				}
				for _, m := range []*docMeta{metas[id], qmetas[qid]} {
					m.viaFolds = append(m.viaFolds, fold)
					if entity.Valid {
						m.viaEntities = append(m.viaEntities, entity.Int64)
					}
				}
				return nil
			}); err != nil {
			return err
		}
		for i, st := range stemAll(docs) {
			t.docFTS = append(t.docFTS, ftsRow{rowid: ids[i], col: st.col, text: st.text, meta: metas[ids[i]].text()})
			for j, qid := range qids[ids[i]] {
				t.quoteFTS = append(t.quoteFTS, ftsRow{rowid: qid, col: st.col, text: st.quotes[j], meta: qmetas[qid].text()})
			}
		}
		if err := t.flushFTS(); err != nil {
			return err
		}
	}
}
