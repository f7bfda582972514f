package ingest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"
	"unicode/utf8"
)

// TestDecodeRecord checks which objects the fast decoder takes and that it
// agrees with encoding/json on them.
func TestDecodeRecord(t *testing.T) {
	for _, c := range []struct {
		in   string
		fast bool
	}{
		{`{"article": "Il a dit \"non\".\nFin", "date": "2016-09-14", "heading": "h", "title": "T"}`, true},
		{` {"text":"a","id":12,"tags":["x",{"y":[1,2.5e3,true,null]}],"lang":null} `, true},
		{`{"text":"caf\u00e9 \ud83d\ude00 é","id":"x-1","body":"b","body":"c"}`, true},
		{`{}`, true},
		{`{"Text":"a"}`, false},      // matches text case-insensitively
		{`{"te\u0078t":"a"}`, false}, // escaped key
		{`{"text":5}`, false},        // type error
		{`{"text":"\ud800"}`, false}, // lone surrogate
		{"{\"text\":\"\xff\"}", false},
		{`{"text":"a",}`, false},
		{`{"text":"a"} x`, false},
		{`{"id":[1]}`, false},
		{`{"text":"a\x"}`, false},
		{`{"n":01}`, false},
	} {
		var r record
		if got := decodeRecord([]byte(c.in), &r); got != c.fast {
			t.Errorf("%s: fast %v, want %v", c.in, got, c.fast)
			continue
		}
		if c.fast {
			var want record
			if err := json.Unmarshal([]byte(c.in), &want); err != nil {
				t.Fatalf("%s: %v", c.in, err)
			}
			if !reflect.DeepEqual(r, want) {
				t.Errorf("%s: fast decoder gives %s, encoding/json %s", c.in, show(r), show(want))
			}
		}
	}
}

func show(r record) string {
	b, _ := json.Marshal(r)
	return string(b)
}

// FuzzDecodeRecord: whatever the fast decoder accepts, encoding/json
// decodes to the same record, and the input is valid UTF-8.
func FuzzDecodeRecord(f *testing.F) {
	f.Add([]byte(`{"article": "Il a dit \"non\".\nFin", "date": "2016-09-14", "heading": "h"}`))
	f.Add([]byte(`{"text":"a","id":-1.5e2,"x":{"y":[true,false,null,"\/\b\f\r\t\\"]},"url":null}`))
	f.Add([]byte(`{"text":"\u00e9\ud83d\ude00","ID":1}`))
	f.Add([]byte(`{"title":"a","title":null,"id":"7"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r record
		if !decodeRecord(data, &r) {
			return
		}
		var want record
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("fast decoder accepted what encoding/json refuses: %v", err)
		}
		if !utf8.Valid(data) {
			t.Fatal("fast decoder accepted invalid UTF-8")
		}
		if !reflect.DeepEqual(r, want) {
			t.Fatalf("fast decoder gives %s, encoding/json %s", show(r), show(want))
		}
	})
}

// FuzzISODate checks isoDate against its pattern.
func FuzzISODate(f *testing.F) {
	for _, s := range []string{"2016-09-14", "2016-09", "2016", "2016-09-14T10:00:00Z", "2016-09-14 10:00", "2016-09-1", "2016-09-14x", "2016-9-14", "20160914", "2016 9"} {
		f.Add(s)
	}
	pattern := regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[T ]\d)`)
	f.Fuzz(func(t *testing.T, s string) {
		y, m, d, ok := isoDate(s)
		want := pattern.FindStringSubmatch(s)
		if ok != (want != nil) || ok && (y != want[1] || m != want[2] || d != want[3]) {
			t.Fatalf("isoDate %q %q %q %v, pattern %q", y, m, d, ok, want)
		}
	})
}

// BenchmarkRead reads 200 OrangeSum articles per op: their JSON files, and
// the same articles as text files with a date header.
func BenchmarkRead(b *testing.B) {
	files, _ := filepath.Glob("/work/shared/data/orangesum-fr-news/parsed/*.json")
	if len(files) == 0 {
		b.Skip("OrangeSum not available")
	}
	if len(files) > 200 {
		files = files[:200]
	}
	var jsons, texts [][]byte
	var jsonBytes, textBytes int64
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs, errs := Read(f, data)
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		d := docs[0]
		text := []byte("date " + d.Published.String() + "\n" + d.Slice(d.Body))
		jsons, texts = append(jsons, data), append(texts, text)
		jsonBytes, textBytes = jsonBytes+int64(len(data)), textBytes+int64(len(text))
	}
	for _, c := range []struct {
		name, ext string
		data      [][]byte
		bytes     int64
	}{{"json", ".json", jsons, jsonBytes}, {"text", ".txt", texts, textBytes}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(c.bytes)
			b.ReportAllocs()
			for b.Loop() {
				for _, data := range c.data {
					if _, errs := Read("a"+c.ext, data); len(errs) > 0 {
						b.Fatal(errs)
					}
				}
			}
		})
	}
}

// FuzzValidText checks validText against utf8.Valid and a byte scan.
func FuzzValidText(f *testing.F) {
	f.Add([]byte("Le président a dit « oui » à l’État.\ufffd"))
	f.Add([]byte("abcdefgh\xc3\xa9abcdefg\x01h"))
	f.Add([]byte("abcdefgh\xc3abcdefgh"))
	f.Add([]byte("abcdefg\xc3")) // a lead byte ending the last eight
	f.Fuzz(func(t *testing.T, b []byte) {
		want := utf8.Valid(b)
		for _, c := range b {
			if c < 0x20 {
				want = false
			}
		}
		if got := validText(b); got != want {
			t.Fatalf("validText(%q) = %v", b, got)
		}
	})
}
