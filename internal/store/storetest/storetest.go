// Package storetest is the conformance suite every store backend must
// pass: Run(t, newStore) exercises storing, replacing, entity merging,
// full-text search with its filters and query language, quotes, entities,
// paging and errors against fresh stores made by newStore. Fixtures are
// small French and English articles (Corpus).
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Version is the analyser version the suite stores documents with.
const Version = "test-1"

// Run runs the suite. newStore must return an empty store, closed by the
// test's cleanup.
func Run(t *testing.T, newStore func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		f    func(t *testing.T, s store.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"Idempotent", testIdempotent},
		{"Replace", testReplace},
		{"EntityMerge", testEntityMerge},
		{"EntityDetail", testEntityDetail},
		{"Entities", testEntities},
		{"Search", testSearch},
		{"SearchFilters", testSearchFilters},
		{"Snippets", testSnippets},
		{"Sanitised", testSanitised},
		{"Quotes", testQuotes},
		{"Paging", testPaging},
		{"Errors", testErrors},
		{"Concurrent", testConcurrent},
		{"RegionalLanguage", testRegional},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			tc.f(t, s)
		})
	}
}

func ctx() context.Context { return context.Background() }

// load stores the corpus and returns it.
func load(t *testing.T, s store.Store) []*doc.Document {
	t.Helper()
	docs := Corpus()
	res, err := s.Put(ctx(), docs, Version)
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	for i, r := range res {
		if r.Status != store.Added || r.ID != docs[i].ID {
			t.Fatalf("Put %s: got %+v, want added %s", docs[i].Source, r, docs[i].ID)
		}
	}
	return docs
}

// must(f())(t) returns f's value, failing the test on f's error.
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func testRoundTrip(t *testing.T, s store.Store) {
	docs := load(t, s)
	for _, want := range append(docs, XSSDocument()) {
		if want.Source == "xss.txt" {
			must(s.Put(ctx(), []*doc.Document{want}, Version))(t)
		}
		got := must(s.Document(ctx(), want.ID))(t)
		g := got.Doc
		if g.Text != want.Text || g.Title != want.Title || g.Source != want.Source || g.Lang != want.Lang ||
			g.Published != want.Published || g.Body != want.Body {
			t.Errorf("%s: header or text differs: got %+v", want.Source, g.Published)
		}
		if got.Version != Version || got.Hash != store.ContentHash(want.Text) || got.Ingested.IsZero() {
			t.Errorf("%s: version %q hash %q ingested %v", want.Source, got.Version, got.Hash, got.Ingested)
		}
		if !slices.Equal(g.Paragraphs, want.Paragraphs) || !slices.Equal(g.Removed, want.Removed) ||
			!slices.Equal(g.Times, want.Times) || len(g.Quantities) != len(want.Quantities) ||
			len(g.Events) != len(want.Events) || len(g.Quotes) != len(want.Quotes) {
			t.Errorf("%s: layers differ:\n got %+v\nwant %+v", want.Source, g, want)
		}
		if len(g.Entities) != len(want.Entities) {
			t.Fatalf("%s: %d entities, want %d", want.Source, len(g.Entities), len(want.Entities))
		}
		ids := map[string]string{} // analyser id → store id
		for i, e := range want.Entities {
			ge := g.Entities[i]
			ids[e.ID] = ge.ID
			if ge.Name != e.Name || ge.Type != e.Type || ge.KBID != e.KBID || len(ge.Mentions) != len(e.Mentions) ||
				len(ge.Roles) != len(e.Roles) {
				t.Errorf("%s: entity %d: got %+v, want %+v", want.Source, i, ge, e)
			}
			for j, m := range e.Mentions {
				if j < len(ge.Mentions) && (ge.Mentions[j].Span != m.Span || g.Slice(ge.Mentions[j].Span) != m.Text) {
					t.Errorf("%s: mention %q at %v, want %v", want.Source, ge.Mentions[j].Text, ge.Mentions[j].Span, m.Span)
				}
			}
		}
		for i, q := range want.Quotes {
			gq := g.Quotes[i]
			if gq.Span != q.Span || gq.Kind != q.Kind || len(gq.Via) != len(q.Via) {
				t.Errorf("%s: quote %d: got %+v, want %+v", want.Source, i, gq, q)
			}
			if q.Speaker.EntityID != "" && gq.Speaker.EntityID != ids[q.Speaker.EntityID] {
				t.Errorf("%s: quote %d speaker %q, want %q", want.Source, i, gq.Speaker.EntityID, ids[q.Speaker.EntityID])
			}
			if q.Speaker.Name != "" && gq.Speaker.EntityID == "" {
				t.Errorf("%s: quote %d: named speaker %q not linked to an entity", want.Source, i, q.Speaker.Name)
			}
		}
		for i, q := range want.Quantities {
			gq := g.Quantities[i]
			if gq.Span != q.Span || gq.Value != q.Value || gq.Unit != q.Unit || (q.SI == nil) != (gq.SI == nil) ||
				(q.SI != nil && *q.SI != *gq.SI) {
				t.Errorf("%s: quantity %d: got %+v, want %+v", want.Source, i, gq, q)
			}
		}
		for i, ev := range want.Events {
			ge := g.Events[i]
			var wantP []string
			for _, p := range ev.Participants {
				wantP = append(wantP, ids[p])
			}
			if ge.Type != ev.Type || ge.Span != ev.Span || !slices.Equal(ge.Participants, wantP) {
				t.Errorf("%s: event %d: got %+v, want participants %v", want.Source, i, ge, wantP)
			}
		}
	}
	st := must(s.Stats(ctx()))(t)
	if st.Documents != 5 || st.Quotes != 7 || st.SchemaVersion != store.SchemaVersion {
		t.Errorf("stats: %+v", st)
	}
}

func testIdempotent(t *testing.T, s store.Store) {
	docs := load(t, s)
	before := must(s.Stats(ctx()))(t)
	res := must(s.Put(ctx(), Corpus(), "another-version"))(t)
	for i, r := range res {
		if r.Status != store.Unchanged || r.ID != docs[i].ID {
			t.Errorf("second Put of %s: %+v", docs[i].Source, r)
		}
	}
	after := must(s.Stats(ctx()))(t)
	before.Bytes, after.Bytes = 0, 0
	if before != after {
		t.Errorf("stats changed by a repeated Put: %+v → %+v", before, after)
	}
	hashes := []string{store.ContentHash(docs[0].Text), store.ContentHash("not stored")}
	has := must(s.Has(ctx(), hashes))(t)
	if !has[hashes[0]] || has[hashes[1]] {
		t.Errorf("Has: %v", has)
	}
	// The same text twice in one batch is stored once.
	d := newDoc("dup-a.txt", "en", "", "", "A duplicated text.").d
	d2 := newDoc("dup-b.txt", "en", "", "", "A duplicated text.").d
	res = must(s.Put(ctx(), []*doc.Document{d, d2}, Version))(t)
	if res[0].Status != store.Added || res[1].Status != store.Unchanged {
		t.Errorf("duplicate in a batch: %+v", res)
	}
}

func testReplace(t *testing.T, s store.Store) {
	load(t, s)
	marie := must(s.Entities(ctx(), store.EntityQuery{Text: "Marie Dupont"}))(t)
	if len(marie.Items) != 1 {
		t.Fatalf("Marie Dupont: %+v", marie.Items)
	}
	old := Corpus()[3]
	nd := newDoc(old.Source, "fr", "2021-06-20", "Élections régionales (mise à jour)",
		"Les élections régionales ont été remportées par la majorité sortante.").d
	res := must(s.Put(ctx(), []*doc.Document{nd}, Version))(t)
	if res[0].Status != store.Replaced {
		t.Fatalf("Put of a changed article: %+v", res)
	}
	if _, err := s.Document(ctx(), old.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("old version still there: %v", err)
	}
	if hits := must(s.Search(ctx(), store.SearchQuery{Text: "participation"}))(t); len(hits.Items) != 0 {
		t.Errorf("old text still indexed: %+v", hits.Items)
	}
	if hits := must(s.Search(ctx(), store.SearchQuery{Text: "majorité sortante"}))(t); len(hits.Items) != 1 || hits.Items[0].Doc.ID != nd.ID {
		t.Errorf("new text not indexed: %+v", hits.Items)
	}
	if _, err := s.Entity(ctx(), marie.Items[0].ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("entity only the old version had: %v", err)
	}
	if q := must(s.Quotes(ctx(), store.QuoteQuery{Text: "élection historique"}))(t); len(q.Items) != 0 {
		t.Errorf("old quotes still there: %+v", q.Items)
	}
	st := must(s.Stats(ctx()))(t)
	if st.Documents != 4 || st.Quotes != 5 {
		t.Errorf("stats after replace: %+v", st)
	}
	// Documents without a source are told apart by their text alone.
	a, b := newDoc("", "en", "", "", "First anonymous text.").d, newDoc("", "en", "", "", "Second anonymous text.").d
	res = must(s.Put(ctx(), []*doc.Document{a}, Version))(t)
	res2 := must(s.Put(ctx(), []*doc.Document{b}, Version))(t)
	if res[0].Status != store.Added || res2[0].Status != store.Added {
		t.Errorf("sourceless documents: %+v %+v", res, res2)
	}
}

func entityNamed(t *testing.T, s store.Store, name string) store.EntitySummary {
	t.Helper()
	p := must(s.Entities(ctx(), store.EntityQuery{Text: name}))(t)
	if len(p.Items) == 0 {
		t.Fatalf("no entity named %q", name)
	}
	return p.Items[0]
}

func testEntityMerge(t *testing.T, s store.Store) {
	load(t, s)
	for _, c := range []struct {
		query, name    string
		docs, mentions int
		quotes         int
	}{
		{"Poutine", "Vladimir Putin", 2, 4, 1},    // by KB id across languages
		{"John Kirby", "John Kirby", 2, 3, 3},     // by name and type; an unlinked speaker name joins it
		{"Corée du Nord", "North Korea", 1, 1, 0}, // an alias in another language
	} {
		e := entityNamed(t, s, c.query)
		if e.Name != c.name || e.Docs != c.docs || e.Mentions != c.mentions || e.Quotes != c.quotes {
			t.Errorf("%s: got %+v, want %s docs=%d mentions=%d quotes=%d", c.query, e, c.name, c.docs, c.mentions, c.quotes)
		}
	}
}

func testEntityDetail(t *testing.T, s store.Store) {
	load(t, s)
	e := entityNamed(t, s, "Putin")
	d := must(s.Entity(ctx(), e.ID))(t)
	for _, a := range []string{"Vladimir Poutine", "Poutine", "Putin"} {
		if !slices.Contains(d.Aliases, a) {
			t.Errorf("alias %q missing: %v", a, d.Aliases)
		}
	}
	var roles []string
	for _, r := range d.Roles {
		roles = append(roles, r.Text)
	}
	if !slices.Contains(roles, "président russe") || !slices.Contains(roles, "Russian President") {
		t.Errorf("roles: %v", roles)
	}
	if len(d.RecentMentions) != 4 || d.Mentions != 4 {
		t.Errorf("mentions: %d %+v", d.Mentions, d.RecentMentions)
	}
	if len(d.QuotesBy) != 1 || !strings.Contains(d.QuotesBy[0].Text, "free and fair") {
		t.Errorf("quotes by: %+v", d.QuotesBy)
	}
	if len(d.QuotesAbout) != 1 || !strings.HasPrefix(d.QuotesAbout[0].Text, "Poutine recevra") {
		t.Errorf("quotes about: %+v", d.QuotesAbout)
	}
	var cooc []string
	for _, c := range d.CoOccurring {
		cooc = append(cooc, c.Entity.Name)
	}
	if !slices.Contains(cooc, "Kim Jong Un") || !slices.Contains(cooc, "Reuters") || slices.Contains(cooc, "Vladimir Putin") {
		t.Errorf("co-occurring: %v", cooc)
	}
	want := []store.MonthCount{{Month: "2023-09", Docs: 1}, {Month: "2023-10", Docs: 1}}
	if !slices.Equal(d.Timeline, want) {
		t.Errorf("timeline: %+v, want %+v", d.Timeline, want)
	}
}

func testEntities(t *testing.T, s store.Store) {
	load(t, s)
	all := must(s.Entities(ctx(), store.EntityQuery{Limit: 100}))(t)
	if len(all.Items) != 7 || all.Next != "" {
		t.Errorf("%d entities: %+v", len(all.Items), all.Items)
	}
	if all.Items[0].Docs < all.Items[len(all.Items)-1].Docs {
		t.Errorf("not sorted by documents: %+v", all.Items)
	}
	for q, want := range map[string]string{"kir": "John Kirby", "POUTINE": "Vladimir Putin", "vladimir": "Vladimir Putin", "coree": "North Korea"} {
		p := must(s.Entities(ctx(), store.EntityQuery{Text: q}))(t)
		if len(p.Items) == 0 || p.Items[0].Name != want {
			t.Errorf("entities %q: %+v, want %s first", q, p.Items, want)
		}
	}
	if p := must(s.Entities(ctx(), store.EntityQuery{Type: "ORG"}))(t); len(p.Items) != 2 {
		t.Errorf("ORG entities: %+v", p.Items)
	}
	if p := must(s.Entities(ctx(), store.EntityQuery{Text: "nobody at all"}))(t); len(p.Items) != 0 {
		t.Errorf("unknown name: %+v", p.Items)
	}
}

func sources(hits []store.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Doc.Source)
	}
	slices.Sort(out)
	return out
}

func testSearch(t *testing.T, s store.Store) {
	load(t, s)
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"election", []string{"en1.txt", "fr2.txt"}},      // stems, both languages
		{"ÉLECTIONS", []string{"en1.txt", "fr2.txt"}},     // case and accents
		{"élection historique", []string{"fr2.txt"}},      // AND
		{"negociation", []string{"fr1.txt"}},              // no accents, singular
		{"negotiations", []string{"en1.txt"}},             // English stem
		{`"free and fair"`, []string{"en1.txt"}},          // phrase
		{`"fair and free"`, nil},                          // phrase order
		{"elections -régionales", []string{"en1.txt"}},    // exclusion
		{"elections NOT regionales", []string{"en1.txt"}}, // exclusion
		{"Vladivostok OR participation", []string{"fr1.txt", "fr2.txt"}},
		{"menacent", nil},                    // removed parts are not indexed
		{"nord-coréen", []string{"fr1.txt"}}, // hyphenated word as a phrase
		{"Poutine", []string{"fr1.txt"}},     // title and text
		{"kirby", []string{"en2.txt", "fr1.txt"}},
	} {
		p, err := s.Search(ctx(), store.SearchQuery{Text: c.q})
		if err != nil {
			t.Errorf("search %q: %v", c.q, err)
			continue
		}
		if got := sources(p.Items); !slices.Equal(got, c.want) {
			t.Errorf("search %q: %v, want %v", c.q, got, c.want)
		}
		for i := 1; i < len(p.Items); i++ {
			if p.Items[i].Score > p.Items[i-1].Score {
				t.Errorf("search %q: not ranked: %+v", c.q, p.Items)
			}
		}
	}
}

func testSearchFilters(t *testing.T, s store.Store) {
	load(t, s)
	for _, c := range []struct {
		q    store.SearchQuery
		want []string
	}{
		{store.SearchQuery{Text: "election", Lang: "fr"}, []string{"fr2.txt"}},
		{store.SearchQuery{Text: "election", Lang: "en"}, []string{"en1.txt"}},
		{store.SearchQuery{Text: "election", From: "2023"}, []string{"en1.txt"}},
		{store.SearchQuery{Text: "election", To: "2022-12-31"}, []string{"fr2.txt"}},
		{store.SearchQuery{Text: "election", From: "2021-01", To: "2021-01"}, []string{"fr2.txt"}}, // year precision overlaps
		{store.SearchQuery{Text: "election", Entity: "Poutine"}, []string{"en1.txt"}},
		{store.SearchQuery{Text: "Kirby", Speaker: "Kirby"}, []string{"en2.txt", "fr1.txt"}},
		{store.SearchQuery{Text: "Kirby", Via: "fox news digital"}, []string{"fr1.txt"}},
		{store.SearchQuery{Text: "Kirby", Via: "Fox News"}, []string{"en2.txt"}},
		{store.SearchQuery{Text: "election", Entity: "Nobody Known"}, nil},
	} {
		p, err := s.Search(ctx(), c.q)
		if err != nil {
			t.Errorf("search %+v: %v", c.q, err)
			continue
		}
		if got := sources(p.Items); !slices.Equal(got, c.want) {
			t.Errorf("search %+v: %v, want %v", c.q, got, c.want)
		}
	}
}

func snippetText(segs []store.Segment) (all string, marked []string) {
	for _, s := range segs {
		all += s.Text
		if s.Match {
			marked = append(marked, s.Text)
		}
	}
	return all, marked
}

func testSnippets(t *testing.T, s store.Store) {
	load(t, s)
	p := must(s.Search(ctx(), store.SearchQuery{Text: "negociation armements"}))(t)
	if len(p.Items) != 1 {
		t.Fatalf("hits: %+v", p.Items)
	}
	all, marked := snippetText(p.Items[0].Snippet)
	if !slices.Equal(marked, []string{"négociations", "armements"}) || !strings.Contains(all, "progressent activement") {
		t.Errorf("snippet %q marks %q", all, marked)
	}
	if strings.Contains(all, "menacent") {
		t.Errorf("snippet shows a removed part: %q", all)
	}
	q := must(s.Quotes(ctx(), store.QuoteQuery{Text: "election"}))(t)
	if len(q.Items) != 2 {
		t.Fatalf("quotes: %+v", q.Items)
	}
	for _, it := range q.Items {
		if _, marked := snippetText(it.Snippet); len(marked) != 1 || !strings.HasPrefix(strings.ToLower(marked[0]), "élection") && !strings.HasPrefix(marked[0], "election") {
			t.Errorf("quote snippet marks %q", marked)
		}
	}
}

func testSanitised(t *testing.T, s store.Store) {
	load(t, s)
	for _, q := range []string{
		`'; DROP TABLE documents; --`, `" OR 1=1 --`, `NEAR(elections fair, 2)`, `fr : elections`, `{en}: elections`,
		`elect*`, `^elections`, `"unterminated phrase`, `elections AND OR NOT`, `) OR (`, `a"b"c`, "\x00elections\xff",
		`rank MATCH 'x'`, `elections + - -`, strings.Repeat("(", 300), `-elections`, `*`, `"`, `OR`, `NOT`,
	} {
		for _, f := range []func() error{
			func() error { _, err := s.Search(ctx(), store.SearchQuery{Text: q}); return err },
			func() error {
				_, err := s.Quotes(ctx(), store.QuoteQuery{Text: q, Speaker: q, About: q, Via: q})
				return err
			},
			func() error { _, err := s.Entities(ctx(), store.EntityQuery{Text: q}); return err },
			func() error { _, err := s.Documents(ctx(), store.DocumentQuery{Entity: q}); return err },
		} {
			if err := f(); err != nil && !errors.Is(err, store.ErrInvalid) {
				t.Errorf("query %q: %v", q, err)
			}
		}
	}
	if p := must(s.Search(ctx(), store.SearchQuery{Text: `"elections`}))(t); len(p.Items) != 2 {
		t.Errorf("an unterminated phrase: %+v", p.Items)
	}
	if st := must(s.Stats(ctx()))(t); st.Documents != 4 {
		t.Errorf("documents after hostile queries: %d", st.Documents)
	}
}

func quoteTexts(qs []store.Quote) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.Text)
	}
	slices.Sort(out)
	return out
}

func testQuotes(t *testing.T, s store.Store) {
	load(t, s)
	kirby := []string{"Les négociations sur les armements progressent activement", "We are watching closely", "moving forward"}
	for _, c := range []struct {
		q    store.QuoteQuery
		want []string
	}{
		{store.QuoteQuery{Speaker: "Poutine"}, []string{"The elections will be free and fair"}},
		{store.QuoteQuery{Speaker: "vladimir putin"}, []string{"The elections will be free and fair"}},
		{store.QuoteQuery{Speaker: "Kirby"}, kirby},
		{store.QuoteQuery{About: "Poutine"}, []string{"Poutine recevra Kim à Vladivostok"}},
		{store.QuoteQuery{About: "Kim Jong-un"}, []string{"Poutine recevra Kim à Vladivostok"}},
		{store.QuoteQuery{Via: "Reuters"}, []string{"The elections will be free and fair"}},
		{store.QuoteQuery{Via: "fox news digital"}, []string{"Les négociations sur les armements progressent activement"}},
		{store.QuoteQuery{Speaker: "Kirby", Lang: "en"}, kirby[1:]},
		{store.QuoteQuery{Speaker: "Kirby", From: "2023-01-01"}, kirby[:1]},
		{store.QuoteQuery{Speaker: "Kirby", To: "2022"}, kirby[1:]},
		{store.QuoteQuery{Text: "négociation"}, kirby[:1]},
		{store.QuoteQuery{Text: "closely", Speaker: "John Kirby"}, []string{"We are watching closely"}},
		// Words with every filter.
		{store.QuoteQuery{Text: "elections OR closely", Speaker: "Poutine"}, []string{"The elections will be free and fair"}},
		{store.QuoteQuery{Text: "Vladivostok", About: "Kim Jong-un"}, []string{"Poutine recevra Kim à Vladivostok"}},
		{store.QuoteQuery{Text: "Vladivostok", About: "Kirby"}, nil},
		{store.QuoteQuery{Text: "elections OR négociations", Via: "Reuters"}, []string{"The elections will be free and fair"}},
		{store.QuoteQuery{Text: "elections OR négociations", Via: "fox news digital"}, kirby[:1]},
		{store.QuoteQuery{Text: "négociation OR closely", Lang: "fr"}, kirby[:1]},
		{store.QuoteQuery{Text: "négociation OR closely", Lang: "en"}, kirby[1:2]},
		{store.QuoteQuery{Text: "négociation OR closely", Speaker: "Kirby", From: "2023-01-01"}, kirby[:1]},
		{store.QuoteQuery{Text: "négociation OR closely", Speaker: "Kirby", To: "2022"}, kirby[1:2]},
		{store.QuoteQuery{Text: "négociation OR closely", Speaker: "Nobody"}, nil},
		{store.QuoteQuery{Speaker: "Nobody"}, nil},
		{store.QuoteQuery{Doc: Corpus()[1].ID}, []string{"The elections will be free and fair"}},
	} {
		p, err := s.Quotes(ctx(), c.q)
		if err != nil {
			t.Errorf("quotes %+v: %v", c.q, err)
			continue
		}
		if got := quoteTexts(p.Items); !slices.Equal(got, c.want) {
			t.Errorf("quotes %+v: %q, want %q", c.q, got, c.want)
		}
	}
	p := must(s.Quotes(ctx(), store.QuoteQuery{Speaker: "Poutine"}))(t)
	q := p.Items[0]
	if q.Speaker == nil || q.Speaker.Name != "Vladimir Putin" || q.Doc.Source != "en1.txt" || q.Kind != "direct" ||
		q.Doc.Published.String() != "2023-10-02" || len(q.Via) != 1 || q.Via[0].Name != "Reuters" {
		t.Errorf("quote item: %+v", q)
	}
	p = must(s.Quotes(ctx(), store.QuoteQuery{About: "Poutine"}))(t)
	var about []string
	for _, a := range p.Items[0].About {
		about = append(about, a.Name)
	}
	if slices.Sort(about); !slices.Equal(about, []string{"Kim Jong Un", "Vladimir Putin"}) {
		t.Errorf("about: %v", about)
	}
	if p.Items[0].Speaker != nil {
		t.Errorf("unattributed quote has speaker %+v", p.Items[0].Speaker)
	}
}

func testPaging(t *testing.T, s store.Store) {
	load(t, s)
	var got []string
	cursor := ""
	for range 10 {
		p := must(s.Documents(ctx(), store.DocumentQuery{Limit: 1, Cursor: cursor}))(t)
		for _, d := range p.Items {
			got = append(got, d.Source)
		}
		if cursor = p.Next; cursor == "" {
			break
		}
	}
	if want := []string{"en1.txt", "fr1.txt", "en2.txt", "fr2.txt"}; !slices.Equal(got, want) {
		t.Errorf("documents by page: %v, want %v", got, want)
	}
	pagedQuotes := func(q store.QuoteQuery) []string {
		var out []string
		for range 20 {
			p := must(s.Quotes(ctx(), q))(t)
			for _, it := range p.Items {
				out = append(out, it.ID)
			}
			if q.Cursor = p.Next; q.Cursor == "" {
				break
			}
		}
		return out
	}
	ids := pagedQuotes(store.QuoteQuery{Limit: 2})
	uniq := slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(ids) != 6 || len(uniq) != 6 {
		t.Errorf("quotes by page: %v", ids)
	}
	if ids := pagedQuotes(store.QuoteQuery{Limit: 1, Text: "elections OR négociations OR closely"}); len(ids) != 4 {
		t.Errorf("ranked quotes by page: %v", ids)
	}
	var hits []string
	q := store.SearchQuery{Text: "Kirby OR election", Limit: 1}
	for range 10 {
		p := must(s.Search(ctx(), q))(t)
		hits = append(hits, sources(p.Items)...)
		if q.Cursor = p.Next; q.Cursor == "" {
			break
		}
	}
	if slices.Sort(hits); !slices.Equal(hits, []string{"en1.txt", "en2.txt", "fr1.txt", "fr2.txt"}) {
		t.Errorf("search by page: %v", hits)
	}
	ents := 0
	eq := store.EntityQuery{Limit: 3}
	for range 10 {
		p := must(s.Entities(ctx(), eq))(t)
		ents += len(p.Items)
		if eq.Cursor = p.Next; eq.Cursor == "" {
			break
		}
	}
	if ents != 7 {
		t.Errorf("entities by page: %d", ents)
	}
}

func testErrors(t *testing.T, s store.Store) {
	load(t, s)
	notFound := []error{
		second(s.Document(ctx(), "no-such-document")),
		second(s.Entity(ctx(), "999999")),
		second(s.Entity(ctx(), "abc")),
		second(s.Entity(ctx(), "-1")),
	}
	for i, err := range notFound {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("not found case %d: %v", i, err)
		}
	}
	invalid := []error{
		second(s.Search(ctx(), store.SearchQuery{Text: ""})),
		second(s.Search(ctx(), store.SearchQuery{Text: "  -- ** "})),
		second(s.Search(ctx(), store.SearchQuery{Text: "x", Limit: 1_000_000_000})),
		second(s.Search(ctx(), store.SearchQuery{Text: "x", Limit: -1})),
		second(s.Search(ctx(), store.SearchQuery{Text: "x", From: "2023-13"})),
		second(s.Search(ctx(), store.SearchQuery{Text: "x", From: "2023-02-30"})),
		second(s.Search(ctx(), store.SearchQuery{Text: "x", To: "yesterday"})),
		second(s.Search(ctx(), store.SearchQuery{Text: "x", From: "2024", To: "2023"})),
		second(s.Search(ctx(), store.SearchQuery{Text: "x", Cursor: "garbage"})),
		second(s.Search(ctx(), store.SearchQuery{Text: strings.Repeat("x ", 600)})),
		second(s.Documents(ctx(), store.DocumentQuery{Cursor: "Zm9v"})),
		second(s.Quotes(ctx(), store.QuoteQuery{Cursor: "%%%"})),
		second(s.Quotes(ctx(), store.QuoteQuery{Limit: 101})),
		second(s.Entities(ctx(), store.EntityQuery{Cursor: "!"})),
		second(s.Search(ctx(), store.SearchQuery{Text: "x", Cursor: store.OffsetCursor(store.MaxOffset + 1)})),
	}
	for i, err := range invalid {
		if !errors.Is(err, store.ErrInvalid) {
			t.Errorf("invalid case %d: %v", i, err)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func testConcurrent(t *testing.T, s store.Store) {
	load(t, s)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				d := newDoc(fmt.Sprintf("w%d-%d.txt", w, i), "en", "2024-01-02", "", fmt.Sprintf("Vladimir Putin spoke again, %d %d.", w, i)).
					entity("p", "PER", "Vladimir Putin", "Q7747", nil, "Vladimir Putin").d
				if _, err := s.Put(ctx(), []*doc.Document{d}, Version); err != nil {
					errs <- err
				}
			}
		}()
	}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				if _, err := s.Search(ctx(), store.SearchQuery{Text: "Putin"}); err != nil {
					errs <- err
				}
				if _, err := s.Quotes(ctx(), store.QuoteQuery{Speaker: "Putin"}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if e := entityNamed(t, s, "Vladimir Putin"); e.Docs != 42 {
		t.Errorf("Putin in %d documents, want 42", e.Docs)
	}
}

func testRegional(t *testing.T, s store.Store) {
	d := newDoc("qc.txt", "fr-CA", "2024-05-01", "", "Le premier ministre du Québec a parlé du budget.").
		entity("q", "PER", "François Legault", "", nil, "Québec").
		quote("parlé du budget", "indirect", "q").d
	must(s.Put(ctx(), []*doc.Document{d}, Version))(t)
	for lang, want := range map[string]int{"fr": 1, "FR-ca": 1, "fr-FR": 0, "en": 0, "": 1} {
		if p := must(s.Search(ctx(), store.SearchQuery{Text: "budget", Lang: lang}))(t); len(p.Items) != want {
			t.Errorf("search lang %q: %d hits, want %d", lang, len(p.Items), want)
		}
		if p := must(s.Quotes(ctx(), store.QuoteQuery{Lang: lang}))(t); len(p.Items) != want {
			t.Errorf("quotes lang %q: %d, want %d", lang, len(p.Items), want)
		}
		if p := must(s.Documents(ctx(), store.DocumentQuery{Lang: lang}))(t); len(p.Items) != want {
			t.Errorf("documents lang %q: %d, want %d", lang, len(p.Items), want)
		}
	}
}
