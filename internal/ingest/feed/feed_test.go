package feed

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/ingest/html"
)

func TestRead(t *testing.T) {
	type item struct {
		source, title, url, date, lang, outlet, text string
	}
	tests := []struct {
		file  string
		items []item
		bad   []int // items reported as errors
	}{
		{
			file: "rss.xml",
			items: []item{
				{
					source: "rss.xml#1", title: "Kim Jong-Un est arrivé en Russie", url: "https://fil.exemple.test/2023/09/12/kim-russie",
					date: "2023-09-12", lang: "fr-fr", outlet: "Le Fil Test",
					// content:encoded is longer than the description and wins.
					text: "Kim Jong-Un est arrivé en Russie\n\nLe train blindé de Kim Jong-Un est arrivé mardi à Vladivostok, a annoncé l’agence KCNA.\n\n«\u00a0Nous attendons beaucoup de cette visite\u00a0», a déclaré M.\u00a0Peskov, porte-parole du Kremlin.",
				},
				{
					source: "rss.xml#2", title: "Le yen au plus bas", url: "https://fil.exemple.test/2023/09/11/yen",
					date: "2023-09-11", lang: "fr-fr", outlet: "Le Fil Test",
					text: "Le yen au plus bas\n\nLa devise japonaise est tombée à son plus bas niveau depuis 1990 face au dollar, à 147,8 yens.",
				},
				{
					source: "rss.xml#4", title: "Sans date", lang: "fr-fr", outlet: "Le Fil Test",
					text: "Sans date\n\nUne dépêche sans date de publication.",
				},
			},
			bad: []int{3},
		},
		{
			file: "atom.xml",
			items: []item{
				{
					source: "atom.xml#1", title: "Council approves budget", url: "https://wire.example.test/2023/05/22/budget",
					date: "2023-05-22", lang: "en", outlet: "Test Wire",
					text: "Council approves budget\n\nThe Buffalo Common Council voted 6-3 on Monday to approve the 2023-24 budget.\n\n\"We listened,\" Council President Darius G. Pridgen said.",
				},
				{
					// No published date: the update date is used.
					source: "atom.xml#2", title: "Judge sentenced", url: "https://wire.example.test/1991/09/07/judge",
					date: "1991-09-07", lang: "en", outlet: "Test Wire",
					text: "Judge sentenced\n\nU.S. District Judge Robert F. Collins was sentenced Friday to six years in prison.",
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			docs, errs := Read(tt.file, data, Options{Text: html.FragmentText})
			if len(docs) != len(tt.items) {
				t.Fatalf("got %d documents, want %d (errors %v)", len(docs), len(tt.items), errs)
			}
			for i, want := range tt.items {
				d := docs[i]
				got := item{d.Source, d.Title, d.URL, d.Published.String(), d.Lang, d.Outlet, d.Text}
				if got != want {
					t.Errorf("item %d:\n got %+v\nwant %+v", i, got, want)
				}
				if d.Body.Start != 0 || d.Body.End != len(d.Text) || d.ID == "" {
					t.Errorf("item %d: body %v id %q", i, d.Body, d.ID)
				}
			}
			if len(errs) != len(tt.bad) {
				t.Fatalf("errors %v, want items %v", errs, tt.bad)
			}
			for i, err := range errs {
				var ie *ItemError
				if !errors.As(err, &ie) || ie.Item != tt.bad[i] || !errors.Is(err, ErrNoText) {
					t.Errorf("error %v, want item %d without text", err, tt.bad[i])
				}
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{"", "not a feed", "<rss><channel><item>", "<?xml version=\"1.0\"?><html></html>"} {
		docs, errs := Read("bad.xml", []byte(in), Options{})
		if len(docs) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrParse) {
			t.Errorf("Read(%q) = %d docs, errors %v; want one ErrParse", in, len(docs), errs)
		}
	}
}

func TestDefaultText(t *testing.T) {
	data := `<rss version="2.0"><channel><title>T</title><item><title>A</title><description>  plain
	text </description></item></channel></rss>`
	docs, errs := Read("f", []byte(data), Options{})
	if len(errs) != 0 || len(docs) != 1 || docs[0].Text != "A\n\nplain text" {
		t.Fatalf("docs %v errors %v", docs, errs)
	}
	if docs[0].Published.Known() {
		t.Errorf("date %v for an undated item", docs[0].Published)
	}
}

func FuzzRead(f *testing.F) {
	for _, name := range []string{"rss.xml", "atom.xml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"content_html":"<p>x</p>"}]}`))
	f.Add([]byte(`<rss><channel><item><description>&lt;p&gt;a</description></item>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, _ := Read("f.xml", data, Options{Text: html.FragmentText})
		for _, d := range docs {
			if strings.TrimSpace(d.Text) == "" || d.Body.End != len(d.Text) {
				t.Fatalf("bad document %+v", d)
			}
		}
	})
}
