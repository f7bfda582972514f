// Relays and settings of a statement: time phrases after a cue, the medium
// (« dans un communiqué »), outlets relaying it and its recipient.

package quote

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// timeEnd returns the end of a time phrase at j (lundi, le mois dernier,
// dimanche soir, last week, on Monday), or j.
func (a *analyzer) timeEnd(j, limit int) int {
	k := j
	if k < limit && !a.toks[k].is(fCap) {
		switch a.toks[k].low {
		case "on", "in", "at", "during", "ce", "cette", "cet", "en", "le", "la", "l'", "this", "that", "early", "late", "since", "depuis":
			if k+1 < limit && (a.isTimeWord(k+1) || a.isClass(k+1, cTimeMod) && k+2 < limit && a.isTimeWord(k+2) ||
				a.toks[k+1].Kind() == 1 && k+2 < limit && a.isTimeWord(k+2)) {
				k++
			}
		}
	}
	if k < limit && a.isClass(k, cTimeMod) && !a.isClass(k, cComp) && k+1 < limit && a.isTimeWord(k+1) {
		k++
	}
	if k < limit && a.toks[k].Kind() == 1 && k+1 < limit && a.isTimeWord(k+1) && k > j {
		k++
	}
	if k >= limit || !a.isTimeWord(k) {
		return j
	}
	k++
	for k < limit && (a.isTimeWord(k) || a.isClass(k, cTimeMod) && !a.isClass(k, cComp|cDet) || a.toks[k].Kind() == 1 && a.toks[k].q < 0) {
		k++
	}
	return k
}

func (a *analyzer) isTimeWord(k int) bool {
	return a.isClass(k, cTime) && a.toks[k].q < 0
}

// setting skips a phrase giving the medium or setting of a statement
// ("dans un communiqué", "lors d'une conférence de presse", "in an
// interview with CNN", "on Twitter") and returns its end, or j. An outlet
// named in it is added to via.
func (a *analyzer) setting(j int, u unit, via *[]doc.Relay) int {
	if !a.isClass(j, cPrep) || a.toks[j].is(fCap) {
		return j
	}
	k := j + 1
	for n := 0; k < u.b && n < 4; n++ {
		if a.toks[k].is(fMedium) {
			break
		}
		// words, capitalised ones too: "in its World Trade Forecast"
		if !(a.isClass(k, cDet|cOf) || a.toks[k].is(fWord)) || a.toks[k].q >= 0 {
			return a.outletAfter(j, u, via)
		}
		k++
	}
	if k >= u.b || !a.toks[k].is(fMedium) {
		return a.outletAfter(j, u, via)
	}
	k++
	for k < u.b && a.toks[k].is(fMedium) {
		k++ // "in a conference call", "at a news conference"
	}
	// "de presse", "accordé au Monde", "with CNN"
	for n := 0; k < u.b && n < 3; n++ {
		l := a.toks[k].low
		if (l == "de" || l == "d'") && k+1 < u.b && !a.toks[k+1].is(fCap) && a.toks[k+1].is(fWord) && !a.isClass(k+1, cDet) {
			k += 2
			continue
		}
		if a.toks[k].is(fWord) && !a.toks[k].is(fCap) && (strings.HasSuffix(l, "é") || strings.HasSuffix(l, "ée") || strings.HasSuffix(l, "ed") || a.isDemonym(k)) {
			k++
			continue
		}
		break
	}
	if k < u.b {
		switch l := a.toks[k].low; l {
		case "à", "au", "aux", "avec", "with", "to", "on", "sur", "de", "du", "d'", "for", "of":
			if e := a.npForward(k+1, u.b); e > k+1 {
				// "dans un entretien au Monde", "in an interview with CNN";
				// not "lors d'une conférence de presse à Washington"
				e = a.personSplit(k+1, e)
				c := a.candidate(k+1, e)
				if c.kind == kName && (l == "au" || l == "aux" || l == "avec" || l == "with" || a.outletLike(c.ns, c.ne)) {
					a.addRelay(via, k+1, e)
				}
				k = e
			}
		}
	}
	return k
}

// personSplit cuts the noun phrase [s, e) before a person's name that
// follows a common noun ("du quotidien Bastien Berthier": the outlet is
// "quotidien", the person the speaker), and returns its new end.
func (a *analyzer) personSplit(s, e int) int {
	for f := s + 1; f < e; f++ {
		if !a.nameTok(f) || a.toks[f-1].is(fCap) || !a.toks[f-1].is(fWord) {
			continue
		}
		if ei := a.entTok[f]; ei >= 0 && a.d.Entities[ei].Type == "PER" || a.c.firstName(a.d.Text[a.toks[f].sp.Start:a.toks[f].sp.End]) != 0 {
			return f
		}
	}
	return e
}

// outletAfter handles "sur France Inter", "on CNN": a preposition and a
// news outlet.
func (a *analyzer) outletAfter(j int, u unit, via *[]doc.Relay) int {
	switch a.toks[j].low {
	case "sur", "on":
	default:
		return j
	}
	e := a.npForward(j+1, u.b)
	if e <= j+1 {
		return j
	}
	c := a.candidate(j+1, e)
	// "sur France Inter", "on CNN": a name right after the preposition
	// (with no determiner) is a station or channel.
	if c.kind == kName && (a.outletLike(c.ns, c.ne) || c.ns == j+1 && a.c.firstName(a.d.Text[a.toks[c.ns].sp.Start:a.toks[c.ns].sp.End]) == 0 && a.entityType(c.ns, c.ne) != "PER") {
		a.addRelay(via, c.ns, c.ne)
		// "sur BFMTV et RMC": a second outlet
		if e+1 < u.b && (a.toks[e].low == "et" || a.toks[e].low == "and") && a.nameTok(e+1) {
			if e2 := a.runEnd(e+1, u.b); e2 > e+1 && a.outletLike(e+1, e2) {
				a.addRelay(via, e+1, e2)
				return e2
			}
		}
		return e
	}
	return j
}

// recipient records who a statement was made to; outlets are relays too.
func (a *analyzer) recipient(r *afterCue, s, e int, u unit) {
	c := a.candidate(s, e)
	medium := false
	for k := s; k < e; k++ {
		if a.toks[k].is(fMedium) {
			medium = true
		}
	}
	if c.kind == kNone {
		return
	}
	ns, ne := c.ns, c.ne
	if c.kind == kDesc && !medium {
		ns, ne = s, e
		if a.isClass(ns, cDet) {
			ns++
		}
	}
	rel := a.relay(ns, ne)
	r.to = append(r.to, rel)
	if medium || c.kind == kName && a.outletLike(ns, ne) {
		a.pushVia(&r.via, rel)
	}
}

// relay builds a relay for tokens [s, e), linked to an entity if one
// covers it.
func (a *analyzer) relay(s, e int) doc.Relay {
	rel := doc.Relay{Name: a.slice(s, e), Span: a.span(s, e)}
	if ei := a.entityOf(s, e); ei >= 0 {
		rel.Name, rel.EntityID = a.d.Entities[ei].Name, a.d.Entities[ei].ID
	}
	return rel
}

func (a *analyzer) pushVia(via *[]doc.Relay, rel doc.Relay) {
	for _, v := range *via {
		if v.Name == rel.Name {
			return
		}
	}
	*via = append(*via, rel)
	a.outlets = append(a.outlets, relayRef{relay: rel, pos: tokenAt(a.toks, rel.Span.Start)})
}

// addRelay adds the outlet named by the phrase [s, e) to via.
func (a *analyzer) addRelay(via *[]doc.Relay, s, e int) {
	c := a.candidate(s, e)
	switch {
	case c.kind == kName:
		a.pushVia(via, a.relay(c.ns, c.ne))
	case c.kind == kDesc && c.headClass == 'd' && c.comp != "":
		a.pushVia(via, a.relay(c.cs, c.ce))
	case c.kind == kDesc && c.headClass == 'd' && c.def:
		if o := a.lastOutlet(s); o != nil {
			a.pushVia(via, *o)
		}
	}
}

// relayPhrase adds the relay of "selon X" after an attribution.
func (a *analyzer) relayPhrase(via *[]doc.Relay, s, e int, u unit) {
	a.addRelay(via, s, e)
}

// skipCiting skips "citant X" after a relay (the quoted source is the
// attribution's own speaker).
func (a *analyzer) skipCiting(j int, u unit, via *[]doc.Relay) int {
	if j < u.b && isRelayWord(a.toks[j].low) {
		if e := a.npForward(j+1, u.b); e > j+1 {
			return e
		}
	}
	return j
}

// lastOutlet returns the last outlet seen before token pos.
func (a *analyzer) lastOutlet(pos int) *doc.Relay {
	for k := len(a.outlets) - 1; k >= 0; k-- {
		if a.outlets[k].pos < pos {
			return &a.outlets[k].relay
		}
	}
	return nil
}

// entityType returns the type of the entity covering [s, e), or "".
func (a *analyzer) entityType(s, e int) string {
	if ei := a.entityOf(s, e); ei >= 0 {
		return a.d.Entities[ei].Type
	}
	return ""
}

// outletLike reports names of news outlets and agencies.
func (a *analyzer) outletLike(s, e int) bool {
	if ei := a.entityOf(s, e); ei >= 0 && a.d.Entities[ei].Type == "PER" {
		return false
	}
	for k := s; k < e; k++ {
		surf := a.d.Text[a.toks[k].sp.Start:a.toks[k].sp.End]
		if a.c.outletWords[surf] {
			return true
		}
	}
	return e-s == 1 && a.toks[s].is(fUpper)
}
