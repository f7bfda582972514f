package ner

// Spans a word sits in: runs of capitalised words (likely multiword names)
// and short quoted spans (titles of works, newspapers, operations).

// maxRun bounds how far runFeatures looks for the ends of a run.
const maxRun = 8

// runFeatures appends the features of a word inside a run of capitalised
// words (a likely multiword name; a connector such as "de" or "of" between
// two capitalised words continues the run: Rio de Janeiro, Bank of
// England): the last word of the run and its suffix ("Dana Air", "Banque
// Postale"), the words just before and after the run,
// and the run length with the word's place in it. Only for normally cased
// sentences, where capitals carry information.
func runFeatures(info []wordInfo, i int, out []uint64) []uint64 {
	if !info[i].cased {
		return out
	}
	start, end := i, i+1
	for start > 0 && i-start < maxRun {
		if info[start-1].cased {
			start--
		} else if start > 1 && connectorKeys[info[start-1].key] && info[start-2].cased {
			start -= 2
		} else {
			break
		}
	}
	for end < len(info) && end-i < maxRun {
		if info[end].cased {
			end++
		} else if end+1 < len(info) && connectorKeys[info[end].key] && info[end+1].cased {
			end += 2
		} else {
			break
		}
	}
	n := end - start
	if n < 2 {
		return out
	}
	last := &info[end-1]
	before, after := neighbour(info, start, -1), neighbour(info, end-1, 1)
	place := uint64(1) // inside
	switch i {
	case start:
		place = 0
	case end - 1:
		place = 2
	}
	out = append(out,
		mix(fRunPos, uint64(min(n, 4))<<4|place),
		mix(fRunBefore, mix(place, before.lower)),
		mix(fRunAfter, mix(place, after.lower)),
	)
	for j := start; j < end; j++ {
		if orgWordKeys[info[j].key] {
			out = append(out, mix(fRunOrg, place))
			break
		}
	}
	if i != end-1 {
		out = append(out, mix(fRunLast, last.lower))
		if last.suf[2] != 0 {
			out = append(out, mix(fRunLastSuf, last.suf[2]))
		}
	}
	return out
}

// maxQuote bounds the words of a quoted span that markQuotes marks: longer
// spans are speech, not titles.
const maxQuote = 12

// Places of a word in a short quoted span.
const (
	quoteFirst = iota + 1
	quoteInside
	quoteLast
	quoteOnly
)

// markQuotes sets the quote place of the words inside short quoted spans
// (titles of works, names of operations, nicknames: « Le Monde »,
// " Dunkerque "). A straight quote opens a span when none is open and
// closes the open one otherwise.
func markQuotes(words []string, info []wordInfo) {
	open := -1
	for i, w := range words {
		switch w {
		case "\"", "«", "“", "„", "”", "»":
			closes := w == "»" || w == "”" || (w == "\"" && open >= 0)
			if w == "“" && open >= 0 {
				closes = true
			}
			if !closes {
				open = i
				continue
			}
			if open >= 0 && i-open-1 >= 1 && i-open-1 <= maxQuote {
				a, b := open+1, i-1
				if a == b {
					info[a].quote = quoteOnly
				} else {
					info[a].quote = quoteFirst
					info[b].quote = quoteLast
					for k := a + 1; k < b; k++ {
						info[k].quote = quoteInside
					}
				}
			}
			open = -1
		}
	}
}
