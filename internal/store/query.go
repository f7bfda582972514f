package store

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxQueryBytes bounds a user query.
const MaxQueryBytes = 1000

// maxUnits bounds the words and phrases in a query.
const maxUnits = 32

// Query is a parsed full-text query: every group must match, no Not unit
// may. The syntax, deliberately small and forgiving:
//
//	word              documents containing the word (any inflection)
//	"a phrase"        the words in this order
//	a OR b            either (OR in capitals binds two neighbours)
//	-word, NOT word   excluding documents with the word or "phrase"
//
// Everything else (parentheses, *, :, ^, quotes left open, SQL) is read as
// plain words or ignored: no input is a syntax error, and the backends
// only ever see words made of letters and digits.
type Query struct {
	Groups []Group
	Not    []Unit
}

// Group is a disjunction of units.
type Group struct {
	Alts []Unit
}

// Unit is a word or a phrase: its tokens, as typed (not folded).
type Unit struct {
	Words []string
}

// Empty reports whether q has nothing to match.
func (q Query) Empty() bool { return len(q.Groups) == 0 }

// Words returns the distinct tokens of the positive units.
func (q Query) Words() []string {
	seen := map[string]bool{}
	var out []string
	for _, g := range q.Groups {
		for _, u := range g.Alts {
			for _, w := range u.Words {
				if !seen[w] {
					seen[w] = true
					out = append(out, w)
				}
			}
		}
	}
	return out
}

type qtok struct {
	text   string
	phrase bool
	neg    bool
	or     bool
}

// ParseQuery parses a user query. It fails (ErrInvalid) only when the query
// is too long or has no word to search for.
func ParseQuery(s string) (Query, error) {
	if len(s) > MaxQueryBytes {
		return Query{}, fmt.Errorf("%w: query longer than %d bytes", ErrInvalid, MaxQueryBytes)
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	var toks []qtok
	neg := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			var body string
			if j < 0 {
				body, i = s[i+1:], len(s)
			} else {
				body, i = s[i+1:i+1+j], i+2+j
			}
			toks = append(toks, qtok{text: body, phrase: true, neg: neg})
			neg = false
			continue
		case c == '-' && (i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '-'):
			neg = true
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r' && s[j] != '"' {
			j++
		}
		word := s[i:j]
		i = j
		switch word {
		case "OR", "|", "||":
			toks = append(toks, qtok{or: true})
			neg = false
			continue
		case "AND", "&", "&&", "+":
			continue
		case "NOT":
			neg = true
			continue
		}
		toks = append(toks, qtok{text: word, neg: neg})
		neg = false
	}
	var q Query
	units := 0
	pendingOr := false
	for _, t := range toks {
		if t.or {
			pendingOr = len(q.Groups) > 0
			continue
		}
		u := unitOf(t.text)
		if len(u.Words) == 0 {
			continue
		}
		if units++; units > maxUnits {
			return Query{}, fmt.Errorf("%w: more than %d words in the query", ErrInvalid, maxUnits)
		}
		switch {
		case t.neg:
			q.Not = append(q.Not, u)
			pendingOr = false
		case pendingOr:
			g := &q.Groups[len(q.Groups)-1]
			g.Alts = append(g.Alts, u)
			pendingOr = false
		default:
			q.Groups = append(q.Groups, Group{Alts: []Unit{u}})
		}
	}
	if q.Empty() {
		return Query{}, fmt.Errorf("%w: the query has no word to search for", ErrInvalid)
	}
	q.dropStopwords()
	return q, nil
}

// stopwords are French and English function words. As lone words in a
// query with other words they select nothing (bm25 gives them no weight)
// but cost the most to match, so they are dropped; inside phrases they
// are kept.
var stopwords = wordSet(`
	le la les l un une des du de d au aux et ou à a en dans sur pour par avec sans sous ce cet cette ces se sa son ses
	leur leurs qui que qu dont où il elle ils elles on nous vous je j tu me m te t lui y ne n pas est sont c s mais
	the a an and or of to in on at by for with from as is are was were be been it its this that these those
	he she they we you i his her their our not but if than so which who whom what`)

// wordSet makes a read-only lookup table of folded words.
func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[Fold(w)] = true
	}
	return m
}

// dropStopwords removes groups that are a lone stopword, unless every
// group is.
func (q *Query) dropStopwords() {
	var kept []Group
	for _, g := range q.Groups {
		if len(g.Alts) == 1 && len(g.Alts[0].Words) == 1 && stopwords[Fold(g.Alts[0].Words[0])] {
			continue
		}
		kept = append(kept, g)
	}
	if len(kept) > 0 {
		q.Groups = kept
	}
}

func unitOf(text string) Unit {
	var u Unit
	for _, t := range Tokens(text) {
		u.Words = append(u.Words, text[t.Start:t.End])
		if len(u.Words) == maxUnits {
			break
		}
	}
	return u
}

// FTS5 renders q as an SQLite FTS5 expression over the per-language stem
// columns (see Columns), or over the one column of lang when lang is set.
// Every word is a double-quoted string of letters and digits, so the
// expression can never be a syntax error.
func (q Query) FTS5(lang string) string {
	cols := Columns
	if lang != "" {
		cols = []string{Column(lang)}
	}
	// Columns whose stems coincide share one column filter.
	var exprs []string
	colsOf := map[string][]string{}
	for _, c := range cols {
		e := q.fts5For(c)
		if _, ok := colsOf[e]; !ok {
			exprs = append(exprs, e)
		}
		colsOf[e] = append(colsOf[e], c)
	}
	parts := make([]string, len(exprs))
	for i, e := range exprs {
		parts[i] = "{" + strings.Join(colsOf[e], " ") + "} : (" + e + ")"
	}
	return strings.Join(parts, " OR ")
}

func (q Query) fts5For(col string) string {
	phrase := func(u Unit) string {
		stems := make([]string, 0, len(u.Words))
		for _, w := range u.Words {
			if s := Stem(w, col); s != "" {
				stems = append(stems, strings.ReplaceAll(s, `"`, `""`))
			}
		}
		return `"` + strings.Join(stems, " ") + `"`
	}
	var b strings.Builder
	b.WriteByte('(')
	for i, g := range q.Groups {
		if i > 0 {
			b.WriteString(" AND ")
		}
		if len(g.Alts) > 1 {
			b.WriteByte('(')
		}
		for j, u := range g.Alts {
			if j > 0 {
				b.WriteString(" OR ")
			}
			b.WriteString(phrase(u))
		}
		if len(g.Alts) > 1 {
			b.WriteByte(')')
		}
	}
	b.WriteByte(')')
	if len(q.Not) > 0 {
		b.WriteString(" NOT (")
		for i, u := range q.Not {
			if i > 0 {
				b.WriteString(" OR ")
			}
			b.WriteString(phrase(u))
		}
		b.WriteByte(')')
	}
	return b.String()
}
