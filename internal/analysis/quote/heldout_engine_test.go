package quote_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/analysis/quote"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/engine"
)

// The floors are the held-out cases (of the check and the validation set)
// the whole engine must get right. They sit a little under the counts
// measured when they were set (53/54 and 27/32), because the entity stage
// they depend on changes too; raise them when the stage improves.
const (
	heldOutEngineFloor           = 50
	heldOutEngineValidationFloor = 25
)

// TestHeldOutEngine runs the held-out set through the whole engine, as the
// command does, and logs the tally (go test -run TestHeldOutEngine -v).
func TestHeldOutEngine(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the whole engine")
	}
	engs := map[string]*engine.Engine{}
	analyze := func(lang, text string) *doc.Document {
		e := engs[lang]
		if e == nil {
			var err error
			if e, err = engine.New(engine.Options{Lang: lang}); err != nil {
				t.Fatal(err)
			}
			engs[lang] = e
		}
		d := &doc.Document{Text: text, Body: doc.Span{Start: 0, End: len(text)}, Lang: lang}
		if err := e.Analyze(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, validation := range []bool{false, true} {
		name, floor := "check set", heldOutEngineFloor
		if validation {
			name, floor = "validation set", heldOutEngineValidationFloor
		}
		summary, passed, fails := quote.HeldOutScore(t, validation, analyze)
		t.Logf("held-out %s (whole engine): %s", name, summary)
		for _, f := range fails {
			t.Logf("miss: %s", f)
		}
		if passed < floor {
			t.Errorf("%s: %d cases right, want at least %d", name, passed, floor)
		}
	}
}
