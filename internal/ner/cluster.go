package ner

import (
	"math"
	"math/rand"
	"slices"
	"sort"
)

// Word clusters: words that occur in similar contexts in unlabelled text
// share a cluster, so that what the tagger learns about "Moscou" carries
// over to a city it saw only in raw text. Each word gets a path of three
// cluster numbers, coarse to fine, from hierarchical spherical k-means over
// its context vectors (positive PMI with the most frequent words at offsets
// -2, -1, +1, +2, as sparse vectors). This plays the role
// Brown clusters play in classic NER taggers, at a fraction of the cost.

// ClusterOptions configures Clusters.
type ClusterOptions struct {
	MinCount int    // words seen fewer times get no cluster (default 3)
	MaxWords int    // cluster at most this many most frequent words (default 60000)
	Contexts int    // context words: the most frequent ones (default 1000)
	Branch   [3]int // clusters per level (default 64, 4, 4)
	Iter     int    // k-means iterations per level (default 12)
	Seed     int64
}

// Cluster levels stored per word: 3 numbers packed 11 bits each (0 = none).
const clusterBits = 11

func packClusters(c [3]int) uint64 {
	return uint64(c[0]) | uint64(c[1])<<clusterBits | uint64(c[2])<<(2*clusterBits)
}

func unpackCluster(p uint64, level int) uint64 {
	return p >> (clusterBits * level) & (1<<clusterBits - 1)
}

// Clusters computes word clusters from sentences of unlabelled text. The
// result maps fold keys (FoldKey) to packed cluster paths, as TrainOptions
// expects.
func Clusters(sents [][]string, opt ClusterOptions) map[string]uint64 {
	if opt.MinCount <= 0 {
		opt.MinCount = 3
	}
	if opt.MaxWords <= 0 {
		opt.MaxWords = 60000
	}
	if opt.Contexts <= 0 {
		opt.Contexts = 1000
	}
	if opt.Branch == [3]int{} {
		opt.Branch = [3]int{64, 4, 4}
	}
	if opt.Iter <= 0 {
		opt.Iter = 12
	}
	// Word ids by frequency.
	freq := map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			freq[FoldKey(w)]++
		}
	}
	words := make([]string, 0, len(freq))
	for w, n := range freq {
		if n >= opt.MinCount {
			words = append(words, w)
		}
	}
	sort.Slice(words, func(i, j int) bool {
		if freq[words[i]] != freq[words[j]] {
			return freq[words[i]] > freq[words[j]]
		}
		return words[i] < words[j]
	})
	if len(words) > opt.MaxWords {
		words = words[:opt.MaxWords]
	}
	if len(words) < 2 {
		return map[string]uint64{}
	}
	id := make(map[string]int32, len(words))
	for i, w := range words {
		id[w] = int32(i)
	}
	nctx := min(opt.Contexts, len(words))
	// Co-occurrence pairs (word, context dimension) packed in uint64.
	offsets := []int{-2, -1, 1, 2}
	ndim := len(offsets) * (nctx + 1) // +1: sentence boundary
	var pairs []uint64
	var ids []int32
	for _, s := range sents {
		ids = ids[:0]
		for _, w := range s {
			i, ok := id[FoldKey(w)]
			if !ok {
				i = -1
			}
			ids = append(ids, i)
		}
		for i, w := range ids {
			if w < 0 {
				continue
			}
			for k, d := range offsets {
				j := i + d
				c := nctx // boundary
				if j >= 0 && j < len(ids) {
					if ids[j] < 0 || int(ids[j]) >= nctx {
						continue
					}
					c = int(ids[j])
				}
				pairs = append(pairs, uint64(w)<<32|uint64(k*(nctx+1)+c))
			}
		}
	}
	slices.Sort(pairs)
	// Marginals.
	wordTotal := make([]float64, len(words))
	ctxTotal := make([]float64, ndim)
	for _, p := range pairs {
		wordTotal[p>>32]++
		ctxTotal[p&0xffffffff]++
	}
	var ctxNorm float64
	for i, c := range ctxTotal {
		ctxTotal[i] = math.Pow(c, 0.75)
		ctxNorm += ctxTotal[i]
	}
	// Sparse PPMI vectors, one row per word (CSR).
	rowStart := make([]int, len(words)+1)
	var dims []int32
	var vals []float32
	for i := 0; i < len(pairs); {
		j := i
		for j < len(pairs) && pairs[j] == pairs[i] {
			j++
		}
		w, c := int(pairs[i]>>32), int(pairs[i]&0xffffffff)
		pmi := math.Log(float64(j-i) * ctxNorm / (wordTotal[w] * ctxTotal[c]))
		if pmi > 0 {
			dims = append(dims, int32(c))
			vals = append(vals, float32(pmi))
			rowStart[w+1] = len(dims)
		}
		i = j
	}
	for w := 1; w <= len(words); w++ {
		rowStart[w] = max(rowStart[w], rowStart[w-1])
	}
	sp := &sparse{start: rowStart, dims: dims, vals: vals, ndim: ndim}
	for w := range words {
		normalize(sp.vals[sp.start[w]:sp.start[w+1]])
	}
	// Hierarchical k-means.
	rng := rand.New(rand.NewSource(opt.Seed))
	paths := make([][3]int, len(words))
	members := [][]int{make([]int, 0, len(words))}
	for w := range words {
		if sp.start[w+1] > sp.start[w] {
			members[0] = append(members[0], w)
		}
	}
	for level := 0; level < 3; level++ {
		var next [][]int
		for _, group := range members {
			k := min(opt.Branch[level], len(group))
			assign := sp.kmeans(group, k, opt.Iter, rng)
			sub := make([][]int, k)
			for gi, w := range group {
				sub[assign[gi]] = append(sub[assign[gi]], w)
			}
			for _, s := range sub {
				if len(s) == 0 {
					continue
				}
				next = append(next, s)
				c := len(next) // cluster numbers start at 1 on each level
				for _, w := range s {
					paths[w][level] = c
				}
			}
		}
		members = next
	}
	out := make(map[string]uint64, len(words))
	for i, w := range words {
		if paths[i][0] == 0 {
			continue
		}
		p := paths[i]
		for l := range p {
			p[l] = min(p[l], 1<<clusterBits-1)
		}
		out[w] = packClusters(p)
	}
	return out
}

// sparse holds word vectors as compressed rows.
type sparse struct {
	start []int
	dims  []int32
	vals  []float32
	ndim  int
}

func normalize(v []float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
}

// kmeans clusters the (normalised) rows of group into k groups by cosine
// similarity and returns each member's group.
func (sp *sparse) kmeans(group []int, k, iter int, rng *rand.Rand) []int {
	assign := make([]int, len(group))
	if k <= 1 {
		return assign
	}
	dim := sp.ndim
	cent := make([]float32, k*dim)
	seed := func(c, w int) {
		ce := cent[c*dim : (c+1)*dim]
		clear(ce)
		for i := sp.start[w]; i < sp.start[w+1]; i++ {
			ce[sp.dims[i]] = sp.vals[i]
		}
	}
	perm := rng.Perm(len(group))
	for c := 0; c < k; c++ {
		seed(c, group[perm[c]])
	}
	count := make([]int, k)
	for it := 0; it < iter; it++ {
		changed := 0
		for gi, w := range group {
			best, bestSim := 0, float32(-2)
			d, v := sp.dims[sp.start[w]:sp.start[w+1]], sp.vals[sp.start[w]:sp.start[w+1]]
			for c := 0; c < k; c++ {
				ce := cent[c*dim : (c+1)*dim]
				var sim float32
				for i, x := range v {
					sim += x * ce[d[i]]
				}
				if sim > bestSim {
					best, bestSim = c, sim
				}
			}
			if assign[gi] != best || it == 0 {
				changed++
			}
			assign[gi] = best
		}
		clear(cent)
		clear(count)
		for gi, w := range group {
			c := assign[gi]
			count[c]++
			ce := cent[c*dim : (c+1)*dim]
			for i := sp.start[w]; i < sp.start[w+1]; i++ {
				ce[sp.dims[i]] += sp.vals[i]
			}
		}
		for c := 0; c < k; c++ {
			if count[c] == 0 {
				seed(c, group[rng.Intn(len(group))])
				continue
			}
			normalize(cent[c*dim : (c+1)*dim])
		}
		if changed == 0 {
			break
		}
	}
	return assign
}
