package quantity_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/analysis/quantity"
	"github.com/newsgraph/newsgraph/internal/analysis/segment"
	"github.com/newsgraph/newsgraph/internal/analysis/timex"
	"github.com/newsgraph/newsgraph/internal/doc"
)

var pub = doc.Date{Year: 2023, Month: 9, Day: 13, Precision: doc.PrecDay}

// analyse runs the real segmentation and time stages, then quantities.
func analyse(t testing.TB, lang, text string) *doc.Document {
	d := &doc.Document{Text: text, Body: doc.Span{End: len(text)}, Lang: lang, Published: pub}
	ctx := context.Background()
	if err := segment.New().Analyze(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := timex.New().Analyze(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := quantity.New().Analyze(ctx, d); err != nil {
		t.Fatal(err)
	}
	return d
}

// render gives "text=value unit[~max][ si][ approx][ (measured)]".
func render(d *doc.Document) string {
	var out []string
	for _, q := range d.Quantities {
		s := d.Slice(q.Span) + "=" + strconv.FormatFloat(q.Value, 'f', -1, 64) + " " + q.Unit
		if q.ValueMax != nil {
			s += "~" + strconv.FormatFloat(*q.ValueMax, 'f', -1, 64)
		}
		if q.SI != nil {
			s += " si " + strconv.FormatFloat(q.SI.Value, 'f', -1, 64) + " " + q.SI.Unit
		}
		if q.Approx {
			s += " approx"
		}
		if q.Measured != "" {
			s += " (" + q.Measured + ")"
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

type qcase struct{ name, text, want string }

func run(t *testing.T, lang string, cases []qcase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := analyse(t, lang, c.text)
			if g := render(d); g != c.want {
				t.Errorf("%s\n got: %s\nwant: %s", c.text, g, c.want)
			}
		})
	}
}

func TestFrench(t *testing.T) {
	run(t, "fr", []qcase{
		{"miles", "Un trajet de 683 milles qui sera effectué à seulement 37 milles à l’heure.",
			"683 milles=683 mi si 1099.2 km (trajet); 37 milles à l’heure=37 mi/h si 59.5 km/h"},
		{"percent", "Les prix ont augmenté de 2,8% et de près de 4 % en un an, + de 30% ailleurs.", "2,8%=2.8 %; 4 %=4 % approx; 30%=30 %"},
		{"counts", "Les dix magistrats et douze élèves, 40 pompiers et quatre autres des accusés.",
			"dix magistrats=10 count (magistrats); douze élèves=12 count (élèves); 40 pompiers=40 count (pompiers); quatre autres des accusés=4 count (accusés)"},
		{"both is not a count", "Les deux pays et ces deux adversaires. Deux de nos principaux alliés.", ""},
		{"money", "Un budget de 1,5 million d’euros, 3 milliards de dollars et 20 € de plus, 100 livres sterling.",
			"1,5 million d’euros=1500000 EUR (budget); 3 milliards de dollars=3000000000 USD; 20 €=20 EUR; 100 livres sterling=100 GBP"},
		{"approx", "Une vingtaine de personnes ont fui, environ 500 habitants.", "Une vingtaine de personnes=20 count approx (personnes); 500 habitants=500 count approx (habitants)"},
		{"ranges", "Des rafales entre 70 et 90 km/h et de 10 à 20 personnes.", "70 et 90 km/h=70 km/h~90; 10 à 20 personnes=10 count~20 (personnes)"},
		{"units", "Le feu a détruit 165 hectares, il fait 35 °C et le camion pèse 12 tonnes.", "165 hectares=165 ha; 35 °C=35 °C; 12 tonnes=12 t"},
		{"frequency", "La bande des 3,5 GHz et une radio à 98,2 MHz.", "3,5 GHz=3.5 GHz; 98,2 MHz=98.2 MHz"},
		{"ages", "Jean Dupont, 45 ans, et un homme âgé de 30 ans.", "45 ans=45 year (age); 30 ans=30 year (age)"},
		{"times are not quantities", "Il a passé deux jours et cinq ans de prison, le 12 septembre 2023.", ""},
		{"phone and codes", "Appelez le 18 ou le 112, le COVID-19 et le G7.", ""},
	})
}

func TestEnglish(t *testing.T) {
	run(t, "en", []qcase{
		{"money", "Cuts of $5 million and $1.5 million, and a $100,000 payoff.", "$5 million=5000000 USD; $1.5 million=1500000 USD; $100,000=100000 USD"},
		{"percent", "The 3.8% increase, 12 percent of voters.", "3.8%=3.8 %; 12 percent=12 %"},
		{"points and counts", "City kept eight points ahead; they had 10 guys in the box.", "eight points=8 point; 10 guys=10 count (guys)"},
		{"scores and tallies", "A 2-1 win after the council voted 6-3, one against one.", ""},
		{"ordinals", "Sterling's 96th-minute goal was City's 12th successive win.", ""},
		{"miles", "The storm moved 40 miles at 15 mph.", "40 miles=40 mi si 64.4 km; 15 mph=15 mi/h si 24.1 km/h"},
		{"fahrenheit", "It was 100 °F outside.", "100 °F=100 °F si 37.8 °C"},
		{"frequency", "A 2.4 GHz chip and a 50 Hz grid.", "2.4 GHz=2.4 GHz; 50 Hz=50 Hz"},
		{"age", "A 45-year-old man and a woman aged 30.", "45-year-old=45 year (age); 30=30 year (age)"},
		{"dozen", "About a dozen people and 1.5 billion dollars.", "a dozen people=12 count approx (people); 1.5 billion dollars=1500000000 USD"},
	})
}

func TestBadInput(t *testing.T) {
	for _, c := range []struct{ lang, text string }{
		{"en", "A value of 1e400 tons."},
		{"en", "The number " + strings.Repeat("7", 200) + " people."},
		{"fr", "Il y avait quatre-vingt-quatre-vingt personnes."},
	} {
		d := analyse(t, c.lang, c.text)
		if len(d.Problems) == 0 {
			t.Errorf("%q: no problem recorded", c.text[:min(len(c.text), 40)])
		}
		for _, q := range d.Quantities {
			if q.Value > 1e300 {
				t.Errorf("%q: absurd value %v", c.text, q.Value)
			}
		}
	}
}

func FuzzQuantity(f *testing.F) {
	for _, s := range []string{"1e400 tons", "entre 70 et 90 km/h", "$5 million", "quatre-vingt-quatre-vingt personnes",
		"une vingtaine de", "2-1 win", "1,5 million d'euros", "45-year-old", "100 °F", "de 10 à"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, lg := range []string{"fr", "en"} {
			d := analyse(t, lg, s)
			for _, q := range d.Quantities {
				if q.Span.Start < 0 || q.Span.End > len(s) || q.Span.Start >= q.Span.End || q.Value != q.Value {
					t.Fatalf("bad quantity %+v in %q", q, s)
				}
			}
		}
	})
}

func benchText(b *testing.B) string {
	dir := filepath.Join("..", "..", "..", "..", "shared", "data", "orangesum-fr-news", "parsed")
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Skip("orangesum-fr-news not found")
	}
	var sb strings.Builder
	for i, e := range entries {
		if i >= 200 {
			break
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		var a struct{ Article string }
		if json.Unmarshal(data, &a) == nil {
			sb.WriteString(a.Article)
			sb.WriteString("\n\n")
		}
	}
	return sb.String()
}

// BenchmarkQuantity measures the stage alone on segmented OrangeSum text
// with its times found.
func BenchmarkQuantity(b *testing.B) {
	text := benchText(b)
	d := &doc.Document{Text: text, Body: doc.Span{End: len(text)}, Lang: "fr", Published: pub}
	ctx := context.Background()
	if err := segment.New().Analyze(ctx, d); err != nil {
		b.Fatal(err)
	}
	if err := timex.New().Analyze(ctx, d); err != nil {
		b.Fatal(err)
	}
	st := quantity.New()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		d.Quantities = d.Quantities[:0]
		if err := st.Analyze(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(d.Quantities)), "quantities")
}

func Example() {
	d := analyse(nil, "fr", "Un trajet de 683 milles, effectué à 37 milles à l’heure par 40 pompiers.")
	for _, q := range d.Quantities {
		fmt.Println(d.Slice(q.Span), q.Value, q.Unit)
	}
	// Output:
	// 683 milles 683 mi
	// 37 milles à l’heure 37 mi/h
	// 40 pompiers 40 count
}
