package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/newsgraph/newsgraph/internal/api"
	"github.com/newsgraph/newsgraph/internal/engine"
	"github.com/newsgraph/newsgraph/internal/store"
)

const searchHelp = `
Full-text search over the stored articles (titles and text without the
removed parts), ranked by relevance (bm25). Words match any inflection in
French and English and ignore accents and case; "a phrase" matches words
in order; a OR b matches either; -word or NOT word excludes.

Prints a table (date, language, title, the best passage with the matching
words in [brackets]) or, with --json, the API's JSON ({"items", "next"}).`

func runSearch(e *env, args []string) error {
	fs := newFlags(e, "search", "[--db FILE] [flags] QUERY...", searchHelp)
	db := fs.String("db", engine.DefaultDB, "the knowledge base file")
	asJSON := fs.Bool("json", false, "write JSON instead of a table")
	lang := fs.String("lang", "", "only articles in this language (fr, en)")
	from := fs.String("from", "", "published on or after (YYYY, YYYY-MM or YYYY-MM-DD)")
	to := fs.String("to", "", "published on or before")
	entity := fs.String("entity", "", "only articles mentioning this entity (name, alias or id)")
	speaker := fs.String("speaker", "", "only articles quoting this speaker")
	via := fs.String("via", "", "only articles from this outlet or relaying quotes through it")
	limit := fs.Int("limit", 10, "number of results (1-100)")
	cursor := fs.String("cursor", "", "continue after a previous page (the 'next' value of --json)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "newsgraph search: no query")
		fs.Usage()
		return errUsage
	}
	st, err := openQuery(e.ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	page, err := st.Search(e.ctx, store.SearchQuery{Text: strings.Join(fs.Args(), " "), Lang: *lang, From: *from, To: *to,
		Entity: *entity, Speaker: *speaker, Via: *via, Limit: *limit, Cursor: *cursor})
	if err != nil {
		return err
	}
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	if *asJSON {
		return writeJSONOut(w, api.List[api.Hit]{Items: convert(page.Items, api.ToHit), Next: nextPtr(page.Next)})
	}
	if len(page.Items) == 0 {
		fmt.Fprintln(w, "no article matches")
		return nil
	}
	for i, h := range page.Items {
		title := h.Doc.Title
		if title == "" {
			title = h.Doc.Source
		}
		fmt.Fprintf(w, "%2d. %-10s %-3s %s\n", i+1, dateOr(h.Doc.Published.String(), "undated"), h.Doc.Lang, title)
		fmt.Fprintf(w, "    %s\n", snippetText(h.Snippet))
		fmt.Fprintf(w, "    id %s · %s · score %.2f\n", h.Doc.ID, h.Doc.Source, h.Score)
	}
	if page.Next != "" {
		fmt.Fprintf(w, "more: --cursor %s\n", page.Next)
	}
	return nil
}

func snippetText(segs []store.Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Match {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func dateOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func convert[T, U any](in []T, f func(T) U) []U {
	out := make([]U, 0, len(in))
	for _, x := range in {
		out = append(out, f(x))
	}
	return out
}

func nextPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func writeJSONOut(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// openQuery opens a knowledge base for queries (read-only). A base written
// by an older newsgraph is upgraded first: the one write a query command
// makes, so that upgrading newsgraph never leaves a base unreadable.
func openQuery(ctx context.Context, db string) (store.Store, error) {
	st, err := openExisting(ctx, db, true)
	if !errors.Is(err, store.ErrNeedsMigration) {
		return st, err
	}
	rw, err := openExisting(ctx, db, false)
	if err != nil {
		return nil, err
	}
	if err := rw.Close(); err != nil {
		return nil, err
	}
	return openExisting(ctx, db, true)
}
