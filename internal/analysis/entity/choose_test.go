package entity

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/analysis"
	"github.com/newsgraph/newsgraph/internal/analysis/quantity"
	"github.com/newsgraph/newsgraph/internal/analysis/segment"
	"github.com/newsgraph/newsgraph/internal/analysis/timex"
	"github.com/newsgraph/newsgraph/internal/doc"
)

// TestTaggerOverGuesses checks that a name the tagger reads whole wins over
// the pieces the capitalisation cues and the knowledge base saw in it (a
// team named after its city, a league after a team joined to it by "de
// la", a name of the same type that goes on in lower case), in French and
// English, and that names the cues read right stay.
func TestTaggerOverGuesses(t *testing.T) {
	tests := []mentionCase{
		{"fr", "Les Sharks de San Jose ont battu les Kings de Los Angeles samedi soir.",
			[]string{"ORG:Sharks de San Jose", "ORG:Kings de Los Angeles"}},
		{"fr", "Les Raptors de Toronto affrontent les Celtics de Boston ce soir.",
			[]string{"ORG:Raptors de Toronto", "ORG:Celtics de Boston"}},
		{"fr", "Il a signé avec les Blue Jays de Toronto de la Ligue américaine en mars.",
			[]string{"ORG:Blue Jays de Toronto", "ORG:Ligue américaine"}},
		// The tagger reads on over lower-case words where the run of
		// capitals stops, with the same type.
		{"fr", "Il a combattu pendant la Première Guerre mondiale avant de rentrer.",
			[]string{"MISC:Première Guerre mondiale"}},
		{"en", "He fought in the First World War before going home.",
			[]string{"MISC:First World War"}},
		// A word typed a place by the preposition before it only is a
		// guess: the tagger's longer name wins; a place alone stays one.
		{"fr", "Il a débuté à l'Avenir sportif de Beauvais en 2010.", []string{"ORG:Avenir sportif de Beauvais"}},
		{"fr", "Ils vivent à Trappes depuis 2010.", []string{"LOC:Trappes"}},
		{"en", "He was born in Tooting in 1950.", []string{"LOC:Tooting"}},
		// A title the cues leave out stays out, though the tagger reads it
		// with the name.
		{"fr", "« Nous verrons », a déclaré Mme Lagarde lundi à Francfort.",
			[]string{"PER:Lagarde", "LOC:Francfort"}},
		{"en", "Mrs Thatcher flew to Windsor on Monday.",
			[]string{"PER:Thatcher", "LOC:Windsor"}},
		// A city alone, and a person before a city, stay as they were.
		{"fr", "Le maire de Toronto a reçu Justin Trudeau à Montréal.",
			[]string{"LOC:Toronto", "PER:Justin Trudeau", "LOC:Montréal"}},
		{"en", "The Sacramento Kings signed him from the Utah Jazz.",
			[]string{"ORG:Sacramento Kings", "ORG:Utah Jazz"}},
		{"en", "She now works for the Bank of Montreal in Chicago.",
			[]string{"ORG:Bank of Montreal", "LOC:Chicago"}},
	}
	checkMentions(t, tests)
}

// TestTaggerSpanDemonyms checks where a tagger span is cut at a demonym: a
// French nationality adjective inside or at the end of an organisation's
// name belongs to it, a demonym before a name (capitalised, in English)
// does not.
func TestTaggerSpanDemonyms(t *testing.T) {
	tests := []mentionCase{
		{"fr", "Il préside la Fédération française de handball depuis mars.",
			[]string{"ORG:Fédération française de handball"}},
		{"fr", "La Fédération française a porté plainte.", []string{"ORG:Fédération française"}},
		{"fr", "Elle a rejoint la Banque centrale européenne en 2019.", []string{"ORG:Banque centrale européenne"}},
		{"en", "Russian President Vladimir Putin spoke on Monday.", []string{"PER:Vladimir Putin"}},
	}
	checkMentions(t, tests)
}

// mentionCase is a text and the mentions its entities should have, as
// "TYPE:mention" in order.
type mentionCase struct {
	lang, text string
	want       []string
}

// checkMentions analyses each case with the shipped taggers, after the
// stages before (which the segmenter precedes), and compares the mentions.
func checkMentions(t *testing.T, cases []mentionCase, before ...analysis.Stage) {
	t.Helper()
	s := withTaggers(t)
	for _, tt := range cases {
		d := &doc.Document{Text: tt.text, Body: doc.Span{Start: 0, End: len(tt.text)}, Lang: tt.lang}
		for _, st := range slices.Concat([]analysis.Stage{segment.New()}, before, []analysis.Stage{s}) {
			if err := st.Analyze(context.Background(), d); err != nil {
				t.Fatal(err)
			}
		}
		var got []string
		for _, e := range d.Entities {
			for _, m := range e.Mentions {
				got = append(got, e.Type+":"+m.Text)
			}
		}
		if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
			t.Errorf("%s %q:\n got %q\nwant %q", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestUnitsNotNames checks that the unit of a quantity the quantity stage
// found is not a name, in French and English, though the tagger may read
// one as a place or a company ("GHz", "USD").
func TestUnitsNotNames(t *testing.T) {
	checkMentions(t, []mentionCase{
		{"fr", "Emmanuel Macron veut la bande des 3,5 GHz dès octobre.", []string{"PER:Emmanuel Macron"}},
		{"en", "The contract is worth 200 million USD, Boeing said.", []string{"ORG:Boeing"}},
		{"fr", "Emmanuel Macron veut la bande des 3,5 gigahertz (GHz) dès octobre.", []string{"PER:Emmanuel Macron"}},
	}, timex.New(), quantity.New())
}

// TestCommonAcronyms checks that acronyms of common nouns and common
// nouns capitalised by convention are no names by themselves in French and
// English, whoever found them (the tagger, the capitalisation cues, the
// knowledge base: French "RSA" is a benefit, not South Africa), and that
// names that are acronyms or take such a word in stay.
func TestCommonAcronyms(t *testing.T) {
	checkMentions(t, []mentionCase{
		{"fr", "Selon l'Insee, le PIB a progressé et la TVA baissera pour les PME.", []string{"ORG:Insee"}},
		{"fr", "Les bénéficiaires du RSA seront reçus par Emmanuel Macron.", []string{"PER:Emmanuel Macron"}},
		{"fr", "Le chef de l'État a reçu les syndicats à Lyon.", []string{"LOC:Lyon"}},
		{"fr", "L'État islamique a revendiqué l'attaque.", []string{"ORG:État islamique"}},
		{"en", "GDP rose 2% and VAT will rise, the NHS said.", []string{"ORG:NHS"}},
		{"en", "The NHS said at 1400 GMT that it would act.", []string{"ORG:NHS"}},
		{"fr", "L'arrivée est prévue à 14 h UTC aux Sables-d'Olonne.", []string{"LOC:Sables-d'Olonne"}},
		{"en", "The RSA team beat New Zealand.", []string{"LOC:RSA", "LOC:New Zealand"}},
	})
}

// TestContractedArticle checks that a French name whose article sits in a
// contraction before it (« au Figaro », « du Monde », « au Havre ») is
// matched in the knowledge base, and that an English text naming the same
// outlet with its article still is.
func TestContractedArticle(t *testing.T) {
	checkLinks(t, []linkCase{
		{"fr", "Il a confié au Figaro qu'il partirait.", "Figaro", "", "org:lefigaro"},
		{"fr", "Selon une enquête du Monde, il a menti.", "Monde", "", "org:lemonde"},
		{"fr", "Il a parlé aux Échos mardi.", "Échos", "", "org:lesechos"},
		{"fr", "Le navire est arrivé au Havre dimanche.", "Havre", "", "geonames:3003796"},
		{"en", "He told Le Monde on Monday that he would leave.", "Le Monde", "", "org:lemonde"},
	})
}

// TestNameStopsWhereTaggerBegins checks that a French name that runs on
// over adjectives and de-phrases (« Conseil des ministres », « ministère
// de l'Intérieur ») stops where the tagger begins another name. (English
// has no such names; its capitalised runs stop there too:
// TestRunSplitByTagger.)
func TestNameStopsWhereTaggerBegins(t *testing.T) {
	checkMentions(t, []mentionCase{
		{"fr", "Le Conseil des ministres Mario Draghi a adopté le texte.", []string{"ORG:Conseil des ministres", "PER:Mario Draghi"}},
		{"fr", "Le ministère de l'Intérieur Gérald Darmanin a réagi.", []string{"ORG:ministère de l'Intérieur", "PER:Gérald Darmanin"}},
		{"fr", "Le ministère de l'Intérieur a réagi.", []string{"ORG:ministère de l'Intérieur"}},
	})
}
