// Package analysis defines the stage contract and the pipeline that runs
// stages over a document. It holds no stage code: stages live in the
// sub-packages and talk to each other only through document layers.
package analysis

import (
	"context"
	"fmt"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// Layer names a document layer that a stage reads or writes.
type Layer string

// Layers of a document.
const (
	LayerText       Layer = "text"
	LayerLang       Layer = "lang"
	LayerParagraphs Layer = "paragraphs"
	LayerSentences  Layer = "sentences"
	LayerTokens     Layer = "tokens"
	LayerRemoved    Layer = "removed"
	LayerEntities   Layer = "entities"
	LayerQuotes     Layer = "quotes"
	LayerTimes      Layer = "times"
	LayerQuantities Layer = "quantities"
	LayerEvents     Layer = "events"
)

// Spec describes a stage: its name and the layers it needs and makes.
type Spec struct {
	Name     string
	Requires []Layer
	Provides []Layer
}

// Stage adds layers to a document.
//
// Analyze reads the layers named in Spec().Requires and appends to those in
// Provides; it must not change Document.Text or layers it does not provide.
// An error means the stage could not finish on this document; the pipeline
// records it on the document and goes on with the other stages. Stages must
// be safe for concurrent use on different documents.
type Stage interface {
	Spec() Spec
	Analyze(ctx context.Context, d *doc.Document) error
}

// Pipeline runs stages in an order that satisfies their requirements.
type Pipeline struct {
	stages []Stage
	// Timing, when non-nil, receives the time spent in each stage.
	Timing func(stage string, d time.Duration)
}

// New orders the stages so that every stage runs after the providers of the
// layers it requires. It fails when a required layer has no provider or
// when requirements form a cycle. The base layers text and lang are given
// by the reader.
func New(stages ...Stage) (*Pipeline, error) {
	provider := map[Layer]int{LayerText: -1, LayerLang: -1}
	for i, s := range stages {
		for _, l := range s.Spec().Provides {
			if _, dup := provider[l]; dup && l != LayerLang {
				return nil, fmt.Errorf("analysis: layer %q provided twice (stage %s)", l, s.Spec().Name)
			}
			provider[l] = i
		}
	}
	done := make([]bool, len(stages))
	ordered := make([]Stage, 0, len(stages))
	for len(ordered) < len(stages) {
		progress := false
		for i, s := range stages {
			if done[i] {
				continue
			}
			ready := true
			for _, l := range s.Spec().Requires {
				p, ok := provider[l]
				if !ok {
					return nil, fmt.Errorf("analysis: stage %s requires layer %q that no stage provides", s.Spec().Name, l)
				}
				if p >= 0 && p != i && !done[p] {
					ready = false
				}
			}
			if ready {
				done[i] = true
				ordered = append(ordered, s)
				progress = true
			}
		}
		if !progress {
			return nil, fmt.Errorf("analysis: stage requirements form a cycle")
		}
	}
	return &Pipeline{stages: ordered}, nil
}

// Stages returns the stages in run order.
func (p *Pipeline) Stages() []Stage { return p.stages }

// Run applies every stage to d. A stage error (or panic) is recorded on the
// document as a problem and the other stages still run; only a cancelled
// context stops the run, and its error is returned.
func (p *Pipeline) Run(ctx context.Context, d *doc.Document) error {
	return p.RunBatch(ctx, []*doc.Document{d})
}

// RunBatch applies every stage to each of docs as Run does, stage by
// stage: a stage runs on every document of the batch before the next
// stage starts, so that its models, lexicons and memos stay in the
// processor's caches (one document at a time, each stage finds them
// evicted by the others). A BatchStage gets the whole batch at once. Each
// document gets the same result as from Run.
func (p *Pipeline) RunBatch(ctx context.Context, docs []*doc.Document) error {
	for _, s := range p.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		name := s.Spec().Name
		if bs, ok := s.(BatchStage); ok && len(docs) > 1 {
			start := time.Now()
			errs := bs.AnalyzeBatch(ctx, docs)
			if p.Timing != nil {
				p.Timing(name, time.Since(start))
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			for i, err := range errs[:min(len(errs), len(docs))] {
				if err != nil {
					docs[i].Problem(name, "%v", err)
				}
			}
			continue
		}
		for _, d := range docs {
			if err := ctx.Err(); err != nil {
				return err
			}
			start := time.Now()
			err := Guard(name, func() error { return s.Analyze(ctx, d) })
			if p.Timing != nil {
				p.Timing(name, time.Since(start))
			}
			if err != nil {
				d.Problem(name, "%v", err)
			}
		}
	}
	return nil
}

// BatchStage is a Stage that analyses a batch of documents better than one
// at a time: the entity stage tags the words of every document before it
// analyses any, so that the tagger's tables and memos stay in the
// processor's caches. AnalyzeBatch returns an error per document, nil when
// its analysis went well, and must give each document the result Analyze
// gives it; a panic while analysing one document must be that document's
// error only (Guard).
type BatchStage interface {
	Stage
	AnalyzeBatch(ctx context.Context, docs []*doc.Document) []error
}

// Guard runs fn, turning a panic into an error naming the stage.
func Guard(stage string, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("stage %s panicked: %v", stage, r)
		}
	}()
	return fn()
}
