package kb

import (
	"bytes"
	"compress/gzip"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestFastDecoder checks the fast path on records of every shape: it
// must give what encoding/json gives, or leave the record to it.
func TestFastDecoder(t *testing.T) {
	tests := []struct {
		in   string
		fast bool // read by the fast path
	}{
		{`{"id":"a","name":"A","type":"PER"}`, true},
		{`{ "id" : "a" , "name":"Ä b","type":"LOC","lat":-4.19834,"lon":12.66664e0,"population":121000}`, true},
		{`{"id":"a","name":"A","type":"LOC","aliases":{"en":["B","C"],"und":[]},"demonyms":{},"roles":{"fr":["x"]}}`, true},
		{`{}`, true},
		{`{"id":"a","name":"Philip \"Brave\" Davis","type":"PER"}`, false},
		{`{"id":"a","name":null,"type":"PER"}`, false},
		{`{"ID":"a","name":"A","type":"PER"}`, false},
		{`{"id":"a","id":"b","name":"A","type":"PER"}`, false},
		{`{"id":"a","name":"A","type":"LOC","aliases":{"en":["B"],"en":["C"]}}`, false},
		{`{"id":"a","name":"A","type":"LOC","population":1.5}`, false},
		{`{"id":"a","name":"A","type":"LOC","population":1e3}`, false},
		{`{"id":"a","name":"A","type":"LOC","lat":01,"lon":1}`, false},
		{`{"id":"a","name":"A","type":"LOC","lat":1e999,"lon":1}`, false},
		{`{"id":"a","name":"A","type":"LOC"}}`, false},
		{`{"id":"a","name":"A","type":"LOC"} {}`, false},
		{"{\"id\":\"a\",\"name\":\"\xff\",\"type\":\"LOC\"}", false},
		{"{\"id\":\"a\",\"name\":\"a\tb\",\"type\":\"LOC\"}", false},
		{`{"id":"a","name":"A","type":"LOC","alias":["x"]}`, false},
		{`{"id":"a","name":"A","type":"LOC","aliases":["x"]}`, false},
		{`{"id":"a","name":"A"`, false},
		{`[]`, false},
	}
	for _, tt := range tests {
		_, ok := fastEntry(tt.in)
		if ok != tt.fast {
			t.Errorf("fastEntry(%s): fast %v, want %v", tt.in, ok, tt.fast)
		}
		sameAsJSON(t, tt.in)
	}
}

// sameAsJSON fails if decodeEntry and encoding/json disagree on line.
func sameAsJSON(t *testing.T, line string) {
	t.Helper()
	got, gotErr := decodeEntry(line)
	want, wantErr := jsonEntry([]byte(line))
	if (gotErr != nil) != (wantErr != nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
		t.Fatalf("%q: error %v, encoding/json %v", line, gotErr, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\n got %#v\nwant %#v", line, got, want)
	}
}

// TestBuiltinDecoding checks that every record of the built-in base
// decodes as with encoding/json, and that nearly all take the fast path.
func TestBuiltinDecoding(t *testing.T) {
	zr, err := gzip.NewReader(bytes.NewReader(builtin))
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	n, slow := 0, 0
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		n++
		if _, ok := fastEntry(line); !ok {
			slow++
		}
		sameAsJSON(t, line)
	}
	if slow*100 > n {
		t.Errorf("%d of %d records need encoding/json", slow, n)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","name":"A","type":"PER"}`,
		`{"id":"iso:AE","name":"United Arab Emirates","type":"LOC","kind":"country","aliases":{"en":["Emirates","U.A.E."],"fr":["E.A.U."]},"country":"AE","demonyms":{"en":["Emirati"]},"population":9630959}`,
		`{"id":"g","name":"Dolisie","type":"LOC","kind":"city","lat":-4.19834,"lon":12.66664,"country":"CG","population":121000}`,
		`{"id":"a","name":"A \"b\"","type":"PER","roles":{"en":[]},"qid":"Q1"}`,
		`{"id":"a","name":"A","type":"LOC","lat":-0,"lon":1E+2,"population":-0}`,
		`{"id":"a","name":null}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		sameAsJSON(t, line)
	})
}

// keyReference is Key written rune by rune, as the specification.
func keyReference(s string) string {
	var b strings.Builder
	inWord := false
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if r >= utf8.RuneSelf && unicode.IsMark(r) {
				continue
			}
			inWord = false
			continue
		}
		f := fold(r)
		if r < utf8.RuneSelf {
			f = strings.ToLower(string(r))
		}
		if f == "" {
			continue
		}
		if !inWord && b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f)
		inWord = true
	}
	return b.String()
}

// acronymReference is IsAcronym written with the unicode classes only.
func acronymReference(s string) bool {
	letters, digits := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		case r == '.' || r == '-' || r == '&':
		default:
			return false
		}
	}
	return letters >= 2 || letters == 1 && digits > 0
}

func FuzzKeyReference(f *testing.F) {
	for _, s := range []string{"Kim Jong-Un", "États-Unis", "\x00\xff", "ǅ", "İstanbul", "ﬁ", "U.S.", "AT&T", "G7", "abc DEF 12", "e\u0301te"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Key(s), keyReference(s); got != want {
			t.Fatalf("Key(%q) = %q, reference %q", s, got, want)
		}
		if got, want := IsAcronym(s), acronymReference(s); got != want {
			t.Fatalf("IsAcronym(%q) = %v, reference %v", s, got, want)
		}
	})
}

// TestTrie checks that walking the words of every alias key reaches
// Lookup's aliases, that prefixes of keys give none, and MaxWords.
func TestTrie(t *testing.T) {
	es, err := Load(strings.NewReader(`{"id":"a","name":"New York","type":"LOC","aliases":{"en":["New York City","NYC"]}}
{"id":"b","name":"New Zealand","type":"LOC","kind":"country"}
{"id":"c","name":"York","type":"LOC","population":200000}
{"id":"d","name":"agence de presse centrale coréenne","type":"ORG"}
`))
	if err != nil {
		t.Fatal(err)
	}
	k := New(es)
	walk := func(key string) []Alias {
		n := Root
		for _, w := range strings.Fields(key) {
			var ok bool
			if n, ok = k.Next(n, k.Word(w)); !ok {
				return nil
			}
		}
		return k.Ends(n)
	}
	for key, id := range map[string]string{"new york": "a", "new york city": "a", "nyc": "a", "new zealand": "b", "york": "c", "agence de presse centrale coreenne": "d"} {
		as := k.Lookup(key)
		if len(as) != 1 || as[0].Entry.ID != id {
			t.Errorf("Lookup(%q) = %v, want %s", key, as, id)
		}
		if w := walk(key); len(w) != 1 || w[0] != as[0] {
			t.Errorf("walk(%q) = %v", key, w)
		}
	}
	for _, key := range []string{"new", "agence de presse", "york city", "", "new  york", "new york "} {
		if as := k.Lookup(key); len(as) != 0 {
			t.Errorf("Lookup(%q) = %v, want none", key, as)
		}
	}
	for first, want := range map[string]int{"new": 3, "york": 1, "agence": 5, "city": 0, "zzz": 0, "new york": 0} {
		if got := k.MaxWords(first); got != want {
			t.Errorf("MaxWords(%q) = %d, want %d", first, got, want)
		}
	}
	if n, ok := k.Next(Root, k.Word("new")); !ok || k.Depth(n) != 3 || len(k.Ends(n)) != 0 {
		t.Errorf("node of new: %v %v", ok, k.Depth(n))
	}
	if _, ok := k.Next(Root, 0); ok {
		t.Errorf("Next over word 0")
	}
}
