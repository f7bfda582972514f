package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/newsgraph/newsgraph/internal/engine"
	"github.com/newsgraph/newsgraph/internal/ingest"
)

const ingestHelp = `
Analyse news articles and store them, with every extracted fact, in a
knowledge base (an SQLite file, ./newsgraph.db by default) that 'newsgraph
serve', 'search' and 'quotes' query.

PATH is a file, a folder (read recursively) or - for stdin, in any format
'newsgraph analyze' reads. Articles whose text is already stored are skipped
without being analysed again, so running ingest twice is harmless and an
interrupted ingest (Ctrl-C) resumes where it stopped. An article with the
same source (or id) as a stored one but a new text replaces it and its facts.
Errors name the file (and line); the other inputs are still stored and the
exit code is 1.`

func runIngest(e *env, args []string) error {
	fs := newFlags(e, "ingest", "[--db FILE] PATH...", ingestHelp)
	db := fs.String("db", engine.DefaultDB, "the knowledge base file")
	forceLang := fs.String("lang", "", "force the language (BCP 47 tag) instead of detecting it")
	maxSize := fs.Int64("max-size", ingest.DefaultMaxSize, "largest accepted input file in bytes")
	workers := fs.Int("workers", 0, "documents analysed in parallel (0: one per core)")
	batch := fs.Int("batch", engine.DefaultBatch, "documents written per transaction")
	quiet := fs.Bool("quiet", false, "print only errors and the summary")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "newsgraph ingest: no input; give files, folders or - for stdin")
		fs.Usage()
		return errUsage
	}
	eng, err := newEngine(e, *forceLang, *maxSize)
	if err != nil {
		return err
	}
	st, err := engine.OpenStore(e.ctx, *db, engine.StoreOptions{})
	if err != nil {
		return err
	}
	defer st.Close()

	prog := newProgress(e.stderr, *quiet)
	stats, err := eng.Ingest(e.ctx, st, fs.Args(), e.stdin, engine.IngestOptions{Workers: *workers, Batch: *batch},
		func(ev engine.IngestEvent) {
			if ev.Err != nil {
				prog.clear()
				fmt.Fprintf(e.stderr, "newsgraph ingest: %v\n", ev.Err)
			}
			prog.update(ev.Stats)
		})
	prog.clear()
	fmt.Fprintf(e.stderr, "newsgraph ingest: %s: %d added, %d replaced, %d unchanged, %d failed in %s (%.1f articles/s)\n",
		*db, stats.Added, stats.Replaced, stats.Unchanged, stats.Failed, stats.Elapsed.Round(time.Millisecond), stats.Rate())
	if n := stats.Stored(); n > 0 {
		// Where the time went: analysis is summed over the workers, storing
		// overlaps it (one writer while the workers analyse).
		fmt.Fprintf(e.stderr, "newsgraph ingest: per stored article: analysis %s (over %d workers), store %s\n",
			(stats.Analysis / time.Duration(n)).Round(time.Microsecond), ingestWorkers(*workers),
			(stats.Storing / time.Duration(n)).Round(time.Microsecond))
	}
	switch {
	case err != nil && e.ctx.Err() != nil && errors.Is(err, e.ctx.Err()):
		fmt.Fprintln(e.stderr, "newsgraph ingest: interrupted; run the same command again to resume")
		return err
	case err != nil:
		return err
	case stats.Failed > 0:
		return errPartial
	}
	return nil
}

// progress shows ingest progress: a bar redrawn in place on a terminal,
// a line every few seconds otherwise.
type progress struct {
	w        io.Writer
	tty      bool
	quiet    bool
	shown    bool
	lastLine time.Time
}

func newProgress(w io.Writer, quiet bool) *progress {
	p := &progress{w: w, quiet: quiet, lastLine: time.Now()}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.tty = true
	}
	return p
}

func (p *progress) update(s engine.IngestStats) {
	if p.quiet {
		return
	}
	if !p.tty {
		if time.Since(p.lastLine) < 5*time.Second {
			return
		}
		p.lastLine = time.Now()
		fmt.Fprintf(p.w, "newsgraph ingest: %d/%d files, %d stored, %d unchanged, %d failed, %.1f articles/s\n",
			s.FilesDone, s.Files, s.Stored(), s.Unchanged, s.Failed, s.Rate())
		return
	}
	const width = 30
	filled := 0
	if s.Files > 0 {
		filled = width * s.FilesDone / s.Files
	}
	bar := strings.Repeat("█", filled) + strings.Repeat("░", width-filled)
	fmt.Fprintf(p.w, "\r\x1b[K%s %d/%d files · %d stored · %d unchanged · %d failed · %.1f articles/s",
		bar, s.FilesDone, s.Files, s.Stored(), s.Unchanged, s.Failed, s.Rate())
	p.shown = true
}

// clear removes the bar before other output.
func (p *progress) clear() {
	if p.tty && p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// ingestWorkers is the number of analysis workers Ingest runs.
func ingestWorkers(n int) int {
	if n <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}
