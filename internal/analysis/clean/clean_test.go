package clean

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// page builds a document from lines of the form "K text", where K is the
// expected removal kind: "=" kept, "B" boilerplate, "T" teaser, "Y" byline,
// "C" credit, "R" repeat. Each line is one paragraph.
func page(lang string, lines []string) (*doc.Document, []string) {
	var b strings.Builder
	var want []string
	var paras []doc.Paragraph
	for _, l := range lines {
		kind, text, _ := strings.Cut(l, " ")
		start := b.Len()
		b.WriteString(text)
		paras = append(paras, doc.Paragraph{Span: doc.Span{Start: start, End: b.Len()}})
		b.WriteString("\n\n")
		want = append(want, kind)
	}
	d := &doc.Document{Text: b.String(), Lang: lang, Paragraphs: paras}
	d.Body = doc.Span{Start: 0, End: len(d.Text)}
	return d, want
}

var kindCode = map[string]string{"": "=", "boilerplate": "B", "teaser": "T", "byline": "Y", "credit": "C", "repeat": "R"}

var cases = []struct {
	lang, name string
	lines      []string
}{
	{"fr", "page chrome", []string{
		"B Dakarposte.com",
		"= Demba Kandji : « Personne n’a le droit de proclamer les résultats provisoires, sauf la CNRV »",
		"Y Rédigé par Dakarposte le Lundi 25 Février 2019 à 21:14",
		"= Le président de la Commission nationale de recensement des votes a indiqué lundi que « personne n’a le droit de publier les résultats ».",
		"= Toutefois, s’est défendu Demba Kandji, « je ne condamne absolument rien », en réaction à la sortie du Premier ministre.",
		"R Demba Kandji : « Personne n’a le droit de proclamer les résultats provisoires, sauf la CNRV »",
		"B Inscription à la newsletter",
		"B Vidéos & images",
	}},
	{"fr", "calls to action and read-more", []string{
		"= Le dirigeant nord-coréen Kim Jong Un rencontrera le président russe Vladimir Poutine, a annoncé lundi le Kremlin.",
		"B CLIQUEZ ICI pour recevoir gratuitement toute l’actualité dans votre boîte mail",
		"= Les médias d’État nord-coréens ont confirmé lundi la visite dans un article, selon un article d’ABC News.",
		"B Lire aussi :",
		"T Les États-Unis menacent la Corée du Nord à propos d’un accord sur les armes",
		"= Un train pare-balles censé transporter le dirigeant a quitté Pyongyang dimanche soir, selon le reportage.",
		"C Crédit photo : AFP",
		"B Partager",
	}},
	{"fr", "teaser between paragraphs", []string{
		"= Un train pare-balles censé transporter le dirigeant nord-coréen a quitté Pyongyang dimanche soir, selon le reportage.",
		"T Les États-Unis menacent la Corée du Nord à propos d’un accord sur les armes avec la Russie et déclarent que le pays « paiera un prix »",
		"= Poutine a également entamé lundi un voyage de deux jours à Vladivostok pour un forum économique, selon l’agence TASS.",
	}},
	{"fr", "section subheadings stay", []string{
		"= Les dix magistrats de la cour d'assises spéciale vont rendre leur verdict ce mercredi après neuf mois d'audience.",
		"= Un procès hors norme",
		"= 148 jours après le début du procès, la cour se retire pour délibérer sur le sort des vingt accusés.",
		"= Des peines lourdes requises contre les principaux accusés par le parquet national antiterroriste",
		"= Le parquet a requis la réclusion criminelle à perpétuité incompressible contre Salah Abdeslam.",
	}},
	{"fr", "list items stay", []string{
		"= La Convention citoyenne a adopté plusieurs propositions phares pour le climat, dont voici les principales :",
		"= - limitation à 110 km/h sur autoroute",
		"= - interdiction des vols intérieurs",
		"= - création d’un crime d’écocide",
		"= Le président doit livrer lundi ses premières réponses aux propositions de la convention.",
		"= Parmi les mesures évoquées :",
		"= la rénovation thermique des logements",
		"= la fin des chaudières au fioul",
	}},
	{"fr", "list at the end stays", []string{
		"= Le gouvernement a présenté mardi son plan de relance de cent milliards d’euros pour l’économie française.",
		"= Les trois priorités retenues sont les suivantes :",
		"= • l’écologie",
		"= • la compétitivité",
		"= • la cohésion",
	}},
	{"fr", "labels after the end", []string{
		"= Deux jours après l'incendie qui a ravagé 165 hectares à Anglet, deux feux importants se sont déclarés samedi en Ardèche.",
		"= 40 pompiers sont encore sur place pour surveiller les lisières, a précisé la préfecture dans un communiqué.",
		"B Faits divers",
		"B Incendie Ardèche Gard",
	}},
	{"fr", "byline at the start", []string{
		"Y publié le 02/08/2020 à 13:11",
		"= Deux jours après l'incendie qui a ravagé 165 hectares à Anglet, deux feux importants se sont déclarés samedi en Ardèche.",
	}},
	{"en", "page chrome", []string{
		"= BUFFALO, N.Y. (WKBW) — The Buffalo Common Council announced it has voted 6-3 in favor of approving the Mayor's proposed budget.",
		"B Click here to sign up for our daily newsletter",
		"= According to the common council, several amendments were made to the proposed budget \"to better align with the needs of residents.\"",
		"B You can find the full list of amendments here.",
		"B Read more: Council votes on police overtime",
		"T Mayor Brown says city will not raise property taxes for the third straight year",
		"= The budget takes effect on July 1, officials said in a statement on Monday.",
		"Y Updated 5:04 PM EDT May 22, 2023",
		"C Photo: Getty Images",
		"B Advertisement",
		"B Share this:",
		"B Facebook",
		"B Twitter",
	}},
	{"en", "teaser with a headline verb", []string{
		"= Manchester City manager Pep Guardiola praised the heart of his players after Raheem Sterling's late goal on Wednesday.",
		"T Guardiola warns City players not to get carried away after their best start to a season in Premier League history",
		"= It had seemed as if what became City's 14th successive league win would end in a draw when Southampton equalised.",
	}},
	{"en", "subheadings and lists stay", []string{
		"= The council voted 6-3 on Monday to approve the 2023-24 budget after weeks of negotiations with the mayor.",
		"= What changed in the final version of the city budget this year",
		"= Several amendments were made to the proposed budget, the council said in a statement on Monday.",
		"= The main changes are:",
		"= $2.5 million for street repairs",
		"= five new police officers",
		"= The mayor is expected to sign the budget this week, a spokesman said on Tuesday.",
	}},
	{"und", "neutral cues", []string{
		"= Der Rat hat am Montag den Haushalt mit sechs zu drei Stimmen angenommen, teilte die Stadt mit.",
		"C © Getty Images",
		"B Facebook",
		"B Twitter",
	}},
}

func TestClean(t *testing.T) {
	s := New()
	for _, tt := range cases {
		t.Run(tt.lang+"/"+tt.name, func(t *testing.T) {
			d, want := page(tt.lang, tt.lines)
			if err := s.Analyze(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			got := make([]string, len(d.Paragraphs))
			for i := range got {
				got[i] = "="
			}
			for _, r := range d.Removed {
				for i, p := range d.Paragraphs {
					if p.Span == r.Span {
						got[i] = kindCode[r.Kind]
						if !p.Removed || r.Stage != Name || r.Reason == "" {
							t.Errorf("paragraph %d: removed %v, stage %q, reason %q", i, p.Removed, r.Stage, r.Reason)
						}
					}
				}
			}
			for i := range want {
				if got[i] != want[i] {
					reason := ""
					for _, r := range d.Removed {
						if r.Span == d.Paragraphs[i].Span {
							reason = r.Reason
						}
					}
					t.Errorf("%s %s\n    got %s (%s)", want[i], d.Slice(d.Paragraphs[i].Span), got[i], reason)
				}
			}
		})
	}
}

func TestKeptHelpers(t *testing.T) {
	d, _ := page("fr", []string{"= Le président a parlé lundi devant les députés réunis à Paris pour la session.", "B Partager"})
	if err := New().Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Kept()) != 1 || !d.IsRemoved(d.Paragraphs[1].Span) || d.IsRemoved(d.Paragraphs[0].Span) {
		t.Errorf("kept %v removed %v", d.Kept(), d.Removed)
	}
}

func BenchmarkClean(b *testing.B) {
	var lines []string
	for _, c := range cases {
		lines = append(lines, c.lines...)
	}
	s := New()
	d0, _ := page("fr", lines)
	b.SetBytes(int64(len(d0.Text)))
	b.ReportAllocs()
	for b.Loop() {
		d, _ := page("fr", lines)
		if err := s.Analyze(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
}
