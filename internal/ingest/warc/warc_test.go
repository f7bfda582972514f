package warc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/ingest/html"
)

// readPage is the real HTML reader, as ingest wires it.
func readPage(name string, payload []byte, uri, contentType string) (*doc.Document, error) {
	return html.Read(name, payload, html.Options{URL: uri, ContentType: contentType})
}

// record builds one WARC record.
func record(typ, uri, contentType, block string) string {
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2023-09-13T09:00:00Z\r\n"+
		"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000009>\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, uri, contentType, len(block), block)
}

func response(uri, header string, body []byte) string {
	return record("response", uri, "application/http; msgtype=response", "HTTP/1.1 200 OK\r\n"+header+"\r\n"+string(body))
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// gzipRecords compresses each record of a WARC as its own gzip member, as
// .warc.gz files do.
func gzipRecords(warc []byte) []byte {
	var out []byte
	parts := bytes.Split(warc, []byte("WARC/1.1\r\n"))
	for _, p := range parts[1:] {
		out = append(out, gzipBytes(append([]byte("WARC/1.1\r\n"), p...))...)
	}
	return out
}

func chunked(b []byte) []byte {
	var buf bytes.Buffer
	for len(b) > 0 {
		n := min(len(b), 100)
		fmt.Fprintf(&buf, "%x\r\n%s\r\n", n, b[:n])
		b = b[n:]
	}
	buf.WriteString("0\r\n\r\n")
	return buf.Bytes()
}

func TestRead(t *testing.T) {
	pages, err := os.ReadFile("testdata/pages.warc")
	if err != nil {
		t.Fatal(err)
	}
	en, err := os.ReadFile("../html/testdata/article_en.html")
	if err != nil {
		t.Fatal(err)
	}
	encoded := response("https://wire.example.test/enc", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", chunked(gzipBytes(en)))
	// Payload already de-chunked by the crawler, header unchanged.
	dechunked := response("https://wire.example.test/dechunked", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", en)
	brotli := response("https://wire.example.test/br", "Content-Type: text/html\r\nContent-Encoding: br\r\n", []byte("\x0b\x02\x80"))
	fr := "Sommet à Vladivostok : Kim Jong-Un rencontre Poutine\n\nLe dirigeant nord-coréen"
	enText := "Council approves 2023-24 budget after amendments\n\nBUFFALO, N.Y."
	type page struct{ url, prefix string }
	tests := []struct {
		name  string
		data  []byte
		pages []page
		errs  []error
	}{
		{"plain", pages, []page{
			{"https://exemple.test/monde/2023/09/13/sommet-vladivostok", fr},
			{"https://wire.example.test/2023/05/22/budget", enText},
		}, nil},
		{"gzip members", gzipRecords(pages), []page{
			{"https://exemple.test/monde/2023/09/13/sommet-vladivostok", fr},
			{"https://wire.example.test/2023/05/22/budget", enText},
		}, nil},
		{"encodings", []byte(encoded + dechunked + brotli), []page{
			{"https://wire.example.test/enc", enText},
			{"https://wire.example.test/dechunked", enText},
		}, []error{ErrEncoding}},
		{"truncated", pages[:len(pages)-800], []page{
			{"https://exemple.test/monde/2023/09/13/sommet-vladivostok", fr},
			{"https://wire.example.test/2023/05/22/budget", enText},
		}, nil},
		{"garbage after", append(append([]byte{}, pages...), "trailing junk"...), []page{
			{"https://exemple.test/monde/2023/09/13/sommet-vladivostok", fr},
			{"https://wire.example.test/2023/05/22/budget", enText},
		}, nil},
		{"empty page", []byte(response("https://x.test/", "Content-Type: text/html\r\n", []byte("<html><body></body></html>"))), nil, []error{html.ErrNoContent}},
		{"not a warc", []byte("hello world, this is not an archive"), nil, []error{ErrFormat}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, errs := Read("a.warc", tt.data, Options{HTML: readPage})
			if len(docs) != len(tt.pages) {
				t.Fatalf("%d documents, want %d; errors %v", len(docs), len(tt.pages), errs)
			}
			for i, p := range tt.pages {
				if docs[i].URL != p.url || !strings.HasPrefix(docs[i].Text, p.prefix) || !strings.HasPrefix(docs[i].Source, "a.warc@") {
					t.Errorf("doc %d: url %q source %q text %q", i, docs[i].URL, docs[i].Source, docs[i].Text[:min(100, len(docs[i].Text))])
				}
			}
			if tt.name == "truncated" && (len(docs[1].Problems) != 1 || !strings.Contains(docs[1].Problems[0].Message, "truncated")) {
				t.Errorf("truncated record: problems %v", docs[1].Problems)
			}
			if len(errs) != len(tt.errs) {
				t.Fatalf("errors %v, want %v", errs, tt.errs)
			}
			for i, want := range tt.errs {
				var re *RecordError
				if !errors.Is(errs[i], want) || !errors.As(errs[i], &re) {
					t.Errorf("error %v, want a RecordError for %v", errs[i], want)
				}
			}
		})
	}
}

func TestTooLarge(t *testing.T) {
	pages, err := os.ReadFile("testdata/pages.warc")
	if err != nil {
		t.Fatal(err)
	}
	docs, errs := Read("a.warc", pages, Options{HTML: readPage, MaxRecord: 1000})
	if len(docs) != 0 || len(errs) != 2 || !errors.Is(errs[0], ErrTooLarge) {
		t.Fatalf("docs %d errors %v, want 2 ErrTooLarge", len(docs), errs)
	}
}

func FuzzRead(f *testing.F) {
	pages, err := os.ReadFile("testdata/pages.warc")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(pages)
	f.Add(gzipRecords(pages[:1500]))
	f.Add([]byte(response("u", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", []byte("\x1f\x8b<p>x"))))
	f.Add([]byte("WARC/1.0\r\nContent-Length: -5\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, _ := Read("f.warc", data, Options{HTML: readPage, MaxRecord: 1 << 20})
		for _, d := range docs {
			if d.Body.End > len(d.Text) {
				t.Fatalf("bad body %v", d.Body)
			}
		}
	})
}

func BenchmarkRead(b *testing.B) {
	pages, err := os.ReadFile("testdata/pages.warc")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(pages)))
	b.ReportAllocs()
	for b.Loop() {
		if docs, _ := Read("a.warc", pages, Options{HTML: readPage}); len(docs) != 2 {
			b.Fatal(len(docs))
		}
	}
}
