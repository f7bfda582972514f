package quote

// Antecedents: what a pronoun or a definite description such as "the
// company" refers to, among the mentions and speakers seen before it.

// pronounRef is what a pronoun can refer to.
type pronounRef struct {
	gender byte
	plural bool
	neuter bool // it: an organisation, never a person
}

// antecedent finds what a pronoun refers to: the most recent compatible
// speaker or name of the last paragraphs, outside quotes. A person for he,
// she, il, elle; an organisation for it; a group or organisation for
// they, ils, elles. French il and elle also take an organisation of the
// same grammatical gender (la CGT ... elle) when it spoke last or no
// person is at hand. Names inside reported content ("X said Y was ...;
// he added") come last: the pronoun continues the speaker.
func (a *analyzer) antecedent(pos int, p pronounRef, para int) *mention {
	french := a.r.lang != "en"
	org := func(person int, typ string) bool {
		return person < 0 && typ != "LOC"
	}
	genderOK := func(g byte) bool { return p.gender == 0 || g == 0 || g == p.gender }
	// a mention that can be the antecedent by itself
	mentionOK := func(m *mention) bool {
		switch {
		case p.plural:
			return m.plural || org(m.person, m.typ)
		case p.neuter:
			return org(m.person, m.typ)
		}
		return m.person == 1 && genderOK(m.gender)
	}
	// a speaker that can be the antecedent; strong ones win over a mention
	// further back
	speakerOK := func(sp *speaker) (ok, strong bool) {
		switch {
		case p.plural:
			return sp.plural || sp.person <= 0 && !sp.anon, true
		case p.neuter:
			return sp.person <= 0 && !sp.plural, sp.person < 0
		}
		if sp.plural || !genderOK(sp.gender) {
			return false, false
		}
		if sp.person == 1 {
			return true, true
		}
		if french && sp.person < 0 && sp.gender != 0 && sp.gender == p.gender {
			return true, true // la SNCF ..., a-t-elle ajouté
		}
		return sp.person == 0 && sp.named, false
	}
	var best, inContent, orgFallback *mention
	bestPos := -1
	top := a.mentionsBefore(pos)
	for k := top - 1; k >= 0 && k >= top-maxBack; k-- {
		m := &a.mentions[k]
		if m.para < para-3 {
			break
		}
		if !mentionOK(m) {
			if orgFallback == nil && french && !p.plural && !p.neuter && org(m.person, m.typ) && m.gender == p.gender && p.gender != 0 && !a.inContent[m.s] {
				orgFallback = m
			}
			continue
		}
		if a.inContent[m.s] {
			if inContent == nil {
				inContent = m
			}
			continue
		}
		best, bestPos = m, m.s
		break
	}
	if best != nil && a.oblique(best) {
		// A name after a preposition is a poor antecedent for a subject
		// pronoun when the sentence's own subject would do: "X a divorcé
		// de Y en 2016. « ... », confiait-elle" is X.
		start := a.sentStart(best.s)
		for k := top - 1; k >= 0 && a.mentions[k].s >= start; k-- {
			if m := &a.mentions[k]; m.s < best.s && mentionOK(m) && !a.inContent[m.s] && !a.oblique(m) {
				best, bestPos = m, m.s
			}
		}
	}
	// a speaker of the sentence of the best mention, or of a later one,
	// wins: "Smith told Jones ... . He added"
	if best != nil {
		bestPos = a.sentStart(bestPos)
	}
	var weak, group *mention
	if p.plural && best == nil {
		// "Les syndicats ont manifesté. Selon eux, ...": a group opening
		// one of the sentences just before, unless someone spoke since
		group = a.groupSubject(pos)
	}
	for k, n := len(a.atts)-1, 0; k >= 0 && n < maxBack; k, n = k-1, n+1 {
		at := &a.atts[k]
		if at.pos >= pos || at.spk.name == "" {
			continue
		}
		if at.para < para-6 || at.pos < bestPos || group != nil && at.pos < group.s {
			break
		}
		ok, strong := speakerOK(&at.spk)
		if !ok {
			continue
		}
		m := &mention{name: at.spk.name, entityID: at.spk.entityID, person: at.spk.person, gender: at.spk.gender,
			s: at.pos, plural: at.spk.plural, anon: at.spk.anon, speaker: true}
		if strong {
			return m
		}
		if weak == nil {
			weak = m
		}
	}
	if best == nil && weak == nil && group != nil {
		return group
	}
	for _, m := range []*mention{best, weak, orgFallback, inContent} {
		if m != nil {
			return m
		}
	}
	return nil
}

// oblique reports whether mention m follows a preposition ("avec X",
// "de X", "with X"): the object of a phrase, not the subject of its clause.
func (a *analyzer) oblique(m *mention) bool {
	return m.s > 0 && a.isClass(m.s-1, cPrep|cOf)
}

// groupSubject finds a plural description of people or bodies opening one
// of the two sentences before token pos ("Workers", "Les syndicats"), or
// nil.
func (a *analyzer) groupSubject(pos int) *mention {
	seen := 0
	for k := pos - 1; k >= 0 && k > pos-200 && seen < 2; k-- {
		if !a.toks[k].is(fSentStart) {
			continue
		}
		seen++
		limit := k + maxNP
		if limit > pos {
			limit = pos
		}
		e := a.npForward(k, limit)
		if e <= k {
			continue
		}
		c := a.candidate(k, e)
		if c.kind != kDesc || !c.plural || c.headClass != 'p' && c.headClass != 'o' {
			continue
		}
		sp := a.resolveDesc(c, k, speaker{span: a.span(c.s, c.e)})
		return &mention{s: k, e: e, name: sp.name, person: 0, plural: true, anon: sp.anon}
	}
	return nil
}

// orgAntecedent finds the organisation a definite description such as
// "the company" refers to: the nearest organisation named in the last
// paragraphs, or the last organisation that spoke if it is nearer. With no
// entity layer a name of unknown kind, with one a one-word name only
// guessed a person's, will do when nothing else does.
func (a *analyzer) orgAntecedent(pos, para int) *mention {
	// an organisation that spoke in this sentence or the two before
	recent := a.sentencesBack(pos, 3)
	for k, n := len(a.atts)-1, 0; k >= 0 && n < maxBack; k, n = k-1, n+1 {
		at := &a.atts[k]
		if at.pos >= pos {
			continue
		}
		if at.pos < recent {
			break
		}
		if at.spk.person < 0 && !at.spk.anon && !at.spk.plural && !at.spk.generic && at.spk.name != "" {
			return &mention{name: at.spk.name, entityID: at.spk.entityID, person: -1, gender: at.spk.gender, s: at.pos}
		}
	}
	var best, weak *mention
	top := a.mentionsBefore(pos)
	for k := top - 1; k >= 0 && k >= top-maxBack; k-- {
		m := &a.mentions[k]
		if m.para < para-3 {
			break
		}
		if m.typ == "ORG" || m.typ == "" && m.person < 0 {
			best = m
			break
		}
		if weak == nil && (m.typ == "" && m.person == 0 && len(a.d.Entities) == 0 || m.guessed) {
			weak = m
		}
	}
	for k, n := len(a.atts)-1, 0; k >= 0 && n < maxBack; k, n = k-1, n+1 {
		at := &a.atts[k]
		if at.pos >= pos || at.spk.name == "" {
			continue
		}
		if at.para < para-6 || best != nil && at.pos < best.s {
			break
		}
		if at.spk.person < 0 && !at.spk.anon && !at.spk.plural && at.spk.named {
			return &mention{name: at.spk.name, entityID: at.spk.entityID, person: -1, gender: at.spk.gender, s: at.pos}
		}
	}
	if best != nil {
		return best
	}
	return weak
}

func (a *analyzer) fromMention(sp speaker, m *mention) speaker {
	sp.name, sp.entityID, sp.person, sp.anon = m.name, m.entityID, m.person, false
	if m.gender != 0 {
		sp.gender = m.gender
	}
	if m.entityID == "" && m.e-m.s == 1 {
		if full := a.fullName(m.s); full >= 0 {
			sp.name = a.mentions[full].name
		}
	}
	return sp
}
