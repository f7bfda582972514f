package engine

import (
	"runtime"
	"testing"
)

// BenchmarkStart measures what every engine start pays for the entity
// stage: loading the built-in knowledge base, building the whole stage
// (knowledge base, word lists, taggers), and a whole default engine. The
// heap-MB metric is the live heap held by one loaded knowledge base.
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
			if _, err := newEntityStage(""); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("engine", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := New(Options{}); err != nil {
				b.Fatal(err)
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
