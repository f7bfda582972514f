// The speaker of an attribution: the subject before the cue verb, its
// appositions and role descriptions.

package quote

// subjectBefore finds the subject before a verb group starting at vgs,
// jumping over appositions and relative clauses between commas ("Rebekah
// Koffler, analyste ..., a déclaré", "Joseph Young, who imposed the
// sentences, said").
func (a *analyzer) subjectBefore(vgs int, u unit) cand {
	end := vgs
	full := vgs // the subject's span runs over its appositions
	if full-1 >= u.a && a.toks[full-1].low == "," {
		full--
	}
	var first cand // a description right before the verb, when a name may precede it
	startComma := false
	for tries := 0; tries < 4 && end > u.a; tries++ {
		// "the Economist Intelligence Unit (EIU) said": skip the gloss
		if k := a.parenStart(end, u); k > u.a {
			end = k
		}
		comma := a.toks[end-1].low == ","
		if comma {
			end--
			startComma = startComma || tries == 0
		}
		if end <= u.a {
			break
		}
		cs := a.chunkStart(end, u)
		s := a.npBackward(end, cs)
		if s == end || comma && s != cs {
			// a relative, participial or appositive chunk between commas
			// ("who imposed the sentences", "a former negotiator at the
			// WTO"): skip it
			indef := a.toks[cs].cls&cIndef != 0
			if comma && cs > u.a && a.toks[cs-1].low == "," && cs < end && (a.isClass(cs, cRel) || indef || a.toks[cs].Kind() == 1 || !a.toks[cs].is(fCap) && !a.isClass(cs, cDet) || a.roleApposition(cs, end, u)) {
				end = cs
				continue
			}
			break
		}
		c := a.candidate(s, end)
		if c.kind == kNone {
			break
		}
		if c.kind == kName && (!comma || s == cs) {
			if c.e < full && tries > 0 {
				c.e = full
			}
			return c
		}
		if s == cs && cs > u.a && a.toks[cs-1].low == "," && a.appositive(c, cs) {
			if first.kind == kNone && !startComma {
				first = c
			}
			end = cs
			continue
		}
		if tries == 0 && !comma {
			return c
		}
		if tries > 0 && comma && s == cs && cs == u.a && first.kind == kNone {
			// a description opening the sentence before a skipped chunk:
			// "The minister, speaking on condition of anonymity, said"
			return c
		}
		break
	}
	return first
}

// extendSpeaker lets the span of a speaker phrase found after a cue run
// over its complements and appositions ("Edward Alden of the Council on
// Foreign Relations in Washington", "Smith, a former official,"); the name
// does not change. It returns the new end.
func (a *analyzer) extendSpeaker(c *cand, u unit) int {
	k := c.e
	for n := 0; n < 3 && k < u.b; n++ {
		t := &a.toks[k]
		if a.r.lang != "fr" && !t.is(fCap) && k+1 < u.b {
			switch t.low {
			case "of", "at", "in", "from", "with", "for":
				if a.toks[k+1].is(fCap) || a.isClass(k+1, cDet) {
					if e := a.npForward(k+1, u.b); e > k+1 {
						k = e
						continue
					}
				}
			}
		}
		if t.low != "," || k+1 >= u.b {
			break
		}
		j := k + 1
		ok := false
		for j < u.b && a.isAdverb(j) {
			j++ // ", now a professor"
		}
		if j >= u.b {
			break
		}
		switch {
		case a.toks[j].Kind() == 1:
			ok = true
		case a.isClass(j, cRel) && !a.toks[j].is(fCap) && a.toks[j].low != "that":
			ok = true
			for x := j; x < u.b && a.toks[x].low != "," && a.toks[x].low != "."; x++ {
				if c, isCue := a.cueAt(x); isCue && !c.part {
					ok = false // "who said ...": a clause of its own
				}
			}
		case a.isClass(j, cDet|cIndef) && int(a.toks[j].cls)&cIndef != 0:
			ok = true
		default:
			if a.toks[j].head == 'p' {
				ok = true
			}
			if a.isDemonym(j) {
				ok = true
			}
		}
		if !ok {
			break
		}
		e := j
		for e < u.b && a.toks[e].q < 0 && a.toks[e].low != "," && a.toks[e].low != "." && a.toks[e].low != ";" && a.toks[e].low != ":" {
			e++
		}
		if e >= u.b || a.toks[e].low != "," && a.toks[e].low != "." {
			break
		}
		k = e
	}
	c.e = k
	return k
}

// firstNameSplit returns where a person's name starts inside the phrase
// [s, e) after another capitalised word ("l'AFP Jean-Philippe Magnen"), or
// e.
func (a *analyzer) firstNameSplit(s, e int) int {
	for f := s + 1; f+1 < e; f++ {
		if a.toks[f-1].is(fCap) && a.nameTok(f) && a.nameTok(f+1) && a.c.firstName(a.d.Text[a.toks[f].sp.Start:a.toks[f].sp.End]) != 0 {
			return f
		}
	}
	return e
}

// parenStart returns the opening parenthesis of a short parenthetical of
// words closing at end ("(EIU)", "(Kepco)"), or -1.
func (a *analyzer) parenStart(end int, u unit) int {
	if end-1 < u.a || a.toks[end-1].low != ")" {
		return -1
	}
	for k := end - 2; k >= u.a && k >= end-8; k-- {
		t := &a.toks[k]
		if t.low == "(" {
			if k < end-2 {
				return k
			}
			return -1
		}
		if t.q >= 0 || !t.is(fWord) && t.low != "-" && t.low != "." && t.low != "&" {
			return -1
		}
	}
	return -1
}

// roleApposition reports a chunk [cs, end) between commas that describes
// the name before it by a role ("Catherine Perret, la numéro 2 de la CGT
// en charge du dossier, a annoncé"), too long for a speaker phrase.
func (a *analyzer) roleApposition(cs, end int, u unit) bool {
	if cs-2 < u.a || !a.nameTok(cs-2) {
		return false
	}
	k := cs
	for k < end && a.isClass(k, cDet) && !a.isClass(k, cPron) {
		k++
	}
	for k < end && a.isDemonym(k) {
		k++
	}
	if k == cs || k >= end || a.toks[k].head != 'p' {
		return false
	}
	for x := k; x < end; x++ {
		if a.isClass(x, cRel) || a.toks[x].cue != 0 && x > k && isFiniteAux(a.toks[x-1].low) {
			return false // a clause of its own
		}
	}
	return true
}

// isFiniteAux reports auxiliaries that make a participle after them a
// finite verb (a dit, has said).
func isFiniteAux(low string) bool {
	switch low {
	case "a", "ont", "avait", "avaient", "est", "sont", "était", "has", "have", "had", "was", "were", "is", "are":
		return true
	}
	return false
}

// chunkStart returns the first token of the comma-delimited chunk ending
// before end.
func (a *analyzer) chunkStart(end int, u unit) int {
	k := end - 1
	for k >= u.a && k >= end-4*maxNP {
		t := &a.toks[k]
		if t.tq >= 0 {
			k = a.quotes[t.tq].open - 1
			continue
		}
		if t.q >= 0 || !t.is(fWord) && t.low != "'s" && !a.isNameDot(k) && t.low != "-" {
			break
		}
		k--
	}
	return k + 1
}

// appositive reports descriptions that follow a name between commas: a
// bare role ("analyste du renseignement"), an indefinite one ("a former
// official"), a number (an age).
func (a *analyzer) appositive(c cand, cs int) bool {
	t := &a.toks[cs]
	if t.Kind() == 1 {
		return true
	}
	if c.kind == kDesc && !c.def {
		return true
	}
	return c.kind == kDesc && !a.isClass(cs, cDet) && !t.is(fCap)
}
