package html

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	tests := []struct {
		file              string
		opt               Options
		title, url, date  string
		outlet, lang      string
		contains, missing []string
	}{
		{
			file:  "article_fr.html",
			title: "Sommet à Vladivostok : Kim Jong-Un rencontre Poutine",
			url:   "https://exemple.test/monde/2023/09/13/sommet-vladivostok",
			date:  "2023-09-13", outlet: "Le Quotidien du Test", lang: "fr-fr",
			contains: []string{
				"Sommet à Vladivostok : Kim Jong-Un rencontre Poutine\n\nLe dirigeant nord-coréen",
				// trafilatura turns no-break spaces into spaces.
				"\n\n« Nous sommes heureux de vous voir », a déclaré M. Poutine",
				"\n\n« La Russie a toujours été aux côtés de notre pays »",
				"1 180 kilomètres.",
			},
			missing: []string{"Accueil", "Lire aussi", "Tous droits réservés", "tracker", "color: black"},
		},
		{
			file:  "article_en.html",
			opt:   Options{URL: "https://wire.example.test/budget"},
			title: "Council approves 2023-24 budget after amendments",
			url:   "https://wire.example.test/budget",
			date:  "2023-05-22", outlet: "Buffalo Test News", lang: "en",
			contains: []string{
				"BUFFALO, N.Y. — The Buffalo Common Council",
				"\"This budget reflects months of hard work,\" Council President Darius G. Pridgen said",
			},
			missing: []string{"Weather", "Great news for the city", "All rights reserved"},
		},
		{
			file:     "cp1252.html",
			title:    "Café crème",
			contains: []string{"Café crème\n\nLe café crème coûte désormais 3,50 €", "«C’est une hausse de 12 % en deux ans»"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			d, err := Read(tt.file, data, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if d.Title != tt.title || d.URL != tt.url || d.Published.String() != tt.date || d.Outlet != tt.outlet || d.Lang != tt.lang {
				t.Errorf("metadata: title %q url %q date %q outlet %q lang %q\nwant  %q %q %q %q %q",
					d.Title, d.URL, d.Published, d.Outlet, d.Lang, tt.title, tt.url, tt.date, tt.outlet, tt.lang)
			}
			if d.Body.Start != 0 || d.Body.End != len(d.Text) || d.Source != tt.file || d.ID == "" {
				t.Errorf("body %v of %d bytes, source %q, id %q", d.Body, len(d.Text), d.Source, d.ID)
			}
			if !strings.HasPrefix(d.Text, tt.title+"\n\n") {
				t.Errorf("text does not open with the title: %q", d.Text[:min(80, len(d.Text))])
			}
			if strings.Count(d.Text, tt.title) != 1 {
				t.Errorf("title appears %d times", strings.Count(d.Text, tt.title))
			}
			for _, s := range tt.contains {
				if !strings.Contains(d.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, d.Text)
				}
			}
			for _, s := range tt.missing {
				if strings.Contains(d.Text, s) {
					t.Errorf("text has boilerplate %q", s)
				}
			}
			if strings.Contains(d.Text, "\n\n\n") || strings.Contains(d.Text, "  ") {
				t.Errorf("untidy white space: %q", d.Text)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{"<html><body></body></html>", "<html><body><script>x()</script></body></html>", ""} {
		if _, err := Read("x.html", []byte(in), Options{}); !errors.Is(err, ErrNoContent) {
			t.Errorf("Read(%q) error %v, want ErrNoContent", in, err)
		}
	}
}

func TestFragmentText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>Hello <b>world</b></p><p>Second&nbsp;para<br>line two</p>plain", "Hello world\n\nSecond\u00a0para\n\nline two\n\nplain"},
		{"Just text,\n  with   spaces ", "Just text, with spaces"},
		{"l&rsquo;agence &laquo;&nbsp;KCNA&nbsp;&raquo;", "l’agence «\u00a0KCNA\u00a0»"},
		{"<ul><li>un</li><li>deux</li></ul><script>alert(1)</script>", "un\n\ndeux"},
		{"<table><tr><td>a</td><td>b</td></tr></table>", "a b"},
		{"", ""},
		{"<p>e\u0301te\u0301</p>", "été"}, // NFC
	}
	for _, tt := range tests {
		if got := FragmentText(tt.in); got != tt.want {
			t.Errorf("FragmentText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRealPages checks the extraction on the saved OrangeSum pages against
// their parsed article text (word-bag precision and recall), when the data
// set is present.
func TestRealPages(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := "/work/shared/data/orangesum-fr-news"
	files, _ := filepath.Glob(filepath.Join(dir, "raw_html_sample", "*.html"))
	if len(files) == 0 {
		t.Skip("OrangeSum sample not available")
	}
	var tp, fp, fn, dated int
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var gold struct{ Article, Date, Title string }
		g, err := os.ReadFile(filepath.Join(dir, "parsed", strings.TrimSuffix(filepath.Base(f), ".html")+".json"))
		if err != nil {
			continue
		}
		if err := json.Unmarshal(g, &gold); err != nil {
			t.Fatal(err)
		}
		d, err := Read(f, data, Options{})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if d.Published.String() == gold.Date {
			dated++
		}
		gb, pb := bag(gold.Article), bag(d.Text)
		for w, n := range pb {
			m := min(n, gb[w])
			tp, fp = tp+m, fp+n-m
		}
		for w, n := range gb {
			fn += max(0, n-pb[w])
		}
	}
	p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
	t.Logf("%d pages: precision %.3f recall %.3f, date right %d", len(files), p, r, dated)
	if p < 0.8 || r < 0.95 || dated < len(files)*9/10 {
		t.Errorf("extraction regressed: precision %.3f recall %.3f dates %d/%d", p, r, dated, len(files))
	}
}

func bag(s string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.Fields(strings.ToLower(s)) {
		m[strings.Trim(w, ".,;:!?\"«»()")]++
	}
	return m
}

func BenchmarkRead(b *testing.B) {
	data, err := os.ReadFile("testdata/article_fr.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read("a.html", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzRead(f *testing.F) {
	for _, name := range []string{"article_fr.html", "article_en.html", "cp1252.html"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("<html><body><p>a</p>"))
	f.Add([]byte("<p>\xff\xfe<table><td>x"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read("f.html", data, Options{})
		if err != nil {
			if d != nil {
				t.Fatal("document with an error")
			}
			return
		}
		if d.Body.Start < 0 || d.Body.End > len(d.Text) || d.Body.Start > d.Body.End {
			t.Fatalf("bad body %v for %d bytes", d.Body, len(d.Text))
		}
		_ = FragmentText(string(data))
	})
}
