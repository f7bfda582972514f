package cli

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/analysis"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/engine"
)

// The TimeML suites score the time expression stage alone on TimeML
// corpora (French TimeBank, TempEval-3 Platinum): each .tml's TEXT becomes
// a document dated by its DCT, the stages that the times layer needs run on
// it (without boilerplate removal), and the system's times are matched to
// the gold TIMEX3. Metrics are defined in docs/timex.md.

func evalTimebankFR(e *env, shared string, verbose bool) error {
	return evalTimeML(e, filepath.Join(shared, "data", "fr-timebank", "Data"), "fr", verbose)
}

func evalTempEval3(e *env, shared string, verbose bool) error {
	return evalTimeML(e, filepath.Join(shared, "data", "tempeval3-en", "te3-platinum"), "en", verbose)
}

// tmlTimex is one gold TIMEX3.
type tmlTimex struct {
	span  doc.Span
	typ   string
	value string
}

// tmlDoc is a TimeML document reduced to its text and time expressions.
type tmlDoc struct {
	name  string
	dct   string
	text  string
	times []tmlTimex
}

var dctValue = regexp.MustCompile(`(?s)<DCT>.*?value="([^"]*)"`)

// readTML extracts the TEXT element's character data and its TIMEX3 spans
// (byte offsets into the extracted text).
func readTML(path string) (*tmlDoc, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := &tmlDoc{name: filepath.Base(path)}
	if m := dctValue.FindSubmatch(data); m != nil {
		out.dct = string(m[1])
	}
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	dec.Strict = false
	var b strings.Builder
	inText := false
	var open []tmlTimex
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "TEXT" {
				inText = true
			}
			if inText && t.Name.Local == "TIMEX3" {
				x := tmlTimex{span: doc.Span{Start: b.Len()}}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "type":
						x.typ = a.Value
					case "value":
						x.value = a.Value
					}
				}
				open = append(open, x)
			}
		case xml.EndElement:
			if t.Name.Local == "TEXT" {
				inText = false
			}
			if inText && t.Name.Local == "TIMEX3" && len(open) > 0 {
				x := open[len(open)-1]
				open = open[:len(open)-1]
				x.span.End = b.Len()
				out.times = append(out.times, x)
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		}
	}
	out.text = b.String()
	return out, nil
}

// parseDCT reads a TimeML DCT value (2013-03-22, 1999-05-17T10:00).
func parseDCT(v string) doc.Date {
	var d doc.Date
	if len(v) >= 10 {
		if _, err := fmt.Sscanf(v[:10], "%4d-%2d-%2d", &d.Year, &d.Month, &d.Day); err == nil {
			d.Precision = doc.PrecDay
		}
	}
	return d
}

// noRemoval provides an empty removed layer: TimeML texts are all article.
type noRemoval struct{}

func (noRemoval) Spec() analysis.Spec {
	return analysis.Spec{Name: "no-removal", Requires: []analysis.Layer{analysis.LayerParagraphs}, Provides: []analysis.Layer{analysis.LayerRemoved}}
}

func (noRemoval) Analyze(context.Context, *doc.Document) error { return nil }

// timesPipeline builds the default stages that the times layer needs.
func timesPipeline() (*analysis.Pipeline, error) {
	all, err := engine.DefaultStages()
	if err != nil {
		return nil, err
	}
	want := map[analysis.Layer]bool{analysis.LayerParagraphs: true, analysis.LayerSentences: true,
		analysis.LayerTokens: true, analysis.LayerTimes: true}
	stages := []analysis.Stage{noRemoval{}}
	for _, s := range all {
		for _, l := range s.Spec().Provides {
			if want[l] {
				stages = append(stages, s)
				break
			}
		}
	}
	return analysis.New(stages...)
}

// timexCounts accumulates the TimeML scores.
type timexCounts struct {
	gold, sys, strict, relaxed, value, typ int
}

func timexPRF(tp, sys, gold int) (p, r, f float64) {
	if sys > 0 {
		p = float64(tp) / float64(sys)
	}
	if gold > 0 {
		r = float64(tp) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

var trailingXX = regexp.MustCompile(`(-XX)+$`)
var trailingX = regexp.MustCompile(`^(\d+)X+$`)

// normValue folds equivalent TIMEX3 spellings: case, trailing -XX groups,
// and X-padded decades and centuries (196X ≡ 196, 18XX ≡ 18).
func normValue(v string) string {
	v = strings.ToUpper(strings.TrimSpace(v))
	v = trailingXX.ReplaceAllString(v, "")
	v = trailingX.ReplaceAllString(v, "$1")
	return v
}

func evalTimeML(e *env, dir, lg string, verbose bool) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	p, err := timesPipeline()
	if err != nil {
		return err
	}
	var c timexCounts
	var misses []string
	for _, en := range entries {
		if !strings.HasSuffix(en.Name(), ".tml") {
			continue
		}
		td, err := readTML(filepath.Join(dir, en.Name()))
		if err != nil {
			return err
		}
		d := &doc.Document{Source: td.name, Text: td.text, Body: doc.Span{End: len(td.text)}, Lang: lg, Published: parseDCT(td.dct)}
		if err := p.Run(e.ctx, d); err != nil {
			return err
		}
		scoreTimes(td, d, &c, verbose, &misses)
	}
	sort.Strings(misses)
	for _, m := range misses {
		fmt.Fprintln(e.stdout, "  "+m)
	}
	sp, sr, sf := timexPRF(c.strict, c.sys, c.gold)
	rp, rr, rf := timexPRF(c.relaxed, c.sys, c.gold)
	vp, vr, vf := timexPRF(c.value, c.sys, c.gold)
	acc := 0.0
	if c.relaxed > 0 {
		acc = float64(c.value) / float64(c.relaxed)
	}
	tacc := 0.0
	if c.relaxed > 0 {
		tacc = float64(c.typ) / float64(c.relaxed)
	}
	fmt.Fprintf(e.stdout, "%-28s %6s %6s %6s\n", "metric", "P", "R", "F1")
	fmt.Fprintf(e.stdout, "%-28s %6.3f %6.3f %6.3f   %d/%d gold %d\n", "timex_strict", sp, sr, sf, c.strict, c.sys, c.gold)
	fmt.Fprintf(e.stdout, "%-28s %6.3f %6.3f %6.3f   %d/%d gold %d\n", "timex_relaxed", rp, rr, rf, c.relaxed, c.sys, c.gold)
	fmt.Fprintf(e.stdout, "%-28s %6.3f %6.3f %6.3f   %d/%d gold %d\n", "timex_value", vp, vr, vf, c.value, c.sys, c.gold)
	fmt.Fprintf(e.stdout, "value accuracy on relaxed matches %.3f, type accuracy %.3f\n", acc, tacc)
	return nil
}

// scoreTimes matches system times to gold ones: strict is the same span,
// relaxed any overlap (one to one, largest overlap first).
func scoreTimes(td *tmlDoc, d *doc.Document, c *timexCounts, verbose bool, misses *[]string) {
	c.gold += len(td.times)
	c.sys += len(d.Times)
	type pair struct{ g, s, ov int }
	var pairs []pair
	for gi, g := range td.times {
		for si, s := range d.Times {
			if g.span.Overlaps(s.Span) {
				ov := min(g.span.End, s.Span.End) - max(g.span.Start, s.Span.Start)
				pairs = append(pairs, pair{gi, si, ov})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].ov > pairs[j].ov })
	usedG, usedS := map[int]bool{}, map[int]bool{}
	for _, pr := range pairs {
		if usedG[pr.g] || usedS[pr.s] {
			continue
		}
		usedG[pr.g], usedS[pr.s] = true, true
		g, s := td.times[pr.g], d.Times[pr.s]
		c.relaxed++
		if g.span == s.Span {
			c.strict++
		}
		if g.typ == s.Type {
			c.typ++
		}
		if normValue(g.value) == normValue(s.Value) {
			c.value++
		} else if verbose {
			*misses = append(*misses, fmt.Sprintf("%s: value %q: gold %s, system %s (%q)", td.name, td.text[g.span.Start:g.span.End], g.value, s.Value, d.Slice(s.Span)))
		}
	}
	if !verbose {
		return
	}
	for gi, g := range td.times {
		if !usedG[gi] {
			*misses = append(*misses, fmt.Sprintf("%s: missed %q %s %s", td.name, td.text[g.span.Start:g.span.End], g.typ, g.value))
		}
	}
	for si, s := range d.Times {
		if !usedS[si] {
			*misses = append(*misses, fmt.Sprintf("%s: spurious %q %s %s", td.name, d.Slice(s.Span), s.Type, s.Value))
		}
	}
}
