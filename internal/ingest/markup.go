package ingest

import (
	"errors"
	"fmt"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/ingest/feed"
	"github.com/newsgraph/newsgraph/internal/ingest/html"
	"github.com/newsgraph/newsgraph/internal/ingest/warc"
)

// readMarkup reads HTML, RSS/Atom and WARC inputs with the readers in the
// html, feed and warc packages, which it wires together: feed items and
// archived pages go through the HTML reader.
func readMarkup(name string, data []byte, f Format, opt Options) ([]*doc.Document, ErrorList) {
	docs, errs := readMarkupFormat(name, data, f, opt)
	if len(docs) == 0 && len(errs) == 0 {
		errs.Add(name, 0, fmt.Errorf("%w: no article in this %s input", ErrEmpty, f))
	}
	return docs, errs
}

func readMarkupFormat(name string, data []byte, f Format, opt Options) ([]*doc.Document, ErrorList) {
	switch f {
	case FormatHTML:
		d, err := html.Read(name, data, html.Options{})
		if err != nil {
			return nil, ErrorList{{Path: name, Err: markupErr(err)}}
		}
		return []*doc.Document{d}, nil
	case FormatFeed:
		docs, errs := feed.Read(name, data, feed.Options{Text: html.FragmentText})
		var out ErrorList
		for _, err := range errs {
			path := name
			var ie *feed.ItemError
			if errors.As(err, &ie) && ie.Item > 0 {
				path = fmt.Sprintf("%s#%d", name, ie.Item)
				err = ie.Err
			}
			out.Add(path, 0, markupErr(err))
		}
		return docs, out
	case FormatWARC:
		docs, errs := warc.Read(name, data, warc.Options{HTML: readArchivedPage, MaxRecord: opt.maxSize()})
		var out ErrorList
		for _, err := range errs {
			out.Add(name, 0, markupErr(err))
		}
		return docs, out
	}
	return nil, ErrorList{{Path: name, Err: fmt.Errorf("format %s has no reader", f)}}
}

func readArchivedPage(name string, payload []byte, uri, contentType string) (*doc.Document, error) {
	return html.Read(name, payload, html.Options{URL: uri, ContentType: contentType})
}

// markupErr maps the readers' errors to this package's sentinels, keeping
// the original in the chain.
func markupErr(err error) error {
	switch {
	case errors.Is(err, html.ErrNoContent), errors.Is(err, feed.ErrNoText):
		return fmt.Errorf("%w: %w", ErrEmpty, err)
	case errors.Is(err, warc.ErrTooLarge):
		return fmt.Errorf("%w: %w", ErrTooLarge, err)
	case errors.Is(err, html.ErrParse), errors.Is(err, feed.ErrParse), errors.Is(err, warc.ErrFormat):
		return fmt.Errorf("%w: %w", ErrFormat, err)
	case errors.Is(err, warc.ErrEncoding):
		return fmt.Errorf("%w: %w", ErrEncoding, err)
	}
	return err
}
