// Command byline builds, previews and checks a site of career articles.
//
// main only hands off to App.Run, so end-to-end tests run the exact wiring
// the binary uses.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first Ctrl-C stops the work in hand and lets it clean up; from
	// then on, the signals' default action applies: a second one quits.
	context.AfterFunc(ctx, stop)
	app := &App{Stdout: os.Stdout, Stderr: os.Stderr, IsTerminal: isTerminal(os.Stderr), MemoryGoal: true}
	code := app.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
