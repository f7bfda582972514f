package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/engine"
	"github.com/newsgraph/newsgraph/internal/ingest"
)

const analyzeHelp = `
Analyse news articles: read them (text with an optional "date YYYY-MM-DD"
header, JSON Lines, HTML, RSS/Atom, WARC), identify the language, split
paragraphs, sentences and tokens, remove boilerplate and teasers, and extract
entities, quotes, times, quantities and events.

PATH is a file, a folder (read recursively in sorted order) or - for stdin.
With --json, one JSON object per document is written to stdout (JSON Lines;
the format is described in docs/output.md). Errors go to stderr, naming the
file (and line for JSON Lines); the other inputs are still analysed and the
exit code is 1.`

func runAnalyze(e *env, args []string) error {
	fs := newFlags(e, "analyze", "[--json] [--lang xx] PATH...", analyzeHelp)
	asJSON := fs.Bool("json", false, "write JSON Lines instead of a readable report")
	forceLang := fs.String("lang", "", "force the language (BCP 47 tag, e.g. fr or en) instead of detecting it")
	maxSize := fs.Int64("max-size", ingest.DefaultMaxSize, "largest accepted input file in bytes")
	workers := fs.Int("workers", 0, "documents analysed in parallel (0: one per core)")
	kbFile := fs.String("kb", "", "a knowledge-base file (JSON Lines, see internal/kb) merged over the built-in one")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "newsgraph analyze: no input; give files, folders or - for stdin")
		fs.Usage()
		return errUsage
	}
	eng, err := newEngine(e, *forceLang, *maxSize, *kbFile)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	failed := 0
	err = eng.AnalyzePaths(e.ctx, fs.Args(), e.stdin, *workers, func(r engine.Result) {
		if r.Err != nil {
			failed++
			fmt.Fprintf(e.stderr, "newsgraph analyze: %v\n", r.Err)
			return
		}
		if *asJSON {
			if err := enc.Encode(doc.ToWire(r.Doc)); err != nil {
				failed++
				fmt.Fprintf(e.stderr, "newsgraph analyze: %s: %v\n", r.Doc.Source, err)
			}
			return
		}
		writeReport(w, r.Doc)
	})
	if err != nil {
		return err
	}
	if failed > 0 {
		return errPartial
	}
	return nil
}

func newEngine(e *env, forceLang string, maxSize int64, kbFile ...string) (*engine.Engine, error) {
	kbPath := ""
	if len(kbFile) > 0 {
		kbPath = kbFile[0]
	}
	return engine.New(engine.Options{
		KB:     kbPath,
		Lang:   forceLang,
		Read:   ingest.Options{MaxSize: maxSize},
		Logger: slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
}

func engineVersion() string { return engine.Version }

// writeReport prints a readable analysis of one document.
func writeReport(w io.Writer, d *doc.Document) {
	fmt.Fprintf(w, "═══ %s\n", d.Source)
	pub := "none (no date header)"
	if d.Published.Known() {
		pub = d.Published.String() + " (" + d.Published.Precision.String() + ")"
	}
	fmt.Fprintf(w, "id %s · language %s (%.2f, %s) · published %s\n", d.ID, d.Lang, d.LangConfidence, d.LangSource, pub)
	if d.Title != "" {
		fmt.Fprintf(w, "title: %s\n", d.Title)
	}
	fmt.Fprintf(w, "\n%s\n", d.CleanText())
	wire := doc.ToWire(d)
	if len(wire.Entities) > 0 {
		fmt.Fprintln(w, "\n── entities")
		for _, en := range wire.Entities {
			fmt.Fprintf(w, "  %-4s %s", en.Type, en.Name)
			if en.KBID != "" {
				fmt.Fprintf(w, " [%s]", en.KBID)
			}
			fmt.Fprintf(w, " — %d mention(s)", len(en.Mentions))
			// each role once, on one line (the JSON keeps every span)
			seen := map[string]bool{}
			for _, r := range en.Roles {
				if t := doc.OneLine(r.Text); !seen[t] {
					seen[t] = true
					fmt.Fprintf(w, "; %s", t)
				}
			}
			fmt.Fprintln(w)
		}
	}
	if len(wire.Quotes) > 0 {
		fmt.Fprintln(w, "\n── quotes")
		for _, q := range wire.Quotes {
			who := "?"
			if q.Speaker != nil {
				who = q.Speaker.Name
			}
			fmt.Fprintf(w, "  [%s] %s → %s", q.Kind, who, q.Text)
			for _, v := range q.Via {
				fmt.Fprintf(w, " (via %s)", v.Name)
			}
			fmt.Fprintln(w)
		}
	}
	if len(wire.Times) > 0 {
		fmt.Fprintln(w, "\n── times")
		for _, t := range wire.Times {
			v := "?"
			if t.Value != nil {
				v = *t.Value
			}
			fmt.Fprintf(w, "  %-28s %-9s %s\n", t.Text, t.Type, v)
		}
	}
	if len(wire.Quantities) > 0 {
		fmt.Fprintln(w, "\n── quantities")
		for _, q := range wire.Quantities {
			fmt.Fprintf(w, "  %-28s %g %s", q.Text, q.Value, q.Unit)
			if q.SI != nil {
				fmt.Fprintf(w, " (= %g %s)", q.SI.Value, q.SI.Unit)
			}
			fmt.Fprintln(w)
		}
	}
	if len(wire.Events) > 0 {
		fmt.Fprintln(w, "\n── events")
		for _, ev := range wire.Events {
			fmt.Fprintf(w, "  %s %v %s %s\n", ev.Type, ev.Participants, ev.Place, ev.Time)
		}
	}
	if len(wire.Removed) > 0 {
		fmt.Fprintln(w, "\n── removed")
		for _, r := range wire.Removed {
			fmt.Fprintf(w, "  [%s] %s\n", r.Kind, r.Text)
		}
	}
	for _, p := range wire.Problems {
		fmt.Fprintf(w, "  ! %s: %s\n", p.Stage, p.Message)
	}
	fmt.Fprintln(w)
}
