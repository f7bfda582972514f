package corpus

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/ner"
)

// Recipe is everything that decides a shipped model: which datasets of
// the data folder it is trained on and the training settings. The same
// recipe on the same data gives the same model file.
type Recipe struct {
	Lang    string // fr or en
	DataDir string
	Seed    int64
	Epochs  int
	// Extra lists additional French corpora: "europeana", "hipe".
	Extra []string
	// WithDev adds the English CoNLL dev set to the training data (it is
	// then no longer scored after each epoch).
	WithDev                bool
	UpperShare, LowerShare float64
	MinCount               int
	PruneBelow             float64
	// Holdout keeps the last share of the main corpus out of training and
	// scores it after each epoch (for experiments).
	Holdout float64
	// Clusters computes word clusters from unlabelled text; CrossGaz adds
	// the entity names of the other language's training corpus to the
	// gazetteer.
	Clusters, CrossGaz bool
	// Command is the command line recorded in the model's provenance note.
	Command string
}

// Train reads the recipe's data and trains a model, writing progress lines
// to progress.
func (r Recipe) Train(ctx context.Context, progress io.Writer) (*ner.Model, error) {
	logf := func(format string, args ...any) { fmt.Fprintf(progress, "ner train: "+format+"\n", args...) }
	var train, dev []ner.Sentence
	var sources []Source
	read := func(rel, licence string, f func(io.Reader) ([]ner.Sentence, error)) ([]ner.Sentence, error) {
		file, err := os.Open(filepath.Join(r.DataDir, rel))
		if err != nil {
			return nil, err
		}
		defer file.Close()
		s, err := f(file)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
		sources = append(sources, Source{Path: rel, Licence: licence})
		logf("read %s: %d sentences", rel, len(s))
		return s, nil
	}
	columns := func(opt ColumnOptions) func(io.Reader) ([]ner.Sentence, error) {
		return func(f io.Reader) ([]ner.Sentence, error) { return ReadColumns(f, opt) }
	}
	holdout := func(s []ner.Sentence) []ner.Sentence {
		if r.Holdout <= 0 {
			return s
		}
		cut := len(s) - int(float64(len(s))*r.Holdout)
		for cut > 0 && !s[cut].DocStart {
			cut--
		}
		dev = s[cut:]
		return s[:cut]
	}
	switch r.Lang {
	case "fr":
		s, err := read("wikineural-fr/val.conllu", "CC BY-NC-SA 4.0 (WikiNEuRal, Babelscape)", columns(ColumnOptions{WordCol: 1}))
		if err != nil {
			return nil, err
		}
		train = holdout(s)
		for _, x := range r.Extra {
			switch strings.TrimSpace(x) {
			case "":
			case "europeana":
				s, err := read("europeana-ner-fr/enp_FR.bnf.bio", "CC0 (Europeana Newspapers NER corpora)", columns(ColumnOptions{SplitAt: 60}))
				if err != nil {
					return nil, err
				}
				train = append(train, s...)
			case "hipe":
				s, err := read("hipe-fr-historical-news-ner/clef-hipe-2020/HIPE-data-v0.9-train-fr.tsv", "CC BY-NC-SA 4.0 (CLEF-HIPE-2020)", func(f io.Reader) ([]ner.Sentence, error) {
					return ReadHIPE(f, HIPEOptions{StripTitles: true})
				})
				if err != nil {
					return nil, err
				}
				train = append(train, s...)
			default:
				return nil, fmt.Errorf("unknown extra corpus %q", x)
			}
		}
	case "en":
		s, err := read("conll2003-en/conllpp_train.txt", "CoNLL-2003 (Reuters RCV1 text, research use only)", columns(ColumnOptions{}))
		if err != nil {
			return nil, err
		}
		train = holdout(s)
		d, err := read("conll2003-en/conllpp_dev.txt", "CoNLL-2003 (Reuters RCV1 text, research use only)", columns(ColumnOptions{}))
		if err != nil {
			return nil, err
		}
		if r.WithDev {
			train = append(train, d...)
		} else if r.Holdout <= 0 {
			dev = d
		}
	default:
		return nil, fmt.Errorf("no training recipe for language %q", r.Lang)
	}

	gaz, gsrc, err := Gazetteer(r.DataDir, r.Lang)
	if err != nil {
		return nil, err
	}
	if r.CrossGaz {
		// Entity names of the other language's labelled corpora (names of
		// people, places and organisations travel across languages). The
		// models never see names of their own test sets.
		type src struct {
			rel, licence string
			opt          ColumnOptions
		}
		srcs := []src{
			{"conll2003-en/conllpp_train.txt", "CoNLL-2003 (research use only)", ColumnOptions{}},
			{"conll2003-en/conllpp_dev.txt", "CoNLL-2003 (research use only)", ColumnOptions{}},
			{"conll2003-en/conllpp_test.txt", "CoNLL-2003 (research use only)", ColumnOptions{}},
		}
		if r.Lang == "en" {
			srcs = []src{
				{"wikineural-fr/val.conllu", "CC BY-NC-SA 4.0 (WikiNEuRal)", ColumnOptions{WordCol: 1}},
				{"wikineural-fr/test.conllu", "CC BY-NC-SA 4.0 (WikiNEuRal)", ColumnOptions{WordCol: 1}},
			}
		}
		for _, x := range srcs {
			f, err := os.Open(filepath.Join(r.DataDir, x.rel))
			if err != nil {
				return nil, err
			}
			other, err := ReadColumns(f, x.opt)
			f.Close()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", x.rel, err)
			}
			names := EntityNames(other)
			gaz = append(gaz, names...)
			gsrc = append(gsrc, Source{Path: x.rel + " (entity names only)", Licence: x.licence})
			logf("%d entity names from %s", len(names), x.rel)
		}
	}
	logf("gazetteer: %d names from %d files", len(gaz), len(gsrc))
	text, csrc, err := Unlabelled(r.DataDir, r.Lang)
	if err != nil {
		return nil, err
	}
	caselex := CaseLexicon(train, text)
	logf("unlabelled text: %d sentences; case lexicon: %d words", len(text), len(caselex))
	var clusters map[string]uint64
	if r.Clusters {
		all := text
		for _, s := range train {
			all = append(all, s.Words)
		}
		t0 := time.Now()
		clusters = ner.Clusters(all, ner.ClusterOptions{Seed: r.Seed})
		logf("word clusters: %d words in %v", len(clusters), time.Since(t0).Round(time.Millisecond))
	}

	var info strings.Builder
	fmt.Fprintf(&info, "newsgraph NER model, language %s.\n", r.Lang)
	if r.Command != "" {
		fmt.Fprintf(&info, "Built with: %s\n", r.Command)
	}
	fmt.Fprintf(&info, "Averaged structured perceptron, beam search over BILOU labels (early update), %d epochs, seed %d, case copies upper %.2f lower %.2f, min count %d, prune %g.\n",
		r.Epochs, r.Seed, r.UpperShare, r.LowerShare, r.MinCount, r.PruneBelow)
	info.WriteString("Training data:\n")
	for _, s := range sources {
		fmt.Fprintf(&info, "  %s (%s)\n", s.Path, s.Licence)
	}
	info.WriteString("Gazetteer, case lexicon and word clusters:\n")
	for _, s := range append(gsrc, csrc...) {
		fmt.Fprintf(&info, "  %s (%s)\n", s.Path, s.Licence)
	}
	return ner.Train(ctx, train, ner.TrainOptions{
		Lang: r.Lang, Info: info.String(), Epochs: r.Epochs, Seed: r.Seed,
		UpperShare: r.UpperShare, LowerShare: r.LowerShare, MinCount: r.MinCount, PruneBelow: r.PruneBelow,
		Gazetteer: gaz, CaseLexicon: caselex, Clusters: clusters, Dev: dev, Progress: progress,
	})
}

// WriteModel saves m to path atomically (a temporary file renamed).
func WriteModel(m *ner.Model, path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ner-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := m.Save(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
