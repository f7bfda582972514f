package entity

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// TestEvalNER scores mention detection against a CoNLL-style file given in
// ENT_EVAL (CoNLL-2003 "word POS chunk label" or "index word label"
// lines), with ENT_LANG its language: exact spans and types, with and
// without the tagger. It is a measurement, skipped unless ENT_EVAL is set.
func TestEvalNER(t *testing.T) {
	path := os.Getenv("ENT_EVAL")
	if path == "" {
		t.Skip("set ENT_EVAL to a CoNLL file")
	}
	lang := os.Getenv("ENT_LANG")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type gold struct {
		s, e int
		typ  string
	}
	var docs []string
	var golds [][]gold
	var b strings.Builder
	var g []gold
	sents := 0
	var words, labels []string
	var all [][2][]string
	flushSent := func() {
		if len(words) == 0 {
			return
		}
		all = append(all, [2][]string{append([]string(nil), words...), append([]string(nil), labels...)})
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		start, typ := -1, ""
		pos := make([]int, len(words)+1)
		for i, w := range words {
			if i > 0 {
				b.WriteByte(' ')
			}
			pos[i] = b.Len()
			b.WriteString(w)
		}
		pos[len(words)] = b.Len() + 1
		end := func(i int) int { return pos[i-1] + len(words[i-1]) }
		for i, l := range append(labels, "O") {
			p, ty, _ := strings.Cut(l, "-")
			if start >= 0 && (p != "I" || ty != typ) {
				g = append(g, gold{pos[start], end(i), typ})
				start = -1
			}
			if p == "B" || p == "I" && start < 0 {
				start, typ = i, ty
			}
		}
		words, labels = words[:0], labels[:0]
		sents++
	}
	flushDoc := func() {
		flushSent()
		if b.Len() > 0 {
			docs = append(docs, b.String())
			golds = append(golds, g)
		}
		b.Reset()
		g = nil
		sents = 0
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		switch {
		case len(fs) == 0:
			flushSent()
			if sents >= 20 {
				flushDoc()
			}
		case fs[0] == "-DOCSTART-":
			flushDoc()
		case len(fs) == 4:
			words, labels = append(words, fs[0]), append(labels, fs[3])
		case len(fs) == 3:
			words, labels = append(words, fs[1]), append(labels, fs[2])
		}
	}
	flushDoc()
	plain := plain(t)
	full, err := loadTaggers(t)
	if err != nil {
		t.Logf("no taggers: %v", err)
	}
	// The raw tagger over the gold words, for comparison.
	if full == nil {
		full = plain
	} else if tg := full.taggers[lang]; tg != nil {
		spans := func(ls []string) map[[2]int]string {
			out := map[[2]int]string{}
			start, typ := -1, ""
			for i, l := range append(append([]string(nil), ls...), "O") {
				p, ty, _ := strings.Cut(l, "-")
				if start >= 0 && (p != "I" || ty != typ) {
					out[[2]int{start, i}] = typ
					start = -1
				}
				if p == "B" || p == "I" && start < 0 {
					start, typ = i, ty
				}
			}
			return out
		}
		tp, fp, fn := 0, 0, 0
		for _, st := range all {
			want, got := spans(st[1]), spans(tg.Tag(st[0]))
			for k, ty := range got {
				if want[k] == ty {
					tp++
				} else {
					fp++
				}
			}
			for k, ty := range want {
				if got[k] != ty {
					fn++
				}
			}
		}
		t.Logf("raw tagger: typed F1 %.3f (P %.3f R %.3f)", 2*float64(tp)/float64(2*tp+fp+fn), float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn))
	}
	for _, cfg := range []struct {
		name string
		s    *Stage
	}{{"tagger+kb+caps", full}, {"kb+caps", plain}} {
		tp, fp, fn, utp := 0, 0, 0, 0
		perType := map[string][3]int{}
		for i, text := range docs {
			d := analyze(t, cfg.s, lang, text)
			want := map[doc.Span]string{}
			for _, x := range golds[i] {
				want[doc.Span{Start: x.s, End: x.e}] = x.typ
			}
			got := map[doc.Span]string{}
			for _, e := range d.Entities {
				for _, m := range e.Mentions {
					got[m.Span] = e.Type
				}
			}
			for s, ty := range got {
				c := perType[ty]
				if wt, ok := want[s]; ok {
					utp++
					if wt == ty {
						tp++
						c[0]++
						perType[ty] = c
						continue
					}
				}
				fp++
				c[1]++
				perType[ty] = c
			}
			if os.Getenv("ENT_EVAL_V") != "" && cfg.s == full && i < 40 {
				for s, ty := range got {
					if want[s] != ty {
						t.Logf("FP %s %q (gold %q)", ty, text[s.Start:s.End], want[s])
					}
				}
				for s, ty := range want {
					if got[s] != ty {
						t.Logf("FN %s %q (sys %q)", ty, text[s.Start:s.End], got[s])
					}
				}
			}
			for s, ty := range want {
				if got[s] != ty {
					fn++
					c := perType[ty]
					c[2]++
					perType[ty] = c
				}
			}
		}
		f1 := func(tp, fp, fn int) float64 { return 2 * float64(tp) / float64(2*tp+fp+fn) }
		t.Logf("%s: %d docs, typed F1 %.3f (P %.3f R %.3f), span F1 %.3f", cfg.name, len(docs), f1(tp, fp, fn),
			float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn), f1(utp, fp+tp-utp, fn+tp-utp))
		for _, ty := range []string{"PER", "ORG", "LOC", "MISC"} {
			c := perType[ty]
			t.Logf("   %s F1 %.3f (tp %d fp %d fn %d)", ty, f1(c[0], c[1], c[2]), c[0], c[1], c[2])
		}
	}
}
