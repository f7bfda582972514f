package quote

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/analysis/segment"
	"github.com/newsgraph/newsgraph/internal/doc"
)

// TestSpeakerEntityLink: a speaker phrase that is an entity's lowercase
// name, after an article, takes the entity; a description headed by its
// own noun that mentions an organisation stays a description.
func TestSpeakerEntityLink(t *testing.T) {
	for _, tc := range []struct {
		name, text, entity, entType, wantName, wantID string
	}{
		{"fr lowercase agency name", "« Le sommet aura lieu », a indiqué l’agence de presse officielle, selon le reportage.",
			"agence de presse officielle", "ORG", "Official Agency", "e1"},
		{"fr role headed description", "« Personne n’a le droit de publier », a déclaré le président de la Commission électorale.",
			"Commission électorale", "ORG", "président de la Commission électorale", ""},
		{"fr head noun of an institution named in full before", "Le ministère de l'Intérieur a publié un bilan. Le ministère s'est dit déterminé à « combattre ces actes ».",
			"ministère de l'Intérieur", "ORG", "Official Agency", "e1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &doc.Document{Text: tc.text, Body: doc.Span{End: len(tc.text)}, Lang: "fr"}
			if err := segment.New().Analyze(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			i := strings.Index(tc.text, tc.entity)
			d.Entities = []doc.Entity{{ID: "e1", Name: "Official Agency", Type: tc.entType,
				Mentions: []doc.Mention{{Span: doc.Span{Start: i, End: i + len(tc.entity)}}}}}
			if err := testStage.Analyze(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			if len(d.Quotes) == 0 {
				t.Fatalf("no quote:\n%s", dump(d))
			}
			sp := d.Quotes[0].Speaker
			if sp.EntityID != tc.wantID || !strings.Contains(sp.Name, tc.wantName) {
				t.Errorf("speaker %q (entity %q), want %q (entity %q)", sp.Name, sp.EntityID, tc.wantName, tc.wantID)
			}
		})
	}
}

// TestCompanyAfterGuessedPerson: "the company" takes a one-word name the
// entity stage only guessed a person's when no organisation is named.
func TestCompanyAfterGuessedPerson(t *testing.T) {
	text := "Workers said that Verizon was shipping jobs overseas. The company argued that it needed the flexibility to redeploy its workers."
	d := &doc.Document{Text: text, Body: doc.Span{End: len(text)}, Lang: "en"}
	if err := segment.New().Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	i := strings.Index(text, "Verizon")
	d.Entities = []doc.Entity{{ID: "e1", Name: "Verizon", Type: "PER", Mentions: []doc.Mention{{Span: doc.Span{Start: i, End: i + len("Verizon")}}}}}
	if err := testStage.Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, q := range d.Quotes {
		if strings.HasPrefix(d.Slice(q.Span), "it needed") {
			if q.Speaker.Name != "Verizon" {
				t.Errorf("speaker %q, want Verizon\n%s", q.Speaker.Name, dump(d))
			}
			return
		}
	}
	t.Errorf("no quote of the company\n%s", dump(d))
}

// TestRoleOfNamedPerson: a bare role noun stands for the person last named
// unless that person was named with another role.
func TestRoleOfNamedPerson(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"\"We are confident,\" chief executive Jane Doe told analysts. The minister said the talks had failed.", "minister"},
		{"\"We are confident,\" chief executive Jane Doe told analysts. The chief executive said the talks had failed.", "Jane Doe"},
	} {
		d := &doc.Document{Text: tc.text, Body: doc.Span{End: len(tc.text)}, Lang: "en"}
		if err := segment.New().Analyze(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		i := strings.Index(tc.text, "Jane Doe")
		r := strings.Index(tc.text, "chief executive")
		d.Entities = []doc.Entity{{ID: "e1", Name: "Jane Doe", Type: "PER", Gender: "f",
			Roles:    []doc.Role{{Text: "chief executive", Span: doc.Span{Start: r, End: r + len("chief executive")}}},
			Mentions: []doc.Mention{{Span: doc.Span{Start: i, End: i + len("Jane Doe")}}}}}
		if err := testStage.Analyze(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, q := range d.Quotes {
			if d.Slice(q.Span) == "the talks had failed" {
				got = q.Speaker.Name
			}
		}
		if got != tc.want {
			t.Errorf("%q: speaker %q, want %q\n%s", tc.text, got, tc.want, dump(d))
		}
	}
}
