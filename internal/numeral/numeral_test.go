package numeral

import (
	"errors"
	"strings"
	"testing"
)

func TestParseDigits(t *testing.T) {
	tests := []struct {
		lang, in string
		want     float64
		err      error
	}{
		{"fr", "1 500", 1500, nil},
		{"fr", "1\u00a0500", 1500, nil},
		{"fr", "1\u202f500\u202f000", 1500000, nil},
		{"fr", "1,5", 1.5, nil},
		{"fr", "2,8", 2.8, nil},
		{"fr", "0.6", 0.6, nil},
		{"fr", "1.500", 1500, nil},
		{"fr", "1.234.567,89", 1234567.89, nil},
		{"fr", "21,6", 21.6, nil},
		{"fr", "2023", 2023, nil},
		{"en", "100,000", 100000, nil},
		{"en", "1,000,000", 1e6, nil},
		{"en", "3.8", 3.8, nil},
		{"en", "1.5", 1.5, nil},
		{"en", "1,5", 1.5, nil},
		{"en", "3,500.25", 3500.25, nil},
		{"en", "1e5", 1e5, nil},
		{"en", "1e400", 0, ErrRange},
		{"en", strings.Repeat("9", 200), 0, ErrRange},
		{"en", "1,2,3", 0, ErrMalformed},
		{"fr", "12,", 0, ErrMalformed},
		{"fr", "abc", 0, ErrMalformed},
		{"fr", "", 0, ErrMalformed},
		{"en", "1,0000", 1, nil},
		{"fr", "1 50", 0, ErrMalformed},
	}
	for _, tt := range tests {
		got, err := ParseDigits(tt.in, tt.lang)
		if !errors.Is(err, tt.err) || (err == nil && got != tt.want) {
			t.Errorf("ParseDigits(%q, %s) = %v, %v; want %v, %v", tt.in, tt.lang, got, err, tt.want, tt.err)
		}
	}
}

func TestWord(t *testing.T) {
	tests := []struct {
		lang, in string
		want     float64
		ok       bool
		err      error
	}{
		{"fr", "douze", 12, true, nil},
		{"fr", "vingt-et-un", 21, true, nil},
		{"fr", "soixante-dix", 70, true, nil},
		{"fr", "soixante-treize", 73, true, nil},
		{"fr", "quatre-vingt", 80, true, nil},
		{"fr", "quatre-vingts", 80, true, nil},
		{"fr", "quatre-vingt-dix-sept", 97, true, nil},
		{"fr", "dix-sept", 17, true, nil},
		{"fr", "deux-cent-mille", 200000, true, nil},
		{"fr", "quatre-vingt-quatre-vingt", 0, true, ErrMalformed},
		{"fr", "vingt-vingt", 0, true, ErrMalformed},
		{"fr", "nord-coréen", 0, false, nil},
		{"fr", "savoir-faire", 0, false, nil},
		{"en", "twenty-one", 21, true, nil},
		{"en", "ninety-nine", 99, true, nil},
		{"en", "year-old", 0, false, nil},
	}
	for _, tt := range tests {
		got, ok, err := Word(tt.in, tt.lang)
		if ok != tt.ok || !errors.Is(err, tt.err) || (ok && err == nil && got != tt.want) {
			t.Errorf("Word(%q, %s) = %v, %v, %v; want %v, %v, %v", tt.in, tt.lang, got, ok, err, tt.want, tt.ok, tt.err)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		lang    string
		in      string
		article bool
		want    float64
		used    int
		approx  bool
	}{
		{"fr", "deux cent mille personnes", false, 200000, 3, false},
		{"fr", "vingt et un ans", false, 21, 3, false},
		{"fr", "mille neuf cent quatre-vingt-dix", false, 1990, 4, false},
		{"fr", "quatre vingt dix", false, 90, 3, false},
		{"fr", "1,5 million d'habitants", false, 1.5e6, 2, false},
		{"fr", "3 milliards", false, 3e9, 2, false},
		{"fr", "2 billions", false, 2e12, 2, false},
		{"fr", "une vingtaine de", false, 20, 2, true},
		{"fr", "un millier de", false, 1000, 2, true},
		{"fr", "un an", false, 0, 0, false},
		{"fr", "un an", true, 1, 1, false},
		{"fr", "un million de", false, 1e6, 2, false},
		{"fr", "douze élèves", false, 12, 1, false},
		{"fr", "deux et demi", false, 2, 1, false},
		{"fr", "million", false, 0, 0, false},
		{"en", "1.5 billion", false, 1.5e9, 2, false},
		{"en", "5 million", false, 5e6, 2, false},
		{"en", "one hundred and five", false, 105, 4, false},
		{"en", "a hundred", false, 100, 2, false},
		{"en", "a dozen eggs", false, 12, 2, true},
		{"en", "two dozen", false, 24, 2, false},
		{"en", "six years and 10 months", false, 6, 1, false},
		{"en", "twenty a", false, 20, 1, false},
		{"en", "5 bn", false, 5e9, 2, false},
		{"en", "the", false, 0, 0, false},
	}
	for _, tt := range tests {
		n, used, err := Parse(strings.Fields(tt.in), tt.lang, tt.article)
		if err != nil || used != tt.used || n.Value != tt.want || n.Approx != tt.approx {
			t.Errorf("Parse(%q, %s) = %+v, %d, %v; want %v, %d, approx %v", tt.in, tt.lang, n, used, err, tt.want, tt.used, tt.approx)
		}
	}
	if _, _, err := Parse([]string{"quatre-vingt-quatre-vingt"}, "fr", false); !errors.Is(err, ErrMalformed) {
		t.Errorf("quatre-vingt-quatre-vingt: err %v, want ErrMalformed", err)
	}
}

func TestOrdinalRoman(t *testing.T) {
	tests := []struct {
		lang, in string
		want     int
		ok       bool
	}{
		{"fr", "1er", 1, true},
		{"fr", "1re", 1, true},
		{"fr", "premier", 1, true},
		{"fr", "21e", 21, true},
		{"fr", "3ème", 3, true},
		{"fr", "XXIe", 21, true},
		{"fr", "XIXe", 19, true},
		{"fr", "Xe", 10, true},
		{"fr", "12", 0, false},
		{"en", "21st", 21, true},
		{"en", "3rd", 3, true},
		{"en", "96th", 96, true},
		{"en", "twelfth", 12, true},
		{"en", "12x", 0, false},
	}
	for _, tt := range tests {
		got, ok := Ordinal(tt.in, tt.lang)
		if ok != tt.ok || got != tt.want {
			t.Errorf("Ordinal(%q, %s) = %d, %v; want %d, %v", tt.in, tt.lang, got, ok, tt.want, tt.ok)
		}
	}
	if v, ok := Roman("MMXX"); ok {
		t.Errorf("Roman(MMXX) = %d, want not ok", v)
	}
}

func FuzzParseDigits(f *testing.F) {
	for _, s := range []string{"1 500", "1,5", "100,000", "1e400", "3.8", "1.234.567,89", "0.6", "1\u202f000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, l := range []string{"fr", "en", "und"} {
			v, err := ParseDigits(s, l)
			if err == nil && (v < 0 || v != v) {
				t.Fatalf("ParseDigits(%q) = %v", s, v)
			}
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"quatre-vingt-quatre-vingt", "deux cent mille", "one hundred and five", "une vingtaine de", "1,5 million", "vingt et et un"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := strings.Fields(s)
		for _, l := range []string{"fr", "en"} {
			n, used, err := Parse(toks, l, true)
			if used < 0 || used > len(toks) || (err != nil && used != 0) || n.Value != n.Value {
				t.Fatalf("Parse(%q) = %+v, %d, %v", s, n, used, err)
			}
			for _, w := range toks {
				Word(w, l)
				Ordinal(w, l)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	toks := strings.Fields("deux cent mille personnes et 1 500 manifestants pour 1,5 million d'euros vingt-et-un ans")
	size := 0
	for _, t := range toks {
		size += len(t) + 1
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for i := range toks {
			Parse(toks[i:], "fr", false)
		}
	}
}
