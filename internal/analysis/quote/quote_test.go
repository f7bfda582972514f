package quote

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// want is an expected quote: its kind, its exact text, its speaker name
// and, when set, a relay in Via and a recipient in To.
type want struct {
	kind, text, speaker string
	via, to             string
	anon                bool
}

type quoteCase struct {
	name  string
	text  string
	want  []want
	none  []string // texts that must not come out as quotes
	exact bool     // no other quote may be found
}

func runCases(t *testing.T, lang string, cases []quoteCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := analyze(t, lang, c.text)
			for _, w := range c.want {
				if !hasQuote(d, w) {
					t.Errorf("missing %s %q by %q (via %q, to %q)\ngot:\n%s", w.kind, w.text, w.speaker, w.via, w.to, dump(d))
				}
			}
			for _, n := range c.none {
				for _, q := range d.Quotes {
					if d.Slice(q.Span) == n {
						t.Errorf("%q should not be a quote\ngot:\n%s", n, dump(d))
					}
				}
			}
			if c.exact && len(d.Quotes) != len(c.want) {
				t.Errorf("got %d quotes, want %d:\n%s", len(d.Quotes), len(c.want), dump(d))
			}
			checkSpans(t, d)
		})
	}
}

func hasQuote(d *doc.Document, w want) bool {
	for _, q := range d.Quotes {
		if q.Kind != w.kind || d.Slice(q.Span) != w.text || q.Speaker.Name != w.speaker {
			continue
		}
		if w.anon && !q.Speaker.Anonymous {
			continue
		}
		if w.via != "" && !hasRelay(q.Via, w.via) || w.to != "" && !hasRelay(q.To, w.to) {
			continue
		}
		return true
	}
	return false
}

func hasRelay(rs []doc.Relay, name string) bool {
	for _, r := range rs {
		if r.Name == name {
			return true
		}
	}
	return false
}

// checkSpans verifies the invariants of every quote.
func checkSpans(t *testing.T, d *doc.Document) {
	t.Helper()
	for _, q := range d.Quotes {
		for _, s := range []doc.Span{q.Span, q.Speaker.Span, q.Cue} {
			if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
				t.Fatalf("span %v out of the text (%d bytes)", s, len(d.Text))
			}
		}
		if q.Span.Len() == 0 || q.Speaker.Name == "" || q.Stage != Name {
			t.Errorf("incomplete quote %+v", q)
		}
		if q.Kind != "direct" && q.Kind != "indirect" {
			t.Errorf("bad kind %q", q.Kind)
		}
		if d.IsRemoved(q.Span) {
			t.Errorf("quote %q in a removed part", d.Slice(q.Span))
		}
		if txt := d.Slice(q.Span); strings.HasSuffix(txt, ",") || strings.HasPrefix(txt, "«") || strings.HasSuffix(txt, "»") && q.Kind == "direct" {
			t.Errorf("quote text %q keeps its marks or trailing comma", txt)
		}
	}
}

func TestFrench(t *testing.T) {
	runCases(t, "fr", []quoteCase{
		{name: "an adverbial phrase between the verb and its inverted subject",
			text: "Anne Morel a parlé la première. « Le budget était raisonnable », assène au contraire Paul Girard. « Rien ne change », estime de son côté Luc Perrin.",
			want: []want{{kind: "direct", text: "Le budget était raisonnable", speaker: "Paul Girard"},
				{kind: "direct", text: "Rien ne change", speaker: "Luc Perrin"}}, exact: true},
		{name: "incise after quote",
			text: "« Deux de nos adversaires unissent leurs forces », a déclaré Koffler.",
			want: []want{{kind: "direct", text: "Deux de nos adversaires unissent leurs forces", speaker: "Koffler"}}, exact: true},
		{name: "split quote around its attribution",
			text: "« La Russie possède un savoir-faire », a noté Koffler. « Ce n’est pas une coïncidence. »",
			want: []want{{kind: "direct", text: "La Russie possède un savoir-faire", speaker: "Koffler"},
				{kind: "direct", text: "Ce n’est pas une coïncidence.", speaker: "Koffler"}}, exact: true},
		{name: "guillemets without spaces and with no-break spaces",
			text: "«Il faut agir vite», a affirmé Marie Dupont. «\u00a0Nous sommes prêts\u00a0», a-t-elle ajouté.",
			want: []want{{kind: "direct", text: "Il faut agir vite", speaker: "Marie Dupont"},
				{kind: "direct", text: "Nous sommes prêts", speaker: "Marie Dupont"}}},
		{name: "english and straight quotes",
			text: "“Le blé n’avait pas coûté aussi cher”, rapporte Viktor Frédéric. \"Les prix flambent partout\", conclut le journaliste.",
			want: []want{{kind: "direct", text: "Le blé n’avait pas coûté aussi cher", speaker: "Viktor Frédéric"},
				{kind: "direct", text: "Les prix flambent partout", speaker: "Viktor Frédéric"}}},
		{name: "nested quotes and German marks",
			text: "« Il m’a répondu “jamais” devant tout le monde », a raconté Paul Martin. „Das ist gut“, a dit Hans Weber.",
			want: []want{{kind: "direct", text: "Il m’a répondu “jamais” devant tout le monde", speaker: "Paul Martin"},
				{kind: "direct", text: "Das ist gut", speaker: "Hans Weber"}}, exact: true},
		{name: "long quote over paragraphs (new « each paragraph)",
			text: "« Nous avons beaucoup travaillé cette année pour y arriver.\n\n« Les résultats sont là et ils sont bons », a conclu le maire Jean Dupuis.",
			want: []want{{kind: "direct", text: "Nous avons beaucoup travaillé cette année pour y arriver.", speaker: "Jean Dupuis"},
				{kind: "direct", text: "Les résultats sont là et ils sont bons", speaker: "Jean Dupuis"}}, exact: true},
		{name: "continuation paragraph opening with »",
			text: "Le ministre Paul Durand a déclaré : « Nous ne céderons pas sur ce point essentiel.\n\n» Nous irons jusqu’au bout de cette réforme. »",
			want: []want{{kind: "direct", text: "Nous ne céderons pas sur ce point essentiel.", speaker: "Paul Durand"},
				{kind: "direct", text: "Nous irons jusqu’au bout de cette réforme.", speaker: "Paul Durand"}}},
		{name: "paragraph opening with a quote continues the speaker",
			text: "Koffler estime que la rencontre envoie un message clair à l’Occident.\n\n« Un autre avantage est que la réunion bouleverse Washington. »",
			want: []want{{kind: "indirect", text: "la rencontre envoie un message clair à l’Occident", speaker: "Koffler"},
				{kind: "direct", text: "Un autre avantage est que la réunion bouleverse Washington.", speaker: "Koffler"}}},
		{name: "partial quote inside reported speech, recipient outlet",
			text: "Rebekah Koffler, analyste du renseignement, ancien haut responsable de la Defense Intelligence Agency et auteur du « Poutine’s Playbook », a déclaré à Fox News Digital que les liens entre la Russie et la Corée du Nord auront « d’énormes implications stratégiques ».",
			want: []want{
				{kind: "direct", text: "d’énormes implications stratégiques", speaker: "Rebekah Koffler", via: "Fox News Digital", to: "Fox News Digital"},
				{kind: "indirect", text: "les liens entre la Russie et la Corée du Nord auront « d’énormes implications stratégiques »", speaker: "Rebekah Koffler"}},
			none: []string{"Poutine’s Playbook"}, exact: true},
		{name: "scare quote and film title are not speech",
			text: "Le film « Les Misérables » a séduit. Ce « réformateur » ne convainc pas les électeurs du département.",
			want: nil, exact: true},
		{name: "inverted clitic resolves to the person",
			text: "La maire de la commune, Laurence Dumas, est inquiète. Le terrain est « très escarpé, sur deux flancs », précise-t-elle.",
			want: []want{{kind: "direct", text: "très escarpé, sur deux flancs", speaker: "Laurence Dumas"},
				{kind: "indirect", text: "Le terrain est « très escarpé, sur deux flancs »", speaker: "Laurence Dumas"}}},
		{name: "reported speech ends before a participle cue",
			text: "Koffler estime que la coopération sera bénéfique pour les deux pays, notant que la Russie peut fournir de la nourriture.",
			want: []want{{kind: "indirect", text: "la coopération sera bénéfique pour les deux pays", speaker: "Koffler"}}, exact: true},
		{name: "trailing inverted cue with time adverb",
			text: "Le dirigeant Kim Jong Un rencontrera Vladimir Poutine pour une visite officielle, a annoncé lundi le Kremlin.",
			want: []want{{kind: "indirect", text: "Le dirigeant Kim Jong Un rencontrera Vladimir Poutine pour une visite officielle", speaker: "Kremlin"}}, exact: true},
		{name: "selon at both ends, d'après",
			text: "Selon le ministère de l’Intérieur, 13 000 personnes ont défilé à Paris. Poutine a entamé un voyage à Vladivostok, selon l’agence de presse russe TASS. D’après les enquêteurs, le suspect était seul.",
			want: []want{
				{kind: "indirect", text: "13 000 personnes ont défilé à Paris", speaker: "ministère de l’Intérieur"},
				{kind: "indirect", text: "Poutine a entamé un voyage à Vladivostok", speaker: "TASS"},
				{kind: "indirect", text: "le suspect était seul", speaker: "enquêteurs", anon: true}}},
		{name: "relay chain: report of an outlet, unnamed source",
			text: "La visite a été confirmée, selon un article d’ABC News.\n\nUn train blindé a quitté Pyongyang dimanche soir, selon le reportage citant un responsable sud-coréen.",
			want: []want{{kind: "indirect", text: "Un train blindé a quitté Pyongyang dimanche soir", speaker: "South Korean official", via: "ABC News", anon: true}}},
		{name: "incise with relay after the speaker",
			text: "Le Kremlin a confirmé la visite, selon un article d’ABC News.\n\n« Kim se rendra en Russie à l’invitation du président », a indiqué l’agence de presse centrale coréenne, selon le reportage.",
			want: []want{{kind: "direct", text: "Kim se rendra en Russie à l’invitation du président", speaker: "agence de presse centrale coréenne", via: "ABC News"}}},
		{name: "au micro de",
			text: "« On a très peur du vent cet après-midi », indique Laurence Dumas au micro de RTL.",
			want: []want{{kind: "direct", text: "On a très peur du vent cet après-midi", speaker: "Laurence Dumas", via: "RTL"}}},
		{name: "role noun resolves to the named journalist",
			text: "« Les prix ont augmenté de 2,8 % », indique le journaliste Viktor Frédéric. « Ce sont surtout les prix de l’énergie », poursuit le journaliste.",
			want: []want{{kind: "direct", text: "Ce sont surtout les prix de l’énergie", speaker: "Viktor Frédéric"}}},
		{name: "name, colon, quote",
			text: "Demba Kandji : « Personne n’a le droit de proclamer les résultats »",
			want: []want{{kind: "direct", text: "Personne n’a le droit de proclamer les résultats", speaker: "Demba Kandji"}}, exact: true},
		{name: "relative pronoun subject",
			text: "Il répondait au Premier ministre Mahammed Boun Dionne, qui avait déclaré dimanche que Macky Sall a remporté les élections.",
			want: []want{{kind: "indirect", text: "Macky Sall a remporté les élections", speaker: "Mahammed Boun Dionne"}}, exact: true},
		{name: "incise inside the marks",
			text: "Le restaurateur Paul Morel est dépité. « Les passants pensaient à une blague, a-t-il expliqué au quotidien local. Maintenant je ne vends plus de café. »",
			want: []want{{kind: "direct", text: "Les passants pensaient à une blague", speaker: "Paul Morel"},
				{kind: "direct", text: "Maintenant je ne vends plus de café.", speaker: "Paul Morel"}}},
		{name: "named attribution after a pronoun incise wins",
			text: "Adrienne Watson a pris la parole.\n\n« Nous exhortons la RPDC à respecter ses engagements », a-t-il ajouté. » Watson a déclaré à Fox News Digital.",
			want: []want{{kind: "direct", text: "Nous exhortons la RPDC à respecter ses engagements", speaker: "Adrienne Watson", via: "Fox News Digital"}}},
		{name: "unnamed source is anonymous",
			text: "« La situation reste très tendue », a confié un diplomate européen.",
			want: []want{{kind: "direct", text: "La situation reste très tendue", speaker: "European diplomat", anon: true}}},
		{name: "settings and stations are relays, places are not",
			text: "« Nous resterons fermes », a affirmé Bruno Le Maire lors d’une conférence de presse à Washington. Le ministre a estimé mardi sur France Inter que la taxe était injuste. « Rien n’est joué », a confié Anne Hidalgo dans un entretien au Parisien.",
			want: []want{{kind: "indirect", text: "la taxe était injuste", speaker: "Bruno Le Maire", via: "France Inter"},
				{kind: "direct", text: "Rien n’est joué", speaker: "Anne Hidalgo", via: "Parisien"}}},
		{name: "split by attribution, second part continues",
			text: "« Nous disposons de nouvelles informations », a déclaré Kirby. « Après ces négociations, des discussions pourraient se poursuivre. »",
			want: []want{{kind: "direct", text: "Après ces négociations, des discussions pourraient se poursuivre.", speaker: "Kirby"}}},
		{name: "elle for an organisation that spoke last",
			text: "« Le trafic reprendra demain matin », a annoncé la SNCF. « Des bus remplaceront les trains », a-t-elle ajouté.",
			want: []want{{kind: "direct", text: "Le trafic reprendra demain matin", speaker: "SNCF"},
				{kind: "direct", text: "Des bus remplaceront les trains", speaker: "SNCF"}}, exact: true},
		{name: "a title after nommée is no quote",
			text: "Les festivités ont été lancées par une comédie musicale nommée « Les bâtisseurs de la gloire », a rapporté Marie Dupont.",
			none: []string{"Les bâtisseurs de la gloire"}},
		{name: "a name after a contracted article is no quote",
			text: "À la veille des concertations du « Ségur de la santé », une tribune signée par des médecins « demande des moyens », a affirmé Marie Dupont.",
			none: []string{"Ségur de la santé"}},
		{name: "in the columns of an outlet, then the speaker",
			text: "« Nous sommes exposés à des niveaux cent fois supérieurs », dénonce dans les colonnes du quotidien Pierre Berthier, de l’Unsa. « Le plan est prêt », affirme dans les pages du Monde le ministre Jean Castex.",
			want: []want{{kind: "direct", text: "Nous sommes exposés à des niveaux cent fois supérieurs", speaker: "Pierre Berthier"},
				{kind: "direct", text: "Le plan est prêt", speaker: "Jean Castex", via: "Monde"}}, exact: true},
		{name: "a description after content is not a name of that content",
			text: "« Sa présence n'est pas souhaitée », explique Pierre Benali, conseiller municipal. Face au refus de Paul Roux de quitter la salle, plusieurs personnes sont parties, précise l'élu.",
			want: []want{{kind: "indirect", text: "Face au refus de Paul Roux de quitter la salle, plusieurs personnes sont parties", speaker: "Pierre Benali"}}},
		{name: "une description sujet avant une participiale entre virgules",
			text: "Le ministre, s'exprimant sous couvert d'anonymat, a affirmé que les discussions avaient échoué.",
			want: []want{{kind: "indirect", text: "les discussions avaient échoué", speaker: "ministre", anon: true}}, exact: true},
		{name: "selon un communiqué de son auteur",
			text: "Deux personnes ont été interpellées, selon un communiqué de la préfecture du Nord.",
			want: []want{{kind: "indirect", text: "Deux personnes ont été interpellées", speaker: "préfecture du Nord"}}, exact: true},
		{name: "elle for the subject, not the name after a preposition",
			text: "Dominique Petit a mal vécu son divorce avec Camille Roux, prononcé en 2016. « On se dit qu'on a échoué », confiait-elle en mai.",
			want: []want{{kind: "direct", text: "On se dit qu'on a échoué", speaker: "Dominique Petit"}}},
		{name: "il for the person who spoke, not a name in the content",
			text: "Paul Martin a affirmé que Jean Dupuis avait quitté le parti. « Nous le regrettons », a-t-il ajouté.",
			want: []want{{kind: "direct", text: "Nous le regrettons", speaker: "Paul Martin"}}},
		{name: "a role with a complement is a new source; a bare role is the person",
			text: "Le vol était opéré par Marie Durand. Il transportait 40 passagers. Le chef de la direction de l'aviation civile rapporte qu'aucun passager n'a survécu. Le ministre Paul Martin est arrivé. Le ministre a déclaré que l'enquête commençait.",
			want: []want{{kind: "indirect", text: "aucun passager n'a survécu", speaker: "chef de la direction de l'aviation civile", anon: true},
				{kind: "indirect", text: "l'enquête commençait", speaker: "Paul Martin"}}, exact: true},
		{name: "his lawyer is not him; the name in apposition is",
			text: "Paul Martin a été entendu. Il est innocent, selon son avocat. Il a été libéré, selon son avocate, Marie Durand.",
			want: []want{{kind: "indirect", text: "Il est innocent", speaker: "avocat", anon: true},
				{kind: "indirect", text: "Il a été libéré", speaker: "Marie Durand"}}, exact: true},
		{name: "a colon-introduced quote is direct only",
			text: "Pour Paul Martin, son porte-parole : « Nous irons jusqu'au bout ». La foule est inquiète : « Nous voulons des réponses », déclare Marie Durand.",
			want: []want{{kind: "direct", text: "Nous irons jusqu'au bout", speaker: "Paul Martin"},
				{kind: "direct", text: "Nous voulons des réponses", speaker: "Marie Durand"}}, exact: true},
		{name: "a dateline dash does not open reported content",
			text: "5 juillet 2012. - Un lycéen a été agressé hier soir dans un train, indique le ministère.",
			want: []want{{kind: "indirect", text: "Un lycéen a été agressé hier soir dans un train", speaker: "ministère"}}, exact: true},
		{name: "pour and selon with a description, plural pronoun",
			text: "Pour la compagnie, la grève est illégale. Les syndicats ont manifesté. Selon eux, la direction ment.",
			want: []want{{kind: "indirect", text: "la grève est illégale", speaker: "compagnie"},
				{kind: "indirect", text: "la direction ment", speaker: "syndicats"}}},
	})
}

func TestEnglish(t *testing.T) {
	runCases(t, "en", []quoteCase{
		{name: "an adverbial phrase between the verb and its inverted subject",
			text: "Anne Moore spoke first. \"The budget was reasonable,\" said for his part Paul Gerard. \"Nothing changes,\" said in turn Luke Perry.",
			want: []want{{kind: "direct", text: "The budget was reasonable", speaker: "Paul Gerard"},
				{kind: "direct", text: "Nothing changes", speaker: "Luke Perry"}}, exact: true},
		{name: "police is an organisation, not the woman a pronoun names",
			text: "Jane Doe runs the union. Police said two people had been arrested. \"It is over,\" she wrote on Twitter.",
			want: []want{{kind: "direct", text: "It is over", speaker: "Jane Doe"}}},
		{name: "a description subject before a participle between commas",
			text: "The minister, speaking on condition of anonymity, said the talks had failed.",
			want: []want{{kind: "indirect", text: "the talks had failed", speaker: "minister", anon: true}}, exact: true},
		{name: "according to a statement from its author",
			text: "The deal will close next month, according to a statement from Acme Corp.",
			want: []want{{kind: "indirect", text: "The deal will close next month", speaker: "Acme Corp"}}, exact: true},
		{name: "a setting after an inverted description is not part of it",
			text: "\"They are losing money,\" said the company's vice president in a conference call.",
			want: []want{{kind: "direct", text: "They are losing money", speaker: "company's vice president", anon: true}}, exact: true},
		{name: "a description after content is not a name of that content",
			text: "\"He was not welcome,\" said John Miller, a city councilman. Faced with Peter Shaw's refusal to leave, several people walked out, the councilman added.",
			want: []want{{kind: "indirect", text: "Faced with Peter Shaw's refusal to leave, several people walked out", speaker: "John Miller"}}},
		{name: "she for the subject, not the name after a preposition",
			text: "Robin Ellis had dinner with Alex Morgan in Leeds on Friday. \"It was a long evening,\" she said.",
			want: []want{{kind: "direct", text: "It was a long evening", speaker: "Robin Ellis"}}},
		{name: "incise, subject before the verb",
			text: "U.S. District Judge Joseph Young of Baltimore imposed the sentences.\n\n\"This is a sad day for the judiciary,\" Young said.",
			want: []want{{kind: "direct", text: "This is a sad day for the judiciary", speaker: "Joseph Young"}}, exact: true},
		{name: "inverted incise and split quote",
			text: "\"When people lose faith in the court system, you wind up with chaos,\" said prosecutor James Cole of the U.S. Justice Department. \"Today, people were shown that the system works.\"",
			want: []want{{kind: "direct", text: "When people lose faith in the court system, you wind up with chaos", speaker: "James Cole"},
				{kind: "direct", text: "Today, people were shown that the system works.", speaker: "James Cole"}}, exact: true},
		{name: "reported speech without that, partial quote, pronoun",
			text: "Ross said he was innocent and was \"very optimistic\" about his chance of winning a reversal.\n\n\"We've only begun to fight,\" he said.",
			want: []want{{kind: "indirect", text: "he was innocent and was \"very optimistic\" about his chance of winning a reversal", speaker: "Ross"},
				{kind: "direct", text: "very optimistic", speaker: "Ross"},
				{kind: "direct", text: "We've only begun to fight", speaker: "Ross"}}, exact: true},
		{name: "relative clause between subject and verb",
			text: "The businessman was sentenced.U.S. District Judge Joseph Young of Baltimore, who imposed the sentences, said Collins betrayed a trust.",
			want: []want{{kind: "indirect", text: "Collins betrayed a trust", speaker: "Joseph Young"}}, exact: true},
		{name: "according to, description resolved to the full name",
			text: "The Buffalo Common Council announced it has voted 6-3 in favor of the budget.\n\nAccording to the common council, several amendments were made \"to better align with the priorities of the city.\"",
			want: []want{{kind: "indirect", text: "it has voted 6-3 in favor of the budget", speaker: "Buffalo Common Council"},
				{kind: "direct", text: "to better align with the priorities of the city.", speaker: "Buffalo Common Council"},
				{kind: "indirect", text: "several amendments were made \"to better align with the priorities of the city.\"", speaker: "Buffalo Common Council"}}},
		{name: "statement introduced by a colon in the previous paragraph",
			text: "Mayor Byron Brown released the following statement on Monday:\n\n\"I'm pleased that this fiscally sound budget was passed.\"",
			want: []want{{kind: "direct", text: "I'm pleased that this fiscally sound budget was passed.", speaker: "Byron Brown"}}, exact: true},
		{name: "told an outlet; English multi-paragraph convention",
			text: "“It was an astonishing end to the game,” Guardiola told the BBC after a win that kept City ahead.\n\n“It means a lot. They had 10 guys in the box.\n\n“At the end our momentum kept going.”",
			want: []want{{kind: "direct", text: "It was an astonishing end to the game", speaker: "Guardiola", via: "BBC", to: "BBC"},
				{kind: "direct", text: "It means a lot. They had 10 guys in the box.", speaker: "Guardiola"},
				{kind: "direct", text: "At the end our momentum kept going.", speaker: "Guardiola"}}, exact: true},
		{name: "demonym and role descriptions resolve",
			text: "Manchester City manager Pep Guardiola praised the “heart” of his players.\n\nThe Spaniard added: “What impresses the most is the heart with which they play.”\n\nHe argued with Nathan Redmond, which the City manager said was to do with time-wasting tactics.",
			want: []want{{kind: "direct", text: "heart", speaker: "Pep Guardiola"},
				{kind: "direct", text: "What impresses the most is the heart with which they play.", speaker: "Pep Guardiola"},
				{kind: "indirect", text: "was to do with time-wasting tactics", speaker: "Pep Guardiola"}}},
		{name: "unnamed and group sources",
			text: "\"We will respond,\" a White House official said. Although Young ordered them to report to prison Nov. 6, defense attorneys said they would request that both remain free.",
			want: []want{{kind: "direct", text: "We will respond", speaker: "White House official", anon: true},
				{kind: "indirect", text: "they would request that both remain free", speaker: "defense attorneys", anon: true}}},
		{name: "book title is not a quote",
			text: "Alden, author of the book “Failure to Adjust,” spoke on Monday.",
			want: nil, exact: true},
		{name: "typewriter quotes",
			text: "''I love depreciation,'' Donald Trump said during the debate.",
			want: []want{{kind: "direct", text: "I love depreciation", speaker: "Donald Trump"}}, exact: true},
		{name: "apposition before the verb",
			text: "Debra Steger, a former Canadian negotiator at the World Trade Organization, said the talks failed because of Wallonia.",
			want: []want{{kind: "indirect", text: "the talks failed because of Wallonia", speaker: "Debra Steger"}}, exact: true},
		{name: "interview with an outlet, told reporters",
			text: "\"We are not done yet,\" Senator Jane Smith said in an interview with CNN. She told reporters that the vote would happen on Friday.",
			want: []want{{kind: "direct", text: "We are not done yet", speaker: "Jane Smith", via: "CNN"},
				{kind: "indirect", text: "the vote would happen on Friday", speaker: "Jane Smith", to: "reporters"}}, exact: true},
		{name: "a say verb after a modal takes an object, not content",
			text: "Members of the program can add applications to the store for free.",
			want: nil, exact: true},
		{name: "a say verb after a modal inside reported content",
			text: "The company will add 500 jobs next year, the mayor said.",
			want: []want{{kind: "indirect", text: "The company will add 500 jobs next year", speaker: "mayor", anon: true}}, exact: true},
		{name: "in the columns of an outlet",
			text: "\"Prices will rise,\" Anna Berg wrote in the columns of the Financial Times.",
			want: []want{{kind: "direct", text: "Prices will rise", speaker: "Anna Berg", via: "Financial Times"}}, exact: true},
		{name: "mid-sentence incise",
			text: "Their job at this point, campaign officials argued, was to lock down the states they need.",
			want: []want{{kind: "indirect", text: "Their job at this point, campaign officials argued, was to lock down the states they need", speaker: "campaign officials", anon: true}}},
		{name: "it is the organisation that spoke, the company too",
			text: "Acme Corp said it would cut 500 jobs in Ohio. It said the plan would save money. The company said talks with Delta Inc had ended.",
			want: []want{{kind: "indirect", text: "the plan would save money", speaker: "Acme Corp"},
				{kind: "indirect", text: "talks with Delta Inc had ended", speaker: "Acme Corp"}}},
		{name: "a spokesman for a body, then he",
			text: "A spokesman for the Port Authority said the order was given by Navy Minister John Smith. But he said there were no incidents.",
			want: []want{{kind: "indirect", text: "the order was given by Navy Minister John Smith", speaker: "spokesman for the Port Authority", anon: true},
				{kind: "indirect", text: "there were no incidents", speaker: "spokesman for the Port Authority", anon: true}}, exact: true},
		{name: "told a recipient without that; they for a group",
			text: "Company officials said the airline had no plans to go private. They told Reuters the merger talks were continuing.",
			want: []want{{kind: "indirect", text: "the merger talks were continuing", speaker: "Company officials", anon: true, to: "Reuters"}}},
		{name: "a parenthesised acronym before the verb",
			text: "Growth will slow in 1987, the Economist Intelligence Unit (EIU) said.",
			want: []want{{kind: "indirect", text: "Growth will slow in 1987", speaker: "Economist Intelligence Unit"}}, exact: true},
	})
}

// TestAnaphoricNouns checks that every organisation noun that may refer
// back to a named organisation is an organisation head of its lexicon.
func TestAnaphoricNouns(t *testing.T) {
	for lang, words := range anaphoricNouns {
		r := testStage.rulesFor(lang)
		for _, w := range words {
			if h, ok := r.heads[w]; !ok || h.class != 'o' {
				t.Errorf("%s: anaphoric noun %q is not an organisation head of quote-heads.txt", lang, w)
			}
		}
	}
}

func TestRemovedParagraphs(t *testing.T) {
	text := "« Nous gagnerons », a déclaré Jean Dupuis.\n\nCLIQUEZ ICI POUR OBTENIR L’APPLICATION « Le direct », a dit Paul Martin"
	d := analyze(t, "fr", text)
	if len(d.Removed) == 0 {
		t.Fatalf("the clean stage removed nothing; the test needs a removed line")
	}
	for _, q := range d.Quotes {
		if d.IsRemoved(q.Span) {
			t.Errorf("quote from a removed line: %q", d.Slice(q.Span))
		}
	}
	if !hasQuote(d, want{kind: "direct", text: "Nous gagnerons", speaker: "Jean Dupuis"}) {
		t.Errorf("missing the kept quote:\n%s", dump(d))
	}
}

// TestBadInput feeds malformed quotation: the stage must finish, keep its
// output well formed and record the anomaly.
func TestBadInput(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&b, "« Nous continuerons ce combat pour la justice, étape numéro %d.\n\n", i+1)
	}
	long := b.String() + "« Fin », a dit Paul Martin."
	cases := []struct {
		name, text, problem string
	}{
		{"unclosed guillemet", "« Nous ne lâcherons rien, a-t-il dit à la foule réunie.\n\nLa suite du texte est normale.", "left open"},
		{"stray straight quote", "Le prix atteint 5 euros\" pour le litre, a indiqué le vendeur.", "stray"},
		{"longer than ten paragraphs", long, "more than 10 paragraphs"},
		{"nested three deep", "« Il a dit “elle a crié ‘oui “non” jamais’ hier” ici », a raconté Paul.", "nested deeper"},
		{"whole article quoted", "« Premier paragraphe de l’article.\n\n« Deuxième paragraphe de l’article.\n\n« Troisième paragraphe de l’article.\n\n« Quatrième paragraphe. »", "whole text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := analyze(t, "fr", c.text)
			checkSpans(t, d)
			found := false
			for _, p := range d.Problems {
				if p.Stage == Name && strings.Contains(p.Message, c.problem) {
					found = true
				}
			}
			if !found {
				t.Errorf("no %q problem recorded; problems: %+v", c.problem, d.Problems)
			}
		})
	}
}

func TestScan(t *testing.T) {
	cases := []struct {
		text  string
		carry bool
		want  []string // quoted text between the marks, "…" suffix when open at the end
	}{
		{"« a » et «b»", false, []string{" a ", "b"}},
		{"“one” and ‘two’ and \"three\"", false, []string{"one", "two", "three"}},
		{"„deutsch“ und «nested “inner” end»", false, []string{"deutsch", "nested “inner” end"}},
		{"don’t touch the players’ ball", false, nil},
		{"\"outer \"inner\" outer\"", false, []string{"outer \"inner\" outer"}},
		{"''typewriter'' quotes", false, []string{"typewriter"}},
		{"« unclosed", false, []string{" unclosed…"}},
		{"» continued from before »", true, []string{" continued from before "}},
		{"stray » here", false, nil},
		{"5\" screen", false, nil},
	}
	for _, c := range cases {
		res := Scan(c.text, 0, len(c.text), c.carry)
		var got []string
		for _, q := range res.Quotes {
			s := q.Open.End()
			if q.Closed() {
				got = append(got, c.text[s:q.Close.Pos])
			} else {
				got = append(got, c.text[s:]+"…")
			}
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("Scan(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestFrenchForms(t *testing.T) {
	cases := map[string][]string{
		"annoncer":  {"annonce", "annonçait", "annoncé", "annonçant"},
		"révéler":   {"révèle", "révélé", "révèlent"},
		"rappeler":  {"rappelle", "rappelait", "rappelé"},
		"exiger":    {"exige", "exigeait", "exigé"},
		"marteler":  {"martèle"},
		"alléguer":  {"allègue", "allégué"},
		"tweeter":   {"tweete", "tweeté"},
		"réagir":    {"réagit", "réagi", "réagissent"},
		"inquiéter": {"inquiète"},
	}
	for lemma, forms := range cases {
		got := map[string]bool{}
		for _, f := range frenchForms(lemma) {
			got[f] = true
		}
		for _, f := range forms {
			if !got[f] {
				t.Errorf("frenchForms(%q) lacks %q (got %v)", lemma, f, frenchForms(lemma))
			}
		}
	}
}

// TestLargeInputs runs pathological inputs of a few hundred kilobytes: one
// paragraph of quotation marks, thousands of short quotes with cues, a
// wall of capitalised names. The stage must stay linear (this test takes
// well under a second when it does).
func TestLargeInputs(t *testing.T) {
	inputs := map[string]string{
		"marks":                     strings.Repeat("« \" “ ” ‘ ’ » ", 20000),
		"quotes":                    strings.Repeat("« Oui », a dit Paul Martin. Il a ajouté : « Non ». ", 4000),
		"names":                     strings.Repeat("Jean Dupont Marie Durand Paul ", 20000) + "« Bonjour à tous », a-t-il dit.",
		"one paragraph of pronouns": strings.Repeat("« Nous verrons bien », a-t-elle dit. ", 5000),
		"cues without punctuation":  strings.Repeat("le ministre a dit que la maire a déclaré que ", 8000),
		"selon chains":              strings.Repeat("selon le reportage citant un responsable ", 8000),
		"anaphora":                  strings.Repeat("La compagnie a dit que l'entreprise a estimé que le syndicat a affirmé que ", 4000) + strings.Repeat("Selon eux, la SNCF a dit qu'elle partait. ", 4000),
	}
	for name, text := range inputs {
		t.Run(name, func(t *testing.T) {
			d := analyze(t, "fr", text)
			checkSpans(t, d)
		})
	}
	t.Run("english anaphora", func(t *testing.T) {
		d := analyze(t, "en", strings.Repeat("Acme Corp said it would cut jobs. It said the plan would save money. The company said they agreed. ", 4000))
		checkSpans(t, d)
	})
}

// TestPluralRoleOfName checks that a French plural role noun followed by
// "de" and a name is that name's people ("les avocats de Salah Abdeslam"
// are named by him), but not when the name sits deeper in the complement
// ("deux conseillers de l'ancien ministre de la Santé publique": an
// unnamed source, not "Santé"; in English too).
func TestPluralRoleOfName(t *testing.T) {
	for _, c := range []struct {
		lang, text, name string // name "": anonymous, and not the name inside
		inside           string
	}{
		{"fr", "Les avocats de Salah Abdeslam ont dénoncé une « mascarade ».", "Salah Abdeslam", ""},
		{"fr", "Deux conseillers de l'ancien ministre de la Santé publique dénoncent une polémique « stérile ».", "", "Santé"},
		{"en", "Three aides of the former minister of the Interior denounced a \"sterile\" debate.", "", "Interior"},
	} {
		d := analyze(t, c.lang, c.text)
		if len(d.Quotes) != 1 {
			t.Errorf("%s %q: %d quotes\n%s", c.lang, c.text, len(d.Quotes), dump(d))
			continue
		}
		sp := d.Quotes[0].Speaker
		if c.name != "" && sp.Name != c.name || c.name == "" && (!sp.Anonymous || sp.Name == c.inside) {
			t.Errorf("%s %q: speaker %+v\n%s", c.lang, c.text, sp, dump(d))
		}
	}
}
