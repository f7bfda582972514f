// Package sqlite is the embedded store backend: one SQLite file opened with
// modernc.org/sqlite (pure Go, no cgo), in WAL mode so readers never wait
// for the writer, with a busy timeout so several processes can write to one
// file in turn. The schema is created and upgraded by the versioned
// migrations embedded from migrations/*.sql (PRAGMA user_version records
// the version applied); a file from a newer schema is refused with
// store.ErrSchemaTooNew and a file that is not a newsgraph database with
// store.ErrCorrupt.
//
// Full-text search uses FTS5 tables whose per-language columns hold the
// Snowball stems computed in Go (see internal/store/text.go for why), over
// SQLite's unicode61 tokenizer with remove_diacritics 2; ranking is bm25
// (among the newest DefaultRankWindow matches of a broad query) and
// snippets are made from the original text.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	msqlite "modernc.org/sqlite"

	"github.com/newsgraph/newsgraph/internal/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// applicationID marks newsgraph databases (PRAGMA application_id, "NGRH").
const applicationID = 0x4E475248

// Options configure Open.
type Options struct {
	// BusyTimeout is how long a write waits for another writer (default
	// 30 s).
	BusyTimeout time.Duration
	// ReadOnly opens the database for queries only.
	ReadOnly bool
	// RankWindow bounds ranking work (DefaultRankWindow when 0; see
	// DefaultRankWindow).
	RankWindow int
}

// Store is a store.Store on an SQLite file.
type Store struct {
	db       *sql.DB
	path     string
	window   int
	readOnly bool
	cache    entityCache // see put.go
}

var _ store.Store = (*Store)(nil)

// migrations returns the embedded migrations in order; migration i brings
// the schema to version i+1. A migration may also have a Go step
// (migrationSteps), for work SQL cannot do, such as filling a contentless
// full-text table again.
func migrations() ([]string, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []string
	for i, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s is out of sequence", base)
		}
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	if len(out) != store.SchemaVersion {
		return nil, fmt.Errorf("%d migrations for schema version %d", len(out), store.SchemaVersion)
	}
	return out, nil
}

// Open opens (creating and migrating it if needed) the database at path.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlite: no database path")
	}
	if opt.BusyTimeout <= 0 {
		opt.BusyTimeout = 30 * time.Second
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", opt.BusyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "cache_size(-16000)")
	q.Set("_txlock", "immediate")
	if opt.ReadOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	n := runtime.GOMAXPROCS(0) * 2
	if n < 4 {
		n = 4
	}
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	if opt.RankWindow <= 0 {
		opt.RankWindow = DefaultRankWindow
	}
	s := &Store{db: db, path: path, window: opt.RankWindow, readOnly: opt.ReadOnly}
	if err := s.migrate(ctx, opt.ReadOnly); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// migrate checks the file and brings its schema to store.SchemaVersion.
func (s *Store) migrate(ctx context.Context, readOnly bool) error {
	migs, err := migrations()
	if err != nil {
		return err
	}
	version, err := s.version(ctx)
	if err != nil {
		return err
	}
	if version > len(migs) {
		return fmt.Errorf("%w: the file has schema version %d, this program knows up to %d; use a newer newsgraph",
			store.ErrSchemaTooNew, version, len(migs))
	}
	if version == len(migs) {
		return nil
	}
	if readOnly {
		return fmt.Errorf("%w: %w from version %d to %d, which a read-only open cannot do; open it once for writing",
			store.ErrInvalid, store.ErrNeedsMigration, version, len(migs))
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	// Another process may have migrated while we waited for the lock.
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return mapErr(err)
	}
	for v := version; v < len(migs); v++ {
		if _, err := tx.ExecContext(ctx, migs[v]); err != nil {
			return fmt.Errorf("migration %d: %w", v+1, mapErr(err))
		}
		if step := migrationSteps[v+1]; step != nil {
			if err := step(ctx, tx); err != nil {
				return fmt.Errorf("migration %d: %w", v+1, mapErr(err))
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			return mapErr(err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
		return mapErr(err)
	}
	return mapErr(tx.Commit())
}

// version reads the schema version, refusing files that are not ours.
func (s *Store) version(ctx context.Context) (int, error) {
	var version, app, objects int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, mapErr(err)
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return 0, mapErr(err)
	}
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&objects); err != nil {
		return 0, mapErr(err)
	}
	if (app != 0 && app != applicationID) || (app == 0 && objects > 0) {
		return 0, fmt.Errorf("%w: the file holds another application's SQLite database", store.ErrCorrupt)
	}
	return version, nil
}

// Close closes the database, first letting SQLite refresh the statistics
// its query planner uses (PRAGMA optimize) when the store may write.
func (s *Store) Close() error {
	if !s.readOnly {
		s.db.Exec("PRAGMA optimize")
	}
	return s.db.Close()
}

// DB exposes the database handle to tests and benchmarks of this package.
func (s *Store) DB() *sql.DB { return s.db }

// SQLite result codes (primary) that map to store errors.
const (
	codeBusy    = 5
	codeLocked  = 6
	codeCorrupt = 11
	codeNotADB  = 26
)

// mapErr turns SQLite errors into store sentinels.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var se *msqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case codeBusy, codeLocked:
			return fmt.Errorf("%w: %v", store.ErrBusy, err)
		case codeCorrupt, codeNotADB:
			return fmt.Errorf("%w: %v", store.ErrCorrupt, err)
		}
	}
	return err
}

// Stats counts stored things.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	st.SchemaVersion = store.SchemaVersion
	for _, c := range []struct {
		q string
		n *int
	}{
		{"SELECT count(*) FROM documents", &st.Documents},
		{"SELECT count(*) FROM entities WHERE docs > 0", &st.Entities},
		{"SELECT count(*) FROM mentions", &st.Mentions},
		{"SELECT count(*) FROM quotes", &st.Quotes},
		{"SELECT count(*) FROM times", &st.Times},
		{"SELECT count(*) FROM quantities", &st.Quantities},
		{"SELECT count(*) FROM events", &st.Events},
	} {
		if err := s.db.QueryRowContext(ctx, c.q).Scan(c.n); err != nil {
			return st, fmt.Errorf("stats: %w", mapErr(err))
		}
	}
	var pages, size int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		return st, mapErr(err)
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&size); err != nil {
		return st, mapErr(err)
	}
	st.Bytes = pages * size
	return st, nil
}
