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

// headerDate matches the first line's "date YYYY[-MM[-DD]]" header (also
// "date:", and an RFC 3339 time after the day, which is ignored), after
// optional white space. Group 4 is set when the line ends after the date;
// otherwise the body follows on the same line, after white space.
var headerDate = regexp.MustCompile(`^[ \t\x{FEFF}\x{00A0}]*date:?[ \t]+(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?(?:([ \t]*(?:\r?\n|$))|[ \t]+)`)

// looksLikeDateHeader catches a header date that the strict pattern refused
// (2023/09/11, 11/09/2023, 20230911; 2023-13-45 is refused later), so it
// becomes an error and not body text.
var looksLikeDateHeader = regexp.MustCompile(`^[ \t\x{FEFF}\x{00A0}]*date:?[ \t]+\d\S*`)

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
	m := headerDate.FindStringSubmatchIndex(text)
	if m == nil {
		if loc := looksLikeDateHeader.FindStringIndex(text); loc != nil {
			return nil, fmt.Errorf("%w: %q is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)", ErrHeader, strings.TrimSpace(text[:loc[1]]))
		}
	} else {
		sub := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return text[m[2*i]:m[2*i+1]]
		}
		date, err := ParseDate(sub(1), sub(2), sub(3))
		if err != nil {
			return nil, fmt.Errorf("%w: impossible date: %v", ErrHeader, err)
		}
		d.Published = date
		pos = m[1]
		// Unless the body is glued on the first line, header lines may
		// follow.
		if m[8] >= 0 {
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
