package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

// TestQueryUpgradesOldBase: search and quotes open a base written by an
// older newsgraph (schema 1) by upgrading it first, instead of failing on
// the read-only open.
func TestQueryUpgradesOldBase(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "kb.db")
	s, err := sqlite.Open(ctx, db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(ctx, storetest.Corpus(), storetest.Version); err != nil {
		t.Fatal(err)
	}
	// Back to schema 1: the full-text tables without their meta column.
	for _, q := range []string{"DROP TABLE doc_fts", "DROP TABLE quote_fts", "DROP INDEX quote_relays_fold",
		"CREATE VIRTUAL TABLE doc_fts USING fts5(fr, en, und, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')",
		"CREATE VIRTUAL TABLE quote_fts USING fts5(fr, en, und, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')",
		"PRAGMA user_version = 1"} {
		if _, err := s.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	code, out, errs := run(t, "search", "--db", db, "--entity", "Poutine", "election")
	if code != 0 || !strings.Contains(out, "en1.txt") {
		t.Fatalf("search on an old base: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = run(t, "quotes", "--db", db, "--by", "Kirby", "--q", "closely")
	if code != 0 || !strings.Contains(out, "We are watching [closely]") {
		t.Errorf("quotes after the upgrade: exit %d\n%s\n%s", code, out, errs)
	}
}
