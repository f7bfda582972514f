package engine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/kb"
)

func TestUserKB(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "kb.jsonl")
	if err := os.WriteFile(good, []byte(`{"id":"org:zorbl","name":"Zorbl Institute","type":"ORG","aliases":{"fr":["Institut Zorbl","IZ"]}}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base, err := LoadKB(good)
	if err != nil {
		t.Fatal(err)
	}
	if as := base.Lookup(kb.Key("Institut Zorbl")); len(as) == 0 || as[0].Entry.ID != "org:zorbl" {
		t.Errorf("user entry not found: %v", as)
	}
	if as := base.Lookup(kb.Key("Corée du Nord")); len(as) == 0 {
		t.Errorf("built-in entries lost")
	}

	e, err := New(Options{KB: good, Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	text := "Selon l'Institut Zorbl, la Corée du Nord a tiré un missile."
	d := &doc.Document{Text: text, Body: doc.Span{End: len(text)}}
	if err := e.Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, en := range d.Entities {
		found = found || en.KBID == "org:zorbl" && en.Name == "Zorbl Institute"
	}
	if !found {
		t.Errorf("user entity not linked: %+v", d.Entities)
	}

	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"id\":\"a\",\"name\":\"A\",\"type\":\"PER\"}\n{\"id\":\"b\",\"type\":\"XX\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = New(Options{KB: bad})
	if err == nil || !errors.Is(err, kb.ErrFormat) || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad file: error %v", err)
	}
	if _, err := New(Options{KB: filepath.Join(dir, "missing.jsonl")}); err == nil {
		t.Errorf("missing file: no error")
	}
}
