package cli

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/engine"
	"github.com/newsgraph/newsgraph/internal/ingest"
)

// The polnear suite scores quote attribution on the PolNeAR test split
// (English political news, ../shared/data/polnear). The metric:
//
//   - Gold: for each article of data/test/text, the first annotation file
//     (by annotator id) of data/test/attributions; every Attribution and
//     Attribution-no-source relation gives a source, a cue and a content,
//     each the set of word tokens (maximal runs of letters and digits,
//     located by code-point offsets) under its spans (discontinuous spans
//     are joined).
//   - System: the full engine with the language forced to English; each
//     quote gives content = its span, cue = its cue span, source = its
//     speaker span. PolNeAR is univocal (a token is in one attribution at
//     most), so a direct quote lying inside an indirect quote of the same
//     speaker is folded into it.
//   - Matching: system and gold attributions are paired one to one,
//     greedily by decreasing content token-overlap F1, keeping pairs with
//     F1 >= 0.5. "attributions" is detection P/R/F1 over pairs.
//   - Per role (source, cue, content), token-overlap P/R/F1 on matched
//     pairs: P = sum |S∩G| / sum |S|, R = sum |S∩G| / sum |G| over the pairs
//     (how right a found attribution is). The "all" lines do the same over
//     every attribution, unmatched ones included (detection errors count).

type tokenSet map[int]bool

type polAttr struct {
	source, cue, content tokenSet
	speaker              string // system speaker name, or the gold source text
	srcText              string
	cueText, conText     string
}

func evalPolnear(e *env, shared string, verbose bool) error {
	root := filepath.Join(shared, "data", "polnear", "data", "test")
	texts, err := filepath.Glob(filepath.Join(root, "text", "*.txt"))
	if err != nil {
		return err
	}
	if len(texts) == 0 {
		return fmt.Errorf("no PolNeAR test texts under %s", root)
	}
	sort.Strings(texts)
	eng, err := engine.New(engine.Options{Lang: "en"})
	if err != nil {
		return err
	}
	var m polMetrics
	for _, path := range texts {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		anns, _ := filepath.Glob(filepath.Join(root, "attributions", name+"_*.ann"))
		if len(anns) == 0 {
			continue
		}
		sort.Strings(anns)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		text := string(data)
		words := wordTokens(text)
		gold, err := readBrat(anns[0], words)
		if err != nil {
			return err
		}
		d, perr := ingest.ParseText(path, text)
		if perr != nil {
			return perr
		}
		if err := eng.Analyze(e.ctx, d); err != nil {
			return err
		}
		sys := systemAttrs(d, words)
		m.add(name, gold, sys, verbose, e)
	}
	m.print(e)
	return nil
}

// words locates the word tokens of a text by code-point offsets.
type words struct {
	starts []int // code-point offsets of token starts
	ends   []int
	byteAt []int // byte offset of each code point (len = runes+1)
}

// wordTokens finds the word tokens of text.
func wordTokens(text string) *words {
	w := &words{}
	i := 0
	in := false
	for b, r := range text {
		w.byteAt = append(w.byteAt, b)
		isW := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
		if isW && !in {
			w.starts = append(w.starts, i)
		}
		if !isW && in {
			w.ends = append(w.ends, i)
		}
		in = isW
		i++
	}
	if in {
		w.ends = append(w.ends, i)
	}
	w.byteAt = append(w.byteAt, len(text))
	return w
}

// tokens returns the word tokens overlapping code points [s, e).
func (w *words) tokens(s, e int, into tokenSet) tokenSet {
	if into == nil {
		into = tokenSet{}
	}
	k := sort.SearchInts(w.ends, s+1)
	for ; k < len(w.starts) && w.starts[k] < e; k++ {
		into[k] = true
	}
	return into
}

// runeOffset converts a byte offset to a code-point offset.
func (w *words) runeOffset(b int) int {
	return sort.SearchInts(w.byteAt, b)
}

func (w *words) bytes(s doc.Span, into tokenSet) tokenSet {
	if s.End <= s.Start {
		if into == nil {
			into = tokenSet{}
		}
		return into
	}
	return w.tokens(w.runeOffset(s.Start), w.runeOffset(s.End), into)
}

// readBrat reads the attribution relations of a PolNeAR .ann file.
func readBrat(path string, w *words) ([]polAttr, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	spans := map[string]tokenSet{}
	srcText := map[string]string{}
	spanText := map[string]string{}
	var rels [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 2 {
			continue
		}
		switch {
		case strings.HasPrefix(fields[0], "T"):
			parts := strings.SplitN(fields[1], " ", 2)
			if len(parts) < 2 {
				continue
			}
			set := tokenSet{}
			if len(fields) > 2 && strings.HasPrefix(parts[0], "Source") {
				srcText[fields[0]] = fields[2]
			}
			if len(fields) > 2 {
				spanText[fields[0]] = fields[2]
			}
			for _, seg := range strings.Split(parts[1], ";") {
				var s, e int
				if _, err := fmt.Sscanf(seg, "%d %d", &s, &e); err == nil {
					w.tokens(s, e, set)
				}
			}
			spans[fields[0]] = set
		case strings.HasPrefix(fields[0], "E"):
			rels = append(rels, strings.Fields(fields[1]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []polAttr
	for _, r := range rels {
		if len(r) == 0 || !strings.HasPrefix(r[0], "Attribution") {
			continue
		}
		var at polAttr
		for _, arg := range r[1:] {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				continue
			}
			set := spans[id]
			switch strings.TrimRight(role, "0123456789") {
			case "Cue":
				at.cueText = spanText[id]
			case "Content":
				at.conText = spanText[id]
			}
			switch strings.TrimRight(role, "0123456789") {
			case "Source":
				at.source = union(at.source, set)
				at.srcText = srcText[id]
			case "Cue":
				at.cue = union(at.cue, set)
			case "Content":
				at.content = union(at.content, set)
			}
		}
		if len(at.content) > 0 {
			out = append(out, at)
		}
	}
	return out, nil
}

func union(a, b tokenSet) tokenSet {
	if a == nil {
		a = tokenSet{}
	}
	for k := range b {
		a[k] = true
	}
	return a
}

// systemAttrs converts the quotes of d, folding direct quotes into the
// indirect quote of the same speaker that contains them, and a direct quote
// with no cue of its own into the attribution of the quote before it in
// the same paragraph when the speaker is the same (“A,” she said. “B.” is
// one PolNeAR attribution).
func systemAttrs(d *doc.Document, w *words) []polAttr {
	var out []polAttr
	para := func(s doc.Span) int {
		for i, p := range d.Paragraphs {
			if p.Span.Contains(s) {
				return i
			}
		}
		return -1
	}
	lastPara, lastSpeaker := -2, ""
	for i, q := range d.Quotes {
		if q.Kind == "direct" {
			inside := false
			for j, o := range d.Quotes {
				if j != i && o.Kind == "indirect" && o.Span.Contains(q.Span) && o.Speaker.Name == q.Speaker.Name {
					inside = true
				}
			}
			if inside {
				continue
			}
		}
		p := para(q.Span)
		if q.Kind == "direct" && q.Cue == (doc.Span{}) && p == lastPara && q.Speaker.Name == lastSpeaker && len(out) > 0 {
			w.bytes(q.Span, out[len(out)-1].content)
			continue
		}
		lastPara, lastSpeaker = p, q.Speaker.Name
		if q.Kind != "direct" {
			lastPara = -2
		}
		out = append(out, polAttr{
			source:  w.bytes(q.Speaker.Span, nil),
			cue:     w.bytes(q.Cue, nil),
			content: w.bytes(q.Span, nil),
			speaker: q.Speaker.Name,
			srcText: d.Slice(q.Speaker.Span),
			cueText: d.Slice(q.Cue),
			conText: q.Kind + ": " + d.Slice(q.Span),
		})
	}
	return out
}

func overlap(a, b tokenSet) int {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}

func setF1(a, b tokenSet) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	o := float64(overlap(a, b))
	return 2 * o / float64(len(a)+len(b))
}

type roleCount struct{ common, sys, gold int }

func (r *roleCount) add(s, g tokenSet) {
	r.common += overlap(s, g)
	r.sys += len(s)
	r.gold += len(g)
}

func (r roleCount) prf() (float64, float64, float64) {
	p, rc := ratio(r.common, r.sys), ratio(r.common, r.gold)
	f := 0.0
	if p+rc > 0 {
		f = 2 * p * rc / (p + rc)
	}
	return p, rc, f
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

type polMetrics struct {
	docs                   int
	gold, sys, matched     int
	source, cue, content   roleCount // matched pairs
	allSrc, allCue, allCon roleCount // every attribution
}

func (m *polMetrics) add(name string, gold, sys []polAttr, verbose bool, e *env) {
	m.docs++
	m.gold += len(gold)
	m.sys += len(sys)
	type pair struct {
		f    float64
		i, j int
	}
	var pairs []pair
	for i := range sys {
		for j := range gold {
			if f := setF1(sys[i].content, gold[j].content); f >= 0.5 {
				pairs = append(pairs, pair{f, i, j})
			}
		}
	}
	sort.Slice(pairs, func(a, b int) bool {
		if pairs[a].f != pairs[b].f {
			return pairs[a].f > pairs[b].f
		}
		return pairs[a].i < pairs[b].i
	})
	usedS, usedG := map[int]bool{}, map[int]bool{}
	for _, p := range pairs {
		if usedS[p.i] || usedG[p.j] {
			continue
		}
		usedS[p.i], usedG[p.j] = true, true
		m.matched++
		s, g := sys[p.i], gold[p.j]
		m.source.add(s.source, g.source)
		m.cue.add(s.cue, g.cue)
		m.content.add(s.content, g.content)
		if verbose && setF1(s.source, g.source) < 0.5 && len(g.source) > 0 {
			fmt.Fprintf(e.stdout, "  %s: source differs: system %q (%q), gold %q\n", name, s.srcText, s.speaker, g.srcText)
		}
	}
	all := func(sel func(polAttr) tokenSet, rc *roleCount) {
		st, gt := tokenSet{}, tokenSet{}
		for _, s := range sys {
			union(st, sel(s))
		}
		for _, g := range gold {
			union(gt, sel(g))
		}
		rc.add(st, gt)
	}
	all(func(a polAttr) tokenSet { return a.source }, &m.allSrc)
	all(func(a polAttr) tokenSet { return a.cue }, &m.allCue)
	all(func(a polAttr) tokenSet { return a.content }, &m.allCon)
	if verbose {
		fmt.Fprintf(e.stdout, "  %s: gold %d, system %d, matched %d\n", name, len(gold), len(sys), len(usedS))
		clip := func(s string) string {
			if len(s) > 90 {
				return s[:90]
			}
			return s
		}
		for i, s := range sys {
			if !usedS[i] {
				fmt.Fprintf(e.stdout, "    spurious: [%s] %q cue %q %q\n", s.speaker, s.srcText, s.cueText, clip(s.conText))
			}
		}
		for j, g := range gold {
			if !usedG[j] {
				fmt.Fprintf(e.stdout, "    missed: %q cue %q %q\n", g.srcText, g.cueText, clip(g.conText))
			}
		}
	}
}

func (m *polMetrics) print(e *env) {
	w := e.stdout
	fmt.Fprintf(w, "PolNeAR test: %d articles, %d gold attributions, %d system quotes (after folding)\n", m.docs, m.gold, m.sys)
	fmt.Fprintf(w, "%-26s %6s %6s %6s\n", "metric", "P", "R", "F1")
	det := roleCount{common: m.matched, sys: m.sys, gold: m.gold}
	line := func(name string, r roleCount) {
		p, rc, f := r.prf()
		fmt.Fprintf(w, "%-26s %6.3f %6.3f %6.3f\n", name, p, rc, f)
	}
	line("attributions", det)
	line("source (matched)", m.source)
	line("cue (matched)", m.cue)
	line("content (matched)", m.content)
	line("source (all tokens)", m.allSrc)
	line("cue (all tokens)", m.allCue)
	line("content (all tokens)", m.allCon)
}
