package engine

import (
	"context"
	"runtime"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// BenchmarkStart measures what an engine pays for the entity stage before
// its first result: loading the built-in knowledge base ("kb", with the
// live heap it holds), building the stage ("stage": knowledge base and
// word lists; taggers are decoded on first use), building a default engine
// ("engine"), and a default engine analysing one short French text
// ("first-doc": what `newsgraph analyze` pays on one small file,
// language models and the French tagger included).
func BenchmarkStart(b *testing.B) {
	b.Run("kb", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := LoadKB(""); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(liveHeap(func() any { k, _ := LoadKB(""); return k })/1e6, "heap-MB")
	})
	b.Run("stage", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := newEntityStage("", nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(liveHeap(func() any { s, _ := newEntityStage("", nil); return s })/1e6, "heap-MB")
	})
	b.Run("engine", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := New(Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("first-doc", func(b *testing.B) {
		text := "Le président russe Vladimir Poutine a reçu lundi à Moscou le dirigeant nord-coréen Kim Jong Un."
		b.ReportAllocs()
		for b.Loop() {
			e, err := New(Options{})
			if err != nil {
				b.Fatal(err)
			}
			d := &doc.Document{Text: text, Body: doc.Span{End: len(text)}}
			if err := e.Analyze(context.Background(), d); err != nil || len(d.Entities) == 0 {
				b.Fatal(err, d.Entities)
			}
		}
	})
}

// liveHeap returns the bytes of heap that the value built by fn keeps
// alive.
func liveHeap(fn func() any) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := fn()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	return float64(after.HeapAlloc) - float64(before.HeapAlloc)
}
