// Package api is newsgraph's HTTP JSON API over a knowledge base: search,
// documents, entities and quotes (GET, read-only), and, when the server
// has a token, POST /api/documents to analyse and store an article. Every
// list returns {"items": [...], "next": cursor|null}; every error returns
// {"error": {"code", "message"}} with a 4xx or 5xx status chosen by
// errStatus, the one place errors become statuses. The API describes
// itself in OpenAPI 3 at /api/openapi.json.
package api

import (
	"context"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/engine"
	"github.com/newsgraph/newsgraph/internal/store"
)

//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the API description (OpenAPI 3).
func OpenAPI() []byte { return openAPI }

// DefaultMaxUpload bounds a POSTed document.
const DefaultMaxUpload = 8 << 20

// Options configure the API.
type Options struct {
	Store store.Store
	// Engine analyses POSTed documents; nil makes the API read-only.
	Engine *engine.Engine
	// Token enables POST /api/documents for requests carrying
	// "Authorization: Bearer <Token>"; "" makes the API read-only.
	Token string
	// MaxUpload bounds a POSTed body (DefaultMaxUpload when 0).
	MaxUpload int64
	// Logger receives server errors; nil discards them.
	Logger *slog.Logger
}

type server struct {
	opt Options
	log *slog.Logger
}

// Errors of the API layer (the store's sentinels cover the rest).
var (
	errUnauthorized = errors.New("missing or wrong bearer token")
	errReadOnly     = errors.New("this server is read-only (start it with --token to accept documents)")
	errTooLarge     = errors.New("request body too large")
	errMethod       = errors.New("method not allowed")
	errNoRoute      = errors.New("no such endpoint")
)

// New returns the API handler; it serves paths under /api/.
func New(opt Options) http.Handler {
	if opt.MaxUpload <= 0 {
		opt.MaxUpload = DefaultMaxUpload
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &server{opt: opt, log: log}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/search", s.handle(s.search))
	mux.HandleFunc("GET /api/documents", s.handle(s.documents))
	mux.HandleFunc("POST /api/documents", s.handle(s.postDocument))
	mux.HandleFunc("GET /api/documents/{id}", s.handle(s.document))
	mux.HandleFunc("GET /api/entities", s.handle(s.entities))
	mux.HandleFunc("GET /api/entities/{id}", s.handle(s.entity))
	mux.HandleFunc("GET /api/quotes", s.handle(s.quotes))
	mux.HandleFunc("GET /api/stats", s.handle(s.stats))
	mux.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPI)
	})
	// Anything else under /api/ gets a JSON 404 or 405.
	mux.HandleFunc("/api/", s.handle(func(r *http.Request) (any, int, error) {
		if known(r.URL.Path) {
			return nil, 0, errMethod
		}
		return nil, 0, errNoRoute
	}))
	return mux
}

// known reports whether path is an endpoint (for 405 versus 404).
func known(path string) bool {
	switch path {
	case "/api/search", "/api/documents", "/api/entities", "/api/quotes", "/api/stats", "/api/openapi.json":
		return true
	}
	for _, p := range []string{"/api/documents/", "/api/entities/"} {
		if rest, ok := strings.CutPrefix(path, p); ok && rest != "" && !strings.Contains(rest, "/") {
			return true
		}
	}
	return false
}

// handler returns a value to encode, a success status (0 is 200) or an
// error.
type handler func(r *http.Request) (any, int, error)

func (s *server) handle(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, status, err := h(r)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "no-store")
		if err != nil {
			status, code, msg := errStatus(err)
			if status >= 500 {
				s.log.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
			}
			switch {
			case errors.Is(err, errUnauthorized):
				w.Header().Set("WWW-Authenticate", `Bearer realm="newsgraph"`)
			case errors.Is(err, errMethod):
				w.Header().Set("Allow", "GET")
			}
			writeJSON(w, status, Error{Error: ErrorBody{Code: code, Message: msg}})
			return
		}
		if status == 0 {
			status = http.StatusOK
		}
		writeJSON(w, status, v)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// errStatus maps an error to an HTTP status, a machine code and a message
// safe to show: the one place that does.
func errStatus(err error) (int, string, string) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "not_found", err.Error()
	case errors.Is(err, errNoRoute):
		return http.StatusNotFound, "not_found", err.Error()
	case errors.Is(err, store.ErrInvalid):
		return http.StatusBadRequest, "invalid", err.Error()
	case errors.Is(err, errUnauthorized):
		return http.StatusUnauthorized, "unauthorized", err.Error()
	case errors.Is(err, errReadOnly):
		return http.StatusForbidden, "read_only", err.Error()
	case errors.Is(err, errMethod):
		return http.StatusMethodNotAllowed, "method_not_allowed", err.Error()
	case errors.Is(err, errTooLarge):
		return http.StatusRequestEntityTooLarge, "too_large", err.Error()
	case errors.Is(err, engine.ErrInput):
		return http.StatusUnprocessableEntity, "unreadable", err.Error()
	case errors.Is(err, store.ErrBusy):
		return http.StatusServiceUnavailable, "busy", "the database is busy; retry"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "unavailable", "the request was cancelled"
	}
	return http.StatusInternalServerError, "internal", "internal error"
}

// params reads query parameters, rejecting absurd values as ErrInvalid.
type params struct {
	r   *http.Request
	err error
}

func (p *params) str(name string) string {
	v := p.r.URL.Query().Get(name)
	if len(v) > store.MaxQueryBytes && p.err == nil {
		p.err = fmt.Errorf("%w: parameter %s is longer than %d bytes", store.ErrInvalid, name, store.MaxQueryBytes)
	}
	return v
}

func (p *params) limit() int {
	v := p.r.URL.Query().Get("limit")
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 || n > store.MaxLimit {
		if p.err == nil {
			p.err = fmt.Errorf("%w: limit must be an integer between 1 and %d", store.ErrInvalid, store.MaxLimit)
		}
		return 0
	}
	return n
}

func (s *server) search(r *http.Request) (any, int, error) {
	p := &params{r: r}
	q := store.SearchQuery{Text: p.str("q"), Lang: p.str("lang"), From: p.str("from"), To: p.str("to"),
		Entity: p.str("entity"), Speaker: p.str("speaker"), Via: p.str("via"), Limit: p.limit(), Cursor: p.str("cursor")}
	if p.err != nil {
		return nil, 0, p.err
	}
	page, err := s.opt.Store.Search(r.Context(), q)
	if err != nil {
		return nil, 0, err
	}
	return list(page, ToHit), 0, nil
}

func (s *server) documents(r *http.Request) (any, int, error) {
	p := &params{r: r}
	q := store.DocumentQuery{Lang: p.str("lang"), From: p.str("from"), To: p.str("to"), Entity: p.str("entity"),
		Limit: p.limit(), Cursor: p.str("cursor")}
	if p.err != nil {
		return nil, 0, p.err
	}
	page, err := s.opt.Store.Documents(r.Context(), q)
	if err != nil {
		return nil, 0, err
	}
	return list(page, ToDocSummary), 0, nil
}

func (s *server) document(r *http.Request) (any, int, error) {
	d, err := s.opt.Store.Document(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, 0, err
	}
	return ToDocument(d), 0, nil
}

func (s *server) entities(r *http.Request) (any, int, error) {
	p := &params{r: r}
	q := store.EntityQuery{Text: p.str("q"), Type: p.str("type"), Limit: p.limit(), Cursor: p.str("cursor")}
	if p.err != nil {
		return nil, 0, p.err
	}
	page, err := s.opt.Store.Entities(r.Context(), q)
	if err != nil {
		return nil, 0, err
	}
	return list(page, ToEntitySummary), 0, nil
}

func (s *server) entity(r *http.Request) (any, int, error) {
	e, err := s.opt.Store.Entity(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, 0, err
	}
	return ToEntity(e), 0, nil
}

func (s *server) quotes(r *http.Request) (any, int, error) {
	p := &params{r: r}
	q := store.QuoteQuery{Text: p.str("q"), Speaker: p.str("speaker"), About: p.str("about"), Via: p.str("via"),
		Lang: p.str("lang"), From: p.str("from"), To: p.str("to"), Doc: p.str("document"), Limit: p.limit(), Cursor: p.str("cursor")}
	if p.err != nil {
		return nil, 0, p.err
	}
	page, err := s.opt.Store.Quotes(r.Context(), q)
	if err != nil {
		return nil, 0, err
	}
	return list(page, ToQuote), 0, nil
}

func (s *server) stats(r *http.Request) (any, int, error) {
	st, err := s.opt.Store.Stats(r.Context())
	if err != nil {
		return nil, 0, err
	}
	return Stats{Documents: st.Documents, Entities: st.Entities, Mentions: st.Mentions, Quotes: st.Quotes, Times: st.Times,
		Quantities: st.Quantities, Events: st.Events, SchemaVersion: st.SchemaVersion, Bytes: st.Bytes}, 0, nil
}

// postDocument analyses and stores the request body (any format the
// readers know), named by ?source= (default "upload").
func (s *server) postDocument(r *http.Request) (any, int, error) {
	if s.opt.Token == "" || s.opt.Engine == nil {
		return nil, 0, errReadOnly
	}
	auth := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(tok), []byte(s.opt.Token)) != 1 {
		return nil, 0, errUnauthorized
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, s.opt.MaxUpload+1))
	if err != nil {
		return nil, 0, fmt.Errorf("%w: reading the body: %v", store.ErrInvalid, err)
	}
	if int64(len(body)) > s.opt.MaxUpload {
		return nil, 0, fmt.Errorf("%w (limit %d bytes)", errTooLarge, s.opt.MaxUpload)
	}
	// Without a source, each distinct upload is its own document.
	name := r.URL.Query().Get("source")
	if name == "" {
		name = "upload-" + store.ContentHash(string(body))[:16]
	}
	if len(name) > 500 {
		return nil, 0, fmt.Errorf("%w: source longer than 500 bytes", store.ErrInvalid)
	}
	res, err := s.opt.Engine.IngestData(r.Context(), s.opt.Store, name, body)
	if len(res) == 0 && err != nil {
		return nil, 0, err
	}
	out := List[PutResult]{Items: []PutResult{}}
	status := http.StatusOK
	for _, x := range res {
		out.Items = append(out.Items, PutResult{ID: x.ID, Status: x.Status.String()})
		if x.Status != store.Unchanged {
			status = http.StatusCreated
		}
	}
	return out, status, nil
}
