package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/newsgraph/newsgraph/internal/doc"
)

func TestParseText(t *testing.T) {
	tests := []struct {
		name, in string
		date     string // "" for none
		prec     doc.Precision
		body     string // text under Body
		title    string
		url      string
		lang     string
		outlet   string
		err      error
	}{
		{name: "glued fr", in: "date 2023-09 Le dirigeant nord-coréen Kim Jong Un rencontrera Poutine.\n\nSuite.", date: "2023-09", prec: doc.PrecMonth,
			body: "Le dirigeant nord-coréen Kim Jong Un rencontrera Poutine.\n\nSuite."},
		{name: "glued leading space", in: " date 2023-09 Le dirigeant a parlé.", date: "2023-09", prec: doc.PrecMonth, body: "Le dirigeant a parlé."},
		{name: "own line en", in: "date 2023-05-22\nBUFFALO, N.Y. (WKBW) — The council voted.", date: "2023-05-22", prec: doc.PrecDay,
			body: "BUFFALO, N.Y. (WKBW) — The council voted."},
		{name: "own line blank after", in: "date 1991-09-07\n\n\nU.S. District Judge Robert F. Collins was sentenced.\n", date: "1991-09-07", prec: doc.PrecDay,
			body: "U.S. District Judge Robert F. Collins was sentenced."},
		{name: "bom", in: "\ufeffdate 2021-11-30\nLa hausse des prix se confirme.", date: "2021-11-30", prec: doc.PrecDay, body: "La hausse des prix se confirme."},
		{name: "crlf", in: "date 2020-08-02\r\ntitle Feux en Ardèche\r\n\r\nDeux jours après l'incendie.\r\n", date: "2020-08-02", prec: doc.PrecDay,
			body: "Deux jours après l'incendie.", title: "Feux en Ardèche"},
		{name: "trailing space before newline", in: "date 2020-08-02 \ntitle Feux\n\nDeux jours après.", date: "2020-08-02", prec: doc.PrecDay,
			body: "Deux jours après.", title: "Feux"},
		{name: "leading spaces and tabs", in: "  \tdate 2019-02-25\nDakarposte.com - Le site des scoops", date: "2019-02-25", prec: doc.PrecDay,
			body: "Dakarposte.com - Le site des scoops"},
		{name: "no-break space before", in: "\u00a0date 2019-02-25 Texte.", date: "2019-02-25", prec: doc.PrecDay, body: "Texte."},
		{name: "extra header lines", in: "date 2017-11-29\ntitle City snatch late win\nurl https://example.test/a?b=c\nlang en-GB\nsource AFP\n\nManchester (AFP) – Pep Guardiola praised his players.",
			date: "2017-11-29", prec: doc.PrecDay, body: "Manchester (AFP) – Pep Guardiola praised his players.", title: "City snatch late win",
			url: "https://example.test/a?b=c", lang: "en-gb", outlet: "AFP"},
		{name: "header keys with colons", in: "date: 2017-11-29\ntitle: A title\noutlet: Le Monde\nBody starts here.", date: "2017-11-29", prec: doc.PrecDay,
			body: "Body starts here.", title: "A title", outlet: "Le Monde"},
		{name: "body line starting with a key word stays body", in: "date 2017-11-29\nSource close to the talks said on Monday.", date: "2017-11-29", prec: doc.PrecDay,
			body: "Source close to the talks said on Monday."},
		{name: "bad lang value ends the header", in: "date 2017-11-29\nlang is a word here, not a tag.", date: "2017-11-29", prec: doc.PrecDay,
			body: "lang is a word here, not a tag."},
		{name: "header after glued body is body", in: "date 2023-09 Le texte.\ntitle pas un en-tête", date: "2023-09", prec: doc.PrecMonth, body: "Le texte.\ntitle pas un en-tête"},
		{name: "year only", in: "date 2023\nUne année seulement.", date: "2023", prec: doc.PrecYear, body: "Une année seulement."},
		{name: "year only glued", in: "date 2023 Une année seulement.", date: "2023", prec: doc.PrecYear, body: "Une année seulement."},
		{name: "single-digit month and day", in: "date 2023-9-1\nTexte.", date: "2023-09-01", prec: doc.PrecDay, body: "Texte."},
		{name: "timestamp", in: "date 2023-09-11T10:30:00+02:00\nTexte.", date: "2023-09-11", prec: doc.PrecDay, body: "Texte."},
		{name: "leap day", in: "date 2024-02-29\nTexte.", date: "2024-02-29", prec: doc.PrecDay, body: "Texte."},
		{name: "no header", in: "Le dirigeant nord-coréen a parlé.\n\nSuite.", body: "Le dirigeant nord-coréen a parlé.\n\nSuite."},
		{name: "date word inside", in: "The date 2023-09 was set.", body: "The date 2023-09 was set."},
		{name: "capitalised Date is body", in: "Date 2023 marks a turning point.", body: "Date 2023 marks a turning point."},
		{name: "impossible date", in: "date 2023-13-45\nTexte.", err: ErrHeader},
		{name: "impossible day", in: "date 2023-02-30 Texte.", err: ErrHeader},
		{name: "not leap", in: "date 2023-02-29\nTexte.", err: ErrHeader},
		{name: "slashes", in: "date 2023/09/11\nTexte.", err: ErrHeader},
		{name: "day first", in: "date 11-09-2023 Texte.", err: ErrHeader},
		{name: "compact", in: "date 20230911\nTexte.", err: ErrHeader},
		{name: "header only", in: "date 2023-09-11\n\n", err: ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseText("t.txt", tt.in)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("error %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != tt.in {
				t.Errorf("text changed")
			}
			if got := d.Published.String(); got != tt.date || d.Published.Precision != tt.prec {
				t.Errorf("date %q (%v), want %q (%v)", got, d.Published.Precision, tt.date, tt.prec)
			}
			if got := d.Slice(d.Body); got != tt.body {
				t.Errorf("body %q, want %q", got, tt.body)
			}
			if d.Title != tt.title || d.URL != tt.url || d.Lang != tt.lang || d.Outlet != tt.outlet {
				t.Errorf("header title %q url %q lang %q outlet %q", d.Title, d.URL, d.Lang, d.Outlet)
			}
		})
	}
}

func utf16Bytes(s string, big, bomb bool) []byte {
	var out []byte
	u := utf16.Encode([]rune(s))
	if bomb {
		u = append([]uint16{0xFEFF}, u...)
	}
	for _, c := range u {
		if big {
			out = append(out, byte(c>>8), byte(c))
		} else {
			out = append(out, byte(c), byte(c>>8))
		}
	}
	return out
}

func TestDecode(t *testing.T) {
	fr := "date 2023-09 Le dirigeant nord-coréen a déclaré « oui ». L’État répond."
	tests := []struct {
		name string
		in   []byte
		want string
		note string // substring of the note; "" for none
		err  error
	}{
		{"utf-8", []byte(fr), fr, "", nil},
		{"utf-8 bom", append([]byte("\xef\xbb\xbf"), fr...), fr, "", nil},
		{"utf-16le bom", utf16Bytes(fr, false, true), fr, "UTF-16", nil},
		{"utf-16be bom", utf16Bytes(fr, true, true), fr, "UTF-16", nil},
		{"utf-16le no bom", utf16Bytes(fr, false, false), fr, "UTF-16LE", nil},
		{"utf-16be no bom", utf16Bytes(fr, true, false), fr, "UTF-16BE", nil},
		{"windows-1252", []byte("Le caf\xe9 co\xfbte 3 \x80, \xabc\x92est cher\xbb."), "Le café coûte 3 €, «c’est cher».", "Windows-1252", nil},
		{"binary nul", []byte("PK\x03\x04\x00\x00\x08\x00binary"), "", "", ErrBinary},
		{"binary controls", bytes.Repeat([]byte{1, 2, 3, 'a', 4, 5}, 100), "", "", ErrBinary},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "", "", ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, note, err := Decode(tt.in)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("error %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if (tt.note == "") != (note == "") || !strings.Contains(note, tt.note) {
				t.Errorf("note %q, want one with %q", note, tt.note)
			}
		})
	}
}

func TestRead(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		in       []byte
		docs     []string // body prefixes
		problems []string // substrings of the first document's problems
		errs     []error
		lines    []int
	}{
		{name: "text", file: "a.txt", in: []byte("date 2023-09 Le texte."), docs: []string{"Le texte."}},
		{name: "utf-16 text notes the conversion", file: "a.txt", in: utf16Bytes("date 2023-09\nLe texte.", false, true), docs: []string{"Le texte."}, problems: []string{"UTF-16"}},
		{name: "windows-1252 notes the conversion", file: "a.txt", in: []byte("date 2023-09\nLe caf\xe9."), docs: []string{"Le café."}, problems: []string{"Windows-1252"}},
		{name: "empty", file: "a.txt", in: nil, errs: []error{ErrEmpty}},
		{name: "blank", file: "a.txt", in: []byte(" \n\t\r\n"), errs: []error{ErrEmpty}},
		{name: "bom only", file: "a.txt", in: []byte("\xef\xbb\xbf\n"), errs: []error{ErrEmpty}},
		{name: "utf-16 blank", file: "a.txt", in: utf16Bytes("  \n ", false, true), errs: []error{ErrEmpty}},
		{name: "binary", file: "a.bin", in: []byte("\x00\x01\x02\x03binary\x00"), errs: []error{ErrBinary}},
		{name: "bad header", file: "a.txt", in: []byte("date 2023-13-45\nTexte."), errs: []error{ErrHeader}, lines: []int{1}},
		{name: "jsonl", file: "a.jsonl", in: []byte(
			`{"text":"First article.","date":"2023-09-11","title":"One","lang":"fr","id":7}` + "\n" +
				"\n" +
				`{"body":"Second article.","published":"2023-09-12T10:00:00Z"}` + "\n" +
				`{"content":"Third.","publishedAt":"Tue, 12 Sep 2023 07:15:00 +0200","source":"AFP"}` + "\n" +
				`{"article":"Fourth.","published_at":"2023-09","headline":"Four","link":"https://x.test/4"}` + "\n" +
				`{"text":"Fifth.","datePublished":"2023","language":"en","outlet":"Reuters"}` + "\n" +
				`{"text": "broken` + "\n" +
				`{"title":"no text"}` + "\n" +
				`{"text":"bad date","date":"2023-02-30"}` + "\n" +
				`{"text":"compact date","date":"20230911"}` + "\n" +
				`["not","an","object"]` + "\n" +
				"{\"text\":\"latin1 \xe9\"}\n" +
				`{"text":"Last good one."}`),
			docs:  []string{"First article.", "Second article.", "Third.", "Fourth.", "Fifth.", "Last good one."},
			errs:  []error{ErrJSON, ErrJSON, ErrHeader, ErrHeader, ErrJSON, ErrJSON},
			lines: []int{7, 8, 9, 10, 11, 12}},
		{name: "pretty json object", file: "10032.json", in: []byte("{\n    \"article\": \"Faux, rétorque le principal intéressé.\",\n    \"date\": \"2016-09-14\",\n    \"title\": \"T\"\n}\n"),
			docs: []string{"Faux, rétorque le principal intéressé."}},
		{name: "json array", file: "a.json", in: []byte("[\n  {\"text\": \"One.\"},\n  {\"text\": \"\"},\n  {\"text\": \"Three.\"}\n]"),
			docs: []string{"One.", "Three."}, errs: []error{ErrJSON}, lines: []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, errs := Read(tt.file, tt.in)
			if len(docs) != len(tt.docs) {
				t.Fatalf("%d documents, want %d; errors %v", len(docs), len(tt.docs), errs)
			}
			for i, want := range tt.docs {
				if got := docs[i].Slice(docs[i].Body); got != want {
					t.Errorf("doc %d body %q, want %q", i, got, want)
				}
			}
			for _, p := range tt.problems {
				if len(docs[0].Problems) == 0 || !strings.Contains(docs[0].Problems[0].Message, p) {
					t.Errorf("problems %v, want %q", docs[0].Problems, p)
				}
			}
			if len(errs) != len(tt.errs) {
				t.Fatalf("errors %v, want %v", errs, tt.errs)
			}
			for i, want := range tt.errs {
				if !errors.Is(errs[i], want) || errs[i].Path != tt.file {
					t.Errorf("error %d: %v, want %v", i, errs[i], want)
				}
				if tt.lines != nil && errs[i].Line != tt.lines[i] {
					t.Errorf("error %d at line %d, want %d", i, errs[i].Line, tt.lines[i])
				}
			}
			if errs.Err() == nil && len(errs) > 0 {
				t.Error("Err() nil with errors")
			}
		})
	}
}

func TestJSONLFields(t *testing.T) {
	docs, errs := Read("a.jsonl", []byte(`{"text":"  Texte.  ","date":"2023-09-11","title":"T","url":"https://x.test/","lang":"FR","id":"abc","source":"AFP"}`+"\n"+`{"text":"Two."}`))
	if len(errs) != 0 || len(docs) != 2 {
		t.Fatalf("docs %d errors %v", len(docs), errs)
	}
	d := docs[0]
	if d.Source != "a.jsonl:1" || d.ID != "abc" || d.Title != "T" || d.URL != "https://x.test/" || d.Lang != "fr" || d.LangSource != "header" ||
		d.Outlet != "AFP" || d.Published.String() != "2023-09-11" || d.Slice(d.Body) != "Texte." {
		t.Errorf("got %+v", d)
	}
	if docs[1].Source != "a.jsonl:2" || docs[1].ID != doc.HashID("Two.") || docs[1].Published.Known() {
		t.Errorf("got %+v", docs[1])
	}
}

func TestReadPathTooLarge(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(p, bytes.Repeat([]byte("Un texte. "), 200), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, errs := ReadPath(p, nil, Options{MaxSize: 1000})
	if len(docs) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) {
		t.Fatalf("docs %d errors %v, want ErrTooLarge", len(docs), errs)
	}
	if docs, errs := ReadPath(p, nil, Options{MaxSize: 2000}); len(docs) != 1 || len(errs) != 0 {
		t.Fatalf("at the limit: docs %d errors %v", len(docs), errs)
	}
	if docs, errs := ReadPath("-", strings.NewReader("date 2023 Stdin."), Options{}); len(docs) != 1 || docs[0].Source != "-" || len(errs) != 0 {
		t.Fatalf("stdin: docs %d errors %v", len(docs), errs)
	}
}

func TestSniff(t *testing.T) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	tests := []struct {
		name string
		in   []byte
		want Format
	}{
		{"a.txt", []byte("date 2023 Texte."), FormatText},
		{"a.txt", []byte("<3 is a heart, not markup."), FormatText},
		{"a.jsonl", []byte(`{"text":"x"}`), FormatJSONL},
		{"a", []byte("\ufeff  \n[ {\"text\":\"x\"} ]"), FormatJSONL},
		{"a.txt", []byte("[1] Footnote-style text."), FormatText},
		{"a", []byte("<!DOCTYPE html><html><body>x</body></html>"), FormatHTML},
		{"a", []byte("<!-- saved page -->\n<html lang=fr><head><title>x</title>"), FormatHTML},
		{"a.htm", []byte("<section>x</section>"), FormatHTML},
		{"a", []byte(`<?xml version="1.0"?><rss version="2.0"><channel>`), FormatFeed},
		{"a", []byte(`<feed xmlns="http://www.w3.org/2005/Atom">`), FormatFeed},
		{"a", []byte(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">`), FormatFeed},
		{"a", []byte("WARC/1.1\r\nWARC-Type: warcinfo\r\n"), FormatWARC},
		{"a.warc.gz", gz("WARC/1.0\r\n"), FormatWARC},
		{"a.txt.gz", gz("not a warc"), FormatText},
	}
	for _, tt := range tests {
		if got := Sniff(tt.name, tt.in); got != tt.want {
			t.Errorf("Sniff(%q, %q) = %s, want %s", tt.name, tt.in, got, tt.want)
		}
	}
}

// TestMarkup reads the readers' fixtures through Read, checking the
// format dispatch and the error mapping.
func TestMarkup(t *testing.T) {
	tests := []struct {
		file   string
		titles []string
		errs   []error
		paths  []string
	}{
		{"html/testdata/article_fr.html", []string{"Sommet à Vladivostok : Kim Jong-Un rencontre Poutine"}, nil, nil},
		{"feed/testdata/rss.xml", []string{"Kim Jong-Un est arrivé en Russie", "Le yen au plus bas", "Sans date"}, []error{ErrEmpty}, []string{"feed/testdata/rss.xml#3"}},
		{"feed/testdata/atom.xml", []string{"Council approves budget", "Judge sentenced"}, nil, nil},
		{"warc/testdata/pages.warc", []string{"Sommet à Vladivostok : Kim Jong-Un rencontre Poutine", "Council approves 2023-24 budget after amendments"}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			docs, errs := ReadPath(tt.file, nil, Options{})
			if len(docs) != len(tt.titles) {
				t.Fatalf("%d documents, want %d; errors %v", len(docs), len(tt.titles), errs)
			}
			for i, want := range tt.titles {
				if docs[i].Title != want {
					t.Errorf("doc %d title %q, want %q", i, docs[i].Title, want)
				}
			}
			if len(errs) != len(tt.errs) {
				t.Fatalf("errors %v, want %v", errs, tt.errs)
			}
			for i, want := range tt.errs {
				if !errors.Is(errs[i], want) || errs[i].Path != tt.paths[i] {
					t.Errorf("error %v (path %q), want %v at %q", errs[i], errs[i].Path, want, tt.paths[i])
				}
			}
		})
	}
	docs, errs := Read("page.html", []byte("<html><body><script>x()</script></body></html>"))
	if len(docs) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrEmpty) {
		t.Errorf("empty page: docs %d errors %v, want ErrEmpty", len(docs), errs)
	}
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.txt", "a.txt", "sub/c.txt", ".hidden.txt", ".git/x.txt"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	files, errs := Expand([]string{dir, "-", filepath.Join(dir, "missing")})
	want := []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"), filepath.Join(dir, "sub/c.txt"), "-"}
	if strings.Join(files, ",") != strings.Join(want, ",") {
		t.Errorf("files %v, want %v", files, want)
	}
	if len(errs) != 1 {
		t.Errorf("errors %v, want one for the missing path", errs)
	}
}
