package lexicon

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
)

// TestProvenance: every list opens with a comment block naming where its words
// come from and under which licence, and holds at least one entry.
func TestProvenance(t *testing.T) {
	n := 0
	err := fs.WalkDir(files, "data", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		data, err := files.ReadFile(path)
		if err != nil {
			return err
		}
		var head []string // the opening comment block
		for _, line := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(line, "#") {
				break
			}
			head = append(head, line)
		}
		low := strings.ToLower(strings.Join(head, " "))
		if len(head) == 0 || !strings.Contains(low, "mit") && !strings.Contains(low, "cc") && !strings.Contains(low, "licen") {
			t.Errorf("%s: opening comment %q names no provenance and licence", path, low)
		}
		parts := strings.Split(strings.TrimSuffix(strings.TrimPrefix(path, "data/"), ".txt"), "/")
		if len(parts) != 2 || len(Lines(parts[0], parts[1])) == 0 {
			t.Errorf("%s: no entries", path)
		}
		return nil
	})
	if err != nil || n < 20 {
		t.Fatalf("walked %d lists: %v", n, err)
	}
}

func TestLoadChain(t *testing.T) {
	tests := []struct {
		tag, name, has string
		want           bool
	}{
		{"fr", "roles", "porte-parole", true},
		{"fr-CA", "roles", "porte-parole", true}, // region falls back to fr
		{"en", "roles", "porte-parole", false},
		{"en", "legalforms", "Inc", true}, // und is in every chain
		{"fr", "no-such-list", "x", false},
	}
	for _, tt := range tests {
		if got := slices.Contains(Load(tt.tag, tt.name), tt.has); got != tt.want {
			t.Errorf("Load(%q, %q) has %q: %v, want %v", tt.tag, tt.name, tt.has, got, tt.want)
		}
	}
	if Lines("fr-CA", "roles") != nil {
		t.Error("Lines must not fall back")
	}
	if !slices.Contains(All("orgheads"), "bank") || !slices.Contains(All("orgheads"), "banque") {
		t.Error("All misses a language")
	}
}
