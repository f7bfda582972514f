package ner

import (
	"bufio"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// TestLargeSliceHuge checks that a large slice's memory is advised for
// huge pages: the kernel marks its mapping "hg" in /proc/self/smaps.
func TestLargeSliceHuge(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skip("kernel without transparent huge pages")
	}
	s := largeSlice[uint64](1 << 21) // 16 MB
	flags, ok := mappingFlags(t, uintptr(unsafe.Pointer(&s[0])))
	if !ok {
		t.Fatalf("no mapping found for address %p", &s[0])
	}
	if !strings.Contains(flags+" ", " hg ") {
		t.Errorf("mapping of a 16 MB largeSlice not advised for huge pages: %s", flags)
	}
}

// TestOffHeap checks that an off-heap memo is a mapping of its own,
// advised for huge pages, zeroed and writable, that it is unmapped once
// its owner is unreachable (a model's tables and memos too: the Go heap
// is never unmapped), and that the memos kept off the heap hold no
// pointers.
func TestOffHeap(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[wordScores](), reflect.TypeFor[memoWord](), reflect.TypeFor[lexCell](), reflect.TypeFor[slot]()} {
		if hasPointers(typ) {
			t.Errorf("%v holds pointers: it cannot live off the Go heap", typ)
		}
	}
	type owner struct{ memo []uint64 }
	o := &owner{}
	o.memo = offHeap[uint64](o, 1<<21) // 16 MB
	addr := uintptr(unsafe.Pointer(&o.memo[0]))
	for i := range o.memo {
		if o.memo[i] != 0 {
			t.Fatalf("cell %d not zero", i)
		}
		o.memo[i] = uint64(i)
	}
	flags, ok := mappingFlags(t, addr)
	if !ok {
		t.Fatalf("no mapping found for address %#x", addr)
	}
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err == nil && !strings.Contains(flags+" ", " hg ") {
		t.Errorf("off-heap memo not advised for huge pages: %s", flags)
	}
	runtime.KeepAlive(o)
	o = nil
	if !unmapped(t, addr) {
		t.Errorf("the memo at %#x is still mapped after its owner was collected", addr)
	}

	// A loaded model's tables and a scratch's memos, likewise.
	m, err := LoadEmbedded("fr")
	if err != nil {
		t.Fatal(err)
	}
	m.Tag(strings.Fields("Le président a parlé à Paris ."))
	s := m.getScratch()
	addrs := map[string]uintptr{
		"lexicon":       uintptr(unsafe.Pointer(&m.lex.table.cells[0])),
		"feature table": uintptr(unsafe.Pointer(&m.coldTab.slots[0])),
		"score memo":    uintptr(unsafe.Pointer(&s.memo[0])),
		"word memo":     uintptr(unsafe.Pointer(&s.words.cells[0])),
	}
	runtime.KeepAlive(s)
	runtime.KeepAlive(m)
	s, m = nil, nil
	for what, a := range addrs {
		if !unmapped(t, a) {
			t.Errorf("the %s of a model is still mapped after the model was collected", what)
		}
	}
}

// unmapped collects garbage until addr is no longer mapped (true) or a
// second has passed (false).
func unmapped(t *testing.T, addr uintptr) bool {
	for range 100 {
		runtime.GC()
		if _, ok := mappingFlags(t, addr); !ok {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

// hasPointers reports whether values of typ hold pointers.
func hasPointers(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Array:
		return typ.Len() > 0 && hasPointers(typ.Elem())
	case reflect.Struct:
		for i := range typ.NumField() {
			if hasPointers(typ.Field(i).Type) {
				return true
			}
		}
		return false
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return false
	}
	return true
}

// mappingFlags returns the VmFlags line of the mapping of /proc/self/smaps
// that holds addr, and whether there is one.
func mappingFlags(t *testing.T, addr uintptr) (string, bool) {
	t.Helper()
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
					in = uintptr(a) <= addr && addr < uintptr(b)
					continue
				}
			}
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return line, true
		}
	}
	return "", false
}
