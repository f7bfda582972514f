package store

import (
	"github.com/newsgraph/newsgraph/internal/doc"
)

// SnippetTokens is the length of a snippet in tokens.
const SnippetTokens = 36

// Snippet returns the passage of text (in the language column col) that
// best matches the query words, as segments whose Match marks the words
// that matched (by stem, so "négociations" marks "négociation"). Without
// a match it returns the start of the text. White space is collapsed.
func Snippet(text, col string, words []string, size int) []Segment {
	if size <= 0 {
		size = SnippetTokens
	}
	toks := Tokens(text)
	if len(toks) == 0 {
		return nil
	}
	stems := map[string]int{} // stem → term number
	for _, w := range words {
		s := Stem(w, col)
		if s == "" {
			continue
		}
		if _, ok := stems[s]; !ok {
			stems[s] = len(stems)
		}
	}
	match := make([]int, len(toks)) // term number + 1, or 0
	var hits []int
	if len(stems) > 0 {
		for i, t := range toks {
			// Stem remembers the tokens it has seen, so this is mostly a
			// map lookup.
			if n, ok := stems[Stem(text[t.Start:t.End], col)]; ok {
				match[i] = n + 1
				hits = append(hits, i)
			}
		}
	}
	start := 0
	if len(hits) > 0 {
		best, bestScore := hits[0], -1
		for k, h := range hits {
			seen := map[int]bool{}
			count := 0
			for _, h2 := range hits[k:] {
				if h2 >= h+size {
					break
				}
				seen[match[h2]] = true
				count++
			}
			if score := len(seen)*100 + count; score > bestScore {
				best, bestScore = h, score
			}
		}
		start = best - size/4
		if start < 0 {
			start = 0
		}
	}
	end := start + size
	if end > len(toks) {
		end = len(toks)
		if start = end - size; start < 0 {
			start = 0
		}
	}
	var segs []Segment
	add := func(s string, m bool) {
		if s == "" {
			return
		}
		if !m {
			s = doc.OneLine(s)
		}
		if n := len(segs); n > 0 && segs[n-1].Match == m {
			segs[n-1].Text += s
			return
		}
		segs = append(segs, Segment{Text: s, Match: m})
	}
	if start > 0 {
		add("… ", false)
	}
	pos := toks[start].Start
	for i := start; i < end; i++ {
		if match[i] == 0 {
			continue
		}
		add(text[pos:toks[i].Start], false)
		add(text[toks[i].Start:toks[i].End], true)
		pos = toks[i].End
	}
	add(text[pos:toks[end-1].End], false)
	if end < len(toks) {
		add(" …", false)
	}
	return segs
}
