package quote

import "strings"

// Speaker phrases: what kind of speaker a noun phrase before or after a cue
// names (a person, a role, an organisation, an outlet, an anonymous source).

// candidate analyses the speaker phrase [s, e). Rules, in order: a name
// run right after a title or role word ("prosecutor James Cole", "le
// journaliste Viktor Frédéric"); a run closing a phrase headed by an
// organisation noun ("l'agence de presse russe TASS"); a description headed
// by a role or document noun ("le porte-parole du Conseil", "un responsable
// sud-coréen"; plural with a named complement: "les prévisionnistes de
// l'INSEE" is INSEE); the first name run; any other description.
func (a *analyzer) candidate(s, e int) cand {
	c := cand{s: s, e: e, ns: s, ne: e}
	if s >= e {
		return c
	}
	if e-s == 1 && a.isClass(s, cPron) && !a.isClass(s, cDet) {
		c.kind = kPron
		cl := int(a.toks[s].cls)
		c.plural = cl&cPlural != 0
		c.neuter = cl&cNeut != 0
		if cl&cFem != 0 {
			c.gender = 'f'
		} else if cl&cMasc != 0 {
			c.gender = 'm'
		}
		c.name = a.slice(s, e)
		return c
	}
	i := s
	for i < e && a.isClass(i, cDet) && !a.isClass(i, cPron) {
		cl := int(a.toks[i].cls)
		c.def = c.def || cl&cDef != 0
		c.poss = c.poss || cl&cPoss != 0
		c.plural = c.plural || cl&cPlural != 0
		if cl&cFem != 0 {
			c.gender = 'f'
		} else if cl&cMasc != 0 {
			c.gender = 'm'
		}
		i++
	}
	// "un de ses représentants", "one of the officials": the head is in
	// the complement
	if i > s && i+1 < e && a.isClass(i, cOf) && !a.toks[i].is(fCap) {
		switch a.toks[i-1].low {
		case "un", "une", "one", "l'un", "l'une":
			i++
			for i < e && a.isClass(i, cDet) && !a.isClass(i, cPron) {
				c.poss = c.poss || a.isClass(i, cPoss)
				i++
			}
			c.plural = false
		}
	}
	if i >= e {
		return c
	}
	type run struct{ s, e int }
	var runs []run
	headAt, compAt := -1, -1 // first head noun; first "de/of" complement
	for k := i; k < e; {
		t := &a.toks[k]
		if t.tq >= 0 {
			k = a.quotes[t.tq].end
			continue
		}
		if a.nameTok(k) {
			re := a.runEnd(k, e)
			// "Transports Jean-Baptiste Djebbari": the name starts at the
			// first name.
			for f := k + 1; f < re-1; f++ {
				if a.nameGender(f) != 0 || a.c.firstName(a.d.Text[a.toks[f].sp.Start:a.toks[f].sp.End]) == 'x' {
					runs = append(runs, run{k, f})
					k = f
					break
				}
			}
			if re-k == 1 && len([]rune(a.toks[k].low)) == 1 {
				k = re // a lone initial or interview label (R:)
				continue
			}
			if re-k == 1 && a.isDemonym(k) {
				if headAt < 0 && compAt < 0 {
					headAt = k
				}
				k = re
				continue
			}
			runs = append(runs, run{k, re})
			k = re
			continue
		}
		if compAt < 0 && a.isComplement(k, e) {
			compAt = k
		}
		if headAt < 0 && compAt < 0 {
			if t.head != 0 {
				headAt = k
			}
		}
		k++
	}
	// English compounds end with their head: "company officials", "Kremlin
	// spokesman", "the company's chief executive".
	if headAt >= 0 && a.r.lang == "en" {
		for k := headAt + 1; k < e && (compAt < 0 || k < compAt); k++ {
			t := &a.toks[k]
			if t.low == "'s" || t.low == "’s" {
				continue
			}
			if !t.is(fWord) || t.is(fCap) || t.tq >= 0 {
				break
			}
			if t.head != 0 {
				headAt = k
			}
		}
	}
	hclass := byte(0)
	if headAt >= 0 {
		c.head = a.toks[headAt].low
		if h, ok := a.r.heads[c.head]; ok {
			hclass = h.class
		} else {
			hclass = 'p' // a demonym noun
		}
		c.headClass = hclass
	}
	// R0: a run right after a role or title word, the last such run
	// ("Chief Soviet arms negotiator Yuli Vorontsov").
	for ri := len(runs) - 1; ri >= 0; ri-- {
		r := runs[ri]
		if compAt >= 0 && r.s > compAt && ri > 0 {
			continue // in a complement: "prosecutor James Cole of the Justice Department"
		}
		k := r.s - 1
		for k >= i && (a.isDemonym(k) || a.toks[k].low == "'s") {
			k--
		}
		if k >= i {
			if a.toks[k].head == 'p' && !(r.e-r.s == 1 && a.toks[r.s].is(fUpper) && r.e < e) {
				// (not "la présidente LR de la région": a party acronym
				// qualifying the role)
				// a capitalised role word opening an organisation's name
				// is part of it: "the Economist Intelligence Unit"
				if a.toks[k].is(fCap) && !a.toks[k].is(fSentStart) && a.personLike(r.s, r.e) < 0 {
					// "the Attorney General's Office": back over the
					// capitalised role words
					for k-1 >= i && (a.toks[k-1].is(fCap) && a.toks[k-1].head == 'p' || a.toks[k-1].low == "'s" || a.toks[k-1].low == "’s") {
						k--
					}
					if a.toks[k].is(fCap) {
						return a.named(c, k, r.e)
					}
				}
				return a.named(c, r.s, r.e)
			}
		}
	}
	// R1b: a person's name closing a phrase after other words ("Republican
	// pollster Bill McInturff", "Fox News's Ed Henry").
	if n := len(runs); n > 1 && runs[n-1].e == e && a.personLike(runs[n-1].s, runs[n-1].e) == 1 && (compAt < 0 || compAt > runs[n-1].s || a.nameGender(runs[n-1].s) != 0) {
		return a.named(c, runs[n-1].s, runs[n-1].e)
	}
	// R1: a run closing a phrase headed by an organisation noun, with no
	// complement in between.
	if n := len(runs); n > 0 && runs[n-1].e == e && headAt >= 0 && headAt < runs[n-1].s && (compAt < 0 || compAt > runs[n-1].s) {
		return a.named(c, runs[n-1].s, runs[n-1].e)
	}
	// R2': a role noun after a name: the City manager, the Kremlin
	// spokesman.
	if len(runs) > 0 && runs[len(runs)-1].e < e && (headAt < 0 || headAt == e-1) {
		k := e - 1
		if a.toks[k].head == 'p' && a.toks[k].is(fWord) && !a.toks[k].is(fCap) {
			c.kind, c.ns, c.ne = kDesc, k, k+1
			c.head, c.headClass = a.toks[k].low, 'p'
			c.bare = true
			c.comp = a.slice(runs[0].s, runs[0].e)
			c.cs, c.ce = runs[0].s, runs[0].e
			c.name = a.slice(i, e)
			return c
		}
	}
	// R2o: an institution named by its head noun and a complement (le
	// ministère de l'Intérieur, la Banque de France).
	if headAt == i && hclass == 'o' && compAt > headAt && len(runs) > 0 && runs[0].s > compAt && runs[len(runs)-1].e == e {
		return a.named(c, headAt, e)
	}
	// R2: a description headed by a role or document noun.
	if headAt >= 0 && (hclass == 'p' || hclass == 'd') && (len(runs) == 0 || runs[0].s > headAt) {
		// a person's name closing the description: "le maire de la
		// commune Patrice Leclerc", "le président de l'Assemblée Claude
		// Bartolone"
		if n := len(runs); n > 0 && hclass == 'p' && runs[n-1].e == e && runs[n-1].s > headAt+1 && a.trailingName(runs[n-1].s, runs[n-1].e) {
			return a.named(c, runs[n-1].s, runs[n-1].e)
		}
		c.kind, c.ns, c.ne = kDesc, headAt, headAt+1
		c.bare = compAt < 0 && e-i <= 3
		if compAt >= 0 {
			for _, r := range runs {
				if r.s > compAt {
					c.comp = a.slice(r.s, r.e)
					c.cs, c.ce = r.s, r.e
					if c.plural && hclass == 'p' && a.isClass(compAt, cOf) && a.onlyDets(compAt+1, r.s) {
						// "les proches de Benoît Hamon", not "trois proches
						// de l'ancien ministre de l'Éducation nationale"
						return a.named(c, r.s, r.e)
					}
					break
				}
			}
		}
		c.name = a.slice(i, e)
		if !c.def {
			c.gloss = a.gloss(i, e, headAt, c.comp)
		}
		if !c.def && !c.plural && strings.HasSuffix(c.head, "s") && i == s && len(c.head) > 3 || a.pluralHead(c.head) {
			c.plural = true // bare plural: defense attorneys
		}
		return c
	}
	// R3: the first run; French sentence-case names run on in lower case
	// (la Banque centrale européenne, la Commission nationale de ...).
	if len(runs) > 0 {
		r := runs[0]
		end := r.e
		if r.s == i && a.r.lang != "en" {
			k := r.e
			for k < e && a.toks[k].is(fWord) && !a.toks[k].is(fCap) && a.toks[k].tq < 0 {
				k++
			}
			if k == e {
				end = e
			}
		}
		return a.named(c, r.s, end)
	}
	// R4: any other description with a known head ("the common council").
	if headAt < 0 {
		for k := e - 1; k >= i; k-- {
			if a.toks[k].head != 0 && !a.toks[k].is(fCap) && (compAt < 0 || k < compAt) {
				headAt = k
				break
			}
		}
	}
	if headAt >= 0 {
		c.kind, c.ns, c.ne = kDesc, headAt, headAt+1
		c.head = a.toks[headAt].low
		c.bare = compAt < 0 && e-i <= 3
		c.name = a.slice(i, e)
		if !c.def {
			c.gloss = a.gloss(i, e, headAt, "")
		}
		if !c.def && strings.HasSuffix(c.head, "s") && i == s && len(c.head) > 3 || a.pluralHead(c.head) {
			c.plural = true
		}
	}
	return c
}

// onlyDets reports whether the tokens [s, e) are all determiners.
func (a *analyzer) onlyDets(s, e int) bool {
	for k := s; k < e; k++ {
		if !a.isClass(k, cDet) {
			return false
		}
	}
	return true
}

// trailingName reports a person's name run [s, e) that closes a role
// description after a common noun or another name (an apposition without
// a comma): two words or more, no organisation word, and a known first
// name unless a lower-case noun comes before it.
func (a *analyzer) trailingName(s, e int) bool {
	if a.personLike(s, e) != 1 || s == 0 {
		return false
	}
	p := &a.toks[s-1]
	if p.is(fWord) && !p.is(fCap) && p.cls&(cOf|cDet|cPrep|cClause|cAux|cPron) == 0 && p.q < 0 {
		return true
	}
	return p.is(fCap) && a.c.firstName(a.d.Text[a.toks[s].sp.Start:a.toks[s].sp.End]) != 0
}

// pluralHead reports a head noun whose singular is a head too (officials,
// responsables, témoins).
func (a *analyzer) pluralHead(h string) bool {
	if len(h) < 4 || !(strings.HasSuffix(h, "s") || strings.HasSuffix(h, "x")) {
		return false
	}
	_, ok := a.r.heads[h[:len(h)-1]]
	return ok
}
