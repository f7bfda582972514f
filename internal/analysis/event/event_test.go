package event

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/analysis/segment"
	"github.com/newsgraph/newsgraph/internal/doc"
)

// build makes a segmented document and marks entities and times by their
// surface text: ents maps a surface to "TYPE id".
func build(t *testing.T, lang, text string, ents map[string]string, times map[string]string) *doc.Document {
	t.Helper()
	d := &doc.Document{Text: text, Body: doc.Span{End: len(text)}, Lang: lang}
	if err := segment.New().Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	byID := map[string]int{}
	for surface, spec := range ents {
		typ, id, _ := strings.Cut(spec, " ")
		i := strings.Index(text, surface)
		if i < 0 {
			t.Fatalf("%q not in text", surface)
		}
		k, ok := byID[id]
		if !ok {
			d.Entities = append(d.Entities, doc.Entity{ID: id, Name: id, Type: typ})
			k = len(d.Entities) - 1
			byID[id] = k
		}
		d.Entities[k].Mentions = append(d.Entities[k].Mentions, doc.Mention{Span: doc.Span{Start: i, End: i + len(surface)}})
	}
	if i := strings.Index(text, ", a déclaré Peskov selon Reuters"); i >= 0 {
		sp := func(w string) doc.Span { j := strings.Index(text, w); return doc.Span{Start: j, End: j + len(w)} }
		d.Quotes = append(d.Quotes, doc.Quote{Span: doc.Span{End: i}, Kind: "indirect", Speaker: doc.Speaker{Span: sp("Peskov")}, Via: []doc.Relay{{Span: sp("Reuters")}}})
	}
	for surface, value := range times {
		i := strings.Index(text, surface)
		d.Times = append(d.Times, doc.Timex{Span: doc.Span{Start: i, End: i + len(surface)}, Type: "DATE", Value: value})
	}
	return d
}

func TestEvents(t *testing.T) {
	tests := []struct {
		name, lang, text string
		ents, times      map[string]string
		want             []string // "TYPE participants place origin time"
	}{
		{
			"fr meeting with place and time", "fr",
			"Kim rencontrera Poutine en Russie dans les prochains jours.",
			map[string]string{"Kim": "PER kim", "Poutine": "PER putin", "Russie": "LOC russia"},
			map[string]string{"dans les prochains jours": "FUTURE_REF"},
			[]string{"MEET kim,putin russia - FUTURE_REF"},
		},
		{
			"fr departure gives the origin", "fr",
			"Le train de Kim a quitté Pyongyang dimanche soir pour arriver à Vladivostok.",
			map[string]string{"Kim": "PER kim", "Pyongyang": "LOC pyongyang", "Vladivostok": "LOC vladivostok"},
			map[string]string{"dimanche soir": "2023-09"},
			[]string{"TRAVEL kim vladivostok pyongyang 2023-09"},
		},
		{
			"fr two-word trigger", "fr",
			"Kim doit se rendre en Russie.",
			map[string]string{"Kim": "PER kim", "Russie": "LOC russia"}, nil,
			[]string{"TRAVEL kim russia - -"},
		},
		{
			"fr negotiation between countries", "fr",
			"Les négociations entre la Russie et la Corée du Nord progressent.",
			map[string]string{"Russie": "LOC russia", "Corée du Nord": "LOC nk"},
			nil,
			[]string{"NEGOTIATE russia,nk - - -"},
		},
		{
			"en visit", "en",
			"Macron will visit Paris from Berlin on Monday.",
			map[string]string{"Macron": "PER macron", "Paris": "LOC paris", "Berlin": "LOC berlin"},
			map[string]string{"on Monday": "2024-01-08"},
			[]string{"TRAVEL macron paris berlin 2024-01-08"},
		},
		{
			"en trigger without participant gives nothing", "en",
			"The president will visit Paris on Monday.",
			map[string]string{"Paris": "LOC paris"}, nil, nil,
		},
		{
			"fr the speaker and the relaying outlet are not participants", "fr",
			"Poutine rencontrera Kim, a déclaré Peskov selon Reuters.",
			map[string]string{"Poutine": "PER putin", "Kim": "PER kim", "Peskov": "PER peskov", "Reuters": "ORG reuters"},
			nil,
			[]string{"MEET putin,kim - - -"},
		},
		{
			"fr a participle after a determiner is a noun", "fr",
			"L'arrêté pris samedi par le ministre Olivier Véran ferme les bars. Les élus de Paris ont voté.",
			map[string]string{"Olivier Véran": "PER veran", "Paris": "LOC paris"}, nil, nil,
		},
		{
			"fr the participle as a verb", "fr",
			"Le suspect Paul Martin a été arrêté samedi à Lyon.",
			map[string]string{"Paul Martin": "PER martin", "Lyon": "LOC lyon"}, nil,
			[]string{"ARREST martin lyon - -"},
		},
		{
			"en no trigger", "en",
			"The weather was mild in London.",
			map[string]string{"London": "LOC london"}, nil, nil,
		},
		{
			"unsupported language gives nothing", "de",
			"Merkel traf Macron in Paris.",
			map[string]string{"Merkel": "PER merkel"}, nil, nil,
		},
	}
	s := New()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := build(t, tc.lang, tc.text, tc.ents, tc.times)
			if err := s.Analyze(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range d.Events {
				dash := func(s string) string {
					if s == "" {
						return "-"
					}
					return s
				}
				p := strings.Join(e.Participants, ",")
				got = append(got, strings.Join([]string{e.Type, dash(p), dash(e.Place), dash(e.Origin), dash(e.Time)}, " "))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("events\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestRemovedSentencesIgnored(t *testing.T) {
	d := build(t, "en", "Leaders meet in Rome.", map[string]string{"Rome": "LOC rome"}, nil)
	d.Removed = []doc.Removed{{Span: doc.Span{End: len(d.Text)}}}
	New().Analyze(context.Background(), d)
	if len(d.Events) != 0 {
		t.Errorf("event found in a removed part: %+v", d.Events)
	}
}
