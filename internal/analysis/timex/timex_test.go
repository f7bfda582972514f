package timex_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/analysis/segment"
	"github.com/newsgraph/newsgraph/internal/analysis/timex"
	"github.com/newsgraph/newsgraph/internal/doc"
)

// analyse segments text and runs the time stage on it.
func analyse(t testing.TB, lang, text string, pub doc.Date) *doc.Document {
	d := &doc.Document{Text: text, Body: doc.Span{End: len(text)}, Lang: lang, Published: pub}
	if err := segment.New().Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if err := timex.New().Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

func day(y, m, dd int) doc.Date { return doc.Date{Year: y, Month: m, Day: dd, Precision: doc.PrecDay} }
func month(y, m int) doc.Date   { return doc.Date{Year: y, Month: m, Precision: doc.PrecMonth} }

// got renders the times as "text=value" lines.
func got(d *doc.Document) string {
	var out []string
	for _, t := range d.Times {
		out = append(out, d.Slice(t.Span)+"="+t.Value)
	}
	return strings.Join(out, "; ")
}

type tcase struct {
	name string
	pub  doc.Date
	text string
	want string
}

func run(t *testing.T, lang string, cases []tcase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := analyse(t, lang, c.text, c.pub)
			if g := got(d); g != c.want {
				t.Errorf("%s\n got: %s\nwant: %s", c.text, g, c.want)
			}
		})
	}
}

func TestFrench(t *testing.T) {
	sep23 := day(2023, 9, 13) // a Wednesday
	run(t, "fr", []tcase{
		{"absolute", sep23, "Le sommet aura lieu le 12 septembre 2023 et le 1er mars.", "le 12 septembre 2023=2023-09-12; le 1er mars=2024-03-01"},
		{"numeric day-first", sep23, "Publié le 12/09/2023 et modifié le 2023-09-14.", "12/09/2023=2023-09-12; 2023-09-14=2023-09-14"},
		{"weekday past", sep23, "Le Kremlin a annoncé lundi la visite.", "lundi=2023-09-11"},
		{"weekday future", sep23, "Kim se rendra lundi en Russie.", "lundi=2023-09-18"},
		{"weekday same day", sep23, "Il a parlé mercredi.", "mercredi=2023-09-13"},
		{"weekday in capitals", sep23, "LE VILLAGE FERA LA FÊTE DIMANCHE.", "DIMANCHE=2023-09-17"},
		{"weekday of a dated day", sep23, "Le nettoyage est prévu samedi 16 septembre. Le rendez-vous a été fixé samedi devant la mairie.", "samedi 16 septembre=2023-09-16; samedi=2023-09-16"},
		{"hyphenated noun is no participle", sep23, "Ils ont rendez-vous vendredi à la mairie et viendront.", "vendredi=2023-09-15"},
		{"weekday part of day", sep23, "Le train a quitté Pyongyang dimanche soir.", "dimanche soir=2023-09-10TEV"},
		{"weekday with date", sep23, "Les feux se sont déclarés samedi 9 septembre.", "samedi 9 septembre=2023-09-09"},
		{"deictic", sep23, "Hier, aujourd’hui et demain.", "Hier=2023-09-12; aujourd’hui=2023-09-13; demain=2023-09-14"},
		{"relative units", sep23, "La semaine dernière, le mois dernier et l’an prochain.", "La semaine dernière=2023-W36; le mois dernier=2023-08; l’an prochain=2024"},
		{"ago and in", sep23, "Il y a trois jours, il a promis de revenir dans deux semaines.", "Il y a trois jours=2023-09-10; dans deux semaines=2023-09-27"},
		{"durations", sep23, "Le voyage de deux jours, 48 heures de garde à vue et cinq ans de prison.", "deux jours=P2D; 48 heures=PT48H; cinq ans=P5Y"},
		{"duration half", sep23, "Il a attendu un an et demi, puis une demi-heure.", "un an et demi=P1.5Y; une demi-heure=PT30M"},
		{"last n", sep23, "Les prix ont augmenté ces douze derniers mois.", "ces douze derniers mois=P12M"},
		{"sets", sep23, "Il vient chaque lundi et tous les deux ans, quasi-quotidiennement.", "chaque lundi=XXXX-WXX-1; tous les deux ans=P2Y; quasi-quotidiennement=P1D"},
		{"vague", sep23, "Il a récemment dit que dans les prochains jours, actuellement et dans le passé, dans les mois à venir.", "récemment=PAST_REF; dans les prochains jours=FUTURE_REF; actuellement=PRESENT_REF; dans le passé=PAST_REF; dans les mois à venir=FUTURE_REF"},
		{"clock", sep23, "Le verdict est attendu à partir de 17 heures ce mercredi, puis à 20 h 30.", "17 heures=2023-09-13T17:00; ce mercredi=2023-09-13; 20 h 30=2023-09-13T20:30"},
		{"months and years", sep23, "En janvier, l’inflation n’était que de 0,6 %. Elle devrait ralentir dès 2024.", "janvier=2023-01; 2024=2024"},
		{"year of the paragraph", sep23, "Le plan court de 2016 à 2020. En mai, il a été revu. En mai prochain, il sera étendu.", "2016=2016; 2020=2020; mai=2020-05; mai prochain=2024-05"},
		{"month of", day(2021, 11, 30), "Ce mois de novembre serait un pic.", "Ce mois de novembre=2021-11"},
		{"frame", day(2021, 11, 30), "Une tendance qui s’est accélérée tout au long de l’année.", "tout au long de l’année=2021"},
		{"seasons decades centuries", sep23, "L’été dernier, comme dans les années 1990 et au XXe siècle.", "L’été dernier=2023-SU; les années 1990=199; XXe siècle=19"},
		{"connectives are not times", sep23, "Dans le même temps, Pendant ce temps, il a été élu.", ""},
		{"age is not a duration", sep23, "Jean Dupont, 45 ans, a été interpellé. Un homme âgé de 30 ans.", ""},
		{"count is not a year", sep23, "Plus de 2000 personnes ont manifesté.", ""},
		{"quoted part of day", day(2020, 8, 2), "Les feux se sont déclarés samedi 1er août. « Dans l’après-midi, on craint le vent », indique la maire.", "samedi 1er août=2020-08-01; l’après-midi=2020-08-02TAF"},
		{"month-only dateline", month(2023, 9), "Le Kremlin a annoncé lundi, et le mois dernier.", "lundi=2023-09; le mois dernier=2023-08"},
		{"no dateline", doc.Date{}, "Il a parlé lundi du 12 septembre et d’hier.", "lundi=XXXX-WXX-1; 12 septembre=XXXX-09-12; hier=XXXX-XX-XX"},
		{"dateline in the text", doc.Date{}, "21 juin 2012. - Le ministre a parlé samedi, et le fera demain.", "21 juin 2012=2012-06-21; samedi=2012-06-16; demain=2012-06-22"},
		{"a date opening a sentence is no dateline", doc.Date{}, "Le 21 juin 2012, le ministre a parlé samedi.", "Le 21 juin 2012=2012-06-21; samedi=XXXX-WXX-6"},
	})
}

func TestEnglish(t *testing.T) {
	sep91 := day(1991, 9, 7) // a Saturday
	run(t, "en", []tcase{
		{"weekday past", sep91, "Judge Collins was sentenced Friday to prison.", "Friday=1991-09-06"},
		{"weekday future", sep91, "The council will vote on Monday morning.", "Monday morning=1991-09-09TMO"},
		{"weekday of a dated day", sep91, "The cleanup is set for Sept. 13. Volunteers were told to meet Friday at City Hall.", "Sept. 13=1991-09-13; Friday=1991-09-13"},
		{"month day", sep91, "They must report to prison Nov. 6, defense attorneys said.", "Nov. 6=1991-11-06"},
		{"full dates", sep91, "It began Sept. 12, 2023 and ended on 2023-09-14 or 09/15/2023.", "Sept. 12, 2023=2023-09-12; 2023-09-14=2023-09-14; 09/15/2023=2023-09-15"},
		{"durations", sep91, "He got six years and 10 months, and she got seven years and four months.", "six years and 10 months=P6Y10M; seven years and four months=P7Y4M"},
		{"ago", sep91, "Two days ago and last week, and next year.", "Two days ago=1991-09-05; last week=1991-W35; next year=1992"},
		{"vague", sep91, "Reports will now be required, as currently planned; who knows what happens in the future.", "now=PRESENT_REF; currently=PRESENT_REF; the future=FUTURE_REF"},
		{"set", sep91, "Reports every two months and each Monday.", "every two months=P2M; each Monday=XXXX-WXX-1"},
		{"clock", sep91, "The vote is at 5 p.m. and the count at 9:30 pm.", "5 p.m.=1991-09-07T17:00; 9:30 pm=1991-09-07T21:30"},
		{"today in a quote", sep91, `Collins was sentenced Friday. "Today, people were shown that the system works," he said.`, "Friday=1991-09-06; Today=1991-09-06"},
		{"year of the paragraph", sep91, "The plan ran from 1985 to 1989. In March, it was revised, and next March it will end.", "1985=1985; 1989=1989; March=1989-03; next March=1992-03"},
		{"may is a verb", sep91, "The council may decide in May.", "May=1991-05"},
		{"minutes are not times", sep91, "Sterling's 96th-minute goal and the sixth minute of stoppage time.", ""},
		{"decade", sep91, "In the 1990s and the 20th century.", "the 1990s=199; the 20th century=19"},
		{"age", sep91, "A 45-year-old man and a woman aged 30 years.", ""},
		{"dateline in the text", doc.Date{}, "June 21, 2012 - The minister spoke on Saturday and will speak again tomorrow.", "June 21, 2012=2012-06-21; Saturday=2012-06-16; tomorrow=2012-06-22"},
	})
}

func TestBadInput(t *testing.T) {
	for _, c := range []struct {
		name, lang, text string
		pub              doc.Date
		problem          bool
	}{
		{"impossible day", "fr", "Le 31 février 2023 est passé.", day(2023, 9, 13), true},
		{"impossible iso", "en", "It happened on 2023-13-45.", day(2023, 9, 13), true},
		{"far future dateline", "en", "He spoke on Monday.", doc.Date{Year: 9999, Month: 1, Day: 1, Precision: doc.PrecDay}, true},
		{"malformed dateline", "fr", "Il a parlé lundi.", doc.Date{Year: 2023, Month: 13, Day: 40, Precision: doc.PrecDay}, true},
		{"fine", "fr", "Il a parlé lundi.", day(2023, 9, 13), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := analyse(t, c.lang, c.text, c.pub)
			if (len(d.Problems) > 0) != c.problem {
				t.Errorf("problems %v, want problem %v", d.Problems, c.problem)
			}
			for _, tm := range d.Times {
				if strings.Contains(tm.Value, "9999") || strings.Contains(tm.Value, "-13-") {
					t.Errorf("invented value %q from bad input", tm.Value)
				}
			}
		})
	}
}

func TestRemovedParagraphs(t *testing.T) {
	text := "Publié le 02/08/2020 à 13:11\n\nLes feux ont repris samedi."
	d := &doc.Document{Text: text, Body: doc.Span{End: len(text)}, Lang: "fr", Published: day(2020, 8, 2)}
	if err := segment.New().Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	d.Paragraphs[0].Removed = true
	d.Removed = append(d.Removed, doc.Removed{Span: d.Paragraphs[0].Span, Kind: "byline"})
	if err := timex.New().Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if g := got(d); g != "samedi=2020-08-01" {
		t.Errorf("got %s, want only the kept paragraph's time", g)
	}
}

func FuzzTimex(f *testing.F) {
	for _, s := range []string{"le 31 février 2023", "2023-13-45", "lundi 12 septembre à 17 h 30", "il y a 1e400 jours",
		"quatre-vingt-quatre-vingt jours", "every 99999999999999999999 years", "les années 1990 et le XXIe siècle", "9:99 p.m.", "seven years and", "deux ans et", "il y a", "the past"} {
		f.Add(s, 2023, 9, 13)
	}
	f.Fuzz(func(t *testing.T, s string, y, m, dd int) {
		for _, lg := range []string{"fr", "en"} {
			d := analyse(t, lg, s, doc.Date{Year: y, Month: m, Day: dd, Precision: doc.PrecDay})
			for _, tm := range d.Times {
				if tm.Span.Start < 0 || tm.Span.End > len(s) || tm.Span.Start >= tm.Span.End {
					t.Fatalf("bad span %v in %q", tm.Span, s)
				}
			}
		}
	})
}

// benchText returns French news text from the OrangeSum sample, or skips.
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

// BenchmarkTimex measures the stage alone on segmented OrangeSum text.
func BenchmarkTimex(b *testing.B) {
	text := benchText(b)
	d := &doc.Document{Text: text, Body: doc.Span{End: len(text)}, Lang: "fr", Published: day(2020, 5, 24)}
	if err := segment.New().Analyze(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	st := timex.New()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		d.Times = d.Times[:0]
		if err := st.Analyze(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(d.Times)), "times")
}

func Example() {
	text := "Le Kremlin a annoncé lundi que Kim se rendra en Russie dans les prochains jours."
	d := &doc.Document{Text: text, Body: doc.Span{End: len(text)}, Lang: "fr", Published: day(2023, 9, 13)}
	segment.New().Analyze(context.Background(), d)
	timex.New().Analyze(context.Background(), d)
	for _, t := range d.Times {
		fmt.Printf("%s %s %s\n", d.Slice(t.Span), t.Type, t.Value)
	}
	// Output:
	// lundi DATE 2023-09-11
	// dans les prochains jours DATE FUTURE_REF
}
