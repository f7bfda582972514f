// Package kb is newsgraph's knowledge base of named things: countries,
// large cities, heads of state and government, international
// organisations, news agencies and government bodies, with their names in
// French and English, acronyms and the demonyms of countries.
//
// # File format
//
// A knowledge base is JSON Lines: one entity per line, blank lines and
// lines starting with # ignored. Fields:
//
//	id          required, unique: a Wikidata QID ("Q7747"), "iso:RU",
//	            "geonames:2013348" or "org:nato"
//	name        required: the canonical name, English where one exists
//	type        required: PER, ORG, LOC or MISC
//	aliases     names per language: {"fr": ["Vladimir Poutine"], "en": [...]};
//	            "und" for names of any language
//	qid         Wikidata id, when known
//	lat, lon    coordinates (places)
//	country     ISO 3166-1 alpha-2 code of the country it belongs to
//	demonyms    per language, adjectives and nouns of the people of a
//	            country ({"fr": ["russe"], "en": ["Russian"]}); they link
//	            to the entity but are never mentions
//	roles       per language, positions held ("President of Russia")
//	kind        country | city | capital | leader | agency | outlet |
//	            government | organisation | event (free text)
//	population  for places; ranks homonyms
//
// Example:
//
//	{"id":"iso:KP","name":"North Korea","type":"LOC","kind":"country","country":"KP","aliases":{"en":["DPRK"],"fr":["Corée du Nord","RPDC"]},"demonyms":{"fr":["nord-coréen"],"en":["North Korean"]}}
//
// The built-in base (Builtin) is generated from public data sets by
// `go generate ./internal/kb` (see gen/ and data/README.md). A user file
// read with Load is merged over it with Merge: an entry with the same id
// replaces the built-in one.
package kb

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:generate go run ./gen -data ../../../shared/data -out data/kb.jsonl.gz -lexicon ../lexicon/data

//go:embed data/kb.jsonl.gz
var builtin []byte

// Entity types.
const (
	PER  = "PER"
	ORG  = "ORG"
	LOC  = "LOC"
	MISC = "MISC"
)

// Entry is one entity of the knowledge base.
type Entry struct {
	ID         string              `json:"id"`
	Name       string              `json:"name"`
	Type       string              `json:"type"`
	Kind       string              `json:"kind,omitempty"`
	QID        string              `json:"qid,omitempty"`
	Aliases    map[string][]string `json:"aliases,omitempty"`
	Lat        *float64            `json:"lat,omitempty"`
	Lon        *float64            `json:"lon,omitempty"`
	Country    string              `json:"country,omitempty"`
	Demonyms   map[string][]string `json:"demonyms,omitempty"`
	Roles      map[string][]string `json:"roles,omitempty"`
	Population int64               `json:"population,omitempty"`
}

// AllNames returns the canonical name followed by every alias, without
// duplicates, in a stable order (English first, then French, then the
// other languages in sorted order).
func (e *Entry) AllNames() []string {
	n := 1
	for _, as := range e.Aliases {
		n += len(as)
	}
	out := make([]string, 0, n)
	var seen map[string]bool
	if n > 32 {
		seen = make(map[string]bool, n)
	}
	add := func(s string) {
		switch {
		case s == "":
		case seen != nil:
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		case !slices.Contains(out, s):
			out = append(out, s)
		}
	}
	add(e.Name)
	eachLang(e.Aliases, func(_ string, as []string) {
		for _, a := range as {
			add(a)
		}
	})
	return out
}

// eachLang calls fn for the languages of m in order: English, French, then
// the others sorted.
func eachLang(m map[string][]string, fn func(lang string, vals []string)) {
	if len(m) == 0 {
		return
	}
	if v, ok := m["en"]; ok {
		fn("en", v)
	}
	if v, ok := m["fr"]; ok {
		fn("fr", v)
	}
	var buf [8]string
	rest := buf[:0]
	for l := range m {
		if l != "en" && l != "fr" {
			rest = append(rest, l)
		}
	}
	slices.Sort(rest)
	for _, l := range rest {
		fn(l, m[l])
	}
}

// Alias is one name of an entry as indexed.
type Alias struct {
	Entry *Entry
	Text  string // the alias as written
	Lang  string // the language it is listed under ("und" for the name)
	// shape caches Acronym and Lower for indexed aliases.
	shape uint8
}

// Alias shapes.
const (
	shapeKnown uint8 = 1 << iota
	shapeAcronym
	shapeLower
)

func aliasShape(text string) uint8 {
	sh := shapeKnown
	if IsAcronym(text) {
		sh |= shapeAcronym
	}
	if r, _ := utf8.DecodeRuneInString(text); unicode.IsLower(r) {
		sh |= shapeLower
	}
	return sh
}

func (a Alias) shapeOf() uint8 {
	if a.shape != 0 {
		return a.shape
	}
	return aliasShape(a.Text)
}

// Acronym reports whether the alias is written in capitals (NSC, U.S.,
// TASS): such aliases only match text written the same way.
func (a Alias) Acronym() bool { return a.shapeOf()&shapeAcronym != 0 }

// Lower reports whether the alias starts with a lowercase letter
// ("agence de presse centrale coréenne"): such names are matched whatever
// their case.
func (a Alias) Lower() bool { return a.shapeOf()&shapeLower != 0 }

// KB is an indexed knowledge base. It is read-only once built and safe for
// concurrent use.
type KB struct {
	entries []*Entry
	byID    map[string]*Entry
	alias   map[string][]Alias
	demonym map[string][]*Entry
	surname map[string][]*Entry
	maxLen  int
	// The word trie of the alias keys: words numbers the words of the
	// keys from 1, next maps a node and a word number to the next node,
	// ends holds the aliases whose key ends at each node, best-ranked
	// first, and depth, on the nodes of first words, the most words of a
	// key that starts with that word.
	words map[string]int32
	next  map[uint64]Node
	ends  [][]Alias
	depth []int32
}

// Node is a node of the word trie of alias keys: the words read from Root.
type Node int32

// Root is the trie node before the first word.
const Root Node = 0

// ErrFormat is wrapped by the errors Load returns for malformed input.
var ErrFormat = errors.New("kb: bad entry")

// Load reads a JSON Lines knowledge base. A malformed line gives an error
// naming its line number (wrapping ErrFormat); nothing is returned then.
func Load(r io.Reader) ([]Entry, error) {
	var out []Entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	line := 0
	ids := map[string]int{}
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 || b[0] == '#' {
			continue
		}
		e, err := entryAt(string(b), line, ids)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("kb: line %d: %w", line+1, err)
	}
	return out, nil
}

// entryAt decodes and checks the record b of line number line; ids maps
// the ids seen to their lines.
func entryAt(b string, line int, ids map[string]int) (Entry, error) {
	e, err := decodeEntry(b)
	if err != nil {
		return Entry{}, fmt.Errorf("line %d: %w: %v", line, ErrFormat, err)
	}
	if err := e.check(); err != nil {
		return Entry{}, fmt.Errorf("line %d: %w: %v", line, ErrFormat, err)
	}
	if prev, dup := ids[e.ID]; dup {
		return Entry{}, fmt.Errorf("line %d: %w: id %q already given on line %d", line, ErrFormat, e.ID, prev)
	}
	ids[e.ID] = line
	return e, nil
}

// loadString is Load over a whole file held in memory: lines are split as
// bufio.ScanLines does, and the entries' strings share the memory of s.
func loadString(s string) ([]Entry, error) {
	out := make([]Entry, 0, strings.Count(s, "\n")+1)
	ids := make(map[string]int, cap(out))
	line := 0
	for len(s) > 0 {
		l, rest, _ := strings.Cut(s, "\n")
		s = rest
		line++
		l = strings.TrimSpace(l)
		if len(l) == 0 || l[0] == '#' {
			continue
		}
		e, err := entryAt(l, line, ids)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

func (e *Entry) check() error {
	switch {
	case strings.TrimSpace(e.ID) == "":
		return errors.New(`missing "id"`)
	case strings.TrimSpace(e.Name) == "":
		return errors.New(`missing "name"`)
	}
	switch e.Type {
	case PER, ORG, LOC, MISC:
	default:
		return fmt.Errorf("type %q is not PER, ORG, LOC or MISC", e.Type)
	}
	if (e.Lat == nil) != (e.Lon == nil) {
		return errors.New("lat and lon go together")
	}
	if e.Lat != nil && (*e.Lat < -90 || *e.Lat > 90 || *e.Lon < -180 || *e.Lon > 180) {
		return errors.New("coordinates out of range")
	}
	return nil
}

// Builtin returns the embedded knowledge base, decompressed and indexed.
// It is built afresh at each call: callers keep the result.
func Builtin() (*KB, error) {
	entries, err := BuiltinEntries()
	if err != nil {
		return nil, err
	}
	return New(entries), nil
}

// BuiltinEntries returns the entries of the embedded knowledge base.
func BuiltinEntries() ([]Entry, error) {
	zr, err := gzip.NewReader(bytes.NewReader(builtin))
	if err != nil {
		return nil, fmt.Errorf("kb: built-in base: %w", err)
	}
	defer zr.Close()
	// The gzip trailer gives the size of the data (modulo 2³²).
	var buf bytes.Buffer
	if n := len(builtin); n >= 4 {
		buf.Grow(int(binary.LittleEndian.Uint32(builtin[n-4:])) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("kb: built-in base: %w", err)
	}
	entries, err := loadString(buf.String())
	if err != nil {
		return nil, fmt.Errorf("kb: built-in base: %w", err)
	}
	return entries, nil
}

// Merge returns base with over laid on top: an entry of over replaces the
// entry of base with the same id; new ids are appended.
func Merge(base, over []Entry) []Entry {
	pos := make(map[string]int, len(base))
	out := make([]Entry, len(base), len(base)+len(over))
	copy(out, base)
	for i, e := range out {
		pos[e.ID] = i
	}
	for _, e := range over {
		if i, ok := pos[e.ID]; ok {
			out[i] = e
			continue
		}
		pos[e.ID] = len(out)
		out = append(out, e)
	}
	return out
}

// New indexes entries. Homonymous aliases are ranked: countries first,
// then organisations and people, then places by population.
func New(entries []Entry) *KB {
	k := &KB{
		entries: make([]*Entry, 0, len(entries)),
		byID:    make(map[string]*Entry, len(entries)),
		demonym: map[string][]*Entry{},
		surname: map[string][]*Entry{},
		words:   make(map[string]int32, len(entries)),
		next:    make(map[uint64]Node, len(entries)+len(entries)/4),
		ends:    make([][]Alias, 1, 1+len(entries)+len(entries)/4),
		depth:   make([]int32, 1, 1+len(entries)+len(entries)/4),
	}
	var texts []string // the names of the entry indexed so far
	var key []byte
	for i := range entries {
		e := &entries[i]
		k.entries = append(k.entries, e)
		k.byID[e.ID] = e
		texts = texts[:0]
		add := func(text, lang string) {
			// Key is a function of text: one alias per text.
			if slices.Contains(texts, text) {
				return
			}
			key = appendKey(key[:0], text, false)
			if len(key) == 0 {
				return
			}
			texts = append(texts, text)
			n := k.insert(key)
			k.ends[n] = append(k.ends[n], Alias{Entry: e, Text: text, Lang: lang, shape: aliasShape(text)})
		}
		add(e.Name, "und")
		eachLang(e.Aliases, func(l string, as []string) {
			for _, a := range as {
				add(a, l)
			}
		})
		if e.Type == PER {
			for _, n := range e.AllNames() {
				key := Key(n)
				if i := strings.LastIndexByte(key, ' '); i > 0 && !containsEntry(k.surname[key[i+1:]], e) {
					k.surname[key[i+1:]] = append(k.surname[key[i+1:]], e)
				}
			}
		}
		eachLang(e.Demonyms, func(_ string, ds []string) {
			for _, d := range ds {
				key := Key(d)
				if key != "" && !containsEntry(k.demonym[key], e) {
					k.demonym[key] = append(k.demonym[key], e)
				}
			}
		})
	}
	byRank := func(a, b Alias) int { return cmp.Compare(rank(b.Entry), rank(a.Entry)) }
	for _, as := range k.ends {
		if len(as) > 1 {
			slices.SortStableFunc(as, byRank)
		}
	}
	return k
}

// insert adds the words of key to the trie and returns the node where it
// ends; it records the key's length in words on the node of its first
// word (for MaxWords).
func (k *KB) insert(key []byte) Node {
	n, first := Root, Root
	words := int32(0)
	for rest := key; len(rest) > 0; {
		w := rest
		if i := bytes.IndexByte(rest, ' '); i >= 0 {
			w, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		id, ok := k.words[string(w)]
		if !ok {
			id = int32(len(k.words) + 1)
			k.words[string(w)] = id
		}
		edge := uint64(n)<<32 | uint64(id)
		next, ok := k.next[edge]
		if !ok {
			next = Node(len(k.ends))
			k.ends = append(k.ends, nil)
			k.depth = append(k.depth, 0)
			k.next[edge] = next
		}
		n = next
		if words++; words == 1 {
			first = n
		}
	}
	k.depth[first] = max(k.depth[first], words)
	k.maxLen = max(k.maxLen, int(words))
	return n
}

func containsEntry(es []*Entry, e *Entry) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}

// rank orders homonyms: countries, then organisations and people, then
// places by population.
func rank(e *Entry) int64 {
	switch {
	case e.Kind == "country":
		return 1 << 62
	case e.Type != LOC:
		return 1 << 40
	}
	return e.Population
}

// Len returns the number of entries.
func (k *KB) Len() int { return len(k.entries) }

// Entries returns the entries in load order.
func (k *KB) Entries() []*Entry { return k.entries }

// ByID returns the entry with the given id, or nil.
func (k *KB) ByID(id string) *Entry { return k.byID[id] }

// Lookup returns the aliases whose Key equals key, best-ranked first.
func (k *KB) Lookup(key string) []Alias {
	n := Root
	for {
		w, rest, more := strings.Cut(key, " ")
		next, ok := k.Next(n, k.words[w])
		if !ok {
			return nil
		}
		n = next
		if !more {
			return k.ends[n]
		}
		key = rest
	}
}

// Demonym returns the countries (or other entries) a demonym or adjective
// of nationality refers to, keyed by Key ("nord coreen", "russian"). French
// feminine and plural forms are listed in the base.
func (k *KB) Demonym(key string) []*Entry { return k.demonym[key] }

// Surname returns the people whose names end with the word key
// ("poutine" gives Vladimir Putin).
func (k *KB) Surname(key string) []*Entry { return k.surname[key] }

// MaxWords returns the largest number of words of any alias key that
// starts with the word first (0 when no alias starts with it).
func (k *KB) MaxWords(first string) int {
	n, ok := k.Next(Root, k.words[first])
	if !ok {
		return 0
	}
	return k.Depth(n)
}

// Word returns the number of a word of some alias key (a word of a Key:
// "jong"), or 0 when no alias key has it.
func (k *KB) Word(w string) int32 { return k.words[w] }

// Words returns every word of an alias key with its number (see Word).
func (k *KB) Words() iter.Seq2[string, int32] { return maps.All(k.words) }

// Next returns the trie node after the word number w from node n, and
// false when no alias key goes on with that word. Reading the words of a
// key from Root reaches the node whose Ends are Lookup(key).
func (k *KB) Next(n Node, w int32) (Node, bool) {
	if w <= 0 {
		return 0, false
	}
	next, ok := k.next[uint64(n)<<32|uint64(w)]
	return next, ok
}

// Ends returns the aliases whose key is the words read from Root to n,
// best-ranked first (as Lookup).
func (k *KB) Ends(n Node) []Alias {
	if n < 0 || int(n) >= len(k.ends) {
		return nil
	}
	return k.ends[n]
}

// Depth returns, for the node of a first word (Next(Root, w)), the most
// words of an alias key that starts with that word; 0 for other nodes.
func (k *KB) Depth(n Node) int {
	if n < 0 || int(n) >= len(k.depth) {
		return 0
	}
	return int(k.depth[n])
}

// Demonyms returns every demonym key with its entries (see Demonym).
func (k *KB) Demonyms() iter.Seq2[string, []*Entry] { return maps.All(k.demonym) }
