package quote

import (
	"slices"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// mention is a name in the text outside quotes, a possible antecedent.
type mention struct {
	s, e     int // token range
	name     string
	entityID string
	person   int // 1 person, -1 organisation or place, 0 unknown
	gender   byte
	roles    []string // folded role nouns seen next to the name
	para     int
	typ      string // entity type (PER, ORG, LOC, MISC) or ""
	plural   bool   // after a plural determiner (les Talibans)
	anon     bool   // an unnamed source (a speaker standing as a mention)
	speaker  bool   // stands for an earlier attribution's speaker
	guessed  bool   // a one-word person's name the entity stage only guessed ("Verizon")
}

// relayRef is an outlet seen in the text, for "le reportage", "the report".
type relayRef struct {
	relay doc.Relay
	pos   int
}

// findMentions indexes the entity mentions and the name runs outside
// speech quotes.
func (a *analyzer) findMentions() {
	a.entTok = make([]int32, len(a.toks))
	for i := range a.entTok {
		a.entTok[i] = -1
	}
	for ei := range a.d.Entities {
		e := &a.d.Entities[ei]
		for _, m := range e.Mentions {
			s, t := tokenAt(a.toks, m.Span.Start), tokenAt(a.toks, m.Span.End)
			if s >= t || a.d.IsRemoved(m.Span) {
				continue
			}
			for k := s; k < t; k++ {
				a.entTok[k] = int32(ei)
			}
			if a.toks[s].q >= 0 || a.toks[s].para < 0 {
				continue
			}
			mm := mention{s: s, e: t, name: e.Name, entityID: e.ID, para: int(a.toks[s].para), person: -1, typ: e.Type}
			if e.Type == "PER" {
				mm.person = 1
				// a one-word name with nothing of a person about it
				mm.guessed = e.KBID == "" && e.Gender == "" && len(e.Roles) == 0 && !strings.Contains(e.Name, " ") &&
					a.c.firstName(e.Name) == 0
			}
			a.determinerFeatures(&mm)
			if e.Gender != "" {
				mm.gender = e.Gender[0]
			}
			for _, r := range e.Roles {
				if f := strings.Fields(fold(r.Text)); len(f) > 0 {
					for _, w := range f {
						if _, ok := a.r.heads[w]; ok {
							mm.roles = append(mm.roles, w)
							break
						}
					}
				}
			}
			a.roleContext(&mm)
			a.mentions = append(a.mentions, mm)
		}
	}
	for i := 0; i < len(a.toks); {
		t := &a.toks[i]
		if t.para < 0 || t.q >= 0 || a.entTok[i] >= 0 || !a.nameTok(i) {
			i++
			continue
		}
		e := a.runEnd(i, len(a.toks))
		for k := i + 1; k < e; k++ {
			if a.toks[k].para != t.para || a.entTok[k] >= 0 {
				e = k
				break
			}
		}
		for f := i + 1; f < e-1; f++ {
			if a.nameGender(f) != 0 {
				e = f // "Santé Agnès Buzyn": two names
				break
			}
		}
		m := mention{s: i, e: e, name: a.slice(i, e), para: int(t.para)}
		m.person = a.personLike(i, e)
		if m.person == 1 {
			m.gender = a.nameGender(i)
		}
		a.determinerFeatures(&m)
		a.roleContext(&m)
		a.mentions = append(a.mentions, m)
		i = e
	}
	sort.SliceStable(a.mentions, func(x, y int) bool { return a.mentions[x].s < a.mentions[y].s })
	// An entity that a person's role introduces ("City manager Pep
	// Guardiola") is a person whatever type the entity layer gave it.
	for k := range a.mentions {
		m := &a.mentions[k]
		if m.entityID != "" && m.person < 0 && m.typ != "LOC" && len(m.roles) > 0 && !(m.e-m.s == 1 && a.toks[m.s].is(fUpper)) {
			if a.personEnt == nil {
				a.personEnt = map[string]bool{}
			}
			a.personEnt[m.entityID] = true
		}
	}
	for k := range a.mentions {
		if m := &a.mentions[k]; a.personEnt[m.entityID] {
			m.person = 1
		}
	}
	// A lone surname of a person named in full is a person too.
	for k := range a.mentions {
		m := &a.mentions[k]
		if m.person != 0 || m.e-m.s != 1 {
			continue
		}
		if full := a.fullName(m.s); full >= 0 {
			m.person = 1
			if m.gender == 0 {
				m.gender = a.mentions[full].gender
			}
			m.roles = append(m.roles, a.mentions[full].roles...)
		}
	}
}

// determinerFeatures reads the determiner before a mention: a plural one
// makes a group (les Talibans, des Kurdes), and the grammatical gender of
// a French determiner is the gender of a name that is not a person's (la
// CGT is elle, le Kremlin il).
func (a *analyzer) determinerFeatures(m *mention) {
	k := m.s - 1
	if k < 0 || a.toks[k].para != a.toks[m.s].para || !a.isClass(k, cDet) || a.isClass(k, cPron) {
		return
	}
	cl := int(a.toks[k].cls)
	if cl&cPlural != 0 && m.person != 1 {
		m.plural = true
	}
	if m.gender == 0 && m.person != 1 && a.r.lang != "en" {
		switch {
		case cl&cFem != 0:
			m.gender = 'f'
		case cl&cMasc != 0:
			m.gender = 'm'
		}
	}
}

// personLike guesses whether the name run [s, e) names a person.
func (a *analyzer) personLike(s, e int) int {
	words := 0
	for k := s; k < e; k++ {
		surf := a.d.Text[a.toks[k].sp.Start:a.toks[k].sp.End]
		if a.c.orgWords[surf] || a.c.outletWords[surf] {
			return -1
		}
		if a.toks[k].is(fWord) && !isParticle(a.toks[k].low) {
			words++
		}
	}
	if words == 1 && a.toks[s].is(fUpper) {
		return -1
	}
	if words >= 2 {
		return 1
	}
	return 0
}

// nameGender returns the gender of a name from its first name, or 0.
func (a *analyzer) nameGender(s int) byte {
	if g := a.c.firstName(a.d.Text[a.toks[s].sp.Start:a.toks[s].sp.End]); g != 'x' {
		return g
	}
	return 0
}

// roleContext records role nouns and gender around a name: "le journaliste
// Viktor Frédéric", "Adrienne Watson, porte-parole du NSC", "Mme Dupont".
func (a *analyzer) roleContext(m *mention) {
	k := m.s - 1
	for k >= 0 && a.toks[k].para == a.toks[m.s].para && (a.isDemonym(k) || a.isNameDot(k)) {
		k--
	}
	if k >= 0 && a.toks[k].para == a.toks[m.s].para && a.toks[k].q < 0 {
		low := a.toks[k].low
		switch low {
		case "m", "mr", "monsieur", "sir":
			m.gender = 'm'
		case "mme", "mrs", "ms", "madame", "mlle", "miss":
			m.gender = 'f'
		}
		if h, ok := a.r.heads[low]; ok && h.class == 'p' {
			m.roles = append(m.roles, low)
			if k > 0 && a.r.lang == "fr" {
				cl := int(a.toks[k-1].cls)
				if cl&cDet != 0 && cl&cFem != 0 {
					m.gender = 'f'
				} else if cl&cDet != 0 && cl&cMasc != 0 {
					m.gender = 'm'
				}
			}
		}
	}
	// apposition: "Name, [det] role ..."
	k = m.e
	if k+1 < len(a.toks) && a.toks[k].low == "," && a.toks[k+1].para == a.toks[m.s].para {
		k++
		for k < len(a.toks) && a.isClass(k, cDet) && k < m.e+3 {
			k++
		}
		for k < len(a.toks) && a.isDemonym(k) && k < m.e+5 {
			k++
		}
		if k < len(a.toks) {
			// not "Cairo, her friend said": the role is the subject of a
			// verb there, not an apposition
			if h, ok := a.r.heads[a.toks[k].low]; ok && h.class == 'p' && !(k+1 < len(a.toks) && (a.toks[k+1].cue != 0 || a.isClass(k+1, cAux))) {
				m.roles = append(m.roles, a.toks[k].low)
			}
		}
	}
}

// fullName returns the index of a mention of two or more words whose first
// or last word is the one-word name at token s (the last one before s, else
// the first after), or -1.
func (a *analyzer) fullName(s int) int {
	if a.fullIdx == nil {
		a.fullIdx = map[string][]int{}
		for k := range a.mentions {
			m := &a.mentions[k]
			if m.e-m.s < 2 || m.person < 0 {
				continue
			}
			a.fullIdx[a.toks[m.e-1].low] = append(a.fullIdx[a.toks[m.e-1].low], k)
			if f := a.toks[m.s].low; f != a.toks[m.e-1].low {
				a.fullIdx[f] = append(a.fullIdx[f], k)
			}
		}
	}
	best := -1
	for _, k := range a.fullIdx[a.toks[s].low] {
		m := &a.mentions[k]
		if best < 0 || (m.s < s) && (a.mentions[best].s > s || m.s > a.mentions[best].s) {
			best = k
		}
	}
	return best
}

// maxBack bounds how many mentions a resolution looks back over.
const maxBack = 300

// mentionsBefore returns the index just past the last mention starting
// before token pos.
func (a *analyzer) mentionsBefore(pos int) int {
	lo, hi := 0, len(a.mentions)
	for lo < hi {
		m := (lo + hi) / 2
		if a.mentions[m].s < pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// mergedBefore reports an entity mention that runs on to the left of a
// person's name starting at token s ("Assemblée Claude Bartolone", "AFP
// Jean-Philippe Magnen"): the entity layer glued two names, and the
// speaker is the person.
func (a *analyzer) mergedBefore(ei, s int) bool {
	if s == 0 || int(a.entTok[s-1]) != ei {
		return false
	}
	return a.c.firstName(a.d.Text[a.toks[s].sp.Start:a.toks[s].sp.End]) != 0
}

// wholeEntity returns the entity that covers every word token of [s, e)
// but at most one leading word (an article: « l’agence … »), or -1; a
// description headed by its own noun ("le président de la Commission …")
// is not the entity it mentions.
func (a *analyzer) wholeEntity(s, e int) int {
	ent, lead := int32(-1), 0
	for k := s; k < e && k < len(a.entTok); k++ {
		if !a.toks[k].is(fWord) {
			continue
		}
		switch {
		case a.entTok[k] < 0 && ent < 0:
			lead++
			if lead > 1 {
				return -1
			}
		case a.entTok[k] < 0 || ent >= 0 && a.entTok[k] != ent:
			return -1
		default:
			ent = a.entTok[k]
		}
	}
	return int(ent)
}

// entityOf returns the entity covering more than half of the word tokens
// [s, e), or -1.
func (a *analyzer) entityOf(s, e int) int {
	count := map[int32]int{}
	words := 0
	for k := s; k < e && k < len(a.entTok); k++ {
		if !a.toks[k].is(fWord) {
			continue
		}
		words++
		if a.entTok[k] >= 0 {
			count[a.entTok[k]]++
		}
	}
	best, bestN := -1, 0
	for ei, n := range count {
		if n > bestN || n == bestN && int(ei) < best {
			best, bestN = int(ei), n
		}
	}
	if bestN*2 > words {
		return best
	}
	return -1
}

// resolve turns a speaker phrase into a speaker.
func (a *analyzer) resolve(c cand, pos int) speaker {
	sp := speaker{span: a.span(c.s, c.e)}
	switch c.kind {
	case kName:
		sp.named = true
		sp.name = strings.TrimSuffix(strings.TrimSuffix(c.name, "’s"), "'s")
		sp.person = a.personLike(c.ns, c.ne)
		if ei := a.entityOf(c.ns, c.ne); ei >= 0 && !a.mergedBefore(ei, c.ns) {
			e := &a.d.Entities[ei]
			sp.name, sp.entityID = e.Name, e.ID
			sp.person = -1
			if e.Type == "PER" || a.personEnt[e.ID] {
				sp.person = 1
			}
			if e.Gender != "" {
				sp.gender = e.Gender[0]
			}
			return sp
		}
		if c.ne-c.ns == 1 {
			if full := a.fullName(c.ns); full >= 0 {
				m := &a.mentions[full]
				sp.name, sp.person, sp.gender, sp.entityID = m.name, 1, m.gender, m.entityID
			}
		}
		if sp.person == 0 {
			if k := a.mentionsBefore(c.ns); k < len(a.mentions) && a.mentions[k].s == c.ns {
				sp.person = a.mentions[k].person
			}
		}
		return sp
	case kPron:
		sp.pronoun = true
		sp.gender, sp.plural = c.gender, c.plural
		if m := a.antecedent(pos, pronounRef{gender: c.gender, plural: c.plural, neuter: c.neuter}, int(a.toks[pos].para)); m != nil {
			sp.name, sp.entityID, sp.person, sp.anon = m.name, m.entityID, m.person, m.anon
			if sp.gender == 0 {
				sp.gender = m.gender
			}
		}
		return sp
	case kDesc:
		// A lowercase name the entity stage recognised ("l’agence de presse
		// centrale coréenne") is that organisation, not a description.
		if ei := a.wholeEntity(c.s, c.e); ei >= 0 && a.d.Entities[ei].Type != "PER" && a.d.Entities[ei].Type != "LOC" {
			e := &a.d.Entities[ei]
			sp.name, sp.entityID, sp.named, sp.person = e.Name, e.ID, true, -1
			return sp
		}
		return a.resolveDesc(c, pos, sp)
	}
	return sp
}

// roleFits reports whether the person m may bear the role noun head: no
// role is known for it, or one of its roles is that noun (a nationality,
// "the Spaniard", fits anyone).
func (a *analyzer) roleFits(m *mention, head string) bool {
	if _, role := a.r.heads[head]; !role {
		return true
	}
	roles := m.roles
	if len(roles) == 0 && m.entityID != "" {
		for k := range a.mentions {
			if a.mentions[k].entityID == m.entityID && len(a.mentions[k].roles) > 0 {
				roles = a.mentions[k].roles
				break
			}
		}
	}
	return len(roles) == 0 || slices.Contains(roles, head)
}

// headedBy reports whether a folded name is the folded description tail
// or begins or ends with it as whole words.
func headedBy(name, tail string) bool {
	return name == tail || strings.HasSuffix(name, " "+tail) || strings.HasPrefix(name, tail+" ")
}

// resolveDesc resolves a description: a definite role ("le journaliste",
// "the Spaniard") to the person last named with that role or the last
// person speaker; an institution ("the common council") to a name ending
// with the same words; others stay descriptions of an unnamed source.
func (a *analyzer) resolveDesc(c cand, pos int, sp speaker) speaker {
	para := int(a.toks[pos].para)
	desc := c.name
	sp.name = desc
	sp.gender = c.gender
	if c.gloss != "" {
		sp.name = c.gloss
	}
	if c.headClass == 'p' && c.def && !c.plural {
		sp.person = 1
		// the person last named with this role
		top := a.mentionsBefore(pos)
		for k := top - 1; k >= 0 && k >= top-maxBack; k-- {
			m := &a.mentions[k]
			if m.person < 0 {
				continue
			}
			for _, r := range m.roles {
				if r == c.head {
					return a.fromMention(sp, m)
				}
			}
		}
		// a bare role ("le journaliste", "the Spaniard") may stand for the
		// person last named; a role with a complement stands for an
		// earlier speaker or the person of the sentence before ("... pour
		// Salah Abdeslam. Le seul membre vivant des commandos ..."), else
		// it describes a new source ("Le chef de la direction de
		// l'aviation civile nigériane rapporte ..."). "His lawyer" is never
		// him.
		if !c.poss {
			// (not a person named with another role: "Acme chief executive
			// Jane Doe ... the minister said")
			if m := a.antecedent(pos, pronounRef{gender: c.gender}, para); m != nil && m.person == 1 &&
				(c.bare || m.speaker || m.s >= a.prevSentenceStart(pos)) && a.roleFits(m, c.head) {
				return a.fromMention(sp, m)
			}
		}
		sp.anon = true
		return sp
	}
	if c.def && c.headClass != 'p' {
		// an institution named earlier in full
		words := strings.Fields(fold(desc))
		if len(words) > 0 {
			tail := strings.Join(words, " ")
			top := a.mentionsBefore(pos)
			for k := top - 1; k >= 0 && k >= top-maxBack; k-- {
				m := &a.mentions[k]
				if m.person == 1 {
					continue
				}
				// "le ministère" is the "ministère de l'Intérieur",
				// "the ministry" the "Interior Ministry", by its name or
				// by the words of its mention
				if headedBy(fold(m.name), tail) || m.e > m.s && headedBy(fold(a.slice(m.s, m.e)), tail) {
					sp.name, sp.entityID, sp.person = m.name, m.entityID, -1
					return sp
				}
			}
		}
		sp.person = -1
		sp.generic = true
		// "the company", "la compagnie ferroviaire": the organisation
		// last named
		if c.bare && !c.plural && a.r.anaphoric[c.head] {
			if m := a.orgAntecedent(pos, para); m != nil {
				sp.name, sp.entityID, sp.generic = m.name, m.entityID, false
				if m.gender != 0 {
					sp.gender = m.gender
				}
			}
		}
		return sp
	}
	sp.anon = true
	if c.headClass == 'p' {
		sp.person = 1
		if c.plural {
			sp.person = 0
			sp.plural = true
		}
	}
	return sp
}

// sentStart returns the first token of the sentence holding token pos
// (within a bounded look-back).
func (a *analyzer) sentStart(pos int) int {
	for k := pos; k >= 0 && k > pos-400; k-- {
		if a.toks[k].is(fSentStart) {
			return k
		}
	}
	if pos-400 > 0 {
		return pos - 400
	}
	return 0
}

// prevSentenceStart returns the first token of the sentence before the
// one holding token pos (within a bounded look-back).
func (a *analyzer) prevSentenceStart(pos int) int { return a.sentencesBack(pos, 2) }

// sentencesBack returns the first token of the n-th sentence back from the
// one holding token pos, that one being the first (within a bounded
// look-back).
func (a *analyzer) sentencesBack(pos, n int) int {
	seen := 0
	for k := pos; k >= 0 && k > pos-400; k-- {
		if a.toks[k].is(fSentStart) {
			seen++
			if seen == n {
				return k
			}
		}
	}
	if pos-400 > 0 {
		return pos - 400
	}
	return 0
}
