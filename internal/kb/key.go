package kb

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Key normalises a name for lookup: letters and digits are lowercased and
// stripped of accents (œ → oe, ß → ss), every other rune separates words,
// and words are joined by one space. "Kim Jong-Un", "KIM JONG UN" and
// "Kim Jong Un" share the key "kim jong un"; "d’assises" gives "d assises".
func Key(s string) string {
	if plainKey(s) {
		return s
	}
	var buf [64]byte
	return string(appendKey(buf[:0], s, false))
}

// plainKey reports whether s is one word of lowercase ASCII letters and
// digits: its own key.
func plainKey(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// AppendKey appends Key(s) to b, separated by a space from what b already
// holds.
func AppendKey(b *strings.Builder, s string) {
	var buf [64]byte
	b.Write(appendKey(buf[:0], s, b.Len() > 0))
}

// AppendKeyBytes appends Key(s) to b, with no separator, and returns the
// extended slice.
func AppendKeyBytes(b []byte, s string) []byte { return appendKey(b, s, false) }

// appendKey appends Key(s) to b, after a space if space is set and the
// key is not empty.
func appendKey(b []byte, s string, space bool) []byte {
	inWord := false
	for i := 0; i < len(s); {
		c := s[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			// A run of lowercase ASCII letters and digits is copied as is.
			j := i + 1
			for j < len(s) && ('a' <= s[j] && s[j] <= 'z' || '0' <= s[j] && s[j] <= '9') {
				j++
			}
			if !inWord && space {
				b = append(b, ' ')
			}
			b = append(b, s[i:j]...)
			inWord, space = true, true
			i = j
			continue
		}
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				inWord = false
				continue
			}
			if !inWord && space {
				b = append(b, ' ')
			}
			b = append(b, c)
			inWord, space = true, true
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if unicode.IsMark(r) {
				continue
			}
			inWord = false
			continue
		}
		f := fold(r)
		if f == "" {
			continue
		}
		if !inWord && space {
			b = append(b, ' ')
		}
		b = append(b, f...)
		inWord, space = true, true
	}
	return b
}

// latinFold holds fold for the Latin-1 Supplement and Latin Extended
// blocks, the letters of French and English text (read-only).
var latinFold = func() [0x250]string {
	var t [0x250]string
	for r := rune(0x80); r < 0x250; r++ {
		t[r] = foldRune(r)
	}
	return t
}()

// fold lowercases r and strips its diacritics; ligatures and letters with
// strokes become plain Latin letters.
func fold(r rune) string {
	if r < 0x250 {
		return latinFold[r]
	}
	return foldRune(r)
}

func foldRune(r rune) string {
	if x, ok := special(r); ok {
		return x
	}
	r = unicode.ToLower(r)
	var buf [utf8.UTFMax * 4]byte
	d := norm.NFD.AppendString(buf[:0], string(r))
	var out strings.Builder
	for i := 0; i < len(d); {
		q, n := utf8.DecodeRune(d[i:])
		i += n
		if unicode.IsMark(q) {
			continue
		}
		if x, ok := special(q); ok {
			out.WriteString(x)
			continue
		}
		out.WriteRune(unicode.ToLower(q))
	}
	return out.String()
}

func special(r rune) (string, bool) {
	switch r {
	case 'œ', 'Œ':
		return "oe", true
	case 'æ', 'Æ':
		return "ae", true
	case 'ß', 'ẞ':
		return "ss", true
	case 'ø', 'Ø':
		return "o", true
	case 'đ', 'Đ':
		return "d", true
	case 'ł', 'Ł':
		return "l", true
	case 'ı':
		return "i", true
	}
	return "", false
}

// IsAcronym reports whether s is written in capitals, with no lowercase
// letter and at least two letters, or one letter and digits (NSC, U.S.,
// KCNA, G7).
func IsAcronym(s string) bool {
	letters, digits := 0, 0
	for i := 0; i < len(s); i++ {
		// ASCII first: the same classes as below.
		switch c := s[i]; {
		case 'a' <= c && c <= 'z':
			return false
		case 'A' <= c && c <= 'Z':
			letters++
			continue
		case '0' <= c && c <= '9':
			digits++
			continue
		case c == '.' || c == '-' || c == '&':
			continue
		case c < utf8.RuneSelf:
			return false
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n - 1
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		case r == '.' || r == '-' || r == '&':
		default:
			return false
		}
	}
	return letters >= 2 || letters == 1 && digits > 0
}
