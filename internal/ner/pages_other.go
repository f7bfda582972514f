//go:build !linux

package ner

// adviseHuge does nothing outside Linux (see pages_linux.go).
func adviseHuge(b []byte) {}

// mapBytes maps nothing outside Linux: offHeap falls back to the heap.
func mapBytes(size uintptr) []byte { return nil }

func unmapBytes(b []byte) {}
