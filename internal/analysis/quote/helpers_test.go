package quote

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/analysis/clean"
	"github.com/newsgraph/newsgraph/internal/analysis/segment"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/ingest"
)

var testStage = New()

// analyze runs the real segment and clean stages, then the quote stage.
func analyze(t testing.TB, lang, text string) *doc.Document {
	t.Helper()
	d := &doc.Document{Text: text, Body: doc.Span{Start: 0, End: len(text)}, Lang: lang}
	run(t, d)
	return d
}

func run(t testing.TB, d *doc.Document) {
	t.Helper()
	ctx := context.Background()
	if err := segment.New().Analyze(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := clean.New().Analyze(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := testStage.Analyze(ctx, d); err != nil {
		t.Fatal(err)
	}
}

func dump(d *doc.Document) string {
	var b strings.Builder
	for _, q := range d.Quotes {
		fmt.Fprintf(&b, "%s [%s] spk=%q text=%q cue=%q", q.Kind, d.Slice(q.Span), q.Speaker.Name, d.Slice(q.Speaker.Span), d.Slice(q.Cue))
		for _, v := range q.Via {
			fmt.Fprintf(&b, " via=%q", v.Name)
		}
		for _, v := range q.To {
			fmt.Fprintf(&b, " to=%q", v.Name)
		}
		fmt.Fprintf(&b, " anon=%v conf=%.2f\n", q.Speaker.Anonymous, q.Confidence)
	}
	for _, p := range d.Problems {
		fmt.Fprintf(&b, "PROBLEM %s: %s\n", p.Stage, p.Message)
	}
	return b.String()
}

// TestDebugFile prints the quotes of the file named by QUOTE_DEBUG (lang in
// QUOTE_LANG); it is skipped otherwise.
func TestDebugFile(t *testing.T) {
	path := os.Getenv("QUOTE_DEBUG")
	if path == "" {
		t.Skip("set QUOTE_DEBUG")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := ingest.ParseText(path, string(data))
	if err != nil {
		t.Fatal(err)
	}
	d.Lang = os.Getenv("QUOTE_LANG")
	run(t, d)
	fmt.Print(dump(d))
}

// TestDumpWire writes the JSON form of the files listed in QUOTE_WIRE
// (space separated) analysed without the entity stage, to QUOTE_WIRE_OUT;
// skipped otherwise. It checks the stage alone with the project scorer.
func TestDumpWire(t *testing.T) {
	list, out := os.Getenv("QUOTE_WIRE"), os.Getenv("QUOTE_WIRE_OUT")
	if list == "" || out == "" {
		t.Skip("set QUOTE_WIRE and QUOTE_WIRE_OUT")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	for _, path := range strings.Fields(list) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		d, err := ingest.ParseText(path, string(data))
		if err != nil {
			t.Fatal(err)
		}
		d.Lang = "fr"
		if strings.Contains(path, "/en") {
			d.Lang = "en"
		}
		run(t, d)
		if err := enc.Encode(doc.ToWire(d)); err != nil {
			t.Fatal(err)
		}
	}
}
