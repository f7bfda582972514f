// Package event finds events in sentences: a trigger word from a
// per-language lexicon (meet, travel, negotiate, attack, elect, sentence,
// arrest, die, fire), with the entities mentioned in the same sentence as
// participants, a place and an origin from locative phrases, and the time
// of the sentence's first resolved time expression.
//
// It is deliberately shallow (no parser): one event per trigger type and
// sentence, participants limited to people and organisations (places and
// countries for negotiations). It reads the entity and time layers and
// never changes them.
package event

import (
	"context"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/analysis"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/lang"
	"github.com/newsgraph/newsgraph/internal/lexicon"
)

// Name is the stage name recorded on annotations.
const Name = "event"

type trigger struct {
	typ    string
	form   string
	prefix bool
	origin bool   // the direct object is the origin
	place  bool   // the direct object is the place
	verb   bool   // a verb form: after a determiner it is a noun of another sense
	second string // the second word of a two-word form ("se rendre"), form holding the first
}

type tables struct {
	triggers []trigger
	locPreps map[string]bool
	fromPrep map[string]bool
	dets     map[string]bool // determiners: "l'arrêté" is a decree, "les élus" officials
}

// Stage is the event stage; safe for concurrent use.
type Stage struct {
	byLang map[string]*tables
}

// New loads the trigger lexicons.
func New() *Stage {
	s := &Stage{byLang: map[string]*tables{}}
	dets := map[string][]string{
		"fr": {"le", "la", "l'", "l’", "les", "un", "une", "du", "des", "au", "aux", "ce", "cet", "cette", "ces",
			"son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos"},
		"en": {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "your"},
	}
	preps := map[string][2][]string{
		"fr": {{"à", "en", "au", "aux", "dans", "vers", "sur"}, {"de", "d’", "d'", "depuis"}},
		"en": {{"in", "to", "at", "into", "inside", "toward", "towards"}, {"from"}},
	}
	for _, tag := range []string{"fr", "en"} {
		t := &tables{locPreps: map[string]bool{}, fromPrep: map[string]bool{}, dets: map[string]bool{}}
		for _, w := range dets[tag] {
			t.dets[w] = true
		}
		for _, l := range lexicon.Lines(tag, "events") {
			f := strings.Split(l, "\t")
			if len(f) < 2 {
				continue
			}
			tr := trigger{typ: f[0], form: strings.ToLower(f[1])}
			if first, second, ok := strings.Cut(tr.form, " "); ok {
				tr.form, tr.second = first, second
			}
			if strings.HasSuffix(tr.form, "*") {
				tr.form, tr.prefix = strings.TrimSuffix(tr.form, "*"), true
			}
			if len(f) > 2 {
				tr.origin, tr.place, tr.verb = f[2] == "origin", f[2] == "place", f[2] == "verb"
			}
			t.triggers = append(t.triggers, tr)
		}
		for _, p := range preps[tag][0] {
			t.locPreps[p] = true
		}
		for _, p := range preps[tag][1] {
			t.fromPrep[p] = true
		}
		s.byLang[tag] = t
	}
	return s
}

// Spec implements analysis.Stage.
func (*Stage) Spec() analysis.Spec {
	return analysis.Spec{
		Name:     Name,
		Requires: []analysis.Layer{analysis.LayerTokens, analysis.LayerSentences, analysis.LayerRemoved, analysis.LayerEntities, analysis.LayerTimes, analysis.LayerQuotes},
		Provides: []analysis.Layer{analysis.LayerEvents},
	}
}

type mention struct {
	span doc.Span
	ent  *doc.Entity
}

// Analyze implements analysis.Stage.
func (s *Stage) Analyze(ctx context.Context, d *doc.Document) error {
	t := s.byLang[lang.Base(d.Lang)]
	if t == nil {
		return nil
	}
	var ms []mention
	for i := range d.Entities {
		for _, m := range d.Entities[i].Mentions {
			ms = append(ms, mention{m.Span, &d.Entities[i]})
		}
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].span.Start < ms[j].span.Start })
	for _, sent := range d.KeptSentences() {
		if err := ctx.Err(); err != nil {
			return err
		}
		toks := d.TokensIn(sent.Span)
		seen := map[string]bool{}
		for ti, tok := range toks {
			w := strings.ToLower(d.Slice(tok.Span()))
			tr := t.match(w, toks, ti, d)
			if tr == nil || seen[tr.typ] {
				continue
			}
			ev := s.build(d, t, tr, tok.Span(), scope(d, sent.Span, tok.Span()), toks, ms)
			if len(ev.Participants) == 0 {
				continue // a trigger word used without anyone doing it
			}
			seen[tr.typ] = true
			d.Events = append(d.Events, ev)
		}
	}
	return nil
}

// isSource reports whether a mention names the speaker of a quote, an
// outlet relaying it or its recipient: sources are not event participants.
func isSource(d *doc.Document, s doc.Span) bool {
	for _, q := range d.Quotes {
		if q.Speaker.Span.Overlaps(s) {
			return true
		}
		for _, r := range append(q.Via[:len(q.Via):len(q.Via)], q.To...) {
			if r.Span.Overlaps(s) {
				return true
			}
		}
	}
	return false
}

// scope returns where an event's arguments are looked for: the content of
// the quote holding the trigger when there is one (the speaker and the
// outlets relaying the statement are not participants), else the sentence.
func scope(d *doc.Document, sent, trig doc.Span) doc.Span {
	best := sent
	for _, q := range d.Quotes {
		if q.Span.Contains(trig) && q.Span.Len() < best.Len() || q.Span.Contains(trig) && !sent.Contains(q.Span) {
			best = doc.Span{Start: max(q.Span.Start, sent.Start), End: min(q.Span.End, sent.End)}
		}
	}
	return best
}

func (t *tables) match(w string, toks []doc.Token, i int, d *doc.Document) *trigger {
	next, nextDone := "", false
	for k := range t.triggers {
		tr := &t.triggers[k]
		if tr.second != "" {
			// Two-word forms ("se rendre"): this word and the next.
			if w != tr.form || i+1 >= len(toks) {
				continue
			}
			if !nextDone {
				next, nextDone = strings.ToLower(d.Slice(toks[i+1].Span())), true
			}
			if next == tr.second {
				return tr
			}
			continue
		}
		if w == tr.form || (tr.prefix && strings.HasPrefix(w, tr.form)) {
			if tr.verb && i > 0 && t.dets[strings.ToLower(d.Slice(toks[i-1].Span()))] {
				return nil // "l'arrêté préfectoral", "les élus", "the left"
			}
			return tr
		}
	}
	return nil
}

func (s *Stage) build(d *doc.Document, t *tables, tr *trigger, trig, sent doc.Span, toks []doc.Token, ms []mention) doc.Event {
	ev := doc.Event{Span: trig, Type: tr.typ, Stage: Name}
	prevWord := func(at int) string {
		for i := len(toks) - 1; i >= 0; i-- {
			if toks[i].Span().End <= at {
				return strings.ToLower(d.Slice(toks[i].Span()))
			}
		}
		return ""
	}
	added := map[string]bool{}
	for _, m := range ms {
		if !sent.Contains(m.span) || isSource(d, m.span) {
			continue
		}
		id := m.ent.ID
		switch m.ent.Type {
		case "LOC":
			p := prevWord(m.span.Start)
			switch {
			case tr.origin && m.span.Start > trig.End && ev.Origin == "" && !t.locPreps[p]:
				ev.Origin = id
			case tr.place && m.span.Start > trig.End && ev.Place == "" && !t.fromPrep[p] && !t.locPreps[p]:
				ev.Place = id
			case t.fromPrep[p] && ev.Origin == "" && m.span.Start > trig.Start:
				ev.Origin = id
			case t.locPreps[p] && ev.Place == "":
				ev.Place = id
			case tr.typ == "NEGOTIATE" && !added[id]:
				ev.Participants = append(ev.Participants, id)
				added[id] = true
			}
		case "PER", "ORG":
			if !added[id] && len(ev.Participants) < 4 {
				ev.Participants = append(ev.Participants, id)
				added[id] = true
			}
		}
	}
	for _, tm := range d.Times {
		if sent.Contains(tm.Span) && tm.Value != "" && tm.Type != "DURATION" {
			ev.Time = tm.Value
			break
		}
	}
	return ev
}
