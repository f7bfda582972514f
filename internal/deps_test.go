package internal_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/newsgraph/newsgraph/"

// policy is the import policy of the project, a statement in the manner of
// go/build's deps_test.go: for each package (by path under internal/, a
// trailing /* matches sub-packages), the project packages it may import.
// Standard library and third-party imports are not restricted here.
var policy = []struct {
	pkg     string
	allowed []string
}{
	{"doc", nil},
	{"lang", nil},
	{"lexicon", []string{"lang"}},
	{"numeral", []string{"lang", "lexicon"}},
	{"ingest", []string{"doc", "ingest/html", "ingest/feed", "ingest/warc"}},
	{"ingest/*", []string{"doc"}},
	{"analysis", []string{"doc", "lang"}},
	// Non-stage libraries that stages may use.
	{"ner", []string{"doc", "lang", "lexicon"}},
	// ner/corpus builds training data; its gazetteer takes the knowledge
	// base's organisation and event names.
	{"ner/*", []string{"doc", "lang", "lexicon", "ner", "kb"}},
	{"kb", []string{"doc", "lang", "lexicon"}},
	{"kb/*", []string{"doc", "lang", "lexicon", "kb"}},
	// Stages: never a sibling stage.
	{"analysis/*", []string{"analysis", "doc", "lang", "lexicon", "ner", "kb", "numeral"}},
	{"store", []string{"doc"}},
	{"store/*", []string{"store", "store/storetest", "doc", "lang"}},
	{"engine", []string{"doc", "lang", "lexicon", "ingest", "ingest/*", "analysis", "analysis/*", "ner", "kb", "numeral", "store", "store/*"}},
	{"api", []string{"engine", "store", "doc", "lang"}},
	{"web", []string{"engine", "store", "doc", "lang"}},
	{"cli", []string{"engine", "api", "web", "store", "store/*", "doc", "lang", "ingest", "ingest/*", "analysis", "analysis/*", "ner", "ner/*", "kb", "kb/*", "numeral", "lexicon"}},
}

func match(pattern, pkg string) bool {
	if p, ok := strings.CutSuffix(pattern, "/*"); ok {
		return strings.HasPrefix(pkg, p+"/")
	}
	return pattern == pkg
}

func rule(pkg string) ([]string, bool) {
	// Exact rules win over wildcard rules.
	for _, r := range policy {
		if r.pkg == pkg {
			return r.allowed, true
		}
	}
	for _, r := range policy {
		if match(r.pkg, pkg) {
			return r.allowed, true
		}
	}
	return nil, false
}

// TestImportPolicy enforces the allowed import graph between project
// packages, that nothing but cmd/newsgraph imports cli, and that every
// package has a doc comment.
func TestImportPolicy(t *testing.T) {
	imports := map[string]map[string]bool{} // pkg → project imports (non-test files)
	documented := map[string]bool{}
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(path))
		if f.Name.Name == "main" {
			return nil // generators and commands under internal/ are leaves
		}
		if imports[pkg] == nil {
			imports[pkg] = map[string]bool{}
		}
		if f.Doc != nil && strings.HasPrefix(strings.TrimSpace(f.Doc.Text()), "Package ") {
			documented[pkg] = true
		}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if rest, ok := strings.CutPrefix(p, module+"internal/"); ok {
				imports[pkg][rest] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(imports) < 5 {
		t.Fatalf("found only %d packages; is the test running in internal/?", len(imports))
	}
	pkgs := make([]string, 0, len(imports))
	for p := range imports {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, pkg := range pkgs {
		if !documented[pkg] {
			t.Errorf("package internal/%s has no package doc comment", pkg)
		}
		allowed, ok := rule(pkg)
		if !ok {
			t.Errorf("package internal/%s is not in the import policy (internal/deps_test.go): add a rule", pkg)
			continue
		}
		for imp := range imports[pkg] {
			if imp == "cli" {
				t.Errorf("internal/%s imports cli: nothing but cmd/newsgraph may", pkg)
				continue
			}
			if strings.HasPrefix(imp, pkg+"/") && !strings.HasPrefix(pkg, "analysis") {
				continue // a package may use its own sub-packages
			}
			ok := false
			for _, a := range allowed {
				if match(a, imp) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("internal/%s may not import internal/%s", pkg, imp)
			}
		}
	}
}
