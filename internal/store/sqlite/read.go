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

// querier is what reads need: *sql.DB or *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// snapshot runs f in a read transaction, so that it sees one state of the
// database even while another process replaces documents.
func (s *Store) snapshot(ctx context.Context, f func(q querier) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	return mapErr(f(tx))
}

// scanAll runs a query and calls f for every row.
func scanAll(ctx context.Context, q querier, query string, args []any, f func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := f(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func idString(n int64) string { return strconv.FormatInt(n, 10) }

// Document returns a stored document with all its layers.
func (s *Store) Document(ctx context.Context, id string) (*store.Document, error) {
	var out *store.Document
	err := s.snapshot(ctx, func(q querier) error {
		var err error
		out, err = readDocument(ctx, q, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", truncate(id, 40), err)
	}
	return out, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func readDocument(ctx context.Context, q querier, id string) (*store.Document, error) {
	var (
		rowid              int64
		d                  = &doc.Document{}
		published, paras   string
		nSent, nTok        int
		version, ingested  string
		hash               string
		bodyStart, bodyEnd int
	)
	err := q.QueryRowContext(ctx, `SELECT id, doc_id, hash, source, title, url, outlet, published, lang, lang_confidence,
		lang_source, body_start, body_end, paragraphs, n_sentences, n_tokens, t.text, version, ingested
		FROM documents JOIN texts t USING (id) WHERE doc_id = ?`, id).Scan(&rowid, &d.ID, &hash, &d.Source, &d.Title, &d.URL, &d.Outlet,
		&published, &d.Lang, &d.LangConfidence, &d.LangSource, &bodyStart, &bodyEnd, &paras, &nSent, &nTok, &d.Text,
		&version, &ingested)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	d.Body = doc.Span{Start: bodyStart, End: bodyEnd}
	d.Published = store.ParseDocDate(published)
	var ps [][3]int
	if err := json.Unmarshal([]byte(paras), &ps); err != nil {
		return nil, fmt.Errorf("%w: paragraphs: %v", store.ErrCorrupt, err)
	}
	for _, p := range ps {
		d.Paragraphs = append(d.Paragraphs, doc.Paragraph{Span: doc.Span{Start: p[0], End: p[1]}, Removed: p[2] == 1})
	}
	args := []any{rowid}
	if err := scanAll(ctx, q, "SELECT start, end, kind, reason, stage FROM removed WHERE doc = ? ORDER BY start", args, func(r *sql.Rows) error {
		var x doc.Removed
		if err := r.Scan(&x.Span.Start, &x.Span.End, &x.Kind, &x.Reason, &x.Stage); err != nil {
			return err
		}
		d.Removed = append(d.Removed, x)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := scanAll(ctx, q, "SELECT stage, message FROM problems WHERE doc = ?", args, func(r *sql.Rows) error {
		var x doc.Problem
		if err := r.Scan(&x.Stage, &x.Message); err != nil {
			return err
		}
		d.Problems = append(d.Problems, x)
		return nil
	}); err != nil {
		return nil, err
	}

	// Entities: doc-level records keyed by store entity id (two analyser
	// entities merged store-wide become one).
	byGID := map[int64]*doc.Entity{}
	byOrd := map[int]*doc.Entity{}
	var order []int64
	if err := scanAll(ctx, q, `SELECT de.ord, de.entity, de.name, de.names, de.type, de.stage, e.kb_id, e.gender
		FROM doc_entities de JOIN entities e ON e.id = de.entity WHERE de.doc = ? AND de.kind = 'entity' ORDER BY de.ord`, args,
		func(r *sql.Rows) error {
			var (
				ord          int
				gid          int64
				name, namesJ string
				e            doc.Entity
			)
			if err := r.Scan(&ord, &gid, &name, &namesJ, &e.Type, &e.Stage, &e.KBID, &e.Gender); err != nil {
				return err
			}
			if x, ok := byGID[gid]; ok {
				byOrd[ord] = x
				return nil
			}
			e.ID, e.Name = idString(gid), name
			_ = json.Unmarshal([]byte(namesJ), &e.Names)
			byGID[gid] = &e
			byOrd[ord] = &e
			order = append(order, gid)
			return nil
		}); err != nil {
		return nil, err
	}
	if err := scanAll(ctx, q, "SELECT ord, start, end, text, stage FROM mentions WHERE doc = ? ORDER BY start", args, func(r *sql.Rows) error {
		var (
			ord int
			m   doc.Mention
		)
		if err := r.Scan(&ord, &m.Span.Start, &m.Span.End, &m.Text, &m.Stage); err != nil {
			return err
		}
		if e := byOrd[ord]; e != nil {
			e.Mentions = append(e.Mentions, m)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := scanAll(ctx, q, "SELECT ord, text, start, end FROM roles WHERE doc = ? ORDER BY start", args, func(r *sql.Rows) error {
		var (
			ord int
			x   doc.Role
		)
		if err := r.Scan(&ord, &x.Text, &x.Span.Start, &x.Span.End); err != nil {
			return err
		}
		if e := byOrd[ord]; e != nil {
			e.Roles = append(e.Roles, x)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	for _, gid := range order {
		d.Entities = append(d.Entities, *byGID[gid])
	}

	// Quotes and their relays.
	quoteIdx := map[int64]int{}
	if err := scanAll(ctx, q, `SELECT q.id, q.start, q.end, q.kind, q.speaker, COALESCE(e.name, ''), q.speaker_name, q.speaker_start,
		q.speaker_end, q.anonymous, q.cue_start, q.cue_end, q.confidence, q.stage
		FROM quotes q LEFT JOIN entities e ON e.id = q.speaker WHERE q.doc = ? ORDER BY q.start`, args, func(r *sql.Rows) error {
		var (
			qid     int64
			speaker sql.NullInt64
			gname   string
			x       doc.Quote
		)
		if err := r.Scan(&qid, &x.Span.Start, &x.Span.End, &x.Kind, &speaker, &gname, &x.Speaker.Name, &x.Speaker.Span.Start,
			&x.Speaker.Span.End, &x.Speaker.Anonymous, &x.Cue.Start, &x.Cue.End, &x.Confidence, &x.Stage); err != nil {
			return err
		}
		if speaker.Valid {
			x.Speaker.EntityID = idString(speaker.Int64)
			if x.Speaker.Name == "" {
				x.Speaker.Name = gname
			}
		}
		quoteIdx[qid] = len(d.Quotes)
		d.Quotes = append(d.Quotes, x)
		return nil
	}); err != nil {
		return nil, err
	}
	if len(d.Quotes) > 0 {
		if err := scanAll(ctx, q, `SELECT r.quote, r.role, r.name, r.entity, r.start, r.end FROM quote_relays r
			JOIN quotes q ON q.id = r.quote WHERE q.doc = ? ORDER BY r.quote, r.role, r.pos`, args, func(r *sql.Rows) error {
			var (
				qid    int64
				role   string
				entity sql.NullInt64
				x      doc.Relay
			)
			if err := r.Scan(&qid, &role, &x.Name, &entity, &x.Span.Start, &x.Span.End); err != nil {
				return err
			}
			if entity.Valid {
				x.EntityID = idString(entity.Int64)
			}
			i, ok := quoteIdx[qid]
			if !ok {
				return nil
			}
			if role == "to" {
				d.Quotes[i].To = append(d.Quotes[i].To, x)
			} else {
				d.Quotes[i].Via = append(d.Quotes[i].Via, x)
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	if err := scanAll(ctx, q, "SELECT start, end, type, value, anchor, stage FROM times WHERE doc = ? ORDER BY start", args, func(r *sql.Rows) error {
		var x doc.Timex
		if err := r.Scan(&x.Span.Start, &x.Span.End, &x.Type, &x.Value, &x.Anchor, &x.Stage); err != nil {
			return err
		}
		d.Times = append(d.Times, x)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := scanAll(ctx, q, `SELECT start, end, value, value_max, unit, si_value, si_unit, approx, measured, stage
		FROM quantities WHERE doc = ? ORDER BY start`, args, func(r *sql.Rows) error {
		var (
			x          doc.Quantity
			vmax, siV  sql.NullFloat64
			siU        string
			approxFlag int
		)
		if err := r.Scan(&x.Span.Start, &x.Span.End, &x.Value, &vmax, &x.Unit, &siV, &siU, &approxFlag, &x.Measured, &x.Stage); err != nil {
			return err
		}
		if vmax.Valid {
			v := vmax.Float64
			x.ValueMax = &v
		}
		if siV.Valid {
			x.SI = &doc.SI{Value: siV.Float64, Unit: siU}
		}
		x.Approx = approxFlag == 1
		d.Quantities = append(d.Quantities, x)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := scanAll(ctx, q, "SELECT start, end, type, participants, place, origin, time, stage FROM events WHERE doc = ? ORDER BY start", args, func(r *sql.Rows) error {
		var (
			x             doc.Event
			parts         string
			place, origin sql.NullInt64
		)
		if err := r.Scan(&x.Span.Start, &x.Span.End, &x.Type, &parts, &place, &origin, &x.Time, &x.Stage); err != nil {
			return err
		}
		var ids []int64
		_ = json.Unmarshal([]byte(parts), &ids)
		for _, p := range ids {
			x.Participants = append(x.Participants, idString(p))
		}
		if place.Valid {
			x.Place = idString(place.Int64)
		}
		if origin.Valid {
			x.Origin = idString(origin.Int64)
		}
		d.Events = append(d.Events, x)
		return nil
	}); err != nil {
		return nil, err
	}
	t, _ := time.Parse(time.RFC3339, ingested)
	return &store.Document{
		Doc:      d,
		Hash:     hash,
		Counts:   store.Counts{Paragraphs: len(d.Paragraphs), Sentences: nSent, Tokens: nTok},
		Version:  version,
		Ingested: t,
	}, nil
}

// filter accumulates WHERE clauses and their arguments.
type filter struct {
	where []string
	args  []any
}

func (f *filter) add(clause string, args ...any) {
	f.where = append(f.where, clause)
	f.args = append(f.args, args...)
}

// entities resolves name (any alias, any language) to entity ids and adds
// clause, in which %s stands for the id list; an empty name adds nothing.
func (f *filter) entities(ctx context.Context, q querier, name, clause string, args ...any) error {
	if name == "" {
		return nil
	}
	ids, err := resolveEntities(ctx, q, name)
	if err != nil {
		return err
	}
	f.add(fmt.Sprintf(clause, idList(ids)), args...)
	return nil
}

// newestAfter decodes a newest-first page cursor (pub_start, id) and keeps
// the rows after it; alias is the table alias with pub_start and id.
func (f *filter) newestAfter(alias, cursor string) error {
	cur, err := store.DecodeCursor(cursor, 2)
	if err != nil || cur == nil {
		return err
	}
	n, err := strconv.ParseInt(cur[1], 10, 64)
	if err != nil {
		return fmt.Errorf("%w: malformed cursor", store.ErrInvalid)
	}
	f.add("("+alias+".pub_start < ? OR ("+alias+".pub_start = ? AND "+alias+".id < ?))", cur[0], cur[0], n)
	return nil
}

func (f *filter) sql() string {
	if len(f.where) == 0 {
		return ""
	}
	return " AND " + strings.Join(f.where, " AND ")
}

// lang keeps rows in a language: a base tag ("fr") matches its regional
// variants through the indexed lang_base column, a regional tag ("fr-CA")
// only itself. table is the alias of a table with lang and lang_base.
func (f *filter) lang(table, lang string) {
	l := strings.ToLower(strings.TrimSpace(lang))
	switch {
	case l == "":
	case strings.Contains(l, "-"):
		f.add("lower("+table+".lang) = ?", l)
	default:
		f.add(table+".lang_base = ?", l)
	}
}

// langBase is the base language of a tag ("fr-CA" → "fr").
func langBase(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	return base
}

// dates keeps rows whose publication range meets [from, to].
func (f *filter) dates(startCol, endCol, from, to string) error {
	a, err := store.ParseDate(from, false)
	if err != nil {
		return err
	}
	b, err := store.ParseDate(to, true)
	if err != nil {
		return err
	}
	if a != "" && b != "" && a > b {
		return fmt.Errorf("%w: from %s is after to %s", store.ErrInvalid, from, to)
	}
	if a != "" {
		f.add(endCol+" != '' AND "+endCol+" >= ?", a)
	}
	if b != "" {
		f.add(startCol+" != '' AND "+startCol+" <= ?", b)
	}
	return nil
}

// idList renders ids as an SQL list of integers (they come from the
// database, never from the user).
func idList(ids []int64) string {
	if len(ids) == 0 {
		return "NULL"
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

const docSummaryCols = `d.doc_id, d.source, d.title, d.url, d.outlet, d.published, d.lang, d.n_entities, d.n_quotes, d.version`

func scanSummary(r interface{ Scan(...any) error }, extra ...any) (store.DocSummary, error) {
	var (
		s   store.DocSummary
		pub string
	)
	dst := append([]any{&s.ID, &s.Source, &s.Title, &s.URL, &s.Outlet, &pub, &s.Lang, &s.Entities, &s.Quotes, &s.Version}, extra...)
	if err := r.Scan(dst...); err != nil {
		return s, err
	}
	s.Published = store.ParseDocDate(pub)
	return s, nil
}

// Documents lists documents, newest first.
func (s *Store) Documents(ctx context.Context, dq store.DocumentQuery) (store.Page[store.DocSummary], error) {
	var page store.Page[store.DocSummary]
	limit, err := store.CheckLimit(dq.Limit)
	if err != nil {
		return page, err
	}
	var f filter
	f.lang("d", dq.Lang)
	if err := f.dates("d.pub_start", "d.pub_end", dq.From, dq.To); err != nil {
		return page, err
	}
	if err := f.newestAfter("d", dq.Cursor); err != nil {
		return page, err
	}
	err = s.snapshot(ctx, func(q querier) error {
		if err := f.entities(ctx, q, dq.Entity, "d.id IN (SELECT doc FROM doc_entities WHERE entity IN (%s))"); err != nil {
			return err
		}
		type row struct {
			s     store.DocSummary
			pub   string
			rowid int64
		}
		var rows []row
		args := append(f.args, limit+1)
		err := scanAll(ctx, q, "SELECT "+docSummaryCols+", d.pub_start, d.id FROM documents d WHERE 1"+f.sql()+
			" ORDER BY d.pub_start DESC, d.id DESC LIMIT ?", args, func(r *sql.Rows) error {
			var x row
			var err error
			x.s, err = scanSummary(r, &x.pub, &x.rowid)
			rows = append(rows, x)
			return err
		})
		if err != nil {
			return err
		}
		if len(rows) > limit {
			rows = rows[:limit]
			last := rows[limit-1]
			page.Next = store.EncodeCursor(last.pub, idString(last.rowid))
		}
		for _, r := range rows {
			page.Items = append(page.Items, r.s)
		}
		return nil
	})
	if err != nil {
		return page, fmt.Errorf("documents: %w", err)
	}
	return page, nil
}

// resolveEntities finds the entities a user names: an id, else the
// entities with that exact alias (accents and case ignored), else those
// with an alias containing the name as a phrase ("Poutine" finds
// "Vladimir Poutine"). Unknown names give no ids (and so no results).
func resolveEntities(ctx context.Context, q querier, name string) ([]int64, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, nil
	}
	if n, err := strconv.ParseInt(name, 10, 64); err == nil && n > 0 {
		return []int64{n}, nil
	}
	if len(name) > 200 {
		return nil, fmt.Errorf("%w: name longer than 200 bytes", store.ErrInvalid)
	}
	var ids []int64
	collect := func(r *sql.Rows) error {
		var id int64
		if err := r.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	}
	if err := scanAll(ctx, q, `SELECT DISTINCT e.id FROM entity_names n JOIN entities e ON e.id = n.entity
		WHERE n.fold = ? AND e.docs > 0 ORDER BY e.docs DESC LIMIT 50`, []any{store.Fold(name)}, collect); err != nil {
		return nil, err
	}
	if len(ids) > 0 {
		return ids, nil
	}
	phrase := namePhrase(name, false)
	if phrase == "" {
		return nil, nil
	}
	err := scanAll(ctx, q, `SELECT e.id FROM entities e WHERE e.docs > 0 AND e.id IN
		(SELECT n.entity FROM entity_fts JOIN entity_names n ON n.id = entity_fts.rowid WHERE entity_fts MATCH ?)
		ORDER BY e.docs DESC LIMIT 50`, []any{phrase}, collect)
	return ids, err
}

// namePhrase renders a name as an FTS5 phrase of its folded tokens
// (optionally a prefix query on the last one).
func namePhrase(name string, prefix bool) string {
	var words []string
	for _, t := range store.Tokens(name) {
		words = append(words, store.Fold(name[t.Start:t.End]))
		if len(words) == 16 {
			break
		}
	}
	if len(words) == 0 {
		return ""
	}
	p := `"` + strings.Join(words, " ") + `"`
	if prefix {
		p += "*"
	}
	return p
}
