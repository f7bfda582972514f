// Command newsgraph turns dated news articles into a searchable knowledge
// base of who said what, about whom, when, where, and according to whom.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/newsgraph/newsgraph/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
