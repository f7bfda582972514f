package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// dateHeader is the first line's "date YYYY[-MM[-DD]]" header: "date" or
// "date:" after optional white space (spaces, tabs, no-break spaces, byte
// order marks), then spaces or tabs and an ISO date, optionally followed
// by an RFC 3339 time after the day (ignored). The date is followed by the
// end of the line (lineEnd: header lines may follow) or by spaces or tabs
// and the body on the same line. As a pattern (FuzzDateHeader checks the
// scanner against it):
//
//	^[ \t\x{FEFF}\x{00A0}]*date:?[ \t]+(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})
//	(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?
//	(?:([ \t]*(?:\r?\n|$))|[ \t]+)
type dateHeader struct {
	year, month, day string // month and day "" when absent
	end              int    // the end of the header (and of its line break)
	lineEnd          bool
}

// scanDateHeader reads a date header at the start of text. A text that
// starts like one but has no ISO date after "date" (2023/09/11, 20230911)
// gives bad true and the end of its first word.
func scanDateHeader(text string) (h dateHeader, ok, bad bool, badEnd int) {
	i := 0
	for i < len(text) {
		if text[i] == ' ' || text[i] == '\t' {
			i++
		} else if strings.HasPrefix(text[i:], "\uFEFF") {
			i += len("\uFEFF")
		} else if strings.HasPrefix(text[i:], "\u00A0") {
			i += len("\u00A0")
		} else {
			break
		}
	}
	if !strings.HasPrefix(text[i:], "date") {
		return h, false, false, 0
	}
	i += len("date")
	if i < len(text) && text[i] == ':' {
		i++
	}
	sp := i
	i = skipBlanks(text, i)
	if i == sp || !digitAt(text, i) {
		return h, false, false, 0
	}
	// Whatever follows, "date" and a digit make a header: a bad one when
	// the pattern does not match.
	bad, badEnd = true, i
	for badEnd < len(text) && !isPatternSpace(text[badEnd]) {
		badEnd++
	}
	j, ok := digits(text, i, 4, 4)
	if !ok {
		return h, false, bad, badEnd
	}
	h.year = text[i:j]
	// The optional parts, each kept only when a terminator follows it
	// (a longer reading that fails never leaves a terminator behind).
	end, lineEnd, ok := dateTerminator(text, j)
	if j >= len(text) || text[j] != '-' {
		return finish(h, end, lineEnd, ok, badEnd)
	}
	k, okm := digits(text, j+1, 1, 2)
	if !okm {
		return finish(h, end, lineEnd, ok, badEnd)
	}
	if e, le, okt := dateTerminator(text, k); okt {
		h.month, end, lineEnd, ok = text[j+1:k], e, le, true
	}
	if k >= len(text) || text[k] != '-' {
		return finish(h, end, lineEnd, ok, badEnd)
	}
	l, okd := digits(text, k+1, 1, 2)
	if !okd {
		return finish(h, end, lineEnd, ok, badEnd)
	}
	if e, le, okt := dateTerminator(text, l); okt {
		h.month, h.day, end, lineEnd, ok = text[j+1:k], text[k+1:l], e, le, true
	}
	if m := timeEnd(text, l); m > l {
		if e, le, okt := dateTerminator(text, m); okt {
			h.month, h.day, end, lineEnd, ok = text[j+1:k], text[k+1:l], e, le, true
		}
	}
	return finish(h, end, lineEnd, ok, badEnd)
}

// finish completes scanDateHeader's result.
func finish(h dateHeader, end int, lineEnd, ok bool, badEnd int) (dateHeader, bool, bool, int) {
	if !ok {
		return dateHeader{}, false, true, badEnd
	}
	h.end, h.lineEnd = end, lineEnd
	return h, true, false, 0
}

// dateTerminator matches what follows a header date at i: blanks and a
// line break or the end of the text (lineEnd), else at least one blank.
func dateTerminator(text string, i int) (end int, lineEnd, ok bool) {
	j := skipBlanks(text, i)
	switch {
	case j == len(text):
		return j, true, true
	case text[j] == '\n':
		return j + 1, true, true
	case text[j] == '\r' && j+1 < len(text) && text[j+1] == '\n':
		return j + 2, true, true
	case j > i:
		return j, false, true
	}
	return 0, false, false
}

// timeEnd returns the end of an RFC 3339 time ("T10:30", "T10:30:00.5Z",
// "T10:30+0200") at i, or i. Like the pattern, it keeps the longest
// reading; dateTerminator then accepts or refuses what follows.
func timeEnd(text string, i int) int {
	if i >= len(text) || text[i] != 'T' {
		return i
	}
	j, ok := digits(text, i+1, 2, 2)
	if !ok || j >= len(text) || text[j] != ':' {
		return i
	}
	if j, ok = digits(text, j+1, 2, 2); !ok {
		return i
	}
	if j < len(text) && text[j] == ':' {
		if k, ok := digits(text, j+1, 2, 2); ok {
			j = k
			if j < len(text) && text[j] == '.' {
				if k, ok := digits(text, j+1, 1, len(text)); ok {
					j = k
				}
			}
		}
	}
	switch {
	case j < len(text) && text[j] == 'Z':
		j++
	case j < len(text) && (text[j] == '+' || text[j] == '-'):
		if k, ok := digits(text, j+1, 2, 2); ok {
			if k < len(text) && text[k] == ':' {
				k++
			}
			if l, ok := digits(text, k, 2, 2); ok {
				j = l
			}
		}
	}
	return j
}

// digits reads min to max ASCII digits at i (as many as there are, up to
// max) and returns their end.
func digits(text string, i, min, max int) (int, bool) {
	j := i
	for j < len(text) && j-i < max && digitAt(text, j) {
		j++
	}
	return j, j-i >= min
}

func digitAt(text string, i int) bool { return i < len(text) && '0' <= text[i] && text[i] <= '9' }

// isPatternSpace reports the bytes of \s in a regular expression.
func isPatternSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func skipBlanks(text string, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i
}

// headerKeys are the header line keys; they are lowercase as written, so
// that a body starting with "Source close to…" is not taken for a header.
var headerKeys = map[string]bool{"title": true, "url": true, "lang": true, "source": true, "outlet": true}

var langValue = regexp.MustCompile(`^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$`)

// headerValue reports whether val is plausible for key: a URL has no
// spaces, a language is a BCP 47-like tag, and nothing is empty.
func headerValue(key, val string) bool {
	switch key {
	case "url":
		return val != "" && !strings.ContainsAny(val, " \t")
	case "lang":
		return langValue.MatchString(val)
	}
	return val != ""
}

// ParseDate parses an ISO date at year, month or day precision and checks
// that it exists on the calendar.
func ParseDate(y, m, d string) (doc.Date, error) {
	var out doc.Date
	var err error
	if out.Year, err = strconv.Atoi(y); err != nil {
		return doc.Date{}, fmt.Errorf("year %q: %w", y, err)
	}
	out.Precision = doc.PrecYear
	if m != "" {
		out.Month, _ = strconv.Atoi(m)
		if out.Month < 1 || out.Month > 12 {
			return doc.Date{}, fmt.Errorf("month %s out of range", m)
		}
		out.Precision = doc.PrecMonth
	}
	if d != "" {
		if m == "" {
			return doc.Date{}, fmt.Errorf("day %s without a month", d)
		}
		out.Day, _ = strconv.Atoi(d)
		t := time.Date(out.Year, time.Month(out.Month), out.Day, 0, 0, 0, 0, time.UTC)
		if out.Day < 1 || t.Day() != out.Day {
			return doc.Date{}, fmt.Errorf("day %s does not exist in %04d-%02d", d, out.Year, out.Month)
		}
		out.Precision = doc.PrecDay
	}
	return out, nil
}

// ParseText builds a document from text with an optional header. The first
// line may start with "date" and an ISO date, followed by a newline or by
// the body on the same line; "key value" lines for title, url, lang, source
// and outlet may follow. A header ends at a blank line or at the first line
// that is not a header line. Without a date header the document has no
// publication date.
func ParseText(name, text string) (*doc.Document, error) {
	d := &doc.Document{Source: name, Text: text, ID: doc.HashID(text)}
	pos := 0
	h, ok, bad, badEnd := scanDateHeader(text)
	switch {
	case bad:
		return nil, fmt.Errorf("%w: %q is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)", ErrHeader, strings.TrimSpace(text[:badEnd]))
	case ok:
		date, err := ParseDate(h.year, h.month, h.day)
		if err != nil {
			return nil, fmt.Errorf("%w: impossible date: %v", ErrHeader, err)
		}
		d.Published = date
		pos = h.end
		// Unless the body is glued on the first line, header lines may
		// follow.
		if h.lineEnd {
			pos = parseHeaderLines(d, text, pos)
		}
	}
	// Skip blank lines between header and body, and trailing space.
	start, end := trimSpace(text, pos, len(text))
	if start >= end {
		return nil, fmt.Errorf("%w: no body text", ErrEmpty)
	}
	pos = start
	d.Body = doc.Span{Start: pos, End: end}
	return d, nil
}

// trimSpace narrows text[s:e] to exclude leading and trailing white space
// (Unicode spaces, byte-order marks and zero-width spaces).
func trimSpace(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == 0xFEFF || r == 0x200B }

func parseHeaderLines(d *doc.Document, text string, pos int) int {
	for pos < len(text) {
		end := strings.IndexByte(text[pos:], '\n')
		line := text[pos:]
		next := len(text)
		if end >= 0 {
			line = text[pos : pos+end]
			next = pos + end + 1
		}
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			return next
		}
		key, val, ok := strings.Cut(strings.TrimLeft(line, " \t"), " ")
		key = strings.TrimSuffix(key, ":")
		val = strings.TrimSpace(val)
		if !ok || !headerKeys[key] || !headerValue(key, val) {
			return pos
		}
		switch key {
		case "title":
			d.Title = val
		case "url":
			d.URL = val
		case "lang":
			d.Lang, d.LangSource, d.LangConfidence = strings.ToLower(val), "header", 1
		case "source", "outlet":
			d.Outlet = val
		}
		pos = next
	}
	return pos
}
