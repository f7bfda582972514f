package ner

import (
	"math/rand/v2"
	"testing"
)

// TestStepTag checks that the tagging step keeps the same items as the
// general step (which training uses) on random beams, with small scores so
// that ties are frequent; with a margin, the same items less those that
// are more than the margin behind the best.
func TestStepTag(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	m := &Model{labelScores: make([]vec, (numLabels+1)*(numLabels+1))}
	small := func() int32 { return int32(rng.IntN(7)) - 3 }
	for k := range m.labelScores {
		for l := range m.labelScores[k] {
			m.labelScores[k][l] = small()
		}
	}
	var stat vec
	var prev [numLabels + 1]vec
	pruned := 0
	for round := range 20000 {
		n := 1 + rng.IntN(4)
		i := rng.IntN(n)
		alnum := rng.IntN(4) != 0
		for l := range stat {
			stat[l] = small()
		}
		for p := range prev {
			for l := range prev[p] {
				prev[p][l] = small()
			}
		}
		// A previous beam of distinct states (p1, p2), few p1 so that
		// items share them.
		var items []beamItem[int32]
		if i > 0 {
			seen := map[[2]int8]bool{}
			for range 1 + rng.IntN(beamWidth) {
				p1, p2 := int8(rng.IntN(4)), int8(rng.IntN(numLabels+1))
				if rng.IntN(3) == 0 {
					p1 = int8(rng.IntN(numLabels))
				}
				if !seen[[2]int8{p1, p2}] {
					seen[[2]int8{p1, p2}] = true
					items = append(items, beamItem[int32]{score: small(), p1: p1, p2: p2, parent: int32(len(items))})
				}
			}
		}
		var want, got beam[int32]
		want.reset(n)
		got.reset(n)
		if i > 0 {
			want.steps[i-1] = items
			got.steps[i-1] = items
			want.dyn = want.dyn[:0]
			for _, it := range items {
				v := prev[it.p1]
				v.add(&m.labelScores[int(it.p1)*(numLabels+1)+int(it.p2)])
				want.dyn = append(want.dyn, v)
			}
		} else {
			v := prev[numLabels]
			v.add(&m.labelScores[numLabels*(numLabels+1)+numLabels])
			want.dyn = append(want.dyn[:0], v)
		}
		want.step(i, n, alnum, (*[numLabels]int32)(&stat), want.dyn, -1)
		var prevp [numLabels + 1]*vec
		for p := range prev {
			prevp[p] = &prev[p]
		}
		m.margin = int32(rng.IntN(3)) * 2 // none, or within a few points
		stepTag(&got, i, n, alnum, &stat, &prevp, m)
		w, g := want.steps[i], got.steps[i]
		for m.margin > 0 && len(w) > 0 && w[len(w)-1].score < w[0].score-m.margin {
			w = w[:len(w)-1]
			pruned++
		}
		if len(w) != len(g) {
			t.Fatalf("round %d: %d items, want %d", round, len(g), len(w))
		}
		for k := range w {
			a, b := w[k], g[k]
			if a.score != b.score || a.p1 != b.p1 || a.p2 != b.p2 || a.parent != b.parent {
				t.Fatalf("round %d: item %d = %+v, want %+v (items %+v)", round, k, b, a, items)
			}
		}
	}
	if pruned == 0 {
		t.Error("no item was ever pruned by the margin")
	}
}
