package doc

import (
	"strings"
	"testing"
)

func TestDateString(t *testing.T) {
	for _, tc := range []struct {
		d    Date
		want string
	}{
		{Date{}, ""},
		{Date{Year: 2023, Precision: PrecYear}, "2023"},
		{Date{Year: 2023, Month: 9, Precision: PrecMonth}, "2023-09"},
		{Date{Year: 2023, Month: 9, Day: 1, Precision: PrecDay}, "2023-09-01"},
	} {
		if got := tc.d.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.d, got, tc.want)
		}
	}
}

// TestWireSpans checks byte → code-point conversion on ASCII and on
// multi-byte text, including spans that start inside a rune.
func TestWireSpans(t *testing.T) {
	for _, tc := range []struct {
		text string
		span Span
		want WireSpan
	}{
		{"abc def", Span{4, 7}, WireSpan{4, 7}},
		{"« Été », dit-il", Span{3, 8}, WireSpan{2, 5}}, // "Été"
		{"😀 ok", Span{5, 7}, WireSpan{2, 4}},            // after a 4-byte rune
		{"é", Span{1, 2}, WireSpan{0, 1}},               // mid-rune start maps to the rune
		{"ab", Span{-3, 99}, WireSpan{0, 2}},            // clamped
	} {
		ri := newRuneIndex(tc.text)
		if got := ri.span(tc.span); got != tc.want {
			t.Errorf("%q %v: %v, want %v", tc.text, tc.span, got, tc.want)
		}
	}
}

func TestToWire(t *testing.T) {
	text := "date 2023-09 Le président a parlé. CLIQUEZ ICI"
	d := &Document{Source: "x.txt", Text: text, ID: HashID(text), Lang: "fr",
		Published: Date{Year: 2023, Month: 9, Precision: PrecMonth}}
	i := strings.Index(text, "CLIQUEZ")
	d.Removed = []Removed{{Span: Span{i, len(text)}, Kind: "boilerplate", Stage: "clean"}}
	d.Entities = []Entity{{ID: "e1", Name: "President", Type: "PER", Mentions: []Mention{{Span: Span{13, 26}}}}}
	d.Quotes = []Quote{{Span: Span{13, 35}, Kind: "indirect", Speaker: Speaker{EntityID: "e1"}}}
	d.Times = []Timex{{Span: Span{0, 4}, Type: "DATE"}}
	w := ToWire(d)
	if w.Published == nil || w.Published.Value != "2023-09" || w.Published.Precision != "month" {
		t.Errorf("published %+v", w.Published)
	}
	if w.Removed[0].Text != "CLIQUEZ ICI" {
		t.Errorf("removed text %q", w.Removed[0].Text)
	}
	if w.Entities[0].Mentions[0].Text != "Le président" || w.Entities[0].Mentions[0].Span != (WireSpan{13, 25}) {
		t.Errorf("mention %+v", w.Entities[0].Mentions[0])
	}
	if w.Quotes[0].Speaker == nil || w.Quotes[0].Speaker.Name != "President" {
		t.Errorf("speaker name not filled from the entity: %+v", w.Quotes[0].Speaker)
	}
	if w.Times[0].Value != nil {
		t.Errorf("empty value should be null, got %q", *w.Times[0].Value)
	}
	if ToWire(&Document{}).Published != nil {
		t.Error("unknown date should be null")
	}
}

func TestHashIDStable(t *testing.T) {
	if HashID("a") != HashID("a") || HashID("a") == HashID("b") || len(HashID("a")) != 16 {
		t.Error("HashID is not a stable 16-hex-digit content hash")
	}
}

func TestOneLine(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Matt Aizawa", "Matt Aizawa"},
		{"Matt\nAizawa", "Matt Aizawa"},
		{"Salomon\r\n    Brothers  Asia\tLtd", "Salomon Brothers Asia Ltd"},
		{"M.\u00a0Dupont", "M. Dupont"},
		{"ministère\u202fde l’Intérieur", "ministère de l’Intérieur"},
		{"Élysée", "Élysée"},
		{"", ""},
	} {
		if got := OneLine(c.in); got != c.want {
			t.Errorf("OneLine(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
