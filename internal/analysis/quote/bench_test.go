package quote

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// orangesum is the French news sample used for the throughput benchmark.
const orangesum = "../../../../shared/data/orangesum-fr-news/parsed"

// loadBenchDocs reads up to n OrangeSum articles and segments them (the
// segmentation is not timed).
func loadBenchDocs(b *testing.B, n int) ([]*doc.Document, int) {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(orangesum, "*.json"))
	if len(files) == 0 {
		b.Skip("OrangeSum sample not found at " + orangesum)
	}
	sort.Strings(files)
	if len(files) > n {
		files = files[:n]
	}
	var docs []*doc.Document
	total := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		var a struct {
			Title   string `json:"title"`
			Article string `json:"article"`
		}
		if err := json.Unmarshal(data, &a); err != nil {
			b.Fatal(err)
		}
		text := a.Title + "\n\n" + a.Article
		d := &doc.Document{Text: text, Body: doc.Span{Start: 0, End: len(text)}, Lang: "fr"}
		run(b, d) // segment, clean, quote once
		docs = append(docs, d)
		total += len(text)
	}
	return docs, total
}

// BenchmarkAnalyzeFR measures the quote stage alone on segmented French
// news text (MB/s of article text).
func BenchmarkAnalyzeFR(b *testing.B) {
	docs, total := loadBenchDocs(b, 400)
	ctx := context.Background()
	b.SetBytes(int64(total))
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			d.Quotes = d.Quotes[:0]
			d.Problems = d.Problems[:0]
			if err := testStage.Analyze(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	// On a shared machine wall time overstates the cost: also report the
	// throughput per second of CPU time used by the process (GC included).
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(total)*float64(b.N)/cpu/1e6, "cpu-MB/s")
	}
}

// cpuTime returns the user+system CPU seconds used by the process.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

// BenchmarkScan measures the quotation-mark scanner alone.
func BenchmarkScan(b *testing.B) {
	docs, total := loadBenchDocs(b, 400)
	b.SetBytes(int64(total))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			for _, p := range d.Paragraphs {
				Scan(d.Text, p.Span.Start, p.Span.End, false)
			}
		}
	}
}
