package corpus

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/ner"
)

// HIPEOptions says how HIPE annotations are mapped to CoNLL conventions.
type HIPEOptions struct {
	// StripTitles removes titles and functions from person names ("M.",
	// "Mme", "sergent", ", ancien président de …"), which HIPE includes
	// and CoNLL does not: the comp.title and comp.function parts (where the
	// file has the NE-FINE-COMP column), leading words that are not
	// capitalised names or are common titles, and anything from the first
	// comma on are cut from the person.
	StripTitles bool
}

// maxHIPESentence bounds a sentence of a file without sentence marks.
const maxHIPESentence = 120

// ReadHIPE reads a HIPE TSV file (CLEF-HIPE-2020 or HIPE-2022) and maps
// its coarse literal types to PER (pers), LOC (loc), ORG (org, and the
// media products prod.media: newspapers), MISC (other prod, HumanProd);
// time expressions are O. Sentences end at EndOfSentence marks, or, in
// files without them, after sentence-final punctuation.
func ReadHIPE(r io.Reader, opt HIPEOptions) ([]ner.Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLine)
	col := map[string]int{}
	ncol := 0
	var out []ner.Sentence
	var words, labels, comps []string
	newDoc := true
	flush := func() {
		if len(words) > 0 {
			if opt.StripTitles {
				labels = stripTitles(words, labels, comps)
			}
			out = append(out, ner.Sentence{Words: words, Labels: labels, DocStart: newDoc})
			newDoc = false
		}
		words, labels, comps = nil, nil, nil
	}
	line := 0
	glue := false // the previous token has no space after it
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(text, "#") {
			if strings.Contains(text, "document_id") {
				flush()
				newDoc = true
			}
			continue
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		fields := strings.Split(text, "\t")
		if len(col) == 0 {
			if fields[0] != "TOKEN" {
				return out, fmt.Errorf("line %d: no HIPE header", line)
			}
			for i, f := range fields {
				col[f] = i
			}
			ncol = len(fields)
			if _, ok := col["NE-COARSE-LIT"]; !ok {
				return out, fmt.Errorf("line %d: no NE-COARSE-LIT column", line)
			}
			continue
		}
		if len(fields) != ncol {
			return out, fmt.Errorf("line %d: %d fields, want %d", line, len(fields), ncol)
		}
		get := func(name string) string {
			if i, ok := col[name]; ok {
				return fields[i]
			}
			return ""
		}
		w := fields[col["TOKEN"]]
		if w == "" {
			continue
		}
		label := hipeLabel(get("NE-COARSE-LIT"), get("NE-FINE-LIT"))
		comp := get("NE-FINE-COMP")
		misc := get("MISC")
		if n := len(words); n > 0 && glue && joins(words[n-1], w) {
			// Rebuild the word as the segment stage cuts it.
			words[n-1] += w
			if strings.HasPrefix(label, "B-") && !strings.HasPrefix(labels[n-1], "B-") {
				labels[n-1] = label
			}
		} else {
			words = append(words, w)
			labels = append(labels, label)
			comps = append(comps, comp)
		}
		glue = strings.Contains(misc, "NoSpaceAfter")
		if strings.Contains(misc, "EndOfSentence") || len(words) >= maxHIPESentence {
			flush()
			glue = false
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("line %d: %w", line+1, err)
	}
	if !fileHasSentenceMarks(out) {
		out = resplit(out)
	}
	return out, nil
}

// fileHasSentenceMarks guesses whether sentences came from EndOfSentence
// marks: most sentences then end with punctuation.
func fileHasSentenceMarks(s []ner.Sentence) bool {
	if len(s) == 0 {
		return true
	}
	long := 0
	for _, x := range s {
		if len(x.Words) >= maxHIPESentence {
			long++
		}
	}
	return long*2 < len(s)
}

// resplit cuts sentences after sentence-final punctuation followed by a
// capitalised word (and never inside an entity).
func resplit(in []ner.Sentence) []ner.Sentence {
	var out []ner.Sentence
	for _, s := range in {
		start := 0
		for i, w := range s.Words {
			if (w == "." || w == "!" || w == "?") && i+1 < len(s.Words) && i+1-start >= 3 &&
				!strings.HasPrefix(s.Labels[i+1], "I-") && startsUpper(s.Words[i+1]) {
				out = append(out, ner.Sentence{Words: s.Words[start : i+1], Labels: s.Labels[start : i+1], DocStart: s.DocStart && start == 0})
				start = i + 1
			}
		}
		if start < len(s.Words) {
			out = append(out, ner.Sentence{Words: s.Words[start:], Labels: s.Labels[start:], DocStart: s.DocStart && start == 0})
		}
	}
	return out
}

func startsUpper(w string) bool {
	for _, r := range w {
		return r >= 'A' && r <= 'Z' || r >= 'À' && r <= 'Þ'
	}
	return false
}

// hipeLabel maps a HIPE coarse label (with its fine label) to a CoNLL one.
func hipeLabel(coarse, fine string) string {
	if len(coarse) < 3 || coarse[1] != '-' || (coarse[0] != 'B' && coarse[0] != 'I') {
		return "O"
	}
	prefix := coarse[:2]
	typ := ""
	switch strings.ToLower(coarse[2:]) {
	case "pers", "per":
		typ = "PER"
	case "loc":
		typ = "LOC"
	case "org":
		typ = "ORG"
	case "prod", "humanprod":
		typ = "MISC"
		if strings.HasPrefix(fine[min(len(fine), 2):], "prod.media") {
			typ = "ORG"
		}
	default:
		return "O"
	}
	return prefix + typ
}

// personTitles are title words cut from the start of HIPE person names
// when the file has no component column.
var personTitles = map[string]bool{
	"M": true, "MM": true, "Mme": true, "Mmes": true, "Mlle": true, "Mlles": true, "Mgr": true,
	"Dr": true, "Me": true, "Maître": true, "Monsieur": true, "Madame": true, "Mademoiselle": true,
	"Général": true, "Colonel": true, "Capitaine": true, "Lieutenant": true, "Sergent": true,
	"Président": true, "Ministre": true, "Docteur": true, "Abbé": true, "Père": true, "Sir": true,
	"Mr": true, "Mrs": true, "Miss": true,
}

// stripTitles removes titles and functions from person entities.
func stripTitles(words, labels, comps []string) []string {
	out := append([]string(nil), labels...)
	hasComp := false
	for _, c := range comps {
		if c != "" && c != "_" && c != "O" {
			hasComp = true
			break
		}
	}
	for _, sp := range ner.Spans(labels) {
		if sp.Type != "PER" {
			continue
		}
		keep := make([]bool, sp.End-sp.Start)
		for i := sp.Start; i < sp.End; i++ {
			c := comps[i]
			keep[i-sp.Start] = !hasComp || !strings.Contains(c, "comp.title") && !strings.Contains(c, "comp.function")
		}
		// Leading words that are not capitalised names, and anything from
		// the first comma on, are titles and functions too.
		i := sp.Start
		for i < sp.End && (!keep[i-sp.Start] || !startsUpper(words[i]) || personTitles[words[i]] || personTitles[strings.TrimSuffix(words[i], ".")] || words[i] == ".") {
			keep[i-sp.Start] = false
			i++
		}
		for j := i; j < sp.End; j++ {
			if words[j] == "," {
				for k := j; k < sp.End; k++ {
					keep[k-sp.Start] = false
				}
				break
			}
		}
		// Keep the first contiguous run of kept words.
		first, last := -1, -1
		for k, ok := range keep {
			if ok && first < 0 {
				first = k
			}
			if first >= 0 {
				if !ok {
					break
				}
				last = k
			}
		}
		for i := sp.Start; i < sp.End; i++ {
			out[i] = "O"
		}
		if first >= 0 {
			out[sp.Start+first] = "B-PER"
			for k := first + 1; k <= last; k++ {
				out[sp.Start+k] = "I-PER"
			}
		}
	}
	return out
}

// joins reports whether token next, written right after prev, belongs to
// the same word in the segment stage's tokenisation: hyphenated compounds
// (Jean-Baptiste), elided articles (d' l' qu'), abbreviations (M. Dr.).
func joins(prev, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	switch {
	case next == "-" || next == "'" || next == "’":
		if next != "-" {
			// Elision: a short word followed by an apostrophe.
			n := utf8.RuneCountInString(prev)
			return unicode.IsLetter(last) && (n <= 2 || strings.EqualFold(prev, "qu") || strings.HasSuffix(strings.ToLower(prev), "squ") || strings.EqualFold(prev, "jusqu"))
		}
		return unicode.IsLetter(last) || unicode.IsDigit(last)
	case last == '-':
		return utf8.RuneCountInString(prev) > 1 && (unicode.IsLetter(first) || unicode.IsDigit(first))
	case next == ".":
		n := utf8.RuneCountInString(prev)
		return n <= 3 && startsUpper(prev) && isLetters(prev)
	}
	return false
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}
