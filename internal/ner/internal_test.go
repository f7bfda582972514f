package ner

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
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
		{"Il est né à Rio de Janeiro .", 4, true, false}, // a connector continues a run
		{"Il est né à Rio de janvier .", 4, false, false},
		{"The Bank of England raised rates .", 3, true, true},
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
			m.staticScores(s, mode, hist, nil)
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

// TestPrevScores checks the scores of a word after each previous label of
// a beam against the plain sum of its labelWordFeatures, over rounds of
// random beams on the same words, so that the memo cells' slots for
// previous labels fill up and are reused while other slots are read.
func TestPrevScores(t *testing.T) {
	m, err := LoadEmbedded("fr")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	s := m.getScratch()
	words := goldenSentences(t, "fr")[0]
	s.grow(len(words))
	mode := m.lex.analyse(words, s.info, s.keys, s.lexv, s.gaz, nil)
	m.staticScores(s, mode, history{}, nil)
	reused := 0
	for round := range 2000 {
		i := rng.IntN(len(words))
		var items []beamItem[int32]
		for range 1 + rng.IntN(beamWidth) {
			items = append(items, beamItem[int32]{p1: int8(rng.IntN(numLabels + 1))})
		}
		before := s.cells[i].pp
		m.prevScores(s, i, items)
		for _, it := range items {
			var want vec
			m.score(labelWordFeatures(&s.info[i], int(it.p1), m.lex.runs, nil), &want)
			if *s.prevp[it.p1] != want {
				t.Fatalf("round %d: word %d after label %d: scores %v, want %v", round, i, it.p1, *s.prevp[it.p1], want)
			}
		}
		if before != s.cells[i].pp && before != [prevSlots]int8{} {
			reused++
		}
	}
	if reused == 0 {
		t.Error("no memo slot was ever reused")
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

func TestFollows(t *testing.T) {
	lab := func(s string) int { return slices.Index(internalLabels, s) }
	tests := []struct {
		prev, l     string
		alnum, last bool
		want        bool
	}{
		{"O", "B-PER", true, false, true},
		{"O", "B-PER", true, true, false}, // the last word closes names
		{"O", "U-PER", true, true, true},
		{"O", "U-PER", false, false, false}, // punctuation never opens a name
		{"O", "I-PER", true, false, false},
		{"B-PER", "O", true, false, false}, // an open name must be continued
		{"B-PER", "U-PER", true, false, false},
		{"B-PER", "I-PER", true, false, true},
		{"B-PER", "I-PER", true, true, false},
		{"B-PER", "L-PER", false, true, true}, // Procter & Gamble
		{"I-ORG", "L-LOC", true, false, false},
		{"L-ORG", "B-ORG", true, false, true},
		{"U-LOC", "L-LOC", true, false, false},
	}
	for _, tt := range tests {
		if got := follows(lab(tt.prev), lab(tt.l), tt.alnum, tt.last); got != tt.want {
			t.Errorf("follows(%s, %s, alnum %v, last %v) = %v", tt.prev, tt.l, tt.alnum, tt.last, got)
		}
	}
	if follows(numLabels, lab("L-PER"), true, false) || !follows(numLabels, lab("B-PER"), true, false) {
		t.Error("wrong labels allowed at the start of a sentence")
	}
}

// TestBeamSearch checks the search on hand-set scores: the best sequence
// is found even when its first label is not the best one alone, and
// strict BILOU holds.
func TestBeamSearch(t *testing.T) {
	lab := func(s string) int { return slices.Index(internalLabels, s) }
	// Word 0 prefers U-PER alone, but B-ORG L-ORG is the better pair.
	static := [][numLabels]int32{{}, {}}
	static[0][lab("U-PER")] = 5
	static[0][lab("B-ORG")] = 4
	static[1][lab("L-ORG")] = 6
	static[1][lab("O")] = 2
	var b beam[int32]
	b.reset(2)
	for i := range static {
		b.step(i, 2, true, &static[i], make([][numLabels]int32, len(b.prevItems(i, false))), -1)
	}
	var got []string
	for _, l := range b.labels(1, 0, nil) {
		got = append(got, internalLabels[l])
	}
	if want := "B-ORG L-ORG"; strings.Join(got, " ") != want {
		t.Errorf("beam labels %v, want %s", got, want)
	}
}

func TestMarkQuotes(t *testing.T) {
	tests := []struct {
		text string
		want string // quote place per word
	}{
		{`Le film " Dunkerque " est sorti .`, "0 0 0 4 0 0 0 0"},
		{`Il lit « Le Monde » chaque matin .`, "0 0 0 1 3 0 0 0 0"},
		{`Le titre “ La Grande Vadrouille ” plaît .`, "0 0 0 1 2 3 0 0 0"},
		{`Il a dit " non " puis " oui " .`, "0 0 0 0 4 0 0 0 4 0 0"},
		{`" un deux trois quatre cinq six sept huit neuf dix onze douze treize "`, "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"}, // too long
		{`Il a dit " bonjour .`, "0 0 0 0 0 0"},                                                                     // never closed
	}
	for _, tt := range tests {
		words := strings.Fields(tt.text)
		info := make([]wordInfo, len(words))
		markQuotes(words, info)
		var got []string
		for _, w := range info {
			got = append(got, string(rune('0'+w.quote)))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("markQuotes(%q) = %s, want %s", tt.text, strings.Join(got, " "), tt.want)
		}
	}
}

func TestGazetteerMarks(t *testing.T) {
	lx := newLexicons(canonicalGazetteer([]GazEntry{
		{Name: "Rio de Janeiro", Type: "LOC"}, {Name: "Paris", Type: "LOC"}, {Name: "Paris Saint-Germain", Type: "ORG"},
	}), nil, nil)
	tests := []struct {
		text string
		want string // LOC and ORG marks per word
	}{
		{"né à Rio de Janeiro .", "00 00 10 20 30 00"},
		{"le Paris Saint-Germain à Paris", "00 01 03 00 40"}, // Paris inside the club's name is not a place
		{"Rio Grande", "00 00"},
	}
	for _, tt := range tests {
		words := strings.Fields(tt.text)
		n := len(words)
		info := make([]wordInfo, n)
		keys, lexv, gaz := make([]uint64, n), make([]uint64, n), make([][4]uint8, n)
		lx.analyse(words, info, keys, lexv, gaz, nil)
		var got []string
		for _, w := range info {
			got = append(got, string(rune('0'+w.gaz[2]))+string(rune('0'+w.gaz[1])))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("marks of %q = %s, want %s", tt.text, strings.Join(got, " "), tt.want)
		}
	}
}

// TestScratchKept checks that a model keeps its scratch, with its memos,
// across garbage collections (a sync.Pool would drop it).
func TestScratchKept(t *testing.T) {
	m, err := LoadEmbedded("fr")
	if err != nil {
		t.Fatal(err)
	}
	m.Tag(strings.Fields("Le président Emmanuel Macron est arrivé à Paris ."))
	runtime.GC()
	runtime.GC()
	s := m.getScratch()
	if s.memo == nil || s.words.cells == nil {
		t.Error("the scratch's memos were dropped")
	}
}
