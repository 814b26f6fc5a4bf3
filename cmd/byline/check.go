package main

import (
	"context"
	"fmt"

	"github.com/byline/byline/generator/check"
)

// externalFlag is --external, --external=list or --external=fetch.
type externalFlag struct{ mode check.External }

func (f *externalFlag) String() string {
	return [...]string{"", "list", "fetch"}[f.mode]
}

func (f *externalFlag) Set(s string) error {
	switch s {
	case "true", "list":
		f.mode = check.ExternalList
	case "fetch":
		f.mode = check.ExternalFetch
	case "false", "":
		f.mode = check.ExternalOff
	default:
		return fmt.Errorf("want list or fetch")
	}
	return nil
}

// IsBoolFlag lets --external stand alone, meaning list.
func (f *externalFlag) IsBoolFlag() bool { return true }

func (a *App) check(ctx context.Context, args []string) error {
	var f buildFlags
	var ext externalFlag
	fs := a.flagSet("check", "check [--site DIR] [--theme NAME] [--format text|json] [--external[=list|fetch]]")
	fs.StringVar(&f.site, "site", "site", "the site `folder`")
	fs.StringVar(&f.theme, "theme", "", "theme `name` under themes/ (default: the config's, else the built-in default)")
	format := fs.String("format", "text", "`text` (path:line:col: message) or json (for CI annotations)")
	fs.Var(&ext, "external", "list links to other sites (--external), or also request each one (--external=fetch)")
	if err := a.parse(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(a.Stderr, "byline check: --format %q: use text or json\n", *format)
		return errUsage
	}
	if err := a.checkTheme("check", f); err != nil {
		return err
	}
	rep, err := check.Run(ctx, check.Options{Build: f.options(), External: ext.mode})
	if err != nil {
		return err
	}
	if *format == "json" {
		err = rep.WriteJSON(a.Stdout)
	} else {
		err = rep.WriteText(a.Stdout)
	}
	if err != nil {
		return err
	}
	if rep.Skipped != "" {
		fmt.Fprintln(a.Stderr, "byline check:", rep.Skipped)
	}
	if n := len(rep.Problems); n > 0 {
		return fmt.Errorf("byline check: %d %s", n, plural(n, "problem")) // exit status 1
	}
	if *format == "text" {
		fmt.Fprintln(a.Stderr, "byline check: no problems found")
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
