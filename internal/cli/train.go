package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph/internal/ner/corpus"
)

const trainHelp = `
Train a model from the public datasets of the shared data folder.
TARGET is one of:

  ner    the named-entity tagger (internal/ner); flags: newsgraph train ner -h`

// trainTargets maps a train target to its command.
func trainTargets() map[string]func(e *env, args []string) error {
	return map[string]func(e *env, args []string) error{
		"ner": runTrainNER,
	}
}

func runTrain(e *env, args []string) error {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		run, ok := trainTargets()[args[0]]
		if !ok {
			fmt.Fprintf(e.stderr, "newsgraph train: unknown target %q\n", args[0])
			return errUsage
		}
		return run(e, args[1:])
	}
	fs := newFlags(e, "train", "TARGET [flags]", trainHelp)
	if err := parse(fs, args); err != nil {
		return err
	}
	fs.Usage()
	return errUsage
}

const trainNERHelp = `
Train the named-entity tagger for a language and write the model file
(the shipped models are internal/ner/models/LANG.ner, described with the
exact commands in internal/ner/models/README.md).

French: WikiNEuRal fr val.conllu (its test.conllu stays held out), plus
--extra europeana (Europeana Newspapers BnF, IOB1) and/or hipe (CLEF-HIPE-2020
French train v0.9, titles and functions cut from person names).
English: CoNLL-2003 conllpp_train.txt (and conllpp_dev.txt with --with-dev;
otherwise the dev set is scored after every epoch). The gazetteer (GeoNames,
Wikidata country aliases, world leaders, the organisations and events of
the built-in knowledge base, the other language's entity names), the case
lexicon and the word clusters (OrangeSum and AADS text for
French, Reuters-21578 and PolNeAR for English) are built from the same data
folder and stored inside the model. Training is deterministic for a seed.`

func runTrainNER(e *env, args []string) error {
	fs := newFlags(e, "train ner", "--lang fr|en [flags]", trainNERHelp)
	lang := fs.String("lang", "", "language: fr or en (required)")
	data := fs.String("data", "", "the data folder (default: data/ in the shared folder found upwards)")
	out := fs.String("out", "", "model file to write (default internal/ner/models/LANG.ner)")
	seed := fs.Int64("seed", 1, "random seed for shuffling, case copies and clusters")
	epochs := fs.Int("epochs", 10, "passes over the training data")
	extra := fs.String("extra", "", "French only: comma-separated extra corpora: europeana, hipe")
	withDev := fs.Bool("with-dev", false, "English only: train on the CoNLL dev set too")
	upper := fs.Float64("upper", 0.08, "share of sentences added again in upper case")
	lower := fs.Float64("lower", 0.04, "share of sentences added again in lower case")
	minCount := fs.Int("min-count", 2, "drop features seen fewer times")
	prune := fs.Float64("prune", 0, "zero weights below this fraction of the largest")
	holdout := fs.Float64("holdout", 0, "hold out this last share of the main corpus as a dev set (experiments)")
	clusters := fs.Bool("clusters", true, "compute word clusters from unlabelled text")
	crossGaz := fs.Bool("cross-gaz", true, "add the entity names of the other language's training corpus to the gazetteer")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *lang != "fr" && *lang != "en" {
		fmt.Fprintln(e.stderr, "newsgraph train ner: --lang fr or en is required")
		return errUsage
	}
	dir := *data
	if dir == "" {
		if shared := findShared(); shared != "" {
			dir = filepath.Join(shared, "data")
		}
	}
	if dir == "" {
		return fmt.Errorf("no data folder found; give --data DIR")
	}
	if *out == "" {
		*out = filepath.Join("internal", "ner", "models", *lang+".ner")
	}
	r := corpus.Recipe{
		Lang: *lang, DataDir: dir, Seed: *seed, Epochs: *epochs, WithDev: *withDev,
		UpperShare: *upper, LowerShare: *lower, MinCount: *minCount, PruneBelow: *prune,
		Holdout: *holdout, Clusters: *clusters, CrossGaz: *crossGaz,
		Command: "newsgraph train ner " + strings.Join(args, " "),
	}
	if *extra != "" {
		r.Extra = strings.Split(*extra, ",")
	}
	m, err := r.Train(e.ctx, e.stderr)
	if err != nil {
		return err
	}
	if err := corpus.WriteModel(m, *out); err != nil {
		return err
	}
	st, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (%.1f MB, %d features)\n", *out, float64(st.Size())/1e6, m.NumFeatures())
	return nil
}
