package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

// copies returns n distinct documents made from the conformance corpus
// (a suffix makes each text, hence its id and hash, unique).
func copies(n int) ([]*doc.Document, int64) {
	base := storetest.Corpus()
	out := make([]*doc.Document, n)
	var size int64
	for i := range n {
		d := *base[i%len(base)]
		d.Text += fmt.Sprintf("\n\nCopy %d.", i)
		d.ID = doc.HashID(d.Text)
		d.Source = fmt.Sprintf("copy-%d-%s", i, d.Source)
		out[i] = &d
		size += int64(len(d.Text))
	}
	return out, size
}

// BenchmarkPut writes batches of documents (64, and 256 like ingest)
// with all their layers; docs/s is the store's write rate.
func BenchmarkPut(b *testing.B) {
	for _, batch := range []int{64, 256} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) { benchmarkPut(b, batch) })
	}
}

func benchmarkPut(b *testing.B, batch int) {
	s := open(b, filepath.Join(b.TempDir(), "kb.db"))
	const batches = 50
	docs, size := copies(batch * batches)
	b.SetBytes(size / batches)
	i, round := 0, 0
	for b.Loop() {
		if i == batches {
			b.StopTimer()
			round++
			docs, _ = copies(batch * batches)
			for _, d := range docs { // new documents, not new versions
				d.Text += fmt.Sprintf(" r%d", round)
				d.ID = doc.HashID(d.Text)
				d.Source += fmt.Sprintf("#r%d", round)
			}
			i = 0
			b.StartTimer()
		}
		if _, err := s.Put(context.Background(), docs[i*batch:(i+1)*batch], "bench"); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "docs/s")
}

func BenchmarkSearch(b *testing.B) {
	s := open(b, filepath.Join(b.TempDir(), "kb.db"))
	docs, size := copies(4000)
	for i := 0; i < len(docs); i += 500 {
		if _, err := s.Put(context.Background(), docs[i:i+500], "bench"); err != nil {
			b.Fatal(err)
		}
	}
	queries := []store.SearchQuery{
		{Text: "Poutine"}, {Text: "election"}, {Text: `"free and fair"`}, {Text: "negociations armements"},
		{Text: "Kirby", Lang: "en"}, {Text: "election", From: "2023"}, {Text: "elections -regionales"},
	}
	// Throughput is over the text of the documents searched.
	b.SetBytes(size)
	i := 0
	for b.Loop() {
		if _, err := s.Search(context.Background(), queries[i%len(queries)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func FuzzSearch(f *testing.F) {
	s := open(f, filepath.Join(f.TempDir(), "kb.db"))
	if _, err := s.Put(context.Background(), storetest.Corpus(), "fuzz"); err != nil {
		f.Fatal(err)
	}
	for _, q := range []string{"élections", `"free and fair"`, `NEAR(a b)`, `'; DROP TABLE x; --`, `{fr}: *`, "-a OR b", "\x00"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		ctx := context.Background()
		check := func(err error) {
			if err != nil && !errors.Is(err, store.ErrInvalid) {
				t.Fatalf("%q: %v", q, err)
			}
		}
		_, err := s.Search(ctx, store.SearchQuery{Text: q})
		check(err)
		_, err = s.Quotes(ctx, store.QuoteQuery{Text: q, Speaker: q, About: q, Via: q})
		check(err)
		_, err = s.Entities(ctx, store.EntityQuery{Text: q})
		check(err)
		_, err = s.Search(ctx, store.SearchQuery{Text: "x", From: q})
		check(err)
		_, err = s.Search(ctx, store.SearchQuery{Text: "election OR Kirby", Entity: q, Speaker: q, Via: q, Lang: q, To: q})
		check(err)
	})
}
