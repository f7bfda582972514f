package ner

import "unsafe"

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
