package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"
)

// Exit codes (design §2).
const (
	exitOK      = 0
	exitContent = 1 // content, config or template errors
	exitUsage   = 2
)

// App is the command line program; its fields are its outside world.
type App struct {
	Stdout, Stderr io.Writer
	IsTerminal     bool
	// Now is the clock (new article dates it); nil means time.Now.
	Now func() time.Time
	// MemoryGoal lets a one-off build set the process's soft memory limit
	// from the size of the site (see memoryGoal); main sets it, tests that
	// run App in their own process do not.
	MemoryGoal bool
}

// errUsage marks a usage error already explained to the user.
var errUsage = errors.New("usage")

const usage = `Byline builds a static site of career articles.

Usage:
  byline build  [--site DIR] [--out DIR] [--theme NAME] [--drafts] [--future] [--base-url URL] [--minify] [--precompress] [--watch] [--quiet]
  byline serve  [--site DIR] [--theme NAME] [--addr 127.0.0.1:1313] [--no-drafts]
  byline new    article "Title" [--site DIR] [--author KEY] [--section NAME] [--slug SLUG] [--bundle]
  byline new    page "Title" [--site DIR] [--slug SLUG] [--bundle]
  byline new    author "Name" [--site DIR] [--key KEY] [--role ROLE]
  byline check  [--site DIR] [--theme NAME] [--format text|json] [--external[=list|fetch]]
  byline init   [--force] DIR
  byline version

Run "byline help COMMAND" or "byline COMMAND -h" for the flags of a command.
`

// Run runs one command and returns the process exit code.
func (a *App) Run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(a.Stderr, usage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "build":
		err = a.build(ctx, args[1:])
	case "serve":
		err = a.serve(ctx, args[1:])
	case "init":
		err = a.initProject(args[1:])
	case "new":
		err = a.newFile(args[1:])
	case "check":
		err = a.check(ctx, args[1:])
	case "version":
		if err = a.parse(a.flagSet("version", "version"), args[1:]); err == nil {
			fmt.Fprintln(a.Stdout, "byline", version())
		}
	case "-h", "--help", "help":
		if len(args) == 2 && args[0] == "help" && !strings.HasPrefix(args[1], "-") && args[1] != "help" {
			return a.Run(ctx, []string{args[1], "-h"}) // "byline help build"; an unknown name is refused there
		}
		fmt.Fprint(a.Stdout, usage)
	default:
		fmt.Fprintf(a.Stderr, "byline: unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		return exitUsage
	}
	fmt.Fprintln(a.Stderr, strings.TrimRight(err.Error(), "\n"))
	return exitContent
}

// flagSet returns a FlagSet that prints its errors and usage to the app's
// stderr; parse prints the help asked for with -h to stdout instead.
func (a *App) flagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(a.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: byline %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses flags. Help asked for (-h, --help) is printed to the
// app's stdout and returned as flag.ErrHelp, as a program's output; a flag
// error is printed with the usage to stderr and returned as errUsage.
func (a *App) parseFlags(fs *flag.FlagSet, args []string) error {
	usage := fs.Usage
	fs.Usage = func() {} // flag calls it for help and for errors alike
	err := fs.Parse(args)
	fs.Usage = usage
	switch {
	case errors.Is(err, flag.ErrHelp):
		stderr := fs.Output()
		fs.SetOutput(a.Stdout)
		fs.Usage()
		fs.SetOutput(stderr)
		return err
	case err != nil:
		fs.Usage() // after flag's own line naming the error
		return errUsage
	}
	return nil
}

// parse parses flags (see parseFlags) and refuses positional arguments
// where none are expected.
func (a *App) parse(fs *flag.FlagSet, args []string) error {
	if err := a.parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "byline %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}

// version is the module version, or the VCS revision of a development build.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "devel " + s.Value[:12]
		}
	}
	return "devel"
}
