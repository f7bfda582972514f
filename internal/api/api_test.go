package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/internal/api"
	"github.com/newsgraph/newsgraph/internal/engine"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

// newServer serves the API over a real SQLite store holding the
// conformance corpus and the XSS article.
func newServer(t *testing.T, opt api.Options) (*httptest.Server, store.Store) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "kb.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	docs := append(storetest.Corpus(), storetest.XSSDocument())
	if _, err := st.Put(context.Background(), docs, "test"); err != nil {
		t.Fatal(err)
	}
	opt.Store = st
	srv := httptest.NewServer(api.New(opt))
	t.Cleanup(srv.Close)
	return srv, st
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func do(t *testing.T, method, u string, body string, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header, b}
}

func decode[T any](t *testing.T, r response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("decoding %s: %v", r.body, err)
	}
	return v
}

func TestGet(t *testing.T) {
	srv, st := newServer(t, api.Options{})
	putin, err := st.Entities(context.Background(), store.EntityQuery{Text: "Vladimir Putin"})
	if err != nil || len(putin.Items) == 0 {
		t.Fatal(err)
	}
	pid := putin.Items[0].ID
	fr1 := storetest.Corpus()[0].ID
	for _, c := range []struct {
		path   string
		status int
		code   string // error code, or "" for success
		check  func(t *testing.T, r response)
	}{
		{"/api/search?q=election", 200, "", func(t *testing.T, r response) {
			l := decode[api.List[api.Hit]](t, r)
			if len(l.Items) != 2 || l.Next != nil || len(l.Items[0].Snippet) == 0 {
				t.Errorf("%s", r.body)
			}
		}},
		{"/api/search?q=" + url.QueryEscape(`"free and fair"`) + "&lang=en&from=2023&to=2023-12-31", 200, "", func(t *testing.T, r response) {
			if l := decode[api.List[api.Hit]](t, r); len(l.Items) != 1 || l.Items[0].Document.Source != "en1.txt" {
				t.Errorf("%s", r.body)
			}
		}},
		{"/api/search?q=" + url.QueryEscape("'; DROP TABLE documents; --"), 200, "", nil},
		{"/api/search?q=" + url.QueryEscape(`NEAR("x" y) OR {fr}: *`), 200, "", nil},
		{"/api/search?q=", 400, "invalid", nil},
		{"/api/search?q=x&limit=1000000000", 400, "invalid", nil},
		{"/api/search?q=x&limit=abc", 400, "invalid", nil},
		{"/api/search?q=x&from=2023-13-01", 400, "invalid", nil},
		{"/api/search?q=x&to=yesterday", 400, "invalid", nil},
		{"/api/search?q=x&cursor=garbage", 400, "invalid", nil},
		{"/api/search?q=" + strings.Repeat("a", 2000), 400, "invalid", nil},
		{"/api/documents", 200, "", func(t *testing.T, r response) {
			if l := decode[api.List[api.DocSummary]](t, r); len(l.Items) != 5 {
				t.Errorf("%s", r.body)
			}
		}},
		{"/api/documents?limit=2", 200, "", func(t *testing.T, r response) {
			if l := decode[api.List[api.DocSummary]](t, r); len(l.Items) != 2 || l.Next == nil {
				t.Errorf("%s", r.body)
			}
		}},
		{"/api/documents/" + fr1, 200, "", func(t *testing.T, r response) {
			d := decode[api.Document](t, r)
			if d.ID != fr1 || len(d.Entities) != 4 || len(d.Quotes) != 2 || len(d.Removed) != 1 || len(d.Times) != 1 ||
				len(d.Quantities) != 1 || len(d.Events) != 1 || d.Text == "" || len(d.Paragraphs) != 4 || !d.Paragraphs[2].Removed {
				t.Errorf("%s", r.body)
			}
			if d.Quotes[0].Speaker == nil || d.Quotes[0].Speaker.Name != "John Kirby" || d.Quotes[0].Speaker.ID == "" {
				t.Errorf("speaker: %+v", d.Quotes[0].Speaker)
			}
			if d.Entities[1].ID != pid {
				t.Errorf("entity ids are not store-wide: %s vs %s", d.Entities[1].ID, pid)
			}
		}},
		{"/api/documents/nope", 404, "not_found", nil},
		{"/api/documents/" + url.PathEscape("' OR 1=1"), 404, "not_found", nil},
		{"/api/entities?q=Poutine", 200, "", func(t *testing.T, r response) {
			if l := decode[api.List[api.EntitySummary]](t, r); len(l.Items) != 1 || l.Items[0].Name != "Vladimir Putin" || l.Items[0].Docs != 2 {
				t.Errorf("%s", r.body)
			}
		}},
		{"/api/entities/" + pid, 200, "", func(t *testing.T, r response) {
			e := decode[api.Entity](t, r)
			if e.Name != "Vladimir Putin" || len(e.Aliases) < 2 || len(e.QuotesBy) != 1 || len(e.QuotesAbout) != 1 ||
				len(e.Timeline) != 2 || len(e.CoOccurring) == 0 || len(e.Roles) != 2 || len(e.Mentions) != 4 || e.EntitySummary.Mentions != 4 {
				t.Errorf("%s", r.body)
			}
		}},
		{"/api/entities/999999", 404, "not_found", nil},
		{"/api/entities/abc", 404, "not_found", nil},
		{"/api/quotes?speaker=Poutine", 200, "", func(t *testing.T, r response) {
			l := decode[api.List[api.Quote]](t, r)
			if len(l.Items) != 1 {
				t.Fatalf("%s", r.body)
			}
			q := l.Items[0]
			if q.Text != "The elections will be free and fair" || q.Kind != "direct" || q.Speaker == nil ||
				q.Speaker.ID != pid || q.Speaker.Name != "Vladimir Putin" || q.Document.Source != "en1.txt" ||
				q.Document.Published == nil || *q.Document.Published != "2023-10-02" || len(q.Via) != 1 {
				t.Errorf("%s", r.body)
			}
		}},
		{"/api/quotes?about=Kim&via=&q=&lang=fr&from=2023-09&to=2023-09", 200, "", func(t *testing.T, r response) {
			if l := decode[api.List[api.Quote]](t, r); len(l.Items) != 1 || l.Items[0].Speaker != nil {
				t.Errorf("%s", r.body)
			}
		}},
		{"/api/quotes?via=Reuters", 200, "", func(t *testing.T, r response) {
			if l := decode[api.List[api.Quote]](t, r); len(l.Items) != 1 {
				t.Errorf("%s", r.body)
			}
		}},
		{"/api/quotes?limit=0", 400, "invalid", nil},
		{"/api/quotes?from=2023-02-30", 400, "invalid", nil},
		{"/api/stats", 200, "", func(t *testing.T, r response) {
			if s := decode[api.Stats](t, r); s.Documents != 5 || s.SchemaVersion != store.SchemaVersion {
				t.Errorf("%s", r.body)
			}
		}},
		{"/api/openapi.json", 200, "", func(t *testing.T, r response) {
			var spec struct {
				OpenAPI string         `json:"openapi"`
				Paths   map[string]any `json:"paths"`
			}
			if err := json.Unmarshal(r.body, &spec); err != nil || !strings.HasPrefix(spec.OpenAPI, "3.") {
				t.Fatalf("%v %s", err, spec.OpenAPI)
			}
			for _, p := range []string{"/api/search", "/api/documents", "/api/documents/{id}", "/api/entities", "/api/entities/{id}",
				"/api/quotes", "/api/stats", "/api/openapi.json"} {
				if spec.Paths[p] == nil {
					t.Errorf("openapi.json lacks %s", p)
				}
			}
		}},
		{"/api/nope", 404, "not_found", nil},
		{"/api/documents/a/b", 404, "not_found", nil},
	} {
		t.Run(c.path, func(t *testing.T) {
			r := do(t, "GET", srv.URL+c.path, "", nil)
			if r.status != c.status {
				t.Fatalf("status %d, want %d: %s", r.status, c.status, r.body)
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("content type %q", ct)
			}
			if c.code != "" {
				if e := decode[api.Error](t, r); e.Error.Code != c.code || e.Error.Message == "" {
					t.Errorf("error body %s", r.body)
				}
			}
			if c.check != nil {
				c.check(t, r)
			}
		})
	}
}

func TestPaging(t *testing.T) {
	srv, _ := newServer(t, api.Options{})
	seen := map[string]bool{}
	next := ""
	for range 20 {
		u := srv.URL + "/api/quotes?limit=2"
		if next != "" {
			u += "&cursor=" + url.QueryEscape(next)
		}
		l := decode[api.List[api.Quote]](t, do(t, "GET", u, "", nil))
		for _, q := range l.Items {
			if seen[q.ID] {
				t.Errorf("quote %s twice", q.ID)
			}
			seen[q.ID] = true
		}
		if l.Next == nil {
			break
		}
		next = *l.Next
	}
	if len(seen) != 7 {
		t.Errorf("%d quotes paged, want 7", len(seen))
	}
}

func TestMethods(t *testing.T) {
	srv, _ := newServer(t, api.Options{})
	for _, c := range []struct {
		method, path string
		status       int
		code         string
	}{
		{"DELETE", "/api/documents", 405, "method_not_allowed"},
		{"PUT", "/api/search", 405, "method_not_allowed"},
		{"POST", "/api/documents", 403, "read_only"}, // no token: read-only
	} {
		r := do(t, c.method, srv.URL+c.path, "hello", nil)
		if r.status != c.status || decode[api.Error](t, r).Error.Code != c.code {
			t.Errorf("%s %s: %d %s", c.method, c.path, r.status, r.body)
		}
	}
}

func TestPost(t *testing.T) {
	eng, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := newServer(t, api.Options{Engine: eng, Token: "s3cret", MaxUpload: 4096})
	article := "date 2024-02-03\nLe ministre a annoncé un plan pour les agriculteurs. « Nous agirons vite », a déclaré Marc Fesneau.\n"
	auth := map[string]string{"Authorization": "Bearer s3cret", "Content-Type": "text/plain"}
	for _, c := range []struct {
		name   string
		body   string
		header map[string]string
		status int
		code   string
	}{
		{"no token", article, nil, 401, "unauthorized"},
		{"wrong token", article, map[string]string{"Authorization": "Bearer nope"}, 401, "unauthorized"},
		{"not bearer", article, map[string]string{"Authorization": "Basic czNjcmV0"}, 401, "unauthorized"},
		{"stored", article, auth, 201, ""},
		{"again", article, auth, 200, ""},
		{"empty", "   ", auth, 422, "unreadable"},
		{"binary", "\x00\x01\x02\x00\x00garbage\x00", auth, 422, "unreadable"},
		{"too large", strings.Repeat("mot ", 2000), auth, 413, "too_large"},
	} {
		r := do(t, "POST", srv.URL+"/api/documents?source=upload.txt", c.body, c.header)
		if r.status != c.status {
			t.Errorf("%s: status %d, want %d: %s", c.name, r.status, c.status, r.body)
			continue
		}
		if c.code != "" && decode[api.Error](t, r).Error.Code != c.code {
			t.Errorf("%s: %s", c.name, r.body)
		}
		if c.status == 401 && r.header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s: no WWW-Authenticate", c.name)
		}
	}
	// Uploads without a source do not replace each other.
	for _, body := range []string{"The senator said the vote would be close.", "The governor said the storm was over."} {
		if r := do(t, "POST", srv.URL+"/api/documents", body, auth); r.status != 201 {
			t.Errorf("anonymous upload: %d %s", r.status, r.body)
		}
	}
	if l := decode[api.List[api.Hit]](t, do(t, "GET", srv.URL+"/api/search?q=senator+OR+governor", "", nil)); len(l.Items) != 2 {
		t.Errorf("anonymous uploads replaced each other: %+v", l.Items)
	}
	l := decode[api.List[api.Hit]](t, do(t, "GET", srv.URL+"/api/search?q=agriculteurs", "", nil))
	if len(l.Items) != 1 || l.Items[0].Document.Source != "upload.txt" || l.Items[0].Document.Published == nil {
		t.Errorf("posted article not searchable: %+v", l.Items)
	}
}

// TestConcurrentClients runs 200 clients at once on loopback.
func TestConcurrentClients(t *testing.T) {
	srv, _ := newServer(t, api.Options{})
	paths := []string{"/api/search?q=election", "/api/quotes?speaker=Kirby", "/api/entities?q=Putin", "/api/documents", "/api/stats"}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 200}}
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 3 {
				p := paths[(i+j)%len(paths)]
				res, err := client.Get(srv.URL + p)
				if err != nil {
					errs <- err
					return
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != 200 {
					errs <- fmt.Errorf("%s: %d", p, res.StatusCode)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
