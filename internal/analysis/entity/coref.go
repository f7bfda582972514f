package entity

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/kb"
)

// maxCandidates bounds the entities indexed under one word, so that
// coreference stays linear on adversarial text.
const maxCandidates = 16

// ent is an entity being built.
type ent struct {
	entry    *kb.Entry
	mentions []*mention
	votes    [len(types)]int // by type, in the order of types
	keys     stringSet
	roles    []doc.Role
	// fem and masc count the evidence for each gender.
	fem, masc int
}

// types are the entity types, in the order in which ties are broken.
var types = [...]string{kb.PER, kb.ORG, kb.LOC, kb.MISC}

// vote adds n votes for the type t.
func (e *ent) vote(t string, n int) {
	for i, x := range types {
		if x == t {
			e.votes[i] += n
		}
	}
}

func (e *ent) typ() string {
	if e.entry != nil {
		return e.entry.Type
	}
	best, n := "", -1
	for i, t := range types {
		if e.votes[i] > n {
			best, n = t, e.votes[i]
		}
	}
	return best
}

// stringSet is a set of strings, a list while it is short.
type stringSet struct {
	list []string
	m    map[string]bool
}

// reset empties the set, keeping its memory.
func (set *stringSet) reset() {
	clear(set.list)
	set.list = set.list[:0]
	if set.m != nil {
		clear(set.m)
		set.m = nil
	}
}

// add adds s and reports whether it was new.
func (set *stringSet) add(s string) bool {
	if set.m != nil {
		if set.m[s] {
			return false
		}
		set.m[s] = true
		return true
	}
	for _, x := range set.list {
		if x == s {
			return false
		}
	}
	set.list = append(set.list, s)
	if len(set.list) > 16 {
		set.m = make(map[string]bool, 2*len(set.list))
		for _, x := range set.list {
			set.m[x] = true
		}
		set.list = nil
	}
	return true
}

// resolver groups mentions into entities. Its indexes map words of the
// entities' names to the entities.
type resolver struct {
	a        *analyser
	ents     []*ent
	byEntry  map[string]*ent
	byKey    map[string]*ent
	last     map[string][]*ent // last word of a name of two words or more
	first    map[string][]*ent // first word of such a name
	inner    map[string][]*ent // any word of such a name
	ends     map[[2]string][]*ent
	initials map[string][]*ent // initials of a name, and known acronyms
	words    map[string]bool   // every word of every name
}

func push(m map[string][]*ent, k string, e *ent) {
	l := m[k]
	for _, x := range l {
		if x == e {
			return
		}
	}
	if len(l) >= maxCandidates {
		l = l[1:]
	}
	m[k] = append(l, e)
}

func (r *resolver) add(e *ent, m *mention) {
	e.mentions = append(e.mentions, m)
	w := 1
	switch m.src {
	case srcTagger:
		w = 3
	case srcKB:
		w = 4
	}
	if m.weak || m.adopt {
		w = 0
	}
	e.vote(m.typ, w+m.nwords-1)
	if w := &m.words[m.i]; m.typ != kb.PER && m.entry == nil && w.cap && !w.upper && !r.a.is(w, bDeterminer) && r.a.personRole(m) {
		// "Barroso, le président de la Commission": a person, whatever
		// the tagger or capitalisation guessed (not an acronym or a name
		// opening with its article: "la députée LFI Danièle Obono", "le
		// candidat La République en marche")
		e.vote(kb.PER, 5)
	}
	if m.entry != nil && e.entry == nil && !(m.adopt && m.entry.Type != e.typ()) {
		// (a surname that is also a town's name, "Henderson" after "Fritz
		// Henderson", joins the person without making it the town)
		e.entry = m.entry
		r.byEntry[e.entry.ID] = e
		for _, n := range e.entry.AllNames() {
			if kb.IsAcronym(n) {
				push(r.initials, kb.Key(n), e)
			}
		}
	}
	if !e.keys.add(m.key) {
		return
	}
	if _, ok := r.byKey[m.key]; !ok {
		r.byKey[m.key] = e
	}
	ws := strings.Fields(m.key)
	for _, w := range ws {
		r.words[w] = true
	}
	if len(ws) < 2 {
		return
	}
	push(r.last, ws[len(ws)-1], e)
	push(r.first, ws[0], e)
	for _, w := range ws[1 : len(ws)-1] {
		push(r.inner, w, e)
	}
	ek := [2]string{ws[0], ws[len(ws)-1]}
	l := r.ends[ek]
	if len(l) < maxCandidates {
		r.ends[ek] = append(l, e)
	}
	if in := initials(r.a, ws); len(in) >= 2 {
		push(r.initials, in, e)
	}
}

func (r *resolver) newEnt(m *mention) *ent {
	e := r.a.entSlab.new()
	r.ents = append(r.ents, e)
	r.add(e, m)
	return e
}

// resolve groups the mentions into entities (coreference) and builds the
// entity layer.
func (a *analyser) resolve() []doc.Entity {
	r := &a.res
	if r.byEntry == nil {
		*r = resolver{byEntry: map[string]*ent{}, byKey: map[string]*ent{},
			last: map[string][]*ent{}, first: map[string][]*ent{}, inner: map[string][]*ent{},
			ends: map[[2]string][]*ent{}, initials: map[string][]*ent{}, words: map[string]bool{}}
	} else {
		// The indexes of the previous document, emptied.
		clear(r.byEntry)
		clear(r.byKey)
		clear(r.last)
		clear(r.first)
		clear(r.inner)
		clear(r.ends)
		clear(r.initials)
		clear(r.words)
		clear(r.ents)
		r.ents = r.ents[:0]
	}
	r.a = a
	a.placeRegions()
	var singles, compounds []*mention
	// Pass 1: names of two words or more, and knowledge-base matches that
	// are not single words of a place (those may be surnames).
	for _, m := range a.mentions {
		switch {
		case m.nwords == 1 && !(m.entry != nil && m.entry.Type != kb.LOC) || m.weak:
			singles = append(singles, m)
		case m.entry == nil && m.j-m.i == 1 && m.nwords == 2:
			compounds = append(compounds, m)
		default:
			r.place(m)
		}
	}
	// "Poutine-Kim" joins two names already seen: not a name itself.
	for _, m := range compounds {
		known := true
		for _, p := range strings.Fields(m.key) {
			known = known && r.words[p]
		}
		if !known {
			r.place(m)
		}
	}
	// Pass 2: single words: surname and first-name forms, last words of
	// organisation names, acronyms.
	for _, m := range singles {
		if e := r.short(m); e != nil {
			m.adopt = true
			r.add(e, m)
			continue
		}
		if p := r.knownSurname(m); p != nil {
			m.entry, m.typ, m.weak = p, kb.PER, false
		}
		if m.weak {
			continue
		}
		r.place(m)
	}
	return a.output(r)
}

// place puts a mention in the entity of its knowledge-base entry or of a
// mention with the same key, or a new entity.
func (r *resolver) place(m *mention) {
	if m.entry != nil {
		if e := r.byEntry[m.entry.ID]; e != nil {
			r.add(e, m)
			return
		}
	}
	if e := r.byKey[m.key]; e != nil && (m.entry == nil || e.entry == nil || e.entry == m.entry) {
		r.add(e, m)
		return
	}
	if e := r.surnameOf(m); e != nil {
		m.typ = kb.PER
		r.add(e, m)
		return
	}
	if m.entry == nil && m.typ == kb.PER && m.nwords >= 2 {
		// Joseph Young = Joseph H. Young: same first and last words.
		for _, e := range r.ends[[2]string{firstWord(m.key), lastWord(m.key)}] {
			if e.typ() == kb.PER {
				r.add(e, m)
				return
			}
		}
	}
	r.newEnt(m)
}

// surnameOf returns the person named earlier whose name ends with the
// words of m, a name of several words not in the knowledge base ("Le Pen"
// after "Marine Le Pen", "de Gaulle" after "Charles de Gaulle"), whatever
// type the cues gave m; the one mentioned last when several are.
func (r *resolver) surnameOf(m *mention) *ent {
	if m.entry != nil || m.nwords < 2 {
		return nil
	}
	var best *ent
	for _, e := range r.last[lastWord(m.key)] {
		if e.typ() != kb.PER || best != nil && !closer(e, best, m) {
			continue
		}
		for _, x := range e.mentions {
			if strings.HasSuffix(x.key, " "+m.key) {
				best = e
				break
			}
		}
	}
	return best
}

// short finds the entity a single-word mention refers to: a person's
// surname or first name, the last word of an organisation's name, an
// acronym of its name, or an earlier mention with the same key.
func (r *resolver) short(m *mention) *ent {
	if m.entry != nil && m.entry.Type != kb.LOC {
		return r.byEntry[m.entry.ID]
	}
	if e := r.byKey[m.key]; e != nil && (m.entry == nil || e.entry == m.entry || e.typ() == kb.PER) {
		return e
	}
	var best *ent
	bestScore := 0
	consider := func(es []*ent, score int, ok func(t string) bool) {
		for _, e := range es {
			if !ok(e.typ()) {
				continue
			}
			if score > bestScore || score == bestScore && best != nil && best != e && closer(e, best, m) {
				best, bestScore = e, score
			}
		}
	}
	if r.a.keyIs(m.key, bParticle|bDeterminer) {
		return nil
	}
	per := func(t string) bool { return t == kb.PER }
	org := func(t string) bool { return (t == kb.ORG || t == kb.MISC) && capitalised(m.text) }
	consider(r.last[m.key], 3, per)
	if !m.words[m.i].common {
		// A common word ("Young", "Le") may be a surname, not a first
		// or middle name.
		consider(r.first[m.key], 2, per)
		consider(r.inner[m.key], 1, per)
	}
	consider(r.last[m.key], 2, org)
	if best == nil && !m.words[m.i].common {
		// "Royal" for "Royal Resources Inc", "Airbus" for "Airbus Group":
		// the first organisation so named, the one the article is about
		for _, e := range r.first[m.key] {
			if org(e.typ()) {
				best = e
				break
			}
		}
	}
	if m.words[m.i].upper {
		consider(r.initials[m.key], 3, func(t string) bool { return t == kb.ORG })
	}
	if best == nil {
		return nil
	}
	if m.entry != nil && best.typ() != kb.PER {
		// A known place keeps its own entity unless it names a person.
		return nil
	}
	return best
}

// knownSurname returns the one person of the knowledge base whose surname
// an unlinked capitalised word is ("Poutine", "Merkel"), unless the word is
// a common word, a first name or a known place.
func (r *resolver) knownSurname(m *mention) *kb.Entry {
	w := &m.words[m.i]
	if m.entry != nil && m.entry.Type != kb.LOC || m.nwords != 1 || !w.cap || w.upper || w.common || r.a.s.voc.at(m.key).known() {
		return nil
	}
	if m.entry != nil {
		return nil
	}
	ps := r.a.s.kb.Surname(m.key)
	if len(ps) != 1 || len(m.key) < 4 || !r.a.prominent(ps[0]) {
		return nil
	}
	return ps[0]
}

// minProminent is the population of a country whose leaders a bare surname
// may name without the country in the text ("Poutine", "Macron"; not
// "Jesus" for the prime minister of São Tomé and Príncipe).
const minProminent = 30_000_000

// prominent reports whether a bare surname may stand for the person p of
// the knowledge base: p is not tied to a country, the country is large,
// or the document names the country or a place of it.
func (a *analyser) prominent(p *kb.Entry) bool {
	if p.Country == "" {
		return true
	}
	if c := a.s.kb.ByID("iso:" + p.Country); c == nil || c.Population >= minProminent {
		return true
	}
	return a.namesCountry(p)
}

// namesCountry reports whether the document names the country of p, or a
// place of it other than p or a vague region (vagueRegion).
func (a *analyser) namesCountry(p *kb.Entry) bool {
	for _, m := range a.mentions {
		if m.entry != nil && m.entry != p && m.entry.Country == p.Country && !a.vagueRegion(m) {
			return true
		}
	}
	return false
}

// placeRegions links a vague region (vagueRegion) to a region of that
// name whose country the document names, or to none: "the North of
// England" is not Cameroon's North Region, « le Centre » without Haiti is
// not Haiti's. The mention stays a place.
func (a *analyser) placeRegions() {
	for _, m := range a.mentions {
		if !a.vagueRegion(m) {
			continue
		}
		var pick *kb.Entry
		for _, al := range a.s.kb.Lookup(m.key) {
			if e := al.Entry; e.Kind == "region" && e.Country != "" && a.namesCountry(e) {
				pick = e
				break
			}
		}
		m.entry = pick
	}
}

// vagueRegion reports whether m is one word linked to a region whose
// name is a point of the compass or that regions of several countries
// share ("Centre": Burkina Faso, Cameroon, France, Haiti).
func (a *analyser) vagueRegion(m *mention) bool {
	if m.entry == nil || m.entry.Kind != "region" || m.j-m.i != 1 {
		return false
	}
	if a.is(&m.words[m.i], bDirection) {
		return true
	}
	n := 0
	for _, al := range a.s.kb.Lookup(m.key) {
		if al.Entry.Kind == "region" && al.Entry.Country != "" {
			n++
		}
	}
	return n >= 2
}

// closer reports whether e was last mentioned nearer before m than f.
func closer(e, f *ent, m *mention) bool {
	last := func(x *ent) int {
		p := -1
		for i := len(x.mentions) - 1; i >= 0 && i >= len(x.mentions)-32; i-- {
			if s := x.mentions[i].span.Start; s < m.span.Start && s > p {
				p = s
			}
		}
		return p
	}
	return last(e) > last(f)
}

// initials returns the initials of the content words of a name ("cnrv"
// for "commission nationale de recensement des votes").
func initials(a *analyser, words []string) string {
	var b strings.Builder
	for _, w := range words {
		if a.keyIs(w, bParticle|bDeterminer) || w == "de" || w == "of" || w == "the" || w == "and" || w == "et" || w == "d" || w == "l" || w == "for" || w == "pour" {
			continue
		}
		b.WriteString(w[:1])
	}
	return b.String()
}

// output builds the entity layer: ids in order of first mention, names,
// mentions, roles and gender.
func (a *analyser) output(r *resolver) []doc.Entity {
	ents := r.ents[:0:0]
	for _, e := range r.ents {
		if len(e.mentions) > 0 {
			ents = append(ents, e)
		}
	}
	// Mentions do not overlap: their starts differ.
	byStart := func(x, y *mention) int { return cmp.Compare(x.span.Start, y.span.Start) }
	for _, e := range ents {
		slices.SortFunc(e.mentions, byStart)
	}
	slices.SortStableFunc(ents, func(x, y *ent) int { return byStart(x.mentions[0], y.mentions[0]) })
	a.roles(ents)
	out := make([]doc.Entity, 0, len(ents))
	for i, e := range ents {
		de := doc.Entity{ID: "e" + strconv.Itoa(i+1), Type: e.typ(), Stage: Name}
		name := ""
		if e.entry != nil {
			name = e.entry.Name
			de.KBID = e.entry.ID
		} else {
			name = doc.OneLine(bestName(e))
		}
		de.Name = name
		// The names are gathered in scratch space, then copied.
		seen := &a.nameSet
		seen.reset()
		addName := func(n string) {
			if n != "" && seen.add(n) {
				a.names = append(a.names, n)
			}
		}
		a.names = a.names[:0]
		addName(name)
		for _, m := range e.mentions {
			if de.Mentions == nil {
				de.Mentions = make([]doc.Mention, 0, len(e.mentions))
			}
			de.Mentions = append(de.Mentions, doc.Mention{Span: m.span, Text: m.text, Stage: Name})
			addName(doc.OneLine(m.text))
		}
		if e.entry != nil {
			for _, n := range e.entry.AllNames() {
				addName(n)
			}
		}
		if len(a.names) > 0 {
			de.Names = slices.Clone(a.names)
		}
		de.Roles = e.roles
		de.Gender = a.gender(e, de.Type)
		out = append(out, de)
	}
	return out
}

// bestName picks the fullest mention: most words, then not an acronym,
// then the first.
func bestName(e *ent) string {
	var best *mention
	for _, m := range e.mentions {
		if best == nil || m.nwords > best.nwords || m.nwords == best.nwords && best.words[best.i].upper && !m.words[m.i].upper {
			best = m
		}
	}
	return best.text
}
