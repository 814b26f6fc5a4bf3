package content

import (
	"context"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/diag"
)

// Options configures Load.
type Options struct {
	// Root is the display prefix of paths in messages, e.g. "site".
	Root string
	// Config is the site's configuration; nil means config.Default().
	Config *config.Config
	// Cache, when set, lets successive Loads (watch, serve) reuse the pages
	// of files that did not change.
	Cache *Cache
	// Markdown is the converter to use; nil means NewMarkdown(Config).
	// Build it once per build and share it with later stages.
	Markdown *Markdown
	// Refs keeps each page's links, images and headings (Page.Refs), which
	// only checks read; a build leaves them out to hold less in memory.
	Refs bool
}

// Content is every Markdown page of a site, plus its static files.
type Content struct {
	Articles []*Page // articles/**/*.md, sorted by Path
	Pages    []*Page // pages/*.md, sorted by Path
	Authors  []*Page // authors/*.md, sorted by Path; Slug is the author key
	// Indexes are the list pages' own texts (articles/_index.md,
	// articles/<section>/_index.md, tags/<slug>.md and the like), sorted
	// by Path: see Index.
	Indexes []*Page
	// Failed are the paths of the Markdown files left out for their
	// errors, sorted.
	Failed []string
	// Static lists the files under static/ (paths in fsys, sorted), for a
	// later stage to copy as they are.
	Static []string
	// Resources are the files of each bundle (see Page.Bundle), by the
	// path of its index.md: paths in fsys, sorted, for a later stage to
	// copy beside the page.
	Resources map[string][]string
	// Data is the tree of the data files (data/**/*.yaml and the like),
	// for templates: see loadData.
	Data map[string]any
}

// Load reads the Markdown files of the site file system fsys and parses
// them in parallel. Every problem of every file goes into list; a page with
// an error is left out of Content. When ctx is cancelled Load stops early
// and adds an error to list.
func Load(ctx context.Context, fsys fs.FS, opts Options, list *diag.List) *Content {
	cfg := opts.Config
	if cfg == nil {
		cfg = config.Default()
	}
	if cfg.Location == nil {
		c := *cfg
		c.Location = time.UTC
		cfg = &c
	}
	md := opts.Markdown
	if md == nil {
		md = newMarkdown(cfg, opts.Cache.lexerSet())
	}
	w := opts.Cache.walkSite(fsys, opts.Root, list)
	pages := make([]*Page, len(w.files))
	key := cacheKey(cfg, opts.Root, opts.Refs)
	// The files a watched cache has unchanged are taken at once; the
	// others are read and parsed in parallel.
	todo := opts.Cache.reuse(w.files, key, pages, list)
	diags := make([]*diag.List, len(todo))
	parseAll(ctx, len(todo), func(j int) {
		i := todo[j]
		f := w.files[i]
		diags[j] = new(diag.List)
		buf, err := md.bodies.readSource(fsys, f.path)
		if err != nil {
			diags[j].Errorf(diag.Pos{Path: f.display}, "%v", err)
			return
		}
		src := *buf
		pages[i] = opts.Cache.parse(src, f, key, diags[j], func() *Page {
			return parse(src, f, cfg, md, opts.Refs, diags[j])
		})
		md.bodies.putSource(buf) // a page keeps no byte of its file
	})
	if err := ctx.Err(); err != nil {
		list.Errorf(diag.Pos{Path: opts.Root}, "loading content: %v", err)
		return &Content{}
	}
	for _, d := range diags {
		list.Merge(d)
	}
	opts.Cache.keep(w.files)
	c := &Content{Static: slices.Clone(w.static), Resources: maps.Clone(w.resources)}
	c.Data = loadData(fsys, w.data, func(p string) string { return display(opts.Root, p) }, cfg.Location, list)
	for i, p := range pages {
		switch {
		case p == nil:
			c.Failed = append(c.Failed, w.files[i].path)
		case p.Kind == Article:
			c.Articles = append(c.Articles, p)
		case p.Kind == Standalone:
			c.Pages = append(c.Pages, p)
		case p.Kind == Index:
			c.Indexes = append(c.Indexes, p)
		default:
			c.Authors = append(c.Authors, p)
		}
	}
	return c
}

// parseAll runs fn(0…n-1) on GOMAXPROCS workers, stopping when ctx ends.
// The workers take the indexes in order from a counter, not from a
// goroutine through a channel, whose hand-off left a core idle for a
// moment at each file.
func parseAll(ctx context.Context, n int, fn func(i int)) {
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
}

// walker finds the files Load reads.
type walker struct {
	fsys      fs.FS
	root      string
	list      *diag.List
	files     []file              // sorted by path
	static    []string            // sorted
	data      []string            // data files, sorted
	resources map[string][]string // index.md path → its bundle's files, sorted
	bundle    string              // the bundle folder being walked, "" outside one
	links     map[string]bool     // the symbolic links to files inside the site
}

func (w *walker) display(p string) string { return display(w.root, p) }

// display is the path p of the site folder as shown in messages.
func display(root, p string) string {
	if root == "" {
		return p
	}
	return root + "/" + p
}

func (w *walker) walk() {
	err := fs.WalkDir(w.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			w.list.Errorf(diag.Pos{Path: w.display(p)}, "%v", err)
			return nil
		}
		if p == "." {
			return nil
		}
		if w.bundle != "" && !strings.HasPrefix(p, w.bundle+"/") {
			w.bundle = "" // WalkDir has left it
		}
		top, rest, _ := strings.Cut(p, "/")
		if ignored(d.Name()) && !(top == "static" && d.Name() == ".well-known") {
			return skip(d)
		}
		if d.IsDir() {
			return w.dir(p, top, rest)
		}
		if d.Type()&fs.ModeSymlink != 0 && !w.linkInside(p) {
			return nil
		}
		if t := d.Type(); t&fs.ModeType&^fs.ModeSymlink != 0 {
			w.list.Warnf(diag.Pos{Path: w.display(p)}, "skipped: not a regular file (%s), which a build cannot read", kindOf(t))
			return nil
		}
		w.add(p, top, rest)
		return nil
	})
	if err != nil {
		w.list.Errorf(diag.Pos{Path: w.root}, "%v", err)
	}
	slices.SortFunc(w.files, func(a, b file) int { return strings.Compare(a.path, b.path) })
	slices.Sort(w.static)
	slices.Sort(w.data)
	for _, files := range w.resources {
		slices.Sort(files)
	}
}

func skip(d fs.DirEntry) error {
	if d.IsDir() {
		return fs.SkipDir
	}
	return nil
}

func (w *walker) dir(p, top, rest string) error {
	if w.bundle == "" && rest != "" && (top == "articles" || top == "pages") && w.isBundle(p) {
		w.bundle = p
		return nil
	}
	switch top {
	case "static", "data":
		return nil
	case "articles":
		if rest != "" && !strings.Contains(rest, "/") && !ValidSlug(rest) {
			w.list.Errorf(diag.Pos{Path: w.display(p)},
				"section folder %q %s: rename it to %q; its articles are skipped", rest, notSlug(rest), suggestSlug(rest))
			return fs.SkipDir
		}
		return nil
	case "pages", "authors", "tags", "categories", "series":
		if rest == "" {
			return nil
		}
		if top != "pages" && !strings.Contains(rest, "/") {
			w.folderText(p, top, rest)
		}
	default:
		if advice, ok := hugoFolders[top]; ok && rest == "" {
			w.list.Warnf(diag.Pos{Path: w.display(p)}, "Byline reads no %s/ folder, Hugo's, and skips it: %s", top, advice)
		}
	}
	return fs.SkipDir // layouts/ and anything else hold no content
}

// folderText reports the _index.md or index.md of p, the folder rest of
// authors/ or of a taxonomy's folder, where Hugo keeps an author's or a
// term's text: Byline reads it from one file named by the key or slug, and
// would skip the folder in silence.
func (w *walker) folderText(p, top, rest string) {
	for _, name := range []string{IndexFile, "index.md"} {
		f := p + "/" + name
		if fi, err := fs.Stat(w.fsys, f); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		what := "the text of the page " + "/" + top + "/" + rest + "/"
		if top == "authors" {
			what = "the author " + rest + ` (its "name", "role", "bio" and body)`
		}
		w.list.Errorf(diag.Pos{Path: w.display(f), Line: 1, Col: 1},
			"Byline reads %s from the file %s, not from a folder: move this file there",
			what, w.display(top+"/"+rest+".md"))
		return
	}
}

func (w *walker) add(p, top, rest string) {
	if top == "static" {
		if rest != "" {
			w.static = append(w.static, p)
		}
		return
	}
	if top == "data" && rest != "" {
		if _, ok := dataExt(p); ok {
			w.data = append(w.data, p)
		} else {
			w.list.Warnf(diag.Pos{Path: w.display(p)}, "not a data file, so not read: data files end in .yaml, .yml, .toml or .json")
		}
		return
	}
	if w.bundle != "" {
		w.addToBundle(p, top, rest)
		return
	}
	if path.Ext(p) != ".md" || rest == "" {
		return
	}
	f := file{path: p, display: w.display(p), link: w.links[p]}
	switch top {
	case "articles":
		f.kind = Article
		if section, _, ok := strings.Cut(rest, "/"); ok {
			f.section = section
		}
		if path.Base(rest) == IndexFile && !w.index(&f, rest) {
			return
		}
	case "pages":
		f.kind = Standalone
	case "authors":
		f.kind = Author
		if rest == IndexFile {
			f.kind = Index
		}
	case "tags", "categories", "series":
		f.kind = Index
	default:
		return
	}
	w.files = append(w.files, f)
}

// IndexFile is the name of a list page's own text: see Index.
const IndexFile = "_index.md"

// index makes f, the file articles/rest named _index.md, the Index of the
// articles (rest "_index.md") or of its section ("guides/_index.md"), and
// reports whether it is one: only those lists have a page of their own.
func (w *walker) index(f *file, rest string) bool {
	if rest != IndexFile && rest != f.section+"/"+IndexFile {
		w.list.Errorf(diag.Pos{Path: f.display},
			"%s gives a list page its text, but %s is no list: only articles/ and the folders right under it (its sections) have one. Move the file to %s/%s, or rename it to make it an article",
			IndexFile, w.display(path.Dir(f.path)), w.display("articles/"+f.section), IndexFile)
		return false
	}
	f.kind = Index
	return true
}

// isBundle reports whether the folder p holds an index.md: then it is a
// bundle, one page with the files it needs beside it (Page.Bundle).
func (w *walker) isBundle(p string) bool {
	fi, err := fs.Lstat(w.fsys, p+"/index.md")
	if err != nil {
		return false
	}
	return fi.Mode().IsRegular() || fi.Mode()&fs.ModeSymlink != 0 && w.linkInside(p+"/index.md")
}

// addToBundle adds the file p, inside the bundle being walked: its
// index.md is the page, any other Markdown file an error (it would be
// neither a page nor worth copying), anything else a resource.
func (w *walker) addToBundle(p, top, rest string) {
	index := w.bundle + "/index.md"
	switch {
	case p == index:
		f := file{path: p, display: w.display(p), kind: Standalone, bundle: true, link: w.links[p]}
		if top == "articles" {
			f.kind = Article
			// A bundle right under articles/ is an article at the top.
			if section, _, _ := strings.Cut(rest, "/"); "articles/"+section != w.bundle {
				f.section = section
			}
		}
		w.files = append(w.files, f)
	case path.Ext(p) == ".md":
		w.list.Errorf(diag.Pos{Path: w.display(p)},
			"this Markdown file is inside %s/, which holds an index.md and so is that page's folder (a bundle): move the file out of the folder to make it a page of its own, or rename it if it is an attachment",
			w.display(w.bundle))
	default:
		if w.resources == nil {
			w.resources = map[string][]string{}
		}
		w.resources[index] = append(w.resources[index], p)
	}
}

// linkInside reports whether the symbolic link p points at a regular file
// inside the site. Links out of the site are never followed (design §5):
// the site's FS (see sitefs) fails to open or stat a path that leads out,
// by the link or by any folder on its way.
func (w *walker) linkInside(p string) bool {
	if hiddenTarget(w.fsys, p) {
		w.list.Warnf(diag.Pos{Path: w.display(p)}, "symbolic link skipped: it points at a hidden or editor's file, whose edits serve and build --watch would not see")
		return false
	}
	if info, err := fs.Stat(w.fsys, p); err == nil && info.Mode().IsRegular() {
		if w.links == nil {
			w.links = map[string]bool{}
		}
		w.links[p] = true
		return true
	}
	w.list.Warnf(diag.Pos{Path: w.display(p)}, "symbolic link skipped: it must point at a file inside the site")
	return false
}

// hiddenTarget reports whether the symbolic link p leads, by a relative
// target or a chain of them, to a path with a name that the watcher
// ignores (a hidden folder such as .drafts/, an editor's backup): a build
// reads it, but no edit of it would be reported, and serve and build
// --watch would show it stale.
func hiddenTarget(fsys fs.FS, p string) bool {
	for range 40 { // the kernel's own limit on a chain of links
		target, err := fs.ReadLink(fsys, p)
		if err != nil || path.IsAbs(target) {
			return false
		}
		p = path.Join(path.Dir(p), target)
		for seg := range strings.SplitSeq(p, "/") {
			if seg != ".." && seg != ".well-known" && ignored(seg) { // the watcher watches .well-known
				return true
			}
		}
		if info, err := fs.Lstat(fsys, p); err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return false
		}
	}
	return false
}

// kindOf names the kind of a file that is not regular, for messages.
func kindOf(t fs.FileMode) string {
	switch {
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case t&fs.ModeSocket != 0:
		return "a socket"
	case t&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// ignored reports hidden files and editors' temporary files.
func ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), // hidden, and Emacs lock files ".#x"
		strings.HasSuffix(name, "~"),                                     // Emacs, Vim backups
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), // Vim swap
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),                     // Emacs autosave
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"), // JetBrains
		name == "4913": // Vim's probe file
		return true
	}
	return false
}
