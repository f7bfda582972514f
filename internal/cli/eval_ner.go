package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/ner"
	"github.com/newsgraph/newsgraph/internal/ner/corpus"
)

// The NER suites score the statistical tagger (internal/ner) on public
// datasets: CoNLL entity-level precision, recall and F1 per type and micro
// overall (an entity counts when its words and type are both exact).
// Documents are tagged as wholes (ner.Model.TagDocument). The suites use
// the shipped models, or the LANG.ner files of the folder named by the
// environment variable NEWSGRAPH_NER_MODELS when it is set (to score a
// model just trained).

// nerModel loads the model to evaluate for lang.
func nerModel(lang string) (*ner.Model, string, error) {
	if dir := os.Getenv("NEWSGRAPH_NER_MODELS"); dir != "" {
		p := filepath.Join(dir, lang+".ner")
		f, err := os.Open(p)
		if err != nil {
			return nil, "", err
		}
		defer f.Close()
		m, err := ner.Load(f)
		return m, p, err
	}
	m, err := ner.LoadEmbedded(lang)
	return m, "embedded " + lang + " model", err
}

// nerFile is one labelled test file of a suite.
type nerFile struct {
	name string
	path string // relative to shared/data
	read func(io.Reader) ([]ner.Sentence, error)
}

func evalNERWikineural(e *env, shared string, verbose bool) error {
	return evalNERFiles(e, shared, verbose, "fr", []nerFile{{
		name: "wikineural-fr test",
		path: "wikineural-fr/test.conllu",
		read: func(r io.Reader) ([]ner.Sentence, error) {
			return corpus.ReadColumns(r, corpus.ColumnOptions{WordCol: 1})
		},
	}})
}

func evalNERHipe(e *env, shared string, verbose bool) error {
	read := func(r io.Reader) ([]ner.Sentence, error) {
		return corpus.ReadHIPE(r, corpus.HIPEOptions{StripTitles: true})
	}
	var files []nerFile
	for _, set := range []string{"hipe2020", "letemps", "newseye"} {
		files = append(files, nerFile{
			name: "HIPE-2022 " + set + " test",
			path: fmt.Sprintf("hipe-fr-historical-news-ner/hipe2022-v2.1/%s/fr/HIPE-2022-v2.1-%s-test-fr.tsv", set, set),
			read: read,
		})
	}
	if err := evalNERFiles(e, shared, verbose, "fr", files); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "(HIPE has almost no MISC: its prod type is rare; the PER, ORG, LOC rows are the comparable ones.)")
	return nil
}

func evalNERConll(e *env, shared string, verbose bool) error {
	read := func(r io.Reader) ([]ner.Sentence, error) {
		return corpus.ReadColumns(r, corpus.ColumnOptions{})
	}
	return evalNERFiles(e, shared, verbose, "en", []nerFile{
		{name: "CoNLL-2003 original test", path: "conll2003-en/original_test.txt", read: read},
		{name: "CoNLL++ test", path: "conll2003-en/conllpp_test.txt", read: read},
	})
}

// evalNERFiles tags every file with the model of lang and prints a score
// table per file (and overall when there are several).
func evalNERFiles(e *env, shared string, verbose bool, lang string, files []nerFile) error {
	m, from, err := nerModel(lang)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "model: %s (%d features)\n", from, m.NumFeatures())
	all := ner.NewScores()
	for _, f := range files {
		file, err := os.Open(filepath.Join(shared, "data", f.path))
		if err != nil {
			return err
		}
		sents, err := f.read(file)
		file.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f.path, err)
		}
		sc := ner.NewScores()
		words := 0
		t0 := time.Now()
		misses := 0
		for _, doc := range ner.Documents(sents) {
			ws := make([][]string, len(doc))
			for i, s := range doc {
				ws[i] = s.Words
			}
			for i, pred := range m.TagDocument(ws) {
				s := doc[i]
				sc.Add(s.Labels, pred)
				all.Add(s.Labels, pred)
				words += len(s.Words)
				if verbose && misses < 200 && !sameSpans(s.Labels, pred) {
					misses++
					fmt.Fprintf(e.stdout, "  miss: %s\n", showTagged(s.Words, s.Labels, pred))
				}
			}
		}
		el := time.Since(t0)
		fmt.Fprintf(e.stdout, "### %s (%s): %d sentences, %d words, tagged in %v\n", f.name, f.path, len(sents), words, el.Round(time.Millisecond))
		sc.Write(e.stdout)
	}
	if len(files) > 1 {
		fmt.Fprintln(e.stdout, "### all files")
		all.Write(e.stdout)
		c := all.MicroOf("PER", "ORG", "LOC")
		fmt.Fprintf(e.stdout, "%-8s %7.4f %7.4f %7.4f %6d %6d %6d\n", "PER+ORG+LOC", c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
	}
	return nil
}

func sameSpans(gold, pred []string) bool {
	g, p := ner.Spans(gold), ner.Spans(pred)
	if len(g) != len(p) {
		return false
	}
	for i := range g {
		if g[i] != p[i] {
			return false
		}
	}
	return true
}

// showTagged renders a sentence with gold and predicted entities:
// [Paris|LOC] for agreement, [Paris|gold LOC|pred ORG] otherwise.
func showTagged(words, gold, pred []string) string {
	var b strings.Builder
	opens := map[int][]string{}
	closes := map[int][]string{}
	for _, s := range ner.Spans(gold) {
		opens[s.Start] = append(opens[s.Start], "{")
		closes[s.End-1] = append(closes[s.End-1], "}"+s.Type)
	}
	for _, s := range ner.Spans(pred) {
		opens[s.Start] = append(opens[s.Start], "[")
		closes[s.End-1] = append(closes[s.End-1], "]"+s.Type)
	}
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.Join(opens[i], ""))
		b.WriteString(w)
		b.WriteString(strings.Join(closes[i], ""))
	}
	return b.String()
}
