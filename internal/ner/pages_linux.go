package ner

import (
	"syscall"
	"unsafe"
)

// adviseHuge asks the kernel to back the memory of b with huge pages
// (transparent huge pages in "madvise" mode, the usual default, give
// none otherwise). The tagger's tables and memos are tens of megabytes
// read at random: with 4 KB pages nearly every read also misses the
// translation buffer. The advice covers the 2 MB pages b overlaps; an
// error (an old kernel, THP off) leaves 4 KB pages.
func adviseHuge(b []byte) {
	if len(b) < hugePage {
		return
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo := start &^ (hugePage - 1)
	hi := (start + uintptr(len(b)) + hugePage - 1) &^ (hugePage - 1)
	// The range reaches past b: raw addresses, not a slice.
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, syscall.MADV_HUGEPAGE)
}

// mapBytes returns size zeroed bytes in a private anonymous mapping, or
// nil when the kernel refuses.
func mapBytes(size uintptr) []byte {
	b, err := syscall.Mmap(-1, 0, int(size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil
	}
	return b
}

// unmapBytes releases a mapping of mapBytes.
func unmapBytes(b []byte) { _ = syscall.Munmap(b) }
