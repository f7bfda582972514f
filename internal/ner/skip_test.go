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
		if g := showSkips(words, m.plan(s, mode, -1)); g != tt.want {
			t.Errorf("plan(%q)\n got %s\nwant %s", tt.text, g, tt.want)
		}
	}
}

// showSkips returns words with "_" for each word skip marks.
func showSkips(words []string, skip []bool) string {
	out := slices.Clone(words)
	for i := range out {
		if skip != nil && skip[i] {
			out[i] = "_"
		}
	}
	return strings.Join(out, " ")
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
			for _, sk := range m.plan(s, mode, -1) {
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

// TestClassify checks classify against describe, which hashes the word:
// the same casing class and plainness, on words of every class in French
// and English, odd characters and invalid UTF-8.
func TestClassify(t *testing.T) {
	m, err := LoadEmbedded("fr")
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"", "le", "Le", "LE", "iPhone", "McDonald", "3e", "1987", "«", "—", "l’", "aujourd'hui",
		"Élysée", "ÉLYSÉE", "été", "x2", "Ⅳ", "٣", "東京", "ǅemal", "\xff\xfe", "a\x00b", "straße", "İstanbul", "ΑΘΗΝΑ", "αθήνα"}
	for _, sent := range goldenSentences(t, "en") {
		words = append(words, sent...)
	}
	for _, w := range words {
		var wi wordInfo
		m.lex.describe(w, &wi)
		cs, plain := classify(w)
		if cs != wi.cs || plain != wi.plain {
			t.Errorf("classify(%q) = %d, %v; describe: %d, %v", w, cs, plain, wi.cs, wi.plain)
		}
	}
}

// FuzzClassify checks classify against describe on any string.
func FuzzClassify(f *testing.F) {
	lx := newLexicons(nil, nil, nil)
	for _, w := range []string{"Paris", "l’État", "3e", "\xff", "ǅ", "ⅰⅱ"} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		var wi wordInfo
		lx.describe(w, &wi)
		if cs, plain := classify(w); cs != wi.cs || plain != wi.plain {
			t.Fatalf("classify(%q) = %d, %v; describe: %d, %v", w, cs, plain, wi.cs, wi.plain)
		}
	})
}

// TestSkipNameRunsOn checks names that run on over plain words no scored
// word looks at: those words are described when the beam reaches them,
// and the gazetteer names among them ("la défense") are matched as in the
// full search, so the labels are the same.
func TestSkipNameRunsOn(t *testing.T) {
	tests := []struct{ lang, text, want string }{
		{"fr", "Il a rejoint le Mouvement pour la défense des droits de l' homme et du citoyen en mars .",
			"O O O O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG I-ORG O O O O O O"},
		{"fr", "Elle préside l' Association pour la défense des intérêts des riverains du port depuis mai .",
			"O O O B-ORG I-ORG I-ORG I-ORG O O O O O O O O O"},
		{"en", "He works at the Bank of new england and the trust company of the south since May .",
			"O O O O B-ORG I-ORG I-ORG I-ORG O O O O O O O O O O"},
	}
	for _, tt := range tests {
		m, err := LoadEmbedded(tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		words := strings.Fields(tt.text)
		got := m.Tag(words)
		m.skipPlain = false
		full := m.Tag(words)
		if g := strings.Join(got, " "); g != tt.want || !slices.Equal(got, full) {
			t.Errorf("%s %q:\n got %s\nwant %s\nfull %v", tt.lang, tt.text, g, tt.want, full)
		}
	}
}

// TestAnalyseTagStart checks the first word of a sentence: capitalised
// there but written in lower case inside sentences, before a plain word,
// it is plain for plan ("Il a dit", "The company said"); not before a
// capitalised word ("Le Monde") nor when it is a name ("Paris", "Reuters").
func TestAnalyseTagStart(t *testing.T) {
	tests := []struct{ lang, text, want string }{
		{"fr", "Il a dit hier que la réunion était reportée .", "_ _ _ _ _ _ _ _ _ _"},
		{"fr", "« Nous avons bien travaillé cette semaine .", "_ _ _ _ _ _ _ _"},
		{"fr", "Le Monde a dit hier que la réunion était reportée .", "Le Monde _ _ _ _ _ _ _ _ _"},
		{"fr", "Paris a dit hier que la réunion était reportée .", "Paris _ _ _ _ _ _ _ _ _"},
		{"en", "The company said on the day that the meeting was off .", "_ _ _ _ _ _ _ _ _ _ _ _"},
		{"en", "The Times said on the day that the meeting was off .", "The Times _ _ _ _ _ _ _ _ _ _"},
		{"en", "Reuters said on the day that the meeting was off .", "Reuters _ _ _ _ _ _ _ _ _ _"},
	}
	for _, tt := range tests {
		m, err := LoadEmbedded(tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		s := m.getScratch()
		words := strings.Fields(tt.text)
		s.grow(len(words))
		s.text = words
		_, skip := m.analyseTag(words, s)
		if g := showSkips(words, skip); g != tt.want {
			t.Errorf("%s %q\n got %s\nwant %s", tt.lang, tt.text, g, tt.want)
		}
	}
}

// TestSkipOddInput tags odd input with the shipped French model, whose
// tagging skips plain stretches: long runs without a sentence end, names
// opening on words no scored word looked at, control characters, emoji.
func TestSkipOddInput(t *testing.T) {
	m, err := LoadEmbedded("fr")
	if err != nil {
		t.Fatal(err)
	}
	long := make([]string, 100000)
	for i := range long {
		long[i] = []string{"la", "mer", "des", "Caraïbes", "de", "l'", "ONU", "pour", "la", "défense", "des", "droits", "😀", "\x00", "et", "du", "citoyen", ","}[i%18]
	}
	for _, in := range [][]string{long, strings.Fields("Le Mouvement pour la défense des droits de l' homme et du citoyen et de la mer des Caraïbes")} {
		got := m.Tag(in)
		if len(got) != len(in) {
			t.Fatalf("%d labels for %d words", len(got), len(in))
		}
		for i, l := range got {
			if strings.HasPrefix(l, "I-") && (i == 0 || got[i-1] == "O" || got[i-1][2:] != l[2:]) {
				t.Fatalf("invalid BIO at %d: %v", i, got[max(0, i-1):i+1])
			}
		}
	}
}
