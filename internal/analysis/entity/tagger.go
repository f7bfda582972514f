package entity

import (
	"errors"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/kb"
)

// Tagger labels a sentence's words with BIO labels (O, B-PER, I-PER,
// B-ORG, I-ORG, B-LOC, I-LOC, B-MISC, I-MISC), one per word. It must be
// safe for concurrent use.
type Tagger interface {
	Tag(words []string) []string
}

// DocTagger is a Tagger that also labels a whole document, given as its
// sentences' words: the labels it gave a name earlier in the document may
// inform later mentions, and one call keeps the tagger's working memory
// warm. The entity stage prefers it.
type DocTagger interface {
	Tagger
	TagDocument(sents [][]string) [][]string
}

// Unavailable stands for a tagger that could not be loaded: the stage runs
// without it and notes Err on each document of its language.
type Unavailable struct{ Err error }

// Tag implements Tagger; it labels nothing.
func (Unavailable) Tag([]string) []string { return nil }

// Lazy is a tagger loaded on its first use, once for all goroutines: a
// statistical model takes time to decode, and a run may never meet its
// language. A failure to load makes it Unavailable.
type Lazy struct {
	load func() (Tagger, error)
	once sync.Once
	t    Tagger
	err  error
}

// NewLazy returns a tagger that calls load on first use.
func NewLazy(load func() (Tagger, error)) *Lazy { return &Lazy{load: load} }

// get loads the tagger if needed.
func (l *Lazy) get() (Tagger, error) {
	l.once.Do(func() {
		l.t, l.err = l.load()
		if l.err == nil && l.t == nil {
			l.err = errors.New("no tagger")
		}
	})
	return l.t, l.err
}

// Tag implements Tagger.
func (l *Lazy) Tag(words []string) []string {
	t, err := l.get()
	if err != nil {
		return nil
	}
	return t.Tag(words)
}

// maxTagWords bounds the words given to a tagger at once; longer sentences
// are tagged in windows.
const maxTagWords = 256

// tagDocument labels the words of the kept sentences at once when the
// tagger is a DocTagger, and returns the labels of each sentence (nil
// otherwise: the sentences are then tagged one by one).
func (a *analyser) tagDocument(sents []doc.Sentence) [][]string {
	dt, ok := a.tagger.(DocTagger)
	if !ok {
		return nil
	}
	words := make([][]string, len(sents))
	n := 0
	for _, sent := range sents {
		n += len(a.d.TokensIn(sent.Span))
	}
	texts := make([]string, 0, n)
	for i, sent := range sents {
		start := len(texts)
		for _, t := range a.d.TokensIn(sent.Span) {
			texts = append(texts, a.d.Slice(t.Span()))
		}
		words[i] = texts[start:len(texts):len(texts)]
	}
	labels := dt.TagDocument(words)
	if len(labels) != len(sents) {
		return nil // a misbehaving tagger: tag sentence by sentence
	}
	return labels
}

// tagged runs the tagger over the sentence, unless pre is its labels from
// tagDocument, sets a.labels to its labels (one per word) and returns its
// spans, cut at punctuation, possessives, coordinations, role nouns and
// demonyms ("Mayor Byron Brown" gives "Byron Brown").
func (a *analyser) tagged(ws []word, pre []string) []cand {
	labels := pre
	if len(labels) != len(ws) {
		texts := a.texts[:0]
		for i := range ws {
			texts = append(texts, ws[i].text)
		}
		a.texts = texts
		labels = make([]string, 0, len(ws))
		for lo := 0; lo < len(texts); lo += maxTagWords {
			hi := min(lo+maxTagWords, len(texts))
			l := a.tagger.Tag(texts[lo:hi])
			if len(l) != hi-lo {
				// A misbehaving tagger is ignored for this window.
				l = make([]string, hi-lo)
			}
			labels = append(labels, l...)
		}
	}
	a.labels = labels
	var out []cand
	start, typ := -1, ""
	flush := func(end int) {
		if start >= 0 {
			out = a.cutTagged(ws, start, end, typ, out)
		}
		start = -1
	}
	for i, l := range labels {
		// BIO, and the BIOES/BILOU variants: S and U open and close a
		// span, E and L continue and close one.
		p, t, ok := strings.Cut(l, "-")
		if !ok || !validType(t) || !strings.Contains("BIESLU", p) || len(p) != 1 {
			flush(i)
			continue
		}
		if p == "B" || p == "S" || p == "U" || start < 0 || t != typ {
			flush(i)
			start, typ = i, t
		}
		if p == "S" || p == "U" || p == "E" || p == "L" {
			flush(i + 1)
		}
	}
	flush(len(labels))
	return out
}

// cutTagged splits a tagger span into name pieces.
func (a *analyser) cutTagged(ws []word, i, j int, typ string, out []cand) []cand {
	s := i
	cut := false
	emit := func(e int) {
		for s < e && !ws[s].isWord() {
			s++
		}
		for e > s && !ws[e-1].isWord() && ws[e-1].text != "." {
			e--
		}
		if s < e && !a.notName(ws, s, e) {
			out = append(out, cand{i: s, j: e, typ: typ, src: srcTagger, piece: cut})
		}
	}
	for k := i; k < j; k++ {
		w := &ws[k]
		switch {
		case !w.isWord() && !joiner(w.text):
			cut = true
			emit(k)
			s = k + 1
		case w.isWord() && (a.is(w, bCoord) && !w.cap || possessive(w.text)):
			cut = true
			emit(k)
			s = k + 1
		case w.isWord() && a.roleAt(ws, k, j) > 0 && !a.nameAcross(k, a.roleAt(ws, k, j)):
			n := a.roleAt(ws, k, j)
			cut = true
			s = k + n
			k += n - 1
		case w.isWord() && a.demonymAt(ws, k, j) > 0 && !(typ == kb.ORG && k > i && !w.cap):
			// (A lower-case nationality adjective inside an
			// organisation's name is part of it: "Fédération française
			// de rugby".)
			n := a.demonymAt(ws, k, j)
			cut = true
			emit(k)
			s = k + n
			k += n - 1
		}
	}
	emit(j)
	return out
}
