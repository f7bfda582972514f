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
			"fr negotiation between countries", "fr",
			"Les négociations entre la Russie et la Corée du Nord progressent.",
			map[string]string{"Russie": "LOC russia", "Corée du Nord": "LOC nk"},
			nil,
			[]string{"NEGOTIATE russia,nk - - -"},
		},
		{
			"en visit", "en",
			"The president will visit Paris from Berlin on Monday.",
			map[string]string{"Paris": "LOC paris", "Berlin": "LOC berlin"},
			map[string]string{"on Monday": "2024-01-08"},
			[]string{"TRAVEL - paris berlin 2024-01-08"},
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
