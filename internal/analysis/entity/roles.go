package entity

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/kb"
)

// maxRoleWords bounds a role phrase.
const maxRoleWords = 16

// roleNP is a role noun phrase with no name next to it ("le dirigeant
// nord-coréen"), linked to an entity when only one can be meant.
type roleNP struct {
	span      doc.Span
	head      string // key of the role noun
	countries []*kb.Entry
}

// roles attaches roles to the people among ents: premodifiers ("le
// président russe Vladimir Poutine", "White House press secretary
// Karine Jean-Pierre", "le porte-parole du NSC, John Kirby"), appositions
// ("Adrienne Watson, porte-parole du NSC"), then role noun phrases that
// fit exactly one person.
func (a *analyser) roles(ents []*ent) {
	var spans []doc.Span
	for _, e := range ents {
		if e.typ() != kb.PER {
			continue
		}
		for _, m := range e.mentions {
			spans = append(spans, m.span)
			if s, ok := a.premodifier(m); ok {
				a.addRole(e, s, m.words)
			}
			for _, s := range a.appositions(m) {
				a.addRole(e, s, m.words)
			}
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	// Candidates for free role noun phrases: people by the words of their
	// roles, and known people by country.
	byWord := map[string][]*ent{}
	byCountry := map[string][]*ent{}
	for _, e := range ents {
		if e.typ() != kb.PER {
			continue
		}
		seen := map[string]bool{}
		for _, r := range e.roles {
			for _, w := range strings.Fields(kb.Key(r.Text)) {
				if !seen[w] && len(byWord[w]) < maxCandidates {
					seen[w] = true
					byWord[w] = append(byWord[w], e)
				}
			}
		}
		if e.entry != nil && e.entry.Country != "" && len(byCountry[e.entry.Country]) < maxCandidates {
			byCountry[e.entry.Country] = append(byCountry[e.entry.Country], e)
		}
	}
	for _, np := range a.roleNPs {
		// Attached to a name: a premodifier or apposition already.
		k := sort.Search(len(spans), func(i int) bool { return spans[i].Start >= np.span.Start })
		if k < len(spans) && (spans[k].Start-np.span.End <= 3 || spans[k].Overlaps(np.span)) || k > 0 && spans[k-1].Overlaps(np.span) {
			continue
		}
		cands := append([]*ent(nil), byWord[firstWord(np.head)]...)
		for _, c := range np.countries {
			cands = append(cands, byCountry[c.Country]...)
		}
		var match *ent
		n := 0
		seen := map[*ent]bool{}
		for _, e := range cands {
			if seen[e] || !a.fits(e, np) {
				continue
			}
			seen[e] = true
			match = e
			n++
		}
		if n == 1 {
			dup := false
			for _, r := range match.roles {
				if r.Span.Overlaps(np.span) {
					dup = true
				}
			}
			if !dup {
				match.roles = append(match.roles, doc.Role{Text: a.d.Slice(np.span), Span: np.span})
			}
		}
	}
}

// personRole reports whether a role noun of a person stands right before
// mention m or in apposition after it. After a place preposition the
// apposition describes someone else ("en Seine-et-Marne, le maire du
// village", "dans l'Hérault, le maire de la commune").
func (a *analyser) personRole(m *mention) bool {
	if _, ok := a.premodifier(m); ok {
		return true
	}
	return !a.locContext(m.words, m.i) && len(a.appositions(m)) > 0
}

// fits reports whether a free role noun phrase can describe e: one of its
// roles has the same head noun and nationality, or its knowledge-base
// position matches.
func (a *analyser) fits(e *ent, np roleNP) bool {
	for _, r := range e.roles {
		k := " " + kb.Key(r.Text) + " "
		if !strings.Contains(k, " "+np.head+" ") {
			continue
		}
		if len(np.countries) == 0 {
			return true
		}
		for _, c := range np.countries {
			for _, d := range c.Demonyms[a.langKey()] {
				if strings.Contains(k, " "+kb.Key(d)+" ") {
					return true
				}
			}
		}
	}
	if e.entry == nil || len(np.countries) == 0 {
		return false
	}
	en := a.r.roleHeads[np.head]
	if en == "" || !sameCountry(np.countries, e.entry.Country) {
		return false
	}
	for _, pos := range e.entry.Roles["en"] {
		if strings.Contains(" "+kb.Key(pos)+" ", " "+en+" ") {
			return true
		}
	}
	return false
}

func (a *analyser) langKey() string {
	switch a.r {
	case a.s.rules["fr"]:
		return "fr"
	case a.s.rules["en"]:
		return "en"
	}
	return "und"
}

// addRole records the words [s.Start, s.End) of a sentence as a role.
func (a *analyser) addRole(e *ent, s doc.Span, ws []word) {
	if s.Start >= s.End {
		return
	}
	text := a.d.Slice(s)
	for _, r := range e.roles {
		if r.Text == text {
			return
		}
	}
	e.roles = append(e.roles, doc.Role{Text: text, Span: s})
	// Gender from the determiner before the role noun.
	k := sort.Search(len(ws), func(i int) bool { return ws[i].span.Start >= s.Start })
	if k >= len(ws) || ws[k].span.Start != s.Start {
		k = -1
	}
	if k > 0 {
		if det := &ws[k-1]; a.is(det, bFeminine) {
			e.fem++
		} else if a.is(det, bMasculine) && !strings.HasSuffix(ws[k-1].text, "'") && !strings.HasSuffix(ws[k-1].text, "’") {
			e.masc++
		}
	}
	for i := k; i >= 0 && i < len(ws) && ws[i].span.End <= s.End; i++ {
		if a.is(&ws[i], bFemRole) {
			e.fem++
		}
		if a.is(&ws[i], bMascRole) {
			e.masc++
		}
	}
}

// premodifier finds a role right before a mention: role nouns,
// nationality adjectives, modifiers and capitalised words ("U.S. District
// Judge", "président russe", "Manchester City manager"), or a determiner
// and role phrase before a comma ("le porte-parole du Conseil…, John
// Kirby").
func (a *analyser) premodifier(m *mention) (doc.Span, bool) {
	ws := m.words
	k := m.i - 1
	if k >= 0 && (a.is(&ws[k], bTitleM) || a.is(&ws[k], bTitleF) || ws[k].text == ".") {
		return doc.Span{}, false
	}
	if k >= 0 && ws[k].text == "," {
		return a.commaRole(ws, k)
	}
	lo := -1
	seenRole := false
	for i := k; i >= 0 && k-i < maxRoleWords; i-- {
		w := &ws[i]
		switch {
		case !w.isWord():
			if w.text == "." && i > 0 && ws[i-1].span.End == w.span.Start && ws[i-1].cap {
				continue
			}
			i = -1
			continue
		case a.is(w, bDeterminer) || w.common && !a.is(w, bRole) && !a.is(w, bModifier) && len(a.demonym(w)) == 0 && (!w.cap || w.initial):
			i = -1
			continue
		case a.is(w, bRole) || i > 0 && a.pairIs(&ws[i-1], w, bRolePrefix, bRole) || i+1 <= k && a.pairIs(w, &ws[i+1], bRolePrefix, bRole):
			seenRole = true
			lo = i
		case len(a.demonym(w)) > 0 || a.is(w, bModifier):
			lo = i
		case w.cap && seenRole && !w.initial:
			lo = i
		case w.cap && seenRole && w.initial && !w.common:
			lo = i
		default:
			i = -1
			continue
		}
	}
	if !seenRole || lo < 0 {
		return doc.Span{}, false
	}
	// Leading words must not be bare modifiers or capitals before the role
	// noun in French order (only the role noun may open it).
	return doc.Span{Start: ws[lo].span.Start, End: ws[k].span.End}, true
}

// commaRole finds "det ROLE …," before the comma at word k.
func (a *analyser) commaRole(ws []word, k int) (doc.Span, bool) {
	for i := k - 1; i >= 0 && k-i <= maxRoleWords; i-- {
		w := &ws[i]
		if !w.isWord() && (w.text == "," || w.text == "." || w.text == ";" || w.text == ":" || w.text == "«" || w.text == "»" || w.text == "\"") {
			return doc.Span{}, false
		}
		if !w.isWord() {
			continue
		}
		if a.is(w, bRole) || i+1 < k && a.pairIs(w, &ws[i+1], bRolePrefix, bRole) {
			start := i
			for start-1 >= 0 && a.is(&ws[start-1], bModifier) {
				start--
			}
			if start == 0 || a.is(&ws[start-1], bDeterminer) {
				return doc.Span{Start: ws[start].span.Start, End: ws[k-1].span.End}, true
			}
		}
	}
	return doc.Span{}, false
}

// appositions finds roles after a mention: ", ROLE …" segments up to the
// next comma, a relative pronoun or a coordinated role.
func (a *analyser) appositions(m *mention) []doc.Span {
	ws := m.words
	var out []doc.Span
	k := m.j
	for k < len(ws) && ws[k].text == "," {
		s := k + 1
		i := s
		for i < len(ws) && a.is(&ws[i], bDeterminer) && ws[i].isWord() {
			i++
		}
		start := i
		for i < len(ws) && a.is(&ws[i], bModifier) {
			i++
		}
		if i >= len(ws) || !(a.is(&ws[i], bRole) || i+1 < len(ws) && a.pairIs(&ws[i], &ws[i+1], bRolePrefix, bRole)) {
			return out
		}
		e := i + 1
		for e < len(ws) && e-start < maxRoleWords {
			w := &ws[e]
			if !w.isWord() && (w.text == "," || w.text == "." || w.text == ";" || w.text == ":" || w.text == "(" || w.text == ")") {
				break
			}
			if a.is(w, bStop) && w.isWord() {
				break
			}
			if a.is(w, bCoord) && e+1 < len(ws) && (a.is(&ws[e+1], bRole) || a.is(&ws[e+1], bModifier)) {
				out = append(out, doc.Span{Start: ws[start].span.Start, End: ws[e-1].span.End})
				start = e + 1
				e++
				continue
			}
			e++
		}
		out = append(out, doc.Span{Start: ws[start].span.Start, End: ws[e-1].span.End})
		k = e
	}
	return out
}

// collectRoleNPs records "det ROLE [nationality]" and "det NATIONALITY
// ROLE" phrases of a sentence.
func (a *analyser) collectRoleNPs(ws []word) {
	for i := 1; i < len(ws); i++ {
		if !ws[i].isWord() {
			continue
		}
		n := 0
		if i+1 < len(ws) && a.pairIs(&ws[i], &ws[i+1], bRolePrefix, bRole) {
			n = 2
		} else if a.is(&ws[i], bRole) {
			n = 1
		}
		if n == 0 {
			continue
		}
		head := ws[i].key
		if n == 2 {
			head += " " + ws[i+1].key
		}
		start, e := i, i+n
		var countries []*kb.Entry
		switch {
		case a.is(&ws[i-1], bDeterminer):
			if e < len(ws) && ws[e].isWord() {
				if cs := a.demonym(&ws[e]); len(cs) > 0 {
					countries = cs
					e++
				}
			}
		case i >= 2 && a.is(&ws[i-2], bDeterminer) && len(a.demonym(&ws[i-1])) > 0:
			countries = a.demonym(&ws[i-1])
			start = i - 1
		default:
			continue
		}
		a.roleNPs = append(a.roleNPs, roleNP{span: doc.Span{Start: ws[start].span.Start, End: ws[e-1].span.End}, head: head, countries: countries})
	}
}

// gender tells a person's gender from a courtesy title, roles and their
// determiners, and the first name.
func (a *analyser) gender(e *ent, typ string) string {
	if typ != kb.PER {
		return ""
	}
	for _, m := range e.mentions {
		if m.title == "m" || m.title == "f" {
			return m.title
		}
	}
	if e.fem > e.masc {
		return "f"
	}
	if e.masc > e.fem {
		return "m"
	}
	for _, m := range e.mentions {
		if m.nwords >= 2 {
			if g := a.s.voc.gender(firstWord(m.key)); g != "" {
				return g
			}
		}
	}
	return ""
}
