// Package lang identifies an article's language and gives the fallback
// chain used to pick per-language tables (fr-CA → fr → und).
package lang

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
	"golang.org/x/text/language"
)

// Und is the neutral language tag used when no language is known.
const Und = "und"

// Supported lists the languages the detector chooses among: the ones the
// analysers have tables for, plus the main European news languages, so an
// article in German is recognised as German rather than forced into French.
var Supported = []lingua.Language{
	lingua.French, lingua.English, lingua.German, lingua.Spanish,
	lingua.Italian, lingua.Portuguese, lingua.Dutch,
}

// Analysed lists the languages with full analysis; others get the neutral
// (und) rows.
var Analysed = map[string]bool{"fr": true, "en": true}

// Detector identifies languages. The zero value is not usable; call
// NewDetector. A Detector is safe for concurrent use.
type Detector struct {
	once sync.Once
	det  lingua.LanguageDetector
	// Sample is how many bytes of text lingua examines (the first ones).
	Sample int
	// Quick is how many bytes the function-word profile examines before
	// lingua runs (0 turns the profile off); see quick.go.
	Quick int
}

// NewDetector returns a detector over Supported. Models load lazily on the
// first call to Detect.
func NewDetector() *Detector { return &Detector{Sample: 1000, Quick: 1000} }

func (d *Detector) load() {
	d.once.Do(func() {
		d.det = lingua.NewLanguageDetectorBuilder().
			FromLanguages(Supported...).
			WithLowAccuracyMode().
			WithPreloadedLanguageModels().
			Build()
	})
}

// Detect returns the ISO 639-1 code of text's language and a confidence
// in [0, 1]. It returns Und with 0 when the text gives too little evidence.
func (d *Detector) Detect(text string) (string, float64) {
	if d.Quick > 0 {
		if tag, conf, ok := quick(text, d.Quick); ok {
			return tag, conf
		}
	}
	if len(text) > d.Sample {
		cut := d.Sample
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	letters := 0
	for _, r := range text {
		if r > ' ' {
			letters++
		}
	}
	if letters < 3 {
		return Und, 0
	}
	d.load()
	vals := d.det.ComputeLanguageConfidenceValues(text)
	if len(vals) == 0 || vals[0].Value() == 0 {
		return Und, 0
	}
	return strings.ToLower(vals[0].Language().IsoCode639_1().String()), vals[0].Value()
}

// Normalize canonicalises a user-given language tag ("FR", "fr_CA") to a
// BCP 47 string; invalid tags give Und.
func Normalize(tag string) string {
	t, err := language.Parse(strings.ReplaceAll(tag, "_", "-"))
	if err != nil {
		return Und
	}
	return t.String()
}

// Chain returns the fallback chain of a tag: "fr-CA" → [fr-CA fr und].
func Chain(tag string) []string {
	tag = Normalize(tag)
	out := []string{}
	for tag != "" && tag != Und {
		out = append(out, tag)
		i := strings.LastIndexByte(tag, '-')
		if i < 0 {
			break
		}
		tag = tag[:i]
	}
	return append(out, Und)
}

// Base returns the first analysed language in tag's chain, or Und.
func Base(tag string) string {
	for _, t := range Chain(tag) {
		if Analysed[t] {
			return t
		}
	}
	return Und
}
