package ner_test

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/ner"
	"github.com/newsgraph/newsgraph/internal/ner/corpus"
)

var update = flag.Bool("update", false, "rewrite testdata/tagged_*.tsv from the shared data with the current tagger")

// goldenSources are the excerpts of the test sets the golden files hold:
// the first sentences of each file, in documents of at most docSize
// sentences (within the file's own documents, when it marks them).
var goldenSources = []struct {
	lang, path, header string
	wordCol, sents     int
}{
	{"fr", "wikineural-fr/test.conllu", "the first sentences of WikiNEuRal fr test.conllu (Babelscape, CC BY-NC-SA 4.0)", 1, 80},
	{"en", "conll2003-en/original_test.txt", "the first sentences of CoNLL-2003 original_test.txt (Reuters RCV1 text, research use only)", 0, 80},
}

const docSize = 10

// goldenDoc is a document of a golden file: its sentences' words and the
// labels the shipped model gave them when the file was written, tagged as
// a document (TagDocument), as one text (Tag), and upper-cased
// (TagDocument).
type goldenDoc struct {
	words, doc, text, upper [][]string
}

// tagGolden tags the words of d in the three ways the golden files record.
func tagGolden(m *ner.Model, words [][]string) goldenDoc {
	d := goldenDoc{words: words, doc: m.TagDocument(words)}
	var flat []string
	upper := make([][]string, len(words))
	for i, s := range words {
		flat = append(flat, s...)
		for _, w := range s {
			upper[i] = append(upper[i], strings.ToUpper(w))
		}
	}
	labels := m.Tag(flat)
	for _, s := range words {
		d.text = append(d.text, labels[:len(s)])
		labels = labels[len(s):]
	}
	d.upper = m.TagDocument(upper)
	return d
}

// TestGoldenTagging tags excerpts of the French and English test sets and
// compares every label with the labels the shipped models gave when the
// files were written: speed work on the tagger must not change its output.
// After retraining a model, refresh with
// `go test ./internal/ner -run GoldenTagging -update` (needs ../shared/data).
func TestGoldenTagging(t *testing.T) {
	for _, src := range goldenSources {
		t.Run(src.lang, func(t *testing.T) {
			m, err := ner.LoadEmbedded(src.lang)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "tagged_"+src.lang+".tsv")
			if *update {
				writeGolden(t, m, path, src.header, src.path, src.wordCol, src.sents)
			}
			docs := readGolden(t, path)
			if len(docs) == 0 {
				t.Fatalf("%s: no documents", path)
			}
			diffs := 0
			for di, want := range docs {
				got := tagGolden(m, want.words)
				for i := range want.words {
					for _, c := range []struct {
						name      string
						got, want []string
					}{{"document", got.doc[i], want.doc[i]}, {"text", got.text[i], want.text[i]}, {"upper", got.upper[i], want.upper[i]}} {
						if !slices.Equal(c.got, c.want) {
							diffs++
							if diffs <= 10 {
								t.Errorf("doc %d sentence %d (%s): %q\n got %v\nwant %v", di, i, c.name, want.words[i], c.got, c.want)
							}
						}
					}
				}
			}
			if diffs > 0 {
				t.Errorf("%d sentences tagged differently", diffs)
			}
		})
	}
}

// writeGolden tags the first n sentences of a shared data file and writes
// the golden file: "# " comment lines, "## doc" before each document, one
// line per word (word, document label, text label, upper-case label, tab
// separated) and a blank line after each sentence.
func writeGolden(t *testing.T, m *ner.Model, path, header, data string, wordCol, n int) {
	dir := "../../../shared/data"
	if d := os.Getenv("NEWSGRAPH_DATA"); d != "" {
		dir = d
	}
	f, err := os.Open(filepath.Join(dir, data))
	if err != nil {
		t.Fatal(err)
	}
	sents, err := corpus.ReadColumns(f, corpus.ColumnOptions{WordCol: wordCol})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	sents = sents[:min(n, len(sents))]
	groups := ner.Documents(sents)
	if len(groups) == len(sents) { // no document marks: chunk the file
		groups = [][]ner.Sentence{sents}
	}
	var docs [][][]string
	for _, d := range groups {
		for len(d) > 0 {
			k := min(docSize, len(d))
			var ws [][]string
			for _, s := range d[:k] {
				ws = append(ws, s.Words)
			}
			docs = append(docs, ws)
			d = d[k:]
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Labels the shipped %s model gave to %s,\n", m.Lang(), header)
	b.WriteString("# in documents of up to 10 sentences. Columns: word, label tagging the document\n")
	b.WriteString("# (TagDocument), label tagging its words as one text (Tag), label of the upper-cased word\n")
	b.WriteString("# (TagDocument). Written by `go test ./internal/ner -run GoldenTagging -update`.\n")
	for _, ws := range docs {
		g := tagGolden(m, ws)
		b.WriteString("## doc\n")
		for i, s := range ws {
			for j, w := range s {
				fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", w, g.doc[i][j], g.text[i][j], g.upper[i][j])
			}
			b.WriteByte('\n')
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readGolden(t *testing.T, path string) []goldenDoc {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []goldenDoc
	var cur [4][]string
	flush := func() {
		if len(cur[0]) > 0 && len(docs) > 0 {
			d := &docs[len(docs)-1]
			d.words = append(d.words, cur[0])
			d.doc = append(d.doc, cur[1])
			d.text = append(d.text, cur[2])
			d.upper = append(d.upper, cur[3])
		}
		cur = [4][]string{}
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "## doc":
			flush()
			docs = append(docs, goldenDoc{})
		case strings.HasPrefix(line, "# "):
		case line == "":
			flush()
		default:
			cols := strings.Split(line, "\t")
			if len(cols) != 4 {
				t.Fatalf("%s: bad line %q", path, line)
			}
			for i, c := range cols {
				cur[i] = append(cur[i], c)
			}
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs
}
