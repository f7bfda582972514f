package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"newsgraph": func() { os.Exit(Main(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end CLI scripts in testdata/script.
func TestScripts(t *testing.T) {
	wd, _ := os.Getwd()
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			e.Setenv("EXAMPLES", filepath.Join(wd, "..", "..", "examples"))
			return nil
		},
	})
}

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = Main(context.Background(), args, strings.NewReader(""), &o, &e)
	return code, o.String(), e.String()
}

const sample = "../../examples/000_a7868c60e7a26c79.txt"

// TestGoldenSample compares the JSON analysis of the bundled sample article
// with testdata/golden/sample.json; refresh with `go test ./internal/cli -run Golden -update`.
func TestGoldenSample(t *testing.T) {
	code, out, errs := run(t, "analyze", "--json", sample)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, []byte(out), "", " "); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden", "sample.json")
	if *update {
		if err := os.WriteFile(golden, pretty.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(pretty.Bytes(), want) {
		t.Errorf("analysis of %s differs from %s; inspect with -update and git diff", sample, golden)
	}
}

// TestSchema validates the JSON output against docs/schema.json and checks
// that every span's text matches the text it points to.
func TestSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	sch, err := c.Compile("../../docs/schema.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	jsonl := filepath.Join(dir, "a.jsonl")
	os.WriteFile(jsonl, []byte(`{"text":"Le président a déclaré lundi : « Nous irons à Paris. »","date":"2024-02-05","lang":"fr","id":"x1"}`+"\n"), 0o644)
	nodate := filepath.Join(dir, "nodate.txt")
	os.WriteFile(nodate, []byte("The minister said on Monday that 3 500 people had left.\n"), 0o644)
	code, out, errs := run(t, "analyze", "--json", sample, jsonl, nodate)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d documents, want 3", len(lines))
	}
	texts := map[string]string{}
	raw, _ := os.ReadFile(sample)
	texts[sample] = string(raw)
	texts[nodate] = "The minister said on Monday that 3 500 people had left.\n"
	for _, line := range lines {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("output does not match docs/schema.json: %v", err)
		}
		var d struct {
			Source    string
			Published any
			Removed   []struct {
				Text string
				Span [2]int
			}
			Quotes []struct {
				Text string
				Span [2]int
			}
		}
		json.Unmarshal([]byte(line), &d)
		if d.Source == nodate && d.Published != nil {
			t.Errorf("document without header got a date: %v", d.Published)
		}
		if text, ok := texts[d.Source]; ok {
			runes := []rune(text)
			for _, r := range d.Removed {
				if got := string(runes[r.Span[0]:r.Span[1]]); got != r.Text {
					t.Errorf("removed span %v is %q, text says %q", r.Span, got, r.Text)
				}
			}
			for _, q := range d.Quotes {
				if got := string(runes[q.Span[0]:q.Span[1]]); got != q.Text {
					t.Errorf("quote span %v is %q, text says %q", q.Span, got, q.Text)
				}
			}
		}
	}
}

// TestPartialFailure: bad inputs are reported by name, the good ones are
// still analysed, and the exit code says partial failure.
func TestPartialFailure(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("a_good.txt", []byte("date 2024-01-02\nLe ministre a parlé.\n"))
	bin := write("b_binary.txt", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 0, 0, 0, 3})
	empty := write("c_empty.txt", nil)
	badDate := write("d_baddate.txt", []byte("date 2023-13-45 Texte.\n"))
	jsonl := write("e_feed.jsonl", []byte("{\"text\":\"One good record.\"}\n{\"text\": broken\n{\"text\":\"Another good one.\"}\n"))
	code, out, errs := run(t, "analyze", "--json", dir)
	if code != ExitPartial {
		t.Errorf("exit code %d, want %d", code, ExitPartial)
	}
	for _, want := range []string{bin + ": binary", empty + ": empty", badDate + ":1: malformed header", jsonl + ":2: malformed JSON"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if n := strings.Count(out, "\n"); n != 3 {
		t.Errorf("%d documents written, want 3 (the good file and two JSONL records)\n%s", n, out)
	}
	if !strings.Contains(out, good) {
		t.Errorf("good file missing from output")
	}
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{nil, ExitError, "Usage"},
		{[]string{"nope"}, ExitError, "unknown command"},
		{[]string{"analyze"}, ExitError, "no input"},
		{[]string{"analyze", "--bogus", "x"}, ExitError, "flag provided but not defined"},
		{[]string{"analyze", "-h"}, ExitOK, "Usage: newsgraph analyze"},
		{[]string{"analyze", "/does/not/exist"}, ExitPartial, "/does/not/exist"},
	} {
		code, _, errs := run(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.err) {
			t.Errorf("newsgraph %v: exit %d, stderr %q; want exit %d and %q", tc.args, code, errs, tc.code, tc.err)
		}
	}
}

// TestAnalyzeReport: the readable report lists an entity's roles once each
// and on one line, however often the text gives them.
func TestAnalyzeReport(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	text := "date 2023-09-11\nL'université n'était pas informée, a assuré samedi sa présidente Nathalie Dupont. « Nous sommes tristes », a écrit la présidente dans un communiqué.\n"
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "analyze", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var line string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "Nathalie Dupont —") {
			line = l
		}
	}
	if line == "" || strings.Count(line, "présidente") != 1 {
		t.Errorf("entity line %q: want the role once\n%s", line, out)
	}
}
