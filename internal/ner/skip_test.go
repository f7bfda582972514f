package ner

import (
	"slices"
	"strings"
	"testing"
)

// TestPlan checks which words plan lets the beam label O unscored: plain
// words (no capital, no digit) followed by plainAhead plain words, in
// French and English, normally cased sentences only. "_" marks a skipped
// word.
func TestPlan(t *testing.T) {
	m, err := LoadEmbedded("fr")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		// A name may open on lower-case words before a capitalised one
		// ("mer des Caraïbes"): the three words before it are scored.
		{"Il a visité la mer des Caraïbes hier soir avec des amis .",
			"Il _ _ la mer des Caraïbes _ _ _ _ _ _"},
		{"Selon le porte-parole , la réunion a eu lieu mardi à Paris .",
			"Selon _ _ _ _ _ _ _ lieu mardi à Paris _"},
		{"The talks were held on a rainy day in 1987 at the site .",
			"The _ _ _ _ _ rainy day in 1987 _ _ _ _"},
		// Numbers and capitalised words are not plain; the end of the
		// sentence counts as plain words.
		{"Il a payé 30 euros à Marie .", "Il a payé 30 euros à Marie _"},
		// Words in short quoted spans are scored.
		{"Le film « la vie est belle » a plu aux critiques de cinéma .",
			"Le _ _ la vie est belle _ _ _ _ _ _ _ _"},
		// Lines in capitals or all in lower case are never skipped.
		{"LE PRÉSIDENT A PARLÉ CE MATIN DEVANT LES DÉPUTÉS .",
			"LE PRÉSIDENT A PARLÉ CE MATIN DEVANT LES DÉPUTÉS ."},
		{"the president spoke this morning to the deputies .",
			"the president spoke this morning to the deputies ."},
	}
	s := m.getScratch()
	for _, tt := range tests {
		words := strings.Fields(tt.text)
		s.grow(len(words))
		mode := m.lex.analyse(words, s.info, s.keys, s.lexv, s.gaz, nil)
		skip := m.plan(s, mode)
		got := slices.Clone(words)
		for i := range got {
			if skip != nil && skip[i] {
				got[i] = "_"
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("plan(%q)\n got %s\nwant %s", tt.text, g, tt.want)
		}
	}
}

// TestSkipSameLabels checks that skipping plain stretches gives the labels
// of the full search on the golden sentences (French and English, as
// written, in lower case and with names after plain stretches, where a
// name may be open when a skipped word comes).
func TestSkipSameLabels(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		m, err := LoadEmbedded(lang)
		if err != nil {
			t.Fatal(err)
		}
		skipped := 0
		for _, words := range goldenSentences(t, lang) {
			doc := slices.Concat(words, strings.Fields("and then there was a long pause in the talks ."), words)
			m.skipPlain = false
			want := m.Tag(doc)
			m.skipPlain = true
			got := m.Tag(doc)
			if !slices.Equal(got, want) {
				t.Errorf("%s %q: labels with skipping\n%v, without\n%v", lang, doc, got, want)
			}
			s := m.getScratch()
			s.grow(len(doc))
			mode := m.lex.analyse(doc, s.info, s.keys, s.lexv, s.gaz, nil)
			for _, sk := range m.plan(s, mode) {
				if sk {
					skipped++
				}
			}
			m.putScratch(s)
		}
		if skipped == 0 {
			t.Errorf("%s: no word was skipped", lang)
		}
	}
}
