package engine_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/engine"
	"github.com/newsgraph/newsgraph/internal/ingest"
)

// TestAnalyzeBatch checks that documents analysed stage by stage in a
// batch get the results they get one by one: the sample article, the dev
// articles (French and English) and a few made-up ones, in one batch.
func TestAnalyzeBatch(t *testing.T) {
	eng, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	paths, _ := filepath.Glob("../../../shared/corpus/dev/*")
	paths = append(paths, "../../../shared/seed/000_a7868c60e7a26c79.txt")
	paths = append(paths, filepath.Join(articles(t, 6), "a000.txt"), filepath.Join(articles(t, 6), "a001.txt"))
	read := func() []*doc.Document {
		var docs []*doc.Document
		for _, p := range paths {
			ds, _ := ingest.ReadPath(p, nil, ingest.Options{})
			docs = append(docs, ds...)
		}
		return docs
	}
	one := read()
	for _, d := range one {
		if err := eng.Analyze(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	batch := read()
	if err := eng.AnalyzeBatch(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if len(batch) < 4 {
		t.Fatalf("only %d documents", len(batch))
	}
	for i := range one {
		a, _ := json.Marshal(doc.ToWire(one[i]))
		b, _ := json.Marshal(doc.ToWire(batch[i]))
		if string(a) != string(b) {
			t.Errorf("%s: analysed in a batch:\n%.400s\none by one:\n%.400s", one[i].Source, b, a)
		}
	}
}

// TestAnalyzePathsOrder checks that a folder analysed in groups of files
// comes out in input order, errors included.
func TestAnalyzePathsOrder(t *testing.T) {
	eng, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := articles(t, 40)
	var got []string
	err = eng.AnalyzePaths(context.Background(), []string{dir}, nil, 2, func(r engine.Result) {
		if r.Err != nil {
			got = append(got, "error "+filepath.Base(r.Err.Path))
			return
		}
		got = append(got, filepath.Base(r.Doc.Source))
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range 40 {
		want = append(want, fmt.Sprintf("a%03d.txt", i))
	}
	want = append(want, "error zz-empty.txt")
	if !slices.Equal(got, want) {
		t.Errorf("order:\n%v\nwant\n%v", got, want)
	}
}

// TestIngestManyUnchanged re-ingests a folder where one new article comes
// before many already stored: the new one waits in a group for a worker
// while the unchanged ones fill the queue, which must not block.
func TestIngestManyUnchanged(t *testing.T) {
	eng, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	st, err := engine.OpenStore(ctx, filepath.Join(t.TempDir(), "kb.db"), engine.StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dir := articles(t, 60)
	opt := engine.IngestOptions{Workers: 1, Batch: 1}
	if _, err := eng.Ingest(ctx, st, []string{dir}, nil, opt, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("date 2023-05-01\nUn nouvel article sur la réunion de Paris.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stats, err := eng.Ingest(ctx, st, []string{dir}, nil, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Added != 1 || stats.Unchanged != 60 {
		t.Errorf("re-ingest: %+v", stats)
	}
}
