// Package lexicon gives access to the word lists embedded in the binary.
// Each list is data/<lang>/<name>.txt: one entry per line, lines starting
// with # are comments (each file opens with its provenance and licence).
package lexicon

import (
	"bufio"
	"embed"
	"strings"

	"github.com/newsgraph/newsgraph/internal/lang"
)

//go:embed data
var files embed.FS

// Lines returns the entries of list name for one language exactly (no
// fallback), or nil when the list does not exist.
func Lines(tag, name string) []string {
	data, err := files.ReadFile("data/" + tag + "/" + name + ".txt")
	if err != nil {
		return nil
	}
	var out []string
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out
}

// Load returns the entries of list name along tag's fallback chain
// (fr-CA, fr, und), concatenated in that order.
func Load(tag, name string) []string {
	var out []string
	for _, t := range lang.Chain(tag) {
		out = append(out, Lines(t, name)...)
	}
	return out
}

// All returns the entries of list name in every language, concatenated.
func All(name string) []string {
	var out []string
	dirs, _ := files.ReadDir("data")
	for _, d := range dirs {
		out = append(out, Lines(d.Name(), name)...)
	}
	return out
}
