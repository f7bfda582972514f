package lang

import (
	"unicode"
	"unicode/utf8"
)

// The quick profile recognises French and English news text from function
// words that are frequent in one of them and absent (or rare) in the other
// languages of Supported: "les", "dans", "été" are French only, "the",
// "said", "which" English only. A text long enough, where one language's
// words make a fair share of all words and the other's almost none, is
// decided at once; anything else (short texts, other languages, mixed text)
// goes to lingua. Over the first 1000 bytes, the profile decides 99 % of the
// 4,000 OrangeSum articles (French) and 83 % of the 3,687 Reuters stories
// (English; the rest are tables and one-liners), with no error, at about a
// hundredth of lingua's cost (see TestQuickAgreesWithLingua and
// BenchmarkDetect).
var quickWords = map[string]uint8{
	// French.
	"les": fr, "une": fr, "est": fr, "dans": fr, "pour": fr, "sur": fr, "avec": fr, "pas": fr,
	"sont": fr, "aux": fr, "cette": fr, "mais": fr, "ont": fr, "ses": fr, "leur": fr, "leurs": fr,
	"nous": fr, "vous": fr, "ils": fr, "elle": fr, "elles": fr, "ces": fr, "au": fr, "été": fr,
	"selon": fr, "après": fr, "où": fr, "également": fr, "déjà": fr, "avait": fr, "être": fr,
	"fait": fr, "lors": fr, "depuis": fr, "qu": fr, "aussi": fr, "très": fr, "sa": fr,
	// English.
	"the": en, "and": en, "that": en, "with": en, "to": en, "for": en, "said": en, "has": en,
	"have": en, "his": en, "he": en, "she": en, "they": en, "this": en, "which": en, "were": en,
	"from": en, "by": en, "are": en, "been": en, "would": en, "at": en, "after": en, "not": en,
	"but": en, "who": en, "their": en, "its": en, "it": en, "about": en, "than": en,
}

const (
	fr uint8 = 1 + iota
	en
)

// quickTable is quickWords as an open-addressing hash table keyed by a
// word's length and first and last bytes (see quickSlot), so that a word
// is looked up without hashing or copying all its bytes.
var quickTable, quickMaxLen = func() (t [256]struct {
	word string
	lang uint8
}, maxLen int) {
	for w, l := range quickWords {
		h := quickSlot(len(w), w[0], w[len(w)-1])
		for t[h].word != "" {
			h = (h + 1) % uint32(len(t))
		}
		t[h].word, t[h].lang = w, l
		maxLen = max(maxLen, len(w))
	}
	return t, maxLen
}()

// quickStarts[n] has bit c&31 set when a function word of n bytes starts
// with the lowercase letter c, and bit 0 when one starts with a Latin-1
// letter (lowerLetter gives 0 for its first byte): a cheap test before the
// table lookup.
var quickStarts = func() (t [32]uint32) {
	for w := range quickWords {
		t[len(w)] |= 1 << (lowerLetter[w[0]] & 31)
	}
	return t
}()

// quickSlot is the first table slot of a lowercase word of n bytes that
// starts with first and ends with last.
func quickSlot(n int, first, last byte) uint32 {
	return (uint32(n)<<16 | uint32(first)<<8 | uint32(last)) * 2654435761 >> 24
}

// quickLang returns the language of a lowercase function word, or 0.
func quickLang(w []byte) uint8 {
	h := quickSlot(len(w), w[0], w[len(w)-1])
	for {
		e := &quickTable[h]
		if e.word == "" {
			return 0
		}
		if e.word == string(w) {
			return e.lang
		}
		h = (h + 1) % uint32(len(quickTable))
	}
}

// quickLangLatin returns the language of a function word w of ASCII and
// Latin-1 letters in any case, or 0.
func quickLangLatin(w string) uint8 {
	first, last := lowerLetter[w[0]], lowerLetter[w[len(w)-1]]
	if first == 0 {
		first = 0xC3
	}
	if last == 0 {
		last = lowerLatin(w[len(w)-1])
	}
	h := quickSlot(len(w), first, last)
	for {
		e := &quickTable[h]
		if e.word == "" {
			return 0
		}
		if len(e.word) == len(w) && equalLower(w, e.word) {
			return e.lang
		}
		h = (h + 1) % uint32(len(quickTable))
	}
}

// equalLower reports whether w, of ASCII and Latin-1 letters, lowercases
// to the lowercase word lw of the same length.
func equalLower(w, lw string) bool {
	for k := 0; k < len(w); k++ {
		if c := w[k]; c < utf8.RuneSelf {
			if lowerLetter[c] != lw[k] {
				return false
			}
		} else if k++; lw[k-1] != 0xC3 || lowerLatin(w[k]) != lw[k] {
			return false
		}
	}
	return true
}

// latinAt reports whether text[i:] starts with a letter of U+00C0–U+00FF
// (C3 80–C3 BF in UTF-8, but × and ÷).
func latinAt(text string, i int) bool {
	if text[i] != 0xC3 || i+1 >= len(text) {
		return false
	}
	b := text[i+1]
	return 0x80 <= b && b <= 0xBF && b != 0x97 && b != 0xB7
}

// lowerLatin lowercases the second byte of a Latin-1 letter: À–Þ (but ×)
// are C3 80–C3 9E and à–þ C3 A0–C3 BE.
func lowerLatin(b byte) byte {
	if 0x80 <= b && b <= 0x9E && b != 0x97 {
		return b + 0x20
	}
	return b
}

// letterAt reports whether text[i:] starts with a letter.
func letterAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

// lowerLetter maps ASCII letters to lowercase and other bytes to 0.
var lowerLetter = func() (t [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	return t
}()

// quick decides the language of the first limit bytes of text from its
// function words, or reports ok false.
func quick(text string, limit int) (tag string, conf float64, ok bool) {
	if len(text) > limit {
		text = text[:limit]
	}
	var hits [3]int
	total := 0
	var buf [24]byte
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf && lowerLetter[c] == 0 {
			i++ // ASCII non-letter
			continue
		}
		if c < utf8.RuneSelf || latinAt(text, i) {
			// The common case: a word of ASCII and Latin-1 letters.
			j := i
			for j < len(text) {
				if lowerLetter[text[j]] != 0 {
					j++
				} else if latinAt(text, j) {
					j += 2
				} else {
					break
				}
			}
			if j == len(text) || text[j] < utf8.RuneSelf || !letterAt(text, j) {
				total++
				if n := j - i; n <= quickMaxLen && quickStarts[n]&(1<<(lowerLetter[c]&31)) != 0 {
					hits[quickLangLatin(text[i:j])]++
				}
				i = j
				if i < len(text) && text[i] < utf8.RuneSelf {
					i++ // the ASCII non-letter that ends the word
				}
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(text[i:]); !unicode.IsLetter(r) {
			i += n
			continue
		}
		// A word with other letters: lowercase it rune by rune into buf;
		// a word longer than every function word cannot match.
		w, long := buf[:0], false
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				l := lowerLetter[c]
				if l == 0 {
					break
				}
				if len(w) < quickMaxLen {
					w = append(w, l)
				} else {
					long = true
				}
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) {
				break
			}
			if len(w)+utf8.UTFMax <= len(buf) {
				w = utf8.AppendRune(w, unicode.ToLower(r))
			} else {
				long = true
			}
			i += n
		}
		total++
		if !long && len(w) <= quickMaxLen {
			hits[quickLang(w)]++
		}
	}
	return decideQuick(hits, total)
}

// decideQuick names the language of a text from its word count and the
// function-word hits per language: at least 30 words, enough hits for the
// language (6 per 100 words for French, 8 for English) and eight times as
// many as for the other.
func decideQuick(hits [3]int, total int) (string, float64, bool) {
	if total < 30 {
		return "", 0, false
	}
	for _, c := range []struct {
		l    uint8
		tag  string
		rate int // minimum hits per 100 words
	}{{fr, "fr", 6}, {en, "en", 8}} {
		other := hits[fr] + hits[en] - hits[c.l]
		if hits[c.l]*100 >= c.rate*total && other*8 <= hits[c.l] {
			return c.tag, float64(hits[c.l]) / float64(hits[c.l]+other+1), true
		}
	}
	return "", 0, false
}
