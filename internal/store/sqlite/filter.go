package sqlite

import (
	"context"
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Filter tokens.
//
// A search with a filter (publication dates, an entity, a speaker, an
// outlet) used to walk the full-text matches newest first and look each up
// in the documents table until enough passed: cheap when most matches pass,
// a walk over every match of a common word when few do ("le" said by
// Trump). So doc_fts and quote_fts have a fourth column, meta, holding
// tokens that describe the document or quote:
//
//	y2020, m202003   every year and month its publication date covers
//	e123             an entity the document mentions (doc_entities,
//	                 speakers included)
//	s123             an entity quoted in the document, the quote's speaker
//	a123             an entity the quote mentions (quote_about)
//	o<hash>          the document's outlet, lowercased
//	v<hash>, r123    a via relay of the quote (of one of the document's
//	                 quotes): folded name, entity
//
// and a filter becomes part of the full-text query, e.g.
// `({fr en} : ("gouvern")) AND {meta} : (m202001 OR ... OR m202006)`, so
// FTS5 intersects the posting lists itself, skipping through the longer
// one. Entity and speaker tokens are exact; date and outlet tokens select a
// superset (whole months, Unicode lowercase) that the SQL conditions then
// narrow on the few rows left. bm25 gives the meta column weight 0.
// Listings without words (quotes newest first) still use the SQL indexes.

// metaColumn is the FTS column of the filter tokens.
const metaColumn = "meta"

// ftsWeights are the bm25 column weights of doc_fts and quote_fts (fr, en,
// und, meta).
const ftsWeights = "1.0, 1.0, 1.0, 0.0"

// ownColumn reports whether a language filter is a base language with an
// index column of its own, which the full-text query then selects alone.
func ownColumn(lang string) bool {
	l := strings.ToLower(strings.TrimSpace(lang))
	return l == "fr" || l == "en"
}

// hashToken is a token for a string value: its 64-bit FNV-1a hash in base 36.
func hashToken(prefix, s string) string {
	h := fnv.New64a()
	h.Write([]byte(s))
	return prefix + strconv.FormatUint(h.Sum64(), 36)
}

func idToken(prefix string, id int64) string { return prefix + strconv.FormatInt(id, 10) }

// dateTokens are the year and month tokens of a publication range
// [start, end] (YYYY-MM-DD; year precision is the coarsest, so both are
// in one year).
func dateTokens(start, end string) []string {
	y1, m1, ok1 := yearMonth(start)
	y2, m2, ok2 := yearMonth(end)
	if !ok1 || !ok2 || y2 < y1 || y2-y1 > 1 {
		return nil
	}
	var out []string
	for y, m := y1, m1; y < y2 || (y == y2 && m <= m2); {
		out = append(out, fmt.Sprintf("y%04d", y), fmt.Sprintf("m%04d%02d", y, m))
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
	return dedupe(out)
}

func dedupe(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func yearMonth(date string) (int, int, bool) {
	if len(date) < 7 {
		return 0, 0, false
	}
	y, err1 := strconv.Atoi(date[:4])
	m, err2 := strconv.Atoi(date[5:7])
	if err1 != nil || err2 != nil || m < 1 || m > 12 {
		return 0, 0, false
	}
	return y, m, true
}

// docMeta is what the meta column says about a document.
type docMeta struct {
	pubStart, pubEnd string
	outlet           string
	entities         []int64 // mentioned (and speakers)
	speakers         []int64
	about            []int64 // entities a quote mentions
	viaFolds         []string
	viaEntities      []int64
}

func (m *docMeta) text() string {
	toks := dateTokens(m.pubStart, m.pubEnd)
	if o := strings.TrimSpace(m.outlet); o != "" {
		toks = append(toks, hashToken("o", strings.ToLower(o)))
	}
	for _, id := range m.entities {
		toks = append(toks, idToken("e", id))
	}
	for _, id := range m.speakers {
		toks = append(toks, idToken("s", id))
	}
	for _, id := range m.about {
		toks = append(toks, idToken("a", id))
	}
	for _, f := range m.viaFolds {
		toks = append(toks, hashToken("v", f))
	}
	for _, id := range m.viaEntities {
		toks = append(toks, idToken("r", id))
	}
	return strings.Join(dedupe(toks), " ")
}

// metaQuery collects the filter tokens of a search: every group must
// match, any token of a group may.
type metaQuery struct {
	groups [][]string
	none   bool // a filter that nothing can match
}

// add requires one of the tokens; no tokens means no document can match.
func (mq *metaQuery) add(toks []string) {
	if len(toks) == 0 {
		mq.none = true
		return
	}
	mq.groups = append(mq.groups, dedupe(toks))
}

// expr is the FTS5 condition on the meta column ("" without filters).
func (mq *metaQuery) expr() string {
	if len(mq.groups) == 0 {
		return ""
	}
	parts := make([]string, len(mq.groups))
	for i, g := range mq.groups {
		parts[i] = "(" + strings.Join(g, " OR ") + ")"
	}
	return "{" + metaColumn + "} : (" + strings.Join(parts, " AND ") + ")"
}

// maxDateTokens bounds the tokens of a date filter; a wider range is left
// to the SQL condition alone (it then passes most documents anyway).
const maxDateTokens = 64

// dates adds the tokens of the publication range [from, to] (YYYY-MM-DD,
// either may be ""; open ends are closed at the stored range). The tokens
// select exactly the documents whose publication range meets [from, to]
// when both ends are month boundaries (or open): exact is then true and
// the SQL condition can be left out.
func (mq *metaQuery) dates(ctx context.Context, q querier, from, to string) (exact bool, err error) {
	if from == "" && to == "" {
		return true, nil
	}
	exact = (from == "" || strings.HasSuffix(from, "-01")) && (to == "" || isMonthEnd(to))
	bound := func(order string) (string, error) {
		var s string
		err := q.QueryRowContext(ctx, "SELECT COALESCE((SELECT pub_start FROM documents WHERE pub_start > '' ORDER BY pub_start "+
			order+" LIMIT 1), '')").Scan(&s)
		return s, err
	}
	if from == "" || to == "" {
		first, err := bound("ASC")
		if err != nil {
			return false, err
		}
		last, err := bound("DESC")
		if err != nil {
			return false, err
		}
		if first == "" { // no dated document
			mq.none = true
			return true, nil
		}
		if from == "" {
			from = first[:4] + "-01-01"
		}
		if to == "" {
			to = last[:4] + "-12-31"
		}
	}
	y1, m1, ok1 := yearMonth(from)
	y2, m2, ok2 := yearMonth(to)
	if !ok1 || !ok2 {
		return false, nil
	}
	if y2 < y1 || (y2 == y1 && m2 < m1) {
		mq.none = true
		return true, nil
	}
	var toks []string
	for y := y1; y <= y2; y++ {
		first, last := 1, 12
		if y == y1 {
			first = m1
		}
		if y == y2 {
			last = m2
		}
		if first == 1 && last == 12 {
			toks = append(toks, fmt.Sprintf("y%04d", y))
		} else {
			for m := first; m <= last; m++ {
				toks = append(toks, fmt.Sprintf("m%04d%02d", y, m))
			}
		}
		if len(toks) > maxDateTokens {
			return false, nil
		}
	}
	mq.add(toks)
	return exact, nil
}

// isMonthEnd reports whether a YYYY-MM-DD date is the last day of its month.
func isMonthEnd(date string) bool {
	t, err := time.Parse(time.DateOnly, date)
	return err == nil && t.AddDate(0, 0, 1).Day() == 1
}

// ids adds the tokens of entity ids.
func (mq *metaQuery) ids(prefix string, ids []int64) {
	toks := make([]string, len(ids))
	for i, id := range ids {
		toks[i] = idToken(prefix, id)
	}
	mq.add(toks)
}
