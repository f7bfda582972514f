// Package engine is newsgraph's composition root: it wires readers, the
// language detector and the analysis stages (and, in other files, stores)
// into the operations the CLI and the HTTP API offer.
package engine

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"sync"

	"github.com/newsgraph/newsgraph/internal/analysis"
	"github.com/newsgraph/newsgraph/internal/analysis/clean"
	"github.com/newsgraph/newsgraph/internal/analysis/entity"
	"github.com/newsgraph/newsgraph/internal/analysis/event"
	"github.com/newsgraph/newsgraph/internal/analysis/quantity"
	"github.com/newsgraph/newsgraph/internal/analysis/quote"
	"github.com/newsgraph/newsgraph/internal/analysis/segment"
	"github.com/newsgraph/newsgraph/internal/analysis/timex"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/lang"
)

// Version is the analyser version recorded with stored facts.
const Version = "0.1.0"

// Options configure an Engine.
type Options struct {
	// Lang forces the language of every document ("" detects it).
	Lang string
	// Read controls the readers.
	Read ingest.Options
	// Logger receives diagnostics; nil discards them.
	Logger *slog.Logger
	// Stages replaces DefaultStages when non-nil.
	Stages []analysis.Stage
	// KB is a JSON Lines knowledge-base file merged over the built-in one
	// (see internal/kb); "" uses the built-in base alone.
	KB string
	// Tagger, when not nil, wraps the named-entity tagger of each
	// language once it is loaded (to measure it, for instance).
	Tagger func(lang string, t entity.Tagger) entity.Tagger
}

// Engine analyses documents. It is safe for concurrent use.
type Engine struct {
	opt      Options
	pipeline *analysis.Pipeline
	detector *lang.Detector
	log      *slog.Logger
}

// DefaultStages returns the analysis stages in use, built fresh.
func DefaultStages() ([]analysis.Stage, error) {
	return []analysis.Stage{
		segment.New(),
		clean.New(),
		timex.New(),
		quantity.New(),
		entityStage(),
		quote.New(),
		event.New(),
	}, nil
}

// New builds an engine.
func New(opt Options) (*Engine, error) {
	stages := opt.Stages
	if stages == nil {
		var err error
		if stages, err = DefaultStages(); err != nil {
			return nil, err
		}
		if opt.KB != "" || opt.Tagger != nil {
			if stages, err = withEntity(stages, opt.KB, opt.Tagger); err != nil {
				return nil, err
			}
		}
	}
	p, err := analysis.New(stages...)
	if err != nil {
		return nil, err
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opt.Lang != "" {
		opt.Lang = lang.Normalize(opt.Lang)
	}
	return &Engine{opt: opt, pipeline: p, detector: lang.NewDetector(), log: log}, nil
}

// Pipeline returns the engine's pipeline.
func (e *Engine) Pipeline() *analysis.Pipeline { return e.pipeline }

// Identify sets the document's language: forced by options, kept from a
// header, or detected on the body.
func (e *Engine) Identify(d *doc.Document) {
	switch {
	case e.opt.Lang != "":
		d.Lang, d.LangConfidence, d.LangSource = e.opt.Lang, 1, "flag"
	case d.Lang != "":
		d.Lang = lang.Normalize(d.Lang)
	default:
		d.Lang, d.LangConfidence = e.detector.Detect(d.Slice(d.Body))
		d.LangSource = "detected"
	}
}

// Analyze identifies the language of d and runs every stage on it.
func (e *Engine) Analyze(ctx context.Context, d *doc.Document) error {
	e.Identify(d)
	return e.pipeline.Run(ctx, d)
}

// BatchSize is the number of documents AnalyzeBatch's callers in this
// package give it at a time: stage by stage over 16 documents, the whole
// analysis ran 1.0-1.3× faster than document by document (newsgraph
// bench, OrangeSum and Reuters, 2 workers, four alternations: median
// 1.17). Since the entity stage tags a batch language by language, 64
// documents give the taggers longer runs (French tagger 0.95-1.24× in
// eight alternations with 16, median 1.08; whole analysis within noise)
// but ingest held 10-20 MB more at its peak: 16 it stays.
const BatchSize = 16

// AnalyzeBatch identifies the language of each of docs and runs every
// stage on them, stage by stage (analysis.Pipeline.RunBatch): each
// document gets the result Analyze gives it.
func (e *Engine) AnalyzeBatch(ctx context.Context, docs []*doc.Document) error {
	for _, d := range docs {
		e.Identify(d)
	}
	return e.pipeline.RunBatch(ctx, docs)
}

// Result is one analysed document or one input error, in input order.
type Result struct {
	Doc *doc.Document
	Err *ingest.Error
}

// AnalyzePaths reads and analyses files, folders and "-" (stdin) with
// `workers` goroutines (all cores when 0) and calls emit for every
// document and every input error, in input order. It returns ctx.Err()
// if cancelled.
func (e *Engine) AnalyzePaths(ctx context.Context, paths []string, stdin io.Reader, workers int, emit func(Result)) error {
	files, errs := ingest.Expand(paths)
	for _, err := range errs {
		emit(Result{Err: err})
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		paths []string
		out   chan []Result
	}
	jobs := make(chan job)
	queue := make(chan chan []Result, workers*2)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out <- e.analyzeFiles(ctx, j.paths, stdin)
			}
		}()
	}
	go func() {
		defer close(queue)
		defer close(jobs)
		// Files of one document each (a folder of articles) go to the
		// workers in groups, so that they are analysed in batches; a
		// few files are not grouped, to keep the workers busy.
		group := min(BatchSize, max(1, len(files)/(4*workers)))
		for len(files) > 0 {
			if ctx.Err() != nil {
				return
			}
			n := min(group, len(files))
			out := make(chan []Result, 1)
			queue <- out
			jobs <- job{files[:n], out}
			files = files[n:]
		}
	}()
	for out := range queue {
		for _, r := range <-out {
			emit(r)
		}
	}
	wg.Wait()
	return ctx.Err()
}

// analyzeFiles reads files and analyses their documents in batches of
// BatchSize; each file's results are its input errors, then its documents.
func (e *Engine) analyzeFiles(ctx context.Context, paths []string, stdin io.Reader) []Result {
	var out []Result
	var batch []*doc.Document
	var at []int // index in out of each document of batch
	flush := func() {
		err := e.AnalyzeBatch(ctx, batch)
		for k, d := range batch {
			if err != nil {
				out[at[k]] = Result{Err: &ingest.Error{Path: d.Source, Err: fmt.Errorf("analysis: %w", err)}}
			}
		}
		batch, at = batch[:0], at[:0]
	}
	for _, path := range paths {
		docs, errs := ingest.ReadPath(path, stdin, e.opt.Read)
		for _, err := range errs {
			out = append(out, Result{Err: err})
		}
		for _, d := range docs {
			at = append(at, len(out))
			out = append(out, Result{Doc: d})
			batch = append(batch, d)
			if len(batch) == BatchSize {
				flush()
			}
		}
	}
	if len(batch) > 0 {
		flush()
	}
	return out
}
