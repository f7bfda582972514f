package engine

import (
	"context"
	"fmt"
	"os"
	"sync"

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
// LoadKB) and the embedded taggers, each wrapped by wrap when it is not
// nil. Each tagger is decoded when the stage first meets its language.
func newEntityStage(userFile string, wrap func(string, entity.Tagger) entity.Tagger) (analysis.Stage, error) {
	base, err := LoadKB(userFile)
	if err != nil {
		return nil, err
	}
	taggers := map[string]entity.Tagger{}
	for _, l := range ner.EmbeddedLanguages() {
		taggers[l] = entity.NewLazy(func() (entity.Tagger, error) {
			m, err := ner.LoadEmbedded(l)
			if err != nil {
				return nil, err
			}
			if wrap != nil {
				return wrap(l, m), nil
			}
			return m, nil
		})
	}
	return entity.New(base, taggers), nil
}

// entityStage is newEntityStage for DefaultStages, built when the engine
// first analyses a document: an engine that analyses nothing does not
// load the knowledge base. If the built-in data cannot be read (a broken
// build), the stage reports that error on every document.
func entityStage() analysis.Stage {
	return &lazyStage{spec: (*entity.Stage)(nil).Spec(), build: func() (analysis.Stage, error) { return newEntityStage("", nil) }}
}

// withEntity replaces the entity stage of stages by one that uses the user
// knowledge-base file and wraps its taggers with wrap (see newEntityStage).
func withEntity(stages []analysis.Stage, userFile string, wrap func(string, entity.Tagger) entity.Tagger) ([]analysis.Stage, error) {
	s, err := newEntityStage(userFile, wrap)
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

// lazyStage is a stage built on its first use, once for all the goroutines
// of its engine.
type lazyStage struct {
	spec  analysis.Spec
	build func() (analysis.Stage, error)
	once  sync.Once
	stage analysis.Stage
	err   error
}

func (l *lazyStage) Spec() analysis.Spec { return l.spec }

func (l *lazyStage) Analyze(ctx context.Context, d *doc.Document) error {
	l.once.Do(func() { l.stage, l.err = l.build() })
	if l.err != nil {
		return l.err
	}
	return l.stage.Analyze(ctx, d)
}
