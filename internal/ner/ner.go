// Package ner is a statistical named-entity tagger: an averaged structured
// perceptron over rich lexical, shape, gazetteer and case features with the
// two previous labels as features, decoded with a beam search over BILOU
// labels (the search it is trained with).
//
// A Model is read from a model file (Load) or taken from the models
// shipped inside the binary (LoadEmbedded, "fr" and "en"); its Tag method
// labels a sequence of words with one BIO label per word (O, B-PER, I-PER,
// B-ORG, I-ORG, B-LOC, I-LOC, B-MISC, I-MISC). Train builds a model from
// labelled sentences; Save writes it. A Model is immutable and safe for
// concurrent use. The models' data, licences and scores are described in
// models/README.md.
package ner

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
)

// Labels are the BIO labels Tag returns, in the order of the entity types
// PER, ORG, LOC, MISC.
var Labels = []string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

// Types are the entity types.
var Types = []string{"PER", "ORG", "LOC", "MISC"}

//go:embed models/*.ner
var embedded embed.FS

// LoadEmbedded returns the model shipped for lang ("fr" or "en"; a region
// subtag such as "fr-CA" is reduced to its language). Each call reads and
// decodes the model anew: callers should load once and share the Model.
func LoadEmbedded(lang string) (*Model, error) {
	base := strings.ToLower(lang)
	if i := strings.IndexAny(base, "-_"); i >= 0 {
		base = base[:i]
	}
	if base == "" || strings.ContainsAny(base, "/\\.") {
		return nil, fmt.Errorf("ner: no embedded model for language %q", lang)
	}
	data, err := fs.ReadFile(embedded, "models/"+base+".ner")
	if err != nil {
		return nil, fmt.Errorf("ner: no embedded model for language %q", lang)
	}
	m, err := load(data)
	if err != nil {
		return nil, fmt.Errorf("ner: embedded model %s: %w", base, err)
	}
	return m, nil
}

// EmbeddedLanguages lists the languages that have a shipped model.
func EmbeddedLanguages() []string {
	entries, _ := fs.ReadDir(embedded, "models")
	var out []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".ner"); ok {
			out = append(out, name)
		}
	}
	return out
}

// Span is an entity found in a label sequence: words [Start, End) of type
// Type.
type Span struct {
	Start, End int
	Type       string
}

// Spans turns a label sequence into entity spans. It reads IOB2 and also
// IOB1 (an I-X that does not continue an X starts a new entity, as in the
// CoNLL evaluation script); labels without a known "B-"/"I-" prefix are O.
func Spans(labels []string) []Span {
	var out []Span
	cur := -1
	for i, l := range labels {
		prefix, typ := splitLabel(l)
		switch {
		case prefix == 'B' || (prefix == 'I' && (cur < 0 || out[cur].Type != typ)):
			out = append(out, Span{Start: i, End: i + 1, Type: typ})
			cur = len(out) - 1
		case prefix == 'I':
			out[cur].End = i + 1
		default:
			cur = -1
		}
	}
	return out
}

// splitLabel returns 'B', 'I' or 0 and the type of a label.
func splitLabel(l string) (byte, string) {
	if len(l) > 2 && l[1] == '-' && (l[0] == 'B' || l[0] == 'I') {
		return l[0], l[2:]
	}
	return 0, ""
}
