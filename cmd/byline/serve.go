package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"

	"github.com/byline/byline/generator/serve"
	"github.com/byline/byline/generator/watch"
)

// serve previews the site from memory, rebuilding it on every change, until
// ctx ends (Ctrl-C). It never writes to public/.
func (a *App) serve(ctx context.Context, args []string) error {
	var f buildFlags
	var addr string
	var noDrafts bool
	fs := a.flagSet("serve", "serve [flags]")
	fs.StringVar(&f.site, "site", "site", "the site `folder`")
	fs.StringVar(&f.theme, "theme", "", "theme `name` under themes/ (default: the config's, else the built-in default)")
	fs.StringVar(&addr, "addr", serve.DefaultAddr, "`host:port` to listen on; anything but loopback shows drafts to the network")
	fs.BoolVar(&noDrafts, "no-drafts", false, "hide drafts and future articles, as a build does")
	if err := a.parse(fs, args); err != nil {
		return err
	}
	if fi, err := os.Stat(f.site); err != nil || !fi.IsDir() {
		// As build, check and new do: a preview of no site would wait for
		// one for ever.
		return fmt.Errorf("byline serve: site folder %s not found: run byline in a project folder, or pass --site DIR", filepath.ToSlash(f.site))
	}
	if err := a.checkTheme("serve", f); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("byline serve: cannot listen on %s: %v; is another server running? Pass --addr 127.0.0.1:PORT", addr, err)
	}
	if !serve.IsLoopback(addr) {
		fmt.Fprintf(a.Stderr, "byline serve: warning: listening on %s, not loopback: other machines can read the preview, drafts included\n", addr)
	}
	f.drafts, f.future = !noDrafts, !noDrafts
	opts := f.options()
	url := localURL(ln.Addr())
	opts.BaseURL = url
	// Copies and cards that `byline build` made into public/ are read
	// back from it, never written: the check that renders every page
	// then need not draw every card again.
	opts.Earlier = "public"
	w, err := watch.New(watchRoots(f), watch.Options{Quiet: serve.Pause})
	if err != nil {
		ln.Close()
		return err
	}
	defer w.Close()
	srv := serve.New(serve.Options{Build: opts, Addr: addr, Logf: a.logf})
	fmt.Fprintf(a.Stdout, "serving %s from memory (drafts %s); press Ctrl-C to stop\n", url, shown(!noDrafts))
	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithCancel(ctx) // ends the rebuilds when Serve fails, too
	defer cancel()
	wg.Go(func() {
		// Errors are logged and shown in the browser.
		_ = srv.Rebuild(ctx, watch.Batch{})
		srv.Watch(ctx, w, 0)
	})
	return srv.Serve(ctx, ln)
}

func shown(b bool) string {
	if b {
		return "shown"
	}
	return "hidden"
}

// localURL is the URL of the listener, naming localhost for an address
// that listens on every interface.
func localURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// watchRoots are the folders whose changes trigger a build: the site
// (content, layouts, static files, config) and the themes.
func watchRoots(f buildFlags) []string {
	return []string{f.site, filepath.Join(filepath.Dir(filepath.Clean(f.site)), "themes")}
}

// logf prints a line of a long-running command.
func (a *App) logf(format string, args ...any) {
	fmt.Fprintf(a.Stderr, format+"\n", args...)
}
