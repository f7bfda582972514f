package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsgraph/newsgraph/internal/api"
	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/engine"
	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
	"github.com/newsgraph/newsgraph/internal/web"
)

const sample = "../../examples/000_a7868c60e7a26c79.txt"

// server serves the UI and the API, like 'newsgraph serve', over a real
// SQLite store.
func server(t *testing.T, docs ...*doc.Document) (*httptest.Server, store.Store) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "kb.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Put(context.Background(), docs, engine.Version); err != nil {
		t.Fatal(err)
	}
	ui, err := web.New(web.Options{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", api.New(api.Options{Store: st}))
	mux.Handle("/", ui)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, st
}

// analysedSample runs the real engine on the showcase article. While the
// pipeline has no quote stage with linked speakers, one attributed quote
// is added by hand so that the speaker rendering is still tested.
func analysedSample(t *testing.T) *doc.Document {
	t.Helper()
	eng, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs, errs := ingest.ReadPath(sample, nil, ingest.Options{})
	if len(docs) != 1 || errs.Err() != nil {
		t.Fatalf("reading %s: %v", sample, errs.Err())
	}
	d := docs[0]
	if err := eng.Analyze(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, q := range d.Quotes {
		if q.Speaker.EntityID != "" {
			return d
		}
	}
	const said = "Deux de nos principaux adversaires unissent leurs forces et élargissent la coopération militaro-industrielle"
	i := strings.Index(d.Text, said)
	k := strings.Index(d.Text, "Rebekah Koffler")
	if i < 0 || k < 0 {
		t.Fatal("sample article changed")
	}
	d.Entities = append(d.Entities, doc.Entity{ID: "fixture-koffler", Name: "Rebekah Koffler", Type: "PER", Stage: "test",
		Mentions: []doc.Mention{{Span: doc.Span{Start: k, End: k + len("Rebekah Koffler")}, Text: "Rebekah Koffler"}}})
	d.Quotes = append(d.Quotes, doc.Quote{Span: doc.Span{Start: i, End: i + len(said)}, Kind: "direct", Stage: "test",
		Speaker: doc.Speaker{EntityID: "fixture-koffler", Name: "Rebekah Koffler"}})
	return d
}

// browser starts headless Chromium, or skips (fails on CI) without it.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed (run scripts/setup.sh)")
		}
		t.Skip("chromium is not installed (run scripts/setup.sh)")
	}
	// Chromium's children may still write to the profile for a moment
	// after it stops, so remove it with retries rather than t.TempDir.
	dir, err := os.MkdirTemp("", "newsgraph-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 50 {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	actx, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1200, 900),
	)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// step runs browser actions with a time limit.
func step(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(c, actions...); err != nil {
		t.Fatal(err)
	}
}

// js evaluates a JavaScript expression in the page.
func js[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(c, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func TestArticleAndEntityPages(t *testing.T) {
	d := analysedSample(t)
	srv, _ := server(t, d)
	ctx := browser(t)

	step(t, ctx, chromedp.Navigate(srv.URL+"/documents/"+d.ID), chromedp.WaitVisible(chromedp.CSS("div.article")))
	quotes := js[int](t, ctx, `document.querySelectorAll("div.article .quote").length`)
	speakers := js[int](t, ctx, `document.querySelectorAll("div.article .speaker").length`)
	speaker := js[string](t, ctx, `document.querySelector("div.article a.speaker").textContent`)
	articleText := js[string](t, ctx, `document.querySelector("div.article").textContent`)
	if quotes == 0 || speakers == 0 || !strings.HasPrefix(speaker, "— ") {
		t.Errorf("quotes %d, speaker badges %d, first linked speaker %q", quotes, speakers, speaker)
	}
	step(t, ctx, chromedp.KeyEvent("\t"))
	if focused := js[string](t, ctx, `document.activeElement.className`); focused != "skip" {
		t.Errorf("first Tab focuses %q, want the skip link", focused)
	}
	if len(d.Removed) > 0 {
		removedText := js[string](t, ctx, `document.querySelector("section.removed").textContent`)
		gone := strings.TrimSpace(d.Slice(d.Removed[0].Span))
		if !strings.Contains(removedText, gone) || strings.Contains(articleText, gone) {
			t.Errorf("removed part %q not shown apart", gone)
		}
	}

	// Follow the speaker to the entity page.
	step(t, ctx, chromedp.Click(chromedp.CSS("div.article a.speaker"), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS("section[aria-labelledby=h-by]")))
	h1 := js[string](t, ctx, `document.querySelector("h1").textContent`)
	path := js[string](t, ctx, `location.pathname`)
	if want := strings.TrimPrefix(speaker, "— "); h1 != want || !strings.HasPrefix(path, "/entities/") {
		t.Errorf("entity page %s titled %q, want %q", path, h1, want)
	}
	bars := js[int](t, ctx, `document.querySelectorAll("svg.timeline rect").length`)
	by := js[int](t, ctx, `document.querySelectorAll("section[aria-labelledby=h-by] .quoteitem").length`)
	if bars == 0 || by == 0 {
		t.Errorf("timeline bars %d, quotes by %d", bars, by)
	}

	// Search and the quote feed.
	step(t, ctx, chromedp.Navigate(srv.URL+"/?q=Poutine"), chromedp.WaitVisible(chromedp.CSS("ol.results")))
	hits := js[int](t, ctx, `document.querySelectorAll("ol.results li").length`)
	marks := js[int](t, ctx, `document.querySelectorAll("ol.results mark").length`)
	step(t, ctx, chromedp.Navigate(srv.URL+"/quotes"), chromedp.WaitVisible(chromedp.CSS("ul.quotes")))
	feed := js[int](t, ctx, `document.querySelectorAll("li.quoteitem").length`)
	if hits != 1 || marks == 0 || feed == 0 {
		t.Errorf("search hits %d marks %d, feed %d", hits, marks, feed)
	}
}

func TestXSSInert(t *testing.T) {
	x := storetest.XSSDocument()
	srv, st := server(t, x)
	e, err := st.Entities(context.Background(), store.EntityQuery{Text: "Mallory"})
	if err != nil || len(e.Items) == 0 {
		t.Fatal(err)
	}
	ctx := browser(t)
	for _, page := range []string{"/documents/" + x.ID, "/?q=hello", "/quotes", "/entities/" + e.Items[0].ID, "/entities?q=Mallory",
		"/documents", "/?q=" + "%3Cscript%3Ewindow.__xss%3D6%3C%2Fscript%3E"} {
		step(t, ctx, chromedp.Navigate(srv.URL+page), chromedp.WaitReady(chromedp.CSS("main")))
		xss := js[bool](t, ctx, `typeof window.__xss !== "undefined"`)
		scripts := js[int](t, ctx, `document.scripts.length`)
		bad := js[int](t, ctx, `document.querySelectorAll("[onmouseover],[onerror],main b,main i,main img").length`)
		if xss || scripts != 0 || bad != 0 {
			t.Errorf("%s: script ran %v, %d script elements, %d injected elements", page, xss, scripts, bad)
		}
		if page == "/documents/"+x.ID {
			if body := js[string](t, ctx, `document.querySelector("main").textContent`); !strings.Contains(body, "<script>window.__xss=3</script>") {
				t.Errorf("%s: the markup is not shown as text: %q", page, body)
			}
		}
	}
}

// TestPages checks status codes and escaping without a browser.
func TestPages(t *testing.T) {
	odd := storetest.Corpus()[3]
	odd.ID, odd.Source, odd.Text, odd.Title = "odd/id ?#", "odd.jsonl:1", odd.Text+" ", "odd id"
	srv, st := server(t, append(storetest.Corpus(), storetest.XSSDocument(), odd)...)
	putin, err := st.Entities(context.Background(), store.EntityQuery{Text: "Poutine"})
	if err != nil || len(putin.Items) != 1 {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path   string
		status int
		want   string
	}{
		{"/", 200, "6 articles"},
		{"/?q=election", 200, "<mark>"},
		{"/?q=x&from=2023-13", 400, "not YYYY"},
		{"/quotes?speaker=Poutine", 200, "Vladimir Putin"},
		{"/quotes?from=bad", 400, "not YYYY"},
		{"/entities?q=kirby", 200, "John Kirby"},
		{"/entities?cursor=zz!", 400, "malformed cursor"},
		{"/entities/999999", 404, "Not Found"},
		{"/entities/" + putin.Items[0].ID, 200, "2 articles · 4 mentions · 1 quotes"},
		{"/documents/nope", 404, "Not Found"},
		{"/documents", 200, "en1.txt"},
		{"/no/such/page", 404, "Not Found"},
		{"/static/style.css", 200, "--accent"},
		{"/documents/" + url.PathEscape("odd/id ?#"), 200, "odd id"},
		{"/documents", 200, `href="/documents/odd%2Fid%20%3F%23"`},
	} {
		res, err := http.Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		buf := make([]byte, 1<<16)
		for {
			n, err := res.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		res.Body.Close()
		if res.StatusCode != c.status || !strings.Contains(b.String(), c.want) {
			t.Errorf("%s: %d, want %d with %q", c.path, res.StatusCode, c.status, c.want)
		}
		if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") && !strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'none'") {
			t.Errorf("%s: no CSP", c.path)
		}
		if strings.Contains(b.String(), "<script") {
			t.Errorf("%s: page contains a script", c.path)
		}
	}
}
