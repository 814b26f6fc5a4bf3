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
  byline new    article "Title" [--site DIR] [--author KEY] [--section NAME] [--bundle]
  byline check  [--site DIR] [--theme NAME] [--format text|json] [--external[=list|fetch]]
  byline init   [--force] DIR
  byline version

Run "byline COMMAND -h" for the flags of a command.
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
		err = a.newArticle(args[1:])
	case "check":
		err = a.check(ctx, args[1:])
	case "version":
		if err = parse(a.flagSet("version", "version"), args[1:]); err == nil {
			fmt.Fprintln(a.Stdout, "byline", version())
		}
	case "-h", "--help", "help":
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

// flagSet returns a FlagSet that prints its help to the app's stderr.
func (a *App) flagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(a.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(a.Stderr, "Usage: byline %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning a flag error into errUsage. It refuses
// positional arguments where none are expected.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
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
