package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// record is one JSON Lines article; alternative field names are accepted.
type record struct {
	Text        *string `json:"text"`
	Body        *string `json:"body"`
	Content     *string `json:"content"`
	Date        *string `json:"date"`
	Published   *string `json:"published"`
	PublishedAt *string `json:"publishedAt"`
	Title       string  `json:"title"`
	URL         string  `json:"url"`
	Lang        string  `json:"lang"`
	ID          any     `json:"id"`
	Source      string  `json:"source"`
}

func first(ss ...*string) string {
	for _, s := range ss {
		if s != nil && *s != "" {
			return *s
		}
	}
	return ""
}

var isoDate = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?`)

// parseLooseDate reads the date part of an ISO date or RFC 3339 timestamp.
func parseLooseDate(s string) (doc.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return doc.Date{}, nil
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822} {
		if t, err := time.Parse(layout, s); err == nil {
			return doc.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Precision: doc.PrecDay}, nil
		}
	}
	m := isoDate.FindStringSubmatch(s)
	if m == nil {
		return doc.Date{}, fmt.Errorf("date %q is not ISO 8601", s)
	}
	return ParseDate(m[1], m[2], m[3])
}

func readJSONL(name string, data []byte) ([]*doc.Document, ErrorList) {
	var docs []*doc.Document
	var errs ErrorList
	data = bytes.TrimPrefix(data, bom)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), len(data)+1)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		if !utf8.Valid(raw) {
			errs.Add(name, line, fmt.Errorf("%w: not valid UTF-8", ErrJSON))
			continue
		}
		var r record
		if err := json.Unmarshal(raw, &r); err != nil {
			errs.Add(name, line, fmt.Errorf("%w: %v", ErrJSON, err))
			continue
		}
		text := first(r.Text, r.Body, r.Content)
		if strings.TrimSpace(text) == "" {
			errs.Add(name, line, fmt.Errorf("%w: no text, body or content field", ErrJSON))
			continue
		}
		date, err := parseLooseDate(first(r.Date, r.Published, r.PublishedAt))
		if err != nil {
			errs.Add(name, line, fmt.Errorf("%w: %v", ErrHeader, err))
			continue
		}
		d := &doc.Document{
			Source:    fmt.Sprintf("%s:%d", name, line),
			Text:      text,
			Body:      doc.Span{Start: 0, End: len(text)},
			Title:     r.Title,
			URL:       r.URL,
			Outlet:    r.Source,
			Published: date,
			ID:        doc.HashID(text),
		}
		if id := idString(r.ID); id != "" {
			d.ID = id
		}
		if r.Lang != "" {
			d.Lang, d.LangSource, d.LangConfidence = strings.ToLower(r.Lang), "header", 1
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		errs.Add(name, line+1, err)
	}
	return docs, errs
}

func idString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return fmt.Sprintf("%.0f", x)
	}
	return ""
}
