// Package web is newsgraph's web UI, served by the same binary as the API:
// a search page, article pages (the cleaned text with entities, quotes and
// their speakers, times and quantities highlighted; removed parts shown
// apart), entity pages (aliases, roles, quotes by and about, a timeline as
// inline SVG) and a quote feed. Pages are rendered on the server with
// html/template (contextual escaping everywhere) from templates and a
// stylesheet embedded with go:embed: no JavaScript, no build step, plain
// links and forms that work with a keyboard. A Content-Security-Policy
// forbids scripts altogether.
package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

//go:embed templates/*.html static/*
var files embed.FS

// Options configure the UI.
type Options struct {
	Store store.Store
	// Logger receives server errors; nil discards them.
	Logger *slog.Logger
}

type ui struct {
	st    store.Store
	log   *slog.Logger
	pages map[string]*template.Template
	css   []byte
}

// New returns the UI handler, for every path outside /api/.
func New(opt Options) (http.Handler, error) {
	u := &ui{st: opt.Store, log: opt.Logger, pages: map[string]*template.Template{}}
	if u.log == nil {
		u.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	for _, p := range []string{"search", "documents", "document", "entity", "entities", "quotes", "error"} {
		t, err := template.New(p).Funcs(template.FuncMap{"pathesc": url.PathEscape}).
			ParseFS(files, "templates/layout.html", "templates/"+p+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", p, err)
		}
		u.pages[p] = t
	}
	css, err := files.ReadFile("static/style.css")
	if err != nil {
		return nil, err
	}
	u.css = css
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", u.search)
	mux.HandleFunc("GET /documents", u.documents)
	mux.HandleFunc("GET /documents/{id}", u.document)
	mux.HandleFunc("GET /entities", u.entities)
	mux.HandleFunc("GET /entities/{id}", u.entity)
	mux.HandleFunc("GET /quotes", u.quotes)
	mux.HandleFunc("GET /static/style.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "max-age=3600")
		w.Write(u.css)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		u.fail(w, r, fmt.Errorf("no page at %s: %w", r.URL.Path, store.ErrNotFound))
	})
	return mux, nil
}

// base is what the layout needs.
type base struct {
	Title string
	Lang  string
}

func (u *ui) render(w http.ResponseWriter, status int, page string, data any) {
	var buf bytes.Buffer
	if err := u.pages[page].ExecuteTemplate(&buf, "layout", data); err != nil {
		u.log.Error("web: render", "page", page, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// listErr handles the error of a list query: a malformed query stays on
// its page with a 400 status and the message (*code, *msg); any other
// error renders the error page and listErr returns false.
func (u *ui) listErr(w http.ResponseWriter, r *http.Request, err error, code *int, msg *string) bool {
	switch {
	case errors.Is(err, store.ErrInvalid):
		*code, *msg = http.StatusBadRequest, err.Error()
	case err != nil:
		u.fail(w, r, err)
		return false
	}
	return true
}

// status is the HTTP status of a page that failed.
func status(err error) int {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, store.ErrInvalid):
		return http.StatusBadRequest
	case errors.Is(err, store.ErrBusy):
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

func (u *ui) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := status(err)
	msg := err.Error()
	if code >= 500 {
		u.log.Error("web", "path", r.URL.Path, "err", err)
		msg = "Something went wrong on the server."
	}
	u.render(w, code, "error", struct {
		base
		Heading, Message string
	}{base{http.StatusText(code), "en"}, http.StatusText(code), msg})
}

// nextURL is the current URL with another cursor.
func nextURL(r *http.Request, cursor string) string {
	if cursor == "" {
		return ""
	}
	q := r.URL.Query()
	q.Set("cursor", cursor)
	return r.URL.Path + "?" + q.Encode()
}

func (u *ui) search(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q := store.SearchQuery{Text: v.Get("q"), Lang: v.Get("lang"), From: v.Get("from"), To: v.Get("to"),
		Entity: v.Get("entity"), Speaker: v.Get("speaker"), Via: v.Get("via"), Cursor: v.Get("cursor")}
	data := struct {
		base
		Q     store.SearchQuery
		Hits  []store.Hit
		Next  string
		Error string
		Stats store.Stats
	}{base: base{"Search", "en"}, Q: q}
	code := http.StatusOK
	if strings.TrimSpace(q.Text) == "" {
		st, err := u.st.Stats(r.Context())
		if err != nil {
			u.fail(w, r, err)
			return
		}
		data.Stats = st
	} else {
		data.Title = q.Text + " — search"
		page, err := u.st.Search(r.Context(), q)
		if !u.listErr(w, r, err, &code, &data.Error) {
			return
		}
		data.Hits, data.Next = page.Items, nextURL(r, page.Next)
	}
	u.render(w, code, "search", data)
}

func (u *ui) documents(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	page, err := u.st.Documents(r.Context(), store.DocumentQuery{Lang: v.Get("lang"), From: v.Get("from"), To: v.Get("to"),
		Entity: v.Get("entity"), Cursor: v.Get("cursor")})
	if err != nil {
		u.fail(w, r, err)
		return
	}
	u.render(w, http.StatusOK, "documents", struct {
		base
		Docs []store.DocSummary
		Next string
	}{base{"Articles", "en"}, page.Items, nextURL(r, page.Next)})
}

func (u *ui) quotes(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q := store.QuoteQuery{Text: v.Get("q"), Speaker: v.Get("speaker"), About: v.Get("about"), Via: v.Get("via"),
		Lang: v.Get("lang"), From: v.Get("from"), To: v.Get("to"), Cursor: v.Get("cursor")}
	data := struct {
		base
		Q     store.QuoteQuery
		Items []store.Quote
		Next  string
		Error string
	}{base: base{"Quotes", "en"}, Q: q}
	code := http.StatusOK
	page, err := u.st.Quotes(r.Context(), q)
	if !u.listErr(w, r, err, &code, &data.Error) {
		return
	}
	data.Items, data.Next = page.Items, nextURL(r, page.Next)
	u.render(w, code, "quotes", data)
}

func (u *ui) entities(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q := store.EntityQuery{Text: v.Get("q"), Type: v.Get("type"), Cursor: v.Get("cursor")}
	data := struct {
		base
		Q     store.EntityQuery
		Types []string
		Items []store.EntitySummary
		Next  string
		Error string
	}{base: base{"Entities", "en"}, Q: q, Types: []string{"PER", "ORG", "LOC", "MISC"}}
	code := http.StatusOK
	page, err := u.st.Entities(r.Context(), q)
	if !u.listErr(w, r, err, &code, &data.Error) {
		return
	}
	data.Items, data.Next = page.Items, nextURL(r, page.Next)
	u.render(w, code, "entities", data)
}

func (u *ui) entity(w http.ResponseWriter, r *http.Request) {
	e, err := u.st.Entity(r.Context(), r.PathValue("id"))
	if err != nil {
		u.fail(w, r, err)
		return
	}
	u.render(w, http.StatusOK, "entity", struct {
		base
		E        *store.EntityDetail
		Timeline *timeline
	}{base{e.Name, "en"}, e, newTimeline(e.Timeline)})
}

// piece is a run of article text under one set of annotations.
type piece struct {
	Text        string
	Quote       bool
	EntityID    string
	EntityTitle string
	Time        string
	Qty         string
	Badges      []badge // speakers of the quotes ending here
}

type badge struct{ ID, Name string }

type row struct{ Type, Trigger, Who, Place, Time string }

func (u *ui) document(w http.ResponseWriter, r *http.Request) {
	sd, err := u.st.Document(r.Context(), r.PathValue("id"))
	if err != nil {
		u.fail(w, r, err)
		return
	}
	d := sd.Doc
	qs, err := u.st.Quotes(r.Context(), store.QuoteQuery{Doc: d.ID, Limit: store.MaxLimit})
	if err != nil {
		u.fail(w, r, err)
		return
	}
	// The feed orders by date; show the article's quotes in text order.
	sort.SliceStable(qs.Items, func(i, j int) bool { return qs.Items[i].Span.Start < qs.Items[j].Span.Start })
	wire := doc.ToWire(d)
	var events []row
	for _, ev := range wire.Events {
		events = append(events, row{ev.Type, ev.Trigger.Text, strings.Join(ev.Participants, ", "), ev.Place, ev.Time})
	}
	var times []struct{ Text, Type, Value string }
	for _, t := range wire.Times {
		v := "?"
		if t.Value != nil {
			v = *t.Value
		}
		times = append(times, struct{ Text, Type, Value string }{t.Text, t.Type, v})
	}
	var qty []struct{ Text, Value string }
	for _, q := range d.Quantities {
		qty = append(qty, struct{ Text, Value string }{d.Slice(q.Span), quantityLabel(q)})
	}
	lang := d.Lang
	if lang == "" || lang == "und" {
		lang = "en"
	}
	safeURL := ""
	if pu, err := url.Parse(d.URL); err == nil && (pu.Scheme == "http" || pu.Scheme == "https") {
		safeURL = d.URL
	}
	title := d.Title
	if title == "" {
		title = d.Source
	}
	u.render(w, http.StatusOK, "document", struct {
		base
		Doc        *doc.Document
		Version    string
		SafeURL    string
		Paragraphs [][]piece
		Quotes     []store.Quote
		Removed    []doc.WireRemoved
		Times      []struct{ Text, Type, Value string }
		Quantities []struct{ Text, Value string }
		Events     []row
	}{base{title, lang}, d, sd.Version, safeURL, paragraphs(d), qs.Items, wire.Removed, times, qty, events})
}

func quantityLabel(q doc.Quantity) string {
	s := strconv.FormatFloat(q.Value, 'g', -1, 64)
	if q.ValueMax != nil {
		s += "–" + strconv.FormatFloat(*q.ValueMax, 'g', -1, 64)
	}
	s += " " + q.Unit
	if q.SI != nil {
		s += " (= " + strconv.FormatFloat(q.SI.Value, 'g', 6, 64) + " " + q.SI.Unit + ")"
	}
	return strings.TrimSpace(s)
}

type annot struct {
	span doc.Span
	kind byte // q, e, t, n
	id   string
	text string
	q    *doc.Quote
}

// paragraphs cuts the kept paragraphs into pieces at every annotation
// boundary, so the template can wrap each piece in its highlights.
func paragraphs(d *doc.Document) [][]piece {
	var as []annot
	names := map[string]string{}
	for _, e := range d.Entities {
		names[e.ID] = e.Name
		for _, m := range e.Mentions {
			as = append(as, annot{span: m.Span, kind: 'e', id: e.ID, text: e.Name + " (" + e.Type + ")"})
		}
	}
	for i := range d.Quotes {
		q := &d.Quotes[i]
		as = append(as, annot{span: q.Span, kind: 'q', q: q})
	}
	for _, t := range d.Times {
		as = append(as, annot{span: t.Span, kind: 't', text: strings.TrimSpace(t.Type + " " + t.Value)})
	}
	for _, q := range d.Quantities {
		as = append(as, annot{span: q.Span, kind: 'n', text: quantityLabel(q)})
	}
	paras := d.Kept()
	if len(d.Paragraphs) == 0 {
		paras = []doc.Paragraph{{Span: d.Body}}
	}
	var out [][]piece
	for _, p := range paras {
		cuts := map[int]bool{p.Span.Start: true, p.Span.End: true}
		var local []annot
		for _, a := range as {
			if !a.span.Overlaps(p.Span) {
				continue
			}
			local = append(local, a)
			for _, c := range []int{a.span.Start, a.span.End} {
				if c > p.Span.Start && c < p.Span.End {
					cuts[c] = true
				}
			}
		}
		points := make([]int, 0, len(cuts))
		for c := range cuts {
			points = append(points, c)
		}
		sort.Ints(points)
		var ps []piece
		for i := 0; i+1 < len(points); i++ {
			seg := doc.Span{Start: points[i], End: points[i+1]}
			pc := piece{Text: d.Slice(seg)}
			for _, a := range local {
				if !a.span.Contains(seg) {
					continue
				}
				switch a.kind {
				case 'q':
					pc.Quote = true
					if a.span.End == seg.End || (seg.End == p.Span.End && a.span.End > p.Span.End) {
						pc.Badges = append(pc.Badges, speakerBadge(a.q, names))
					}
				case 'e':
					pc.EntityID, pc.EntityTitle = a.id, a.text
				case 't':
					pc.Time = a.text
				case 'n':
					pc.Qty = a.text
				}
			}
			ps = append(ps, pc)
		}
		out = append(out, ps)
	}
	return out
}

func speakerBadge(q *doc.Quote, names map[string]string) badge {
	name := q.Speaker.Name
	if name == "" {
		name = names[q.Speaker.EntityID]
	}
	switch {
	case name != "":
	case q.Speaker.Anonymous:
		name = "anonymous source"
	default:
		name = "unattributed"
	}
	return badge{ID: q.Speaker.EntityID, Name: name}
}

// timeline is an entity's monthly article counts drawn as bars.
type timeline struct {
	Width, Height int
	Bars          []bar
	Labels        []label
}

type bar struct {
	X, Y, W, H int
	Month      string
	Docs       int
}

type label struct {
	X, Y   int
	Text   string
	Anchor string // SVG text-anchor
}

func newTimeline(months []store.MonthCount) *timeline {
	if len(months) == 0 {
		return nil
	}
	// Fill empty months between the first and the last when the span is
	// short enough to draw every month.
	counts := map[string]int{}
	for _, m := range months {
		counts[m.Month] = m.Docs
	}
	var all []store.MonthCount
	y0, m0 := parseMonth(months[0].Month)
	y1, m1 := parseMonth(months[len(months)-1].Month)
	if span := (y1-y0)*12 + m1 - m0; y0 > 0 && y1 > 0 && span >= 0 && span < 240 {
		for y, m := y0, m0; y < y1 || (y == y1 && m <= m1); {
			k := fmt.Sprintf("%04d-%02d", y, m)
			all = append(all, store.MonthCount{Month: k, Docs: counts[k]})
			if m++; m > 12 {
				y, m = y+1, 1
			}
		}
	} else {
		all = months
	}
	max := 1
	for _, m := range all {
		if m.Docs > max {
			max = m.Docs
		}
	}
	const height, top, bottom = 140, 10, 24
	bw := 600 / len(all)
	if bw > 40 {
		bw = 40
	}
	if bw < 3 {
		bw = 3
	}
	t := &timeline{Width: bw*len(all) + 20, Height: height}
	if t.Width < 160 {
		t.Width = 160
	}
	plot := height - top - bottom
	for i, m := range all {
		h := plot * m.Docs / max
		if m.Docs > 0 && h < 2 {
			h = 2
		}
		t.Bars = append(t.Bars, bar{X: 10 + i*bw, Y: top + plot - h, W: bw - 1, H: h, Month: m.Month, Docs: m.Docs})
	}
	first, last := all[0].Month, all[len(all)-1].Month
	switch {
	case len(all) == 1:
		t.Labels = append(t.Labels, label{X: 10, Y: height - 6, Text: first, Anchor: "start"})
	case bw*len(all) >= 150:
		t.Labels = append(t.Labels, label{X: 10, Y: height - 6, Text: first, Anchor: "start"},
			label{X: 10 + bw*len(all), Y: height - 6, Text: last, Anchor: "end"})
	default:
		t.Labels = append(t.Labels, label{X: 10, Y: height - 6, Text: first + " – " + last, Anchor: "start"})
	}
	return t
}

func parseMonth(s string) (int, int) {
	y, m, ok := strings.Cut(s, "-")
	if !ok {
		return 0, 0
	}
	yy, err1 := strconv.Atoi(y)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || mm < 1 || mm > 12 {
		return 0, 0
	}
	return yy, mm
}
