// Package render turns a Site and a parsed theme into output files: HTML
// pages, feeds, the sitemap, the search index, redirects and assets.
//
// Render never touches the output directory; writing is the publish stage's
// job. Render produces every file, in parallel into indexed slots, sorted by
// path, so the output is byte-identical on every run; File produces one file
// on demand, with the same code, so a preview server can render only what is
// asked for and still serve exactly what a full build would write.
//
// Templates write site-rooted URLs ("/articles/x/") into href, src, srcset,
// action and data-url attributes; render rewrites them relative to each page, so the
// output works at "/" and under any sub-path (404.html, which a host serves
// at any path, gets the base URL's path instead).
package render

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"io/fs"
	neturl "net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/i18n"
	"github.com/byline/byline/generator/publish"
	"github.com/byline/byline/generator/site"
	"github.com/byline/byline/generator/theme"
	"github.com/tdewolff/minify/v2"
)

// File is one output file; Path is slash-separated and relative to the
// output root ("articles/x/index.html").
type File struct {
	Path string
	Data []byte
}

// Options configures a Renderer.
type Options struct {
	// SiteFS is the site folder; Static lists its static files ("static/…").
	SiteFS fs.FS
	Static []string
	// ThemeStatic are the theme's static folders, first wins; the site's
	// static files win over all of them.
	ThemeStatic []theme.Source
	// SyntaxCSS is the stylesheet of highlighted code, written as css/syntax.css.
	SyntaxCSS string
	Minify    bool
	// Root is the site folder as shown in messages, "site".
	Root string
	// PageTimeout limits how long the templates of one page may run;
	// zero means the package's PageTimeout. The theme must have it as its
	// time limit (theme.Theme.SetTimeLimit).
	PageTimeout time.Duration
	// SitemapURLs is the most URLs one sitemap file lists; zero means the
	// protocol's limit, SitemapURLs.
	SitemapURLs int
	// Precompress says the files will get compressed copies beside them
	// (publish.Precompress): a file in the way of one is an error.
	Precompress bool
	// Refs keeps the output of each shortcode call in its page's
	// Refs.Shortcodes, for check.
	Refs bool
	// Words are the theme's words in the site's language, for the T and
	// date functions and the pages Byline titles itself (search, 404,
	// redirects). Nil means the built-in English.
	Words *i18n.Catalog
	// Resized are the resized copies of images to write, and Srcset the
	// srcset attributes of an image URL that has some, for the srcset
	// template function; "" for other URLs.
	Resized []Resized
	Srcset  func(url string) Srcset
	// Cards are the drawn social cards of pages without an image of their
	// own; none unless config.yaml asks for them.
	Cards []Card
}

// Renderer renders one build. Make it with New, give Funcs to the theme,
// then call Render or File.
type Renderer struct {
	site   *site.Site
	opts   Options
	assets *assets
	base   string // the path of the base URL, "/" or "/blog/"
	min    *minify.M
	jobs   []job
	words  words
	index  map[string]int // output path → jobs index
	// cards maps the URL of a page that has a drawn social card to the
	// card's URL.
	cards map[string]string
	// entries caches feed entries by *site.Article.
	entries sync.Map
	// bufs are File's page buffers, kept grown to the size of a page, as
	// RenderEach keeps one per worker.
	bufs sync.Pool
	// scratch holds *[]byte for a feed entry's body (see entry).
	scratch sync.Pool
	// timeout limits each page's templates (see PageTimeout); stuck is
	// set when a page was given up on, and timedOut maps the path of a
	// page that ran past the limit to its error.
	timeout  time.Duration
	stuck    atomic.Bool
	timedOut sync.Map
	// sitemapList holds the sitemap's entries, made once for all its files.
	sitemapOnce sync.Once
	sitemapList []sitemapEntry
}

// job is one output file: an HTML page (kind and data) or a file made by gen.
type job struct {
	path string
	kind string
	// data returns a page's template data; list pages make theirs when
	// they are rendered. article, set instead on article pages, is turned
	// into data then too.
	data    func() *Data
	article *site.Article
	gen     func(list *diag.List) File
	// origin is where a static file comes from, or where an alias is
	// written (then alias is the alias); zero for pages and generated files.
	origin diag.Pos
	alias  string
	// resource says the job copies a file of a bundle, from origin;
	// resized, that it makes a resized copy of the image at origin;
	// card, that it draws the social card of the article at origin.
	resource, resized, card bool
}

// New prepares a renderer: it reads and fingerprints the static files and
// lists every output file.
func New(s *site.Site, opts Options, list *diag.List) *Renderer {
	if opts.Words == nil {
		opts.Words = i18n.Builtin(s.Config.Language)
	}
	r := &Renderer{site: s, opts: opts, base: basePath(s.BaseURL), timeout: cmp.Or(opts.PageTimeout, PageTimeout)}
	r.words = r.wordsOf(list)
	r.bufs.New = func() any { return new(bytes.Buffer) }
	r.scratch.New = func() any { return new([]byte) }
	r.assets = collectAssets(opts, list)
	if opts.Minify {
		r.min = newMinifier()
	}
	var cards []job
	cards, r.cards = r.cardJobs() // before the pages, which name them
	r.jobs = append(cards, append(r.pageJobs(), r.machineJobs()...)...)
	if len(opts.Resized) > 0 {
		r.jobs = append(r.resizedJobs(), r.jobs...)
	}
	for _, f := range r.assets.files {
		f := f
		r.jobs = append(r.jobs, job{path: f.Path, gen: func(*diag.List) File { return f }, origin: diag.Pos{Path: r.assets.src[f.Path]}})
	}
	r.jobs = append(r.jobs, r.resourceJobs()...)
	r.checkPaths(list)
	return r
}

// checkPaths reports outputs that cannot all be written: two at one path,
// or a file at a path another output needs as a folder. Pages that share a
// URL are left to the site model, which reports them with both source
// files (site.Assemble); what is left is a static file or an alias in the
// way of another output.
func (r *Renderer) checkPaths(list *diag.List) {
	r.index = make(map[string]int, len(r.jobs))
	for _, j := range r.jobs {
		// Paths from file names (static files, a bundle's files) or
		// aliases: the rest are made of checked slugs.
		if j.origin.Path == "" {
			continue
		}
		if why := publish.PathProblem(j.path); why != "" {
			list.Errorf(j.origin, "%s would be written to %q, which cannot be published (%s): %s", j.subject(), j.path, why, j.fix())
		}
		if r.opts.Precompress {
			for _, c := range publish.Compressed(j.path) {
				if why := publish.PathProblem(c); why != "" {
					list.Errorf(j.origin, "%s would be written to %q, whose compressed copy %q cannot be published (%s): %s", j.subject(), j.path, c, why, j.fix())
					break
				}
			}
		}
	}
	for i, j := range r.jobs {
		if k, dup := r.index[j.path]; dup {
			clash(r.jobs[k], j, "", list)
		}
		r.index[j.path] = i
	}
	if r.opts.Precompress {
		r.checkCompressed(list)
	}
	for _, j := range r.jobs {
		// Every folder j needs (paths are clean: no path.Dir needed).
		for d := j.path; ; {
			i := strings.LastIndexByte(d, '/')
			if i < 0 {
				break
			}
			d = d[:i]
			if k, ok := r.index[d]; ok {
				clash(r.jobs[k], j, d, list)
			}
		}
	}
}

// clash reports that a and b cannot both be written: at the same path, or,
// when folder is set, with a a file at folder and b inside it. The message
// goes to whichever comes from a file the user can change.
func clash(a, b job, folder string, list *diag.List) {
	switch {
	case a.origin.Path == "" && b.origin.Path == "":
		if folder == "" {
			return // the site model reports two pages at one URL
		}
		list.Errorf(diag.Pos{Path: b.path}, "%s is written as a file, but %s needs it to be a folder: give one of them another URL", folder, b.what())
	case folder != "" && a.origin.Path != "":
		list.Errorf(a.origin, "%s would be written to %s, which %s needs as a folder: %s", a.subject(), a.path, b.what(), a.fix())
	case folder != "":
		list.Errorf(b.origin, "%s would be written to %s, inside %s, which is %s: %s", b.subject(), b.path, folder, a.what(), b.fix())
	case a.origin.Path != "":
		list.Errorf(a.origin, "%s would be written to %s, where %s goes: %s", a.subject(), a.path, b.what(), a.fix())
	default:
		list.Errorf(b.origin, "%s would be written to %s, where %s goes: %s", b.subject(), b.path, a.what(), b.fix())
	}
}

// subject names the job that comes from a file, at that file's position.
func (j job) subject() string {
	if j.alias != "" {
		return j.what()
	}
	if j.resource {
		return "this file of a page's folder"
	}
	if j.resized {
		return "a resized copy of this image"
	}
	if j.card {
		return "the social card of this article"
	}
	return "this static file"
}

// what names the job in a message.
func (j job) what() string {
	switch {
	case j.alias != "":
		return "the redirect for alias " + j.alias
	case j.resource:
		return "the page's file " + j.origin.Path
	case j.resized:
		return "the resized copy " + j.path + " of " + j.origin.Path
	case j.card:
		return "the social card " + j.path + " of " + j.origin.Path
	case j.origin.Path != "":
		return "the static file " + j.origin.Path
	case j.kind == "page":
		return "the page " + j.path
	case j.kind != "":
		return "the " + j.kind + " page " + j.path
	}
	return "the generated file " + j.path
}

// fix says how to move the job out of the way.
func (j job) fix() string {
	if j.alias != "" {
		return "change or remove the alias"
	}
	return "move or rename it"
}

// Forget drops what r keeps of a, its feed entry, for an article whose
// body changed (site.Article.ReplaceBody), and the errors of the pages
// stopped at the time limit, which may run otherwise now; but not those of
// pages given up on, while one may still run (Stuck).
func (r *Renderer) Forget(a *site.Article) {
	r.entries.Delete(a)
	if !r.stuck.Load() {
		r.timedOut.Clear()
	}
}

// Paths lists every output path, sorted.
func (r *Renderer) Paths() []string {
	out := make([]string, 0, len(r.jobs))
	for _, j := range r.jobs {
		out = append(out, j.path)
	}
	slices.Sort(out)
	return out
}

// ErrNotFound is returned by File for a path the site does not produce.
var ErrNotFound = errors.New("not found")

// File renders the one output file at path.
func (r *Renderer) File(th *theme.Theme, path string) (File, error) {
	i, ok := r.index[path]
	if !ok {
		return File{}, ErrNotFound
	}
	if d, ok := r.timedOut.Load(path); ok {
		return File{}, d.(*diag.Diagnostic) // not again: it would leave another run behind
	}
	var list diag.List
	var errs pageErrors
	buf := r.bufs.Get().(*bytes.Buffer)
	f, abandoned := r.run(th, r.jobs[i], buf, nil, &errs, &list, true)
	if !abandoned {
		r.bufs.Put(buf)
	}
	errs.flush(&list)
	return f, list.Err()
}

// Render renders every output file, sorted by path.
func (r *Renderer) Render(ctx context.Context, th *theme.Theme, list *diag.List) []File {
	files := make([]File, 0, len(r.jobs))
	var mu sync.Mutex
	r.RenderEach(ctx, th, list, func(f File) {
		mu.Lock()
		files = append(files, f)
		mu.Unlock()
	})
	if ctx.Err() != nil {
		return nil
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files
}

// run produces one job's file, minified when asked. Template errors go to
// errs, other errors to list. guarded runs a page's templates under the
// time limit (see execute); abandoned then reports a page left running,
// which still writes to buf. RenderEach runs them unguarded, and watches
// the time itself. A page is rendered into buf and then copied, its URLs
// made relative, into memory of its own, or into *out when out is set
// (see StreamEach).
func (r *Renderer) run(th *theme.Theme, j job, buf *bytes.Buffer, out *[]byte, errs *pageErrors, list *diag.List, guarded bool) (f File, abandoned bool) {
	if j.gen != nil {
		f = j.gen(list)
	} else {
		f, abandoned = r.page(th, j, buf, out, errs, list, guarded)
	}
	if r.min != nil && f.Data != nil {
		// A generated file's bytes may be kept (an asset's are, for every
		// render); a page's are this render's own.
		f.Data = minifyFile(r.min, f, j.gen != nil, list)
	}
	return f, abandoned
}

func (r *Renderer) page(th *theme.Theme, j job, buf *bytes.Buffer, out *[]byte, errs *pageErrors, list *diag.List, guarded bool) (File, bool) {
	buf.Reset()
	var data any
	if j.article != nil {
		data = r.articleData(j.article)
	} else {
		data = j.data()
	}
	var (
		err       error
		abandoned bool
	)
	if guarded {
		err, abandoned = r.execute(th, buf, j, data)
	} else {
		err = th.Execute(buf, j.kind, data)
	}
	if err != nil {
		var d *diag.Diagnostic
		if errors.As(err, &d) {
			if errors.Is(err, theme.ErrOverdue) {
				r.timedOut.Store(j.path, d)
				errs.overran.Store(true)
			}
			errs.add(d, j.path)
		} else {
			list.Errorf(diag.Pos{Path: "theme"}, "rendering %s (%s): %v", j.path, j.kind, err)
		}
		return File{Path: j.path}, abandoned
	}
	prefix := relativePrefix(j.path)
	if j.kind == "404" {
		prefix = r.base
	}
	if out == nil {
		return File{Path: j.path, Data: relativeCopy(buf.Bytes(), prefix)}, false
	}
	*out = relativeInto(*out, buf.Bytes(), prefix)
	return File{Path: j.path, Data: *out}, false
}

// checkCompressed reports the files that would be written where
// Precompress puts the compressed copy of another: a static feed.xml.gz
// beside the generated feed.xml.
func (r *Renderer) checkCompressed(list *diag.List) {
	for _, j := range r.jobs {
		for _, c := range publish.Compressed(j.path) {
			if k, ok := r.index[c]; ok {
				other := r.jobs[k]
				pos := other.origin
				if pos.Path == "" {
					pos = diag.Pos{Path: r.opts.Root}
				}
				list.Errorf(pos, "%s would be written to %q, where --precompress puts the compressed copy of %s: remove or rename it, or build without --precompress", other.subject(), c, j.path)
			}
		}
	}
}

// outPath is the index.html file of a site-rooted URL.
func outPath(url string) string {
	p := filePath(url)
	if strings.HasSuffix(p, ".html") {
		return p
	}
	return p + "index.html"
}

// filePath is the output path of a site-rooted URL: "/tags/%E6%97%A5/"
// is "tags/日/", the folder a server looks in for it. A URL that would
// decode to another path than it spells is taken as it is.
func filePath(url string) string {
	p := strings.TrimPrefix(url, "/")
	if strings.IndexByte(p, '%') >= 0 {
		if u, err := neturl.PathUnescape(p); err == nil && sameShape(p, u) {
			p = u
		}
	}
	return p
}

// sameShape reports whether decoding p into u kept its segments: no "/",
// backslash, NUL or dot segment appeared.
func sameShape(p, u string) bool {
	if strings.Count(u, "/") != strings.Count(p, "/") || strings.ContainsAny(u, "\\\x00") {
		return false
	}
	for _, seg := range strings.Split(u, "/") {
		if seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// basePath returns the path of an absolute base URL, "/" when there is none.
func basePath(baseURL string) string {
	i := strings.Index(baseURL, "://")
	if i < 0 {
		return "/"
	}
	rest := baseURL[i+3:]
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		return rest[j:]
	}
	return "/"
}
