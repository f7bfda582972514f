package entity

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// TestLazyTagger checks that a tagger loaded on first use labels as the
// tagger itself, is loaded once, and that a failure to load is noted on
// each document of its language, as for Unavailable.
func TestLazyTagger(t *testing.T) {
	text := "Rebekah Koffler visited the Saints at the stadium with Vladimir Putin."
	labels := fixed(func(words []string) []string {
		out := make([]string, len(words))
		for i, w := range words {
			out[i] = "O"
			if w == "Saints" {
				out[i] = "B-ORG"
			}
		}
		return out
	})
	loads := 0
	lazy := New(builtin(t), map[string]Tagger{"en": NewLazy(func() (Tagger, error) { loads++; return labels, nil })})
	direct := New(builtin(t), map[string]Tagger{"en": labels})
	for range 3 {
		got, want := analyze(t, lazy, "en", text), analyze(t, direct, "en", text)
		if !reflect.DeepEqual(got.Entities, want.Entities) || entityOf(got, "Saints") == nil {
			t.Fatalf("lazy tagger:%s\ndirect:%s", describe(got), describe(want))
		}
	}
	if loads != 1 {
		t.Errorf("loaded %d times", loads)
	}
	failing := New(builtin(t), map[string]Tagger{"en": NewLazy(func() (Tagger, error) { return nil, errors.New("no model") })})
	for range 2 {
		d := analyze(t, failing, "en", text)
		if len(d.Problems) != 1 || !strings.Contains(d.Problems[0].Message, "no model") || entityOf(d, "Vladimir Putin") == nil {
			t.Errorf("failing tagger: problems %v%s", d.Problems, describe(d))
		}
	}
	// A French document does not load the English tagger.
	fr := New(builtin(t), map[string]Tagger{"en": NewLazy(func() (Tagger, error) { t.Error("English tagger loaded"); return labels, nil })})
	analyze(t, fr, "fr", "Le président russe Vladimir Poutine a parlé.")
}

// TestReuse checks that the memory a stage reuses between documents does
// not carry anything from one document to the next: each document gives
// the same entities alone, after others, and on concurrent goroutines.
func TestReuse(t *testing.T) {
	texts := []struct{ lang, text string }{
		{"fr", "Le dirigeant nord-coréen Kim Jong Un rencontrera le président russe Vladimir Poutine, a annoncé lundi le Kremlin. Poutine et Kim parleront."},
		{"en", "U.S. District Judge Robert F. Collins was sentenced Friday. Collins, a former judge, left. Rebekah Koffler told Fox News Digital that the U.S. Justice Department was wrong."},
		{"fr", strings.Repeat("La Commission nationale de recensement des votes (CNRV) a indiqué que Jean Dupont, porte-parole de la CNRV, était à Paris. ", 40)},
		{"en", "Mayor Byron Brown released the following statement on Monday. Brown said the Buffalo Common Council voted."},
	}
	s := plain(t)
	fresh := func(i int) []doc.Entity {
		return analyze(t, New(builtin(t), nil), texts[i].lang, texts[i].text).Entities
	}
	var want [][]doc.Entity
	for i := range texts {
		want = append(want, fresh(i))
	}
	for round := range 2 {
		for i := len(texts) - 1; i >= 0; i-- {
			if got := analyze(t, s, texts[i].lang, texts[i].text).Entities; !reflect.DeepEqual(got, want[i]) {
				t.Fatalf("round %d, text %d: differs after other documents", round, i)
			}
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range 20 {
				i := (g + n) % len(texts)
				d := &doc.Document{Text: texts[i].text, Body: doc.Span{End: len(texts[i].text)}, Lang: texts[i].lang}
				if err := segmentStage().Analyze(context.Background(), d); err != nil {
					errs <- err.Error()
					return
				}
				if err := s.Analyze(context.Background(), d); err != nil {
					errs <- err.Error()
					return
				}
				if !reflect.DeepEqual(d.Entities, want[i]) {
					errs <- "concurrent analysis differs"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// TestNoKnowledgeBase runs the stage without a knowledge base: capitalised
// names are still found, and none is linked.
func TestNoKnowledgeBase(t *testing.T) {
	d := analyze(t, New(nil, nil), "fr", "Le président Emmanuel Macron a reçu Olaf Scholz à Paris.")
	for _, m := range []string{"Emmanuel Macron", "Olaf Scholz"} {
		if e := entityOf(d, m); e == nil || e.Type != "PER" || e.KBID != "" {
			t.Errorf("%q:%s", m, describe(d))
		}
	}
}

// TestAnalyzeBatch checks that a batch gives each document the entities
// Analyze gives it alone (French and English, with the shipped taggers),
// that every document is tagged before any is analysed, one language after
// the other, and that a tagger that panics on one document costs that
// document only.
func TestAnalyzeBatch(t *testing.T) {
	texts := []struct{ lang, text string }{
		{"fr", "La ministre Catherine Vautrin a visité Lyon lundi. Selon elle, la Banque de France prévoit une reprise."},
		{"en", "Chancellor Rachel Reeves told the BBC in London that the Treasury would act."},
		{"fr", "Vautrin a ensuite rencontré des élus à Villeurbanne avec le maire Cédric Van Styvendael."},
		{"en", "Mr Reeves? No: Ms Reeves met Andrew Bailey of the Bank of England on Tuesday."},
	}
	s := withTaggers(t)
	newDocs := func() []*doc.Document {
		var docs []*doc.Document
		for _, x := range texts {
			d := &doc.Document{Text: x.text, Body: doc.Span{Start: 0, End: len(x.text)}, Lang: x.lang}
			if err := segmentStage().Analyze(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			docs = append(docs, d)
		}
		return docs
	}
	docs := newDocs()
	for i, err := range s.AnalyzeBatch(context.Background(), docs) {
		if err != nil {
			t.Errorf("document %d: %v", i, err)
		}
	}
	for i, d := range newDocs() {
		if err := s.Analyze(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		if len(d.Entities) == 0 || !reflect.DeepEqual(d.Entities, docs[i].Entities) {
			t.Errorf("document %d: batch gave%s\nalone%s", i, describe(docs[i]), describe(d))
		}
	}

	docs = newDocs()
	label := byWord(map[string]string{"Reeves": "B-PER", "Bailey": "B-PER"})
	calls := 0
	tagger := fixedDoc{calls: &calls, label: func(words []string) []string {
		for _, d := range docs {
			if d.Entities != nil {
				t.Error("a document was analysed before the batch was tagged")
			}
		}
		if slices.Contains(words, "Mr") {
			panic("tagger broke")
		}
		return label(words)
	}}
	var order []string
	logged := func(lang string) fixedDoc {
		return fixedDoc{calls: &calls, label: func(words []string) []string {
			if len(order) == 0 || order[len(order)-1] != lang {
				order = append(order, lang)
			}
			return tagger.label(words)
		}}
	}
	errs := New(builtin(t), map[string]Tagger{"en": logged("en"), "fr": logged("fr")}).AnalyzeBatch(context.Background(), docs)
	if !slices.Equal(order, []string{"en", "fr"}) {
		t.Errorf("tagged in the language order %v, want the English documents, then the French ones", order)
	}
	for i, err := range errs {
		if (err != nil) != (i == 3) {
			t.Errorf("document %d: error %v", i, err)
		}
	}
	if errs[3] == nil || !strings.Contains(errs[3].Error(), "tagger broke") || docs[3].Entities != nil {
		t.Errorf("panicking document: %v, entities%s", errs[3], describe(docs[3]))
	}
	if e := entityOf(docs[1], "Rachel Reeves"); e == nil || e.Type != "PER" {
		t.Errorf("the document before the panicking one lost its entities%s", describe(docs[1]))
	}
}
