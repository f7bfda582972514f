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
	return behave(d.Text)
}

// behave fails on the text fail and panics on the text panic.
func behave(text string) error {
	switch text {
	case "fail":
		return errors.New("cannot")
	case "panic":
		panic("boom")
	}
	return nil
}

// batcher is a recorder that is also a BatchStage: it logs each batch it
// gets as one entry ("c:[x fail]") and each document it analyses alone.
type batcher struct{ recorder }

func (b batcher) AnalyzeBatch(ctx context.Context, docs []*doc.Document) []error {
	var texts []string
	errs := make([]error, len(docs))
	for i, d := range docs {
		texts = append(texts, d.Text)
		errs[i] = analysis.Guard(b.name, func() error { return behave(d.Text) })
	}
	*b.log = append(*b.log, fmt.Sprintf("%s:%v", b.name, texts))
	return errs
}

// runFailing runs a batch of the documents x, fail, panic and y through p,
// checks the log of the stages against want and that the documents fail
// and panic get a problem from each of the stages named, and returns the
// documents.
func runFailing(t *testing.T, p *analysis.Pipeline, log *[]string, want []string, stages ...string) []*doc.Document {
	t.Helper()
	var docs []*doc.Document
	for _, text := range []string{"x", "fail", "panic", "y"} {
		docs = append(docs, &doc.Document{Text: text})
	}
	if err := p.RunBatch(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(*log, want) {
		t.Errorf("run order %q, want %q", *log, want)
	}
	for _, d := range docs {
		var got, want []string
		for _, pr := range d.Problems {
			got = append(got, fmt.Sprintf("%s: %s", pr.Stage, pr.Message))
		}
		for _, st := range stages {
			switch d.Text {
			case "fail":
				want = append(want, st+": cannot")
			case "panic":
				want = append(want, st+": stage "+st+" panicked: boom")
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: problems %q, want %q", d.Text, got, want)
		}
	}
	return docs
}

// TestRunBatchStage checks that a BatchStage gets the whole batch in one
// call and its errors (panics included) become the problems of their
// documents only, that Run gives a single document to Analyze, and that
// a cancelled context stops before the batch stage.
func TestRunBatchStage(t *testing.T) {
	var log []string
	p, err := analysis.New(recorder{"a", &log}, batcher{recorder{"c", &log}})
	if err != nil {
		t.Fatal(err)
	}
	docs := runFailing(t, p, &log, []string{"a:x", "a:fail", "a:panic", "a:y", "c:[x fail panic y]"}, "a", "c")

	log = nil
	if err := p.Run(context.Background(), &doc.Document{Text: "z"}); err != nil || !slices.Equal(log, []string{"a:z", "c:z"}) {
		t.Errorf("one document: %v, ran %q", err, log)
	}

	log = nil
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.RunBatch(ctx, docs); !errors.Is(err, context.Canceled) || len(log) != 0 {
		t.Errorf("cancelled: %v, ran %v", err, log)
	}
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
	docs := runFailing(t, p, &log, strings.Fields("a:x a:fail a:panic a:y b:x b:fail b:panic b:y"), "a", "b")

	log = nil
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.RunBatch(ctx, docs); !errors.Is(err, context.Canceled) || len(log) != 0 {
		t.Errorf("cancelled: %v, ran %v", err, log)
	}
}
