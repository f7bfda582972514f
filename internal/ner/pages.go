package ner

import (
	"runtime"
	"unsafe"
)

// hugePage is the size of the huge pages adviseHuge asks for.
const hugePage = 2 << 20

// largeSlice returns make([]T, n), with the kernel advised to back it with
// huge pages when it spans one (see adviseHuge). T must hold no pointers.
func largeSlice[T any](n int) []T {
	s := make([]T, n)
	if n > 0 {
		adviseHuge(unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), uintptr(n)*unsafe.Sizeof(s[0])))
	}
	return s
}

// offHeap returns n zeroed values of T for a memo of owner: on Linux in an
// anonymous mapping outside the Go heap, advised for huge pages, unmapped
// once owner is unreachable; elsewhere, or when mapping fails, largeSlice.
// T must hold no pointers (the collector does not see the mapping), and
// the slice must not outlive owner.
//
// Why: the collector lets the heap grow to twice what it holds live
// (GOGC=100), so a memo on the heap costs twice its size in resident
// memory. The memos of a tagging scratch take 17 MB, and a bench on two
// workers keeps four scratches (two per language); a model's look-up
// tables (11 MB) go off the heap too.
func offHeap[T, O any](owner *O, n int) []T {
	if s := mapSlice[T](owner, n); s != nil {
		return s
	}
	return largeSlice[T](n)
}

// mapSlice returns n zeroed values of T in a mapping unmapped once owner
// is unreachable, or nil.
func mapSlice[T, O any](owner *O, n int) []T {
	if n <= 0 {
		return nil
	}
	b := mapBytes(uintptr(n) * unsafe.Sizeof(*new(T)))
	if b == nil {
		return nil
	}
	adviseHuge(b)
	runtime.AddCleanup(owner, unmapBytes, b)
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), n)
}
