package entity

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

func TestMentions(t *testing.T) {
	type m struct{ text, typ string }
	tests := []struct {
		name, lang, text string
		want             []m
		not              []string
	}{
		{"fr names and demonyms", "fr",
			"Le dirigeant nord-coréen Kim Jong Un rencontrera le président russe Vladimir Poutine, a annoncé lundi le Kremlin.",
			[]m{{"Kim Jong Un", "PER"}, {"Vladimir Poutine", "PER"}, {"Kremlin", "ORG"}},
			[]string{"nord-coréen", "russe", "dirigeant", "Le", "lundi"}},
		{"en company with a legal form after a first name", "en",
			"Royal said it agreed to sell its properties to Victoria Exploration N.L. of Perth for 3.65 mln dlrs.",
			[]m{{"Victoria Exploration N.L.", "ORG"}}, nil},
		{"fr lowercase multiword name", "fr",
			"« Il tiendra un sommet », a indiqué l’agence de presse centrale coréenne, selon le reportage.",
			[]m{{"agence de presse centrale coréenne", "ORG"}}, nil},
		{"fr acronym and country alias", "fr",
			"Les négociations entre la Russie et la RPDC progressent, selon les États-Unis.",
			[]m{{"Russie", "LOC"}, {"RPDC", "LOC"}, {"États-Unis", "LOC"}}, []string{"Les"}},
		{"fr the rest of a number's word is not a name", "fr",
			"Peu après 16H30, les secours sont arrivés à Bapaume, puis le 3e régiment.",
			[]m{{"Bapaume", "LOC"}}, []string{"H30", "e"}},
		{"en the rest of a number's word is not a name", "en",
			"The Boeing 737MAX landed in Denver at 9PM, officials said.",
			[]m{{"Denver", "LOC"}}, []string{"MAX", "PM"}},
		{"fr a capitalised article inside a sentence is part of the name", "fr",
			"Il a été interpellé, rapporte La Voix du Nord lundi. Le Télégramme précise que les faits sont anciens.",
			[]m{{"La Voix du Nord", "ORG"}}, []string{"Voix du Nord", "Nord", "Le"}},
		{"en a capitalised article inside a sentence is part of the name", "en",
			"The mayor told The Daily Gazette on Monday that the budget had passed.",
			[]m{{"The Daily Gazette", "ORG"}}, []string{"Daily Gazette", "The mayor"}},
		{"en a role's organisation after of; a surname that is also a town", "en",
			"Fritz Henderson, the Chief Executive Officer of General Motors, outlined the plan. Henderson said General Motors would survive.",
			[]m{{"Fritz Henderson", "PER"}, {"Henderson", "PER"}, {"General Motors", "ORG"}}, []string{"Motors", "Chief Executive Officer of General Motors"}},
		{"en a demonym is not the town of that name; a country named like its demonym is", "en",
			"GM received $1.5 billion from the German government, and Argentine officials met in Laos.",
			[]m{{"Laos", "LOC"}}, []string{"German", "Argentine"}},
		{"en a name made of common words is not a person", "en",
			"Members of the Developer Program pay a fee to join.",
			[]m{{"Developer Program", "MISC"}}, nil},
		{"fr a name made of common words is not a person", "fr",
			"Le ministre a présenté lundi le Plan Vélo aux maires.",
			[]m{{"Plan Vélo", "MISC"}}, nil},
		{"fr a title of either gender is not part of the name", "fr",
			"La peine est assortie d'une interdiction d'exercer, selon Me Magali Loos, avocate d'une plaignante.",
			[]m{{"Magali Loos", "PER"}}, []string{"Me Magali Loos", "Me"}},
		{"en a title of either gender is not part of the name", "en",
			"The results were encouraging, Dr Anna Berg told the conference.",
			[]m{{"Anna Berg", "PER"}}, []string{"Dr Anna Berg", "Dr"}},
		{"en a given name from the training data opens a person's name", "en",
			"Profits will rise, said Chris Rowland of Barclays de Zoete Wedd.",
			[]m{{"Chris Rowland", "PER"}}, []string{"Chris Rowland of Barclays de Zoete Wedd"}},
		{"fr places after prepositions", "fr",
			"Deux feux se sont déclarés samedi en Ardèche et dans le Gard, après celui d'Anglet.",
			[]m{{"Ardèche", "LOC"}, {"Gard", "LOC"}}, []string{"Deux", "samedi"}},
		{"fr capitalised noun complement is not a name", "fr",
			"Les médias d’État ont annoncé un coup d'État et la visite du secrétaire d’État Antony Blinken à Kiev.",
			[]m{{"Antony Blinken", "PER"}}, []string{"État"}},
		{"fr organisation with one capital", "fr",
			"Le président de la Commission nationale de recensement des votes a indiqué lundi que rien n'est fait.",
			[]m{{"Commission nationale de recensement des votes", "ORG"}}, []string{"Le", "président"}},
		{"fr lowercase head before a name", "fr",
			"Elle a assisté aux audiences avec son maillot de l'équipe de France, victime de l'attentat au stade de France.",
			[]m{{"équipe de France", "ORG"}, {"stade de France", "LOC"}}, []string{"France"}},
		{"fr organisation and nationality", "fr",
			"Le porte-parole du Conseil de sécurité nationale américain, John Kirby, l'a confirmé.",
			[]m{{"Conseil de sécurité nationale américain", "ORG"}, {"John Kirby", "PER"}}, []string{"porte-parole"}},
		{"en title before name", "en",
			"U.S. District Judge Robert F. Collins was sentenced Friday to six years in prison.",
			[]m{{"Robert F. Collins", "PER"}}, []string{"Friday", "U.S. District Judge", "U.S. District Judge Robert F. Collins"}},
		{"en role and weekday", "en",
			"Mayor Byron Brown released the following statement on Monday.",
			[]m{{"Byron Brown", "PER"}}, []string{"Mayor", "Monday", "Mayor Byron Brown"}},
		{"en organisations named after a place", "en",
			"The Buffalo Common Council voted after cuts to the Buffalo Police Department budget.",
			[]m{{"Buffalo Common Council", "ORG"}, {"Buffalo Police Department", "ORG"}}, []string{"The", "Buffalo"}},
		{"en longer name over a known one", "en",
			"Rebekah Koffler told Fox News Digital that the U.S. Justice Department was wrong.",
			[]m{{"Rebekah Koffler", "PER"}, {"Fox News Digital", "ORG"}, {"U.S. Justice Department", "ORG"}}, []string{"Fox News", "Justice Department"}},
		{"en person and place split", "en",
			"U.S. District Judge Joseph Young of Baltimore imposed the sentences.",
			[]m{{"Joseph Young", "PER"}, {"Baltimore", "LOC"}}, []string{"Joseph Young of Baltimore"}},
		{"en demonyms are not mentions", "en",
			"The Russian president met American and North Korean officials.",
			nil, []string{"Russian", "American", "North Korean", "The"}},
		{"en sentence-initial common word", "en",
			"Police said the suspect fled. Fire crews arrived later.",
			nil, []string{"Police", "Fire"}},
		{"en shouting line", "en",
			"THE COUNCIL WILL MEET AGAIN NEXT WEEK TO DISCUSS THE BUDGET",
			nil, []string{"THE COUNCIL", "THE", "COUNCIL"}},
		{"en place of", "en",
			"This budget will strengthen the City of Buffalo for all residents.",
			[]m{{"City of Buffalo", "LOC"}}, nil},
		{"en stadium and league", "en",
			"Sterling scored at the Etihad Stadium to keep the Premier League leaders ahead.",
			[]m{{"Etihad Stadium", "LOC"}, {"Premier League", "MISC"}}, nil},
	}
	s := plain(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := analyze(t, s, tt.lang, tt.text)
			for _, w := range tt.want {
				e := entityOf(d, w.text)
				if e == nil {
					t.Errorf("no mention %q%s", w.text, describe(d))
					continue
				}
				if e.Type != w.typ {
					t.Errorf("%q: type %s, want %s%s", w.text, e.Type, w.typ, describe(d))
				}
			}
			for _, n := range tt.not {
				if entityOf(d, n) != nil {
					t.Errorf("%q is a mention%s", n, describe(d))
				}
			}
		})
	}
}

// TestPersonRole checks that a person's role noun before a name or in
// apposition after it makes the name a person's, whatever the tagger
// guessed, and that the role is recorded once.
func TestPersonRole(t *testing.T) {
	s := withTaggers(t)
	for _, c := range []struct{ lang, text, name, role string }{
		{"fr", "Barroso, le président de la Commission européenne, se dit rassuré après le vote.", "Barroso", "président de la Commission européenne"},
		{"en", "The club said Arsenal manager Holloway would stay.", "Holloway", "Arsenal manager"},
	} {
		d := analyze(t, s, c.lang, c.text)
		e := entityOf(d, c.name)
		if e == nil || e.Type != "PER" || len(e.Roles) != 1 || e.Roles[0].Text != c.role {
			t.Errorf("%s: want PER %s with the one role %q%s", c.lang, c.name, c.role, describe(d))
		}
	}
	// A place after a place preposition is no person, whatever role
	// follows it in apposition.
	for _, c := range []struct{ lang, text, place string }{
		{"fr", "Le quotidien rapporte qu'en Haute-Savoie, le maire du village de Thônes a démissionné.", "Haute-Savoie"},
		{"fr", "Dans le Gard, le maire de la commune de Vauvert avait demandé le report du vote.", "Gard"},
		{"en", "In Montana, the governor of the state signed the bill on Monday.", "Montana"},
	} {
		d := analyze(t, s, c.lang, c.text)
		if e := entityOf(d, c.place); e == nil || e.Type == "PER" {
			t.Errorf("%s: want %s, not a person%s", c.lang, c.place, describe(d))
		}
	}
	// A party after a role noun is no person: its acronym, or a name
	// opening with its article.
	for _, c := range []struct{ text, party string }{
		{"Figuraient parmi les intervenantes la députée LFI Danièle Obono et une politologue.", "LFI"},
		{"Ce qui l'a poussé, c'est que le candidat La République en marche a parlé de sa famille.", "La République"},
	} {
		d := analyze(t, s, "fr", c.text)
		if e := entityOf(d, c.party); e != nil && e.Type == "PER" {
			t.Errorf("%s typed PER%s", c.party, describe(d))
		}
	}
}

// TestSurnameOfSmallCountryLeader checks that a bare surname names a
// leader of a small country only when the text names that country.
func TestSurnameOfSmallCountryLeader(t *testing.T) {
	d := analyze(t, withTaggers(t), "fr", "Or nous partons en tournée avec Jesus, et ça, c'est grâce au public.")
	if e := entityOf(d, "Jesus"); e != nil && e.KBID != "" {
		t.Errorf("Jesus linked to %s %q%s", e.KBID, e.Name, describe(d))
	}
}

func TestCoref(t *testing.T) {
	tests := []struct {
		name, lang, text string
		same             [][]string // mentions of one entity
		apart            [][2]string
	}{
		{"fr surname and spelling variants", "fr",
			"Kim Jong Un rencontrera Vladimir Poutine. Kim devant rencontrer Poutine, Rebekah Koffler estime que le voyage de Kim Jong-Un compte. « C'est clair », a déclaré Koffler.",
			[][]string{{"Kim Jong Un", "Kim", "Kim Jong-Un"}, {"Vladimir Poutine", "Poutine"}, {"Rebekah Koffler", "Koffler"}},
			[][2]string{{"Kim", "Poutine"}}},
		{"fr acronym of a name in the text", "fr",
			"La Commission nationale de recensement des votes est seule compétente. Personne ne peut publier les résultats, sauf la CNRV.",
			[][]string{{"Commission nationale de recensement des votes", "CNRV"}}, nil},
		{"fr acronym from the knowledge base", "fr",
			"Adrienne Watson, porte-parole du NSC, a parlé du Conseil de sécurité nationale américain.",
			[][]string{{"NSC", "Conseil de sécurité nationale américain"}}, nil},
		{"en first name, surname, last word of a club", "en",
			"Manchester City manager Pep Guardiola praised Raheem Sterling. City stayed top. Guardiola said Raheem scores. Sterling agreed.",
			[][]string{{"Manchester City", "City"}, {"Pep Guardiola", "Guardiola"}, {"Raheem Sterling", "Raheem", "Sterling"}},
			[][2]string{{"Raheem", "Guardiola"}}},
		{"en surname that is also a town", "en",
			"Guardiola argued with Southampton's Nathan Redmond. Redmond is so good one against one.",
			[][]string{{"Nathan Redmond", "Redmond"}}, nil},
		{"en place and club named after it", "en",
			"MANCHESTER, England (AFP) - Manchester City won again.",
			nil, [][2]string{{"MANCHESTER", "Manchester City"}}},
		{"en first word of a company's name", "en",
			"Royal Resources Inc said it will ask holders to change the name to Royal Gold Inc. Royal defines a gold company as one producing gold.",
			[][]string{{"Royal Resources Inc", "Royal"}}, [][2]string{{"Royal", "Royal Gold Inc"}}},
		{"en middle initial", "en",
			"Judge Joseph H. Young spoke. Later Joseph Young left and Young said nothing.",
			[][]string{{"Joseph H. Young", "Joseph Young", "Young"}}, nil},
	}
	s := plain(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := analyze(t, s, tt.lang, tt.text)
			for _, group := range tt.same {
				first := entityOf(d, group[0])
				if first == nil {
					t.Errorf("no mention %q%s", group[0], describe(d))
					continue
				}
				for _, m := range group[1:] {
					if e := entityOf(d, m); e == nil || e.ID != first.ID {
						t.Errorf("%q and %q are not one entity%s", group[0], m, describe(d))
					}
				}
			}
			for _, p := range tt.apart {
				a, b := entityOf(d, p[0]), entityOf(d, p[1])
				if a == nil || b == nil {
					t.Errorf("missing %q or %q%s", p[0], p[1], describe(d))
					continue
				}
				if a.ID == b.ID {
					t.Errorf("%q and %q are one entity%s", p[0], p[1], describe(d))
				}
			}
		})
	}
}

// TestRunSplitByTagger checks that a capitalised run the tagger reads as
// adjacent names gives those names, in French and English.
func TestRunSplitByTagger(t *testing.T) {
	s := withTaggers(t)
	for _, c := range []struct {
		lang, text string
		want       []string // TYPE name
	}{
		{"fr", "La maire PS de Paris Anne Hidalgo a annoncé lundi un nouveau plan.", []string{"ORG PS", "LOC Paris", "PER Anne Hidalgo"}},
		{"fr", "La sénatrice PS de Lille Martine Aubry a parlé avant le début de la séance.", []string{"ORG PS", "LOC Lille", "PER Martine Aubry"}},
		{"en", "The comments by Bank of England Andrew Bailey were welcomed.", []string{"ORG Bank of England", "PER Andrew Bailey"}},
		{"en", "The vote in Ohio Sherrod Brown won was close.", []string{"LOC Ohio", "PER Sherrod Brown"}},
	} {
		d := analyze(t, s, c.lang, c.text)
		for _, w := range c.want {
			typ, name, _ := strings.Cut(w, " ")
			if e := entityOf(d, name); e == nil || e.Type != typ {
				t.Errorf("%s %q: want %s%s", c.lang, c.text, w, describe(d))
			}
		}
	}
}

// TestTwoWordDemonymNotPlace checks that a two-word demonym is not the
// place its first word names ("South African": not the region "South"),
// while the country it names still is one, and that a one-word region
// before a demonym is not a place either ("North American").
func TestTwoWordDemonymNotPlace(t *testing.T) {
	s := plain(t)
	for _, c := range []struct{ lang, text, notPlace, place string }{
		{"en", "The South African unit said sales rose. South Africa agreed.", "South", "South Africa"},
		{"en", "A South Korean official met the envoy in South Korea.", "South", "South Korea"},
		{"fr", "Le gouvernement sud-africain a réagi. L'Afrique du Sud a accepté.", "Sud", "Afrique du Sud"},
		// A one-word region before a demonym qualifies it.
		{"en", "North American leaders met in Ottawa. They flew home to North Carolina.", "North", "North Carolina"},
		{"fr", "Les pluies ont touché l'Ouest canadien lundi. Vancouver a été épargnée.", "Ouest", "Vancouver"},
	} {
		d := analyze(t, s, c.lang, c.text)
		for _, e := range d.Entities {
			if e.Name == c.notPlace {
				t.Errorf("%s %q: %q is an entity%s", c.lang, c.text, c.notPlace, describe(d))
			}
		}
		if e := entityOf(d, c.place); e == nil || e.Type != "LOC" {
			t.Errorf("%s %q: want the place %q%s", c.lang, c.text, c.place, describe(d))
		}
	}
	// A region that ends the text has no word after it to look at.
	if d := analyze(t, s, "en", "Trade grew in the North"); entityOf(d, "North") == nil {
		t.Errorf("the region at the end of the text is lost%s", describe(d))
	}
}

// TestCountryCodesNotNames checks that a country's sports and licence-plate
// codes (SE, NED, SUI, ALG) are not taken for the country, in French and
// English, while the initials of its names still are (RDC, ROK).
func TestCountryCodesNotNames(t *testing.T) {
	tests := []struct {
		lang, text, mention, kbid string // kbid "": not linked to a country
	}{
		{"fr", "Il était qualifié dans une triangulaire avec les candidats PS et SE.", "SE", ""},
		{"en", "The final between NED and SUI ended in a draw.", "NED", ""},
		{"en", "The final between NED and SUI ended in a draw.", "SUI", ""},
		{"fr", "Les troupes de la RDC ont repris la ville.", "RDC", "iso:CD"},
		{"en", "ROK forces held drills with US troops.", "ROK", "iso:KR"},
	}
	s := plain(t)
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.mention, func(t *testing.T) {
			d := analyze(t, s, tt.lang, tt.text)
			e := entityOf(d, tt.mention)
			got := ""
			if e != nil && strings.HasPrefix(e.KBID, "iso:") {
				got = e.KBID
			}
			if got != tt.kbid {
				t.Errorf("%q linked to %q, want %q%s", tt.mention, got, tt.kbid, describe(d))
			}
		})
	}
}

func TestCanonical(t *testing.T) {
	tests := []struct {
		lang, text, mention, name, kbid string
		alias                           string // one of Names
	}{
		{"fr", "Vladimir Poutine a parlé.", "Vladimir Poutine", "Vladimir Putin", "Q7747", "Vladimir Poutine"},
		{"fr", "La Corée du Nord a tiré un missile.", "Corée du Nord", "North Korea", "iso:KP", "RPDC"},
		{"fr", "Les États-Unis ont répondu.", "États-Unis", "United States", "iso:US", "USA"},
		{"fr", "Un porte-parole de la Maison Blanche a répondu.", "Maison Blanche", "White House", "org:whitehouse", "Maison Blanche"},
		{"fr", "L'OTAN se réunit à Bruxelles.", "OTAN", "NATO", "org:nato", "North Atlantic Treaty Organization"},
		{"fr", "Il a rencontré des responsables à Moscou.", "Moscou", "Moscow", "", "Moscou"},
		{"fr", "Ensuite, Poutine a reçu le chancelier.", "Poutine", "Vladimir Putin", "Q7747", "Vladimir Poutine"},
		{"fr", "À São Tomé, Jesus a dissous le gouvernement.", "Jesus", "Jorge Bom Jesus", "Q57085436", "Jorge Bom Jesus"},
		{"en", "BUFFALO, N.Y. (WKBW) — The council voted.", "N.Y.", "New York", "", "New York State"},
		{"en", "NATO allies met in London on Tuesday.", "NATO", "NATO", "org:nato", "OTAN"},
		{"en", "The Korean Central News Agency said the leader arrived.", "Korean Central News Agency", "Korean Central News Agency", "org:kcna", "KCNA"},
		{"en", "He spoke to the BBC after the match.", "BBC", "BBC", "org:bbc", "BBC"},
		{"en", "Forces crossed into Ukraine overnight.", "Ukraine", "Ukraine", "iso:UA", "Ukraine"},
	}
	s := plain(t)
	for _, tt := range tests {
		t.Run(tt.mention, func(t *testing.T) {
			d := analyze(t, s, tt.lang, tt.text)
			e := entityOf(d, tt.mention)
			if e == nil {
				t.Fatalf("no mention %q%s", tt.mention, describe(d))
			}
			if e.Name != tt.name {
				t.Errorf("name %q, want %q", e.Name, tt.name)
			}
			if tt.kbid != "" && e.KBID != tt.kbid {
				t.Errorf("kb id %q, want %q", e.KBID, tt.kbid)
			}
			if e.KBID == "" {
				t.Errorf("not linked to the knowledge base")
			}
			found := false
			for _, n := range e.Names {
				found = found || n == tt.alias
			}
			if !found {
				t.Errorf("names %q lack %q", e.Names, tt.alias)
			}
		})
	}
}

func TestRoles(t *testing.T) {
	tests := []struct {
		name, lang, text, person string
		roles                    []string
	}{
		{"fr premodifier with nationality", "fr",
			"Le dirigeant nord-coréen Kim Jong Un rencontrera le président russe Vladimir Poutine.", "Vladimir Poutine",
			[]string{"président russe"}},
		{"fr apposition", "fr",
			"Adrienne Watson, porte-parole du NSC, a noté que rien n'était confirmé.", "Adrienne Watson",
			[]string{"porte-parole du NSC"}},
		{"fr role before a comma", "fr",
			"Les pourparlers avancent, a déclaré le porte-parole du Conseil de sécurité nationale américain, John Kirby, lundi.", "John Kirby",
			[]string{"porte-parole du Conseil de sécurité nationale américain"}},
		{"fr coordinated appositions", "fr",
			"Rebekah Koffler, analyste du renseignement militaire stratégique, ancien haut responsable de la Defense Intelligence Agency et auteur d'un livre, a déclaré cela.", "Rebekah Koffler",
			[]string{"analyste du renseignement militaire stratégique", "ancien haut responsable de la Defense Intelligence Agency"}},
		{"fr role noun phrase linked later", "fr",
			"Le dirigeant nord-coréen Kim Jong Un partira lundi. Un train censé transporter le dirigeant nord-coréen a quitté Pyongyang.", "Kim Jong Un",
			[]string{"dirigeant nord-coréen"}},
		{"en premodifier with organisation", "en",
			"White House press secretary Karine Jean-Pierre said the talks were over.", "Karine Jean-Pierre",
			[]string{"White House press secretary"}},
		{"en capitalised title", "en",
			"U.S. District Judge Robert F. Collins was sentenced Friday.", "Robert F. Collins",
			[]string{"U.S. District Judge"}},
		{"en role before a comma", "en",
			"The businessman, John Ross, was sentenced to seven years.", "John Ross",
			[]string{"businessman"}},
		{"en lowercase role after a verb", "en",
			"\"The system works,\" said prosecutor James Cole of the Justice Department.", "James Cole",
			[]string{"prosecutor"}},
	}
	s := plain(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := analyze(t, s, tt.lang, tt.text)
			e := entityOf(d, tt.person)
			if e == nil {
				t.Fatalf("no mention %q%s", tt.person, describe(d))
			}
			for _, want := range tt.roles {
				found := false
				for _, r := range e.Roles {
					if r.Text == want && d.Slice(r.Span) == want {
						found = true
					}
				}
				if !found {
					t.Errorf("role %q missing%s", want, describe(d))
				}
			}
		})
	}
}

func TestGender(t *testing.T) {
	tests := []struct {
		lang, text, person, want string
	}{
		{"fr", "Selon la porte-parole Taylor Quenneville, rien n'est décidé.", "Taylor Quenneville", "f"},
		{"fr", "Selon le porte-parole Taylor Quenneville, rien n'est décidé.", "Taylor Quenneville", "m"},
		{"fr", "Mme Quenneville a répondu aux questions.", "Quenneville", "f"},
		{"en", "Adrienne Watson said the report was unconfirmed.", "Adrienne Watson", "f"},
		{"en", "Spokesman Taylor Quenneville declined to comment.", "Taylor Quenneville", "m"},
		{"en", "Mr. Quenneville declined to comment.", "Quenneville", "m"},
		{"en", "Taylor Quenneville declined to comment.", "Taylor Quenneville", ""},
	}
	s := plain(t)
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			d := analyze(t, s, tt.lang, tt.text)
			e := entityOf(d, tt.person)
			if e == nil {
				t.Fatalf("no mention %q%s", tt.person, describe(d))
			}
			if e.Gender != tt.want {
				t.Errorf("gender %q, want %q%s", e.Gender, tt.want, describe(d))
			}
		})
	}
}

func TestDemonymsLinkToCountries(t *testing.T) {
	base := builtin(t)
	tests := []struct{ word, iso string }{
		{"nord-coréen", "KP"}, {"nord-coréennes", "KP"}, {"russe", "RU"}, {"Russian", "RU"},
		{"américaine", "US"}, {"American", "US"}, {"française", "FR"}, {"British", "GB"}, {"Spaniard", "ES"},
	}
	for _, tt := range tests {
		es := base.Demonym(kbKey(tt.word))
		if !sameCountry(es, tt.iso) {
			t.Errorf("%q: countries %v, want %s", tt.word, es, tt.iso)
		}
	}
}

func TestRemovedParagraphsIgnored(t *testing.T) {
	text := "Vladimir Poutine est arrivé.\nCLIQUEZ ICI POUR OBTENIR L'APPLICATION FOX NEWS\nKim Jong Un l'attendait."
	d := &doc.Document{Text: text, Body: doc.Span{End: len(text)}, Lang: "fr"}
	if err := segmentStage().Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for i, p := range d.Paragraphs {
		if strings.HasPrefix(d.Slice(p.Span), "CLIQUEZ") {
			d.Paragraphs[i].Removed = true
			d.Removed = append(d.Removed, doc.Removed{Span: p.Span, Kind: "boilerplate"})
		}
	}
	if err := plain(t).Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			if d.IsRemoved(m.Span) {
				t.Errorf("mention %q inside a removed paragraph", m.Text)
			}
		}
	}
	if entityOf(d, "Vladimir Poutine") == nil || entityOf(d, "Kim Jong Un") == nil {
		t.Errorf("kept mentions lost%s", describe(d))
	}
}

func TestIDsAndSpans(t *testing.T) {
	text := "Poutine et Kim se rencontrent. Vladimir Poutine et Kim Jong Un ont parlé à Vladivostok."
	d := analyze(t, plain(t), "fr", text)
	want := []string{"e1", "e2", "e3"}
	if len(d.Entities) != len(want) {
		t.Fatalf("%d entities, want %d%s", len(d.Entities), len(want), describe(d))
	}
	for i, e := range d.Entities {
		if e.ID != want[i] {
			t.Errorf("entity %d id %q, want %q", i, e.ID, want[i])
		}
		if e.Stage != Name {
			t.Errorf("stage %q", e.Stage)
		}
		for _, m := range e.Mentions {
			if d.Slice(m.Span) != m.Text {
				t.Errorf("span %v gives %q, not %q", m.Span, d.Slice(m.Span), m.Text)
			}
		}
	}
	if e := entityOf(d, "Poutine"); e == nil || e.Name != "Vladimir Putin" || e.ID != "e1" {
		t.Errorf("Poutine is not e1 Vladimir Putin%s", describe(d))
	}
}

// TestTaggerContract checks how the stage uses a tagger's labels: types
// for capitalised guesses, spans where nothing else was found, never over
// a knowledge-base match; a tagger returning the wrong number of labels is
// ignored.
func TestTaggerContract(t *testing.T) {
	text := "Rebekah Koffler visited the Saints at the stadium with Vladimir Putin and Victoria Exploration N.L. managers."
	labels := byWord(map[string]string{
		"Rebekah": "B-ORG", "Koffler": "I-ORG", "Saints": "B-ORG", "Vladimir": "B-LOC", "Putin": "I-LOC",
		"Victoria": "B-PER", "Exploration": "I-PER", "N.L.": "I-PER",
	})
	s := New(builtin(t), map[string]Tagger{"en": fixed(labels)})
	d := analyze(t, s, "en", text)
	for _, c := range []struct{ m, typ string }{{"Rebekah Koffler", "ORG"}, {"Saints", "ORG"}, {"Vladimir Putin", "PER"}, {"Victoria Exploration N.L.", "ORG"}} {
		e := entityOf(d, c.m)
		if e == nil || e.Type != c.typ {
			t.Errorf("%q: want %s%s", c.m, c.typ, describe(d))
		}
	}
	broken := New(builtin(t), map[string]Tagger{"en": fixed(func([]string) []string { return []string{"B-PER"} })})
	d = analyze(t, broken, "en", text)
	if e := entityOf(d, "Rebekah Koffler"); e == nil || e.Type != "PER" {
		t.Errorf("a broken tagger changed the result%s", describe(d))
	}
	un := New(builtin(t), map[string]Tagger{"en": Unavailable{Err: context.Canceled}})
	d = analyze(t, un, "en", text)
	if len(d.Problems) != 1 || entityOf(d, "Vladimir Putin") == nil {
		t.Errorf("unavailable tagger: problems %v%s", d.Problems, describe(d))
	}
}

// byWord returns a labelling function that gives each word its label in
// m, O for the others.
func byWord(m map[string]string) func([]string) []string {
	return func(words []string) []string {
		out := make([]string, len(words))
		for i, w := range words {
			out[i] = "O"
			if l, ok := m[w]; ok {
				out[i] = l
			}
		}
		return out
	}
}

// fixed is a tagger that labels with a function.
type fixed func([]string) []string

func (f fixed) Tag(w []string) []string { return f(w) }

// fixedDoc is a DocTagger: it labels a document's sentences with a
// function, counting its calls; Tag labels nothing.
type fixedDoc struct {
	label func([]string) []string
	calls *int
	drop  bool // return one sentence too few
}

func (f fixedDoc) Tag(w []string) []string { return make([]string, len(w)) }

func (f fixedDoc) TagDocument(sents [][]string) [][]string {
	*f.calls++
	var out [][]string
	for _, s := range sents {
		out = append(out, f.label(s))
	}
	if f.drop {
		out = out[1:]
	}
	return out
}

// TestDocTagger checks that the stage tags a document in one call when
// the tagger can, and falls back to sentence by sentence when that call
// returns the wrong number of sentences.
func TestDocTagger(t *testing.T) {
	text := "Rebekah Koffler spoke on Monday. Later the Saints won at home."
	label := byWord(map[string]string{"Rebekah": "B-ORG", "Koffler": "I-ORG", "Saints": "B-LOC"})
	calls := 0
	d := analyze(t, New(builtin(t), map[string]Tagger{"en": fixedDoc{label: label, calls: &calls}}), "en", text)
	if calls != 1 {
		t.Errorf("TagDocument called %d times, want 1", calls)
	}
	for _, c := range []struct{ m, typ string }{{"Rebekah Koffler", "ORG"}, {"Saints", "LOC"}} {
		if e := entityOf(d, c.m); e == nil || e.Type != c.typ {
			t.Errorf("%q: want %s%s", c.m, c.typ, describe(d))
		}
	}
	d = analyze(t, New(builtin(t), map[string]Tagger{"en": fixedDoc{label: label, calls: &calls, drop: true}}), "en", text)
	if e := entityOf(d, "Rebekah Koffler"); e == nil || e.Type != "PER" {
		t.Errorf("a document tagger that lost a sentence changed the result%s", describe(d))
	}
}

// TestEmbeddedTaggers runs the stage with the shipped models.
func TestEmbeddedTaggers(t *testing.T) {
	s := withTaggers(t)
	for _, tt := range []struct{ lang, text string }{
		{"fr", "Le dirigeant nord-coréen Kim Jong Un rencontrera le président russe Vladimir Poutine à Vladivostok, a annoncé le Kremlin."},
		{"en", "North Korean leader Kim Jong Un will meet Russian President Vladimir Putin in Vladivostok, the Kremlin said."},
	} {
		d := analyze(t, s, tt.lang, tt.text)
		for _, name := range []string{"Kim Jong-un", "Vladimir Putin", "Vladivostok", "Kremlin"} {
			found := false
			for _, e := range d.Entities {
				found = found || e.Name == name
			}
			if !found {
				t.Errorf("%s: no entity %q%s", tt.lang, name, describe(d))
			}
		}
		for _, e := range d.Entities {
			if strings.Contains(strings.ToLower(e.Name), "russ") || strings.Contains(e.Name, "coréen") {
				t.Errorf("%s: demonym became an entity%s", tt.lang, describe(d))
			}
		}
	}
}

// TestNamesOneLine checks that a name written across a line break (a
// hard-wrapped text) keeps its exact mention text but gets a one-line name.
func TestNamesOneLine(t *testing.T) {
	text := "    Japanese chipmakers are being pressed into compliance with a\n" +
		"pact on semiconductors that halts predatory pricing, industry\n" +
		"analysts said on Monday.\n" +
		"    But doubts remain over whether the Ministry of\n" +
		"International Trade, which is pressing the firms, can battle\n" +
		"market forces and whether the industry is geared up to take\n" +
		"advantage of any breathing space, they said.\n"
	d := analyze(t, withTaggers(t), "en", text)
	e := entityOf(d, "Ministry of\nInternational Trade")
	if e == nil {
		t.Fatalf("no mention across the line break%s", describe(d))
	}
	if e.Name != "Ministry of International Trade" || slices.ContainsFunc(e.Names, func(n string) bool { return strings.ContainsRune(n, '\n') }) {
		t.Errorf("name %q, names %q: want one line", e.Name, e.Names)
	}
}

// TestParticleNames checks that a capitalised particle opening a name is
// part of it: inside a sentence in both languages, and at the start of an
// English one ("Du Pont said").
func TestParticleNames(t *testing.T) {
	s := withTaggers(t)
	for _, c := range []struct{ lang, text, name, not string }{
		{"en", "Du Pont said the new fibre is five times stronger than steel.", "Du Pont", "Pont"},
		{"en", "The deal with De Beers was signed on Monday.", "De Beers", "Beers"},
		{"fr", "L'accord avec De Beers a été signé lundi.", "De Beers", "Beers"},
	} {
		d := analyze(t, s, c.lang, c.text)
		if entityOf(d, c.name) == nil || entityOf(d, c.not) != nil {
			t.Errorf("%s: want %q, not %q%s", c.lang, c.name, c.not, describe(d))
		}
	}
}

// TestRoleNounInsideName checks that a role noun the tagger reads inside
// an organisation's name does not split it ("General Mills").
func TestRoleNounInsideName(t *testing.T) {
	d := analyze(t, withTaggers(t), "en", "Shares of General Mills rose on Tuesday after the earnings report.")
	if e := entityOf(d, "General Mills"); e == nil || e.Type != "ORG" {
		t.Errorf("want ORG General Mills%s", describe(d))
	}
}
