package ingest

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// headerDate matches the first line's "date YYYY[-MM[-DD]]" header, after
// optional white space, followed by end of line or by the body.
var headerDate = regexp.MustCompile(`^[ \t\x{FEFF}\x{00A0}]*date[ \t]+(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[ \t]+|\r?\n|$)`)

// looksLikeDateHeader catches a header date that the strict pattern refused
// (2023-13-45, 2023/09/11), so it becomes an error and not body text.
var looksLikeDateHeader = regexp.MustCompile(`^[ \t\x{FEFF}\x{00A0}]*date[ \t]+\d{2,4}[-/.]\S*`)

var headerKeys = map[string]bool{"title": true, "url": true, "lang": true, "source": true, "outlet": true}

// ParseDate parses an ISO date at year, month or day precision and checks
// that it exists on the calendar.
func ParseDate(y, m, d string) (doc.Date, error) {
	var out doc.Date
	if _, err := fmt.Sscanf(y, "%d", &out.Year); err != nil {
		return doc.Date{}, err
	}
	out.Precision = doc.PrecYear
	if m != "" {
		fmt.Sscanf(m, "%d", &out.Month)
		if out.Month < 1 || out.Month > 12 {
			return doc.Date{}, fmt.Errorf("month %s out of range", m)
		}
		out.Precision = doc.PrecMonth
	}
	if d != "" {
		fmt.Sscanf(d, "%d", &out.Day)
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
		// Body glued on the first line: the header is over.
		glued := pos > 0 && pos < len(text) && text[pos-1] != '\n'
		if !glued {
			pos = parseHeaderLines(d, text, pos)
		}
	}
	// Skip blank lines between header and body.
	for pos < len(text) && (text[pos] == '\n' || text[pos] == '\r' || text[pos] == ' ' || text[pos] == '\t') {
		pos++
	}
	d.Body = doc.Span{Start: pos, End: len(text)}
	return d, nil
}

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
		key, val, ok := strings.Cut(line, " ")
		key = strings.ToLower(key)
		if !ok || !headerKeys[key] {
			return pos
		}
		val = strings.TrimSpace(val)
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
