package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
