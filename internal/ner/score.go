package ner

import (
	"fmt"
	"io"
)

// Count holds entity-level true positives, false positives and false
// negatives.
type Count struct{ TP, FP, FN int }

// Precision returns TP / (TP + FP), 0 when nothing was predicted.
func (c Count) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall returns TP / (TP + FN), 0 when there is nothing to find.
func (c Count) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 returns the harmonic mean of precision and recall.
func (c Count) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Scores are CoNLL entity-level counts per type: an entity is right when
// both its span and its type are exactly right.
type Scores struct {
	ByType map[string]*Count
}

// NewScores returns empty scores.
func NewScores() *Scores { return &Scores{ByType: map[string]*Count{}} }

func (s *Scores) count(t string) *Count {
	c := s.ByType[t]
	if c == nil {
		c = &Count{}
		s.ByType[t] = c
	}
	return c
}

// Add scores one sentence's predicted labels against its gold labels.
func (s *Scores) Add(gold, pred []string) {
	g, p := Spans(gold), Spans(pred)
	set := make(map[Span]bool, len(g))
	for _, x := range g {
		set[x] = true
	}
	for _, x := range p {
		if set[x] {
			s.count(x.Type).TP++
			delete(set, x)
		} else {
			s.count(x.Type).FP++
		}
	}
	for x := range set {
		s.count(x.Type).FN++
	}
}

// Micro returns the counts summed over types.
func (s *Scores) Micro() Count {
	var c Count
	for _, x := range s.ByType {
		c.TP += x.TP
		c.FP += x.FP
		c.FN += x.FN
	}
	return c
}

// MicroOf returns the counts summed over the given types.
func (s *Scores) MicroOf(types ...string) Count {
	var c Count
	for _, t := range types {
		if x, ok := s.ByType[t]; ok {
			c.TP += x.TP
			c.FP += x.FP
			c.FN += x.FN
		}
	}
	return c
}

// Write prints a table of precision, recall and F1 per type and overall.
func (s *Scores) Write(w io.Writer) {
	fmt.Fprintf(w, "%-8s %7s %7s %7s %6s %6s %6s\n", "type", "P", "R", "F1", "TP", "FP", "FN")
	row := func(name string, c Count) {
		fmt.Fprintf(w, "%-8s %7.4f %7.4f %7.4f %6d %6d %6d\n", name, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
	}
	for _, t := range Types {
		if c, ok := s.ByType[t]; ok {
			row(t, *c)
		}
	}
	for t, c := range s.ByType {
		if typeIndex(t) < 0 {
			row(t, *c)
		}
	}
	row("overall", s.Micro())
}

// Evaluate tags each document (see Documents) and scores the labels
// against the gold labels.
func Evaluate(m *Model, data []Sentence) *Scores {
	s := NewScores()
	for _, doc := range Documents(data) {
		words := make([][]string, len(doc))
		for i, x := range doc {
			words[i] = x.Words
		}
		for i, pred := range m.TagDocument(words) {
			s.Add(doc[i].Labels, pred)
		}
	}
	return s
}
