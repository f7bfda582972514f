package cli

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestIngestSearchQuotes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kb.db")
	good := filepath.Join(dir, "good.txt")
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(good, []byte("date 2024-01-02\nThe minister said the elections would be held in spring, according to officials.\n"), 0o644)
	os.WriteFile(empty, nil, 0o644)

	code, _, errs := run(t, "ingest", "--db", db, sample, good)
	if code != 0 || !strings.Contains(errs, "2 added, 0 replaced, 0 unchanged, 0 failed") {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	code, _, errs = run(t, "ingest", "--db", db, sample, good)
	if code != 0 || !strings.Contains(errs, "0 added, 0 replaced, 2 unchanged, 0 failed") {
		t.Errorf("second ingest: exit %d: %s", code, errs)
	}
	code, _, errs = run(t, "ingest", "--db", db, good, filepath.Join(dir, "missing.txt"), empty)
	if code != ExitPartial || !strings.Contains(errs, "missing.txt") || !strings.Contains(errs, "empty.txt: empty input") ||
		!strings.Contains(errs, "1 unchanged, 2 failed") {
		t.Errorf("partial failure: exit %d: %s", code, errs)
	}

	code, out, errs := run(t, "search", "--db", db, "Poutine")
	if code != 0 || !strings.Contains(out, "[Poutine]") || !strings.Contains(out, "2023-09") {
		t.Errorf("search: exit %d: %s %s", code, out, errs)
	}
	code, out, _ = run(t, "search", "--db", db, "--json", "--lang", "en", "élections")
	var hits struct {
		Items []struct {
			Document struct{ Source string } `json:"document"`
		} `json:"items"`
		Next *string `json:"next"`
	}
	if err := json.Unmarshal([]byte(out), &hits); code != 0 || err != nil || len(hits.Items) != 1 || hits.Items[0].Document.Source != good {
		t.Errorf("search --json: exit %d: %v %s", code, err, out)
	}
	code, out, _ = run(t, "quotes", "--db", db, "--by", "Nobody Known", "--since", "2020")
	if code != 0 || !strings.Contains(out, "no quote found") {
		t.Errorf("quotes: exit %d: %s", code, out)
	}
	code, out, _ = run(t, "quotes", "--db", db, "--json", "--limit", "5")
	if code != 0 || !strings.HasPrefix(out, "{") || !strings.Contains(out, `"items"`) {
		t.Errorf("quotes --json: exit %d: %s", code, out)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"search", "--db", db, "--from", "2023-13", "x"}, "not YYYY"},
		{[]string{"search", "--db", db, "--limit", "1000000000", "x"}, "limit"},
		{[]string{"quotes", "--db", db, "--since", "yesterday"}, "not YYYY"},
		{[]string{"search", "--db", filepath.Join(dir, "nope.db"), "x"}, "no knowledge base"},
		{[]string{"search", "--db", db}, "no query"},
		{[]string{"ingest", "--db", db}, "no input"},
	} {
		code, _, errs := run(t, c.args...)
		if code != ExitError || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d: %s", c.args, code, errs)
		}
	}
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, []byte(strings.Repeat("this is not a database ", 20)), 0o644)
	if code, _, errs := run(t, "ingest", "--db", garbage, good); code != ExitError || !strings.Contains(errs, "not a newsgraph database") {
		t.Errorf("garbage database: exit %d: %s", code, errs)
	}
}

// TestServe starts the server on a free port, queries it and stops it
// like Ctrl-C does.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kb.db")
	if code, _, errs := run(t, "ingest", "--db", db, sample); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, strings.NewReader(""), io.Discard, pw)
		pw.Close()
	}()
	buf := make([]byte, 4096)
	n, _ := pr.Read(buf)
	go io.Copy(io.Discard, pr)
	m := regexp.MustCompile(`http://[0-9.:]+/`).FindString(string(buf[:n]))
	if m == "" {
		t.Fatalf("no address in %q", buf[:n])
	}
	for _, c := range []struct {
		path string
		code int
	}{{"api/stats", 200}, {"", 200}, {"api/documents/nope", 404}} {
		res, err := http.Get(m + c.path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != c.code {
			t.Errorf("%s: %d", c.path, res.StatusCode)
		}
	}
	res, err := http.Post(m+"api/documents", "text/plain", strings.NewReader("x"))
	if err != nil || res.StatusCode != http.StatusForbidden {
		t.Errorf("POST on a read-only server: %v %v", res.StatusCode, err)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exit %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}
