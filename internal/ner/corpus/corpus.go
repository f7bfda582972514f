// Package corpus reads the labelled corpora the named-entity tagger is
// trained and evaluated on (CoNLL-style columns, WikiNEuRal, Europeana,
// HIPE TSV) and builds the tagger's gazetteer and case lexicon from the
// public datasets under the shared data folder.
//
// Readers accept any input: a malformed line is skipped or reported as an
// error, never a panic. Labels are mapped to the tagger's types PER, ORG,
// LOC and MISC.
package corpus

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/newsgraph/newsgraph/internal/ner"
)

// maxLine bounds the length of one input line.
const maxLine = 1 << 20

// ColumnOptions describes a column file: one word per line, fields
// separated by tabs (when the line has one) or spaces, a blank line between
// sentences.
type ColumnOptions struct {
	// WordCol is the column of the word; the label is the last column.
	WordCol int
	// SplitAt, when > 0, ends a sentence after sentence-final punctuation
	// and after SplitAt words, for files without reliable sentence breaks.
	SplitAt int
}

// ReadColumns reads a CoNLL-style column file. "-DOCSTART-" lines start a
// document (the next sentence has DocStart set); in a file without them
// every sentence is a document. Labels are returned as written (IOB1 or
// IOB2).
func ReadColumns(r io.Reader, opt ColumnOptions) ([]ner.Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLine)
	var out []ner.Sentence
	var cur ner.Sentence
	docs := false  // the file has -DOCSTART- lines
	newDoc := true // the next sentence starts a document
	flush := func() {
		if len(cur.Words) > 0 {
			cur.DocStart = newDoc
			newDoc = false
			out = append(out, cur)
		}
		cur = ner.Sentence{}
	}
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			flush()
			continue
		}
		var fields []string
		if strings.Contains(text, "\t") {
			fields = strings.Split(text, "\t")
		} else {
			fields = strings.Fields(text)
		}
		if fields[0] == "-DOCSTART-" {
			flush()
			docs, newDoc = true, true
			continue
		}
		if len(fields) < 2 || opt.WordCol >= len(fields)-1 || opt.WordCol < 0 {
			return out, fmt.Errorf("line %d: want a word in column %d and a label, got %d fields", line, opt.WordCol+1, len(fields))
		}
		w := fields[opt.WordCol]
		if w == "" {
			continue
		}
		cur.Words = append(cur.Words, w)
		cur.Labels = append(cur.Labels, fields[len(fields)-1])
		if opt.SplitAt > 0 && (len(cur.Words) >= opt.SplitAt || w == "." || w == "!" || w == "?") {
			flush()
		}
	}
	flush()
	if !docs {
		// Without document marks every sentence stands alone.
		for i := range out {
			out[i].DocStart = true
		}
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("line %d: %w", line+1, err)
	}
	return out, nil
}
