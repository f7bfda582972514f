package ner

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestLargeSliceHuge checks that a large slice's memory is advised for
// huge pages: the kernel marks its mapping "hg" in /proc/self/smaps.
func TestLargeSliceHuge(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skip("kernel without transparent huge pages")
	}
	s := largeSlice[uint64](1 << 21) // 16 MB
	addr := uint64(uintptr(unsafe.Pointer(&s[0])))
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		// A mapping starts with its address range: "7f12a0000000-7f12a1000000 rw-p …".
		if f := strings.Fields(line); len(f) > 0 {
			if lo, hi, ok := strings.Cut(f[0], "-"); ok {
				a, err1 := strconv.ParseUint(lo, 16, 64)
				b, err2 := strconv.ParseUint(hi, 16, 64)
				if err1 == nil && err2 == nil {
					in = a <= addr && addr < b
					continue
				}
			}
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			if !strings.Contains(line+" ", " hg ") {
				t.Errorf("mapping of a 16 MB largeSlice not advised for huge pages: %s", line)
			}
			return
		}
	}
	t.Fatalf("no mapping found for address %#x", addr)
}
