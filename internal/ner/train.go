package ner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"time"
)

// Sentence is a labelled sentence: one label per word. Labels may be IOB2
// or IOB1 (Train normalises them to IOB2); unknown labels are O.
type Sentence struct {
	Words  []string
	Labels []string
	// DocStart marks the first sentence of a document: the sentences up
	// to the next DocStart are tagged together (see Model.TagDocument).
	DocStart bool
}

// Documents groups sentences into documents at DocStart marks.
func Documents(data []Sentence) [][]Sentence {
	var out [][]Sentence
	for i, s := range data {
		if i == 0 || s.DocStart {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], s)
	}
	return out
}

// TrainOptions configures Train.
type TrainOptions struct {
	Lang   string
	Info   string // provenance note stored in the model
	Epochs int    // passes over the data (default 8)
	Seed   int64  // shuffling and augmentation seed
	// UpperShare and LowerShare are the shares of training sentences added
	// again fully upper-cased or lower-cased, so that the model learns to
	// rely on the case lexicon when capitals carry no information.
	UpperShare, LowerShare float64
	// MinCount drops features seen fewer times in the training data
	// (counted under gold labels); default 1 keeps all.
	MinCount int
	// PruneBelow zeroes averaged weights whose magnitude is below this
	// fraction of the largest weight (default 0: keep all); features left
	// with no weight are dropped.
	PruneBelow float64
	Gazetteer  []GazEntry
	// CaseLexicon maps fold keys (FoldKey) to case classes; build it with
	// a CaseCounter over the training text and unlabelled text.
	CaseLexicon map[string]uint8
	// Clusters maps fold keys to cluster paths (see Clusters).
	Clusters map[string]uint64
	// Dev, when not empty, is tagged after every epoch and its F1 shown.
	Dev []Sentence
	// Progress receives one line per stage and epoch; nil is silent.
	Progress io.Writer
}

type trainSent struct {
	words []string
	gold  []int
}

// trainDoc is a training document: sentences tagged with one history.
type trainDoc []trainSent

// ToIOB2 returns labels in IOB2 form (every entity opens with B-), reading
// IOB1 or IOB2; labels of unknown types become O.
func ToIOB2(labels []string) []string {
	out := make([]string, len(labels))
	for i := range out {
		out[i] = "O"
	}
	for _, s := range Spans(labels) {
		if typeIndex(s.Type) < 0 {
			continue
		}
		out[s.Start] = "B-" + s.Type
		for i := s.Start + 1; i < s.End; i++ {
			out[i] = "I-" + s.Type
		}
	}
	return out
}

// Name openers: a plain word (no capital, see classify) opens a name in the
// training data when it is the first word of a name ("lac Léman", "mer
// des Caraïbes", "bataille de Mons", "de Gaulle"). openers returns the
// fold keys (keyHash) of the plain words that did so at least once and in
// at least one in minOpenShare of the times they came within plainAhead
// words before a capitalised word: "mer" and "bataille" are
// in, "la" (six names of the thousands of times it comes before a
// capital) is not. Sorted, for a deterministic lexicon.
func openers(data []Sentence) []uint64 {
	type count struct{ near, opens int }
	counts := map[uint64]*count{}
	var plain, starts []bool
	for _, s := range data {
		plain, starts = plain[:0], starts[:0]
		for _, w := range s.Words {
			_, p := classify(w)
			plain, starts = append(plain, p), append(starts, false)
		}
		for _, sp := range Spans(s.Labels) {
			if sp.Start < len(starts) {
				starts[sp.Start] = true
			}
		}
		next := len(s.Words) // the next word that is not plain
		for i := len(s.Words) - 1; i >= 0; i-- {
			if !plain[i] {
				next = i
				continue
			}
			if next-i > plainAhead || next == len(s.Words) {
				continue
			}
			k := keyHash(s.Words[i])
			c := counts[k]
			if c == nil {
				c = &count{}
				counts[k] = c
			}
			c.near++
			if starts[i] {
				c.opens++
			}
		}
	}
	var out []uint64
	for k, c := range counts {
		if c.opens > 0 && c.opens*minOpenShare >= c.near {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// minOpenShare: see openers. On WikiNEuRal fr val, 184 words (20 on
// CoNLL-2003 English); they open 681 of the 780 names of the French test
// set that open with a plain word, and are 2.5 % of the plain words that
// come within plainAhead words before a capitalised word.
const minOpenShare = 50

func caseCopy(s trainSent, f func(string) string) trainSent {
	w := make([]string, len(s.words))
	for i, x := range s.words {
		w[i] = f(x)
	}
	return trainSent{words: w, gold: s.gold}
}

// trainer holds the perceptron state: current weights w and the
// time-weighted sums u of their updates (averaged = w - u/c).
type trainer struct {
	idx   map[uint64]int32
	count []int32 // training frequency of each feature
	w     []float32
	u     []float64
	c     float64
}

// hotFeatures is how many of the most frequent features go to the
// model's small look-up table (8192 × 2 cells × 24 bytes: 384 KiB).
const hotFeatures = 8192

// Train fits a model to data with the averaged structured perceptron: each
// training sentence is decoded with the beam search (see beam.go) and the
// weights updated when the gold sequence falls out of the beam or loses.
func Train(ctx context.Context, data []Sentence, opt TrainOptions) (*Model, error) {
	if len(data) == 0 {
		return nil, errors.New("ner: no training data")
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 8
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 1
	}
	progress := func(format string, args ...any) {
		if opt.Progress != nil {
			fmt.Fprintf(opt.Progress, format+"\n", args...)
		}
	}
	rng := rand.New(rand.NewSource(opt.Seed))
	var docs []trainDoc
	nWords, nSents := 0, 0
	for i, s := range data {
		if len(s.Words) != len(s.Labels) {
			return nil, fmt.Errorf("ner: sentence %d has %d words and %d labels", i, len(s.Words), len(s.Labels))
		}
		if i == 0 || s.DocStart {
			docs = append(docs, nil)
		}
		if len(s.Words) == 0 {
			continue
		}
		gold := toInternal(s.Labels)
		ts := trainSent{words: s.Words, gold: gold}
		docs[len(docs)-1] = append(docs[len(docs)-1], ts)
		nWords += len(s.Words)
		nSents++
		// Case copies are documents of their own: the original must not
		// lend them its history.
		if r := rng.Float64(); r < opt.UpperShare {
			docs = append(docs, trainDoc{caseCopy(ts, strings.ToUpper)})
			nSents++
		} else if r < opt.UpperShare+opt.LowerShare {
			docs = append(docs, trainDoc{caseCopy(ts, strings.ToLower)})
			nSents++
		}
	}
	lx := newLexicons(canonicalGazetteer(filterGazetteer(opt.Gazetteer, opt.CaseLexicon)), sortedValues(opt.CaseLexicon), sortedValues(opt.Clusters))
	lx.runs = usesRuns(opt.Lang)
	opens := openers(data)
	for _, k := range opens {
		lx.table.or(k, lexOpens)
	}
	lx.openers = len(opens) > 0
	progress("ner train: %d sentences, %d words (%d sentences with case copies, %d documents); gazetteer %d names, case lexicon %d words, %d clustered words, %d name openers",
		len(data), nWords, nSents, len(docs), len(lx.gaz), len(lx.words), len(lx.clusters), len(opens))

	// Count features under gold history and keep the frequent ones.
	t0 := time.Now()
	counts := make(map[uint64]int32, 1<<20)
	var s scratch
	for _, doc := range docs {
		hist := history{}
		for _, ts := range doc {
			s.grow(len(ts.words))
			mode := lx.analyse(ts.words, s.info, s.keys, s.lexv, s.gaz, nil)
			p1, p2 := numLabels, numLabels
			for i := range ts.words {
				f := staticFeatures(s.info, i, mode, lx.runs, s.feats[:0])
				f = dynamicFeatures(s.info, i, p1, p2, lx.runs, f)
				f = hist.features(&s.info[i], f)
				s.feats = f
				for _, h := range f {
					counts[h]++
				}
				p2, p1 = p1, ts.gold[i]
			}
			for i, l := range ts.gold {
				hist.record(&s.info[i], l)
			}
		}
	}
	tr := &trainer{idx: make(map[uint64]int32, len(counts)/2)}
	for h, n := range counts {
		if int(n) >= opt.MinCount {
			tr.idx[h] = int32(len(tr.idx))
			tr.count = append(tr.count, n)
		}
	}
	progress("ner train: %d distinct features, %d kept (seen ≥ %d times) in %v", len(counts), len(tr.idx), opt.MinCount, time.Since(t0).Round(time.Millisecond))
	counts = nil
	tr.w = make([]float32, len(tr.idx)*numLabels)
	tr.u = make([]float64, len(tr.idx)*numLabels)

	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	var pred []int
	var bs beamScratch
	var m *Model
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		t0 := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, total := 0, 0
		for k, di := range order {
			if k%256 == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			hist := history{}
			for _, ts := range docs[di] {
				s.grow(len(ts.words))
				mode := lx.analyse(ts.words, s.info, s.keys, s.lexv, s.gaz, nil)
				var e int
				pred, e = tr.trainBeam(ts, s.info, mode, lx.runs, hist, &bs, pred[:0])
				errs += e
				total += len(ts.words)
				for i, l := range pred {
					hist.record(&s.info[i], l)
				}
			}
		}
		m = tr.model(lx, opt)
		line := fmt.Sprintf("ner train: epoch %d/%d: %d words, training accuracy %.4f, %v", epoch, opt.Epochs, total, 1-float64(errs)/float64(max(total, 1)), time.Since(t0).Round(time.Millisecond))
		if len(opt.Dev) > 0 {
			sc := Evaluate(m, opt.Dev)
			line += fmt.Sprintf("; dev P %.4f R %.4f F1 %.4f", sc.Micro().Precision(), sc.Micro().Recall(), sc.Micro().F1())
		}
		progress("%s", line)
	}
	progress("ner train: model has %d features", m.NumFeatures())
	return m, nil
}

// model quantises the averaged weights into a Model.
func (tr *trainer) model(lx *lexicons, opt TrainOptions) *Model {
	avg := make([]float32, len(tr.w))
	var maxAbs float64
	for i, w := range tr.w {
		a := float64(w) - tr.u[i]/max(tr.c, 1)
		avg[i] = float32(a)
		maxAbs = max(maxAbs, math.Abs(a))
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := maxAbs / math.MaxInt16
	cut := opt.PruneBelow * maxAbs
	keys := make([]uint64, 0, len(tr.idx))
	for h := range tr.idx {
		keys = append(keys, h)
	}
	slices.Sort(keys)
	var weights []int16
	var w16 [numLabels]int16
	out := keys[:0]
	for _, h := range keys {
		r := tr.idx[h]
		nz := false
		for l := range w16 {
			a := float64(avg[int(r)*numLabels+l])
			if math.Abs(a) < cut {
				a = 0
			}
			w16[l] = int16(math.Round(a / scale))
			nz = nz || w16[l] != 0
		}
		if nz {
			out = append(out, h)
			weights = append(weights, w16[:]...)
		}
	}
	keys = out
	// The most frequent features first, each group in hash order.
	byFreq := make([]int, len(keys))
	for i := range byFreq {
		byFreq[i] = i
	}
	sort.SliceStable(byFreq, func(a, b int) bool { return tr.count[tr.idx[keys[byFreq[a]]]] > tr.count[tr.idx[keys[byFreq[b]]]] })
	hot := min(hotFeatures, len(keys))
	slices.Sort(byFreq[:hot])
	slices.Sort(byFreq[hot:])
	sortedKeys := make([]uint64, len(keys))
	sortedWeights := make([]int16, len(weights))
	for i, j := range byFreq {
		sortedKeys[i] = keys[j]
		copy(sortedWeights[i*numLabels:], weights[j*numLabels:(j+1)*numLabels])
	}
	rows := make([]row, len(sortedKeys))
	for i := range rows {
		rows[i] = quantize(sortedWeights[i*numLabels : (i+1)*numLabels])
	}
	m := &Model{lang: opt.Lang, info: opt.Info, lex: lx, scale: float32(scale)}
	m.setWeights(sortedKeys, rows, hot)
	return m
}
