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
// evicted by the others). Each document gets the same result as from Run.
func (p *Pipeline) RunBatch(ctx context.Context, docs []*doc.Document) error {
	for _, s := range p.stages {
		for _, d := range docs {
			if err := ctx.Err(); err != nil {
				return err
			}
			start := time.Now()
			err := runStage(ctx, s, d)
			if p.Timing != nil {
				p.Timing(s.Spec().Name, time.Since(start))
			}
			if err != nil {
				d.Problem(s.Spec().Name, "%v", err)
			}
		}
	}
	return nil
}

func runStage(ctx context.Context, s Stage, d *doc.Document) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("stage %s panicked: %v", s.Spec().Name, r)
		}
	}()
	return s.Analyze(ctx, d)
}
