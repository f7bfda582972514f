package ner

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestBILOU(t *testing.T) {
	tests := []struct{ bio, bilou string }{
		{"O B-PER I-PER O B-LOC", "O B-PER L-PER O U-LOC"},
		{"B-ORG I-ORG I-ORG", "B-ORG I-ORG L-ORG"},
		{"I-MISC I-MISC O I-LOC", "B-MISC L-MISC O U-LOC"}, // IOB1
		{"B-PER B-PER", "U-PER U-PER"},
	}
	for _, tt := range tests {
		var got []string
		for _, l := range toInternal(strings.Fields(tt.bio)) {
			got = append(got, internalLabels[l])
		}
		if strings.Join(got, " ") != tt.bilou {
			t.Errorf("toInternal(%s) = %v, want %s", tt.bio, got, tt.bilou)
		}
		var back []string
		for _, l := range toInternal(strings.Fields(tt.bio)) {
			back = append(back, bioLabels[l])
		}
		if want := ToIOB2(strings.Fields(tt.bio)); !slices.Equal(back, want) {
			t.Errorf("BIO of %s = %v, want %v", tt.bilou, back, want)
		}
	}
}

func TestAllowed(t *testing.T) {
	lab := func(s string) int { return slices.Index(internalLabels, s) }
	tests := []struct {
		prev, l string
		want    bool
	}{
		{"O", "I-PER", false}, {"O", "L-PER", false}, {"O", "U-PER", true}, {"O", "B-ORG", true},
		{"B-PER", "I-PER", true}, {"B-PER", "L-PER", true}, {"B-PER", "L-LOC", false},
		{"I-PER", "O", true}, {"L-PER", "I-PER", false}, {"U-LOC", "B-LOC", true},
	}
	for _, tt := range tests {
		if got := allowed(lab(tt.prev), lab(tt.l)); got != tt.want {
			t.Errorf("allowed(%s, %s) = %v", tt.prev, tt.l, got)
		}
	}
	if allowed(numLabels, lab("I-PER")) || !allowed(numLabels, lab("B-PER")) {
		t.Error("wrong labels allowed at the start of a sentence")
	}
}

func TestCloseName(t *testing.T) {
	lab := func(s string) int { return slices.Index(internalLabels, s) }
	tests := []struct {
		labels string
		ends   []int32
		want   string
	}{
		// "Conseil de sécurité" read as B I I with no L: ends at the best
		// "last word" score.
		{"B-ORG I-ORG I-ORG", []int32{1, 0, 5}, "B-ORG I-ORG L-ORG"},
		{"B-ORG I-ORG I-ORG", []int32{1, 3, 0}, "B-ORG L-ORG O"},
		{"B-PER I-PER", []int32{4, 2}, "U-PER O"},
	}
	for _, tt := range tests {
		var labels []int
		for _, l := range strings.Fields(tt.labels) {
			labels = append(labels, lab(l))
		}
		closeName(labels, tt.ends, 0, len(labels))
		var got []string
		for _, l := range labels {
			got = append(got, internalLabels[l])
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("closeName(%s, %v) = %v, want %s", tt.labels, tt.ends, got, tt.want)
		}
	}
}

func TestAccentFoldTable(t *testing.T) {
	for r, want := range map[rune]rune{'é': 'e', 'ç': 'c', 'ł': 'l', 'ž': 'z', 'ő': 'o', 'ſ': 's', 'æ': 'æ', 'œ': 'œ', 'a': 'a', 'ı': 'i', 'ŉ': 'n'} {
		if got := accentFold(r); got != want {
			t.Errorf("accentFold(%c) = %c, want %c", r, got, want)
		}
	}
}

func TestSentenceMode(t *testing.T) {
	tests := []struct {
		text string
		want uint8
	}{
		{"Emmanuel Macron est arrivé à Berlin .", modeNormal},
		{"LE PRÉSIDENT EST ARRIVÉ À BERLIN .", modeUpper},
		{"le président est arrivé à berlin .", modeLower},
		{"Kim Jong Un Visits Russia For Talks", modeTitle},
		{"BRUSSELS 1996-08-22", modeNormal},
		{"SOCCER - JAPAN GET LUCKY WIN .", modeUpper},
	}
	for _, tt := range tests {
		if got := sentenceMode(strings.Fields(tt.text)); got != tt.want {
			t.Errorf("sentenceMode(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

func TestRunFeatures(t *testing.T) {
	tests := []struct {
		text    string
		word    int
		run     bool // has run features
		orgWord bool // the run holds an organisation word
	}{
		{"Le vol de Dana Air s' est écrasé .", 3, true, true},
		{"Le vol de Dana Air s' est écrasé .", 4, true, true},
		{"Les combattants de Boko Haram ont attaqué .", 3, true, false},
		{"Il a quitté Pyongyang hier .", 3, false, false},
		{"The Bank of England raised rates .", 1, true, true},
		{"Shares of Acme Motors fell .", 2, true, true},
		{"John Smith said so .", 0, true, false},
		{"He said so .", 1, false, false},
	}
	for _, tt := range tests {
		words := strings.Fields(tt.text)
		info := make([]wordInfo, len(words))
		for i, w := range words {
			info[i].cased = hashWord(w, &info[i]) >= caseTitle
		}
		f := runFeatures(info, tt.word, nil)
		if got := len(f) > 0; got != tt.run {
			t.Errorf("%q word %d: run features %v, want %v", tt.text, tt.word, got, tt.run)
		}
		org := false
		for p := uint64(0); p < 3; p++ {
			org = org || slices.Contains(f, mix(fRunOrg, p))
		}
		if org != tt.orgWord {
			t.Errorf("%q word %d: organisation word %v, want %v", tt.text, tt.word, org, tt.orgWord)
		}
	}
}

// TestFastScores checks the tagger's sums of weights (memoised word scores,
// batched context features, precomputed label scores) against the plain
// sum over staticFeatures and dynamicFeatures, the features training sees,
// on the shipped models and the golden test sentences, as written and
// upper-cased, with a fixed pseudo-random label history.
func TestFastScores(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		m, err := LoadEmbedded(lang)
		if err != nil {
			t.Fatal(err)
		}
		sents := goldenSentences(t, lang)
		s := m.getScratch()
		hist := history{}
		checked := 0
		for si, words := range sents {
			if si%2 == 1 {
				up := make([]string, len(words))
				for i, w := range words {
					up[i] = strings.ToUpper(w)
				}
				words = up
			}
			s.grow(len(words))
			mode := m.lex.analyse(words, s.info, s.keys, s.lexv, s.gaz, nil)
			m.staticScores(s, mode, hist)
			prev1, prev2 := numLabels, numLabels
			for i := range words {
				var want vec
				f := staticFeatures(s.info, i, mode, m.lex.runs, nil)
				f = dynamicFeatures(s.info, i, prev1, prev2, m.lex.runs, f)
				m.score(hist.features(&s.info[i], f), &want)
				got := m.scores(s, i, prev1, prev2)
				if got != want {
					t.Fatalf("%s %q word %d: scores\n%v, want\n%v", lang, words, i, got, want)
				}
				checked++
				l := (si*31 + i*7) % 23 % numLabels // some O, some names
				prev2, prev1 = prev1, l
			}
			for i := range words {
				hist.record(&s.info[i], (si*31+i*7)%23%numLabels)
			}
		}
		if checked < 1000 {
			t.Errorf("%s: only %d words checked", lang, checked)
		}
	}
}

// goldenSentences returns the sentences of testdata/tagged_LANG.tsv.
func goldenSentences(t *testing.T, lang string) [][]string {
	data, err := os.ReadFile(filepath.Join("testdata", "tagged_"+lang+".tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	var cur []string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "#") || line == "" {
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		w, _, _ := strings.Cut(line, "\t")
		cur = append(cur, w)
	}
	return out
}
