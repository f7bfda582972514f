package quote

import (
	"unicode"
	"unicode/utf8"
)

// MaxDepth is the deepest quote nesting the scanner follows; marks deeper
// than this are treated as text (and reported).
const MaxDepth = 3

// Mark is a quotation mark found in a paragraph.
type Mark struct {
	Pos  int  // byte offset of the mark
	Rune rune // the mark itself ('"' also stands for '' and ``)
	Len  int  // length in bytes (2 for '' and ``)
}

// End returns the offset just after the mark.
func (m Mark) End() int { return m.Pos + m.Len }

// Quoted is a top-level stretch of quoted text in one paragraph.
type Quoted struct {
	// Open is the opening mark. Close is the closing mark, or Pos -1 when
	// the quote is still open at the end of the paragraph.
	Open, Close Mark
	// Nested counts the quotes found inside this one.
	Nested int
}

// Closed reports whether the quote has a closing mark in its paragraph.
func (q Quoted) Closed() bool { return q.Close.Pos >= 0 }

// ScanResult is what Scan finds in one paragraph.
type ScanResult struct {
	Quotes []Quoted
	// Stray counts closing marks with no opening mark; TooDeep counts
	// opening marks ignored beyond MaxDepth.
	Stray, TooDeep int
	// OpenAtEnd is set when the last quote runs to the end of the paragraph.
	OpenAtEnd bool
}

// Scan finds the top-level quotes of text[start:end], one paragraph. It
// handles « » (with or without spaces), “ ”, „ “, ‹ ›, straight double
// quotes and ‘ ’ (a ’ followed by a letter is an apostrophe). carry tells
// that the previous paragraph ended inside a quote: a paragraph that then
// starts with any quote mark, even », opens a continuation quote. Scan is
// linear in the paragraph length and never panics.
func Scan(text string, start, end int, carry bool) ScanResult {
	var res ScanResult
	if start < 0 {
		start = 0
	}
	if end > len(text) {
		end = len(text)
	}
	if start >= end {
		return res
	}
	type open struct {
		m     Mark
		close rune // expected closing mark ('"' for straight quotes)
	}
	var stack [MaxDepth]open
	depth := 0
	cur := -1 // index in res.Quotes of the current top-level quote
	// find returns the deepest open quote expecting one of the closers.
	find := func(c1, c2 rune) int {
		for k := depth - 1; k >= 0; k-- {
			if stack[k].close == c1 || stack[k].close == c2 {
				return k
			}
		}
		return -1
	}
	firstAt := start
	for firstAt < end {
		r, n := utf8.DecodeRuneInString(text[firstAt:end])
		if !isSpace(r) {
			break
		}
		firstAt += n
	}
	for i := start; i < end; {
		c := text[i]
		if !markByte[c] {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:end])
		// '' and `` (typewriter style) stand for a double quote.
		if (r == '\'' || r == '`') && i+1 < end && text[i+1] == byte(r) {
			r, n = '"', 2
		} else if r == '`' {
			r = '‘'
		}
		if !isMark(r) {
			i += n
			continue
		}
		prev, next := rune(' '), rune(' ')
		if i > start {
			prev, _ = utf8.DecodeLastRuneInString(text[start:i])
		}
		if i+n < end {
			next, _ = utf8.DecodeRuneInString(text[i+n : end])
		}
		first := i == firstAt
		m := Mark{Pos: i, Rune: r, Len: n}
		left := isSpace(prev) || isOpenPunct(prev) || isMark(prev)   // could open
		right := isSpace(next) || isClosePunct(next) || isMark(next) // could close
		action := 0                                                  // 0 ignore, 1 open, 2 close
		want := rune(0)
		closeTo := -1
		switch r {
		case '«':
			action, want = 1, '»'
		case '»':
			if k := find('»', '»'); k >= 0 {
				action, closeTo = 2, k
			} else if first && carry && depth == 0 {
				action, want = 1, '»' // French continuation paragraph: » opens
			} else {
				res.Stray++
			}
		case '‹':
			action, want = 1, '›'
		case '›':
			if k := find('›', '›'); k >= 0 {
				action, closeTo = 2, k
			}
		case '„':
			action, want = 1, '“'
		case '“':
			switch {
			case depth > 0 && stack[depth-1].close == '“': // „ … “
				action, closeTo = 2, depth-1
			case depth > 0 && stack[depth-1].close == '”' && right && !left:
				action, closeTo = 2, depth-1 // “ … “ used as a closing mark
			default:
				action, want = 1, '”'
			}
		case '”':
			if k := find('”', '“'); k >= 0 {
				action, closeTo = 2, k
			} else if left && !right {
				action, want = 1, '”' // ” … ” (Swedish style or a typo)
			} else {
				res.Stray++
			}
		case '"':
			if k := find('"', '"'); k >= 0 && (right || !left) {
				action, closeTo = 2, k
			} else if left || i == start {
				action, want = 1, '"'
			} else if right {
				res.Stray++
			}
		case '‘':
			if left || i == start {
				action, want = 1, '’'
			}
		case '’':
			if k := find('’', '’'); k >= 0 && !unicode.IsLetter(next) {
				action, closeTo = 2, k
			}
		case '\'':
			if k := find('\'', '\''); k >= 0 && !unicode.IsLetter(next) && !isSpace(prev) {
				action, closeTo = 2, k
			} else if depth > 0 && left && !isSpace(next) {
				action, want = 1, '\''
			}
		}
		switch action {
		case 1:
			if depth >= MaxDepth {
				res.TooDeep++
				break
			}
			if depth == 0 {
				res.Quotes = append(res.Quotes, Quoted{Open: m, Close: Mark{Pos: -1}})
				cur = len(res.Quotes) - 1
			} else if cur >= 0 {
				res.Quotes[cur].Nested++
			}
			stack[depth] = open{m: m, close: want}
			depth++
		case 2:
			depth = closeTo
			if depth == 0 && cur >= 0 {
				res.Quotes[cur].Close = m
				cur = -1
			}
		}
		i += n
	}
	res.OpenAtEnd = depth > 0
	return res
}

// markByte lists the bytes that can start a quotation mark: ASCII quotes
// and the lead bytes of « » (C2) and of the general punctuation marks (E2).
var markByte = [256]bool{'"': true, '\'': true, '`': true, 0xC2: true, 0xE2: true}

// isMark reports the runes Scan treats as quotation marks.
func isMark(r rune) bool {
	switch r {
	case '«', '»', '“', '”', '„', '"', '‘', '’', '‹', '›', '\'':
		return true
	}
	return false
}

// isOpeningMark reports marks that can only open a quote, or that open one
// at the start of a paragraph.
func isOpeningMark(r rune) bool {
	switch r {
	case '«', '“', '„', '"', '‘', '‹', '»':
		return true
	}
	return false
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', 0xA0, 0x202F, 0x2009, 0x2007, 0x200B, 0xFEFF:
		return true
	}
	return r > 0x7F && unicode.IsSpace(r)
}

func isOpenPunct(r rune) bool {
	switch r {
	case '(', '[', '{', '—', '–', '-', '/', ':', ';', ',':
		return true
	}
	return false
}

func isClosePunct(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '…', '—', '–', '-', '/':
		return true
	}
	return false
}
