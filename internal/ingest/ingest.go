// Package ingest turns files into documents. It sniffs each input's format
// from its content (plain text with an optional header, JSON Lines or one
// JSON object or array, HTML, RSS/Atom/JSON Feed, WARC and .warc.gz),
// validates and converts its encoding, and reports bad inputs as positioned
// errors without stopping the batch.
//
// Plain text and JSON are read here (text.go, jsonl.go); HTML, feeds and
// web archives by the html, feed and warc sub-packages, which import only
// doc and which markup.go wires together (feed items and archived pages go
// through the HTML reader). Every reader returns documents whose Text is
// never changed afterwards and whose Body span excludes header lines and
// surrounding white space.
package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// DefaultMaxSize is the default limit on an input file's size.
const DefaultMaxSize = 20 << 20

// Sentinel errors callers may test with errors.Is.
var (
	ErrEmpty    = errors.New("empty input")
	ErrBinary   = errors.New("binary content, not text")
	ErrTooLarge = errors.New("input larger than the size limit")
	ErrEncoding = errors.New("unsupported or invalid text encoding")
	ErrHeader   = errors.New("malformed header")
	ErrJSON     = errors.New("malformed JSON record")
	ErrFormat   = errors.New("malformed input for its format")
)

// Error is an error positioned in an input: a file and, for record formats,
// a line (1-based; 0 when not applicable).
type Error struct {
	Path string
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorList collects positioned errors.
type ErrorList []*Error

// Add appends an error.
func (l *ErrorList) Add(path string, line int, err error) {
	*l = append(*l, &Error{Path: path, Line: line, Err: err})
}

// Err returns nil when the list is empty, else the list itself.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Options control reading.
type Options struct {
	// MaxSize is the largest accepted input in bytes (DefaultMaxSize if 0).
	MaxSize int64
}

func (o Options) maxSize() int64 {
	if o.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return o.MaxSize
}

// Expand turns paths (files, folders, "-") into a sorted list of files.
// Folders are walked recursively in lexical order; hidden files and folders
// are skipped. Paths that cannot be read are reported in the error list.
func Expand(paths []string) ([]string, ErrorList) {
	var out []string
	var errs ErrorList
	for _, p := range paths {
		if p == "-" {
			out = append(out, p)
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			errs.Add(p, 0, err)
			continue
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var files []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs.Add(path, 0, err)
				return nil
			}
			name := d.Name()
			if path != p && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			errs.Add(p, 0, err)
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, errs
}

// ReadPath reads one file (or stdin for "-") and returns its documents.
func ReadPath(path string, stdin io.Reader, opt Options) ([]*doc.Document, ErrorList) {
	var r io.Reader
	if path == "-" {
		r = stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, ErrorList{{Path: path, Err: err}}
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, opt.maxSize()+1))
	if err != nil {
		return nil, ErrorList{{Path: path, Err: err}}
	}
	if int64(len(data)) > opt.maxSize() {
		return nil, ErrorList{{Path: path, Err: fmt.Errorf("%w (%d bytes)", ErrTooLarge, opt.maxSize())}}
	}
	return opt.Read(path, data)
}

// Format is an input format.
type Format string

// Formats recognised by Sniff.
const (
	FormatText  Format = "text"
	FormatJSONL Format = "jsonl"
	FormatHTML  Format = "html"
	FormatFeed  Format = "feed"
	FormatWARC  Format = "warc"
)

// Sniff decides an input's format from its first bytes (after a BOM and
// white space), falling back on the file extension. Gzip data is a WARC
// when it decompresses to a WARC record (.warc.gz).
func Sniff(name string, data []byte) Format {
	if isGzipWARC(data) {
		return FormatWARC
	}
	head := bytes.TrimLeft(bytes.TrimPrefix(data, bom), " \t\r\n")
	if len(head) > 1024 {
		head = head[:1024]
	}
	var lower []byte
	if len(head) > 0 && head[0] == '<' {
		lower = bytes.ToLower(head) // only markup needs case folding
	}
	has := func(s string) bool { return bytes.Contains(lower, []byte(s)) }
	switch {
	case bytes.HasPrefix(head, []byte("WARC/")):
		return FormatWARC
	case bytes.HasPrefix(head, []byte("{")), bytes.HasPrefix(head, []byte("[")) && bytes.HasPrefix(bytes.TrimLeft(head[1:], " \t\r\n"), []byte("{")):
		return FormatJSONL
	case bytes.HasPrefix(lower, []byte("<rss")) || bytes.HasPrefix(lower, []byte("<feed")) || bytes.HasPrefix(lower, []byte("<rdf:rdf")):
		return FormatFeed
	case bytes.HasPrefix(lower, []byte("<?xml")) && (has("<rss") || has("<feed") || has("<rdf:rdf")):
		return FormatFeed
	case bytes.HasPrefix(lower, []byte("<")) && (has("<!doctype html") || has("<html") || has("<head") || has("<body") ||
		has("<title") || has("<meta ") || has("<p>") || has("<div")):
		return FormatHTML
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson", ".json":
		if bytes.HasPrefix(head, []byte("{")) || bytes.HasPrefix(head, []byte("[")) {
			return FormatJSONL
		}
	case ".warc":
		return FormatWARC
	case ".rss", ".atom":
		return FormatFeed
	case ".html", ".htm", ".xhtml":
		if bytes.HasPrefix(head, []byte("<")) {
			return FormatHTML
		}
	}
	return FormatText
}

// isGzipWARC reports whether data is gzip whose content starts with a
// WARC version line.
func isGzipWARC(data []byte) bool {
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		return false
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return false
	}
	head := make([]byte, 5)
	n, _ := io.ReadFull(zr, head)
	return string(head[:n]) == "WARC/"
}

// Read parses data read from name into documents with default options.
func Read(name string, data []byte) ([]*doc.Document, ErrorList) {
	return Options{}.Read(name, data)
}

// Read parses data read from name into documents: it sniffs the format and
// hands the data to the matching reader. Record formats (JSON Lines, feeds,
// WARC) return the good records' documents along with positioned errors
// for the bad ones.
func (o Options) Read(name string, data []byte) ([]*doc.Document, ErrorList) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, bom))) == 0 {
		return nil, ErrorList{{Path: name, Err: ErrEmpty}}
	}
	switch f := Sniff(name, data); f {
	case FormatJSONL:
		return readJSONL(name, data)
	case FormatHTML, FormatFeed, FormatWARC:
		return readMarkup(name, data, f, o)
	}
	text, note, err := Decode(data)
	if err != nil {
		return nil, ErrorList{{Path: name, Err: err}}
	}
	if strings.TrimSpace(text) == "" {
		return nil, ErrorList{{Path: name, Err: ErrEmpty}}
	}
	d, err := ParseText(name, text)
	if err != nil {
		return nil, ErrorList{{Path: name, Line: 1, Err: err}}
	}
	if note != "" {
		d.Problem("read", "%s", note)
	}
	return []*doc.Document{d}, nil
}
