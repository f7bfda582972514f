package ingest

import (
	"bytes"
	"fmt"
	"math/bits"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// Decode validates data as text and returns it as UTF-8. A UTF-8 byte-order
// mark is dropped; UTF-16 (with a BOM, or recognised by its zero bytes) and
// Windows-1252 are converted, and note says so. Binary data is refused.
func Decode(data []byte) (text string, note string, err error) {
	switch {
	case bytes.HasPrefix(data, bom):
		data = data[len(bom):]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data, unicode.ExpectBOM, "UTF-16 with BOM")
	case looksUTF16(data, 1):
		return decodeUTF16(data, unicode.IgnoreBOM, "UTF-16LE")
	case looksUTF16(data, 0):
		return decodeUTF16Big(data)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", "", ErrBinary
	}
	if utf8.Valid(data) {
		s := string(data)
		if controlShare(s) > 0.05 {
			return "", "", ErrBinary
		}
		return s, "", nil
	}
	// Not UTF-8: legacy single-byte text is almost always Windows-1252
	// (a superset of Latin-1 for printable characters) in news archives.
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("%w: %v", ErrEncoding, err)
	}
	s := string(out)
	if controlShare(s) > 0.05 {
		return "", "", ErrBinary
	}
	return s, "input was not UTF-8; decoded as Windows-1252", nil
}

func decodeUTF16(data []byte, b unicode.BOMPolicy, name string) (string, string, error) {
	out, err := unicode.UTF16(unicode.LittleEndian, b).NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("%w: %s: %v", ErrEncoding, name, err)
	}
	return finishUTF16(out, name)
}

func decodeUTF16Big(data []byte) (string, string, error) {
	out, err := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("%w: UTF-16BE: %v", ErrEncoding, err)
	}
	return finishUTF16(out, "UTF-16BE")
}

func finishUTF16(out []byte, name string) (string, string, error) {
	s := string(out)
	if !utf8.ValidString(s) || controlShare(s) > 0.05 {
		return "", "", fmt.Errorf("%w: %s data does not decode to text", ErrEncoding, name)
	}
	return s, "input was " + name + "; converted to UTF-8", nil
}

// looksUTF16 reports whether most bytes at positions ≡ zeroAt (mod 2) are
// zero in the first kilobyte, as in ASCII-heavy UTF-16 text.
func looksUTF16(data []byte, zeroAt int) bool {
	n := min(len(data), 1024) &^ 1
	if n < 4 || bytes.IndexByte(data[:n], 0) < 0 {
		return false // (the common case: text without zero bytes)
	}
	zeros, other := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i+zeroAt] == 0 {
			zeros++
		}
		if data[i+1-zeroAt] == 0 {
			other++
		}
	}
	return zeros*10 >= n/2*8 && other == 0
}

// controlShare returns the fraction of runes that are C0/C1 control
// characters other than tab, newline, carriage return and form feed (or
// replacement characters), over the first 4096 runes. s must be valid
// UTF-8: the scan reads bytes without decoding runes.
func controlShare(s string) float64 {
	if len(s) == 0 {
		return 0
	}
	bad, n := 0, 0
	const highs = 0x8080808080808080
	for i := 0; i < len(s) && n < 4096; {
		// Eight bytes at a time when they hold no byte that may start a
		// bad rune (below 0x20, 0x7F, 0xC2, 0xEF): count the runes, that
		// is the bytes that are not continuation bytes (10xxxxxx).
		if i+8 <= len(s) && n+8 <= 4096 {
			b := s[i : i+8]
			x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
				uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
			if !hasLess(x, 0x20) && !hasByte(x, 0x7F) && !hasByte(x, 0xC2) && !hasByte(x, 0xEF) {
				n += 8 - bits.OnesCount64(x&^(x<<1)&highs)
				i += 8
				continue
			}
		}
		// Otherwise byte by byte, over the same eight bytes.
		for stop := min(i+8, len(s)); i < stop && n < 4096; i++ {
			c := s[i]
			if c&0xC0 == 0x80 {
				continue // a continuation byte
			}
			n++
			switch {
			case c < 0x20:
				if c != '\t' && c != '\n' && c != '\r' && c != '\f' {
					bad++
				}
			case c == 0x7F:
				bad++
			case c == 0xC2: // U+0080–U+009F are C2 80–C2 9F
				if i+1 < len(s) && s[i+1] < 0xA0 {
					bad++
				}
			case c == 0xEF:
				if strings.HasPrefix(s[i:], "\uFFFD") {
					bad++
				}
			}
		}
	}
	return float64(bad) / float64(n)
}

// hasLess reports whether a byte of x is below b (b <= 0x80).
func hasLess(x uint64, b byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (x-uint64(b)*ones)&^x&highs != 0
}

// hasByte reports whether a byte of x equals b.
func hasByte(x uint64, b byte) bool {
	const ones = 0x0101010101010101
	return hasLess(x^(uint64(b)*ones), 1)
}
