package segment

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

func tokens(lang, s string) []string {
	var out []string
	for _, t := range Tokenize(s, doc.Span{Start: 0, End: len(s)}, RulesFor(lang), nil) {
		out = append(out, s[t.Start:t.End])
	}
	return out
}

func sentences(lang, s string) []string {
	r := RulesFor(lang)
	var out []string
	for _, sp := range Sentences(s, Tokenize(s, doc.Span{Start: 0, End: len(s)}, r, nil), r) {
		out = append(out, s[sp.Start:sp.End])
	}
	return out
}

// tokenCases: the text, then the expected tokens separated by " | ".
var tokenCases = []struct {
	lang, name, in, want string
}{
	// French
	{"fr", "elision typographic", "l’État d’abord qu’il jusqu’à lorsqu’on", "l’ | État | d’ | abord | qu’ | il | jusqu’ | à | lorsqu’ | on"},
	{"fr", "elision straight", "l'homme d'affaires s'est dit qu'elle", "l' | homme | d' | affaires | s' | est | dit | qu' | elle"},
	{"fr", "elision capitalised", "L’Élysée D'autres", "L’ | Élysée | D' | autres"},
	{"fr", "not elided", "aujourd’hui aujourd'hui prud’hommes", "aujourd’hui | aujourd'hui | prud’hommes"},
	{"fr", "hyphenated names", "Kim Jong-Un, Kim Jong-Il et le sommet Poutine-Kim à Saint-Pétersbourg", "Kim | Jong-Un | , | Kim | Jong-Il | et | le | sommet | Poutine-Kim | à | Saint-Pétersbourg"},
	{"fr", "compound words", "nord-coréen c'est-à-dire peut-être Aix-en-Provence Bourg-la-Reine", "nord-coréen | c' | est-à-dire | peut-être | Aix-en-Provence | Bourg-la-Reine"},
	{"fr", "inverted clitics", "a-t-il précise-t-elle dit-il assure-t-on Allez-y dis-le", "a | -t-il | précise | -t-elle | dit | -il | assure | -t-on | Allez | -y | dis | -le"},
	{"fr", "non-breaking hyphen clitic", "a\u2011t\u2011il", "a | \u2011t\u2011il"},
	{"fr", "titles and initials", "M. Dupont, Mme Durand, Dr Martin, J.-P. Raffarin", "M | . | Dupont | , | Mme | Durand | , | Dr | Martin | , | J.-P. | Raffarin"},
	{"fr", "thousands with spaces", "3 500 morts, 3\u00a0500 blessés, 3\u202f500 disparus, 12 500 000 euros", "3 500 | morts | , | 3\u00a0500 | blessés | , | 3\u202f500 | disparus | , | 12 500 000 | euros"},
	{"fr", "thin space thousands", "1\u2009000 km", "1\u2009000 | km"},
	{"fr", "decimals", "1,5 % et 2.8 points, 2,8%", "1,5 | % | et | 2.8 | points | , | 2,8 | %"},
	{"fr", "years not grouped", "en 2023 2024 et en 1990 300 personnes", "en | 2023 | 2024 | et | en | 1990 | 300 | personnes"},
	{"fr", "four digits not a group", "les 12 5000", "les | 12 | 5000"},
	{"fr", "guillemets with no-break spaces", "«\u00a0Oui\u00a0»\u00a0: non\u00a0! vraiment\u00a0?", "« | Oui | » | : | non | ! | vraiment | ?"},
	{"fr", "ellipsis", "Les enquêteurs... (...) …", "Les | enquêteurs | ... | ( | ... | ) | …"},
	{"fr", "currency", "3,50 € et 10 $", "3,50 | € | et | 10 | $"},
	// English
	{"en", "initialisms", "U.S. District Judge Robert F. Collins, N.Y. and the U.K.", "U.S. | District | Judge | Robert | F | . | Collins | , | N.Y. | and | the | U.K."},
	{"en", "contractions", "The Mayor's budget wasn't approved; I'm sure they'll vote", "The | Mayor | 's | budget | wasn't | approved | ; | I | 'm | sure | they | 'll | vote"},
	{"en", "typographic possessive", "Sterling’s 96th-minute goal", "Sterling | ’s | 96 | th-minute | goal"},
	{"en", "money and scores", "$2.5 million, 6-3", "$ | 2.5 | million | , | 6 | - | 3"},
	{"en", "glued sentence", "prison.U.S. District", "prison | . | U.S. | District"},
	{"en", "no french elision", "l'homme", "l'homme"},
	// Neutral
	{"und", "plain", "Dr. Who, l'homme 3 500", "Dr | . | Who | , | l'homme | 3 500"},
}

func TestTokenize(t *testing.T) {
	for _, tt := range tokenCases {
		t.Run(tt.lang+"/"+tt.name, func(t *testing.T) {
			if got := strings.Join(tokens(tt.lang, tt.in), " | "); got != tt.want {
				t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

// TestIsWordRune: isWordRune, with its shortcuts (ASCII, the General
// Punctuation block), agrees with package unicode on the first planes.
func TestIsWordRune(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		want := unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
		if got := isWordRune(r); got != want {
			t.Fatalf("isWordRune(%U) = %v", r, got)
		}
	}
}

func TestTokenKinds(t *testing.T) {
	s := "Il a payé 3 500 € (soit 1,5 %)."
	var kinds []string
	for _, tk := range Tokenize(s, doc.Span{Start: 0, End: len(s)}, RulesFor("fr"), nil) {
		kinds = append(kinds, map[doc.TokenKind]string{doc.Word: "w", doc.Number: "n", doc.Punct: "p", doc.Symbol: "s"}[tk.Kind])
	}
	if got := strings.Join(kinds, ""); got != "wwwnspwnsp"+"p" {
		t.Errorf("kinds %s", got)
	}
}

// sentenceCases: the paragraph, then the expected sentences separated by
// " || ".
var sentenceCases = []struct {
	lang, name, in, want string
}{
	// French
	{"fr", "titles", "M. Dupont et Mme Durand sont arrivés. Le Dr. Martin aussi.", "M. Dupont et Mme Durand sont arrivés. || Le Dr. Martin aussi."},
	{"fr", "title before article", "M. Le Pen et Mme La Fontaine ont parlé. Mgr. Dupont aussi.", "M. Le Pen et Mme La Fontaine ont parlé. || Mgr. Dupont aussi."},
	{"fr", "initials", "J.-P. Raffarin a parlé. Il est parti.", "J.-P. Raffarin a parlé. || Il est parti."},
	{"fr", "initials before article", "J.-P. Le Goff et A. Le Roy.", "J.-P. Le Goff et A. Le Roy."},
	{"fr", "etc ends a sentence", "Des pays, des villes, etc. Le président a parlé.", "Des pays, des villes, etc. || Le président a parlé."},
	{"fr", "etc mid sentence", "Des pays, etc. en Europe.", "Des pays, etc. en Europe."},
	{"fr", "quote over sentences", "« Nous irons. Nous gagnerons. » Il a ajouté : « Oui. »", "« Nous irons. || Nous gagnerons. » || Il a ajouté : « Oui. »"},
	{"fr", "quote then incise", "«\u00a0Nous irons. Nous gagnerons\u00a0», a-t-il dit. Puis il est parti.", "«\u00a0Nous irons. || Nous gagnerons\u00a0», a-t-il dit. || Puis il est parti."},
	{"fr", "closing guillemet attaches", "«\u00a0Non\u00a0!\u00a0» L’État répond.", "«\u00a0Non\u00a0!\u00a0» || L’État répond."},
	{"fr", "exclamation and question with nbsp", "Il a dit\u00a0: «\u00a0oui\u00a0»\u00a0! Vraiment\u00a0? Oui\u00a0; non.", "Il a dit\u00a0: «\u00a0oui\u00a0»\u00a0! || Vraiment\u00a0? || Oui\u00a0; non."},
	{"fr", "elision opens a sentence", "Il est parti. L’État répond. D’autres suivent.", "Il est parti. || L’État répond. || D’autres suivent."},
	{"fr", "inverted forms", "Où va-t-il ? Précise-t-elle. Dit-il.", "Où va-t-il ? || Précise-t-elle. || Dit-il."},
	{"fr", "numbers", "Il y a 3 500 morts. 1,5 % de hausse. Le taux est de 2.8 points.", "Il y a 3 500 morts. || 1,5 % de hausse. || Le taux est de 2.8 points."},
	{"fr", "lowercase after period", "Le site dakarposte.com a publié. le texte.", "Le site dakarposte.com a publié. le texte."},
	{"fr", "glued ellipsis", "Les enquêteurs...Ensuite ils sont partis... Bon.", "Les enquêteurs... || Ensuite ils sont partis... || Bon."},
	{"fr", "bracketed ellipsis", "dans un processus (...) Ensuite, il part.", "dans un processus (...) || Ensuite, il part."},
	{"fr", "hours", "Il est 10 h. Les enquêteurs arrivent.", "Il est 10 h. || Les enquêteurs arrivent."},
	// English
	{"en", "initial in a name", "U.S. District Judge Robert F. Collins was sentenced Friday. The businessman was too.", "U.S. District Judge Robert F. Collins was sentenced Friday. || The businessman was too."},
	{"en", "glued break", "He was sentenced to seven years in prison.U.S. District Judge Collins said.", "He was sentenced to seven years in prison. || U.S. District Judge Collins said."},
	{"en", "initialism ends a sentence", "He went to the U.S. Then he left.", "He went to the U.S. || Then he left."},
	{"en", "initialism mid sentence", "The U.S. Senate voted at 10 a.m. Friday.", "The U.S. Senate voted at 10 a.m. Friday."},
	{"en", "a.m. ends a sentence", "They met at 10 a.m. The talks ended.", "They met at 10 a.m. || The talks ended."},
	{"en", "Jr", "John Ross, Jr. was sentenced. Martin Luther King Jr. spoke.", "John Ross, Jr. was sentenced. || Martin Luther King Jr. spoke."},
	{"en", "titles", "Mr. Smith met Dr. Jones and Gov. Hochul. They left.", "Mr. Smith met Dr. Jones and Gov. Hochul. || They left."},
	{"en", "state abbreviation", "He fell ill. The doctor came from Springfield, Ill. He was late.", "He fell ill. || The doctor came from Springfield, Ill. || He was late."},
	{"en", "straight quotes", "\"We listened.\" Pridgen said. \"Great!\" he added.", "\"We listened.\" || Pridgen said. || \"Great!\" he added."},
	{"en", "curly quotes", "He said: ‘no’. Then “yes.” Then 'maybe.' Done.", "He said: ‘no’. || Then “yes.” || Then 'maybe.' || Done."},
	{"en", "money", "It costs $2.5 million. That's 6-3.", "It costs $2.5 million. || That's 6-3."},
	{"en", "no break before lowercase", "The No. 1 seed won. e.g. this one.", "The No. 1 seed won. e.g. this one."},
	{"en", "question and exclamation", "Why? Because! Okay.", "Why? || Because! || Okay."},
	// Neutral
	{"und", "common abbreviations", "Dr. Who met Mr. Smith. They left.", "Dr. Who met Mr. Smith. || They left."},
	{"und", "no terminator", "Un titre sans point", "Un titre sans point"},
}

func TestSentences(t *testing.T) {
	for _, tt := range sentenceCases {
		t.Run(tt.lang+"/"+tt.name, func(t *testing.T) {
			if got := strings.Join(sentences(tt.lang, tt.in), " || "); got != tt.want {
				t.Errorf("Sentences(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParagraphs(t *testing.T) {
	text := "header\n\n  First paragraph.\u00a0\r\n\n\t\nSecond.\nThird"
	body := doc.Span{Start: 8, End: len(text)}
	var got []string
	for _, p := range Paragraphs(text, body) {
		got = append(got, text[p.Span.Start:p.Span.End])
	}
	if strings.Join(got, "|") != "First paragraph.|Second.|Third" {
		t.Errorf("paragraphs %q", got)
	}
}

func TestAnalyze(t *testing.T) {
	text := "date 2023-09 « Nous irons. » a dit M. Kim.\n\nLe sommet a eu lieu. Il a duré."
	d := &doc.Document{Text: text, Body: doc.Span{Start: 13, End: len(text)}, Lang: "fr-CA"}
	if err := New().Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Paragraphs) != 2 || len(d.Sentences) != 3 {
		t.Fatalf("%d paragraphs, %d sentences", len(d.Paragraphs), len(d.Sentences))
	}
	if d.Slice(d.Sentences[0].Span) != "« Nous irons. » a dit M. Kim." || d.Sentences[2].Paragraph != 1 {
		t.Errorf("sentences %+v", d.Sentences)
	}
	for i, tk := range d.Tokens {
		if tk.Span().Start < d.Body.Start || (i > 0 && tk.Span().Start < d.Tokens[i-1].Span().End) {
			t.Fatalf("token %d %v out of order or outside the body", i, tk.Span())
		}
	}
	// Running again replaces the layers.
	n := len(d.Tokens)
	if err := New().Analyze(context.Background(), d); err != nil || len(d.Tokens) != n || len(d.Sentences) != 3 {
		t.Errorf("second run: %d tokens (want %d), %d sentences", len(d.Tokens), n, len(d.Sentences))
	}
}

// checkSpans verifies the invariants of tokens and sentences over s.
func checkSpans(t *testing.T, s string, toks []doc.Token, sents []doc.Span) {
	t.Helper()
	prev := 0
	for _, tk := range toks {
		if tk.Span().Start < prev || tk.Span().End <= tk.Span().Start || tk.Span().End > len(s) {
			t.Fatalf("bad token %v after %d in %q", tk.Span(), prev, s)
		}
		if !utf8.ValidString(s[tk.Start:tk.End]) && utf8.ValidString(s) {
			t.Fatalf("token %v splits a rune in %q", tk.Span(), s)
		}
		prev = tk.Span().End
	}
	if len(toks) == 0 {
		if len(sents) != 0 {
			t.Fatalf("sentences without tokens")
		}
		return
	}
	if sents[0].Start != toks[0].Span().Start || sents[len(sents)-1].End != toks[len(toks)-1].Span().End {
		t.Fatalf("sentences %v do not cover the tokens", sents)
	}
	for i := 1; i < len(sents); i++ {
		if sents[i].Start < sents[i-1].End || sents[i].Start >= sents[i].End {
			t.Fatalf("bad sentences %v", sents)
		}
	}
}

func FuzzTokenize(f *testing.F) {
	for _, c := range tokenCases {
		f.Add(c.in, c.lang)
	}
	for _, c := range sentenceCases {
		f.Add(c.in, c.lang)
	}
	f.Add("a-\u2011", "fr")
	f.Add("J.-", "en")
	f.Add("3 50", "fr")
	f.Fuzz(func(t *testing.T, s, lang string) {
		r := RulesFor(lang)
		toks := Tokenize(s, doc.Span{Start: 0, End: len(s)}, r, nil)
		checkSpans(t, s, toks, Sentences(s, toks, r))
	})
}

func FuzzSentences(f *testing.F) {
	for _, c := range sentenceCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, lang := range []string{"fr", "en", "und"} {
			d := &doc.Document{Text: s, Body: doc.Span{Start: 0, End: len(s)}, Lang: lang}
			if err := New().Analyze(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			for _, sn := range d.Sentences {
				p := d.Paragraphs[sn.Paragraph].Span
				if !p.Contains(sn.Span) {
					t.Fatalf("sentence %v outside its paragraph %v", sn.Span, p)
				}
			}
			checkSpans(t, s, d.Tokens, sentenceSpans(d))
		}
	})
}

func sentenceSpans(d *doc.Document) []doc.Span {
	// Sentences of all paragraphs, in order, as spans.
	out := make([]doc.Span, 0, len(d.Sentences))
	for _, s := range d.Sentences {
		out = append(out, s.Span)
	}
	return out
}

// TestWrappedParagraphs: hard-wrapped text (wire archives) joins its lines
// into paragraphs that end at blank lines, indented lines or short lines
// ending a sentence; unwrapped text keeps one paragraph per line.
func TestWrappedParagraphs(t *testing.T) {
	wrapped := "An existing stock exchange rule might be used to limit the\n" +
		"trading activities of its members in London in stocks listed on\n" +
		"both exchanges, sources at the London Exchange said.\n" +
		"    This could arise if the London Stock Exchange goes ahead\n" +
		"with plans to close its trading floor, which it has said it\n" +
		"would do in due course.\n" +
		"    The exchange is seeking clarification from its members and\n" +
		"said it would report back.\n"
	frWrapped := "Le gouvernement a annoncé lundi un plan de soutien aux\n" +
		"agriculteurs touchés par la sécheresse, a indiqué le ministre.\n" +
		"\n" +
		"Les syndicats agricoles ont salué une première étape mais\n" +
		"réclament des mesures plus durables pour les exploitations\n" +
		"les plus fragiles, selon un communiqué.\n" +
		"Le ministre recevra leurs représentants la semaine prochaine\n" +
		"pour discuter du calendrier.\n"
	lines := "Première ligne courte.\nDeuxième paragraphe, une seule ligne.\nTroisième.\n"
	for _, tc := range []struct {
		name, text string
		want       []string // first words of each paragraph
	}{
		{"en wrapped with indents", wrapped, []string{"An existing", "This could", "The exchange"}},
		{"fr wrapped with blank lines and short last lines", frWrapped, []string{"Le gouvernement", "Les syndicats", "Le ministre"}},
		{"one paragraph per line when not wrapped", lines, []string{"Première ligne", "Deuxième paragraphe,", "Troisième."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := Paragraphs(tc.text, doc.Span{End: len(tc.text)})
			var got []string
			for _, p := range ps {
				f := strings.Fields(tc.text[p.Span.Start:p.Span.End])
				got = append(got, strings.Join(f[:min(2, len(f))], " "))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("paragraphs start with %q, want %q", got, tc.want)
			}
		})
	}
}

// BenchmarkAnalyze segments 200 OrangeSum articles (French) per op, or
// the dev corpus when OrangeSum is absent.
func BenchmarkAnalyze(b *testing.B) {
	files, _ := filepath.Glob("/work/shared/data/orangesum-fr-news/parsed/*.json")
	if len(files) > 200 {
		files = files[:200]
	}
	if len(files) == 0 {
		files, _ = filepath.Glob("/work/shared/corpus/dev/*.txt")
	}
	var docs []*doc.Document
	var total int64
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text, lang := string(data), ""
		var rec struct{ Article string }
		if filepath.Ext(f) == ".json" {
			if err := json.Unmarshal(data, &rec); err != nil {
				b.Fatal(err)
			}
			text, lang = rec.Article, "fr"
		}
		docs = append(docs, &doc.Document{Text: text, Body: doc.Span{End: len(text)}, Lang: lang})
		total += int64(len(text))
	}
	if len(docs) == 0 {
		b.Skip("no corpus")
	}
	s := New()
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			d.Tokens, d.Sentences, d.Paragraphs = nil, nil, nil
			s.Analyze(context.Background(), d)
		}
	}
}
