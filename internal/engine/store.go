package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// DefaultDB is the database used when none is named.
const DefaultDB = "newsgraph.db"

// StoreOptions configure OpenStore.
type StoreOptions struct {
	// ReadOnly refuses writes (serve without a token).
	ReadOnly bool
	// BusyTimeout is how long a write waits for another writer.
	BusyTimeout time.Duration
}

// OpenStore opens the knowledge base named by dsn: a file path or
// "sqlite:PATH" for the embedded SQLite store ("" is DefaultDB).
func OpenStore(ctx context.Context, dsn string, opt StoreOptions) (store.Store, error) {
	switch {
	case dsn == "":
		dsn = DefaultDB
	case strings.HasPrefix(dsn, "postgres:"), strings.HasPrefix(dsn, "postgresql:"):
		return nil, errors.New("the PostgreSQL store is not available in this build")
	}
	path := strings.TrimPrefix(dsn, "sqlite:")
	return sqlite.Open(ctx, path, sqlite.Options{ReadOnly: opt.ReadOnly, BusyTimeout: opt.BusyTimeout})
}

// IngestOptions configure Ingest.
type IngestOptions struct {
	// Workers analyse documents in parallel (all cores when 0).
	Workers int
	// Batch is the number of documents written per transaction
	// (DefaultBatch when 0); a batch is also written when it is two seconds
	// old.
	Batch int
}

// DefaultBatch is the number of documents written per transaction: the
// store's cost per document falls with the batch size (one full-text
// segment and one commit per batch) up to a few hundred.
const DefaultBatch = 256

// IngestStats counts what an ingest did so far.
type IngestStats struct {
	Files     int // input files found
	FilesDone int
	Added     int // new documents
	Replaced  int // new versions of stored documents
	Unchanged int // documents already stored (not analysed again)
	Failed    int // input errors and documents that could not be analysed
	Elapsed   time.Duration
	// Analysis is the time spent analysing, summed over the workers;
	// Storing the time spent writing to the store (by one goroutine, while
	// the workers go on analysing).
	Analysis, Storing time.Duration
}

// Stored is the number of documents written.
func (s IngestStats) Stored() int { return s.Added + s.Replaced }

// Rate is the number of documents handled (stored or unchanged) per second.
func (s IngestStats) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Stored()+s.Unchanged) / s.Elapsed.Seconds()
}

// IngestEvent is reported during Ingest: after every written batch and
// every input error (Err), with the running totals.
type IngestEvent struct {
	Stats IngestStats
	Err   *ingest.Error
}

// item is one step of an ingest, in input order: a document to store, a
// document already stored, an input error, or the end of a file.
type item struct {
	doc       *doc.Document
	unchanged bool
	err       *ingest.Error
	fileDone  bool
	ready     chan struct{} // closed once doc or err is final
}

// Ingest reads, analyses and stores files, folders and "-" (stdin).
// Files are read in order by one goroutine; their documents are analysed
// by opt.Workers goroutines (so a JSON Lines file uses every core) and
// stored in input order, opt.Batch per transaction. Documents whose text is
// already stored are skipped before analysis, so an interrupted ingest
// resumes where it stopped. Input errors and documents that fail analysis
// are reported through report (called from one goroutine) and counted in
// Failed; the others are stored. When ctx is cancelled, the documents
// already analysed are written and Ingest returns ctx.Err(). A store error
// stops the ingest.
func (e *Engine) Ingest(ctx context.Context, st store.Store, paths []string, stdin io.Reader, opt IngestOptions,
	report func(IngestEvent)) (IngestStats, error) {
	if report == nil {
		report = func(IngestEvent) {}
	}
	if opt.Batch <= 0 {
		opt.Batch = DefaultBatch
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	start := time.Now()
	var stats IngestStats
	files, expandErrs := ingest.Expand(paths)
	stats.Files = len(files)
	for _, err := range expandErrs {
		stats.Failed++
		report(IngestEvent{Stats: stats, Err: err})
	}

	// work is cancelled on a store error; ctx on the caller's request.
	work, stop := context.WithCancel(ctx)
	defer stop()
	// The queue holds documents analysed while a batch is written. (A
	// batch and the groups analysed meanwhile, 320 documents instead of
	// 512, held 5 MB less but ingest ran 8 % slower: the writer waited.)
	queue := make(chan *item, max(workers*8, opt.Batch*2))
	// Documents go to the workers in groups, analysed stage by stage
	// (AnalyzeBatch); a group is smaller than the queue, which holds it
	// until it is sent.
	jobs := make(chan []*item)
	group := min(BatchSize, cap(queue)/2)
	var (
		wg       sync.WaitGroup
		analysis atomic.Int64 // nanoseconds
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var docs []*doc.Document
			for items := range jobs {
				docs = docs[:0]
				for _, it := range items {
					docs = append(docs, it.doc)
				}
				t0 := time.Now()
				err := e.AnalyzeBatch(work, docs)
				analysis.Add(int64(time.Since(t0)))
				for _, it := range items {
					if err != nil {
						if work.Err() == nil {
							it.err = &ingest.Error{Path: it.doc.Source, Err: fmt.Errorf("analysis: %w", err)}
						}
						it.doc = nil // cancelled or failed: not stored
					}
					close(it.ready)
				}
			}
		}()
	}
	go func() {
		defer close(queue)
		defer close(jobs)
		final := func(it *item) *item {
			it.ready = make(chan struct{})
			close(it.ready)
			return it
		}
		var pending []*item // queued, not yet sent to a worker
		send := func() bool {
			if len(pending) == 0 {
				return true
			}
			select {
			case jobs <- pending:
				pending = nil
				return true
			case <-work.Done():
				for _, it := range pending {
					it.doc = nil
					close(it.ready)
				}
				pending = nil
				return false
			}
		}
		defer send()
		// push queues it; when the queue is full, the documents pending
		// are sent first (the writer may be waiting for one of them).
		push := func(it *item) {
			select {
			case queue <- it:
				return
			default:
			}
			send()
			queue <- it
		}
		for _, f := range files {
			if work.Err() != nil {
				return
			}
			docs, errs := ingest.ReadPath(f, stdin, e.opt.Read)
			for _, err := range errs {
				push(final(&item{err: err}))
			}
			hashes := make([]string, len(docs))
			for i, d := range docs {
				hashes[i] = store.ContentHash(d.Text)
			}
			known, err := st.Has(work, hashes)
			if err != nil {
				if work.Err() == nil {
					push(final(&item{err: &ingest.Error{Path: f, Err: fmt.Errorf("store: %w", err)}}))
				}
				docs = nil
			}
			for i, d := range docs {
				if known[hashes[i]] {
					push(final(&item{unchanged: true}))
					continue
				}
				it := &item{doc: d, ready: make(chan struct{})}
				push(it)
				if pending = append(pending, it); len(pending) == group && !send() {
					return
				}
			}
			push(final(&item{fileDone: true}))
		}
	}()

	var (
		batch    []*doc.Document
		batchAt  time.Time
		storeErr error
	)
	flush := func() {
		if len(batch) == 0 || storeErr != nil {
			return
		}
		// Documents already analysed are written even when the caller
		// cancelled: that is what lets the next run resume.
		t0 := time.Now()
		res, err := st.Put(context.WithoutCancel(ctx), batch, Version)
		stats.Storing += time.Since(t0)
		stats.Analysis = time.Duration(analysis.Load())
		batch = batch[:0]
		if err != nil {
			storeErr = err
			stop()
			return
		}
		for _, r := range res {
			switch r.Status {
			case store.Added:
				stats.Added++
			case store.Replaced:
				stats.Replaced++
			default:
				stats.Unchanged++
			}
		}
		stats.Elapsed = time.Since(start)
		report(IngestEvent{Stats: stats})
	}
	for it := range queue {
		<-it.ready
		switch {
		case it.err != nil:
			stats.Failed++
			stats.Elapsed = time.Since(start)
			report(IngestEvent{Stats: stats, Err: it.err})
		case it.unchanged:
			stats.Unchanged++
		case it.fileDone:
			stats.FilesDone++
		case it.doc != nil:
			if len(batch) == 0 {
				batchAt = time.Now()
			}
			batch = append(batch, it.doc)
		}
		if len(batch) >= opt.Batch || (len(batch) > 0 && time.Since(batchAt) > 2*time.Second) {
			flush()
		}
	}
	wg.Wait()
	flush()
	stats.Elapsed = time.Since(start)
	stats.Analysis = time.Duration(analysis.Load())
	if storeErr != nil {
		return stats, fmt.Errorf("store: %w", storeErr)
	}
	return stats, ctx.Err()
}

// ErrInput marks an input IngestData could not read (empty, binary, badly
// encoded, malformed header or JSON); it wraps the reader's error.
var ErrInput = errors.New("unreadable input")

// IngestData reads, analyses and stores one uploaded input (any format the
// readers know; name is its source). It returns the stored documents'
// results and the input's errors.
func (e *Engine) IngestData(ctx context.Context, st store.Store, name string, data []byte) ([]store.PutResult, error) {
	docs, errs := ingest.Read(name, data)
	if len(docs) == 0 {
		if len(errs) > 0 {
			return nil, fmt.Errorf("%w: %w", ErrInput, errs[0])
		}
		return nil, fmt.Errorf("%w: %w", ErrInput, ingest.ErrEmpty)
	}
	for _, d := range docs {
		if err := e.Analyze(ctx, d); err != nil {
			return nil, fmt.Errorf("analysis: %w", err)
		}
	}
	res, err := st.Put(ctx, docs, Version)
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return res, fmt.Errorf("%w: %w", ErrInput, errs[0])
	}
	return res, nil
}
