package ingest

import (
	"bytes"
	"fmt"
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
		if controlShare(string(data)) > 0.05 {
			return "", "", ErrBinary
		}
		return string(data), "", nil
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
	if n < 4 {
		return false
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
// replacement characters), over the first 4096 runes.
func controlShare(s string) float64 {
	if len(s) == 0 {
		return 0
	}
	bad, n := 0, 0
	for i := 0; i < len(s) && n < 4096; n++ {
		if c := s[i]; c < utf8.RuneSelf { // ASCII fast path
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F {
				bad++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r >= 0x80 && r < 0xA0) || r == utf8.RuneError {
			bad++
		}
		i += size
	}
	return float64(bad) / float64(n)
}
