package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/engine"
	"github.com/newsgraph/newsgraph/internal/ingest"
)

const evalHelp = `
Score newsgraph against annotated data. SUITE is one of:

  gold   the dev gold (../shared/gold/dev) through ../shared/eval/score.py
  all    every suite whose data is present

Further suites (public datasets) are listed by 'newsgraph eval -h'.
Data are looked up under --shared (default: ../shared next to the working
directory or one of its parents).`

// evalSuite scores one dataset and prints a report.
type evalSuite struct {
	name    string
	summary string
	run     func(e *env, shared string, verbose bool) error
}

func evalSuites() []evalSuite {
	return []evalSuite{
		{"gold", "dev gold articles through the project's scorer", evalGold},
		{"timebank-fr", "French TimeBank: TIMEX3 detection and values (docs/timex.md)", evalTimebankFR},
		{"tempeval3", "TempEval-3 Platinum: TIMEX3 detection and values (docs/timex.md)", evalTempEval3},
		{"ner-wikineural", "NER tagger on WikiNEuRal French test (entity P/R/F1)", evalNERWikineural},
		{"ner-hipe", "NER tagger on HIPE-2022 French test sets, tags mapped", evalNERHipe},
		{"ner-conll", "NER tagger on CoNLL-2003 and CoNLL++ English test", evalNERConll},
		{"polnear", "quote attribution on PolNeAR English test (source/cue/content token P/R/F1)", evalPolnear},
	}
}

func runEval(e *env, args []string) error {
	suites := evalSuites()
	var list strings.Builder
	for _, s := range suites {
		fmt.Fprintf(&list, "\n  %-8s %s", s.name, s.summary)
	}
	fs := newFlags(e, "eval", "[--shared DIR] [--verbose] [SUITE...]", evalHelp+"\n\nSuites:"+list.String())
	shared := fs.String("shared", "", "the shared data folder (default: search ../shared upwards)")
	verbose := fs.Bool("verbose", false, "list every miss")
	if err := parse(fs, args); err != nil {
		return err
	}
	dir := *shared
	if dir == "" {
		dir = findShared()
	}
	if dir == "" {
		return errors.New("no ../shared folder found; give --shared DIR")
	}
	names := fs.Args()
	if len(names) == 0 {
		names = []string{"gold"}
	}
	if len(names) == 1 && names[0] == "all" {
		names = nil
		for _, s := range suites {
			names = append(names, s.name)
		}
	}
	var failed []string
	for _, n := range names {
		var suite *evalSuite
		for i := range suites {
			if suites[i].name == n {
				suite = &suites[i]
			}
		}
		if suite == nil {
			return fmt.Errorf("unknown suite %q", n)
		}
		fmt.Fprintf(e.stdout, "## %s\n", n)
		if err := suite.run(e, dir, *verbose); err != nil {
			fmt.Fprintf(e.stderr, "newsgraph eval %s: %v\n", n, err)
			failed = append(failed, n)
		}
	}
	if len(failed) > 0 {
		sort.Strings(failed)
		return errPartial
	}
	return nil
}

// findShared looks for a "shared" folder holding eval/score.py in the
// working directory's parents.
func findShared() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		for _, c := range []string{filepath.Join(dir, "shared"), filepath.Join(dir, "..", "shared")} {
			if _, err := os.Stat(filepath.Join(c, "eval", "score.py")); err == nil {
				abs, _ := filepath.Abs(c)
				return abs
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// evalGold analyses the gold documents and runs the scorer on the output.
func evalGold(e *env, shared string, verbose bool) error {
	goldDir := filepath.Join(shared, "gold", "dev")
	entries, err := os.ReadDir(goldDir)
	if err != nil {
		return err
	}
	var paths []string
	for _, en := range entries {
		if !strings.HasSuffix(en.Name(), ".json") {
			continue
		}
		var g struct {
			Source string `json:"source"`
		}
		data, err := os.ReadFile(filepath.Join(goldDir, en.Name()))
		if err != nil {
			return err
		}
		if err := json.Unmarshal(data, &g); err != nil {
			return fmt.Errorf("%s: %v", en.Name(), err)
		}
		paths = append(paths, filepath.Join(shared, g.Source))
	}
	out, err := os.CreateTemp("", "newsgraph-eval-*.jsonl")
	if err != nil {
		return err
	}
	defer os.Remove(out.Name())
	eng, err := engine.New(engine.Options{Read: ingest.Options{}})
	if err != nil {
		return err
	}
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	err = eng.AnalyzePaths(e.ctx, paths, nil, 0, func(r engine.Result) {
		if r.Err != nil {
			fmt.Fprintf(e.stderr, "newsgraph eval: %v\n", r.Err)
			return
		}
		enc.Encode(doc.ToWire(r.Doc))
	})
	w.Flush()
	out.Close()
	if err != nil {
		return err
	}
	args := []string{filepath.Join(shared, "eval", "score.py"), "--gold", goldDir, "--system", out.Name()}
	if verbose {
		args = append(args, "--verbose")
	}
	cmd := exec.CommandContext(e.ctx, "python3", args...)
	cmd.Stdout, cmd.Stderr = e.stdout, e.stderr
	return cmd.Run()
}
