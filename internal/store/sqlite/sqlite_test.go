package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

func open(t testing.TB, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		return open(t, filepath.Join(t.TempDir(), "kb.db"))
	})
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kb.db")
	s := open(t, path)
	if _, err := s.Put(context.Background(), storetest.Corpus(), storetest.Version); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2 := open(t, path)
	st, err := s2.Stats(context.Background())
	if err != nil || st.Documents != 4 {
		t.Fatalf("after reopening: %+v %v", st, err)
	}
	var mode string
	if err := s2.DB().QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode %q %v", mode, err)
	}
}

func TestRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()

	newer := filepath.Join(dir, "newer.db")
	s := open(t, newer)
	if _, err := s.DB().Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := sqlite.Open(ctx, newer, sqlite.Options{}); !errors.Is(err, store.ErrSchemaTooNew) {
		t.Errorf("newer schema: %v", err)
	}

	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte("this is not a database, just some text that is long enough to look like a header............"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.Open(ctx, garbage, sqlite.Options{}); !errors.Is(err, store.ErrCorrupt) {
		t.Errorf("garbage file: %v", err)
	}

	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t (x)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := sqlite.Open(ctx, other, sqlite.Options{}); !errors.Is(err, store.ErrCorrupt) {
		t.Errorf("another application's database: %v", err)
	}

	if _, err := sqlite.Open(ctx, filepath.Join(dir, "no", "such", "dir", "x.db"), sqlite.Options{}); err == nil {
		t.Errorf("a database in a missing folder opened")
	}
}

// Two handles on one file behave like two processes: both write, nothing
// is lost.
func TestTwoWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kb.db")
	a, b := open(t, path), open(t, path)
	docs := storetest.Corpus()
	done := make(chan error, 2)
	go func() { _, err := a.Put(context.Background(), docs[:2], "v"); done <- err }()
	go func() { _, err := b.Put(context.Background(), docs[2:], "v"); done <- err }()
	for range 2 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	st, err := a.Stats(context.Background())
	if err != nil || st.Documents != 4 || st.Quotes != 6 {
		t.Errorf("after two writers: %+v %v", st, err)
	}
}

// TestRankWindow: a query with more matches than the window is ranked
// among the newest matches only.
func TestRankWindow(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"), sqlite.Options{RankWindow: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var docs []*doc.Document
	for i := range 8 {
		text := fmt.Sprintf("Article %d mentions apples once.", i)
		if i == 0 {
			text = "Apples, apples and apples: the oldest article is the most relevant."
		}
		docs = append(docs, &doc.Document{ID: fmt.Sprint(i), Source: fmt.Sprint(i), Text: text, Lang: "en",
			Body: doc.Span{End: len(text)}, Quotes: []doc.Quote{{Span: doc.Span{End: len(text)}, Kind: "direct"}}})
	}
	if _, err := s.Put(ctx, docs, "v"); err != nil {
		t.Fatal(err)
	}
	p, err := s.Search(ctx, store.SearchQuery{Text: "apple"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range p.Items {
		got = append(got, h.Doc.ID)
	}
	if len(got) != 3 || slices.Contains(got, "0") {
		t.Errorf("ranked %v, want the 3 newest", got)
	}
	if p, _ := s.Search(ctx, store.SearchQuery{Text: "oldest apples"}); len(p.Items) != 1 || p.Items[0].Doc.ID != "0" {
		t.Errorf("a narrow query: %+v", p.Items)
	}
	if q, _ := s.Quotes(ctx, store.QuoteQuery{Text: "apples"}); len(q.Items) != 3 {
		t.Errorf("quotes: %d", len(q.Items))
	}
}

// entityDoc is a one-entity English document.
func entityDoc(source, text, name string) *doc.Document {
	i := strings.Index(text, name)
	m := doc.Span{Start: i, End: i + len(name)}
	return &doc.Document{Source: source, Text: text, Lang: "en", Body: doc.Span{End: len(text)},
		Entities: []doc.Entity{{ID: "e1", Type: "ORG", Name: name, Mentions: []doc.Mention{{Span: m}}}}}
}

// TestEntityCacheAcrossHandles: a handle that cached an entity must not
// reuse its id after another handle (process) deleted it.
func TestEntityCacheAcrossHandles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	a, b := open(t, path), open(t, path)
	if _, err := a.Put(ctx, []*doc.Document{entityDoc("1", "Acme Corp sells anvils.", "Acme Corp")}, "v"); err != nil {
		t.Fatal(err)
	}
	// b replaces the only document naming Acme Corp: the entity goes.
	if _, err := b.Put(ctx, []*doc.Document{entityDoc("1", "Globex sells rockets.", "Globex")}, "v"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Put(ctx, []*doc.Document{entityDoc("2", "Acme Corp sells more anvils.", "Acme Corp")}, "v"); err != nil {
		t.Fatal(err)
	}
	p, err := a.Entities(ctx, store.EntityQuery{Text: "Acme Corp"})
	if err != nil || len(p.Items) != 1 || p.Items[0].Docs != 1 {
		t.Fatalf("Acme Corp after re-creation: %+v %v", p.Items, err)
	}
	h, err := a.Search(ctx, store.SearchQuery{Text: "anvils", Entity: "Acme Corp"})
	if err != nil || len(h.Items) != 1 || h.Items[0].Doc.Source != "2" {
		t.Errorf("search by the re-created entity: %+v %v", h.Items, err)
	}
}

// TestReplaceInOneBatch: a batch that stores a document twice (same
// source, new text) keeps the last version only, with its facts.
func TestReplaceInOneBatch(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "kb.db"))
	res, err := s.Put(ctx, []*doc.Document{
		entityDoc("a", "Acme Corp sells anvils.", "Acme Corp"),
		entityDoc("a", "Globex sells rockets.", "Globex"),
		entityDoc("b", "Globex sells rockets.", "Globex"), // same text: unchanged
	}, "v")
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Status != store.Added || res[1].Status != store.Replaced || res[2].Status != store.Unchanged {
		t.Errorf("statuses %+v", res)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Documents != 1 || st.Entities != 1 || st.Mentions != 1 {
		t.Errorf("after the batch: %+v %v", st, err)
	}
	for q, want := range map[string]int{"anvils": 0, "rockets": 1} {
		if h, err := s.Search(ctx, store.SearchQuery{Text: q}); err != nil || len(h.Items) != want {
			t.Errorf("search %q: %d hits, want %d (%v)", q, len(h.Items), want, err)
		}
	}
}

// TestMigrateFromV1: a schema-1 file (doc_fts without the meta column)
// is migrated on open, its full-text index rebuilt from the stored
// documents, and filtered searches find what they found before.
func TestMigrateFromV1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	s := open(t, path)
	if _, err := s.Put(ctx, storetest.Corpus(), storetest.Version); err != nil {
		t.Fatal(err)
	}
	queries := []store.SearchQuery{{Text: "election"}, {Text: "Kirby", Speaker: "Kirby"}, {Text: "election", Entity: "Poutine"},
		{Text: "election", From: "2023"}, {Text: "Kirby", Via: "Fox News"}, {Text: "negociation armements"}}
	search := func(s *sqlite.Store) [][]string {
		var out [][]string
		for _, q := range queries {
			p, err := s.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, h := range p.Items {
				ids = append(ids, h.Doc.ID)
			}
			out = append(out, ids)
		}
		return out
	}
	want := search(s)
	quotes := func(s *sqlite.Store) []string {
		var out []string
		for _, q := range []store.QuoteQuery{{Text: "elections"}, {Text: "closely", Speaker: "Kirby"}, {Text: "Vladivostok", About: "Poutine"},
			{Text: "négociations", Via: "fox news digital"}, {Text: "négociations", From: "2023-01", To: "2023-12"}} {
			p, err := s.Quotes(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, x := range p.Items {
				ids = append(ids, x.ID)
			}
			out = append(out, strings.Join(ids, ","))
		}
		return out
	}
	wantQuotes := quotes(s)
	for _, q := range []string{"DROP TABLE doc_fts", "DROP TABLE quote_fts", "DROP INDEX quote_relays_fold",
		"CREATE VIRTUAL TABLE doc_fts USING fts5(fr, en, und, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')",
		"CREATE VIRTUAL TABLE quote_fts USING fts5(fr, en, und, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')",
		"PRAGMA user_version = 1"} {
		if _, err := s.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	if _, err := sqlite.Open(ctx, path, sqlite.Options{ReadOnly: true}); !errors.Is(err, store.ErrInvalid) || !errors.Is(err, store.ErrNeedsMigration) {
		t.Errorf("a read-only open of a file to migrate: %v", err)
	}
	s2 := open(t, path)
	if got := search(s2); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("after migrating: %v, want %v", got, want)
	}
	if got := quotes(s2); !slices.Equal(got, wantQuotes) {
		t.Errorf("quotes after migrating: %q, want %q", got, wantQuotes)
	}
	if slices.Equal(wantQuotes, make([]string, len(wantQuotes))) {
		t.Error("no quote query found anything: the test checks nothing")
	}
	var v int
	if err := s2.DB().QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != store.SchemaVersion {
		t.Errorf("user_version %d %v", v, err)
	}
}

// TestUnlinkedSpeakerInOneBatch: a speaker the analyser did not link,
// quoted in two documents of one batch, becomes one entity.
func TestUnlinkedSpeakerInOneBatch(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "kb.db"))
	quoted := func(source, text string) *doc.Document {
		return &doc.Document{Source: source, Text: text, Lang: "en", Body: doc.Span{End: len(text)},
			Quotes: []doc.Quote{{Span: doc.Span{Start: 1, End: 10}, Kind: "direct", Speaker: doc.Speaker{Name: "Jean Dupont"}}}}
	}
	if _, err := s.Put(ctx, []*doc.Document{quoted("a", `"It works," said Jean Dupont.`), quoted("b", `"It still works," said Jean Dupont.`)}, "v"); err != nil {
		t.Fatal(err)
	}
	p, err := s.Entities(ctx, store.EntityQuery{Text: "Jean Dupont"})
	if err != nil || len(p.Items) != 1 || p.Items[0].Docs != 2 || p.Items[0].Quotes != 2 || p.Items[0].Type != "PER" {
		t.Fatalf("Jean Dupont: %+v %v", p.Items, err)
	}
	q, err := s.Quotes(ctx, store.QuoteQuery{Speaker: "Dupont"})
	if err != nil || len(q.Items) != 2 {
		t.Errorf("quotes by Dupont: %d %v", len(q.Items), err)
	}
}

// TestCountsStayConsistent: two handles (processes) replace each other's
// documents, whose entities come and go, in batches that also replace
// documents of their own batch; the stored reference counts must still
// equal what the fact tables hold, and search must find every stored
// document by its entities.
func TestCountsStayConsistent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	handles := []*sqlite.Store{open(t, path), open(t, path)}
	names := []string{"Acme Corp", "Globex", "Initech", "Umbrella", "Hooli"}
	mk := func(source string, round, k int) *doc.Document {
		a, b := names[(round+k)%len(names)], names[(round+2*k+1)%len(names)]
		text := fmt.Sprintf("%s and %s signed round %d. \"We agree,\" said Jean Dupont.", a, b, round)
		d := entityDoc(source, text, a)
		i := strings.Index(text, b)
		d.Entities = append(d.Entities, doc.Entity{ID: "e2", Type: "ORG", Name: b, Mentions: []doc.Mention{{Span: doc.Span{Start: i, End: i + len(b)}}}})
		q := strings.Index(text, `"`)
		d.Quotes = []doc.Quote{{Span: doc.Span{Start: q + 1, End: q + 10}, Kind: "direct", Speaker: doc.Speaker{Name: "Jean Dupont"},
			Via: []doc.Relay{{Name: "AFP"}}}}
		return d
	}
	for round := range 6 {
		var batch []*doc.Document
		for k := range 4 {
			batch = append(batch, mk(fmt.Sprint("s", k), round, k))
		}
		batch = append(batch, mk("s0", round+7, 0)) // replaces a document of its own batch
		if _, err := handles[round%2].Put(ctx, batch, "v"); err != nil {
			t.Fatal(err)
		}
	}
	db := handles[0].DB()
	for _, c := range []struct{ what, q string }{
		{"entity docs", `SELECT count(*) FROM entities e WHERE docs != (SELECT count(DISTINCT doc) FROM doc_entities WHERE entity = e.id)`},
		{"entity mentions", `SELECT count(*) FROM entities e WHERE mentions != (SELECT count(*) FROM mentions WHERE entity = e.id)`},
		{"entity quotes", `SELECT count(*) FROM entities e WHERE quotes != (SELECT count(*) FROM quotes WHERE speaker = e.id)`},
		{"unused entities", `SELECT count(*) FROM entities WHERE docs = 0`},
		{"documents", `SELECT 4 - count(*) FROM documents`},
	} {
		var n int
		if err := db.QueryRow(c.q).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s: %d wrong (%v)", c.what, n, err)
		}
	}
	total := 0
	for _, name := range names {
		var want int
		if err := db.QueryRow(`SELECT count(DISTINCT de.doc) FROM doc_entities de JOIN entities e ON e.id = de.entity WHERE e.name = ?`,
			name).Scan(&want); err != nil {
			t.Fatal(err)
		}
		p, err := handles[1].Search(ctx, store.SearchQuery{Text: "signed", Entity: name, Speaker: "Jean Dupont", Via: "AFP"})
		if err != nil || len(p.Items) != want {
			t.Errorf("search by %s: %d hits, want %d (%v)", name, len(p.Items), want, err)
		}
		total += want
	}
	if total < 4 {
		t.Errorf("only %d document-entity pairs: the test checks little", total)
	}
}
