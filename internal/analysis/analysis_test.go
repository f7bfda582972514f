package analysis_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/analysis"
	"github.com/newsgraph/newsgraph/internal/doc"
)

// recorder is a stage that logs the documents it analyses and fails on
// (or panics on) the document whose text is fail (or panic).
type recorder struct {
	name string
	log  *[]string
}

func (r recorder) Spec() analysis.Spec {
	return analysis.Spec{Name: r.name, Provides: []analysis.Layer{analysis.Layer(r.name)}}
}

func (r recorder) Analyze(_ context.Context, d *doc.Document) error {
	*r.log = append(*r.log, r.name+":"+d.Text)
	switch d.Text {
	case "fail":
		return errors.New("cannot")
	case "panic":
		panic("boom")
	}
	return nil
}

// TestRunBatch checks that a batch runs stage by stage, that a failing or
// panicking document gets a problem while the others and the later stages
// go on, and that a cancelled context stops the batch.
func TestRunBatch(t *testing.T) {
	var log []string
	p, err := analysis.New(recorder{"a", &log}, recorder{"b", &log})
	if err != nil {
		t.Fatal(err)
	}
	var docs []*doc.Document
	for _, text := range []string{"x", "fail", "panic", "y"} {
		docs = append(docs, &doc.Document{Text: text})
	}
	if err := p.RunBatch(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	want := strings.Fields("a:x a:fail a:panic a:y b:x b:fail b:panic b:y")
	if !slices.Equal(log, want) {
		t.Errorf("run order %v, want %v", log, want)
	}
	for _, d := range docs {
		var got []string
		for _, pr := range d.Problems {
			got = append(got, fmt.Sprintf("%s: %s", pr.Stage, pr.Message))
		}
		var want []string
		switch d.Text {
		case "fail":
			want = []string{"a: cannot", "b: cannot"}
		case "panic":
			want = []string{"a: stage a panicked: boom", "b: stage b panicked: boom"}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: problems %q, want %q", d.Text, got, want)
		}
	}

	log = nil
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.RunBatch(ctx, docs); !errors.Is(err, context.Canceled) || len(log) != 0 {
		t.Errorf("cancelled: %v, ran %v", err, log)
	}
}
