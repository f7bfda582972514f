package entity

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/internal/analysis/segment"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/kb"
	"github.com/newsgraph/newsgraph/internal/ner"
)

var (
	kbOnce  sync.Once
	kbBase  *kb.KB
	kbErr   error
	tagOnce sync.Once
	tagged  *Stage
	tagErr  error
)

// builtin returns the built-in knowledge base, loaded once.
func builtin(t testing.TB) *kb.KB {
	t.Helper()
	kbOnce.Do(func() { kbBase, kbErr = kb.Builtin() })
	if kbErr != nil {
		t.Fatal(kbErr)
	}
	return kbBase
}

// plain returns the stage over the built-in knowledge base without
// taggers: knowledge-base matches and capitalisation cues only.
func plain(t testing.TB) *Stage { return New(builtin(t), nil) }

// withTaggers returns the stage with the embedded taggers.
func withTaggers(t testing.TB) *Stage {
	t.Helper()
	s, err := loadTaggers(t)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func loadTaggers(t testing.TB) (*Stage, error) {
	base := builtin(t)
	tagOnce.Do(func() {
		taggers := map[string]Tagger{}
		for _, l := range []string{"fr", "en"} {
			m, err := ner.LoadEmbedded(l)
			if err != nil {
				tagErr = err
				return
			}
			taggers[l] = m
		}
		tagged = New(base, taggers)
	})
	return tagged, tagErr
}

// stages returns the stage with taggers and the one without.
func stages(t testing.TB) (*Stage, *Stage) { return withTaggers(t), plain(t) }

// analyze segments text in language lang and runs stage s on it.
func analyze(t testing.TB, s *Stage, lang, text string) *doc.Document {
	t.Helper()
	d := &doc.Document{Text: text, Body: doc.Span{Start: 0, End: len(text)}, Lang: lang}
	if err := segment.New().Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if err := s.Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

// entityOf returns the entity with a mention whose text is m, or nil.
func entityOf(d *doc.Document, m string) *doc.Entity {
	for i := range d.Entities {
		for _, x := range d.Entities[i].Mentions {
			if x.Text == m {
				return &d.Entities[i]
			}
		}
	}
	return nil
}

// describe lists the entities of d for failure messages.
func describe(d *doc.Document) string {
	var b strings.Builder
	for _, e := range d.Entities {
		b.WriteString("\n  " + e.ID + " " + e.Type + " " + e.Name + " [")
		for i, m := range e.Mentions {
			if i > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(m.Text)
		}
		b.WriteString("] roles:")
		for _, r := range e.Roles {
			b.WriteString(" «" + r.Text + "»")
		}
		if e.Gender != "" {
			b.WriteString(" gender:" + e.Gender)
		}
	}
	return b.String()
}

func segmentStage() *segment.Stage { return segment.New() }

func kbKey(s string) string { return kb.Key(s) }
