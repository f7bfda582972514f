package quote

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/analysis/segment"
	"github.com/newsgraph/newsgraph/internal/doc"
)

var fuzzSeeds = []string{
	"« A », a déclaré X. « B »",
	"«A» «B «C «D »",
	"“one,” he said. “two",
	"\"a \"b \"c\" d\" e\"",
	"''x'' ``y'' 'z'",
	"» stray « open ‹ nested › „low“ ”swede”",
	"Koffler, analyste, a déclaré à Fox News Digital que les liens auront « d’énormes implications ».",
	"Selon le reportage citant un responsable sud-coréen, le train est parti.",
	"\"When people lose faith,\" said prosecutor James Cole. \"Today it works.\"",
	"« Les passants pensaient à une blague, a-t-il expliqué. Maintenant non. »",
	"x\xff\xfe« broken utf8 » ’’ ‘‘",
}

// FuzzScan checks that the scanner never panics and returns ordered,
// well-formed quotes inside the paragraph.
func FuzzScan(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, carry bool) {
		res := Scan(text, 0, len(text), carry)
		last := -1
		for _, q := range res.Quotes {
			if q.Open.Pos <= last || q.Open.End() > len(text) || q.Open.Len < 1 {
				t.Fatalf("bad opening mark %+v after %d in %q", q.Open, last, text)
			}
			last = q.Open.Pos
			if q.Closed() {
				if q.Close.Pos < q.Open.End() || q.Close.End() > len(text) {
					t.Fatalf("bad closing mark %+v for %+v in %q", q.Close, q.Open, text)
				}
				last = q.Close.Pos
			}
			if q.Nested < 0 {
				t.Fatal("negative nesting")
			}
		}
		if res.Stray < 0 || res.TooDeep < 0 {
			t.Fatal("negative counters")
		}
		// Scanning a sub-range stays inside it.
		if len(text) > 4 {
			s, e := 1, len(text)-1
			for _, q := range Scan(text, s, e, carry).Quotes {
				if q.Open.Pos < s || q.Open.End() > e || q.Closed() && q.Close.End() > e {
					t.Fatalf("quote %+v outside [%d,%d)", q, s, e)
				}
			}
		}
	})
}

// FuzzAnalyze runs the segmenter and the quote stage on arbitrary text in
// both languages: no panic, spans inside the text.
func FuzzAnalyze(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "fr")
		f.Add(s, "en")
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		if len(text) > 4000 {
			text = text[:4000]
		}
		d := &doc.Document{Text: text, Body: doc.Span{Start: 0, End: len(text)}, Lang: lang}
		ctx := context.Background()
		if err := segment.New().Analyze(ctx, d); err != nil {
			t.Skip()
		}
		if err := testStage.Analyze(ctx, d); err != nil {
			t.Fatal(err)
		}
		for _, q := range d.Quotes {
			for _, s := range []doc.Span{q.Span, q.Speaker.Span, q.Cue} {
				if s.Start < 0 || s.End > len(text) || s.Start > s.End {
					t.Fatalf("span %v out of %d bytes", s, len(text))
				}
			}
			if q.Span.Len() == 0 || q.Speaker.Name == "" {
				t.Fatalf("incomplete quote %+v", q)
			}
			if utf8.ValidString(text) && !utf8.ValidString(d.Slice(q.Span)) {
				t.Fatalf("quote span cuts a character: %q", d.Slice(q.Span))
			}
		}
	})
}
