package store

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// CheckLimit returns the page size for a requested limit: DefaultLimit for
// 0, an ErrInvalid error outside [0, MaxLimit].
func CheckLimit(n int) (int, error) {
	switch {
	case n == 0:
		return DefaultLimit, nil
	case n < 0 || n > MaxLimit:
		return 0, fmt.Errorf("%w: limit must be between 1 and %d", ErrInvalid, MaxLimit)
	}
	return n, nil
}

// ParseDate reads a date bound given as YYYY, YYYY-MM or YYYY-MM-DD and
// returns the first (end=false) or last (end=true) day it covers, as
// YYYY-MM-DD. "" gives "". Anything else is an ErrInvalid error.
func ParseDate(s string, end bool) (string, error) {
	if s == "" {
		return "", nil
	}
	bad := fmt.Errorf("%w: date %q is not YYYY, YYYY-MM or YYYY-MM-DD", ErrInvalid, truncate(s, 40))
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return "", bad
	}
	nums := make([]int, 3)
	for i, p := range parts {
		if (i > 0 && len(p) != 2) || strings.TrimLeft(p, "0123456789") != "" {
			return "", bad
		}
		nums[i], _ = strconv.Atoi(p)
	}
	y, m, d := nums[0], nums[1], nums[2]
	if y < 1000 {
		return "", bad
	}
	switch len(parts) {
	case 1:
		if end {
			return fmt.Sprintf("%04d-12-31", y), nil
		}
		return fmt.Sprintf("%04d-01-01", y), nil
	case 2:
		if m < 1 || m > 12 {
			return "", bad
		}
		if end {
			last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			return fmt.Sprintf("%04d-%02d-%02d", y, m, last), nil
		}
		return fmt.Sprintf("%04d-%02d-01", y, m), nil
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || t.Day() != d {
		return "", bad
	}
	return s, nil
}

// DateRange returns the first and last day a publication date covers
// (YYYY-MM-DD), or "", "" when unknown.
func DateRange(d doc.Date) (string, string) {
	if !d.Known() {
		return "", ""
	}
	s := d.String()
	a, err1 := ParseDate(s, false)
	b, err2 := ParseDate(s, true)
	if err1 != nil || err2 != nil {
		return "", ""
	}
	return a, b
}

// ParseDocDate reads a stored date ("2023", "2023-09", "2023-09-11").
func ParseDocDate(s string) doc.Date {
	parts := strings.Split(s, "-")
	var n [3]int
	for i, p := range parts {
		if i > 2 {
			return doc.Date{}
		}
		v, err := strconv.Atoi(p)
		if err != nil {
			return doc.Date{}
		}
		n[i] = v
	}
	if s == "" {
		return doc.Date{}
	}
	return doc.Date{Year: n[0], Month: n[1], Day: n[2], Precision: doc.Precision(len(parts))}
}

// EncodeCursor makes an opaque cursor from its fields.
func EncodeCursor(fields ...string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("c1\x1f" + strings.Join(fields, "\x1f")))
}

// DecodeCursor reads a cursor made by EncodeCursor with n fields; ""
// gives nil. A malformed cursor is an ErrInvalid error.
func DecodeCursor(s string, n int) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	bad := fmt.Errorf("%w: malformed cursor", ErrInvalid)
	if len(s) > 512 {
		return nil, bad
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, bad
	}
	f := strings.Split(string(raw), "\x1f")
	if len(f) != n+1 || f[0] != "c1" {
		return nil, bad
	}
	return f[1:], nil
}

// OffsetCursor encodes a position in a ranked list.
func OffsetCursor(offset int) string { return EncodeCursor("o", strconv.Itoa(offset)) }

// DecodeOffset reads an OffsetCursor ("" is 0); offsets past MaxOffset are
// refused.
func DecodeOffset(s string) (int, error) {
	f, err := DecodeCursor(s, 2)
	if err != nil || f == nil {
		return 0, err
	}
	n, err := strconv.Atoi(f[1])
	if f[0] != "o" || err != nil || n < 0 {
		return 0, fmt.Errorf("%w: malformed cursor", ErrInvalid)
	}
	if n > MaxOffset {
		return 0, fmt.Errorf("%w: results past %d are not paged; refine the query", ErrInvalid, MaxOffset)
	}
	return n, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
