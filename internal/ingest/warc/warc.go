// Package warc reads web archives (WARC 1.0/1.1, plain or gzip-compressed
// per record) with github.com/nlnwa/gowarc/v3 and turns the HTML pages they
// hold into documents: "response" records with a 2xx HTTP status and an
// HTML payload, and "resource" records of an HTML type. Other records
// (requests, metadata, redirects, images…) are skipped silently.
//
// The payload is de-chunked and decompressed (gzip, deflate) as needed,
// then handed to Options.HTML, which the caller injects (ingest wires the
// html reader), with the record's target URI and HTTP Content-Type. The
// WARC-Date is the crawl date, not the publication date, so it is not used
// as Published.
//
// Why nlnwa/gowarc and not internetarchive/gowarc: the latter builds with
// CGO_ENABLED=0, but its reader spools every record to a temporary file
// once the host's memory use passes 50 %, takes its buffer sizes from
// environment variables, logs through the global log package, and brings a
// crawling HTTP client (uTLS, DNS, SOCKS) into the binary. nlnwa/gowarc is a
// pure-Go reader with options instead of globals and no logging; its
// buffers stay in memory up to Options.MaxRecord.
//
// The package imports only doc among newsgraph packages and is safe for
// concurrent use.
package warc

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"strings"

	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// DefaultMaxRecord is the default limit on a record's payload size.
const DefaultMaxRecord = 32 << 20

// Errors callers may test with errors.Is.
var (
	// ErrFormat means the archive is damaged; records before the damage
	// are still returned.
	ErrFormat = errors.New("malformed WARC")
	// ErrTooLarge means a record's payload is over Options.MaxRecord.
	ErrTooLarge = errors.New("WARC record larger than the size limit")
	// ErrEncoding means a payload's Content-Encoding is not supported.
	ErrEncoding = errors.New("unsupported content encoding")
)

// RecordError is an error about one record, positioned by its byte offset
// in the (compressed) file.
type RecordError struct {
	Offset int64
	URI    string
	Err    error
}

func (e *RecordError) Error() string {
	if e.URI != "" {
		return fmt.Sprintf("record at byte %d (%s): %v", e.Offset, e.URI, e.Err)
	}
	return fmt.Sprintf("record at byte %d: %v", e.Offset, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// HTMLFunc turns one HTML payload into a document named name.
type HTMLFunc func(name string, payload []byte, uri, contentType string) (*doc.Document, error)

// Options control Read.
type Options struct {
	// HTML converts a page to a document; required.
	HTML HTMLFunc
	// MaxRecord is the largest payload read in bytes (DefaultMaxRecord if
	// 0); larger records are reported and skipped.
	MaxRecord int64
}

// Read returns the documents of the HTML pages archived in data (read from
// name) and a *RecordError for every page that could not be read. Documents
// are named name@OFFSET, the record's byte offset in the file.
func Read(name string, data []byte, opt Options) ([]*doc.Document, []error) {
	if opt.HTML == nil {
		return nil, []error{errors.New("warc: no HTML reader configured")}
	}
	max := opt.MaxRecord
	if max <= 0 {
		max = DefaultMaxRecord
	}
	r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(data), 0, gowarc.WithBufferMaxMemBytes(max+1<<20))
	if err != nil {
		return nil, []error{&RecordError{Err: fmt.Errorf("%w: %v", ErrFormat, err)}}
	}
	defer r.Close()
	var docs []*doc.Document
	var errs []error
	for {
		rec, err := next(r)
		if err == io.EOF {
			break
		}
		if err != nil {
			if !errors.Is(err, gowarc.ErrNoRecord) || len(docs)+len(errs) == 0 {
				errs = append(errs, &RecordError{Offset: rec.Offset, Err: fmt.Errorf("%w: %v", ErrFormat, err)})
			}
			break
		}
		d, err := page(name, rec, max, opt.HTML)
		rec.Close()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if d != nil {
			docs = append(docs, d)
		}
	}
	return docs, errs
}

// next reads a record, turning a panic in the library into an error: its
// input is untrusted.
func next(r *gowarc.WarcFileReader) (rec gowarc.Record, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("reader failed: %v", p)
		}
	}()
	rec, err = r.Next()
	if err == nil && rec.WarcRecord == nil {
		err = io.EOF
	}
	return rec, err
}

// page returns the document of an HTML record, nil for records that hold
// no page, or a *RecordError.
func page(name string, rec gowarc.Record, max int64, toDoc HTMLFunc) (d *doc.Document, err error) {
	wr := rec.WarcRecord
	uri := strings.Trim(wr.WarcHeader().Get(gowarc.WarcTargetURI), "<> ")
	fail := func(err error) (*doc.Document, error) {
		return nil, &RecordError{Offset: rec.Offset, URI: uri, Err: err}
	}
	defer func() {
		if p := recover(); p != nil {
			d, err = fail(fmt.Errorf("reader failed: %v", p))
		}
	}()
	var body io.Reader
	var header http.Header
	contentType := ""
	switch wr.Type() {
	case gowarc.Response:
		hb, ok := wr.Block().(gowarc.HttpResponseBlock)
		if !ok {
			return nil, nil // not an HTTP response (dns:, whois…)
		}
		if c := hb.HttpStatusCode(); c < 200 || c > 299 {
			return nil, nil
		}
		header = rawHeader(hb.ProtocolHeaderBytes())
		contentType = header.Get("Content-Type")
		if !isHTML(contentType) {
			return nil, nil
		}
		if body, err = hb.PayloadBytes(); err != nil {
			return fail(err)
		}
	case gowarc.Resource:
		contentType = wr.WarcHeader().Get(gowarc.ContentType)
		if !isHTML(contentType) {
			return nil, nil
		}
		if body, err = wr.Block().RawBytes(); err != nil {
			return fail(err)
		}
	default:
		return nil, nil
	}
	payload, err := readLimited(body, max)
	if err != nil {
		return fail(err)
	}
	if payload, err = decode(payload, header, max); err != nil {
		return fail(err)
	}
	if len(bytes.TrimSpace(payload)) == 0 {
		return nil, nil
	}
	d, err = toDoc(fmt.Sprintf("%s@%d", name, rec.Offset), payload, uri, contentType)
	if err != nil {
		return fail(err)
	}
	if d.URL == "" {
		d.URL = uri
	}
	for _, v := range rec.Validation {
		var cl *gowarc.ContentLengthError
		if errors.As(v, &cl) && cl.Actual < cl.Expected {
			d.Problem("read", "WARC record truncated: %d of %d bytes", cl.Actual, cl.Expected)
		}
	}
	return d, nil
}

// rawHeader parses the HTTP header as archived. (The library's parsed
// header comes from net/http, which drops Transfer-Encoding.)
func rawHeader(b []byte) http.Header {
	r := textproto.NewReader(bufio.NewReader(bytes.NewReader(b)))
	if _, err := r.ReadLine(); err != nil { // status line
		return http.Header{}
	}
	h, _ := r.ReadMIMEHeader() // keeps what it could read
	return http.Header(h)
}

func isHTML(contentType string) bool {
	ct := strings.ToLower(contentType)
	return strings.Contains(ct, "text/html") || strings.Contains(ct, "application/xhtml")
}

func readLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w (%d bytes)", ErrTooLarge, max)
	}
	return b, nil
}

// decode undoes the transfer and content encodings recorded in the HTTP
// header. Archives often store de-chunked payloads under a header that
// still says chunked, so a payload that does not parse as chunks is kept.
func decode(payload []byte, h http.Header, max int64) ([]byte, error) {
	if strings.Contains(strings.ToLower(h.Get("Transfer-Encoding")), "chunked") {
		if b, err := readLimited(httputil.NewChunkedReader(bufio.NewReader(bytes.NewReader(payload))), max); err == nil {
			payload = b
		}
	}
	switch enc := strings.ToLower(strings.TrimSpace(h.Get("Content-Encoding"))); enc {
	case "", "identity", "none":
		return payload, nil
	case "gzip", "x-gzip":
		if len(payload) < 2 || payload[0] != 0x1f || payload[1] != 0x8b {
			return payload, nil // already decoded by the crawler
		}
		zr, err := gzip.NewReader(bytes.NewReader(payload))
		if err != nil {
			return nil, fmt.Errorf("%w: gzip: %v", ErrEncoding, err)
		}
		return readLimited(zr, max)
	case "deflate":
		// HTTP deflate is zlib-wrapped, but some servers send raw deflate.
		if zr, err := zlib.NewReader(bytes.NewReader(payload)); err == nil {
			if b, err := readLimited(zr, max); err == nil {
				return b, nil
			}
		}
		if b, err := readLimited(flate.NewReader(bytes.NewReader(payload)), max); err == nil {
			return b, nil
		}
		return payload, nil // not deflated after all
	default:
		return nil, fmt.Errorf("%w: %q", ErrEncoding, enc)
	}
}
