package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
			case ws[j].isWord() && ws[j].cap && !a.is(&ws[j], bCalendar):
				j++
				continue
			case ws[j].text == "." && j > i && isInitial(&ws[j-1]) && ws[j].span.Start == ws[j-1].span.End:
				j++
				continue
			case ws[j].isWord() && a.is(&ws[j], bParticle) && !ws[j].cap && j+1 < len(ws) && ws[j+1].isWord() && ws[j+1].cap:
				j++
				continue
			case ws[j].isWord() && a.is(&ws[j], bParticle) && j+2 < len(ws) && a.is(&ws[j+1], bParticle) && ws[j+2].isWord() && ws[j+2].cap:
				j += 2
				continue
			}
			break
		}
		// The tagger may read adjacent names in the run ("la maire PS de
		// Paris Anne Hidalgo": a party, a city, a person).
		s := i
		for k := i + 1; k < j; k++ {
			if a.taggerBegins(ws, s, k) {
				out = a.runCands(ws, s, k, out)
				s = k
			}
		}
		out = a.runCands(ws, s, j, out)
		i = j
	}
	if a.r.orgDemonym {
		out = a.frenchNames(ws, out)
	}
	return out
}

func (a *analyser) runStart(ws []word, i int) bool {
	w := &ws[i]
	return w.isWord() && w.cap && !a.is(w, bCalendar)
}

// leadsName reports whether the first word w of a capitalised run is not
// part of the name (see runCands).
func (a *analyser) leadsName(w *word) bool {
	if w.upper {
		return w.initial && w.common
	}
	particle := a.is(w, bParticle) && !a.is(w, bDeterminer)
	switch {
	case particle:
		return w.initial && a.r.set == setFR
	case a.is(w, bDeterminer):
		return w.initial
	}
	return w.initial && w.common
}

// isInitial reports a one-letter capital (the F of Robert F. Collins) or a
// short abbreviation that takes a period inside names (Jr, St).
func isInitial(w *word) bool {
	if !w.isWord() || !w.cap {
		return false
	}
	return utf8.RuneCountInString(w.text) == 1 || w.key == "jr" || w.key == "sr" || w.key == "st"
}

// runCands splits a run into name segments at role nouns, demonyms and
// sentence-initial common words, and types each segment.
func (a *analyser) runCands(ws []word, i, j int, out []cand) []cand {
	// Leading words that are common words at the start of a sentence, or
	// determiners there, are not part of the name; a capitalised
	// determiner inside a sentence is ("selon La Montagne", "à La Haye",
	// "in The Guardian"), and so is a capitalised particle, but for a
	// French sentence's first word ("Du Japon, ..."): "Du Pont said",
	// "avec De Beers".
	for i+1 < j && a.leadsName(&ws[i]) {
		if ws[i].initial && i+1 < j {
			ws[i+1].initial = false
		}
		i++
	}
	segStart := i
	rolePrefix := false
	emit := func(s, e int) {
		// "Chief Executive Officer of General Motors": what follows a role
		// noun and a particle is the role's organisation, not the person.
		afterRole := rolePrefix
		for s < e && (!ws[s].isWord() || a.is(&ws[s], bParticle) && !ws[s].cap) {
			if ws[s].isWord() {
				afterRole = false
			}
			s++
		}
		// Trim particles and periods at the end (keep the period of
		// "Jr.").
		for e > s && (!ws[e-1].isWord() && !(ws[e-1].text == "." && e-2 >= s && isInitial(&ws[e-2]) && ws[e-2].key != ws[e-2].text) || ws[e-1].isWord() && a.is(&ws[e-1], bParticle) && !ws[e-1].cap) {
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
		if !afterRole {
			for k := s + 1; k < e-1; k++ {
				if ws[k].isWord() && ws[k].lx.known() && ws[k-1].isWord() && !ws[k-1].lx.known() &&
					!a.is(&ws[k-1], bParticle) && ws[k-1].lx.flags&fPlacePrefix == 0 && k == s+1 {
					s = k
					break
				}
			}
		}
		c := a.typeRun(ws, s, e, afterRole)
		if c.typ == kb.PER {
			// "Joseph Young of Baltimore", "David Gilmour de Pink Floyd": a
			// full name, then a place or group. ("Charles de Gaulle" has
			// one word before its particle.)
			for k := s + 1; k+1 < e; k++ {
				if ws[k].isWord() && a.is(&ws[k], bParticle) && !ws[k].cap && (ws[k].key == "of" || a.knownPlace(ws, k+1, e) || words(ws, s, k) >= 2) {
					out = append(out, a.typeRun(ws, s, k, afterRole), a.typeRun(ws, k+1, e, false))
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
		if n := a.roleAt(ws, k, len(ws)); n > 0 && !a.headAfter(ws, k+n, j) && !a.nameAcross(k, n) {
			// What precedes a role noun qualifies it ("U.S. District
			// Judge"): it is not a name of its own.
			out = append(out, cand{i: segStart, j: min(k+n, j), src: srcCaps, role: true})
			segStart = k + n
			k += n - 1
			rolePrefix = true
			continue
		}
		if a.is(&ws[k], bTitleM|bTitleF) {
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

// taggerBegins reports whether the tagger begins a name at word k of a
// capitalised run that starts at s, right after another name (or after
// another name and the particles it leaves out, one or two as the run
// joins them: "Mariners de Seattle de la Ligue").
func (a *analyser) taggerBegins(ws []word, s, k int) bool {
	if k >= len(a.labels) || !strings.HasPrefix(a.labels[k], "B-") {
		return false
	}
	p := k - 1
	for n := 0; n < 2 && p > s && ws[p].isWord() && !ws[p].cap && a.is(&ws[p], bParticle) && a.labels[p] == "O"; n++ {
		p--
	}
	return p >= s && a.labels[p] != "O"
}

// nameAcross reports whether the tagger reads the n words of a role noun at
// word k as part of a name that is not a person's and goes on after them
// ("General Motors", "Major League Baseball").
func (a *analyser) nameAcross(k, n int) bool {
	if k+n >= len(a.labels) {
		return false
	}
	p, t, ok := strings.Cut(a.labels[k], "-")
	if !ok || t == kb.PER || p != "B" && p != "I" {
		return false
	}
	next := a.labels[k+n]
	return next == "I-"+t
}

// headAfter reports whether the words [k, j) after a role noun end in an
// organisation, place or event head ("U.S. Justice Department"): the
// role noun is then part of that name.
func (a *analyser) headAfter(ws []word, k, j int) bool {
	for e := k; e < j; e++ {
		if ws[e].isWord() && !ws[e].cap && a.is(&ws[e], bParticle) {
			return false // "Chief Executive Officer of General Motors": the role's organisation
		}
	}
	for e := j - 1; e >= k; e-- {
		if ws[e].isWord() {
			return a.is(&ws[e], bOrgHead|bLocHead|bMiscHead)
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
	if k >= end {
		return 0
	}
	if k+1 < end && ws[k+1].isWord() && len(a.pairDemonym(&ws[k], &ws[k+1])) > 0 {
		return 2
	}
	if len(a.demonym(&ws[k])) > 0 && !a.isKBStart(ws, k) {
		return 1
	}
	return 0
}

// isKBStart reports whether a knowledge-base name of two words or more
// starts at word k ("North Korea" is a name, "North Korean" a demonym).
func (a *analyser) isKBStart(ws []word, k int) bool {
	if k+1 >= len(ws) {
		return false
	}
	n, ok := a.step(kb.Root, &ws[k])
	if ok {
		n, ok = a.step(n, &ws[k+1])
	}
	return ok && len(a.s.kb.Ends(n)) > 0
}

// roleAt returns the number of words (1 or 2) of a role noun at word k,
// or 0.
func (a *analyser) roleAt(ws []word, k, end int) int {
	if k+1 < end && ws[k+1].isWord() && a.pairIs(&ws[k], &ws[k+1], bRolePrefix, bRole) {
		return 2
	}
	if a.is(&ws[k], bRole) {
		return 1
	}
	return 0
}

// typeRun types a capitalised name segment [s, e).
func (a *analyser) typeRun(ws []word, s, e int, afterRole bool) cand {
	c := cand{i: s, j: e, src: srcCaps}
	// The words of the segment: their number, the first, the second and
	// the last.
	n := 0
	var first, second, last *word
	for k := s; k < e; k++ {
		if ws[k].isWord() {
			switch n++; n {
			case 1:
				first = &ws[k]
			case 2:
				second = &ws[k]
			}
			last = &ws[k]
		}
	}
	if n == 0 {
		c.weak = true
		c.typ = kb.MISC
		return c
	}
	single := n == 1
	// head reports whether a word of the segment is in the list bit.
	head := func(bit uint32) bool {
		for k := s; k < e; k++ {
			if ws[k].isWord() && a.is(&ws[k], bit) {
				return true
			}
		}
		return false
	}
	switch {
	case single && ws[s].upper:
		c.typ = kb.ORG
		c.guess = true
	case !single && last.lx.flags&fLegalForm != 0:
		c.typ = kb.ORG // "Victoria Exploration N.L."
	case !single && a.is(last, bLocHead):
		c.typ = kb.LOC
	case !single && (a.is(last, bOrgHead) || a.is(first, bOrgHead)):
		c.typ = kb.ORG
	case !single && (a.is(last, bMiscHead) || a.is(first, bMiscHead)):
		c.typ = kb.MISC
	case n >= 3 && a.is(first, bPlaceOf) && a.is(second, bParticle) && a.knownPlace(ws, a.wordAt(ws, s, 2), e):
		c.typ = kb.LOC
	case afterRole || first.lx.known() || a.titleBefore(ws, s) != "":
		c.typ = kb.PER
	case !single && a.is(first, bDeterminer):
		// "La Voix du Nord", "The Guardian": a name opening with its
		// article is an organisation's or a work's, not a person's
		c.typ = kb.ORG
		c.guess = true
	case !single && a.kbLocPrefix(ws, s, e):
		c.typ = kb.ORG
		c.guess = true
	case !single && head(bOrgHead):
		c.typ = kb.ORG
	case !single && head(bLocHead):
		c.typ = kb.LOC
	case single && a.locContext(ws, s):
		// A place by the preposition before it only: the tagger may know
		// better ("à l'Étoile sportive de Trappes").
		c.typ = kb.LOC
		c.guess = true
	case single:
		c.typ = kb.PER
		c.weak = true
	case n <= 4 && a.allCommon(ws, s, e):
		// "Software Development Kit", "Developer Program": every word a
		// common word, none a first name: a product, programme or event
		c.typ = kb.MISC
		c.guess = true
	case n <= 4:
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

// allCommon reports whether every word of [s, e) is a common word of the
// language written with a capital, and none a first name.
func (a *analyser) allCommon(ws []word, s, e int) bool {
	for k := s; k < e; k++ {
		if w := &ws[k]; w.isWord() && (!a.is(w, bLowercase) || w.lx.known()) {
			return false
		}
	}
	return true
}

// kbLocPrefix reports whether the segment opens with a known place and
// goes on with other capitalised words ("Manchester City", "Buffalo
// Common Council"): a team, company or institution named after the place.
func (a *analyser) kbLocPrefix(ws []word, s, e int) bool {
	n, started := kb.Root, false
	for k := s; k < e-1; k++ {
		if !ws[k].isWord() {
			continue
		}
		if ws[k].key == "" {
			if started {
				// The key gains an empty word: no alias has it.
				return false
			}
			continue
		}
		started = true
		var ok bool
		if n, ok = a.step(n, &ws[k]); !ok {
			return false
		}
		for _, al := range a.s.kb.Ends(n) {
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
	if k >= 0 && a.is(&ws[k], bDeterminer) && !a.is(&ws[k], bLocPrep) {
		k--
	}
	return k >= 0 && a.is(&ws[k], bLocPrep)
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
		case w.cap && a.is(w, bOrgHead):
			j := a.frenchTail(ws, i+1)
			if j-i >= 2 {
				out = append(out, cand{i: i, j: j, typ: kb.ORG, src: srcCaps})
			}
		case !w.cap && w.lx.flags&(fLowerLOC|fLowerORG) != 0:
			k := i + 1
			if k < len(ws) && (ws[k].key == "de" || ws[k].key == "du" || ws[k].key == "des" || ws[k].key == "d") {
				k++
				if k < len(ws) && (ws[k].key == "la" || ws[k].key == "l") {
					k++
				}
				if k < len(ws) && ws[k].isWord() && ws[k].cap && !a.is(&ws[k], bCalendar) && !ws[k].lx.known() {
					e := k + 1
					for e < len(ws) && ws[e].isWord() && ws[e].cap && e-k < 4 && !a.taggerBegins(ws, i, e) {
						e++
					}
					typ := kb.ORG
					if w.lx.flags&fLowerLOC != 0 {
						typ = kb.LOC
					}
					out = append(out, cand{i: i, j: e, typ: typ, src: srcCaps})
				}
			}
		}
	}
	return out
}

// placePrefix are words that open place names before a first name
// ("Saint Louis", "Fort William").
var placePrefix = []string{"saint", "sainte", "st", "ste", "san", "santa", "santo", "sao", "fort", "port", "mount", "mont",
	"lake", "new", "north", "south", "east", "west", "cape", "cap", "villa", "ciudad"}

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
		case w.cap && a.taggerBegins(ws, i-1, k):
			// The tagger begins another name here ("Conseil des
			// ministres Mario Monti").
			return end
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
			if n >= len(ws) || !ws[n].isWord() || a.is(&ws[n], bDeterminer) || len(a.demonym(&ws[n])) > 0 && !ws[n].cap {
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
