package ner

import (
	"math/rand/v2"
	"testing"
)

// TestBloom checks the feature filter of the shipped models: every feature
// passes, and few unknown ones do (bloomBits bits per feature or more, three bits
// in one 64-bit word: about 2 %).
func TestBloom(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		m, err := LoadEmbedded(lang)
		if err != nil {
			t.Fatal(err)
		}
		pass := func(h uint64) bool {
			bm := bloomMask(h)
			return m.bloom[h>>m.bloomShift]&bm == bm
		}
		for _, k := range m.keys {
			if !pass(k) {
				t.Fatalf("%s: feature %#x filtered out", lang, k)
			}
		}
		rng := rand.New(rand.NewPCG(1, 2))
		n, hits := 200000, 0
		for range n {
			if pass(rng.Uint64()) {
				hits++
			}
		}
		if rate := float64(hits) / float64(n); rate > 0.06 {
			t.Errorf("%s: %.3f of unknown features pass the filter", lang, rate)
		} else {
			t.Logf("%s: %.4f of unknown features pass the filter (%d KB)", lang, rate, len(m.bloom)*8/1024)
		}
	}
}
