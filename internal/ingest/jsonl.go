package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// record is one JSON article; alternative field names are accepted (the
// first non-empty one wins, in the order listed).
type record struct {
	Text          *string `json:"text"`
	Body          *string `json:"body"`
	Content       *string `json:"content"`
	Article       *string `json:"article"`
	Date          *string `json:"date"`
	Published     *string `json:"published"`
	PublishedAt   *string `json:"publishedAt"`
	PublishedAtSn *string `json:"published_at"`
	DatePublished *string `json:"datePublished"`
	Title         *string `json:"title"`
	Headline      *string `json:"headline"`
	URL           *string `json:"url"`
	Link          *string `json:"link"`
	Lang          *string `json:"lang"`
	Language      *string `json:"language"`
	ID            any     `json:"id"`
	Source        *string `json:"source"`
	Outlet        *string `json:"outlet"`
}

func first(ss ...*string) string {
	for _, s := range ss {
		if s != nil && strings.TrimSpace(*s) != "" {
			return *s
		}
	}
	return ""
}

// isoDate reads an ISO date, alone or starting an RFC 3339 timestamp, as
// the pattern ^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[T ]\d) would.
func isoDate(s string) (year, month, day string, ok bool) {
	end := func(i int) bool { // $ or [T ]\d at i
		return i == len(s) || (s[i] == 'T' || s[i] == ' ') && digitAt(s, i+1)
	}
	y, ok := digits(s, 0, 4, 4)
	if !ok {
		return "", "", "", false
	}
	// A shorter reading leaves a '-' behind, which cannot end the date:
	// the longest reading is the only one.
	if y < len(s) && s[y] == '-' {
		if m, ok := digits(s, y+1, 2, 2); ok {
			if m < len(s) && s[m] == '-' {
				if d, ok := digits(s, m+1, 2, 2); ok && end(d) {
					return s[:y], s[y+1 : m], s[m+1 : d], true
				}
			}
			if end(m) {
				return s[:y], s[y+1 : m], "", true
			}
		}
	}
	if end(y) {
		return s[:y], "", "", true
	}
	return "", "", "", false
}

// parseLooseDate reads the date part of an ISO date, an RFC 3339 timestamp
// or an RFC 1123/822 date (as in feeds); "" is no date.
func parseLooseDate(s string) (doc.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return doc.Date{}, nil
	}
	if y, m, d, ok := isoDate(s); ok {
		return ParseDate(y, m, d)
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822} {
		if t, err := time.Parse(layout, s); err == nil {
			return doc.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Precision: doc.PrecDay}, nil
		}
	}
	return doc.Date{}, fmt.Errorf("date %q is not ISO 8601 or RFC 1123", s)
}

// readJSONL reads JSON Lines: one article object per line. A file holding a
// single JSON value over several lines (one pretty-printed object, or an
// array of objects) is read as that value. Bad records are reported with
// their line number; the good ones still give documents.
func readJSONL(name string, data []byte) ([]*doc.Document, ErrorList) {
	data = bytes.TrimPrefix(data, bom)
	if firstLineIncomplete(data) {
		if docs, errs, ok := readJSONValue(name, data); ok {
			return docs, errs
		}
	}
	var docs []*doc.Document
	var errs ErrorList
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), len(data)+1)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		d, err := parseRecord(name, line, raw)
		if err != nil {
			errs.Add(name, line, err)
			continue
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		errs.Add(name, line+1, err)
	}
	return docs, errs
}

// firstLineIncomplete reports whether data's first non-blank line is not a
// complete JSON value while more lines follow: data may be one value
// written over several lines (a pretty-printed object, an array).
func firstLineIncomplete(data []byte) bool {
	rest := bytes.TrimLeft(data, " \t\r\n")
	line, _, more := bytes.Cut(rest, []byte("\n"))
	return more && !json.Valid(line)
}

// readJSONValue reads data as one JSON object or an array of objects; ok
// is false when data is not one JSON value (then it is read as JSON Lines
// to report each bad line).
func readJSONValue(name string, data []byte) (docs []*doc.Document, errs ErrorList, ok bool) {
	lineAt := func(off int64) int { return 1 + bytes.Count(data[:off], []byte("\n")) }
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	first := lineAt(int64(len(data) - len(trimmed)))
	if !bytes.HasPrefix(trimmed, []byte("[")) {
		// The fast decoder first; encoding/json for anything it refuses
		// (and for the error messages).
		var r record
		if !decodeRecord(trimmed, &r) {
			r = record{}
			if err := json.Unmarshal(trimmed, &r); err != nil {
				var te *json.UnmarshalTypeError
				if !errors.As(err, &te) {
					return nil, nil, false
				}
				return nil, ErrorList{{Path: name, Line: first, Err: fmt.Errorf("%w: %v", ErrJSON, err)}}, true
			}
			if !utf8.Valid(trimmed) {
				return nil, ErrorList{{Path: name, Line: first, Err: fmt.Errorf("%w: not valid UTF-8", ErrJSON)}}, true
			}
		}
		d, err := recordDoc(name, first, &r)
		if err != nil {
			return nil, ErrorList{{Path: name, Line: first, Err: err}}, true
		}
		return []*doc.Document{d}, nil, true
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(data, &elems); err != nil {
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) {
			return nil, nil, false
		}
		return nil, ErrorList{{Path: name, Line: first, Err: fmt.Errorf("%w: %v", ErrJSON, err)}}, true
	}
	// Find each element's offset to report its line.
	pos := int64(bytes.IndexByte(data, '[') + 1)
	for _, el := range elems {
		i := bytes.Index(data[pos:], el)
		off := pos
		if i >= 0 {
			off = pos + int64(i)
			pos = off + int64(len(el))
		}
		line := lineAt(off)
		d, err := parseRecord(name, line, el)
		if err != nil {
			errs.Add(name, line, err)
			continue
		}
		docs = append(docs, d)
	}
	return docs, errs, true
}

// parseRecord turns one JSON object starting on line into a document.
func parseRecord(name string, line int, raw []byte) (*doc.Document, error) {
	var r record
	if decodeRecord(raw, &r) { // the fast path; encoding/json otherwise
		return recordDoc(name, line, &r)
	}
	r = record{}
	if !utf8.Valid(raw) {
		return nil, fmt.Errorf("%w: not valid UTF-8", ErrJSON)
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrJSON, err)
	}
	return recordDoc(name, line, &r)
}

// recordDoc builds the document of a decoded record.
func recordDoc(name string, line int, r *record) (*doc.Document, error) {
	text := first(r.Text, r.Body, r.Content, r.Article)
	if s, e := trimSpace(text, 0, len(text)); s >= e {
		return nil, fmt.Errorf("%w: no text, body, content or article field", ErrJSON)
	}
	date, err := parseLooseDate(first(r.Date, r.Published, r.PublishedAt, r.PublishedAtSn, r.DatePublished))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrHeader, err)
	}
	d := &doc.Document{
		Source:    name + ":" + strconv.Itoa(line),
		Text:      text,
		Body:      trimmedSpan(text),
		Title:     strings.TrimSpace(first(r.Title, r.Headline)),
		URL:       strings.TrimSpace(first(r.URL, r.Link)),
		Outlet:    strings.TrimSpace(first(r.Source, r.Outlet)),
		Published: date,
		ID:        doc.HashID(text),
	}
	if id := idString(r.ID); id != "" {
		d.ID = id
	}
	if l := strings.TrimSpace(first(r.Lang, r.Language)); l != "" {
		d.Lang, d.LangSource, d.LangConfidence = strings.ToLower(l), "header", 1
	}
	return d, nil
}

// trimmedSpan is the span of text without leading and trailing white
// space.
func trimmedSpan(text string) doc.Span {
	s, e := trimSpace(text, 0, len(text))
	return doc.Span{Start: s, End: e}
}

func idString(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case float64:
		return fmt.Sprintf("%.0f", x)
	}
	return ""
}
