package lang

// The quick profile as first written (a map lookup per lowercased word),
// kept as the reference that the table-driven scanner in quick.go must
// agree with.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzQuickReference: quick and refQuick agree on any text.
func FuzzQuickReference(f *testing.F) {
	for _, s := range samples {
		f.Add(s.text, 1000)
	}
	f.Add("l’État qu’il été ÉTÉ DÉJÀ également Également", 1000)
	f.Add(strings.Repeat("L’ÉTÉ a ÉTÉ DÉJÀ très chaud, APRÈS les pluies Où ÊTRE × ÷ Ÿ ß œuvre Ça ", 6), 1000)
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if limit < 0 || limit > 1<<16 {
			return
		}
		a, b, c := quick(s, limit)
		x, y, z := refQuick(s, limit)
		if a != x || b != y || c != z {
			t.Fatalf("quick %v %v %v, reference %v %v %v", a, b, c, x, y, z)
		}
	})
}

// refQuick is quick written plainly: every word lowercased into a buffer
// and looked up in quickWords.
func refQuick(text string, limit int) (tag string, conf float64, ok bool) {
	if len(text) > limit {
		text = text[:limit]
	}
	var hits [3]int
	total := 0
	var buf [24]byte
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			i++ // ASCII non-letter
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if c >= utf8.RuneSelf && !unicode.IsLetter(r) {
			i += n
			continue
		}
		// One word: lowercase it into buf (long words cannot match).
		w := buf[:0]
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				} else if c < 'a' || c > 'z' {
					break
				}
				if len(w) < len(buf) {
					w = append(w, c)
				} else {
					w = buf[:len(buf)] // too long: no match
				}
				i++
				continue
			}
			r, n = utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) {
				break
			}
			if len(w)+utf8.UTFMax <= len(buf) {
				w = utf8.AppendRune(w, unicode.ToLower(r))
			} else {
				w = buf[:len(buf)]
			}
			i += n
		}
		total++
		if l := quickWords[string(w)]; l != 0 {
			hits[l]++
		}
	}
	return decideQuick(hits, total)
}

// TestQuickReferenceCorpus: quick and refQuick agree on the OrangeSum
// articles and the dev corpus, when present, at several limits.
func TestQuickReferenceCorpus(t *testing.T) {
	files, _ := filepath.Glob("/work/shared/data/orangesum-fr-news/parsed/*.json")
	more, _ := filepath.Glob("/work/shared/corpus/dev/*.txt")
	files = append(files, more...)
	if len(files) == 0 {
		t.Skip("no corpus")
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		for _, lim := range []int{100, 300, 1000, 5000} {
			a, x, c := quick(string(b), lim)
			p, q, r := refQuick(string(b), lim)
			if a != p || x != q || c != r {
				t.Fatalf("%s: differ", f)
			}
		}
	}
}

// TestLowerLatin checks latinAt and lowerLatin against package unicode
// over U+00C0–U+00FF.
func TestLowerLatin(t *testing.T) {
	for r := rune(0xC0); r <= 0xFF; r++ {
		s := string(r)
		l := string(unicode.ToLower(r))
		if latinAt(s, 0) != unicode.IsLetter(r) {
			t.Errorf("%c latinAt", r)
		}
		if latinAt(s, 0) && (len(l) != 2 || l[0] != 0xC3 || lowerLatin(s[1]) != l[1]) {
			t.Errorf("%c lower %q", r, l)
		}
	}
}
