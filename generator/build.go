// Package generator runs Byline's pipeline: load → parse → assemble →
// render, returning the output files in memory. Writing them to disk is a
// separate step (Publish), so serve can use the very same files.
//
// Build reports every content, config and template problem it finds as a
// diag.ErrorList of "path:line:col: message" lines; warnings come back in
// Result.Warnings. A build with errors returns no files.
package generator

import (
	"cmp"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/i18n"
	"github.com/byline/byline/generator/imaging"
	"github.com/byline/byline/generator/publish"
	"github.com/byline/byline/generator/render"
	"github.com/byline/byline/generator/site"
	"github.com/byline/byline/generator/sitefs"
	"github.com/byline/byline/generator/theme"
)

// Options configures one build.
type Options struct {
	SiteDir   string // the site folder, "site"
	ThemesDir string // the folder of themes, "themes"; may not exist
	Theme     string // theme name; "" uses the config's, else "default"
	Drafts    bool   // include drafts
	Future    bool   // include articles dated in the future
	BaseURL   string // overrides the config's base_url
	Minify    bool
	// Now is the build's clock for future and expired articles; zero means time.Now().
	Now time.Time
	// Cache, when set, lets successive builds reuse parsed pages (watch, serve).
	Cache *content.Cache
	// ImageCache, when set, lets successive builds reuse the resized
	// copies of images that config.yaml's images asks for (watch, serve).
	ImageCache *imaging.Cache
	// Earlier, when set, is the output folder of an earlier build (the
	// one this build's files go to): the resized copies and social cards
	// it holds, stamped as this build would make them, are read back
	// instead of made again.
	Earlier string
	// KeepGoing renders the site despite errors in its content: pages with
	// errors are left out, and the errors come back in Result.Errors instead
	// of failing the build (check uses it to report everything in one run).
	// Config and template errors still fail the build.
	KeepGoing bool
	// Refs keeps each page's links, images, headings and shortcode
	// outputs in the model (content.Page.Refs), for check.
	Refs bool
	// PageTimeout limits how long one page's templates may run; zero
	// means render.PageTimeout.
	PageTimeout time.Duration
	// SitemapURLs is the most URLs one sitemap file lists before the
	// sitemap is split; zero means render.SitemapURLs, the protocol's limit.
	SitemapURLs int
	// Precompress says the output gets compressed copies of its text files
	// (publish.Precompress): a file in the way of one is an error.
	Precompress bool
	// funcs are template functions added to the theme's, for tests: one
	// that does not return, say, which no function of the theme's does.
	funcs template.FuncMap
}

// Result is a successful build.
type Result struct {
	Files    []render.File
	Pages    int // HTML pages among Files
	Warnings []*diag.Diagnostic
	// Errors are the content errors a KeepGoing build went past.
	Errors []*diag.Diagnostic
	Site   *site.Site
	// Reused counts the resized copies and social cards read back from
	// Options.Earlier instead of made.
	Reused int
}

// Build runs the pipeline. Its error is a diag.ErrorList when the site has
// problems, or another error when the build could not run at all.
func Build(ctx context.Context, opts Options) (*Result, error) {
	p, err := Prepare(ctx, opts)
	if err != nil {
		return nil, err
	}
	return p.Render(ctx)
}

// Prepared is a build whose site model and templates are ready, and whose
// files are not rendered yet: Render renders them all, File one at a time
// (serve renders on request what a full build would write). Its methods
// are safe for concurrent use.
type Prepared struct {
	Site     *site.Site
	Warnings []*diag.Diagnostic
	Errors   []*diag.Diagnostic // with Options.KeepGoing
	renderer *render.Renderer
	theme    *theme.Theme
	// mu is held to read while rendering, to write while PatchArticles
	// changes the model.
	mu     sync.RWMutex
	siteFS fs.FS
	load   content.Options // as given to content.Load
	images *imagePlan      // nil unless config.yaml asks for resized images
	cards  bool            // config.yaml asks for social cards
	prev   *earlier        // Options.Earlier
}

// Prepare loads, parses and assembles the site and parses its templates.
func Prepare(ctx context.Context, opts Options) (*Prepared, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	root := displayPath(opts.SiteDir)
	if fi, err := os.Stat(opts.SiteDir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("site folder %s not found: run byline in a project folder, or pass --site DIR", root)
	}
	siteFS, err := sitefs.Open(opts.SiteDir)
	if err != nil {
		return nil, fmt.Errorf("site folder %s: %w", root, err)
	}
	var list diag.List

	// Load and parse.
	cfg := config.Load(siteFS, root+"/config.yaml", &list)
	if opts.BaseURL != "" {
		u, err := config.NormalizeBaseURL(opts.BaseURL)
		if err != nil {
			return nil, fmt.Errorf("--base-url %q: %v", opts.BaseURL, err)
		}
		cfg.BaseURL = u
	}
	if err := failure(&list); err != nil {
		return nil, err // a broken config would only cause more, misleading errors
	}
	// Templates, parsed while the content loads. Their problems, and the
	// assets', go to a list of their own, so that a KeepGoing build can
	// tell them from content errors.
	sources, err := themeSources(opts, cfg, siteFS, root)
	if err != nil {
		return nil, err
	}
	words := i18n.Load(i18nSources(sources, siteFS, root), cfg.Language, cfg.Pos["language"], &list)
	var (
		funcs render.Funcs
		th    *theme.Theme
		thl   diag.List
		wg    sync.WaitGroup
	)
	wg.Go(func() {
		m := funcs.Map()
		maps.Copy(m, opts.funcs)
		th = theme.Load(sources, m, &thl)
		th.Fold("T", words.Fold)
	})
	defer wg.Wait()

	load := content.Options{Root: root, Config: cfg, Cache: opts.Cache, Refs: opts.Refs}
	c := content.Load(ctx, siteFS, load, &list)
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// Assemble.
	cache := buildCache(cfg, opts.ImageCache)
	prev := newEarlier(opts.Earlier)
	plan := newImagePlan(cfg.Images, cache, prev)
	images := newImageSizes(siteFS, root, c, staticOf(sources), plan)
	s := site.Assemble(cfg, c, site.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now, Image: images.image, ListTitles: listTitles(words)}, &list)
	var resized []render.Resized
	var srcset func(string) render.Srcset
	if plan != nil {
		plan.addHeroes(s, images)
		resized, srcset = plan.resized(s), plan.heroSrcset
		list.Merge(&plan.list)
	}
	var cards []render.Card
	if cfg.SocialCards {
		cards = socialCards(s, cache, prev, &list)
	}

	// Assets, then the templates' functions.
	var tlist diag.List
	r := render.New(s, render.Options{
		SiteFS: siteFS, Static: c.Static, ThemeStatic: staticOf(sources),
		SyntaxCSS: content.HighlightCSS("github", "github-dark"), Minify: opts.Minify, Root: root,
		PageTimeout: opts.PageTimeout, SitemapURLs: opts.SitemapURLs, Precompress: opts.Precompress,
		Refs: opts.Refs, Resized: resized, Srcset: srcset, Cards: cards, Words: words,
	}, &tlist)
	wg.Wait()
	funcs.Bind(r)
	// A page's templates may run for PageTimeout: the theme stops them
	// then, and the renderer gives up on a page that runs on (see
	// render.PageTimeout). Shortcodes run here under the theme's limit, and
	// a cancelled ctx stops them.
	th.SetTimeLimit(cmp.Or(opts.PageTimeout, render.PageTimeout))
	if thl.Err() == nil {
		stopOnCancel := context.AfterFunc(ctx, th.Stop)
		r.ExpandShortcodes(th, &list)
		if !stopOnCancel() {
			return nil, ctx.Err() // the theme is stopped: nothing of it runs
		}
	}
	tlist.Merge(&thl)
	list.Merge(&tlist)
	if err := tlist.Err(); err != nil || !opts.KeepGoing {
		if err := failure(&list); err != nil {
			return nil, err
		}
	}
	p := &Prepared{Site: s, Warnings: list.Warnings(), renderer: r, theme: th, siteFS: siteFS, load: load, images: plan, cards: cfg.SocialCards, prev: prev}
	if err, ok := list.Err().(diag.ErrorList); ok {
		p.Errors = err
	}
	return p, nil
}

// Failure is the error of a build that found errors in the site: its
// message lists the errors (it unwraps to their diag.ErrorList), and
// Warnings holds the warnings found on the way, which often explain an
// error: a key misspelt ("titel") beside a missing title, a file skipped
// beside a link to it.
type Failure struct {
	Errors   diag.ErrorList
	Warnings []*diag.Diagnostic
}

func (f *Failure) Error() string { return f.Errors.Error() }
func (f *Failure) Unwrap() error { return f.Errors }

// failure returns the errors of list, with its warnings, or nil.
func failure(list *diag.List) error {
	el, ok := list.Err().(diag.ErrorList)
	if !ok {
		return nil
	}
	return &Failure{Errors: el, Warnings: list.Warnings()}
}

// Render renders every output file into memory.
func (p *Prepared) Render(ctx context.Context) (*Result, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	var list diag.List
	files := p.renderer.Render(ctx, p.theme, &list)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := list.Err(); err != nil {
		return nil, err
	}
	res := p.result()
	res.Files = files
	res.Reused = p.prev.count()
	for _, f := range files {
		res.count(f)
	}
	return res, nil
}

// Stream renders every output file and hands each to emit as soon as it is
// made, keeping none of them: a build of any size then needs memory for the
// site model only. emit is called from several goroutines at once; its
// first error stops the build. A file's Data is valid only until emit
// returns: emit must copy what it keeps (see render.Renderer.StreamEach).
// The Result has no Files.
func (p *Prepared) Stream(ctx context.Context, emit func(render.File) error) (*Result, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var list diag.List
	var mu sync.Mutex
	res := p.result()
	p.renderer.StreamEach(ctx, p.theme, &list, func(f render.File) {
		if err := emit(f); err != nil {
			cancel(err)
			return
		}
		mu.Lock()
		res.count(f)
		mu.Unlock()
	})
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	if err := list.Err(); err != nil {
		return nil, err
	}
	res.Reused = p.prev.count()
	return res, nil
}

// Check renders every output file and keeps none, as a build would render
// them, and returns the pages' errors: serve's background check. When ctx
// ends it returns ctx's error once the pages in progress have ended,
// leaving none running, so that the build can still be patched.
func (p *Prepared) Check(ctx context.Context) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	var list diag.List
	p.renderer.CheckEach(ctx, p.theme, &list)
	if err := ctx.Err(); err != nil {
		return err
	}
	return list.Err()
}

func (p *Prepared) result() *Result {
	return &Result{Warnings: p.Warnings, Errors: p.Errors, Site: p.Site}
}

// count adds f to the result's page count when it is a page.
func (res *Result) count(f render.File) {
	if strings.HasSuffix(f.Path, ".html") {
		res.Pages++
	}
}

// File renders the one output file at path ("articles/x/index.html"); its
// error is render.ErrNotFound for a path the site does not produce.
func (p *Prepared) File(path string) (render.File, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.renderer.File(p.theme, path)
}

// PatchArticles brings p up to date after the files at paths changed
// (slash-separated, relative to the site folder), without loading and
// assembling the site again, when each of them is an article of which only
// the Markdown body, the title and the description changed, and a new title
// leaves the order of the articles as it was: see content.Cache.BodyChange,
// which needs the Options.Cache of a watcher, and site.Site.Replaceable.
// It reports whether it did; when it did not,
// p is as it was and the caller must Prepare again, as it must once now,
// the clock of the new build, has passed an article's date or expiry that
// was still ahead of p's (site.Site.ChangesAt), or once a page of p was
// given up on and left running (render.Renderer.Stuck; a page merely
// stopped at the time limit ends, and runs again after a patch). It waits
// for the renders in progress, and the files rendered before it are out
// of date.
func (p *Prepared) PatchArticles(paths []string, now time.Time) bool {
	if len(paths) == 0 || p.load.Cache == nil || p.renderer.Stuck() {
		return false // a page left running may still read the model
	}
	if at := p.Site.ChangesAt(); !at.IsZero() && !now.Before(at) {
		return false
	}
	changed := make(map[string]*content.Page, len(paths))
	for _, rel := range paths {
		old, cur, ok := p.load.Cache.BodyChange(p.siteFS, p.load, rel)
		if !ok {
			return false
		}
		if cur, ok = p.Site.Linked(cur); !ok {
			return false // a link to no page: a new build reports it
		}
		changed[old.Path] = cur
	}
	if p.images.grown() {
		return false // an image the build has no copies of: see imagePlan.grown
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.renderer.Stuck() {
		// A render that held the lock until now (a cancelled Stream)
		// gave up on a page that may still read the model.
		return false
	}
	for _, a := range p.Site.Articles {
		if cur, ok := changed[a.Path]; ok {
			if !p.Site.Replaceable(a, cur) {
				return false // a new title among articles of one date
			}
			if p.cards && cur.Meta.Title != a.Meta.Title {
				return false // a new title is a new card, at a new name
			}
			if changed[a.Path], ok = p.renderer.ExpandArticle(p.theme, a, cur); !ok {
				return false // a new build reports the shortcode's error
			}
		}
	}
	var olds []*content.Page
	for _, a := range p.Site.Articles {
		// An article left out of the site (a draft, say) shows nowhere.
		if cur, ok := changed[a.Path]; ok {
			olds = append(olds, a.Page)
			a.ReplaceBody(cur)
			p.renderer.Forget(a)
		}
	}
	p.Warnings = p.Site.Rewarn(p.Warnings, olds)
	p.theme.Forget()
	return true
}

// Paths lists every output path of the build, sorted.
func (p *Prepared) Paths() []string {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.renderer.Paths()
}

// Precompress adds a .gz and a .br copy of each text file to the result
// (see publish.Precompress), for servers that send them as they are.
func (res *Result) Precompress() {
	files := make([]publish.File, len(res.Files))
	for i, f := range res.Files {
		files[i] = publish.File(f)
	}
	files = publish.Precompress(files)
	res.Files = make([]render.File, len(files))
	for i, f := range files {
		res.Files[i] = render.File(f)
	}
}

// Publish writes a build's files to out (see package publish).
func Publish(res *Result, out string) (publish.Stats, error) {
	files := make([]publish.File, len(res.Files))
	for i, f := range res.Files {
		files[i] = publish.File(f)
	}
	return publish.Publish(out, files)
}

// i18nSources lists where the theme's words come from, first wins:
// site/i18n, then the i18n folder of each theme of sources.
func i18nSources(sources []theme.Source, siteFS fs.FS, root string) []i18n.Source {
	var out []i18n.Source
	if fi, err := fs.Stat(siteFS, "i18n"); err == nil && fi.IsDir() {
		sub, _ := fs.Sub(siteFS, "i18n")
		out = append(out, i18n.Source{FS: sub, Prefix: root + "/i18n", Site: true})
	}
	for _, s := range sources {
		if s.I18n != nil {
			out = append(out, i18n.Source{FS: s.I18n, Prefix: path.Join(path.Dir(s.Prefix), "i18n")})
		}
	}
	return out
}

// listTitles returns the theme's words for the lists that have no title
// of their own.
func listTitles(words *i18n.Catalog) map[string]string {
	m := map[string]string{}
	for folder, key := range map[string]string{"articles": "articles", "tags": "topics", "categories": "categories", "series": "series", "authors": "authors"} {
		if s, err := words.T(key); err == nil {
			m[folder] = s
		}
	}
	return m
}

func staticOf(sources []theme.Source) []theme.Source {
	var out []theme.Source
	for _, s := range sources {
		if s.Static != nil {
			out = append(out, theme.Source{FS: s.Static, Prefix: s.Prefix})
		}
	}
	return out
}

// displayPath shows p relative to the working directory when it lies below
// displayPath shows p relative to the working directory when it lies below
// it, with forward slashes.
func displayPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
				return filepath.ToSlash(rel)
			}
		}
	}
	return filepath.ToSlash(p)
}
