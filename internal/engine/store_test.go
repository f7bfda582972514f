package engine_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/internal/engine"
	"github.com/newsgraph/newsgraph/internal/store"
)

// articles writes n small dated articles (French and English) and an
// empty file into a folder.
func articles(t testing.TB, n int) string {
	dir := t.TempDir()
	for i := range n {
		text := fmt.Sprintf("date 2023-03-%02d\nLe président a rencontré le ministre numéro %d à Paris. « Nous avançons », a-t-il déclaré.\n", i%28+1, i)
		if i%2 == 1 {
			text = fmt.Sprintf("date 2023-04-%02d\nThe president met minister number %d in London. \"We are making progress,\" he said.\n", i%28+1, i)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%03d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "zz-empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestIngestResumeAndReplace(t *testing.T) {
	eng, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := engine.OpenStore(ctx, filepath.Join(t.TempDir(), "kb.db"), engine.StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dir := articles(t, 12)

	// Interrupted after the first batch, like Ctrl-C.
	cctx, cancel := context.WithCancel(ctx)
	first, err := eng.Ingest(cctx, st, []string{dir}, nil, engine.IngestOptions{Workers: 1, Batch: 2}, func(ev engine.IngestEvent) {
		if ev.Stats.Stored() > 0 {
			cancel()
		}
	})
	if err != context.Canceled || first.Stored() == 0 || first.Stored() >= 12 {
		t.Fatalf("interrupted ingest: %+v %v", first, err)
	}
	st1, _ := st.Stats(ctx)
	if st1.Documents != first.Stored() {
		t.Errorf("%d documents stored, %d reported", st1.Documents, first.Stored())
	}

	// The next run resumes: stored articles are not analysed again.
	var errs []string
	second, err := eng.Ingest(ctx, st, []string{dir}, nil, engine.IngestOptions{}, func(ev engine.IngestEvent) {
		if ev.Err != nil {
			errs = append(errs, ev.Err.Error())
		}
	})
	if err != nil || second.Added != 12-first.Stored() || second.Unchanged != first.Stored() || second.Failed != 1 || len(errs) != 1 {
		t.Fatalf("resumed ingest: %+v %v %v", second, err, errs)
	}
	if second.Analysis <= 0 || second.Storing <= 0 {
		t.Errorf("no time measured: analysis %s, storing %s", second.Analysis, second.Storing)
	}

	// A changed article replaces the stored one.
	if err := os.WriteFile(filepath.Join(dir, "a000.txt"), []byte("date 2023-05-01\nLe ministre de l’Économie a présenté sa démission au président de la République ce matin, selon l’Élysée.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	third, err := eng.Ingest(ctx, st, []string{dir}, nil, engine.IngestOptions{}, nil)
	if err != nil || third.Replaced != 1 || third.Unchanged != 11 || third.Added != 0 {
		t.Fatalf("third ingest: %+v %v", third, err)
	}
	s, _ := st.Stats(ctx)
	if s.Documents != 12 {
		t.Errorf("%d documents, want 12", s.Documents)
	}
	hits, err := st.Search(ctx, store.SearchQuery{Text: "démission matin"})
	if err != nil || len(hits.Items) != 1 {
		t.Errorf("new text not searchable: %+v %v", hits.Items, err)
	}
}

func TestIngestData(t *testing.T) {
	eng, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := engine.OpenStore(ctx, "sqlite:"+filepath.Join(t.TempDir(), "kb.db"), engine.StoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := eng.IngestData(ctx, st, "post.txt", []byte("date 2024-01-02\nThe senator said the bill would pass.\n"))
	if err != nil || len(res) != 1 || res[0].Status != store.Added {
		t.Fatalf("%+v %v", res, err)
	}
	if _, err := eng.IngestData(ctx, st, "empty.txt", []byte("  ")); err == nil {
		t.Error("an empty upload was accepted")
	}
	if _, err := engine.OpenStore(ctx, "postgres://x", engine.StoreOptions{}); err == nil {
		t.Error("a PostgreSQL DSN opened")
	}
}

// BenchmarkIngest analyses and stores the example and dev articles into a
// fresh database per iteration.
func BenchmarkIngest(b *testing.B) {
	eng, err := engine.New(engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	paths := []string{"../../examples"}
	if _, err := os.Stat("../../../shared/corpus/dev"); err == nil {
		paths = append(paths, "../../../shared/corpus/dev")
	}
	var size int64
	for _, p := range paths {
		filepath.Walk(p, func(_ string, fi os.FileInfo, _ error) error {
			if fi != nil && !fi.IsDir() {
				size += fi.Size()
			}
			return nil
		})
	}
	b.SetBytes(size)
	ctx := context.Background()
	docs := 0
	for i := 0; b.Loop(); i++ {
		st, err := engine.OpenStore(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("kb%d.db", i)), engine.StoreOptions{})
		if err != nil {
			b.Fatal(err)
		}
		s, err := eng.Ingest(ctx, st, paths, nil, engine.IngestOptions{}, nil)
		if err != nil || s.Failed > 0 {
			b.Fatalf("%+v %v", s, err)
		}
		docs += s.Stored()
		st.Close()
	}
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkIngestOrangeSum analyses and stores the first 400 OrangeSum
// articles of the shared data (skipped without it) into a fresh database
// per iteration, and reports where the time goes: analysis (summed over
// the workers) and store writes, per article.
func BenchmarkIngestOrangeSum(b *testing.B) {
	dir := "../../../shared/data/orangesum-fr-news/parsed"
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Skip("no OrangeSum data:", err)
	}
	var (
		paths []string
		size  int64
	)
	for _, en := range entries {
		if len(paths) == 400 {
			break
		}
		if fi, err := en.Info(); err == nil && fi.Mode().IsRegular() {
			paths = append(paths, filepath.Join(dir, en.Name()))
			size += fi.Size()
		}
	}
	eng, err := engine.New(engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	ctx := context.Background()
	var total engine.IngestStats
	for i := 0; b.Loop(); i++ {
		st, err := engine.OpenStore(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("kb%d.db", i)), engine.StoreOptions{})
		if err != nil {
			b.Fatal(err)
		}
		s, err := eng.Ingest(ctx, st, paths, nil, engine.IngestOptions{}, nil)
		if err != nil || s.Failed > 0 {
			b.Fatalf("%+v %v", s, err)
		}
		total.Added += s.Stored()
		total.Analysis += s.Analysis
		total.Storing += s.Storing
		st.Close()
	}
	n := float64(total.Added)
	b.ReportMetric(n/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(total.Analysis.Seconds()*1000/n, "analysis-ms/article")
	b.ReportMetric(total.Storing.Seconds()*1000/n, "store-ms/article")
}
