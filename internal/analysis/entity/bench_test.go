package entity

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// shared returns the shared data folder (beside the module or at
// /work/shared), or "".
func shared() string {
	for _, d := range []string{"../../../../shared", "/work/shared"} {
		if _, err := os.Stat(d); err == nil {
			return d
		}
	}
	return ""
}

// benchDocs returns up to n OrangeSum articles ("article" field, sorted by
// file name), segmented, or skips the benchmark.
func benchDocs(b *testing.B, n int) ([]*doc.Document, int64) {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(shared(), "data/orangesum-fr-news/parsed/*.json"))
	if len(files) == 0 {
		b.Skip("OrangeSum not available")
	}
	sort.Strings(files)
	if len(files) > n {
		files = files[:n]
	}
	var docs []*doc.Document
	var total int64
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		var a struct {
			Article string `json:"article"`
		}
		if err := json.Unmarshal(data, &a); err != nil {
			b.Fatal(err)
		}
		docs = append(docs, segmented(b, "fr", a.Article))
		total += int64(len(a.Article))
	}
	return docs, total
}

// devDocs returns the seed and dev texts (language from the file name),
// segmented, or skips the benchmark.
func devDocs(b *testing.B) ([]*doc.Document, int64) {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(shared(), "seed/*.txt"))
	dev, _ := filepath.Glob(filepath.Join(shared(), "corpus/dev/*.txt"))
	files = append(files, dev...)
	if len(files) == 0 {
		b.Skip("dev texts not available")
	}
	var docs []*doc.Document
	var total int64
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		l := "fr"
		if strings.HasPrefix(filepath.Base(f), "en") {
			l = "en"
		}
		docs = append(docs, segmented(b, l, string(data)))
		total += int64(len(data))
	}
	return docs, total
}

func segmented(b *testing.B, lang, text string) *doc.Document {
	d := &doc.Document{Text: text, Body: doc.Span{End: len(text)}, Lang: lang}
	if err := segmentStage().Analyze(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	return d
}

// cpuTime returns the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// runDocs runs s over docs b.N times, reporting MB/s, allocations and, as
// the machine is shared, MB per CPU-second ("cpu-MB/s": the throughput of
// one core whatever the load).
func runDocs(b *testing.B, s *Stage, docs []*doc.Document, total int64) {
	ctx := context.Background()
	b.SetBytes(total)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		for _, d := range docs {
			if err := s.Analyze(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(total)*float64(b.N)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
}

// BenchmarkCorpus runs the stage over 200 OrangeSum articles and over the
// seed and dev texts, without tagger (knowledge base and capitalisation
// cues) and with the embedded taggers.
func BenchmarkCorpus(b *testing.B) {
	for _, c := range []struct {
		name string
		load func(*testing.B) ([]*doc.Document, int64)
	}{
		{"orangesum", func(b *testing.B) ([]*doc.Document, int64) { return benchDocs(b, 200) }},
		{"dev", devDocs},
	} {
		b.Run(c.name+"/kb+caps", func(b *testing.B) {
			docs, total := c.load(b)
			runDocs(b, plain(b), docs, total)
		})
		b.Run(c.name+"/tagger", func(b *testing.B) {
			docs, total := c.load(b)
			runDocs(b, withTaggers(b), docs, total)
		})
	}
}
