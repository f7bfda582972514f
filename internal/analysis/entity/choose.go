package entity

// Choosing among overlapping candidates: knowledge-base matches,
// capitalised runs and the tagger's spans.

import (
	"cmp"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/internal/kb"
)

// choose resolves overlapping candidates. Words that are never names by
// themselves go first; then a tagger name that covers only guesses of the
// cues (or, for an organisation, a place it is named after) is taken
// (overGuesses). Knowledge-base matches and capitalisation cues compete
// next, longer spans first, then knowledge-base matches: a longer
// capitalised name that extends a known organisation keeps its link ("Fox
// News Digital", "U.S. Justice Department"), "City of Buffalo" links to
// the city, and "Manchester City" is a name of its own.
// The tagger then types the capitalised names that were guesses and adds
// its spans where nothing else was found; its ORG over a known city names
// a team or company, not the city.
func (a *analyser) choose(ws []word, cands, tagged []cand) []cand {
	if len(cands) == 0 && len(tagged) == 0 {
		return nil
	}
	// A word that is never a name by itself is none, whoever found it ("le
	// PIB", "la TVA", "l'État"; French "RSA" is a benefit, not South
	// Africa).
	notName := func(c cand) bool { return c.j-c.i == 1 && a.is(&ws[c.i], bNotName) }
	cands = slices.DeleteFunc(cands, notName)
	tagged = slices.DeleteFunc(tagged, notName)
	slices.SortStableFunc(cands, func(x, y cand) int {
		if lx, ly := x.j-x.i, y.j-y.i; lx != ly {
			return cmp.Compare(ly, lx)
		}
		if x.src != y.src {
			return cmp.Compare(y.src, x.src)
		}
		return cmp.Compare(x.i, y.i)
	})
	// tagAt returns the (last) tagger span [i, j).
	tagAt := func(i, j int) (cand, bool) {
		for x := len(tagged) - 1; x >= 0; x-- {
			if tagged[x].i == i && tagged[x].j == j {
				return tagged[x], true
			}
		}
		return cand{}, false
	}
	taken := slices.Grow(a.taken[:0], len(ws))[:len(ws)]
	clear(taken)
	a.taken = taken
	free := func(c cand) bool {
		for k := c.i; k < c.j; k++ {
			if taken[k] {
				return false
			}
		}
		return true
	}
	out := a.chosen[:0]
	defer func() { a.chosen = out[:0] }()
	// A tagger name of two words or more that covers only capitalised
	// guesses or runs of its type, or for an organisation also places it
	// is named after: "Canucks de Vancouver", "Ligue majeure de
	// baseball", where the cues saw "Canucks" and the city "Vancouver",
	// or "Ligue" alone.
	for _, t := range tagged {
		if t.piece || words(ws, t.i, t.j) < 2 || !free(t) || !a.overGuesses(t, cands) {
			continue
		}
		for k := t.i; k < t.j; k++ {
			taken[k] = true
		}
		out = append(out, t)
	}
	for _, c := range cands {
		if !free(c) {
			continue
		}
		for k := c.i; k < c.j; k++ {
			taken[k] = true
		}
		if c.role || c.src == srcCaps && c.j-c.i == 1 && nounComplement(ws, c.i) {
			continue
		}
		if c.src == srcCaps {
			a.inherit(ws, &c, cands)
		}
		out = append(out, c)
	}
	// The tagger's types, where its span is the same.
	if a.labels != nil {
		for x := range out {
			c := &out[x]
			t := ""
			if tc, ok := tagAt(c.i, c.j); ok && !tc.piece && !(tc.typ == kb.MISC && c.j-c.i == 1) {
				t = tc.typ
			}
			if t == "" {
				continue
			}
			switch {
			case c.src == srcCaps && (c.guess || c.weak):
				c.typ, c.weak, c.guess = t, false, false
			case c.src == srcKB && c.j-c.i == 1 && c.entry.Type == kb.LOC && c.entry.Kind != "country" && c.entry.Kind != "capital" &&
				(t == kb.ORG || t == kb.PER && c.entry.Population < 200000):
				// A town that is also a surname ("Lara") or a club named
				// after its city ("Southampton").
				c.entry, c.typ, c.alias = nil, t, ""
			}
		}
	}
	for _, c := range tagged {
		if !free(c) || c.typ == kb.MISC && c.j-c.i == 1 {
			continue
		}
		if c.j-c.i == 1 && ws[c.i].common && !ws[c.i].upper {
			// A word the language writes in lowercase, capitalised by
			// convention ("visite d’État"): not a name on the tagger's
			// word alone.
			continue
		}
		for k := c.i; k < c.j; k++ {
			taken[k] = true
		}
		out = append(out, c)
	}
	// French: a nationality adjective after an organisation belongs to it.
	if a.r.orgDemonym {
		for x := range out {
			c := &out[x]
			if c.typ != kb.ORG || c.j >= len(ws) || !ws[c.j].isWord() || ws[c.j].cap || taken[c.j] {
				continue
			}
			countries := a.demonym(&ws[c.j])
			if len(countries) == 0 {
				continue
			}
			if c.entry != nil && c.entry.Country != "" && !sameCountry(countries, c.entry.Country) {
				c.entry, c.alias = nil, ""
			}
			taken[c.j] = true
			c.j++
		}
	}
	// The chosen spans do not overlap: their starts differ.
	slices.SortFunc(out, func(x, y cand) int { return cmp.Compare(x.i, y.i) })
	return out
}

// overGuesses reports whether candidates overlap tagger span t and all
// lie inside it and are capitalised runs typed by default (or kept only
// if coreference links them) or of t's type and begin it ("Première
// Guerre" in "Première Guerre mondiale"; not "Dati" in the tagger's "Mme
// Dati", whose title the cues leave out), or, when t is an organisation,
// places of the knowledge base other than countries.
func (a *analyser) overGuesses(t cand, cands []cand) bool {
	some := false
	for _, c := range cands {
		if c.j <= t.i || c.i >= t.j {
			continue
		}
		some = true
		inside := c.i >= t.i && c.j <= t.j
		guess := c.src == srcCaps && (c.guess || c.weak || c.typ == t.typ && c.i == t.i) && !c.role
		place := c.src == srcKB && t.typ == kb.ORG && c.entry != nil && c.entry.Type == kb.LOC && c.entry.Kind != "country"
		if !inside || !guess && !place {
			return false
		}
	}
	return some
}

// nounComplement reports a lone capitalised word that the language writes
// in lowercase, right after "d’" or "de" ("visite d’État", "coup d'État",
// "secrétaire d'État"): the complement of a noun, capitalised by
// convention, not a name.
func nounComplement(ws []word, i int) bool {
	w := &ws[i]
	if !w.common || w.upper || w.initial || i == 0 {
		return false
	}
	switch strings.ReplaceAll(ws[i-1].key, "’", "'") {
	case "d", "d'", "de":
		return true
	}
	return false
}

// inherit gives a capitalised name the knowledge-base link of a known name
// inside it: an organisation or event it starts with ("Fox News
// Digital"), an organisation after a country ("U.S. Justice Department"),
// or the place of "City of Buffalo". The knowledge-base matches of cands
// that start or end at the first word of c are tried first, then those
// that start or end at its last word.
func (a *analyser) inherit(ws []word, c *cand, cands []cand) {
	for _, at := range [2]int{c.i, c.j - 1} {
		for x := range cands {
			if k := &cands[x]; k.src == srcKB && k.entry != nil && (k.i == at || k.j-1 == at) && a.inherits(ws, c, k) {
				return
			}
		}
	}
}

// inherits gives c the link of k if k is a known name inside it that c
// takes its link from.
func (a *analyser) inherits(ws []word, c, k *cand) bool {
	if k.i < c.i || k.j > c.j || k.j-k.i == c.j-c.i {
		return false
	}
	e := k.entry
	switch {
	case k.i == c.i && (e.Type == kb.ORG || e.Type == kb.MISC):
	case k.j == c.j && e.Type == kb.ORG && a.countryPrefix(ws, c.i, k.i):
	case k.j == c.j && e.Type == kb.LOC && k.i-c.i == 2 && a.is(&ws[c.i], bPlaceOf) && a.is(&ws[c.i+1], bParticle):
	default:
		return false
	}
	c.entry, c.typ, c.guess = e, e.Type, false
	return true
}

// countryPrefix reports whether words [i, j) name a country or are its
// adjective ("U.S.", "French").
func (a *analyser) countryPrefix(ws []word, i, j int) bool {
	key := spanKey(ws, i, j)
	if key == "" {
		return false
	}
	if len(a.s.voc.demonyms(a.s.voc.at(key))) > 0 {
		return true
	}
	for _, al := range a.s.kb.Lookup(key) {
		if al.Entry.Kind == "country" {
			return true
		}
	}
	return false
}

func sameCountry(es []*kb.Entry, iso string) bool {
	for _, e := range es {
		if e.Country == iso {
			return true
		}
	}
	return false
}
