package lang

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

var samples = []struct {
	text  string
	quick string // the quick profile's decision, "" when it defers to lingua
	lang  string // Detect's answer
}{
	{"Le dirigeant nord-coréen Kim Jong Un rencontrera le président russe Vladimir Poutine pour une visite d’État officielle, a annoncé lundi le Kremlin. Les médias d’État nord-coréens ont confirmé lundi la visite dans un article, Kim devant rencontrer Poutine dans les prochains jours, selon un article d’ABC News.", "fr", "fr"},
	{"Les dix magistrats de la cour d'assises spéciale vont rendre leur verdict ce mercredi après neuf mois d'audience. Les peines encourues vont jusqu'à la perpétuité incompressible. Pour les victimes, il sera l'occasion de reprendre le cours de leur vie.", "fr", "fr"},
	{"The Buffalo Common Council announced it has voted 6-3 in favor of approving the Mayor's proposed 2023-24 budget after amendments and negotiations. According to the common council, several amendments were made to the proposed budget to better align with the needs of residents, and the mayor said he would sign it.", "en", "en"},
	{"U.S. District Judge Robert F. Collins was sentenced Friday to six years and 10 months in prison for scheming with a politically connected businessman to split a drug smuggler's $100,000 payoff. The businessman, John Ross, was sentenced to seven years.", "en", "en"},
	// Other languages never take the quick path.
	{"Der Bürgermeister hat am Montag den Haushalt für das kommende Jahr vorgestellt. Nach langen Verhandlungen mit dem Stadtrat wurden mehrere Änderungen beschlossen, die vor allem die Schulen und den öffentlichen Nahverkehr betreffen. Die Opposition kritisierte den Entwurf als unzureichend.", "", "de"},
	{"El alcalde presentó el lunes el presupuesto para el próximo año. Tras largas negociaciones con el consejo municipal, se aprobaron varias enmiendas que afectan sobre todo a las escuelas y al transporte público. Los concejales de la oposición son muy críticos con el proyecto.", "", "es"},
	{"Il sindaco ha presentato lunedì il bilancio per il prossimo anno. Dopo lunghe trattative con il consiglio comunale sono stati approvati diversi emendamenti che riguardano soprattutto le scuole e il trasporto pubblico. L'opposizione ha criticato la proposta.", "", "it"},
	{"O prefeito apresentou na segunda-feira o orçamento para o próximo ano. Depois de longas negociações com a câmara municipal, foram aprovadas várias emendas que dizem respeito sobretudo às escolas e aos transportes públicos. A oposição criticou a proposta.", "", "pt"},
	{"De burgemeester heeft maandag de begroting voor het komende jaar gepresenteerd. Na lange onderhandelingen met de gemeenteraad werden verschillende amendementen aangenomen die vooral de scholen en het openbaar vervoer betreffen. De oppositie had kritiek op het voorstel.", "", "nl"},
	// Too short for the profile.
	{"Le président a parlé.", "", "fr"},
	{"ok", "", Und},
}

func TestDetect(t *testing.T) {
	d := NewDetector()
	for _, s := range samples {
		q, conf, ok := quick(s.text, d.Quick)
		if (s.quick != "") != ok || q != s.quick || (ok && (conf <= 0.5 || conf >= 1)) {
			t.Errorf("quick(%.40q) = %q %.2f %v, want %q", s.text, q, conf, ok, s.quick)
		}
		if got, _ := d.Detect(s.text); got != s.lang {
			t.Errorf("Detect(%.40q) = %q, want %q", s.text, got, s.lang)
		}
	}
}

// TestQuickAgreesWithLingua checks the quick profile against lingua on
// OrangeSum articles, when present.
func TestQuickAgreesWithLingua(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	files, _ := filepath.Glob("/work/shared/data/orangesum-fr-news/parsed/*.json")
	if len(files) == 0 {
		t.Skip("OrangeSum not available")
	}
	if len(files) > 200 {
		files = files[:200]
	}
	full := &Detector{Sample: 3000}
	decided := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var r struct{ Article string }
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		q, _, ok := quick(r.Article, NewDetector().Quick)
		if !ok {
			continue
		}
		decided++
		if l, _ := full.Detect(r.Article); l != q {
			t.Errorf("%s: quick %s, lingua %s", f, q, l)
		}
	}
	if decided < len(files)*95/100 {
		t.Errorf("quick profile decided only %d of %d articles", decided, len(files))
	}
}

func TestChain(t *testing.T) {
	for _, tt := range []struct{ tag, base string }{{"fr-CA", "fr"}, {"FR", "fr"}, {"en_GB", "en"}, {"de", Und}, {"", Und}, {"!!", Und}} {
		if got := Base(tt.tag); got != tt.base {
			t.Errorf("Base(%q) = %q, want %q", tt.tag, got, tt.base)
		}
	}
}

func BenchmarkDetect(b *testing.B) {
	text := samples[0].text + " " + samples[1].text
	for _, bc := range []struct {
		name string
		d    *Detector
	}{{"quick", NewDetector()}, {"lingua", &Detector{Sample: 1000}}} {
		b.Run(bc.name, func(b *testing.B) {
			bc.d.Detect("warm up")
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				bc.d.Detect(text)
			}
		})
	}
}

func FuzzQuick(f *testing.F) {
	for _, s := range samples {
		f.Add(s.text, 1000)
	}
	f.Add("l’État qu’il été", 3)
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if limit < 0 || limit > 1<<16 {
			return
		}
		tag, conf, ok := quick(s, limit)
		if ok != (tag != "") || (ok && (conf <= 0 || conf >= 1)) || (tag != "" && tag != "fr" && tag != "en") {
			t.Fatalf("quick = %q %v %v", tag, conf, ok)
		}
	})
}
