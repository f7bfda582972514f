package entity

import (
	"slices"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/kb"
	"github.com/newsgraph/newsgraph/internal/lang"
)

// kbMatches adds the longest knowledge-base alias match at each word. It
// walks the word trie of alias keys: the words' keys joined by spaces,
// across joining punctuation ("Washington, D.C."), must be an alias key.
func (a *analyser) kbMatches(ws []word, shout bool, out []cand) []cand {
	for i := 0; i < len(ws); i++ {
		if !ws[i].isWord() {
			continue
		}
		// node: the trie node after the first word; n: the most words
		// of a key that starts with the first word.
		node, n := ws[i].lx.first, int(ws[i].lx.depth)
		if node == kb.Root {
			if strings.IndexByte(ws[i].key, ' ') < 0 {
				continue
			}
			// A key of several words ("jong un" of "Jong-Un").
			first := a.s.voc.at(firstWord(ws[i].key))
			n = int(first.depth)
			var ok bool
			if node, ok = a.step(kb.Root, &ws[i]); !ok {
				continue
			}
		}
		best := -1
		var bestAlias kb.Alias
		words := 0
		for j := i; j < len(ws) && words < n; j++ {
			w := &ws[j]
			if w.isWord() && w.key != "" {
				if j > i {
					var ok bool
					if node, ok = a.step(node, w); !ok {
						// No key goes on with these words.
						break
					}
				}
				words += strings.Count(w.key, " ") + 1
			} else if !joiner(w.text) {
				break
			}
			if !w.isWord() {
				continue
			}
			for _, al := range a.s.kb.Ends(node) {
				if a.aliasFits(ws, i, j+1, al, shout) {
					best, bestAlias = j+1, al
					break
				}
			}
		}
		if best < 0 {
			continue
		}
		if best < i+2 && (a.demonymAt(ws, i, len(ws)) == 2 || bestAlias.Entry.Kind == "region" && a.demonymAt(ws, best, len(ws)) > 0) {
			// "South African": a demonym, not the region "South" followed
			// by a word; "North American", "Centre européen": a one-word
			// region before a demonym is a qualifier of it.
			continue
		}
		out = append(out, cand{i: i, j: best, typ: bestAlias.Entry.Type, src: srcKB, entry: bestAlias.Entry, alias: bestAlias.Text})
	}
	return out
}

// step moves from trie node n over the words of w's key.
func (a *analyser) step(n kb.Node, w *word) (kb.Node, bool) {
	if w.lx.kbWord != 0 {
		return a.s.kb.Next(n, w.lx.kbWord)
	}
	if strings.IndexByte(w.key, ' ') < 0 {
		// One word that no alias key has (or no word).
		return n, false
	}
	for rest := w.key; ; {
		part, r, more := strings.Cut(rest, " ")
		var ok bool
		if n, ok = a.s.kb.Next(n, a.s.voc.at(part).kbWord); !ok || !more {
			return n, ok
		}
		rest = r
	}
}

// joiner reports punctuation that may sit inside a name ("Washington,
// D.C.", "Rasheed N.C. Wyatt", "AT&T").
func joiner(s string) bool {
	switch s {
	case ".", ",", "&", "'", "’", "-":
		return true
	}
	return false
}

// aliasFits checks the case policy of an alias against the words [i, j).
func (a *analyser) aliasFits(ws []word, i, j int, al kb.Alias, shout bool) bool {
	// Punctuation inside the span must be written in the alias too.
	for k := i; k < j; k++ {
		if !ws[k].isWord() && !strings.Contains(al.Text, ws[k].text) {
			return false
		}
	}
	first := &ws[i]
	single := j-i == 1
	switch {
	case al.Acronym():
		if shout && len(al.Text) <= 3 {
			return false
		}
		return letters(a.d.Slice(doc.Span{Start: first.span.Start, End: ws[j-1].span.End})) == letters(al.Text)
	case al.Lower():
		// Lowercase names ("agence de presse centrale coréenne") match in any case.
		return true
	}
	if !first.cap {
		return false
	}
	if single && first.initial && first.common {
		return false
	}
	if single && al.Entry.Type == kb.LOC {
		// "the German government", "Argentine officials": a demonym, not
		// a town called German nor the French name of Argentina (but
		// French "Suisse", "Argentine" are the countries themselves)
		if dems := a.s.voc.demonyms(first.lx); len(dems) > 0 && !(slices.Contains(dems, al.Entry) && a.nameIn(first.key, al.Entry)) {
			return false
		}
	}
	if single && first.upper && !shout && len(first.text) <= 4 {
		// NICE or US written as an acronym is not the capitalised name.
		return false
	}
	return true
}

// nameIn reports whether key is a name of entry in the document's
// language, or its canonical name.
func (a *analyser) nameIn(key string, entry *kb.Entry) bool {
	if kb.Key(entry.Name) == key {
		return true
	}
	for _, n := range entry.Aliases[lang.Base(a.d.Lang)] {
		if kb.Key(n) == key {
			return true
		}
	}
	return false
}

// letters returns the letters and digits of s.
func letters(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
