package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/store"
)

// Caps on the lists in an EntityDetail.
const (
	detailMentions = 50
	detailQuotes   = 20
	detailCooc     = 20
	detailRoles    = 20
	detailAliases  = 100
)

// Entity returns everything known about an entity.
func (s *Store) Entity(ctx context.Context, id string) (*store.EntityDetail, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return nil, fmt.Errorf("entity %q: %w", truncate(id, 40), store.ErrNotFound)
	}
	var out *store.EntityDetail
	err = s.snapshot(ctx, func(q querier) error {
		var err error
		out, err = entityDetail(ctx, q, s.window, n)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("entity %s: %w", id, err)
	}
	return out, nil
}

const entityCols = "e.id, e.name, e.type, e.kb_id, e.gender, e.docs, e.mentions, e.quotes"

func scanEntity(r interface{ Scan(...any) error }, extra ...any) (store.EntitySummary, error) {
	var (
		e  store.EntitySummary
		id int64
	)
	err := r.Scan(append([]any{&id, &e.Name, &e.Type, &e.KBID, &e.Gender, &e.Docs, &e.Mentions, &e.Quotes}, extra...)...)
	e.ID = idString(id)
	return e, err
}

func entityDetail(ctx context.Context, q querier, win int, id int64) (*store.EntityDetail, error) {
	sum, err := scanEntity(q.QueryRowContext(ctx, "SELECT "+entityCols+" FROM entities e WHERE e.id = ? AND e.docs > 0", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	d := &store.EntityDetail{EntitySummary: sum}
	args := []any{id}
	if err := scanAll(ctx, q, "SELECT name FROM entity_names WHERE entity = ? ORDER BY name LIMIT ?", []any{id, detailAliases}, func(r *sql.Rows) error {
		var n string
		if err := r.Scan(&n); err != nil {
			return err
		}
		if n != sum.Name {
			d.Aliases = append(d.Aliases, n)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := scanAll(ctx, q, `SELECT min(text), count(DISTINCT doc) AS n FROM roles WHERE entity = ? GROUP BY lower(text)
		ORDER BY n DESC, 1 LIMIT ?`, []any{id, detailRoles}, func(r *sql.Rows) error {
		var x store.RoleCount
		if err := r.Scan(&x.Text, &x.Docs); err != nil {
			return err
		}
		d.Roles = append(d.Roles, x)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := scanAll(ctx, q, `SELECT m.text, m.start, m.end, d.doc_id, d.source, d.title, d.published, d.lang
		FROM mentions m JOIN documents d ON d.id = m.doc WHERE m.entity = ?
		ORDER BY d.pub_start DESC, m.doc DESC, m.start LIMIT ?`, []any{id, detailMentions}, func(r *sql.Rows) error {
		var (
			m   store.Mention
			pub string
		)
		if err := r.Scan(&m.Text, &m.Span.Start, &m.Span.End, &m.Doc.ID, &m.Doc.Source, &m.Doc.Title, &pub, &m.Doc.Lang); err != nil {
			return err
		}
		m.Doc.Published = store.ParseDocDate(pub)
		d.RecentMentions = append(d.RecentMentions, m)
		return nil
	}); err != nil {
		return nil, err
	}
	ids := idString(id)
	by, err := quotes(ctx, q, win, store.QuoteQuery{Speaker: ids, Limit: detailQuotes})
	if err != nil {
		return nil, err
	}
	d.QuotesBy = by.Items
	about, err := quotes(ctx, q, win, store.QuoteQuery{About: ids, Limit: detailQuotes})
	if err != nil {
		return nil, err
	}
	d.QuotesAbout = about.Items
	if err := scanAll(ctx, q, `SELECT `+entityCols+`, count(DISTINCT b.doc) AS n FROM doc_entities a
		JOIN doc_entities b ON b.doc = a.doc AND b.entity != a.entity
		JOIN entities e ON e.id = b.entity
		WHERE a.entity = ? GROUP BY b.entity ORDER BY n DESC, e.docs DESC LIMIT ?`, []any{id, detailCooc}, func(r *sql.Rows) error {
		var n int
		e, err := scanEntity(r, &n)
		if err != nil {
			return err
		}
		d.CoOccurring = append(d.CoOccurring, store.Cooccurrence{Entity: store.Ref{ID: e.ID, Name: e.Name, Type: e.Type}, Docs: n})
		return nil
	}); err != nil {
		return nil, err
	}
	if err := scanAll(ctx, q, `SELECT substr(d.pub_start, 1, 7) AS m, count(DISTINCT d.id) FROM doc_entities de
		JOIN documents d ON d.id = de.doc WHERE de.entity = ? AND d.pub_start != '' GROUP BY m ORDER BY m`, args, func(r *sql.Rows) error {
		var x store.MonthCount
		if err := r.Scan(&x.Month, &x.Docs); err != nil {
			return err
		}
		d.Timeline = append(d.Timeline, x)
		return nil
	}); err != nil {
		return nil, err
	}
	return d, nil
}

// Entities lists entities by document count, or by how well a name
// matches (exact alias first).
func (s *Store) Entities(ctx context.Context, eq store.EntityQuery) (store.Page[store.EntitySummary], error) {
	var page store.Page[store.EntitySummary]
	limit, err := store.CheckLimit(eq.Limit)
	if err != nil {
		return page, err
	}
	var f filter
	if eq.Type != "" {
		f.add("e.type = ?", strings.ToUpper(eq.Type))
	}
	text := strings.TrimSpace(eq.Text)
	if len(text) > 200 {
		return page, fmt.Errorf("entities: %w: name longer than 200 bytes", store.ErrInvalid)
	}
	var (
		query string
		args  []any
	)
	offset := 0
	phrase := namePhrase(text, true)
	if phrase != "" {
		if offset, err = store.DecodeOffset(eq.Cursor); err != nil {
			return page, err
		}
		query = "SELECT " + entityCols + `, e.docs FROM entities e WHERE e.docs > 0 AND e.id IN
			(SELECT n.entity FROM entity_fts JOIN entity_names n ON n.id = entity_fts.rowid WHERE entity_fts MATCH ?)` + f.sql() +
			` ORDER BY EXISTS (SELECT 1 FROM entity_names x WHERE x.entity = e.id AND x.fold = ?) DESC, e.docs DESC, e.id DESC
			LIMIT ? OFFSET ?`
		args = append(append([]any{phrase}, f.args...), store.Fold(text), limit+1, offset)
	} else {
		cur, err := store.DecodeCursor(eq.Cursor, 2)
		if err != nil {
			return page, err
		}
		if cur != nil {
			docs, err1 := strconv.Atoi(cur[0])
			n, err2 := strconv.ParseInt(cur[1], 10, 64)
			if err1 != nil || err2 != nil {
				return page, fmt.Errorf("%w: malformed cursor", store.ErrInvalid)
			}
			f.add("(e.docs < ? OR (e.docs = ? AND e.id < ?))", docs, docs, n)
		}
		query = "SELECT " + entityCols + ", e.docs FROM entities e WHERE e.docs > 0" + f.sql() + " ORDER BY e.docs DESC, e.id DESC LIMIT ?"
		args = append(f.args, limit+1)
	}
	var items []store.EntitySummary
	err = s.snapshot(ctx, func(q querier) error {
		return scanAll(ctx, q, query, args, func(r *sql.Rows) error {
			var docs int
			e, err := scanEntity(r, &docs)
			items = append(items, e)
			return err
		})
	})
	if err != nil {
		return page, fmt.Errorf("entities: %w", err)
	}
	if len(items) > limit {
		items = items[:limit]
		last := items[limit-1]
		if phrase != "" {
			if offset+limit <= store.MaxOffset {
				page.Next = store.OffsetCursor(offset + limit)
			}
		} else {
			page.Next = store.EncodeCursor(strconv.Itoa(last.Docs), last.ID)
		}
	}
	page.Items = items
	return page, nil
}
