package entity

import (
	"slices"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/kb"
	"github.com/newsgraph/newsgraph/internal/lang"
)

// contracted maps the French contractions of a preposition and an article
// to the article.
var contracted = map[string]string{"au": "le", "du": "le", "aux": "les"}

// walk returns the end of the longest alias that starts at word i and its
// alias (-1 when none), node being the trie node after word i, n the most
// words of such a key and words the words of the key before word i.
func (a *analyser) walk(ws []word, i int, node kb.Node, n, words int, shout bool) (int, kb.Alias) {
	best := -1
	var bestAlias kb.Alias
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
	return best, bestAlias
}

// startNode returns the trie node after word i and the most words of a
// key that starts with it, or false when no key does.
func (a *analyser) startNode(ws []word, i int) (kb.Node, int, bool) {
	node, n := ws[i].lx.first, int(ws[i].lx.depth)
	if node != kb.Root {
		return node, n, true
	}
	if strings.IndexByte(ws[i].key, ' ') < 0 {
		return node, 0, false
	}
	// A key of several words ("jong un" of "Jong-Un").
	n = int(a.s.voc.at(firstWord(ws[i].key)).depth)
	node, ok := a.step(kb.Root, &ws[i])
	return node, n, ok
}

// contractedMatch is walk for a French name after a contraction that holds
// its article: « au Figaro », « du Monde », « aux Échos », « au Havre »
// name "Le Figaro", "Le Monde", "Les Échos", "Le Havre".
func (a *analyser) contractedMatch(ws []word, i int, shout bool) (int, kb.Alias) {
	if i == 0 || !ws[i].cap || a.r.set != setFR {
		return -1, kb.Alias{}
	}
	art := contracted[ws[i-1].key]
	if art == "" {
		return -1, kb.Alias{}
	}
	lx := a.s.voc.at(art)
	n0, ok := a.s.kb.Next(kb.Root, lx.kbWord)
	if !ok {
		return -1, kb.Alias{}
	}
	n1, ok := a.step(n0, &ws[i])
	if !ok {
		return -1, kb.Alias{}
	}
	return a.walk(ws, i, n1, int(lx.depth), 1, shout)
}

// kbMatches adds the longest knowledge-base alias match at each word. It
// walks the word trie of alias keys: the words' keys joined by spaces,
// across joining punctuation ("Washington, D.C."), must be an alias key.
func (a *analyser) kbMatches(ws []word, shout bool, out []cand) []cand {
	for i := 0; i < len(ws); i++ {
		if !ws[i].isWord() {
			continue
		}
		best, bestAlias := -1, kb.Alias{}
		if node, n, ok := a.startNode(ws, i); ok {
			best, bestAlias = a.walk(ws, i, node, n, 0, shout)
		}
		if best < 0 {
			best, bestAlias = a.contractedMatch(ws, i, shout)
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
