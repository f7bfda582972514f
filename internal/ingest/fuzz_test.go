package ingest

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParseText(f *testing.F) {
	for _, s := range []string{
		" date 2023-09 Le dirigeant nord-coréen.", "date 2023-05-22\nBUFFALO, N.Y.", "\ufeffdate 2021-11-30\r\ntitle T\r\n\r\nx",
		"date 2023-13-45\nx", "date 2023\n", "date: 2023-09-11T10:00:00Z\nurl http://x\nlang fr\n\nbody", "no header", "date 9",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseText("f.txt", s)
		if err != nil {
			return
		}
		if d.Text != s {
			t.Fatal("text changed")
		}
		if d.Body.Start < 0 || d.Body.Start >= d.Body.End || d.Body.End > len(s) {
			t.Fatalf("body %v of %d bytes", d.Body, len(s))
		}
		if strings.TrimSpace(d.Slice(d.Body)) == "" {
			t.Fatal("blank body accepted")
		}
		if d.Published.Known() && d.Published.String() == "" {
			t.Fatal("known date prints empty")
		}
	})
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"text":"a","date":"2023-09-11"}` + "\n" + `{"body":"b"}`))
	f.Add([]byte("{\n \"article\": \"x\",\n \"date\": \"2016-09-14\"\n}"))
	f.Add([]byte(`[{"text":"a"},{"text":""}]`))
	f.Add([]byte("{\"text\":\"\xff\"}\n{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, errs := readJSONL("f.jsonl", data)
		lines := strings.Count(string(data), "\n") + 1
		for _, e := range errs {
			if e.Line < 1 || e.Line > lines+1 {
				t.Fatalf("error line %d of %d: %v", e.Line, lines, e)
			}
		}
		for _, d := range docs {
			if d.Body.Start > d.Body.End || d.Body.End > len(d.Text) || strings.TrimSpace(d.Text) == "" {
				t.Fatalf("bad document %+v", d)
			}
		}
	})
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("date 2023 Texte é."))
	f.Add([]byte("\xff\xfed\x00a\x00"))
	f.Add([]byte("\xfe\xff\x00d\x00a"))
	f.Add([]byte("d\x00a\x00t\x00e\x00"))
	f.Add([]byte("caf\xe9 \x80"))
	f.Add([]byte("\x00\x01\x02"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, note, err := Decode(data)
		if err != nil {
			if s != "" || note != "" {
				t.Fatal("text with an error")
			}
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 %q", s)
		}
		if note == "" && s != strings.TrimPrefix(string(data), "\ufeff") {
			t.Fatal("text changed without a note")
		}
	})
}

// FuzzRead runs the whole dispatch: sniffing and every reader.
func FuzzRead(f *testing.F) {
	f.Add("a.txt", []byte("date 2023 x"))
	f.Add("a.html", []byte("<html><body><p>x</p></body></html>"))
	f.Add("a.xml", []byte(`<rss><channel><item><description>x</description></item></channel></rss>`))
	f.Add("a.warc", []byte("WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\n<p>hi</p>\r\n\r\n"))
	f.Add("a.jsonl", []byte(`{"text":"x"}`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		docs, errs := Read(name, data)
		if len(docs) == 0 && len(errs) == 0 {
			t.Fatal("neither documents nor errors")
		}
		for _, d := range docs {
			if d.Body.Start < 0 || d.Body.Start > d.Body.End || d.Body.End > len(d.Text) || !utf8.ValidString(d.Text) {
				t.Fatalf("bad document %+v", d)
			}
		}
	})
}

// The date header as regular expressions: the specification that
// scanDateHeader implements.
var (
	headerDatePattern = regexp.MustCompile(`^[ \t\x{FEFF}\x{00A0}]*date:?[ \t]+(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?(?:([ \t]*(?:\r?\n|$))|[ \t]+)`)
	badHeaderPattern  = regexp.MustCompile(`^[ \t\x{FEFF}\x{00A0}]*date:?[ \t]+\d\S*`)
)

// FuzzDateHeader checks scanDateHeader against the patterns.
func FuzzDateHeader(f *testing.F) {
	for _, s := range []string{
		"date 2023-09-11T10:30:00.25+02:00\nx", "date: 2023-9-1 x", "\ufeff\u00a0 date\t2023\r\n", "date 2023-09-11T10:30Zx",
		"date 2023-09-11T10:30:00+0200 \n", "date 2023-09-11T10:3", "date 20230911", "date 2023/09/11", "date 2023\r", "date 2023-",
		"date 2023-09-111 x", "date 2023-09-11T10:30:00.5", "date 2023-09-11T10:30+01:0 x", "date:2023", "date 2023-09-11 \t", "Date 2023",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, ok, bad, badEnd := scanDateHeader(s)
		m := headerDatePattern.FindStringSubmatchIndex(s)
		if ok != (m != nil) {
			t.Fatalf("scanner ok %v, pattern %v", ok, m)
		}
		if ok {
			sub := func(i int) string {
				if m[2*i] < 0 {
					return ""
				}
				return s[m[2*i]:m[2*i+1]]
			}
			if h.year != sub(1) || h.month != sub(2) || h.day != sub(3) || h.end != m[1] || h.lineEnd != (m[8] >= 0) {
				t.Fatalf("scanner %+v, pattern %v", h, m)
			}
			return
		}
		loc := badHeaderPattern.FindStringIndex(s)
		if bad != (loc != nil) || (bad && badEnd != loc[1]) {
			t.Fatalf("scanner bad %v at %d, pattern %v", bad, badEnd, loc)
		}
	})
}

// FuzzControlShare checks the byte scan of controlShare against a count
// over decoded runes.
func FuzzControlShare(f *testing.F) {
	f.Add("texte é\u0085\ufffd\x01\t\n")
	f.Add(strings.Repeat("é\x7f", 3000))
	f.Add(strings.Repeat("« Le texte »\u00a0: très\u0085 bien.\ufffd\r\n", 300))
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		bad, n := 0, 0
		for _, r := range s {
			if n == 4096 {
				break
			}
			n++
			if (r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f') || (r >= 0x7F && r < 0xA0) || r == utf8.RuneError {
				bad++
			}
		}
		want := 0.0
		if n > 0 {
			want = float64(bad) / float64(n)
		}
		if got := controlShare(s); got != want {
			t.Fatalf("controlShare %v, want %v", got, want)
		}
	})
}
