package corpus

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/ner"
)

// Words splits running text into the words the tagger sees: runs of
// letters and digits (with inner hyphens, periods and apostrophes),
// French elided articles split after the apostrophe (l'Élysée → l' Élysée),
// and every other non-space rune alone. It is a simple approximation of
// the segment stage, for building lexicons from unlabelled text.
func Words(text string) []string {
	var out []string
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			out = append(out, text[i:i+n])
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			r2, n2 := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
				j += n2
				continue
			}
			if r2 == '\'' || r2 == '’' {
				// Elision: one or two letters before the apostrophe.
				if utf8.RuneCountInString(text[i:j]) <= 2 || strings.EqualFold(text[i:j], "qu") || strings.EqualFold(text[i:j], "jusqu") || strings.EqualFold(text[i:j], "lorsqu") || strings.EqualFold(text[i:j], "puisqu") {
					j += n2
					break
				}
			}
			if r2 == '.' {
				// The final period of an initialism: U.S. J.-P.
				tok := text[i:j]
				if k := strings.LastIndexByte(tok, '.'); k >= 0 && utf8.RuneCountInString(tok[k+1:]) == 1 {
					j += n2
					break
				}
			}
			if r2 == '-' || r2 == '\'' || r2 == '’' || r2 == '.' {
				r3, _ := utf8.DecodeRuneInString(text[j+n2:])
				if j+n2 < len(text) && (unicode.IsLetter(r3) || unicode.IsDigit(r3)) {
					j += n2
					continue
				}
			}
			break
		}
		out = append(out, text[i:j])
		i = j
	}
	return out
}

// Sentences splits words after sentence-final punctuation.
func Sentences(words []string) [][]string {
	var out [][]string
	start := 0
	for i, w := range words {
		if w == "." || w == "!" || w == "?" || w == "…" {
			out = append(out, words[start:i+1])
			start = i + 1
		}
	}
	if start < len(words) {
		out = append(out, words[start:])
	}
	return out
}

// Unlabelled returns sentences of unlabelled news and prose for lang from
// the data folder (French: OrangeSum articles and the AADS novels;
// English: Reuters-21578 and PolNeAR articles), with the sources used.
// Missing datasets are skipped.
func Unlabelled(dataDir, lang string) ([][]string, []Source, error) {
	var out [][]string
	var used []Source
	add := func(text string) {
		out = append(out, Sentences(Words(text))...)
	}
	glob := func(pattern, licence string, each func(data []byte) error) error {
		paths, err := filepath.Glob(filepath.Join(dataDir, pattern))
		if err != nil {
			return err
		}
		sort.Strings(paths)
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if err := each(data); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
		}
		if len(paths) > 0 {
			used = append(used, Source{pattern, licence})
		}
		return nil
	}
	var err error
	switch lang {
	case "fr":
		err = glob("orangesum-fr-news/parsed/*.json", "CC BY-SA 4.0 (OrangeSum; news text, research use)", func(data []byte) error {
			var a struct{ Article, Heading string }
			if json.Unmarshal(data, &a) == nil {
				add(a.Heading)
				add(a.Article)
			}
			return nil
		})
		if err == nil {
			err = glob("aads-french-direct-speech/aggregated_corpus.json", "MIT (Deezer), public-domain novels", func(data []byte) error {
				var chapters map[string]struct{ Text string }
				if err := json.Unmarshal(data, &chapters); err != nil {
					return err
				}
				keys := make([]string, 0, len(chapters))
				for k := range chapters {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, k := range keys {
					add(chapters[k].Text)
				}
				return nil
			})
		}
	case "en":
		err = glob("reuters21578-en-news/*.sgm", "Reuters-21578, research use only", func(data []byte) error {
			for _, body := range ReutersBodies(string(data)) {
				add(body)
			}
			return nil
		})
		if err == nil {
			err = glob("polnear/data/*/text/*.txt", "PolNeAR article texts, research use only", func(data []byte) error {
				add(string(data))
				return nil
			})
		}
	}
	if err != nil {
		return nil, nil, err
	}
	return out, used, nil
}

// CaseLexicon counts how words are written in labelled and unlabelled
// sentences and returns the case lexicon of words seen at least twice.
func CaseLexicon(labelled []ner.Sentence, unlabelled [][]string) map[string]uint8 {
	c := ner.NewCaseCounter()
	for _, s := range labelled {
		c.Add(s.Words)
	}
	for _, s := range unlabelled {
		c.Add(s)
	}
	return c.Lexicon(2)
}

var bodyRE = regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)

// ReutersBodies returns the article bodies of a Reuters-21578 SGML file
// (Latin-1 bytes are kept as they are; entities &lt; &gt; &amp; decoded).
func ReutersBodies(sgml string) []string {
	var out []string
	rep := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&#3;", "", "\x03", "")
	for _, m := range bodyRE.FindAllStringSubmatch(sgml, -1) {
		out = append(out, rep.Replace(m[1]))
	}
	return out
}
