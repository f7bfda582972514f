package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
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
	// The language column of the full-text query is the filter for the
	// base languages with a column of their own.
	if !ownColumn(sq.Lang) {
		f.lang("d", sq.Lang)
	}
	var dates filter // the exact date condition, when the tokens are not
	if err := dates.dates("d.pub_start", "d.pub_end", sq.From, sq.To); err != nil {
		return page, err
	}
	fromDate, _ := store.ParseDate(sq.From, false)
	toDate, _ := store.ParseDate(sq.To, true)
	words := pq.Words()
	err = s.snapshot(ctx, func(q querier) error {
		// Filters become filter tokens the full-text query must match (see
		// filter.go); dates and outlets are then checked exactly in SQL.
		var mq metaQuery
		exact, err := mq.dates(ctx, q, fromDate, toDate)
		if err != nil {
			return err
		}
		if !exact && len(dates.where) > 0 {
			f.add(strings.Join(dates.where, " AND "), dates.args...)
		}
		for _, e := range []struct{ name, prefix string }{{sq.Entity, "e"}, {sq.Speaker, "s"}} {
			if e.name == "" {
				continue
			}
			ids, err := resolveEntities(ctx, q, e.name)
			if err != nil {
				return err
			}
			mq.ids(e.prefix, ids)
		}
		if via := strings.TrimSpace(sq.Via); via != "" {
			ids, err := resolveEntities(ctx, q, via)
			if err != nil {
				return err
			}
			toks := []string{hashToken("o", strings.ToLower(via)), hashToken("v", store.Fold(via))}
			for _, id := range ids {
				toks = append(toks, idToken("r", id))
			}
			mq.add(toks)
			f.add(`(lower(d.outlet) = ? OR d.id IN (SELECT q.doc FROM quote_relays r JOIN quotes q ON q.id = r.quote
				WHERE r.role = 'via' AND (r.fold = ? OR r.entity IN (`+idList(ids)+`))))`,
				strings.ToLower(via), store.Fold(via))
		}
		if mq.none {
			return nil
		}
		// Rank first, on the index and the small document rows only; then
		// read the page's documents and texts.
		expr := pq.FTS5(sq.Lang)
		if m := mq.expr(); m != "" {
			expr = "(" + expr + ") AND " + m
		}
		from := "doc_fts"
		if len(f.where) > 0 {
			from = "doc_fts JOIN documents d ON d.id = doc_fts.rowid"
		}
		type row struct {
			hit   store.Hit
			rowid int64
			rank  float64
		}
		var rows []row
		query, args := rankSQL("doc_fts", ftsWeights, from, expr, f, s.window, limit+1, offset)
		err = scanAll(ctx, q, query, args, func(r *sql.Rows) error {
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
	textSearch := strings.TrimSpace(qq.Text) != ""
	var f filter
	if !textSearch || !ownColumn(qq.Lang) {
		f.lang("q", qq.Lang)
	}
	var dates filter
	if err := dates.dates("q.pub_start", "q.pub_end", qq.From, qq.To); err != nil {
		return page, err
	}
	if qq.Doc != "" {
		f.add("q.doc = (SELECT id FROM documents WHERE doc_id = ?)", qq.Doc)
	}
	var mq metaQuery
	if textSearch {
		// Filters become filter tokens of the full-text query (see
		// filter.go), as in Search.
		fromDate, _ := store.ParseDate(qq.From, false)
		toDate, _ := store.ParseDate(qq.To, true)
		exact, err := mq.dates(ctx, q, fromDate, toDate)
		if err != nil {
			return page, err
		}
		if !exact && len(dates.where) > 0 {
			f.add(strings.Join(dates.where, " AND "), dates.args...)
		}
		for _, e := range []struct{ name, prefix string }{{qq.Speaker, "s"}, {qq.About, "a"}} {
			if e.name == "" {
				continue
			}
			ids, err := resolveEntities(ctx, q, e.name)
			if err != nil {
				return page, err
			}
			mq.ids(e.prefix, ids)
		}
		if qq.Via != "" {
			ids, err := resolveEntities(ctx, q, qq.Via)
			if err != nil {
				return page, err
			}
			toks := []string{hashToken("v", store.Fold(strings.TrimSpace(qq.Via)))}
			for _, id := range ids {
				toks = append(toks, idToken("r", id))
			}
			mq.add(toks)
		}
		if mq.none {
			return page, nil
		}
	} else {
		f.where, f.args = append(f.where, dates.where...), append(f.args, dates.args...)
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
		if m := mq.expr(); m != "" {
			expr = "(" + expr + ") AND " + m
		}
		from := "quote_fts"
		if len(f.where) > 0 {
			from = "quote_fts JOIN quotes q ON q.id = quote_fts.rowid"
		}
		query, args := rankSQL("quote_fts", ftsWeights, from, expr, f, win, limit+1, offset)
		err = scanAll(ctx, q, query, args, func(r *sql.Rows) error {
			var (
				x    row
				rank float64
			)
			rows = append(rows, x)
			return r.Scan(&rows[len(rows)-1].qid, &rank)
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

// rankSQL is the query ranking a page of matches of expr (with the
// filters) by bm25 among the win newest (highest rowid) of them, in one
// pass: FTS5 walks the matches newest first, the filters are checked on
// each, bm25 is computed only for the win that pass, and SQLite sorts
// those. (Letting FTS5 sort by its rank column instead would compute bm25
// for every match before any filter.) Ties go to the newer row. weights
// are bm25's column weights ("" for none).
func rankSQL(table, weights, from, expr string, f filter, win, limit, offset int) (string, []any) {
	if weights != "" {
		weights = ", " + weights
	}
	q := "SELECT id, score FROM (SELECT " + table + ".rowid AS id, bm25(" + table + weights + ") AS score FROM " + from +
		" WHERE " + table + " MATCH ?" + f.sql() + " ORDER BY " + table + ".rowid DESC LIMIT ?) ORDER BY score, id DESC LIMIT ? OFFSET ?"
	args := append(append([]any{expr}, f.args...), win, limit, offset)
	return q, args
}
