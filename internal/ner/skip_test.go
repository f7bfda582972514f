package ner

import (
	"slices"
	"strings"
	"testing"
)

// TestPlan checks which words plan lets the beam label O unscored: plain
// words (no capital, no digit but in numbers) followed by plainAhead plain words, in
// French and English, normally cased sentences only. "_" marks a skipped
// word. Name openers are left out here (TestSkipBeforeOpener).
func TestPlan(t *testing.T) {
	m, err := LoadEmbedded("fr")
	if err != nil {
		t.Fatal(err)
	}
	m.lex.openers = false
	tests := []struct{ text, want string }{
		// A name may open on lower-case words before a capitalised one
		// ("mer des Caraïbes"): the three words before it are scored.
		{"Il a visité la mer des Caraïbes hier soir avec des amis .",
			"Il _ _ la mer des Caraïbes _ _ _ _ _ _"},
		{"Selon le porte-parole , la réunion a eu lieu mardi à Paris .",
			"Selon _ _ _ _ _ _ _ lieu mardi à Paris _"},
		{"The meeting was held on a rainy day in room b12 at the site .",
			"The _ _ _ _ _ _ day in room b12 _ _ _ _"},
		// Capitalised words and words of letters and digits are not
		// plain, numbers are; the end of the sentence counts as plain
		// words.
		{"Il a payé 30 euros à Marie .", "Il _ _ 30 euros à Marie _"},
		{"The talks were held in 1987 at the site .", "The _ _ _ _ _ _ _ _ _"},
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
// name may be open when a skipped word comes). Name openers are left out
// here (TestSkipBeforeOpener).
func TestSkipSameLabels(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		m, err := LoadEmbedded(lang)
		if err != nil {
			t.Fatal(err)
		}
		if !m.lex.openers {
			t.Errorf("%s: the model marks no name opener", lang)
		}
		m.lex.openers = false
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

// TestOpeners checks which plain words the trainer marks as name openers:
// those that open names in at least one in minOpenShare of the times they
// come shortly before a capitalised word, in French and
// English.
func TestOpeners(t *testing.T) {
	type sent struct{ words, labels string }
	repeat := func(n int, s sent) []sent { return slices.Repeat([]sent{s}, n) }
	tests := []struct {
		name    string
		data    []sent
		in, out []string
	}{
		{"fr", slices.Concat(
			[]sent{
				{"Ils ont nagé dans le lac Tana hier .", "O O O O O B-LOC I-LOC O O"},
				{"Le lac Baïkal gèle en hiver .", "O B-LOC I-LOC O O O O"},
				{"La bataille de Verdun dura dix mois .", "O B-MISC I-MISC I-MISC O O O O"},
				// "la" opens a name once, of many times before a capital.
				{"Il a traversé la Manche à la nage .", "O O O B-LOC I-LOC O O O O"},
			},
			repeat(60, sent{"Il connaît bien la France et la Suisse .", "O O O O B-LOC O O B-LOC O"}),
			// The times a word comes far from any capital do not count.
			repeat(60, sent{"la bataille fut longue et très rude .", "O O O O O O O O"}),
		), []string{"lac", "bataille"}, []string{"la", "de", "dans", "le", "Le", "Verdun"}},
		{"en", slices.Concat(
			[]sent{
				{"He met de Klerk in Pretoria .", "O O B-PER I-PER O B-LOC O"},
				{"They sailed the river Thames .", "O O O B-LOC I-LOC O"},
			},
			repeat(60, sent{"He saw the Queen in London .", "O O O B-PER O B-LOC O"}),
		), []string{"de", "river"}, []string{"the", "in", "saw", "Queen"}},
	}
	for _, tt := range tests {
		var data []Sentence
		for _, s := range tt.data {
			data = append(data, Sentence{Words: strings.Fields(s.words), Labels: strings.Fields(s.labels)})
		}
		got := openers(data)
		for _, w := range tt.in {
			if !slices.Contains(got, keyHash(w)) {
				t.Errorf("%s: %q is not a name opener", tt.name, w)
			}
		}
		for _, w := range tt.out {
			if slices.Contains(got, keyHash(w)) {
				t.Errorf("%s: %q is a name opener", tt.name, w)
			}
		}
		if !slices.IsSorted(got) {
			t.Errorf("%s: openers not sorted", tt.name)
		}
	}
}

// TestSkipBeforeOpener checks that, with the shipped models' name
// openers, the plain words before a capitalised word are
// skipped up to the first opener, in French and English, and that on the
// golden sentences the labels differ from the full search only inside
// names that the full search opened on a plain word that is not an
// opener.
func TestSkipBeforeOpener(t *testing.T) {
	tests := []struct{ lang, text, want string }{
		{"fr", "Il a visité la mer des Caraïbes hier soir avec des amis .",
			"Il _ _ _ mer des Caraïbes _ _ _ _ _ _"},
		{"fr", "Selon le porte-parole , la réunion a eu lieu mardi à Paris .",
			"Selon _ _ _ _ _ _ _ _ _ _ Paris _"},
		{"fr", "Ils ont marché jusqu' au lac Léman .",
			"Ils _ _ _ _ lac Léman _"},
		{"fr", "Il a payé 30 euros à Marie .", "Il _ _ _ _ _ Marie _"},
		{"fr", "Elle a fini 3e de la course hier .", "Elle _ _ 3e _ _ _ _ _"},
		{"fr", "Le film « la vie est belle » a plu aux critiques de cinéma .",
			"Le _ _ la vie est belle _ _ _ _ _ _ _ _"},
		{"en", "The talks were held on a rainy day in room b12 at the site .",
			"The _ _ _ _ _ _ _ _ _ b12 _ _ _ _"},
		{"en", "He later met de Klerk in Pretoria .", "He _ _ de Klerk _ Pretoria _"},
	}
	models := map[string]*Model{}
	for _, lang := range []string{"fr", "en"} {
		m, err := LoadEmbedded(lang)
		if err != nil {
			t.Fatal(err)
		}
		models[lang] = m
	}
	for _, tt := range tests {
		m := models[tt.lang]
		s := m.getScratch()
		words := strings.Fields(tt.text)
		s.grow(len(words))
		s.text = words
		mode := m.lex.analyse(words, s.info, s.keys, s.lexv, s.gaz, nil)
		if g := showSkips(words, m.plan(s, mode, -1)); g != tt.want {
			t.Errorf("%s plan(%q)\n got %s\nwant %s", tt.lang, tt.text, g, tt.want)
		}
		m.putScratch(s)
	}
	for lang, m := range models {
		changed := 0
		for _, words := range goldenSentences(t, lang) {
			m.skipPlain = false
			want := m.Tag(words)
			m.skipPlain = true
			got := m.Tag(words)
			s := m.getScratch()
			s.grow(len(words))
			m.lex.analyse(words, s.info, s.keys, s.lexv, s.gaz, nil)
			for i := range got {
				if got[i] == want[i] {
					continue
				}
				changed++
				ok := false
				for _, sp := range Spans(want) {
					st := &s.info[sp.Start]
					if sp.Start <= i && i < sp.End && st.plain && s.lexv[sp.Start]&lexOpens == 0 {
						ok = true
					}
				}
				if !ok {
					t.Errorf("%s %q: word %d labelled %s, %s by the full search", lang, words, i, got[i], want[i])
				}
			}
			m.putScratch(s)
		}
		t.Logf("%s: %d labels of the golden sentences changed", lang, changed)
	}
}
