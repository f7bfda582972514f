package engine

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/analysis"
	"github.com/newsgraph/newsgraph/internal/analysis/clean"
	"github.com/newsgraph/newsgraph/internal/analysis/segment"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/lang"
)

// orangeSum is the French news sample used for throughput (see its README).
const orangeSum = "/work/shared/data/orangesum-fr-news/parsed"

// benchFiles loads up to n OrangeSum articles (sorted by name), or skips.
func benchFiles(b *testing.B, n int) (names []string, data [][]byte, total int64) {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(orangeSum, "*.json"))
	if len(files) == 0 {
		b.Skip("OrangeSum not available at " + orangeSum)
	}
	sort.Strings(files)
	if len(files) > n {
		files = files[:n]
	}
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		names, data, total = append(names, f), append(data, d), total+int64(len(d))
	}
	return names, data, total
}

// cpuTime returns the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs fn b.N times, reporting MB/s of input and, because the
// benchmark machine is shared, also MB per CPU-second ("cpu-MB/s"): the
// throughput of one core regardless of other load.
func measure(b *testing.B, bytes int64, fn func()) {
	b.SetBytes(bytes)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		fn()
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
}

func readAll(b *testing.B, names []string, data [][]byte) []*doc.Document {
	var docs []*doc.Document
	for i := range names {
		ds, errs := ingest.Read(names[i], data[i])
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		docs = append(docs, ds...)
	}
	return docs
}

// BenchmarkFrontHalf measures the front half of the engine (read, language
// identification, segmentation, cleaning) over 400 OrangeSum articles per
// op (their JSON files; all-text reads the same articles as text files with
// a date header); MB/s is of input bytes. Sub-benchmarks time each step
// alone.
func BenchmarkFrontHalf(b *testing.B) {
	names, data, total := benchFiles(b, 400)
	eng, err := New(Options{Stages: []analysis.Stage{segment.New(), clean.New()}})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	// Load the language models now, not in the first timed iteration.
	eng.Identify(&doc.Document{Text: "warm up", Body: doc.Span{End: 7}})
	b.Run("all", func(b *testing.B) {
		measure(b, total, func() {
			for _, d := range readAll(b, names, data) {
				if err := eng.Analyze(ctx, d); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(names))/1e3, "µs/article")
	})
	// The same articles as text files with a date header: the reading
	// cost without JSON decoding.
	var textNames []string
	var texts [][]byte
	var textTotal int64
	for _, d := range readAll(b, names, data) {
		t := []byte("date " + d.Published.String() + "\n" + d.Slice(d.Body))
		textNames, texts, textTotal = append(textNames, d.Source+".txt"), append(texts, t), textTotal+int64(len(t))
	}
	b.Run("all-text", func(b *testing.B) {
		measure(b, textTotal, func() {
			for _, d := range readAll(b, textNames, texts) {
				if err := eng.Analyze(ctx, d); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
	b.Run("read", func(b *testing.B) {
		measure(b, total, func() { readAll(b, names, data) })
	})
	docs := readAll(b, names, data)
	b.Run("lang", func(b *testing.B) {
		det := lang.NewDetector()
		det.Detect("warm up the models")
		measure(b, total, func() {
			for _, d := range docs {
				det.Detect(d.Slice(d.Body))
			}
		})
	})
	for _, d := range docs {
		eng.Identify(d)
	}
	seg, cl := segment.New(), clean.New()
	for _, d := range docs {
		seg.Analyze(ctx, d)
	}
	b.Run("segment", func(b *testing.B) {
		measure(b, total, func() {
			for _, d := range docs {
				// Fresh layers, as for a newly read document.
				d.Tokens, d.Sentences, d.Paragraphs = nil, nil, nil
				seg.Analyze(ctx, d)
			}
		})
	})
	b.Run("clean", func(b *testing.B) {
		measure(b, total, func() {
			for _, d := range docs {
				d.Removed = d.Removed[:0]
				cl.Analyze(ctx, d)
			}
		})
	})
}
