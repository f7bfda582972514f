package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/api"
	"github.com/newsgraph/newsgraph/internal/engine"
	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/web"
)

const serveHelp = `
Serve the knowledge base made by 'newsgraph ingest': the HTTP JSON API under
/api/ (described by /api/openapi.json) and the web UI at /.

The server is read-only unless --token (or the NEWSGRAPH_TOKEN environment
variable) is given: then POST /api/documents with the header
"Authorization: Bearer TOKEN" analyses and stores an article. It listens on
the loopback interface by default; put it behind a TLS proxy before exposing
it. Ctrl-C stops it gracefully.`

func runServe(e *env, args []string) error {
	fs := newFlags(e, "serve", "[--db FILE] [--addr HOST:PORT] [--token T]", serveHelp)
	db := fs.String("db", engine.DefaultDB, "the knowledge base file")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	token := fs.String("token", "", "bearer token that enables POST /api/documents (default $NEWSGRAPH_TOKEN)")
	maxUpload := fs.Int64("max-upload", api.DefaultMaxUpload, "largest accepted POST body in bytes")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "newsgraph serve: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if *token == "" {
		*token = os.Getenv("NEWSGRAPH_TOKEN")
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := openExisting(e.ctx, *db, *token == "")
	if err != nil {
		return err
	}
	defer st.Close()
	var eng *engine.Engine
	if *token != "" {
		if eng, err = engine.New(engine.Options{Logger: log, Read: ingest.Options{MaxSize: *maxUpload}}); err != nil {
			return err
		}
	}
	ui, err := web.New(web.Options{Store: st, Logger: log})
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", api.New(api.Options{Store: st, Engine: eng, Token: *token, MaxUpload: *maxUpload, Logger: log}))
	mux.Handle("/", ui)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	mode := "read-only"
	if *token != "" {
		mode = "POST /api/documents enabled"
	}
	fmt.Fprintf(e.stderr, "newsgraph serve: %s on http://%s/ (%s)\n", *db, ln.Addr(), mode)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-e.ctx.Done():
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		return err
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(e.stderr, "newsgraph serve: stopped")
	return nil
}

// openExisting opens a knowledge base that must exist already (queries
// never create an empty database by mistake).
func openExisting(ctx context.Context, db string, readOnly bool) (store.Store, error) {
	path := strings.TrimPrefix(db, "sqlite:")
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no knowledge base at %s (create it with 'newsgraph ingest --db %s PATH...')", path, db)
	}
	return engine.OpenStore(ctx, db, engine.StoreOptions{ReadOnly: readOnly})
}
