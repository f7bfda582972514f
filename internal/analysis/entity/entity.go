// Package entity is the entity stage: it finds the names of people,
// organisations, places and other things in a document's kept sentences,
// links them to the knowledge base, groups the mentions of each entity
// (coreference within the article) and records roles and gender.
//
// Mentions come from three sources, merged per sentence: knowledge-base
// alias matches (multiword, lowercase and acronym names included), the
// statistical tagger of the document's language when one is given, and
// capitalisation cues (runs of capitalised words, typed by head words,
// first names and context). Demonyms and role nouns are never mentions:
// demonyms link to their country, role nouns become roles; nor are the
// units of the quantities the quantity stage found ("3,5 GHz", "200
// millions USD").
//
// Coreference groups knowledge-base matches by entry, then spelling
// variants (same kb.Key), then surname-only and first-name-only forms to a
// full name, the last word of an organisation's name to that
// organisation, and acronyms to their expansions. An entity's Name is the
// knowledge-base canonical name (English where known) or its fullest
// mention; Names adds the aliases seen and the known ones.
package entity

import (
	"context"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/analysis"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/kb"
	"github.com/newsgraph/newsgraph/internal/lang"
)

// Name is the stage name recorded on annotations.
const Name = "entity"

// Stage is the entity stage. It is safe for concurrent use on different
// documents: its tables are read-only after New, and the working memory of
// an analysis comes from a pool and is reused by later ones. A Stage must
// not be copied.
type Stage struct {
	kb      *kb.KB
	taggers map[string]Tagger
	rules   map[string]*rules
	voc     *vocab
	// scratch holds *scratch values for reuse across documents.
	scratch sync.Pool
}

// scratch is the memory an analysis reuses: the words of the sentences
// (mentions keep slices of them until the document is done) and buffers
// used within one sentence.
type scratch struct {
	words  []word
	buf    []byte
	ends   []int
	cands  []cand
	chosen []cand
	taken  []bool
	texts  []string
	// names and nameSet gather the names of an entity.
	names   []string
	nameSet stringSet
	// The mentions and entities of the document.
	mentionSlab slab[mention]
	entSlab     slab[ent]
	res         resolver
}

// New returns the entity stage over a knowledge base (nil for none) and
// taggers by base language ("fr", "en"); a language without a tagger gets
// knowledge-base matches and capitalisation cues only.
func New(base *kb.KB, taggers map[string]Tagger) *Stage {
	if base == nil {
		base = kb.New(nil)
	}
	t := map[string]Tagger{}
	for l, tg := range taggers {
		if tg != nil {
			t[lang.Base(l)] = tg
		}
	}
	return &Stage{kb: base, taggers: t, rules: newRules(), voc: newVocab(base)}
}

// Spec implements analysis.Stage.
func (*Stage) Spec() analysis.Spec {
	return analysis.Spec{
		Name:     Name,
		Requires: []analysis.Layer{analysis.LayerTokens, analysis.LayerSentences, analysis.LayerRemoved, analysis.LayerQuantities},
		Provides: []analysis.Layer{analysis.LayerEntities},
	}
}

// Analyze implements analysis.Stage: it replaces d.Entities with the
// entities of the kept sentences.
func (s *Stage) Analyze(ctx context.Context, d *doc.Document) error {
	return s.analyse(ctx, d, s.tag(d))
}

// AnalyzeBatch implements analysis.BatchStage: it tags the kept sentences
// of every document first, language by language, then finds the entities
// of each as Analyze does. Tagging one document after another keeps the
// tagger's tables and memos in the processor's caches, which the rest of
// the analysis evicts: inside the bench command the French tagger runs
// about 1.15 times faster.
func (s *Stage) AnalyzeBatch(ctx context.Context, docs []*doc.Document) []error {
	errs := make([]error, len(docs))
	labels := make([][][]string, len(docs))
	// The documents of one language after another: a feed that mixes
	// languages would make the taggers evict each other's tables.
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return strings.Compare(lang.Base(docs[i].Lang), lang.Base(docs[j].Lang)) })
	for _, i := range order {
		d := docs[i]
		if errs[i] = ctx.Err(); errs[i] == nil {
			errs[i] = analysis.Guard(Name, func() error { labels[i] = s.tag(d); return nil })
		}
	}
	for i, d := range docs {
		if errs[i] == nil {
			errs[i] = analysis.Guard(Name, func() error { return s.analyse(ctx, d, labels[i]) })
		}
	}
	return errs
}

// tagger returns the tagger of the document's language, nil when there is
// none or it could not be loaded (err says why).
func (s *Stage) tagger(d *doc.Document) (t Tagger, err error) {
	t = s.taggers[lang.Base(d.Lang)]
	if l, ok := t.(*Lazy); ok {
		if t, err = l.get(); err != nil {
			return nil, err
		}
	}
	if u, ok := t.(Unavailable); ok {
		return nil, u.Err
	}
	return t, nil
}

// tag returns the labels of the words of each kept sentence of d when its
// tagger tags whole documents, nil otherwise (the sentences are then
// tagged one by one as they are analysed).
func (s *Stage) tag(d *doc.Document) [][]string {
	t, _ := s.tagger(d)
	if t == nil {
		return nil
	}
	a := &analyser{s: s, d: d, tagger: t}
	return a.tagDocument(d.KeptSentences())
}

// analyse finds the entities of d's kept sentences, whose words tag
// labelled (nil: tag them now).
func (s *Stage) analyse(ctx context.Context, d *doc.Document, pre [][]string) error {
	r := rulesFor(s.rules, d.Lang)
	sc, _ := s.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer s.scratch.Put(sc)
	sc.words = sc.words[:0]
	sc.mentionSlab.reset()
	sc.entSlab.reset()
	t, err := s.tagger(d)
	if err != nil {
		d.Problem(Name, "no %s tagger, capitalisation cues only: %v", lang.Base(d.Lang), err)
	}
	a := &analyser{s: s, d: d, r: r, tagger: t, scratch: sc}
	sents := d.KeptSentences()
	for i, sent := range sents {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var labels []string
		if i < len(pre) {
			labels = pre[i]
		}
		a.sentence(sent, labels)
	}
	d.Entities = a.resolve()
	return nil
}

// slab hands out values from chunks that are reused from one document to
// the next.
type slab[T any] struct {
	chunks [][]T
	n      int
}

const slabChunk = 256

// new returns a pointer to a zero T.
func (s *slab[T]) new() *T {
	c, i := s.n/slabChunk, s.n%slabChunk
	if c == len(s.chunks) {
		s.chunks = append(s.chunks, make([]T, slabChunk))
	}
	s.n++
	p := &s.chunks[c][i]
	var zero T
	*p = zero
	return p
}

// reset makes every value available again.
func (s *slab[T]) reset() { s.n = 0 }

// word is a token with its features.
type word struct {
	text    string
	key     string
	span    doc.Span
	kind    doc.TokenKind
	cap     bool   // starts with an uppercase letter
	upper   bool   // written in capitals (two letters or more)
	initial bool   // opens a sentence, a quote or a clause after a colon
	common  bool   // a word the language writes in lowercase
	lx      *lex   // what the stage knows of key (never nil)
	bits    uint32 // lx.bits of the document's language
}

func (w *word) isWord() bool { return w.kind == doc.Word }

// is reports whether w is in the word list bit of the document's language.
func (a *analyser) is(w *word, bit uint32) bool { return w.bits&bit != 0 }

// keyIs reports whether key is in the word list bit of the document's
// language.
func (a *analyser) keyIs(key string, bit uint32) bool { return a.s.voc.at(key).bits[a.r.set]&bit != 0 }

// pairLex returns the entry of the key of words w and x together ("porte
// parole", "north korean").
func (a *analyser) pairLex(w, x *word) *lex {
	a.buf = append(append(append(a.buf[:0], w.key...), ' '), x.key...)
	return a.s.voc.atBytes(a.buf)
}

// pairIs reports whether words w and x together are in the word list bit
// (which has the prefix bit prefix).
func (a *analyser) pairIs(w, x *word, prefix, bit uint32) bool {
	return a.is(w, prefix) && a.pairLex(w, x).bits[a.r.set]&bit != 0
}

// demonym returns the countries w is a demonym of.
func (a *analyser) demonym(w *word) []*kb.Entry { return a.s.voc.demonyms(w.lx) }

// pairDemonym returns the countries words w and x together are a demonym
// of ("north korean").
func (a *analyser) pairDemonym(w, x *word) []*kb.Entry {
	if w.lx.flags&fDemonymPrefix == 0 {
		return nil
	}
	return a.s.voc.demonyms(a.pairLex(w, x))
}

// Mention sources, by trust.
const (
	srcCaps = iota
	srcTagger
	srcKB
)

// cand is a candidate mention: words [i, j) of a sentence.
type cand struct {
	i, j  int
	typ   string
	src   int
	entry *kb.Entry
	alias string
	weak  bool // kept only if coreference links it
	guess bool // typed by default: the tagger may retype it
	piece bool // a part of a longer tagger span
	role  bool // a role before a name: takes its words, is no mention
}

// mention is an accepted mention.
type mention struct {
	span   doc.Span
	text   string
	key    string
	typ    string
	src    int
	entry  *kb.Entry
	weak   bool
	nwords int
	words  []word
	i, j   int // word range in its sentence
	title  string
	adopt  bool // joined an entity by coreference: takes its type
}

type analyser struct {
	s        *Stage
	d        *doc.Document
	r        *rules
	tagger   Tagger
	labels   []string // the tagger's labels of the sentence's words (tagged), or nil
	mentions []*mention
	// roleNPs are role noun phrases not attached to a name, for linking.
	roleNPs []roleNP
	*scratch
}

// sentence finds the mentions of one kept sentence; tags are its words'
// labels from tagDocument, or nil.
func (a *analyser) sentence(sent doc.Sentence, tags []string) {
	toks := a.d.TokensIn(sent.Span)
	if len(toks) == 0 {
		return
	}
	// The sentence's words, after those of earlier sentences (mentions
	// keep them); a full buffer is left to them and a new one started.
	n0, n := len(a.words), len(toks)
	if cap(a.words)-n0 < n {
		a.words = make([]word, 0, max(2*cap(a.words), n, 1024))
		n0 = 0
	}
	a.words = a.words[:n0+n]
	ws := a.words[n0 : n0+n : n0+n]
	// The keys of the sentence's words share one string: word i's is
	// all[ends[i-1]:ends[i]].
	keys, ends := a.buf[:0], a.ends[:0]
	for _, t := range toks {
		if t.Kind == doc.Word {
			keys = kb.AppendKeyBytes(keys, a.d.Slice(t.Span()))
		}
		ends = append(ends, len(keys))
	}
	a.buf, a.ends = keys, ends
	all := string(keys)
	none := &a.s.voc.lex[0]
	letters, caps := 0, 0
	initial := true
	start := 0
	for i, t := range toks {
		text := a.d.Slice(t.Span())
		w := &ws[i]
		*w = word{text: text, span: t.Span(), kind: t.Kind, lx: none}
		if t.Kind == doc.Word {
			w.key = all[start:ends[i]]
			w.lx = a.s.voc.at(w.key)
			w.bits = w.lx.bits[a.r.set]
			r, _ := utf8.DecodeRuneInString(text)
			w.cap = unicode.IsUpper(r)
			w.upper = kb.IsAcronym(text)
			w.initial = initial
			w.common = a.is(w, bLowercase)
			letters++
			if w.upper {
				caps++
			}
			initial = false
		} else {
			switch text {
			case "«", "“", "\"", ":", "—", "–", "(", "[", "‘", "„", "•", "*":
				initial = true
			case "-":
				initial = i == 0
			}
		}
		start = ends[i]
	}
	shout := letters >= 3 && caps*10 >= letters*6
	nm := len(a.mentions)

	var tcands []cand
	a.labels = nil
	if a.tagger != nil {
		tcands = a.tagged(ws, tags)
	}
	cands := a.kbMatches(ws, shout, a.cands[:0])
	if !shout {
		cands = a.capsRuns(ws, cands)
	}
	a.cands = cands
	for _, c := range a.choose(ws, cands, tcands) {
		a.addMention(ws, c)
	}
	a.collectRoleNPs(ws)
	if len(a.mentions) == nm {
		// No mention keeps the words.
		a.words = a.words[:n0]
	}
}

// addMention records a chosen candidate.
func (a *analyser) addMention(ws []word, c cand) {
	if c.i > 0 && ws[c.i-1].kind == doc.Number && ws[c.i-1].span.End == ws[c.i].span.Start {
		return // the rest of a number's word ("16H30", "3e"): not a name
	}
	span := doc.Span{Start: ws[c.i].span.Start, End: ws[c.j-1].span.End}
	if a.unitOf(span) {
		return
	}
	m := a.mentionSlab.new()
	*m = mention{span: span, text: a.d.Slice(span), typ: c.typ, src: c.src, entry: c.entry, weak: c.weak, words: ws, i: c.i, j: c.j}
	m.key = spanKey(ws, c.i, c.j)
	m.nwords = strings.Count(m.key, " ") + 1
	if m.key == "" {
		return
	}
	m.title = a.titleBefore(ws, c.i)
	a.mentions = append(a.mentions, m)
}

// unitOf reports whether span is the unit of a quantity the quantity stage
// found ("3,5 GHz", "200 millions USD"), or that unit's symbol right after
// it ("3,5 gigahertz (GHz)"): not a name.
func (a *analyser) unitOf(span doc.Span) bool {
	for _, q := range a.d.Quantities {
		if q.Span.Start < span.Start && span.End <= q.Span.End {
			return true
		}
		if gap := span.Start - q.Span.End; gap >= 0 && gap <= 2 && q.Unit != "" && a.d.Slice(span) == q.Unit {
			return true
		}
	}
	return false
}

// titleBefore returns the gender of a courtesy title right before word i
// ("M.", "Mme", "Mr.", "Ms"), "n" for a title of either gender ("Me",
// "Dr"), or "".
func (a *analyser) titleBefore(ws []word, i int) string {
	k := i - 1
	if k > 0 && ws[k].text == "." {
		k--
	}
	if k < 0 || !ws[k].isWord() {
		return ""
	}
	switch {
	case a.is(&ws[k], bTitleM) && a.is(&ws[k], bTitleF):
		return "n"
	case a.is(&ws[k], bTitleM):
		return "m"
	case a.is(&ws[k], bTitleF):
		return "f"
	}
	return ""
}

// possessive reports an English possessive suffix token (’s).
func possessive(s string) bool {
	return s == "’s" || s == "'s" || s == "’" || s == "'"
}

func validType(t string) bool {
	switch t {
	case kb.PER, kb.ORG, kb.LOC, kb.MISC:
		return true
	}
	return false
}

// notName reports spans that are never mentions: a demonym, a role noun, a
// weekday or month, a lowercase word, a pronoun.
func (a *analyser) notName(ws []word, i, j int) bool {
	key := spanKey(ws, i, j)
	if key == "" || j-i == 1 && utf8.RuneCountInString(ws[i].text) == 1 {
		return true
	}
	if lx := a.s.voc.at(key); len(a.s.voc.demonyms(lx)) > 0 || lx.bits[a.r.set]&(bRole|bCalendar) != 0 {
		return true
	}
	hasCap := false
	for k := i; k < j; k++ {
		if ws[k].isWord() && (ws[k].cap || unicode.IsDigit(firstRune(ws[k].text))) {
			hasCap = true
		}
	}
	return !hasCap
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// spanKey returns the key of words [i, j): the keys of its words joined
// by spaces.
func spanKey(ws []word, i, j int) string {
	key, n, size := "", 0, 0
	for k := i; k < j; k++ {
		if ws[k].isWord() && ws[k].key != "" {
			key = ws[k].key
			n++
			size += len(key) + 1
		}
	}
	if n <= 1 {
		return key
	}
	var b strings.Builder
	b.Grow(size - 1)
	for k := i; k < j; k++ {
		if ws[k].isWord() && ws[k].key != "" {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(ws[k].key)
		}
	}
	return b.String()
}
