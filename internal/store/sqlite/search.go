package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Search ranks documents by bm25 over their titles and kept text.
func (s *Store) Search(ctx context.Context, sq store.SearchQuery) (store.Page[store.Hit], error) {
	var page store.Page[store.Hit]
	limit, err := store.CheckLimit(sq.Limit)
	if err != nil {
		return page, err
	}
	offset, err := store.DecodeOffset(sq.Cursor)
	if err != nil {
		return page, err
	}
	pq, err := store.ParseQuery(sq.Text)
	if err != nil {
		return page, err
	}
	var f filter
	f.lang("d", sq.Lang)
	if err := f.dates("d.pub_start", "d.pub_end", sq.From, sq.To); err != nil {
		return page, err
	}
	words := pq.Words()
	err = s.snapshot(ctx, func(q querier) error {
		if err := f.entities(ctx, q, sq.Entity, "d.id IN (SELECT doc FROM doc_entities WHERE entity IN (%s))"); err != nil {
			return err
		}
		if err := f.entities(ctx, q, sq.Speaker, "d.id IN (SELECT doc FROM quotes WHERE speaker IN (%s))"); err != nil {
			return err
		}
		if err := f.entities(ctx, q, sq.Via, `(lower(d.outlet) = ? OR d.id IN (SELECT q.doc FROM quote_relays r JOIN quotes q ON q.id = r.quote
				WHERE r.role = 'via' AND (r.fold = ? OR r.entity IN (%s))))`,
			strings.ToLower(strings.TrimSpace(sq.Via)), store.Fold(strings.TrimSpace(sq.Via))); err != nil {
			return err
		}
		// Rank first, on the index and the small document rows only; then
		// read the page's documents and texts.
		expr := pq.FTS5(sq.Lang)
		from := "doc_fts"
		if len(f.where) > 0 {
			from = "doc_fts JOIN documents d ON d.id = doc_fts.rowid"
		}
		bound, err := window(ctx, q, s.window, "doc_fts", from, expr, f)
		if err != nil {
			return err
		}
		args := append([]any{expr}, f.args...)
		args = append(args, bound, limit+1, offset)
		type row struct {
			hit   store.Hit
			rowid int64
			rank  float64
		}
		var rows []row
		err = scanAll(ctx, q, "SELECT doc_fts.rowid, doc_fts.rank FROM "+from+" WHERE doc_fts MATCH ?"+f.sql()+
			" AND doc_fts.rowid >= ? ORDER BY doc_fts.rank LIMIT ? OFFSET ?", args, func(r *sql.Rows) error {
			var x row
			if err := r.Scan(&x.rowid, &x.rank); err != nil {
				return err
			}
			x.hit.Score = -x.rank
			rows = append(rows, x)
			return nil
		})
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		index := map[int64]int{}
		ids := make([]int64, len(rows))
		for i, r := range rows {
			index[r.rowid], ids[i] = i, r.rowid
		}
		err = scanAll(ctx, q, "SELECT d.id, "+docSummaryCols+", t.text, d.paragraphs, d.body_start, d.body_end"+
			" FROM documents d JOIN texts t ON t.id = d.id WHERE d.id IN ("+idList(ids)+")", nil, func(r *sql.Rows) error {
			var (
				rowid       int64
				text, paras string
				start, end  int
			)
			var sum store.DocSummary
			var pub string
			if err := r.Scan(&rowid, &sum.ID, &sum.Source, &sum.Title, &sum.URL, &sum.Outlet, &pub, &sum.Lang, &sum.Entities,
				&sum.Quotes, &sum.Version, &text, &paras, &start, &end); err != nil {
				return err
			}
			sum.Published = store.ParseDocDate(pub)
			x := &rows[index[rowid]]
			x.hit.Doc = sum
			d := &doc.Document{Text: text, Title: sum.Title, Body: doc.Span{Start: start, End: end}}
			var ps [][3]int
			_ = json.Unmarshal([]byte(paras), &ps)
			for _, p := range ps {
				d.Paragraphs = append(d.Paragraphs, doc.Paragraph{Span: doc.Span{Start: p[0], End: p[1]}, Removed: p[2] == 1})
			}
			body := strings.TrimPrefix(indexText(d), d.Title)
			x.hit.Snippet = store.Snippet(body, store.Column(sum.Lang), words, store.SnippetTokens)
			return nil
		})
		if err != nil {
			return err
		}
		if len(rows) > limit {
			rows = rows[:limit]
			if offset+limit <= store.MaxOffset {
				page.Next = store.OffsetCursor(offset + limit)
			}
		}
		for _, r := range rows {
			page.Items = append(page.Items, r.hit)
		}
		return nil
	})
	if err != nil {
		return page, fmt.Errorf("search: %w", err)
	}
	return page, nil
}

// Quotes lists quotes matching the query, newest first or by relevance.
func (s *Store) Quotes(ctx context.Context, qq store.QuoteQuery) (store.Page[store.Quote], error) {
	var page store.Page[store.Quote]
	err := s.snapshot(ctx, func(q querier) error {
		var err error
		page, err = quotes(ctx, q, s.window, qq)
		return err
	})
	if err != nil {
		return page, fmt.Errorf("quotes: %w", err)
	}
	return page, nil
}

func quotes(ctx context.Context, q querier, win int, qq store.QuoteQuery) (store.Page[store.Quote], error) {
	var page store.Page[store.Quote]
	limit, err := store.CheckLimit(qq.Limit)
	if err != nil {
		return page, err
	}
	var f filter
	f.lang("q", qq.Lang)
	if err := f.dates("q.pub_start", "q.pub_end", qq.From, qq.To); err != nil {
		return page, err
	}
	if qq.Doc != "" {
		f.add("q.doc = (SELECT id FROM documents WHERE doc_id = ?)", qq.Doc)
	}
	if err := f.entities(ctx, q, qq.Speaker, "q.speaker IN (%s)"); err != nil {
		return page, err
	}
	if err := f.entities(ctx, q, qq.About, "q.id IN (SELECT quote FROM quote_about WHERE entity IN (%s))"); err != nil {
		return page, err
	}
	if err := f.entities(ctx, q, qq.Via, "q.id IN (SELECT quote FROM quote_relays WHERE role = 'via' AND (fold = ? OR entity IN (%s)))",
		store.Fold(strings.TrimSpace(qq.Via))); err != nil {
		return page, err
	}
	// Phase 1 orders quote ids on the quote rows and the index alone;
	// phase 2 reads the page's quotes with their documents and texts.
	type row struct {
		q     store.Quote
		qid   int64
		pubSt string
	}
	var (
		rows  []row
		words []string
		rank  bool
	)
	offset := 0
	if strings.TrimSpace(qq.Text) != "" {
		pq, err := store.ParseQuery(qq.Text)
		if err != nil {
			return page, err
		}
		if offset, err = store.DecodeOffset(qq.Cursor); err != nil {
			return page, err
		}
		words, rank = pq.Words(), true
		expr := pq.FTS5(qq.Lang)
		from := "quote_fts"
		if len(f.where) > 0 {
			from = "quote_fts JOIN quotes q ON q.id = quote_fts.rowid"
		}
		bound, err := window(ctx, q, win, "quote_fts", from, expr, f)
		if err != nil {
			return page, err
		}
		args := append(append([]any{expr}, f.args...), bound, limit+1, offset)
		err = scanAll(ctx, q, "SELECT quote_fts.rowid FROM "+from+" WHERE quote_fts MATCH ?"+f.sql()+
			" AND quote_fts.rowid >= ? ORDER BY quote_fts.rank LIMIT ? OFFSET ?", args, func(r *sql.Rows) error {
			var x row
			rows = append(rows, x)
			return r.Scan(&rows[len(rows)-1].qid)
		})
		if err != nil {
			return page, err
		}
	} else {
		if err := f.newestAfter("q", qq.Cursor); err != nil {
			return page, err
		}
		err = scanAll(ctx, q, "SELECT q.id, q.pub_start FROM quotes q WHERE 1"+f.sql()+" ORDER BY q.pub_start DESC, q.id DESC LIMIT ?",
			append(f.args, limit+1), func(r *sql.Rows) error {
				var x row
				rows = append(rows, x)
				return r.Scan(&rows[len(rows)-1].qid, &rows[len(rows)-1].pubSt)
			})
		if err != nil {
			return page, err
		}
	}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		switch {
		case !rank:
			page.Next = store.EncodeCursor(last.pubSt, idString(last.qid))
		case offset+limit <= store.MaxOffset:
			page.Next = store.OffsetCursor(offset + limit)
		}
	}
	ids := make([]int64, len(rows))
	index := map[int64]int{}
	for i, r := range rows {
		ids[i] = r.qid
		index[r.qid] = i
	}
	// The quote text is cut from the document text (bytes), not stored twice.
	err = scanAll(ctx, q, `SELECT q.id, CAST(substr(CAST(t.text AS BLOB), q.start + 1, q.end - q.start) AS TEXT), q.kind,
		q.speaker, COALESCE(e.name, ''), COALESCE(e.type, ''), q.speaker_name, q.anonymous, q.start, q.end, q.confidence,
		d.doc_id, d.source, d.title, d.published, d.lang
		FROM quotes q JOIN documents d ON d.id = q.doc JOIN texts t ON t.id = q.doc LEFT JOIN entities e ON e.id = q.speaker
		WHERE q.id IN (`+idList(ids)+`)`, nil, func(r *sql.Rows) error {
		var (
			qid         int64
			speaker     sql.NullInt64
			gname, gtyp string
			pub         string
			x           store.Quote
		)
		if err := r.Scan(&qid, &x.Text, &x.Kind, &speaker, &gname, &gtyp, &x.SpeakerText, &x.Anonymous,
			&x.Span.Start, &x.Span.End, &x.Confidence, &x.Doc.ID, &x.Doc.Source, &x.Doc.Title, &pub, &x.Doc.Lang); err != nil {
			return err
		}
		x.ID = idString(qid)
		x.Doc.Published = store.ParseDocDate(pub)
		if speaker.Valid {
			x.Speaker = &store.Ref{ID: idString(speaker.Int64), Name: gname, Type: gtyp}
		}
		if words != nil {
			x.Snippet = store.Snippet(x.Text, store.Column(x.Doc.Lang), words, 1<<20)
		}
		rows[index[qid]].q = x
		return nil
	})
	if err != nil {
		return page, err
	}
	if len(rows) == 0 {
		return page, nil
	}
	if err := scanAll(ctx, q, "SELECT quote, role, name, entity FROM quote_relays WHERE quote IN ("+idList(ids)+") ORDER BY quote, role, pos",
		nil, func(r *sql.Rows) error {
			var (
				qid    int64
				role   string
				entity sql.NullInt64
				x      store.Relay
			)
			if err := r.Scan(&qid, &role, &x.Name, &entity); err != nil {
				return err
			}
			if entity.Valid {
				x.EntityID = idString(entity.Int64)
			}
			row := &rows[index[qid]]
			if role == "to" {
				row.q.To = append(row.q.To, x)
			} else {
				row.q.Via = append(row.q.Via, x)
			}
			return nil
		}); err != nil {
		return page, err
	}
	if err := scanAll(ctx, q, "SELECT a.quote, e.id, e.name, e.type FROM quote_about a JOIN entities e ON e.id = a.entity WHERE a.quote IN ("+
		idList(ids)+") ORDER BY a.quote, e.docs DESC", nil, func(r *sql.Rows) error {
		var (
			qid int64
			eid int64
			x   store.Ref
		)
		if err := r.Scan(&qid, &eid, &x.Name, &x.Type); err != nil {
			return err
		}
		x.ID = idString(eid)
		row := &rows[index[qid]]
		row.q.About = append(row.q.About, x)
		return nil
	}); err != nil {
		return page, err
	}
	for _, r := range rows {
		page.Items = append(page.Items, r.q)
	}
	return page, nil
}

// DefaultRankWindow bounds the work of ranking: a full-text query matching
// more documents (or quotes) than this is ranked by bm25 among its
// DefaultRankWindow most recently stored matches only. bm25 costs time for every match, and
// a query as broad as "said" or "le" matches most of a large base; the
// bound keeps such queries under a few tens of milliseconds.
const DefaultRankWindow = 2000

// window returns the smallest rowid of the size newest matches of expr
// (with the filters), or 0 when there are fewer matches.
func window(ctx context.Context, q querier, size int, table, from, expr string, f filter) (int64, error) {
	args := append(append([]any{expr}, f.args...), size-1)
	var bound int64
	err := q.QueryRowContext(ctx, "SELECT "+table+".rowid FROM "+from+" WHERE "+table+" MATCH ?"+f.sql()+
		" ORDER BY "+table+".rowid DESC LIMIT 1 OFFSET ?", args...).Scan(&bound)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return bound, err
}
