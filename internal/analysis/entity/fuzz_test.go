package entity

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// check runs the stage on text and verifies the entity layer's
// invariants: spans inside the text and matching the mention text, ids in
// order, known types, no mention in a removed part.
func check(t *testing.T, s *Stage, lang, text string) *doc.Document {
	t.Helper()
	d := &doc.Document{Text: text, Body: doc.Span{End: len(text)}, Lang: lang}
	if err := segmentStage().Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if err := s.Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for i, e := range d.Entities {
		if want := "e" + itoa(i+1); e.ID != want {
			t.Fatalf("id %q, want %q", e.ID, want)
		}
		switch e.Type {
		case "PER", "ORG", "LOC", "MISC":
		default:
			t.Fatalf("type %q", e.Type)
		}
		if len(e.Mentions) == 0 || e.Name == "" || len(e.Names) == 0 || e.Names[0] != e.Name {
			t.Fatalf("entity %+v", e)
		}
		for _, m := range e.Mentions {
			if m.Span.Start < 0 || m.Span.End > len(text) || m.Span.Start >= m.Span.End || text[m.Span.Start:m.Span.End] != m.Text {
				t.Fatalf("mention %+v does not match the text", m)
			}
		}
		for _, r := range e.Roles {
			if text[r.Span.Start:r.Span.End] != r.Text {
				t.Fatalf("role %+v does not match the text", r)
			}
		}
	}
	return d
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"Le dirigeant nord-coréen Kim Jong Un rencontrera le président russe Vladimir Poutine, a annoncé lundi le Kremlin.",
		"Adrienne Watson, porte-parole du NSC, a noté que la CNRV (Commission nationale de recensement des votes) est seule.",
		"U.S. District Judge Robert F. Collins, 45, was sentenced. Collins and Ross left. « Koffler », a-t-il dit.",
		"THE COUNCIL OF THE CITY OF BUFFALO, N.Y. (WKBW) — MAYOR BYRON BROWN",
		"Mr. . , Mme Dr. le la de du of the City of , et and « » \" ' ’s Poutine-Kim",
		"😀 Émile 🇫🇷 Zoë\x00\x1b[31m Ça\u200b va\ufeff l’agence de presse centrale coréenne",
	} {
		f.Add("fr", s)
		f.Add("en", s)
	}
	s := plain(f)
	f.Fuzz(func(t *testing.T, lang, text string) {
		if len(text) > 1<<16 {
			return
		}
		check(t, s, lang, text)
	})
}

// TestLongInputs runs the stage on a 100,000-word sentence of each kind;
// the work is linear in the input (see BenchmarkLong), so these finish
// quickly.
func TestLongInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("long inputs")
	}
	n := 100000
	inputs := map[string]string{
		"lowercase": strings.Repeat("le chat dort ", n/3),
		"capitals":  strings.Repeat("Jean Dupont Marie ", n/3),
		"uppercase": strings.Repeat("LE CONSEIL DE SÉCURITÉ NATIONALE ", n/5),
		"names":     strings.Repeat("Kim Jong Un, porte-parole du NSC, Poutine et la CNRV ", n/12),
		"emoji":     strings.Repeat("😀 🇫🇷 Émile ", n/3),
		"control":   strings.Repeat("\x00\x01 Zoë\x1b \u200b ", n/3),
	}
	s := plain(t)
	for name, text := range inputs {
		t.Run(name, func(t *testing.T) {
			d := check(t, s, "fr", text)
			t.Logf("%d tokens, %d entities", len(d.Tokens), len(d.Entities))
		})
	}
}

func BenchmarkAnalyze(b *testing.B) {
	for _, c := range []struct{ name, lang, path string }{
		{"fr", "fr", "../../../../shared/seed/000_a7868c60e7a26c79.txt"},
		{"en", "en", "../../../../shared/corpus/dev/en03.txt"},
	} {
		text, err := os.ReadFile(c.path)
		if err != nil {
			text = []byte(strings.Repeat("Le dirigeant nord-coréen Kim Jong Un rencontrera le président russe Vladimir Poutine, a annoncé lundi le Kremlin. ", 40))
		}
		for _, tagger := range []bool{false, true} {
			name := c.name + "/kb+caps"
			s := plain(b)
			if tagger {
				name = c.name + "/tagger"
				s = withTaggers(b)
			}
			b.Run(name, func(b *testing.B) {
				d := &doc.Document{Text: string(text), Body: doc.Span{End: len(text)}, Lang: c.lang}
				if err := segmentStage().Analyze(context.Background(), d); err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					if err := s.Analyze(context.Background(), d); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkLong shows linear cost: the same throughput on 10,000 and
// 100,000 words of names.
func BenchmarkLong(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		text := strings.Repeat("Kim Jong Un, porte-parole du NSC, a vu Jean Dupont et la CNRV à Paris. ", n/16)
		b.Run(itoa(n), func(b *testing.B) {
			s := plain(b)
			d := &doc.Document{Text: text, Body: doc.Span{End: len(text)}, Lang: "fr"}
			if err := segmentStage().Analyze(context.Background(), d); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if err := s.Analyze(context.Background(), d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
