package engine

import (
	"context"
	"fmt"
	"os"

	"github.com/newsgraph/newsgraph/internal/analysis"
	"github.com/newsgraph/newsgraph/internal/analysis/entity"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/kb"
	"github.com/newsgraph/newsgraph/internal/ner"
)

// LoadKB returns the built-in knowledge base, with the JSON Lines file
// userFile merged over it when userFile is not "".
func LoadKB(userFile string) (*kb.KB, error) {
	entries, err := kb.BuiltinEntries()
	if err != nil {
		return nil, err
	}
	if userFile != "" {
		f, err := os.Open(userFile)
		if err != nil {
			return nil, fmt.Errorf("knowledge base: %w", err)
		}
		defer f.Close()
		user, err := kb.Load(f)
		if err != nil {
			return nil, fmt.Errorf("knowledge base %s: %w", userFile, err)
		}
		entries = kb.Merge(entries, user)
	}
	return kb.New(entries), nil
}

// newEntityStage builds the entity stage over the knowledge base (see
// LoadKB) and the embedded taggers. If the built-in data cannot be read
// (a broken build), the stage reports that error on every document.
func newEntityStage(userFile string) (analysis.Stage, error) {
	base, err := LoadKB(userFile)
	if err != nil {
		return nil, err
	}
	taggers := map[string]entity.Tagger{}
	for _, l := range ner.EmbeddedLanguages() {
		m, err := ner.LoadEmbedded(l)
		if err != nil {
			taggers[l] = entity.Unavailable{Err: err}
			continue
		}
		taggers[l] = m
	}
	return entity.New(base, taggers), nil
}

// entityStage is newEntityStage for DefaultStages.
func entityStage() analysis.Stage {
	s, err := newEntityStage("")
	if err != nil {
		return failed{spec: (*entity.Stage)(nil).Spec(), err: err}
	}
	return s
}

// withKB replaces the entity stage of stages by one that uses the user
// knowledge-base file.
func withKB(stages []analysis.Stage, userFile string) ([]analysis.Stage, error) {
	s, err := newEntityStage(userFile)
	if err != nil {
		return nil, err
	}
	out := make([]analysis.Stage, len(stages))
	for i, st := range stages {
		if st.Spec().Name == entity.Name {
			st = s
		}
		out[i] = st
	}
	return out, nil
}

// failed is a stage that could not be built: it reports why on every
// document.
type failed struct {
	spec analysis.Spec
	err  error
}

func (f failed) Spec() analysis.Spec { return f.spec }

func (f failed) Analyze(context.Context, *doc.Document) error { return f.err }
