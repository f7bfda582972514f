package entity

import (
	"sort"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/kb"
)

// maxRun bounds the words of one capitalised name.
const maxRun = 8

// capsRuns adds candidates from runs of capitalised words ("Rebekah
// Koffler", "Buffalo Common Council", "U.S. District Judge Robert F.
// Collins" split at its role noun) and, in French, from organisation names
// written with one capital ("Commission nationale de recensement des
// votes") and lowercase heads before a name ("stade de France").
func (a *analyser) capsRuns(ws []word, out []cand) []cand {
	for i := 0; i < len(ws); {
		if !a.runStart(ws, i) {
			i++
			continue
		}
		j := i + 1
		for j < len(ws) {
			switch {
			case ws[j].isWord() && ws[j].cap && !a.r.calendar[ws[j].key]:
				j++
				continue
			case ws[j].text == "." && j > i && isInitial(ws[j-1]) && ws[j].span.Start == ws[j-1].span.End:
				j++
				continue
			case ws[j].isWord() && a.r.particles[ws[j].key] && !ws[j].cap && j+1 < len(ws) && ws[j+1].isWord() && ws[j+1].cap:
				j++
				continue
			case ws[j].isWord() && a.r.particles[ws[j].key] && j+2 < len(ws) && a.r.particles[ws[j+1].key] && ws[j+2].isWord() && ws[j+2].cap:
				j += 2
				continue
			}
			break
		}
		out = a.runCands(ws, i, j, out)
		i = j
	}
	if a.r.orgDemonym {
		out = a.frenchNames(ws, out)
	}
	return out
}

func (a *analyser) runStart(ws []word, i int) bool {
	w := &ws[i]
	return w.isWord() && w.cap && !a.r.calendar[w.key]
}

// isInitial reports a one-letter capital (the F of Robert F. Collins) or a
// short abbreviation that takes a period inside names (Jr, St).
func isInitial(w word) bool {
	if !w.isWord() || !w.cap {
		return false
	}
	n := 0
	for range w.text {
		n++
	}
	return n == 1 || w.key == "jr" || w.key == "sr" || w.key == "st"
}

// runCands splits a run into name segments at role nouns, demonyms and
// sentence-initial common words, and types each segment.
func (a *analyser) runCands(ws []word, i, j int, out []cand) []cand {
	// Leading words that are common words at the start of a sentence, or
	// determiners, are not part of the name.
	for i+1 < j && (ws[i].initial && ws[i].common || a.r.determiners[ws[i].key] && !ws[i].upper || a.r.particles[ws[i].key] && !ws[i].upper) {
		if ws[i].initial && i+1 < j {
			ws[i+1].initial = false
		}
		i++
	}
	segStart := i
	rolePrefix := false
	emit := func(s, e int) {
		for s < e && (!ws[s].isWord() || a.r.particles[ws[s].key] && !ws[s].cap) {
			s++
		}
		// Trim particles and periods at the end (keep the period of
		// "Jr.").
		for e > s && (!ws[e-1].isWord() && !(ws[e-1].text == "." && e-2 >= s && isInitial(ws[e-2]) && ws[e-2].key != ws[e-2].text) || ws[e-1].isWord() && a.r.particles[ws[e-1].key] && !ws[e-1].cap) {
			e--
		}
		for e > s && !ws[e-1].isWord() && ws[e-1].text != "." {
			e--
		}
		if e <= s {
			return
		}
		if e-s > maxRun {
			e = s + maxRun
		}
		// "(ministre de l')Intérieur Christophe Castaner": a capitalised
		// word glued before a first name is not part of the name.
		if !rolePrefix {
			for k := s + 1; k < e-1; k++ {
				if ws[k].isWord() && a.s.names.known(ws[k].key) && ws[k-1].isWord() && !a.s.names.known(ws[k-1].key) &&
					!a.r.particles[ws[k-1].key] && !placePrefix[ws[k-1].key] && k == s+1 {
					s = k
					break
				}
			}
		}
		c := a.typeRun(ws, s, e, rolePrefix)
		if c.typ == kb.PER {
			// "Joseph Young of Baltimore", "David Gilmour de Pink Floyd": a
			// full name, then a place or group. ("Charles de Gaulle" has
			// one word before its particle.)
			for k := s + 1; k+1 < e; k++ {
				if ws[k].isWord() && a.r.particles[ws[k].key] && !ws[k].cap && (ws[k].key == "of" || a.knownPlace(ws, k+1, e) || words(ws, s, k) >= 2) {
					out = append(out, a.typeRun(ws, s, k, rolePrefix), a.typeRun(ws, k+1, e, false))
					return
				}
			}
		}
		out = append(out, c)
	}
	for k := i; k < j; k++ {
		if !ws[k].isWord() {
			continue
		}
		if n := a.roleAt(ws, k, len(ws)); n > 0 && !a.headAfter(ws, k+n, j) {
			// What precedes a role noun qualifies it ("U.S. District
			// Judge"): it is not a name of its own.
			out = append(out, cand{i: segStart, j: min(k+n, j), src: srcCaps, role: true})
			segStart = k + n
			k += n - 1
			rolePrefix = true
			continue
		}
		if a.r.titlesM[ws[k].key] || a.r.titlesF[ws[k].key] {
			// "Mme Dupont", "Mr. Smith": the title is not part of the name.
			if k > segStart && !rolePrefix {
				emit(segStart, k)
			}
			segStart = k + 1
			if k+1 < j && ws[k+1].text == "." {
				segStart++
			}
			rolePrefix = true
			continue
		}
		if n := a.demonymAt(ws, k, j); n > 0 {
			if k > segStart && !rolePrefix {
				emit(segStart, k)
			}
			segStart = k + n
			k += n - 1
		}
	}
	if segStart < j {
		emit(segStart, j)
	}
	return out
}

// headAfter reports whether the words [k, j) after a role noun end in an
// organisation, place or event head ("U.S. Justice Department"): the
// role noun is then part of that name.
func (a *analyser) headAfter(ws []word, k, j int) bool {
	for e := j - 1; e >= k; e-- {
		if ws[e].isWord() {
			key := ws[e].key
			return a.r.orgHeads[key] || a.r.locHeads[key] || a.r.miscHeads[key]
		}
	}
	return false
}

// wordAt returns the index of the n-th word token from s.
func (a *analyser) wordAt(ws []word, s, n int) int {
	for k := s; k < len(ws); k++ {
		if ws[k].isWord() {
			if n == 0 {
				return k
			}
			n--
		}
	}
	return len(ws)
}

// knownPlace reports whether words [i, j) are a place of the knowledge
// base.
func (a *analyser) knownPlace(ws []word, i, j int) bool {
	for _, al := range a.s.kb.Lookup(spanKey(ws, i, j)) {
		if al.Entry.Type == kb.LOC && !al.Acronym() {
			return true
		}
	}
	return false
}

// demonymAt returns the number of words (1 or 2) of a demonym at word k
// ("Russian", "North Korean"), or 0 when none is, or when the words start
// a known name ("North Korea").
func (a *analyser) demonymAt(ws []word, k, end int) int {
	if k+1 < end && ws[k+1].isWord() && len(a.s.kb.Demonym(ws[k].key+" "+ws[k+1].key)) > 0 {
		return 2
	}
	if len(a.s.kb.Demonym(ws[k].key)) > 0 && !a.isKBStart(ws, k) {
		return 1
	}
	return 0
}

// isKBStart reports whether a knowledge-base name of two words or more
// starts at word k ("North Korea" is a name, "North Korean" a demonym).
func (a *analyser) isKBStart(ws []word, k int) bool {
	return k+1 < len(ws) && len(a.s.kb.Lookup(ws[k].key+" "+ws[k+1].key)) > 0
}

// roleAt returns the number of words (1 or 2) of a role noun at word k,
// or 0.
func (a *analyser) roleAt(ws []word, k, end int) int {
	if k+1 < end && ws[k+1].isWord() && a.r.roles[ws[k].key+" "+ws[k+1].key] {
		return 2
	}
	if a.r.roles[ws[k].key] {
		return 1
	}
	return 0
}

// typeRun types a capitalised name segment [s, e).
func (a *analyser) typeRun(ws []word, s, e int, afterRole bool) cand {
	c := cand{i: s, j: e, src: srcCaps}
	var keys []string
	for k := s; k < e; k++ {
		if ws[k].isWord() {
			keys = append(keys, ws[k].key)
		}
	}
	if len(keys) == 0 {
		c.weak = true
		c.typ = kb.MISC
		return c
	}
	last, first := keys[len(keys)-1], keys[0]
	single := len(keys) == 1
	head := func(set map[string]bool) bool {
		if set[last] || set[first] {
			return true
		}
		for _, k := range keys {
			if set[k] {
				return true
			}
		}
		return false
	}
	switch {
	case single && ws[s].upper:
		c.typ = kb.ORG
		c.guess = true
	case !single && a.r.locHeads[last]:
		c.typ = kb.LOC
	case !single && (a.r.orgHeads[last] || a.r.orgHeads[first]):
		c.typ = kb.ORG
	case !single && (a.r.miscHeads[last] || a.r.miscHeads[first]):
		c.typ = kb.MISC
	case len(keys) >= 3 && a.r.placeOf[first] && a.r.particles[keys[1]] && a.knownPlace(ws, a.wordAt(ws, s, 2), e):
		c.typ = kb.LOC
	case afterRole || a.s.names.known(first) || a.titleBefore(ws, s) != "":
		c.typ = kb.PER
	case !single && a.kbLocPrefix(ws, s, e):
		c.typ = kb.ORG
		c.guess = true
	case !single && head(a.r.orgHeads):
		c.typ = kb.ORG
	case !single && head(a.r.locHeads):
		c.typ = kb.LOC
	case single && a.locContext(ws, s):
		c.typ = kb.LOC
	case single:
		c.typ = kb.PER
		c.weak = true
	case len(keys) <= 4:
		c.typ = kb.PER
		c.guess = true
	default:
		c.typ = kb.MISC
		c.guess = true
	}
	if single && ws[s].initial && ws[s].common {
		c.weak = true
	}
	return c
}

// kbLocPrefix reports whether the segment opens with a known place and
// goes on with other capitalised words ("Manchester City", "Buffalo
// Common Council"): a team, company or institution named after the place.
func (a *analyser) kbLocPrefix(ws []word, s, e int) bool {
	key := ""
	for k := s; k < e-1; k++ {
		if !ws[k].isWord() {
			continue
		}
		if key == "" {
			key = ws[k].key
		} else {
			key += " " + ws[k].key
		}
		for _, al := range a.s.kb.Lookup(key) {
			if al.Entry.Type == kb.LOC {
				return true
			}
		}
	}
	return false
}

// locContext reports a place preposition before word s, possibly with a
// determiner between ("à Anglet", "dans le Gard", "dans l’Aude").
func (a *analyser) locContext(ws []word, s int) bool {
	k := s - 1
	if k >= 0 && a.r.determiners[ws[k].key] && !a.r.locPreps[ws[k].key] {
		k--
	}
	return k >= 0 && a.r.locPreps[ws[k].key]
}

// frenchNames adds French names with one capital: an organisation head
// followed by adjectives and de-phrases ("Commission nationale de
// recensement des votes", "Banque centrale européenne"), and a lowercase
// place or organisation head before "de" and a capitalised name ("stade de
// France", "vallée du Rhône", "équipe de France").
func (a *analyser) frenchNames(ws []word, out []cand) []cand {
	for i := 0; i < len(ws); i++ {
		w := &ws[i]
		if !w.isWord() {
			continue
		}
		switch {
		case w.cap && a.r.orgHeads[w.key] && !(w.initial && w.common && !a.r.orgHeads[w.key]):
			j := a.frenchTail(ws, i+1)
			if j-i >= 2 {
				out = append(out, cand{i: i, j: j, typ: kb.ORG, src: srcCaps})
			}
		case !w.cap && lowerHeads[w.key] != "":
			k := i + 1
			if k < len(ws) && (ws[k].key == "de" || ws[k].key == "du" || ws[k].key == "des" || ws[k].key == "d") {
				k++
				if k < len(ws) && (ws[k].key == "la" || ws[k].key == "l") {
					k++
				}
				if k < len(ws) && ws[k].isWord() && ws[k].cap && !a.r.calendar[ws[k].key] && !a.s.names.known(ws[k].key) {
					e := k + 1
					for e < len(ws) && ws[e].isWord() && ws[e].cap && e-k < 4 {
						e++
					}
					out = append(out, cand{i: i, j: e, typ: lowerHeads[w.key], src: srcCaps})
				}
			}
		}
	}
	return out
}

// placePrefix are words that open place names before a first name
// ("Saint Louis", "Fort William").
var placePrefix = map[string]bool{"saint": true, "sainte": true, "st": true, "ste": true, "san": true, "santa": true,
	"santo": true, "sao": true, "fort": true, "port": true, "mount": true, "mont": true, "lake": true, "new": true,
	"north": true, "south": true, "east": true, "west": true, "cape": true, "cap": true, "villa": true, "ciudad": true}

// lowerHeads are the French nouns written in lowercase at the head of a
// proper name before "de" and a capitalised name ("stade de France",
// "vallée du Rhône", "équipe de France", "ministère de l'Intérieur"), with
// the type of the name.
var lowerHeads = map[string]string{
	"stade": kb.LOC, "vallee": kb.LOC, "mer": kb.LOC, "ile": kb.LOC, "iles": kb.LOC, "mont": kb.LOC, "golfe": kb.LOC,
	"lac": kb.LOC, "massif": kb.LOC, "detroit": kb.LOC, "canal": kb.LOC, "baie": kb.LOC, "col": kb.LOC, "cap": kb.LOC,
	"pont": kb.LOC, "parc": kb.LOC, "rue": kb.LOC, "avenue": kb.LOC, "boulevard": kb.LOC, "aeroport": kb.LOC, "gare": kb.LOC,
	"equipe": kb.ORG, "ministere": kb.ORG, "parquet": kb.ORG, "tribunal": kb.ORG, "mairie": kb.ORG, "prefecture": kb.ORG,
	"universite": kb.ORG, "hopital": kb.ORG, "cour": kb.ORG, "conseil": kb.ORG, "banque": kb.ORG, "musee": kb.ORG,
}

// frenchTail extends a French name over adjectives and de-phrases from
// word i and returns its end.
func (a *analyser) frenchTail(ws []word, i int) int {
	end := i
	k := i
	words := 0
	for k < len(ws) && words < 8 {
		w := &ws[k]
		if !w.isWord() {
			break
		}
		switch {
		case w.cap:
			k++
			end = k
		case frenchAdjective(w.key):
			k++
			end = k
		case w.key == "de" || w.key == "du" || w.key == "des" || w.key == "d":
			n := k + 1
			if n < len(ws) && (ws[n].key == "la" || ws[n].key == "l") {
				n++
			}
			if n >= len(ws) || !ws[n].isWord() || a.r.determiners[ws[n].key] || len(a.s.kb.Demonym(ws[n].key)) > 0 && !ws[n].cap {
				return end
			}
			k = n + 1
			end = k
		default:
			return end
		}
		words++
	}
	return end
}

// frenchAdjective recognises common adjective endings (nationale,
// centrale, européenne, économiques, spéciale).
func frenchAdjective(key string) bool {
	for _, suf := range []string{"al", "ale", "ales", "aux", "ien", "ienne", "iens", "iennes", "enne", "ennes", "ique", "iques",
		"aire", "aires", "el", "elle", "els", "elles", "if", "ive", "ifs", "ives", "eur", "eure", "iste", "istes", "ain", "aine", "ains"} {
		if strings.HasSuffix(key, suf) && len(key) > len(suf)+2 {
			return true
		}
	}
	return false
}

// choose resolves overlapping candidates. Knowledge-base matches and
// capitalisation cues compete first, longer spans first, then knowledge-base
// matches: a longer capitalised name that extends a known organisation
// keeps its link ("Fox News Digital", "U.S. Justice Department"), "City of
// Buffalo" links to the city, and "Manchester City" is a name of its own.
// The tagger then types the capitalised names that were guesses and adds
// its spans where nothing else was found; its ORG over a known city names
// a team or company, not the city.
func (a *analyser) choose(ws []word, cands, tagged []cand, labels []string) []cand {
	if len(cands) == 0 && len(tagged) == 0 {
		return nil
	}
	sort.SliceStable(cands, func(x, y int) bool {
		lx, ly := cands[x].j-cands[x].i, cands[y].j-cands[y].i
		if lx != ly {
			return lx > ly
		}
		if cands[x].src != cands[y].src {
			return cands[x].src > cands[y].src
		}
		return cands[x].i < cands[y].i
	})
	// Knowledge-base matches by first and last word, tagger spans by span.
	kbAt := map[int][]cand{}
	for _, c := range cands {
		if c.src == srcKB && c.entry != nil {
			kbAt[c.i] = append(kbAt[c.i], c)
			if c.j-1 != c.i {
				kbAt[c.j-1] = append(kbAt[c.j-1], c)
			}
		}
	}
	tagAt := map[[2]int]cand{}
	for _, c := range tagged {
		tagAt[[2]int{c.i, c.j}] = c
	}
	taken := make([]bool, len(ws))
	free := func(c cand) bool {
		for k := c.i; k < c.j; k++ {
			if taken[k] {
				return false
			}
		}
		return true
	}
	var out []cand
	for _, c := range cands {
		if !free(c) {
			continue
		}
		for k := c.i; k < c.j; k++ {
			taken[k] = true
		}
		if c.role {
			continue
		}
		if c.src == srcCaps {
			a.inherit(ws, &c, append(kbAt[c.i], kbAt[c.j-1]...))
		}
		out = append(out, c)
	}
	// The tagger's types, where its span is the same.
	if labels != nil {
		for x := range out {
			c := &out[x]
			t := ""
			if tc, ok := tagAt[[2]int{c.i, c.j}]; ok && !tc.piece && !(tc.typ == kb.MISC && c.j-c.i == 1) {
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
			countries := a.s.kb.Demonym(ws[c.j].key)
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
	sort.Slice(out, func(x, y int) bool { return out[x].i < out[y].i })
	return out
}

// inherit gives a capitalised name the knowledge-base link of a known name
// inside it: an organisation or event it starts with ("Fox News
// Digital"), an organisation after a country ("U.S. Justice Department"),
// or the place of "City of Buffalo".
func (a *analyser) inherit(ws []word, c *cand, cands []cand) {
	for _, k := range cands {
		if k.src != srcKB || k.entry == nil || k.i < c.i || k.j > c.j || k.j-k.i == c.j-c.i {
			continue
		}
		e := k.entry
		switch {
		case k.i == c.i && (e.Type == kb.ORG || e.Type == kb.MISC):
			c.entry, c.typ, c.guess = e, e.Type, false
			return
		case k.j == c.j && e.Type == kb.ORG && a.countryPrefix(ws, c.i, k.i):
			c.entry, c.typ, c.guess = e, e.Type, false
			return
		case k.j == c.j && e.Type == kb.LOC && k.i-c.i == 2 && a.r.placeOf[ws[c.i].key] && a.r.particles[ws[c.i+1].key]:
			c.entry, c.typ, c.guess = e, e.Type, false
			return
		}
	}
}

// countryPrefix reports whether words [i, j) name a country or are its
// adjective ("U.S.", "French").
func (a *analyser) countryPrefix(ws []word, i, j int) bool {
	key := spanKey(ws, i, j)
	if key == "" {
		return false
	}
	if len(a.s.kb.Demonym(key)) > 0 {
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

// capitalised reports whether s starts with an uppercase letter.
func capitalised(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// words counts the word tokens of [i, j).
func words(ws []word, i, j int) int {
	n := 0
	for k := i; k < j; k++ {
		if ws[k].isWord() {
			n++
		}
	}
	return n
}
