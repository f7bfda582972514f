package cli

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/api"
	"github.com/newsgraph/newsgraph/internal/engine"
	"github.com/newsgraph/newsgraph/internal/store"
)

const quotesHelp = `
List stored quotes, newest first: who said what, about whom, when, and
according to whom. --by, --about and --via take a name or an alias in any
language (--by Poutine finds Vladimir Putin) or an entity id; --q ranks by
words of the quote instead of by date.

Prints a table or, with --json, the API's JSON ({"items", "next"}).`

func runQuotes(e *env, args []string) error {
	fs := newFlags(e, "quotes", "[--db FILE] [--by NAME] [--about NAME] [--since DATE] [flags]", quotesHelp)
	db := fs.String("db", engine.DefaultDB, "the knowledge base file")
	asJSON := fs.Bool("json", false, "write JSON instead of a table")
	by := fs.String("by", "", "quotes by this speaker")
	about := fs.String("about", "", "quotes mentioning this entity")
	via := fs.String("via", "", "quotes relayed by this outlet or source")
	words := fs.String("q", "", "full-text query over the quote text")
	since := fs.String("since", "", "published on or after (YYYY, YYYY-MM or YYYY-MM-DD)")
	until := fs.String("until", "", "published on or before")
	lang := fs.String("lang", "", "only quotes in this language (fr, en)")
	limit := fs.Int("limit", 20, "number of quotes (1-100)")
	cursor := fs.String("cursor", "", "continue after a previous page (the 'next' value of --json)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "newsgraph quotes: unexpected argument %q (use --q for words)\n", fs.Arg(0))
		return errUsage
	}
	st, err := openQuery(e.ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	page, err := st.Quotes(e.ctx, store.QuoteQuery{Text: *words, Speaker: *by, About: *about, Via: *via, Lang: *lang,
		From: *since, To: *until, Limit: *limit, Cursor: *cursor})
	if err != nil {
		return err
	}
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	if *asJSON {
		return writeJSONOut(w, api.List[api.Quote]{Items: convert(page.Items, api.ToQuote), Next: nextPtr(page.Next)})
	}
	if len(page.Items) == 0 {
		fmt.Fprintln(w, "no quote found")
		return nil
	}
	for _, q := range page.Items {
		who := "unattributed"
		switch {
		case q.Speaker != nil:
			who = q.Speaker.Name
		case q.SpeakerText != "":
			who = q.SpeakerText
		case q.Anonymous:
			who = "anonymous source"
		}
		text := q.Text
		if q.Snippet != nil {
			text = snippetText(q.Snippet)
		}
		fmt.Fprintf(w, "%-10s %s: « %s »", dateOr(q.Doc.Published.String(), "undated"), who, strings.Join(strings.Fields(text), " "))
		for _, v := range q.Via {
			fmt.Fprintf(w, " (via %s)", v.Name)
		}
		if len(q.About) > 0 {
			names := make([]string, len(q.About))
			for i, a := range q.About {
				names[i] = a.Name
			}
			fmt.Fprintf(w, " [about %s]", strings.Join(names, ", "))
		}
		fmt.Fprintf(w, " — %s\n", q.Doc.Source)
	}
	if page.Next != "" {
		fmt.Fprintf(w, "more: --cursor %s\n", page.Next)
	}
	return nil
}
