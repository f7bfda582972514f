package corpus_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/ner"
	"github.com/newsgraph/newsgraph/internal/ner/corpus"
)

func TestReadColumns(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		opt    corpus.ColumnOptions
		words  []string // sentences joined by " | "
		labels []string
		docs   []bool
	}{
		{
			name:   "conll",
			input:  "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\nBRUSSELS NNP B-NP B-LOC\n",
			words:  []string{"EU rejects", "Peter Blackburn", "BRUSSELS"},
			labels: []string{"B-ORG O", "B-PER I-PER", "B-LOC"},
			docs:   []bool{true, false, true},
		},
		{
			name:   "wikineural (index column, tabs, no documents)",
			input:  "0\tÀ\tO\n1\tParis\tB-LOC\n\n0\tLe\tO\n1\tPS\tB-ORG\n",
			opt:    corpus.ColumnOptions{WordCol: 1},
			words:  []string{"À Paris", "Le PS"},
			labels: []string{"O B-LOC", "O B-ORG"},
			docs:   []bool{true, true},
		},
		{
			name:   "europeana (IOB1, split at punctuation)",
			input:  "Emmanuel I-PER\nDESOLES I-PER\n. O\nRue I-LOC\ndu I-LOC\nPré I-LOC\n",
			opt:    corpus.ColumnOptions{SplitAt: 60},
			words:  []string{"Emmanuel DESOLES .", "Rue du Pré"},
			labels: []string{"I-PER I-PER O", "I-LOC I-LOC I-LOC"},
			docs:   []bool{true, true},
		},
		{name: "empty", input: ""},
		{name: "blank lines only", input: "\n\n\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := corpus.ReadColumns(strings.NewReader(tt.input), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			var words, labels []string
			var docs []bool
			for _, s := range got {
				words = append(words, strings.Join(s.Words, " "))
				labels = append(labels, strings.Join(s.Labels, " "))
				docs = append(docs, s.DocStart)
			}
			if !slices.Equal(words, tt.words) || !slices.Equal(labels, tt.labels) || !slices.Equal(docs, tt.docs) {
				t.Errorf("got %q %q %v\nwant %q %q %v", words, labels, docs, tt.words, tt.labels, tt.docs)
			}
		})
	}
	if _, err := corpus.ReadColumns(strings.NewReader("lonely\n"), corpus.ColumnOptions{}); err == nil {
		t.Error("a line without a label was accepted")
	}
}

const hipeHeader = "TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tNE-FINE-LIT\tNE-FINE-METO\tNE-FINE-COMP\tNE-NESTED\tNEL-LIT\tNEL-METO\tMISC\n"

func hipeRow(tok, coarse, fine, comp, misc string) string {
	return strings.Join([]string{tok, coarse, "O", fine, "O", comp, "O", "_", "_", misc}, "\t") + "\n"
}

func TestReadHIPE(t *testing.T) {
	input := hipeHeader + "# hipe2022:document_id = doc-1\n" +
		hipeRow("M", "B-pers", "B-pers.ind", "B-comp.title", "NoSpaceAfter") +
		hipeRow(".", "I-pers", "I-pers.ind", "I-comp.title", "_") +
		hipeRow("Jean", "I-pers", "I-pers.ind", "B-comp.name", "NoSpaceAfter") +
		hipeRow("-", "I-pers", "I-pers.ind", "I-comp.name", "NoSpaceAfter") +
		hipeRow("Baptiste", "I-pers", "I-pers.ind", "I-comp.name", "_") +
		hipeRow("lit", "O", "O", "O", "_") +
		hipeRow("la", "O", "O", "O", "_") +
		hipeRow("Gazette", "B-prod", "B-prod.media", "O", "_") +
		hipeRow("d", "I-prod", "I-prod.media", "O", "NoSpaceAfter") +
		hipeRow("'", "I-prod", "I-prod.media", "O", "NoSpaceAfter") +
		hipeRow("Anvers", "I-prod", "I-prod.media", "O", "_") +
		hipeRow("le", "O", "O", "O", "_") +
		hipeRow("3", "B-time", "B-time.date.abs", "O", "_") +
		hipeRow("mai", "I-time", "I-time.date.abs", "O", "NoSpaceAfter") +
		hipeRow(".", "O", "O", "O", "EndOfSentence") +
		"# hipe2022:document_id = doc-2\n" +
		hipeRow("Genève", "B-loc", "B-loc.adm.town", "O", "EndOfSentence")
	tests := []struct {
		strip  bool
		words  string
		labels string
	}{
		{true, "M. Jean-Baptiste lit la Gazette d' Anvers le 3 mai . | Genève",
			"O B-PER O O B-ORG I-ORG I-ORG O O O O | B-LOC"},
		{false, "M. Jean-Baptiste lit la Gazette d' Anvers le 3 mai . | Genève",
			"B-PER I-PER O O B-ORG I-ORG I-ORG O O O O | B-LOC"},
	}
	for _, tt := range tests {
		got, err := corpus.ReadHIPE(strings.NewReader(input), corpus.HIPEOptions{StripTitles: tt.strip})
		if err != nil {
			t.Fatal(err)
		}
		var words, labels []string
		for _, s := range got {
			words = append(words, strings.Join(s.Words, " "))
			labels = append(labels, strings.Join(s.Labels, " "))
		}
		if w, l := strings.Join(words, " | "), strings.Join(labels, " | "); w != tt.words || l != tt.labels {
			t.Errorf("strip %v:\n got %s\n     %s\nwant %s\n     %s", tt.strip, w, l, tt.words, tt.labels)
		}
		if len(got) != 2 || !got[0].DocStart || !got[1].DocStart {
			t.Errorf("strip %v: documents not marked: %d sentences", tt.strip, len(got))
		}
	}
	for _, bad := range []string{"not a header\n", hipeHeader + "too\tfew\n"} {
		if _, err := corpus.ReadHIPE(strings.NewReader(bad), corpus.HIPEOptions{}); err == nil {
			t.Errorf("ReadHIPE(%q) succeeded", bad)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"L'Élysée a dit « non ».", "L' Élysée a dit « non » ."},
		{"Kim Jong-Un, aujourd'hui à Pyongyang...", "Kim Jong-Un , aujourd'hui à Pyongyang . . ."},
		{"The U.S. said 3.5% on Monday.", "The U.S. said 3.5 % on Monday ."},
		{"qu’il jusqu’à", "qu’ il jusqu’ à"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(corpus.Words(tt.in), " "); got != tt.want {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEntityNames(t *testing.T) {
	s := []ner.Sentence{
		{Words: strings.Fields("Olaf Scholz à Berlin"), Labels: strings.Fields("B-PER I-PER O B-LOC")},
		{Words: strings.Fields("Berlin"), Labels: strings.Fields("B-LOC")},
	}
	got := corpus.EntityNames(s)
	want := []ner.GazEntry{{Name: "Olaf Scholz", Type: "PER"}, {Name: "Berlin", Type: "LOC"}}
	if !slices.Equal(got, want) {
		t.Errorf("EntityNames = %v, want %v", got, want)
	}
}

func FuzzReadColumns(f *testing.F) {
	f.Add("-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\n\n", 0)
	f.Add("0\tParis\tB-LOC\n", 1)
	f.Add("a\tb\n\n\t\n", 3)
	f.Fuzz(func(t *testing.T, s string, col int) {
		got, _ := corpus.ReadColumns(strings.NewReader(s), corpus.ColumnOptions{WordCol: col % 4, SplitAt: col % 7})
		for _, x := range got {
			if len(x.Words) != len(x.Labels) || len(x.Words) == 0 {
				t.Fatalf("sentence with %d words, %d labels", len(x.Words), len(x.Labels))
			}
		}
	})
}

func FuzzReadHIPE(f *testing.F) {
	f.Add(hipeHeader + hipeRow("M", "B-pers", "B-pers.ind", "B-comp.title", "NoSpaceAfter") + hipeRow(".", "I-pers", "I-pers.ind", "I-comp.title", "EndOfSentence"))
	f.Add("TOKEN\tNE-COARSE-LIT\n# document_id = x\nParis\tB-loc\n-\tI-loc\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, strip := range []bool{false, true} {
			got, _ := corpus.ReadHIPE(strings.NewReader(s), corpus.HIPEOptions{StripTitles: strip})
			for _, x := range got {
				if len(x.Words) != len(x.Labels) {
					t.Fatalf("sentence with %d words, %d labels", len(x.Words), len(x.Labels))
				}
			}
		}
	})
}

func FuzzWords(f *testing.F) {
	f.Add("L'Élysée a dit « non ».")
	f.Add("\xff\xfe qu' l'")
	f.Fuzz(func(t *testing.T, s string) {
		n := 0
		for _, w := range corpus.Words(s) {
			if w == "" || strings.ContainsAny(w, " \n\t") {
				t.Fatalf("bad word %q", w)
			}
			n += len(w)
		}
		if n > len(s) {
			t.Fatalf("words longer than the text")
		}
	})
}

func TestGazetteer(t *testing.T) {
	dir := t.TempDir()
	leaders := filepath.Join(dir, "world-leaders", "wikidata-world-leaders-2021")
	if err := os.MkdirAll(leaders, 0o755); err != nil {
		t.Fatal(err)
	}
	csv := "officeholderLabel,positionLabel\nKim Jong-un,Supreme Leader\nEmmanuel Macron (politician),President\n"
	if err := os.WriteFile(filepath.Join(leaders, "wikidata.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	gaz, used, err := corpus.Gazetteer(dir, "fr")
	if err != nil {
		t.Fatal(err)
	}
	has := map[ner.GazEntry]bool{}
	for _, g := range gaz {
		has[g] = true
	}
	for _, want := range []ner.GazEntry{
		{Name: "Kim Jong-un", Type: "PER"}, {Name: "Kim Jong un", Type: "PER"}, // both spellings
		{Name: "Emmanuel Macron", Type: "PER"},
		{Name: "United Nations", Type: "ORG"}, {Name: "ONU", Type: "ORG"}, // from the knowledge base
	} {
		if !has[want] {
			t.Errorf("gazetteer lacks %v", want)
		}
	}
	if len(used) != 2 {
		t.Errorf("sources %v, want the leaders file and the knowledge base", used)
	}
}
