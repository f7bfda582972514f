package segment

import (
	"bytes"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// Tokenize appends the tokens of text[span] to out and returns it.
//
// Words keep internal hyphens (Kim Jong-Un, nord-coréen, Poutine-Kim) and
// periods of initialisms (U.S., J.-P.); French elided articles are split
// after the apostrophe (l’, qu’, jusqu’); inverted clitics are split off
// (a-t-il → a, -t-il); numbers keep thousands separators made of spaces
// when followed by exactly three digits (3 500) and decimal commas or
// points (1,5). Every other non-space rune is a punctuation or symbol
// token; "..." is one token. A span ending past doc.MaxTokenOffset gives
// no tokens.
func Tokenize(text string, span doc.Span, rules *Rules, out []doc.Token) []doc.Token {
	i := span.Start
	end := span.End
	if end > doc.MaxTokenOffset {
		return out
	}
	text = text[:end] // no token goes past the span (and fewer bounds checks)
	for i < len(text) {
		var from int
		if i, from, out = fastTokens(text, i, out); i >= len(text) {
			break
		}
		if from >= 0 {
			out = scanWord(text, i, from, end, rules, out)
			i = int(out[len(out)-1].End)
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:end])
		switch {
		case IsSpace(r):
			i += n
		case unicode.IsDigit(r):
			j := scanNumber(text, i, end)
			out = append(out, doc.Token{Start: int32(i), End: int32(j), Kind: doc.Number})
			i = j
		case unicode.IsLetter(r):
			out = scanWord(text, i, i, end, rules, out)
			i = int(out[len(out)-1].End)
		case r == '.' && strings.HasPrefix(text[i:end], "..."):
			j := i + 3
			for j < end && text[j] == '.' {
				j++
			}
			out = append(out, doc.Token{Start: int32(i), End: int32(j), Kind: doc.Punct})
			i = j
		default:
			out = append(out, doc.Token{Start: int32(i), End: int32(i + n), Kind: runeKind(r)})
			i += n
		}
	}
	return out
}

// fastTokens appends the tokens of text from i that make most of news
// text: ASCII white space, punctuation and numbers, and words of ASCII and
// Latin-1 letters and digits ending at white space or punctuation other
// than a hyphen, an apostrophe or the period of an initialism. It stops at
// anything else (or at the end of text) and returns where; when that is a
// word scanWord must finish, from is where scanWord goes on (the start of
// a possible initialism, or where this scan stopped), and otherwise -1.
// It is a function of its own so that its loop keeps its few variables in
// registers.
func fastTokens(text string, i int, out []doc.Token) (next, from int, _ []doc.Token) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i < len(text) {
		c := text[i]
		j := i + 1
		switch k := byteKind[c]; {
		case k == asciiLetter: // a word, below (the commonest case first)
		case k == asciiSpace:
			i = j
			continue
		case k == asciiPunct || k == asciiSymbol:
			if c == '.' && strings.HasPrefix(text[i:], "...") {
				return i, -1, out // an ellipsis
			}
			out = append(out, doc.Token{Start: int32(i), End: int32(j), Kind: punctKind[c]})
			i = j
			continue
		case k == asciiDigit:
			j = scanNumber(text, i, len(text))
			out = append(out, doc.Token{Start: int32(i), End: int32(j), Kind: doc.Number})
			i = j
			continue
		case k == latinLead:
			if j >= len(text) || !latinLetter(text[j]) {
				return i, -1, out
			}
			j++
		default:
			return i, -1, out
		}
		first := j // after the first letter
		// Eight bytes at a time while they are lowercase ASCII letters
		// (most of a word): the sums set a byte's high bit when it is at
		// least a, or at least {, with no carry as the bytes are masked
		// under 0x80.
		for j+8 <= len(text) {
			b := text[j : j+8]
			x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
				uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
			y := x &^ highs
			if m := (^(y + (0x80-'a')*ones) | (y + (0x80-'z'-1)*ones) | x) & highs; m != 0 {
				j += bits.TrailingZeros64(m) >> 3
				break
			}
			j += 8
		}
		for j < len(text) {
			if wordByte[text[j]] {
				j++
			} else if text[j] == 0xC3 && j+1 < len(text) && latinLetter(text[j+1]) {
				j += 2
			} else {
				break
			}
		}
		next := j
		if j < len(text) {
			switch wordEnd[text[j]] {
			case endSpace:
				next++ // the usual space after a word
			case endPeriod:
				if j == first {
					return i, i, out // an initialism, maybe
				}
			case endOther:
				return i, j, out
			}
		}
		out = append(out, doc.Token{Start: int32(i), End: int32(j), Kind: doc.Word})
		i = next
	}
	return i, -1, out
}

// What the byte after a word of fastTokens makes of it.
const (
	endPlain  = iota // white space or punctuation: the word ends
	endSpace         // a space, skipped with the word
	endPeriod        // a period: the word ends unless it is a single letter
	endOther         // a hyphen, an apostrophe, another rune: see scanWord
)

// wordEnd classifies the bytes that stop fastTokens' word scan.
var wordEnd = func() (t [256]uint8) {
	for c := range len(t) {
		switch {
		case c == ' ':
			t[c] = endSpace
		case c == '.':
			t[c] = endPeriod
		case !plainWordEnd[c]:
			t[c] = endOther
		}
	}
	return t
}()

// runeKind is the kind of a token of one rune that is not a word, a
// number or white space.
func runeKind(r rune) doc.TokenKind {
	if unicode.IsSymbol(r) || r == '%' || r == '$' || r == '€' || r == '£' {
		return doc.Symbol
	}
	return doc.Punct
}

// Classes of bytes for Tokenize's fast path.
const (
	asciiPunct = iota
	asciiSpace
	asciiLetter
	asciiDigit
	asciiSymbol
	latinLead // 0xC3, which starts the Latin-1 letters
	otherByte // any other byte of a multi-byte rune
)

// byteKind classifies ASCII bytes as Tokenize's rune path would, and the
// first bytes of other runes.
var byteKind = func() (t [256]uint8) {
	for c := range rune(len(t)) {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = otherByte
		case IsSpace(c):
			t[c] = asciiSpace
		case unicode.IsDigit(c):
			t[c] = asciiDigit
		case unicode.IsLetter(c):
			t[c] = asciiLetter
		case runeKind(c) == doc.Symbol:
			t[c] = asciiSymbol
		}
	}
	t[0xC3] = latinLead
	return t
}()

// punctKind is the token kind of ASCII punctuation and symbols.
var punctKind = func() (t [utf8.RuneSelf]doc.TokenKind) {
	for c := range rune(len(t)) {
		t[c] = runeKind(c)
	}
	return t
}()

// plainWordEnd reports the ASCII bytes that end a word: not a letter, a
// digit, a hyphen or an apostrophe.
var plainWordEnd = func() (t [256]bool) {
	for c := range rune(utf8.RuneSelf) {
		t[c] = !isWordRune(c) && !isHyphen(c) && !IsApostrophe(c)
	}
	return t
}()

// latinLetter reports whether the byte after 0xC3 makes a letter
// (U+00C0–U+00FF except × and ÷).
func latinLetter(b byte) bool { return 0x80 <= b && b <= 0xBF && b != 0x97 && b != 0xB7 }

// wordByte reports the ASCII bytes that continue a word (letters and
// digits).
var wordByte = func() (t [256]bool) {
	for c := range rune(utf8.RuneSelf) {
		t[c] = isWordRune(c)
	}
	return t
}()

func digitAt(text string, i, end int) bool { return i < end && text[i] >= '0' && text[i] <= '9' }

// scanNumber returns the end of the number starting at i.
func scanNumber(text string, i, end int) int {
	j := i
	for {
		for j < end {
			if c := text[j]; '0' <= c && c <= '9' {
				j++
				continue
			} else if c < utf8.RuneSelf {
				break
			}
			r, n := utf8.DecodeRuneInString(text[j:end])
			if !unicode.IsDigit(r) {
				break
			}
			j += n
		}
		if j >= end {
			return j
		}
		r, n := utf8.DecodeRuneInString(text[j:end])
		switch {
		case (r == ',' || r == '.') && digitAt(text, j+n, end):
			j += n
		case numberGroupSpace(r) && threeDigits(text, j+n, end) && groupable(text, i, j):
			j += n
		default:
			return j
		}
	}
}

// groupable reports whether the digits before a space-separated group can
// lead a grouped number: 1 to 3 digits since the last separator.
func groupable(text string, start, j int) bool {
	k := j
	for k > start && text[k-1] >= '0' && text[k-1] <= '9' {
		k--
	}
	return j-k >= 1 && j-k <= 3 && (k == start || !(text[k-1] >= '0' && text[k-1] <= '9'))
}

func threeDigits(text string, i, end int) bool {
	if i+3 > end {
		return false
	}
	for k := i; k < i+3; k++ {
		if text[k] < '0' || text[k] > '9' {
			return false
		}
	}
	if i+3 == end {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i+3 : end])
	return !unicode.IsDigit(r) && !unicode.IsLetter(r)
}

// scanWord appends the token(s) of the word starting at i. The caller may
// have scanned the word up to from > i, and knows it is no initialism.
func scanWord(text string, i, from, end int, rules *Rules, out []doc.Token) []doc.Token {
	// Initialisms: U.S., N.C., J.-P., e.g. (most words fail the first
	// test: a period right after an ASCII first letter).
	if from == i && (text[i] >= utf8.RuneSelf || i+1 < end && text[i+1] == '.') {
		if j := scanInitialism(text, i, end); j > i {
			return append(out, doc.Token{Start: int32(i), End: int32(j), Kind: doc.Word})
		}
	}
	j := from
	for j < end {
		c := text[j]
		if wordByte[c] {
			j++
			continue
		}
		if c < utf8.RuneSelf && c != '-' && c != '\'' && c != '`' {
			break // ASCII white space or punctuation: no hyphen or apostrophe
		}
		r, n := utf8.DecodeRuneInString(text[j:end])
		if isWordRune(r) {
			j += n
			continue
		}
		if isHyphen(r) && j+n < end {
			r2, _ := utf8.DecodeRuneInString(text[j+n : end])
			if isWordRune(r2) {
				// Inverted clitic: dit-il, a-t-il, précise-t-elle.
				if rules != nil && len(rules.Clitics) > 0 {
					if c := cliticEnd(text, j, end, rules); c > 0 {
						out = append(out, doc.Token{Start: int32(i), End: int32(j), Kind: doc.Word})
						return append(out, doc.Token{Start: int32(j), End: int32(c), Kind: doc.Word})
					}
				}
				j += n
				continue
			}
		}
		if IsApostrophe(r) && j+n < end {
			r2, _ := utf8.DecodeRuneInString(text[j+n : end])
			if unicode.IsLetter(r2) {
				var buf [24]byte
				if rules != nil && rules.Elided[string(lowerKey(buf[:0], text[i:j]))] {
					return append(out, doc.Token{Start: int32(i), End: int32(j + n), Kind: doc.Word})
				}
				if rules != nil && len(rules.Suffixes) > 0 {
					k := j + n
					for k < end {
						r3, n3 := utf8.DecodeRuneInString(text[k:end])
						if !unicode.IsLetter(r3) {
							break
						}
						k += n3
					}
					if rules.Suffixes[string(lowerKey(buf[:0], text[j+n:k]))] {
						out = append(out, doc.Token{Start: int32(i), End: int32(j), Kind: doc.Word})
						return append(out, doc.Token{Start: int32(j), End: int32(k), Kind: doc.Word})
					}
				}
				j += n
				continue
			}
		}
		break
	}
	return append(out, doc.Token{Start: int32(i), End: int32(j), Kind: doc.Word})
}

// lowerKey appends the lowercase of s to buf, as strings.ToLower would
// write it; with a stack buffer, a table lookup by the lowercase form
// allocates nothing.
func lowerKey(buf []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		i += n
	}
	return buf
}

// cliticEnd returns the end of an inverted clitic starting at the hyphen at
// j ("-il", "-t-elle"), or 0. Clitics are written in lowercase: a
// capitalised part is a name (Kim Jong-Il).
func cliticEnd(text string, j, end int, rules *Rules) int {
	_, hn := utf8.DecodeRuneInString(text[j:end])
	if r, _ := utf8.DecodeRuneInString(text[j+hn : end]); !unicode.IsLower(r) {
		return 0
	}
	k := j + hn
	for k < end {
		r, n := utf8.DecodeRuneInString(text[k:end])
		if !unicode.IsLetter(r) && !isHyphen(r) {
			break
		}
		k += n
	}
	var buf [24]byte
	word := lowerKey(buf[:0], text[j+hn:k])
	if bytes.ContainsAny(word, "‐‑") {
		word = []byte(strings.NewReplacer("‐", "-", "‑", "-").Replace(string(word)))
	}
	if rules.Clitics[string(word)] {
		return k
	}
	return 0
}

// scanInitialism matches letter-period sequences of two or more letters
// (U.S., N.C., J.-P.) and returns their end, or i.
func scanInitialism(text string, i, end int) int {
	// Fast exit: an initialism has a period right after its first letter.
	if c := text[i]; c < utf8.RuneSelf {
		if i+1 >= end || text[i+1] != '.' {
			return i
		}
	} else if _, n := utf8.DecodeRuneInString(text[i:end]); i+n >= end || text[i+n] != '.' {
		return i
	}
	j := i
	count := 0
	for j < end {
		r, n := utf8.DecodeRuneInString(text[j:end])
		if !unicode.IsLetter(r) || j+n >= end || text[j+n] != '.' {
			break
		}
		// The letter must be alone: next after the period is a letter,
		// a hyphen+letter, or the end of the initialism.
		j += n + 1
		count++
		if j < end && text[j] == '-' {
			j++
		}
		if j >= end {
			break
		}
		r2, _ := utf8.DecodeRuneInString(text[j:end])
		if !unicode.IsLetter(r2) {
			break
		}
		// Stop if the next letter starts a longer word.
		if j+utf8.RuneLen(r2) < end {
			r3, _ := utf8.DecodeRuneInString(text[j+utf8.RuneLen(r2) : end])
			if r3 != '.' {
				break
			}
		}
	}
	if count < 2 {
		return i
	}
	if text[j-1] == '-' {
		j--
	}
	return j
}
