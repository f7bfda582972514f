// Package feed reads RSS, Atom and JSON Feed documents with gofeed: every
// item becomes one document.
//
// An item's document Text is its title, a blank line, and its text: the
// item's content (content:encoded, atom:content) or its description,
// whichever is longer once converted from HTML to text by Options.Text.
// Body covers the whole Text. The item's link becomes URL, its title Title,
// its publication date (or, failing that, its update date) Published at day
// precision, the feed's title Outlet and the feed's language Lang.
//
// The package imports only doc among newsgraph packages; the HTML-to-text
// conversion is injected by the caller (ingest wires the html reader). It
// is safe for concurrent use.
package feed

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// Errors callers may test with errors.Is.
var (
	// ErrParse means the input is not a feed gofeed can read.
	ErrParse = errors.New("cannot parse feed")
	// ErrNoText means an item has neither content nor description.
	ErrNoText = errors.New("feed item has no text")
)

// ItemError is an error about one item (1-based; 0 for the whole feed).
type ItemError struct {
	Item int
	Err  error
}

func (e *ItemError) Error() string {
	if e.Item == 0 {
		return e.Err.Error()
	}
	return fmt.Sprintf("item %d: %v", e.Item, e.Err)
}

func (e *ItemError) Unwrap() error { return e.Err }

// Options control Read.
type Options struct {
	// Text converts an item's HTML content to plain text. Nil keeps the
	// content as it is, with white space tidied.
	Text func(html string) string
}

// Read parses the feed data read from name and returns one document per
// item that has text, and an *ItemError for every item that has none (or
// one for the whole feed when it cannot be parsed). Documents are named
// name#N, N being the item's 1-based position.
func Read(name string, data []byte, opt Options) ([]*doc.Document, []error) {
	f, err := parse(data)
	if err != nil {
		return nil, []error{&ItemError{Err: fmt.Errorf("%w: %v", ErrParse, err)}}
	}
	toText := opt.Text
	if toText == nil {
		toText = func(s string) string { return strings.Join(strings.Fields(s), " ") }
	}
	var docs []*doc.Document
	var errs []error
	for i, it := range f.Items {
		if it == nil {
			continue
		}
		d, err := item(name, i+1, f, it, toText)
		if err != nil {
			errs = append(errs, &ItemError{Item: i + 1, Err: err})
			continue
		}
		docs = append(docs, d)
	}
	return docs, errs
}

// parse runs gofeed, turning a panic in it into an error: its input is
// untrusted.
func parse(data []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("parser failed: %v", r)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(data))
}

func item(name string, n int, f *gofeed.Feed, it *gofeed.Item, toText func(string) string) (*doc.Document, error) {
	body := toText(it.Content)
	if desc := toText(it.Description); len(strings.TrimSpace(desc)) > len(strings.TrimSpace(body)) {
		body = desc
	}
	body = strings.TrimSpace(body)
	if body == "" {
		return nil, ErrNoText
	}
	title := strings.Join(strings.Fields(toText(it.Title)), " ")
	text := body
	if title != "" && !strings.HasPrefix(body, title) {
		text = title + "\n\n" + body
	}
	d := &doc.Document{
		ID:     doc.HashID(text),
		Source: fmt.Sprintf("%s#%d", name, n),
		Text:   text,
		Body:   doc.Span{Start: 0, End: len(text)},
		Title:  title,
		URL:    strings.TrimSpace(it.Link),
		Outlet: strings.Join(strings.Fields(f.Title), " "),
	}
	if d.URL == "" && len(it.Links) > 0 {
		d.URL = strings.TrimSpace(it.Links[0])
	}
	switch {
	case it.PublishedParsed != nil:
		d.Published = dateOf(*it.PublishedParsed)
	case it.UpdatedParsed != nil:
		d.Published = dateOf(*it.UpdatedParsed)
	case strings.TrimSpace(it.Published) != "":
		d.Problem("read", "item date %q not understood; no publication date", strings.TrimSpace(it.Published))
	}
	if l := strings.ToLower(strings.TrimSpace(f.Language)); l != "" && len(l) <= 35 && !strings.ContainsAny(l, " \t") {
		d.Lang, d.LangSource, d.LangConfidence = strings.ReplaceAll(l, "_", "-"), "header", 1
	}
	return d, nil
}

// dateOf keeps the calendar day as written in the feed (its own offset).
func dateOf(t time.Time) doc.Date {
	return doc.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Precision: doc.PrecDay}
}
