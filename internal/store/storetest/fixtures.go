package storetest

import (
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// builder makes annotated documents for tests: spans are found by
// searching the text, so fixtures read like the articles they model.
type builder struct {
	d *doc.Document
}

func newDoc(source, lang, date, title, text string) *builder {
	d := &doc.Document{
		Source: source, Text: text, Title: title, Lang: lang, LangSource: "header", LangConfidence: 1,
		Body: doc.Span{Start: 0, End: len(text)}, ID: doc.HashID(text), Outlet: "",
	}
	if date != "" {
		var y, m, dd int
		n, _ := fmt.Sscanf(date, "%d-%d-%d", &y, &m, &dd)
		d.Published = doc.Date{Year: y, Month: m, Day: dd, Precision: doc.Precision(n)}
	}
	start := 0
	for _, p := range strings.Split(text, "\n\n") {
		d.Paragraphs = append(d.Paragraphs, doc.Paragraph{Span: doc.Span{Start: start, End: start + len(p)}})
		start += len(p) + 2
	}
	return &builder{d: d}
}

// span finds the nth (0-based) occurrence of s; it panics when absent,
// which is a bug in the fixture.
func (b *builder) span(s string, nth int) doc.Span {
	from := 0
	for {
		i := strings.Index(b.d.Text[from:], s)
		if i < 0 {
			panic(fmt.Sprintf("fixture: %q not in %s", s, b.d.Source))
		}
		if nth == 0 {
			return doc.Span{Start: from + i, End: from + i + len(s)}
		}
		nth--
		from += i + len(s)
	}
}

// entity adds an entity with mentions: "text" is the first occurrence,
// "text#n" the nth (0-based).
func (b *builder) entity(id, typ, name, kb string, names []string, mentions ...string) *builder {
	e := doc.Entity{ID: id, Name: name, Names: names, Type: typ, KBID: kb, Stage: "test"}
	for _, m := range mentions {
		nth := 0
		if i := strings.LastIndexByte(m, '#'); i > 0 {
			fmt.Sscanf(m[i+1:], "%d", &nth)
			m = m[:i]
		}
		e.Mentions = append(e.Mentions, doc.Mention{Span: b.span(m, nth), Text: m, Stage: "test"})
	}
	b.d.Entities = append(b.d.Entities, e)
	return b
}

func (b *builder) role(entityID, text string) *builder {
	for i := range b.d.Entities {
		if b.d.Entities[i].ID == entityID {
			b.d.Entities[i].Roles = append(b.d.Entities[i].Roles, doc.Role{Text: text, Span: b.span(text, 0)})
		}
	}
	return b
}

// quote adds a quote; speaker is an entity id ("" for none) or, prefixed
// with "name:", an unlinked speaker name.
func (b *builder) quote(text, kind, speaker string, via ...string) *builder {
	q := doc.Quote{Span: b.span(text, 0), Kind: kind, Confidence: 0.9, Stage: "test"}
	if name, ok := strings.CutPrefix(speaker, "name:"); ok {
		q.Speaker = doc.Speaker{Name: name}
	} else if speaker != "" {
		q.Speaker = doc.Speaker{EntityID: speaker}
		for _, e := range b.d.Entities {
			if e.ID == speaker {
				q.Speaker.Name = e.Name
			}
		}
	}
	for _, v := range via {
		q.Via = append(q.Via, doc.Relay{Name: v})
	}
	b.d.Quotes = append(b.d.Quotes, q)
	return b
}

func (b *builder) removed(text, kind string) *builder {
	sp := b.span(text, 0)
	b.d.Removed = append(b.d.Removed, doc.Removed{Span: sp, Kind: kind, Reason: "test", Stage: "clean"})
	for i, p := range b.d.Paragraphs {
		if p.Span.Overlaps(sp) {
			b.d.Paragraphs[i].Removed = true
		}
	}
	return b
}

func (b *builder) time(text, value string) *builder {
	b.d.Times = append(b.d.Times, doc.Timex{Span: b.span(text, 0), Type: "DATE", Value: value, Stage: "test"})
	return b
}

func (b *builder) quantity(text string, v float64, unit string, si *doc.SI) *builder {
	b.d.Quantities = append(b.d.Quantities, doc.Quantity{Span: b.span(text, 0), Value: v, Unit: unit, SI: si, Stage: "test"})
	return b
}

func (b *builder) event(trigger, typ string, participants ...string) *builder {
	b.d.Events = append(b.d.Events, doc.Event{Span: b.span(trigger, 0), Type: typ, Participants: participants, Stage: "test"})
	return b
}

// Corpus returns the fixture documents of the suite: French and English
// articles sharing entities under different names.
func Corpus() []*doc.Document {
	fr1 := newDoc("fr1.txt", "fr", "2023-09-11", "Kim Jong Un rencontrera Vladimir Poutine",
		"Le dirigeant nord-coréen Kim Jong Un rencontrera le président russe Vladimir Poutine, a annoncé le Kremlin.\n\n"+
			"« Les négociations sur les armements progressent activement », a déclaré John Kirby, selon Fox News Digital.\n\n"+
			"Les États-Unis menacent la Corée du Nord\n\n"+
			"Le train a parcouru 683 milles lundi. « Poutine recevra Kim à Vladivostok », a ajouté un responsable.").
		entity("e1", "PER", "Kim Jong Un", "Q56226", []string{"Kim Jong Un", "Kim Jong-un"}, "Kim Jong Un", "Kim#1").
		entity("e2", "PER", "Vladimir Putin", "Q7747", []string{"Vladimir Putin", "Vladimir Poutine", "Poutine"}, "Vladimir Poutine", "Poutine#1").
		entity("e3", "PER", "John Kirby", "", []string{"John Kirby"}, "John Kirby").
		entity("e4", "ORG", "Kremlin", "", nil, "Kremlin").
		role("e1", "dirigeant nord-coréen").role("e2", "président russe").
		quote("Les négociations sur les armements progressent activement", "direct", "e3", "Fox News Digital").
		quote("Poutine recevra Kim à Vladivostok", "direct", "").
		removed("Les États-Unis menacent la Corée du Nord", "teaser").
		time("lundi", "2023-09-11").
		quantity("683 milles", 683, "mi", &doc.SI{Value: 1099.2, Unit: "km"}).
		event("rencontrera", "MEET", "e1", "e2").d

	en1 := newDoc("en1.txt", "en", "2023-10-02", "Putin says elections will be held",
		"Russian President Vladimir Putin said the presidential elections would be held in March.\n\n"+
			"\"The elections will be free and fair,\" Putin told reporters, according to Reuters.\n\n"+
			"Analysts were not convinced by the negotiations.").
		entity("p", "PER", "Vladimir Putin", "Q7747", []string{"Vladimir Putin", "Putin"}, "Vladimir Putin", "Putin#1").
		entity("r", "ORG", "Reuters", "", nil, "Reuters").
		role("p", "Russian President").
		quote("The elections will be free and fair", "direct", "p", "Reuters").
		time("March", "2024-03").d

	en2 := newDoc("en2.txt", "en", "2022-05", "Kirby on talks",
		"John Kirby said the talks were \"moving forward\" with North Korea.\n\n"+
			"\"We are watching closely,\" said Kirby, the National Security Council spokesman.").
		entity("k", "PER", "John Kirby", "", []string{"John Kirby", "Kirby"}, "John Kirby", "Kirby#1").
		entity("nk", "LOC", "North Korea", "Q423", []string{"North Korea", "Corée du Nord"}, "North Korea").
		role("k", "National Security Council spokesman").
		quote("moving forward", "mixed", "k").
		quote("We are watching closely", "direct", "name:John Kirby").d
	en2.Outlet = "Fox News"

	fr2 := newDoc("fr2.txt", "fr", "2021", "Élections régionales",
		"Les élections régionales ont eu lieu dimanche. Le taux de participation était faible.\n\n"+
			"« C'est une élection historique », a estimé Marie Dupont.").
		entity("m", "PER", "Marie Dupont", "", nil, "Marie Dupont").
		quote("C'est une élection historique", "direct", "m").d
	return []*doc.Document{fr1, en1, en2, fr2}
}

// XSSDocument is an article whose text and title try to inject markup.
func XSSDocument() *doc.Document {
	return newDoc("xss.txt", "en", "2024-01-01", `<script>window.__xss=1</script>" onmouseover="window.__xss=2`,
		"Hello <script>window.__xss=3</script> world \" onmouseover=\"window.__xss=4\" x='<img src=x onerror=window.__xss=5>'.\n\n"+
			"\"<b>bold</b> claims\", said Mallory <i>Evil</i>.").
		entity("x", "PER", `Mallory <i>Evil</i>`, "", nil, `Mallory <i>Evil</i>`).
		quote(`<b>bold</b> claims`, "direct", "x").d
}
