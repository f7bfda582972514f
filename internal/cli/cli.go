// Package cli implements the newsgraph command line. Main is the whole
// program; cmd/newsgraph only calls it. Each subcommand lives in its own
// file with its own flag set and help text.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Exit codes.
const (
	ExitOK      = 0 // everything succeeded
	ExitPartial = 1 // some inputs or documents failed; the others were processed
	ExitError   = 2 // usage error or a failure that stopped the run
)

// errPartial marks a run where some inputs failed.
var errPartial = errors.New("some inputs failed")

// errUsage marks a usage error; its message has been printed.
var errUsage = errors.New("usage")

// env is what a subcommand gets to run.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name    string
	summary string
	run     func(e *env, args []string) error
}

func commands() map[string]command {
	cs := []command{
		{"analyze", "analyse articles and print the result (text or JSON Lines)", runAnalyze},
		{"eval", "score the analysis against gold annotations", runEval},
		{"ingest", "analyse articles and store them in a database", runIngest},
		{"serve", "serve the HTTP JSON API and the web UI", runServe},
		{"search", "full-text search over stored articles and quotes", runSearch},
		{"quotes", "list stored quotes by speaker, subject and date", runQuotes},
		{"train", "train a model from ../shared/data", runTrain},
		{"bench", "measure throughput over a corpus", runBench},
		{"version", "print the version", runVersion},
	}
	m := map[string]command{}
	for _, c := range cs {
		m[c.name] = c
	}
	return m
}

// Main runs the command line and returns the process exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			if c, ok := cmds[args[1]]; ok {
				return exitCode(c.run(&env{ctx, stdin, stdout, stderr}, []string{"-h"}))
			}
		}
		usage(stderr, cmds)
		if len(args) == 0 {
			return ExitError
		}
		return ExitOK
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "newsgraph: unknown command %q\n\n", args[0])
		usage(stderr, cmds)
		return ExitError
	}
	err := c.run(&env{ctx, stdin, stdout, stderr}, args[1:])
	if err != nil && !errors.Is(err, errPartial) && !errors.Is(err, errUsage) && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(stderr, "newsgraph %s: %v\n", c.name, err)
	}
	return exitCode(err)
}

// exitCode maps an error to the process exit code; the only such mapping.
func exitCode(err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.Is(err, errPartial):
		return ExitPartial
	}
	return ExitError
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "newsgraph: who said what, about whom, when, where, and according to whom.")
	fmt.Fprintln(w, "\nUsage: newsgraph COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'newsgraph COMMAND -h' for a command's flags.")
	fmt.Fprintln(w, "Exit codes: 0 ok, 1 some inputs failed (the rest was processed), 2 usage or fatal error.")
}

// newFlags returns a flag set that prints its usage to e.stderr.
func newFlags(e *env, name, synopsis, help string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: newsgraph %s %s\n\n%s\n\nFlags:\n", name, synopsis, strings.TrimSpace(help))
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags; a parse error is a usage error.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

func runVersion(e *env, args []string) error {
	fs := newFlags(e, "version", "", "Print the analyser version.")
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "newsgraph", engineVersion())
	return nil
}
