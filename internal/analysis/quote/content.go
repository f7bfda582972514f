// The reported content of an attribution: where it starts and ends, and
// quotes introduced by a colon.

package quote

// quoteAfterColon returns the quote a colon introduces: right after it, or
// opening the next unit or the next paragraph.
func (a *analyzer) quoteAfterColon(ui, colon int) int {
	u := a.units[ui]
	k := colon + 1
	if k < u.b {
		if a.toks[k].is(fOpen) {
			return int(a.toks[k].q)
		}
		return -1
	}
	if ui+1 < len(a.units) {
		n := a.units[ui+1]
		if n.para != u.para && n.para != a.nextKept(u.para) {
			return -1
		}
		if a.toks[n.a].is(fOpen) {
			return int(a.toks[n.a].q)
		}
	}
	return -1
}

// nextKept returns the kept paragraph after pi, or -1.
func (a *analyzer) nextKept(pi int) int {
	for k := pi + 1; k < len(a.d.Paragraphs); k++ {
		if !a.d.Paragraphs[k].Removed {
			return k
		}
	}
	return -1
}

// contentEnd returns the end of reported content starting at s: the end
// of the unit, a semicolon, or a comma before a participle cue, a relay or
// an incise.
func (a *analyzer) contentEnd(u unit, s int) int {
	j := s
	for j < u.b {
		t := &a.toks[j]
		if t.q >= 0 {
			j = a.quotes[t.q].end
			continue
		}
		if t.low == ";" {
			break
		}
		if t.low == ":" && j+1 < u.b && a.toks[j+1].is(fOpen) {
			break // "... : « quote »": the quote is direct speech of its own
		}
		if t.low == "," && j+1 < u.b {
			n := j + 1
			if c, ok := a.cueAt(n); ok && c.part {
				break
			}
			if a.prepCueAt(n, u) > 0 {
				break
			}
			if a.inciseAhead(n, u) {
				break
			}
		}
		j++
	}
	for j > s {
		l := a.toks[j-1].low
		if l == "." || l == "," || l == ";" || l == ":" || l == "—" || l == "–" {
			j--
			continue
		}
		break
	}
	return j
}

// inciseAhead reports an attribution clause from n to the end of the unit
// (", a déclaré X.", ", a-t-il ajouté", ", X said.").
func (a *analyzer) inciseAhead(n int, u unit) bool {
	for k := n; k < u.b && k < n+5; k++ {
		if c, ok := a.cueAt(k); ok && !c.part && !a.toks[k].is(fCap) {
			return u.b-k <= 10
		}
		if !(a.toks[k].is(fWord) || a.isNameDot(k)) {
			return false
		}
	}
	return false
}

// regionStart returns where content before a cue may start in the unit:
// after what earlier attributions used, and after an opening connective
// ("Toutefois,", "Pendant ce temps,").
func (a *analyzer) regionStart(ui int) int {
	u := a.units[ui]
	s := a.ucur
	if s < u.a {
		s = u.a
	}
	for s < u.b && a.consumed[s] {
		s++
	}
	a.ucur = s
	for s < u.b && isLeadPunct(a.toks[s].low) {
		s++
	}
	if s < u.b && a.isClass(s, cConn) && a.toks[s].q < 0 {
		for k := s; k < u.b && k < s+5; k++ {
			if a.toks[k].low == "," {
				return k + 1
			}
			if !a.toks[k].is(fWord) {
				break
			}
		}
		switch a.toks[s].low {
		case "mais", "but", "and", "et", "or", "yet":
			return s + 1
		}
	}
	return s
}

// isLeadPunct reports punctuation that never opens reported content: a
// comma, or a dash after a dateline or before a list item ("5 juillet 2012.
// - Un lycéen ..., indique le ministère").
func isLeadPunct(w string) bool {
	switch w {
	case ",", "-", "–", "—", "―":
		return true
	}
	return false
}

// wordsOutside counts words in [s, e) outside speech quotes and lists the
// quotes there.
func (a *analyzer) wordsOutside(s, e int) (int, []int) {
	n := 0
	var qs []int
	for k := s; k < e; {
		t := &a.toks[k]
		if t.q >= 0 {
			qs = append(qs, int(t.q))
			k = a.quotes[t.q].end
			continue
		}
		if t.is(fWord) {
			n++
		}
		k++
	}
	return n, qs
}

// content records reported content [s, e): an indirect quote when it has
// at least minWords words of its own, and its inner quotes as direct
// quotes of the same speaker.
func (a *analyzer) content(s, e, ai int, conf float64, minWords int) {
	if s >= e {
		return
	}
	n, qs := a.wordsOutside(s, e)
	how := howContent
	if n < 2 && len(qs) > 0 {
		how = howTarget
	}
	for _, q := range qs {
		a.target(q, ai, how)
	}
	if n >= minWords && how == howContent || n >= minWords && len(qs) == 0 {
		a.indirect = append(a.indirect, indirectRec{span: a.span(s, e), att: ai, conf: conf})
	}
	for k := s; k < e; k++ {
		a.inContent[k] = true
	}
	a.consume(s, e)
	if e > a.ucur {
		a.ucur = e
	}
}

// incise handles an attribution after a closing quotation mark: the quote
// (and any quote before it in the region) is the speaker's; text before the
// quote makes the region reported content ("Le terrain est « ... »,
// précise-t-elle").
func (a *analyzer) incise(ui int, b bound, ai int) {
	q := &a.quotes[b.q]
	s := a.regionStart(ui)
	if s > q.open {
		s = q.open
	}
	// a quote introduced by a colon is direct speech only: the text before
	// the colon is the writer's ("la population se sent lâchée : « ... »,
	// déclare X")
	if q.open > s && a.toks[q.open-1].low == ":" {
		a.consume(s, q.open)
		s = q.open
	}
	a.content(s, q.end, ai, 0.85, 2)
}

// before handles content before a comma and a trailing attribution
// ("..., a déclaré Koffler", "..., selon TASS").
func (a *analyzer) before(ui, comma, ai int, conf float64) {
	s := a.regionStart(ui)
	if s >= comma {
		return
	}
	a.content(s, comma, ai, conf, 3)
}

// zeroThat reports English content without "that" after a say verb
// ("said Collins betrayed a trust", "announced it has voted").
func (a *analyzer) zeroThat(cueAt, j int, u unit, inverted bool) bool {
	if inverted || a.r.lang == "fr" {
		return false
	}
	c, _ := a.cueAt(cueAt)
	if !c.say {
		return false
	}
	t := &a.toks[j]
	if t.q >= 0 && !t.is(fOpen) {
		return false
	}
	switch t.low {
	case "he", "she", "it", "they", "we", "i", "you", "there":
		return a.countWords(j, u.b) >= 3
	}
	if !strongSay[a.toks[cueAt].low] || !t.is(fWord) {
		return false
	}
	if a.isClass(j, cPrep|cAdv|cRel) && !a.isClass(j, cDet) || a.isAdverb(j) {
		return false
	}
	return a.countWords(j, u.b) >= 3
}

// afterModal reports a cue verb after a modal or "to" ("can add
// applications to the store", "will add 500 jobs", "to tell them"): an
// action, whose bare object is no reported content.
func (a *analyzer) afterModal(cueAt int) bool {
	k := cueAt - 1
	for k >= 0 && a.isAdverb(k) {
		k--
	}
	if k < 0 {
		return false
	}
	switch a.toks[k].low {
	case "can", "could", "will", "would", "may", "might", "must", "should", "shall", "to", "cannot", "won't", "can't":
		return true
	}
	return false
}

func (a *analyzer) countWords(s, e int) int {
	n := 0
	for k := s; k < e; k++ {
		if a.toks[k].is(fWord) {
			n++
		}
	}
	return n
}
