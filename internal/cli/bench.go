package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/newsgraph/newsgraph/internal/analysis/entity"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/engine"
	"github.com/newsgraph/newsgraph/internal/ingest"
)

const benchHelp = `
Measure the throughput of the full analysis: read every input (in memory,
so disk speed does not count), identify its language and run every stage,
with --workers goroutines, each analysing batches of 16 documents stage by
stage as analyze and ingest do. Prints MB/s of input, articles/s, allocations
per article, the peak resident memory and the time spent in each step
(wall-clock, summed over workers), and the process CPU time, which on a
shared machine measures the cost per core better. The "tagger" lines time
the named-entity taggers inside the entity stage: MB of words tagged per
second spent tagging (per core while the workers do not outnumber the
free cores). Progress goes to stderr.

The corpus is --corpus DIR (any files analyze reads), or by default the
French OrangeSum sample and the English Reuters-21578 stories under
--shared (data/orangesum-fr-news/parsed, data/reuters21578-en-news).
--limit caps the number of inputs (files, or stories for Reuters).`

// benchInput is one input held in memory.
type benchInput struct {
	name string
	data []byte
}

func runBench(e *env, args []string) error {
	fs := newFlags(e, "bench", "[--corpus DIR] [--limit N] [--workers N] [--cpuprofile FILE] [--memprofile FILE]", benchHelp)
	corpus := fs.String("corpus", "", "folder of articles to analyse (default: the OrangeSum and Reuters data under --shared)")
	shared := fs.String("shared", "", "the shared data folder (default: search ../shared upwards)")
	limit := fs.Int("limit", 0, "analyse at most N inputs (0: all)")
	workers := fs.Int("workers", 0, "documents analysed in parallel (0: one per core)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the timed analysis to `FILE` (go tool pprof reads it)")
	memProfile := fs.String("memprofile", "", "write a heap profile to `FILE` at the end of the timed analysis, the workers' memory still held (go tool pprof reads it)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(e.stderr, "newsgraph bench: unexpected arguments; give the corpus with --corpus DIR")
		return errUsage
	}
	if *workers <= 0 {
		*workers = runtime.GOMAXPROCS(0)
	}

	start := time.Now()
	var inputs []benchInput
	var err error
	if *corpus != "" {
		inputs, err = loadCorpus(*corpus, *limit)
	} else {
		dir := *shared
		if dir == "" {
			dir = findShared()
		}
		if dir == "" {
			return errors.New("no ../shared folder found; give --corpus DIR or --shared DIR")
		}
		inputs, err = loadDefaultCorpus(e, dir, *limit)
	}
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return errors.New("bench: the corpus is empty")
	}
	var total int64
	for _, in := range inputs {
		total += int64(len(in.data))
	}
	fmt.Fprintf(e.stderr, "bench: %d inputs, %.1f MB loaded in %v\n", len(inputs), float64(total)/1e6, time.Since(start).Round(time.Millisecond))

	// Build the engine and warm it up (models and lexicons load lazily):
	// set-up time is reported apart from throughput.
	start = time.Now()
	tags := &tagTimes{}
	eng, err := engine.New(engine.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Tagger: tags.wrap})
	if err != nil {
		return err
	}
	readOpt := ingest.Options{MaxSize: 1 << 30}
	warm, _ := readOpt.Read("warm-up.txt", []byte(benchWarmUp))
	for _, d := range warm {
		if err := eng.Analyze(e.ctx, d); err != nil {
			return err
		}
	}
	setup := time.Since(start)
	fmt.Fprintf(e.stderr, "bench: engine ready in %v; analysing with %d workers\n", setup.Round(time.Millisecond), *workers)

	st := newStageTimes()
	eng.Pipeline().Timing = st.add
	tags.reset()
	var articles, failures atomic.Int64
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	cpu0 := processCPU()
	start = time.Now()
	jobs := make(chan benchInput)
	var wg sync.WaitGroup
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Documents are analysed in batches, stage by stage, as
			// analyze and ingest do (engine.BatchSize).
			var batch []*doc.Document
			flush := func() {
				if err := eng.Pipeline().RunBatch(e.ctx, batch); err != nil {
					failures.Add(int64(len(batch)))
				} else {
					articles.Add(int64(len(batch)))
				}
				batch = batch[:0]
			}
			for in := range jobs {
				t0 := time.Now()
				docs, errs := readOpt.Read(in.name, in.data)
				st.add("(read)", time.Since(t0))
				failures.Add(int64(len(errs)))
				for _, d := range docs {
					t0 = time.Now()
					eng.Identify(d)
					st.add("(lang)", time.Since(t0))
					if batch = append(batch, d); len(batch) == engine.BatchSize {
						flush()
					}
				}
			}
			if len(batch) > 0 {
				flush()
			}
		}()
	}
	done := make(chan struct{})
	go func() { // progress
		tick := time.NewTicker(2 * time.Second)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				el := time.Since(start)
				fmt.Fprintf(e.stderr, "bench: %d articles in %v (%.0f articles/s)\n", articles.Load(), el.Round(time.Second), float64(articles.Load())/el.Seconds())
			}
		}
	}()
	sent := 0
feed:
	for _, in := range inputs {
		select {
		case jobs <- in:
			sent++
		case <-e.ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	close(done)
	elapsed := time.Since(start)
	cpu := processCPU() - cpu0
	runtime.ReadMemStats(&after)
	if *memProfile != "" {
		if err := writeHeapProfile(*memProfile); err != nil {
			return err
		}
	}
	if err := e.ctx.Err(); err != nil {
		return err
	}

	n := articles.Load()
	var bytesDone int64
	for _, in := range inputs[:sent] {
		bytesDone += int64(len(in.data))
	}
	per := func(v uint64) float64 { return float64(v) / float64(max(n, 1)) }
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "inputs\t%d (%.2f MB)\n", sent, float64(bytesDone)/1e6)
	fmt.Fprintf(w, "articles\t%d (%d input errors)\n", n, failures.Load())
	fmt.Fprintf(w, "workers\t%d (GOMAXPROCS %d)\n", *workers, runtime.GOMAXPROCS(0))
	fmt.Fprintf(w, "set-up\t%v\n", setup.Round(time.Millisecond))
	fmt.Fprintf(w, "elapsed\t%v\n", elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "throughput\t%.2f MB/s, %.1f articles/s\n", float64(bytesDone)/1e6/elapsed.Seconds(), float64(n)/elapsed.Seconds())
	if cpu > 0 {
		// On a shared machine wall-clock throughput depends on the other
		// load; CPU time gives the cost per core.
		fmt.Fprintf(w, "CPU time\t%v: %.2f MB and %.1f articles per CPU-second\n", cpu.Round(time.Millisecond), float64(bytesDone)/1e6/cpu.Seconds(), float64(n)/cpu.Seconds())
	}
	fmt.Fprintf(w, "allocations\t%.0f allocs/article, %.1f KB/article\n", per(after.Mallocs-before.Mallocs), per(after.TotalAlloc-before.TotalAlloc)/1024)
	fmt.Fprintf(w, "GC\t%d cycles, %v pause\n", after.NumGC-before.NumGC, time.Duration(after.PauseTotalNs-before.PauseTotalNs).Round(time.Millisecond))
	if hwm := peakRSS(); hwm != "" {
		fmt.Fprintf(w, "peak RSS\t%s\n", hwm)
	}
	w.Flush()
	fmt.Fprintln(e.stdout, "\nstep          total     per article   share")
	for _, s := range st.sorted() {
		fmt.Fprintf(e.stdout, "%-12s %8.2fs  %9.1fµs  %5.1f%%\n", s.name, s.d.Seconds(), float64(s.d.Microseconds())/float64(max(n, 1)), 100*s.d.Seconds()/st.total().Seconds())
	}
	tags.print(e.stdout)
	return nil
}

// writeHeapProfile writes the heap profile as of the last collection to
// path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// tagTimes measures the named-entity taggers inside the entity stage: the
// time spent in their Tag calls, summed over workers, and the bytes of the
// words they tagged (one space after each word, as in running text).
type tagTimes struct {
	mu  sync.Mutex
	per map[string]*tagTime
}

type tagTime struct {
	d            time.Duration
	bytes, words int64
}

// wrap is the engine's Tagger option.
func (t *tagTimes) wrap(lang string, tg entity.Tagger) entity.Tagger {
	return timedTagger{lang: lang, t: tg, times: t}
}

func (t *tagTimes) reset() {
	t.mu.Lock()
	t.per = nil
	t.mu.Unlock()
}

func (t *tagTimes) add(lang string, d time.Duration, sents ...[]string) {
	var n, words int64
	for _, s := range sents {
		words += int64(len(s))
		for _, w := range s {
			n += int64(len(w)) + 1
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.per == nil {
		t.per = map[string]*tagTime{}
	}
	x := t.per[lang]
	if x == nil {
		x = &tagTime{}
		t.per[lang] = x
	}
	x.d += d
	x.bytes += n
	x.words += words
}

// print writes a line per language: MB tagged per second of tagging, the
// speed of one core when the workers do not outnumber the cores.
func (t *tagTimes) print(w io.Writer) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, l := range slices.Sorted(maps.Keys(t.per)) {
		x := t.per[l]
		if x.d <= 0 {
			continue
		}
		fmt.Fprintf(w, "tagger %-5s %8.2fs  %.2f MB, %d words: %.2f MB/s per core\n", l, x.d.Seconds(), float64(x.bytes)/1e6, x.words, float64(x.bytes)/1e6/x.d.Seconds())
	}
}

// timedTagger times a tagger's calls.
type timedTagger struct {
	lang  string
	t     entity.Tagger
	times *tagTimes
}

func (tt timedTagger) Tag(words []string) []string {
	start := time.Now()
	out := tt.t.Tag(words)
	tt.times.add(tt.lang, time.Since(start), words)
	return out
}

// TagDocument implements entity.DocTagger with the tagger's own
// TagDocument, or sentence by sentence.
func (tt timedTagger) TagDocument(sents [][]string) [][]string {
	start := time.Now()
	var out [][]string
	if dt, ok := tt.t.(entity.DocTagger); ok {
		out = dt.TagDocument(sents)
	} else {
		for _, s := range sents {
			out = append(out, tt.t.Tag(s))
		}
	}
	tt.times.add(tt.lang, time.Since(start), sents...)
	return out
}

// benchWarmUp is analysed before timing starts, in both languages.
const benchWarmUp = `Le président Emmanuel Macron a déclaré lundi à Paris : « Nous agirons. » Il a ajouté que 3 500 emplois seraient créés d’ici 2025.

U.S. President Joe Biden said on Monday in Washington that "we will act", adding that 3,500 jobs would be created by 2025.`

// stageTimes sums durations per step; safe for concurrent use.
type stageTimes struct {
	mu sync.Mutex
	d  map[string]time.Duration
}

func newStageTimes() *stageTimes { return &stageTimes{d: map[string]time.Duration{}} }

func (s *stageTimes) add(name string, d time.Duration) {
	s.mu.Lock()
	s.d[name] += d
	s.mu.Unlock()
}

func (s *stageTimes) total() time.Duration {
	var t time.Duration
	for _, d := range s.d {
		t += d
	}
	return max(t, 1)
}

type stageTime struct {
	name string
	d    time.Duration
}

func (s *stageTimes) sorted() []stageTime {
	var out []stageTime
	for n, d := range s.d {
		out = append(out, stageTime{n, d})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].d > out[j].d })
	return out
}

// peakRSS returns the process's peak resident set size (VmHWM) from
// /proc/self/status, or "" where that is not available.
func peakRSS() string {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// loadCorpus reads the files under dir into memory.
func loadCorpus(dir string, limit int) ([]benchInput, error) {
	files, errs := ingest.Expand([]string{dir})
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var out []benchInput
	for _, f := range files {
		if limit > 0 && len(out) >= limit {
			break
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, benchInput{f, data})
	}
	return out, nil
}

// loadDefaultCorpus loads the OrangeSum articles and the Reuters stories
// (converted to one JSON line each), alternating so that --limit takes
// both languages.
func loadDefaultCorpus(e *env, shared string, limit int) ([]benchInput, error) {
	fr, err := loadCorpus(filepath.Join(shared, "data", "orangesum-fr-news", "parsed"), limit)
	if err != nil {
		fmt.Fprintf(e.stderr, "bench: OrangeSum skipped: %v\n", err)
	}
	sgm, _ := filepath.Glob(filepath.Join(shared, "data", "reuters21578-en-news", "reut2-*.sgm"))
	var en []benchInput
	for _, f := range sgm {
		if limit > 0 && len(en) >= limit {
			break
		}
		stories, err := reutersStories(f)
		if err != nil {
			return nil, err
		}
		en = append(en, stories...)
	}
	if len(sgm) == 0 {
		fmt.Fprintln(e.stderr, "bench: Reuters-21578 not found; OrangeSum only")
	}
	var out []benchInput
	for i := 0; i < len(fr) || i < len(en); i++ {
		if i < len(fr) {
			out = append(out, fr[i])
		}
		if i < len(en) {
			out = append(out, en[i])
		}
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

var (
	reutersRecord = regexp.MustCompile(`(?s)<REUTERS.*?</REUTERS>`)
	reutersField  = func(tag string) *regexp.Regexp {
		return regexp.MustCompile(`(?s)<` + tag + `>(.*?)</` + tag + `>`)
	}
	reutersBody  = reutersField("BODY")
	reutersTitle = reutersField("TITLE")
	reutersDate  = reutersField("DATE")
)

// reutersStories turns the stories with a body in one Reuters-21578 SGML
// file (Latin-1) into JSON Lines inputs with text, title and date.
func reutersStories(path string) ([]benchInput, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	// Latin-1 to UTF-8.
	var b strings.Builder
	for _, c := range raw {
		b.WriteRune(rune(c))
	}
	text := b.String()
	var out []benchInput
	for i, rec := range reutersRecord.FindAllString(text, -1) {
		body := reutersBody.FindStringSubmatch(rec)
		if body == nil {
			continue
		}
		r := map[string]string{"text": clean21578(body[1])}
		if t := reutersTitle.FindStringSubmatch(rec); t != nil {
			r["title"] = clean21578(t[1])
		}
		if d := reutersDate.FindStringSubmatch(rec); d != nil {
			if t, err := time.Parse("2-Jan-2006", strings.Fields(strings.TrimSpace(d[1]))[0]); err == nil {
				r["date"] = t.Format("2006-01-02")
			}
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(r); err != nil {
			return nil, err
		}
		out = append(out, benchInput{fmt.Sprintf("%s#%d.jsonl", path, i+1), buf.Bytes()})
	}
	return out, nil
}

// clean21578 decodes entities and drops the end-of-text mark.
func clean21578(s string) string {
	s = strings.ReplaceAll(s, "&#3;", "")
	return strings.TrimSpace(html.UnescapeString(s))
}
