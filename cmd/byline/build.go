package main

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	"github.com/byline/byline/generator"
	"github.com/byline/byline/generator/publish"
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
	if err := parse(fs, args); err != nil {
		return err
	}
	if f.baseURL != "" {
		if u, err := url.Parse(f.baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fmt.Fprintf(a.Stderr, "byline build: --base-url %q: give an absolute http(s) URL such as https://example.com/blog/\n", f.baseURL)
			return errUsage
		}
	}
	if f.watch {
		return a.watch(ctx, f)
	}
	return a.buildOnce(ctx, f)
}

// options turns the flags into pipeline options.
func (f buildFlags) options() generator.Options {
	return generator.Options{
		SiteDir: f.site, ThemesDir: filepath.Join(filepath.Dir(filepath.Clean(f.site)), "themes"),
		Theme: f.theme, Drafts: f.drafts, Future: f.future, BaseURL: f.baseURL, Minify: f.min,
	}
}

// buildOnce builds and publishes, printing warnings and the summary line.
func (a *App) buildOnce(ctx context.Context, f buildFlags) error {
	start := time.Now()
	siteAbs, _ := filepath.Abs(f.site)
	if err := publish.CheckOut(f.out, f.site, filepath.Dir(siteAbs)); err != nil {
		return err
	}
	stop := startProgress(a.Stderr, a.IsTerminal && !f.quiet, filepath.ToSlash(f.site))
	res, err := generator.Build(ctx, f.options())
	stop()
	if err != nil {
		return err
	}
	if !f.quiet {
		for _, w := range res.Warnings {
			fmt.Fprintln(a.Stderr, w.Error())
		}
	}
	return a.publish(res, f, start)
}

// publish writes a successful build to the output folder and prints the
// summary line; build and build --watch share it.
func (a *App) publish(res *generator.Result, f buildFlags, start time.Time) error {
	if f.precompress {
		res.Precompress()
	}
	if _, err := generator.Publish(res, f.out); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if !f.quiet {
		fmt.Fprintf(a.Stdout, "built %s pages in %s → %s\n", thousands(res.Pages), elapsed(time.Since(start)), filepath.ToSlash(f.out)+"/")
	}
	return nil
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
