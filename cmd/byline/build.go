package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/byline/byline/generator"
	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/publish"
	"github.com/byline/byline/generator/render"
)

// buildFlags are the flags build shares with watch mode.
type buildFlags struct {
	site, out, theme, baseURL  string
	drafts, future, quiet, min bool
	watch                      bool
	precompress                bool
}

func (a *App) build(ctx context.Context, args []string) error {
	var f buildFlags
	fs := a.flagSet("build", "build [flags]")
	fs.StringVar(&f.site, "site", "site", "the site `folder`")
	fs.StringVar(&f.out, "out", "public", "the output `folder`")
	fs.StringVar(&f.theme, "theme", "", "theme `name` under themes/ (default: the config's, else the built-in default)")
	fs.StringVar(&f.baseURL, "base-url", "", "absolute site `URL`, overriding the config's base_url")
	fs.BoolVar(&f.drafts, "drafts", false, "include drafts")
	fs.BoolVar(&f.future, "future", false, "include articles dated in the future")
	fs.BoolVar(&f.min, "minify", false, "minify HTML, CSS, JS, JSON and XML")
	fs.BoolVar(&f.precompress, "precompress", false, "also write a .gz and a .br copy of each text file, for servers that send them as they are (nginx gzip_static)")
	fs.BoolVar(&f.quiet, "quiet", false, "print only errors")
	fs.BoolVar(&f.watch, "watch", false, "keep running, and build again on every change")
	if err := a.parse(fs, args); err != nil {
		return err
	}
	if f.baseURL != "" {
		if _, err := config.NormalizeBaseURL(f.baseURL); err != nil {
			fmt.Fprintf(a.Stderr, "byline build: --base-url %q %v\n", f.baseURL, err)
			return errUsage
		}
	}
	if err := a.checkTheme("build", f); err != nil {
		return err
	}
	if f.watch {
		return a.watch(ctx, f)
	}
	return a.buildOnce(ctx, f)
}

// checkTheme refuses a --theme that names no theme as a usage error,
// before any work: the message lists the themes there are. A theme the
// config names is the build's to check, as a config error.
func (a *App) checkTheme(cmd string, f buildFlags) error {
	if f.theme == "" {
		return nil
	}
	if err := generator.CheckTheme(f.options().ThemesDir, f.theme); err != nil {
		fmt.Fprintf(a.Stderr, "byline %s: --theme %q %v\n", cmd, f.theme, err)
		return errUsage
	}
	return nil
}

// options turns the flags into pipeline options.
func (f buildFlags) options() generator.Options {
	return generator.Options{
		SiteDir: f.site, ThemesDir: filepath.Join(filepath.Dir(filepath.Clean(f.site)), "themes"),
		Theme: f.theme, Drafts: f.drafts, Future: f.future, BaseURL: f.baseURL, Minify: f.min,
		Precompress: f.precompress,
	}
}

// buildOnce builds and publishes, printing warnings and the summary line.
func (a *App) buildOnce(ctx context.Context, f buildFlags) error {
	start := time.Now()
	siteAbs, _ := filepath.Abs(f.site)
	if err := publish.CheckOut(f.out, f.site, filepath.Dir(siteAbs)); err != nil {
		return err
	}
	if a.MemoryGoal {
		// Sized from a walk of the site, beside the build's own start
		// (config, templates, its walk), while the heap is still small.
		go setMemoryGoal(f.site)
	}
	stop := startProgress(a.Stderr, a.IsTerminal && !f.quiet, filepath.ToSlash(f.site))
	opts := f.options()
	opts.Earlier = f.out // copies and cards made before are read back
	res, err := a.buildAndPublish(ctx, opts, f)
	stop()
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		// Only a build stopped before it published: an error while
		// publishing, after the interrupt, is reported as it is.
		return fmt.Errorf("byline build: interrupted; %s/ unchanged", filepath.ToSlash(f.out))
	}
	if err != nil {
		a.failureWarnings(err, f.quiet)
		return err
	}
	if !f.quiet {
		for _, w := range res.Warnings {
			fmt.Fprintln(a.Stderr, w.Error())
		}
	}
	a.summary(res, f, start)
	return nil
}

// failureWarnings prints the warnings of a build that failed, before its
// errors are printed: a warning often explains an error (a misspelt key, a
// file skipped).
func (a *App) failureWarnings(err error, quiet bool) {
	var fail *generator.Failure
	if quiet || !errors.As(err, &fail) {
		return
	}
	for _, w := range fail.Warnings {
		fmt.Fprintln(a.Stderr, w.Error())
	}
}

// buildAndPublish builds with opts and streams each file into f.out as it
// is rendered (see publish.Stage), so memory does not grow with the site.
// A build that fails leaves f.out as it was.
func (a *App) buildAndPublish(ctx context.Context, opts generator.Options, f buildFlags) (*generator.Result, error) {
	p, err := generator.Prepare(ctx, opts)
	if err != nil {
		return nil, err
	}
	res, _, err := a.publish(ctx, p, f)
	return res, err
}

// publish renders p's files and streams each into f.out as it is rendered;
// a render that fails leaves f.out as it was.
func (a *App) publish(ctx context.Context, p *generator.Prepared, f buildFlags) (*generator.Result, publish.Stats, error) {
	stage, err := publish.Begin(f.out)
	if err != nil {
		return nil, publish.Stats{}, err
	}
	res, err := p.Stream(ctx, func(file render.File) error {
		files := []publish.File{publish.File(file)}
		if f.precompress {
			files = publish.Precompress(files)
		}
		for _, pf := range files {
			if err := stage.Add(pf); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		if aerr := stage.Abort(); aerr != nil {
			fmt.Fprintln(a.Stderr, aerr)
		}
		return nil, publish.Stats{}, err
	}
	stats, err := stage.Commit()
	if err != nil {
		return nil, stats, err
	}
	return res, stats, nil
}

// summary prints the line that ends a successful build.
func (a *App) summary(res *generator.Result, f buildFlags, start time.Time) {
	if !f.quiet {
		fmt.Fprintf(a.Stdout, "built %s pages in %s → %s\n", thousands(res.Pages), elapsed(time.Since(start)), filepath.ToSlash(f.out)+"/")
	}
}

func elapsed(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// thousands formats n with commas: 1204 → "1,204".
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
