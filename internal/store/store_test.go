package store

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

func TestFoldAndStem(t *testing.T) {
	for _, c := range []struct {
		word, col, want string
	}{
		{"Élysée", "und", "elysee"},
		{"cœur", "und", "coeur"},
		{"Straße", "und", "strasse"},
		{"élections", "fr", "elect"},
		{"election", "fr", "elect"},
		{"négociations", "fr", "negoci"},
		{"négociation", "fr", "negoci"},
		{"présidentielle", "fr", Stem("presidentielles", "fr")},
		{"Elections", "en", "elect"},
		{"negotiations", "en", "negoti"},
		{"running", "en", "run"},
		{"Москве", "und", "москве"},
	} {
		if got := Stem(c.word, c.col); got != c.want {
			t.Errorf("Stem(%q, %s) = %q, want %q", c.word, c.col, got, c.want)
		}
	}
}

func TestTokensAndStemText(t *testing.T) {
	for _, c := range []struct {
		text, col, want string
	}{
		{"L’élection présidentielle", "fr", "l elect presidentiel"},
		{"Le dirigeant nord-coréen", "fr", "le dirig nord coreen"},
		{"The U.S. elections, 2024!", "en", "the u s elect 2024"},
		{"  ", "en", ""},
	} {
		if got := StemText(c.text, c.col); got != c.want {
			t.Errorf("StemText(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestColumn(t *testing.T) {
	for tag, want := range map[string]string{"fr": "fr", "fr-CA": "fr", "EN-gb": "en", "de": "und", "": "und", "und": "und"} {
		if got := Column(tag); got != want {
			t.Errorf("Column(%q) = %q, want %q", tag, got, want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	for _, c := range []struct {
		in, fts string // fts for the fr column alone; "" when invalid
	}{
		{"élections", `{fr} : (("elect"))`},
		{`"président russe" Poutine`, `{fr} : (("president russ" AND "poutin"))`},
		{"Kim OR Poutine sommet", `{fr} : ((("kim" OR "poutin") AND "sommet"))`},
		{"armes -nucléaires", `{fr} : (("arme") NOT ("nucleair"))`},
		{"armes NOT nucléaires", `{fr} : (("arme") NOT ("nucleair"))`},
		{`'; DROP TABLE documents; --`, `{fr} : (("drop" AND "tabl" AND "docu"))`},
		{`NEAR(a b) fr:x {en}:y col*`, `{fr} : (("near a" AND "b" AND "fr x" AND "en y" AND "col"))`},
		{`OR x`, `{fr} : (("x"))`},
		{`accident de la route`, `{fr} : (("accident" AND "rout"))`},
		{`"accident de la route"`, `{fr} : (("accident de la rout"))`},
		{`le la`, `{fr} : (("le" AND "la"))`},
		{`the OR a`, `{fr} : ((("the" OR "a")))`},
		{`a"b`, `{fr} : (("b"))`},
		{"-seul", ""},
		{"", ""},
		{"*** ((( ---", ""},
		{strings.Repeat("a", MaxQueryBytes+1), ""},
	} {
		q, err := ParseQuery(c.in)
		if c.fts == "" {
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("ParseQuery(%q): %v, want ErrInvalid", c.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", c.in, err)
			continue
		}
		if got := q.FTS5("fr"); got != c.fts {
			t.Errorf("ParseQuery(%q).FTS5 = %s, want %s", c.in, got, c.fts)
		}
	}
	q, _ := ParseQuery("élections")
	if got := q.FTS5(""); got != `{fr en} : (("elect")) OR {und} : (("elections"))` {
		t.Errorf("all columns: %s", got)
	}
}

func TestSnippet(t *testing.T) {
	text := strings.Repeat("Un mot de remplissage. ", 30) + "Les négociations sur les armements progressent.\n\n" +
		strings.Repeat("Encore du texte. ", 30)
	segs := Snippet(text, "fr", []string{"négociation", "armement"}, 12)
	var all string
	var marked []string
	for _, s := range segs {
		all += s.Text
		if s.Match {
			marked = append(marked, s.Text)
		}
	}
	if !slices.Equal(marked, []string{"négociations", "armements"}) || !strings.HasPrefix(all, "… ") || !strings.HasSuffix(all, " …") {
		t.Errorf("snippet %q marks %q", all, marked)
	}
	if strings.Contains(all, "\n") {
		t.Errorf("white space not collapsed: %q", all)
	}
	if segs := Snippet("Short text.", "en", []string{"absent"}, 10); len(segs) != 1 || segs[0].Text != "Short text" {
		t.Errorf("no match: %+v", segs)
	}
}

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in      string
		end     bool
		want    string
		wantErr bool
	}{
		{"2023", false, "2023-01-01", false},
		{"2023", true, "2023-12-31", false},
		{"2024-02", true, "2024-02-29", false},
		{"2023-09-11", true, "2023-09-11", false},
		{"", false, "", false},
		{"2023-13", false, "", true},
		{"2023-02-29", false, "", true},
		{"23-01-01", false, "", true},
		{"2023-1-1", false, "", true},
		{"2023-01-01T00:00", false, "", true},
		{"'; DROP", false, "", true},
	} {
		got, err := ParseDate(c.in, c.end)
		if got != c.want || (err != nil) != c.wantErr || (err != nil && !errors.Is(err, ErrInvalid)) {
			t.Errorf("ParseDate(%q, %v) = %q, %v", c.in, c.end, got, err)
		}
	}
	a, b := DateRange(doc.Date{Year: 2023, Month: 9, Precision: doc.PrecMonth})
	if a != "2023-09-01" || b != "2023-09-30" {
		t.Errorf("DateRange: %s %s", a, b)
	}
	if d := ParseDocDate("2023-09"); d != (doc.Date{Year: 2023, Month: 9, Precision: doc.PrecMonth}) {
		t.Errorf("ParseDocDate: %+v", d)
	}
}

func TestCursor(t *testing.T) {
	c := EncodeCursor("2023-01-01", "42")
	f, err := DecodeCursor(c, 2)
	if err != nil || !slices.Equal(f, []string{"2023-01-01", "42"}) {
		t.Errorf("round trip: %v %v", f, err)
	}
	for _, bad := range []string{"x", "Zm9v", EncodeCursor("only-one"), strings.Repeat("A", 600)} {
		if _, err := DecodeCursor(bad, 2); !errors.Is(err, ErrInvalid) {
			t.Errorf("DecodeCursor(%q): %v", bad, err)
		}
	}
	if n, err := DecodeOffset(OffsetCursor(40)); n != 40 || err != nil {
		t.Errorf("offset: %d %v", n, err)
	}
	if _, err := CheckLimit(1e9); !errors.Is(err, ErrInvalid) {
		t.Errorf("limit 1e9: %v", err)
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"élections", `"a b" -c OR d`, `NEAR(x) {fr}: y*`, "\x00\xff", `"`, "-", "OR OR"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v is not ErrInvalid", err)
			}
			return
		}
		for _, col := range []string{"", "fr", "en", "de"} {
			e := q.FTS5(col)
			// Every word is inside double quotes made of letters and digits.
			inside := false
			for _, r := range e {
				if r == '"' {
					inside = !inside
					continue
				}
				if inside && r != ' ' && !isTokenRune(r) {
					t.Fatalf("FTS5(%q) = %s: %q inside a string", s, e, r)
				}
			}
			if inside || !utf8.ValidString(e) {
				t.Fatalf("FTS5(%q) = %s", s, e)
			}
		}
	})
}

func FuzzSnippet(f *testing.F) {
	f.Add("Les négociations progressent.", "négociation")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, text, word string) {
		segs := Snippet(text, "fr", []string{word}, 8)
		for _, s := range segs {
			if s.Text == "" {
				t.Fatalf("empty segment in %+v", segs)
			}
		}
	})
}
