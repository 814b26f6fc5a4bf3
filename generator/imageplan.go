package generator

import (
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/imaging"
	"github.com/byline/byline/generator/render"
	"github.com/byline/byline/generator/site"
)

// imagePlan gives responsive images to a site whose config.yaml asks for
// them (images: widths): each JPEG or PNG image that a page shows in its
// body, or an article as its hero, gets a copy at each configured width
// narrower than it. The plan is made while the site is assembled: it reads
// each image's header and hash, names the copies, and gives the <img> tags
// their srcset; the renderer then makes the copies when it writes them,
// in parallel with the pages, through an imaging.Cache that watch and
// serve keep across builds. Its methods are safe for concurrent use.
type imagePlan struct {
	params imaging.Params
	sizes  string // the sizes attribute, as written
	cache  *imaging.Cache
	prev   *earlier // an earlier build's output, to read copies back from
	mu     sync.Mutex
	byFile map[string]*imageSource  // by the path Page.Images gives
	heroes map[string]render.Srcset // an article's image, as a site path → its srcset and sizes
	failed map[imaging.Key]error    // copies that could not be made in this build
	list   diag.List                // problems found while planning
	// sealed is set once the renderer has the plan's copies; grew, when
	// an image planned after that has copies the renderer does not write.
	sealed, grew bool
}

// imageSource is an image with resized copies.
type imageSource struct {
	fsys    fs.FS
	name    string // in fsys
	shown   string // as messages show it, "site/static/images/pay.png"
	file    string // as Page.Images names it, "/images/pay.png" or "articles/x/chart.png"
	shownBy string // the first page that shows it, "site/articles/x.md"
	info    imaging.Info
	key     imaging.Key
	widths  []int    // of its copies, narrowest first
	names   []string // the copies' file names, by widths
	// at are where the copies are written (the first place of each, by
	// widths), once the plan is sealed.
	at []string
}

// newImagePlan returns the plan of a build whose config is cfg, or nil
// when the config asks for no copies. cache is the build's (see
// buildCache): not nil when cfg asks for copies. Copies prev holds are
// read back from it instead of made.
func newImagePlan(cfg config.Images, cache *imaging.Cache, prev *earlier) *imagePlan {
	if !cfg.On() {
		return nil
	}
	return &imagePlan{
		params: imaging.NewParams(cfg.Widths, cfg.Quality()),
		sizes:  cfg.Sizes(),
		cache:  cache,
		prev:   prev,
		byFile: map[string]*imageSource{},
		heroes: map[string]render.Srcset{},
		failed: map[imaging.Key]error{},
	}
}

// add plans the copies of the image file (as Page.Images names it), read
// as name from fsys and shown in messages as shown, for the page shown as
// by. It returns the source, nil for an image without copies, and the
// image's size as shown, zero when it is no JPEG or PNG.
func (pl *imagePlan) add(fsys fs.FS, name, shown, file, by string) (*imageSource, content.Size) {
	pl.mu.Lock()
	if pl.sealed {
		pl.grew = true // whatever comes of it, the build has not seen it
	}
	pl.mu.Unlock()
	fi, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, content.Size{}
	}
	info, err := pl.cache.Inspect(shown, fi.Size(), fi.ModTime(), func() ([]byte, error) { return fs.ReadFile(fsys, name) })
	switch {
	case errors.Is(err, imaging.ErrNotResized):
		return nil, content.Size{}
	case errors.Is(err, imaging.ErrTooLarge):
		pl.list.Warnf(diag.Pos{Path: shown}, "not resized, and served as it is, in %s: %v: make it smaller to give it resized copies", shownIn(by), err)
		return nil, content.Size{}
	case err != nil:
		pl.list.Errorf(diag.Pos{Path: shown}, "cannot resize this image, which %s shows: %v: save it again as a JPEG or PNG, or replace it", shownIn(by), err)
		return nil, content.Size{}
	}
	size := content.Size{W: info.W, H: info.H}
	widths := pl.params.WidthsFor(info.W)
	if len(widths) == 0 {
		return nil, size
	}
	if need := imaging.Scratch(info, widths); need > imaging.MaxScratch {
		pl.list.Warnf(diag.Pos{Path: shown}, "not resized, and served as it is, in %s: at %d×%d pixels, its copy %d pixels wide would take %d MB to scale, more than the %d MB Byline allows: crop it, or make it narrower than that width",
			shownIn(by), info.W, info.H, widths[len(widths)-1], need>>20, imaging.MaxScratch>>20)
		return nil, size
	}
	src := &imageSource{fsys: fsys, name: name, shown: shown, file: file, shownBy: by, info: info, widths: widths}
	src.key = pl.params.KeyOf(info, widths)
	for _, w := range widths {
		src.names = append(src.names, imaging.Name(path.Base(name), src.key, w))
	}
	pl.cache.Touch(src.key)
	pl.mu.Lock()
	pl.byFile[file] = src
	pl.mu.Unlock()
	return src, size
}

// shownIn names the page that shows an image, for messages.
func shownIn(by string) string { return cmp.Or(by, "a page") }

// srcset returns the srcset and sizes attributes of src, whose copies'
// URLs are dir followed by their names, and whose own URL is self, for
// the <img> the Markdown renderer writes.
func (pl *imagePlan) srcset(src *imageSource, dir, self string) string {
	s := pl.candidates(src, dir, self)
	return ` srcset="` + html.EscapeString(s.Srcset) + `" sizes="` + html.EscapeString(s.Sizes) + `"`
}

// candidates returns the srcset of src, whose copies' URLs are dir
// followed by their names, and whose own URL is self, with the sizes.
func (pl *imagePlan) candidates(src *imageSource, dir, self string) render.Srcset {
	var b strings.Builder
	for i, name := range src.names {
		b.WriteString(escapePath(dir + name))
		b.WriteString(" " + strconv.Itoa(src.widths[i]) + "w, ")
	}
	b.WriteString(escapePath(self))
	b.WriteString(" " + strconv.Itoa(src.info.W) + "w")
	return render.Srcset{Srcset: b.String(), Sizes: pl.sizes}
}

// escapePath percent-encodes each segment of a slash-separated path, so
// that no space or comma in a file name splits a srcset candidate.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// addHeroes plans the copies of the images of the articles and the
// standalone pages, at site paths (a bundle's image is at its page's: see
// site.Article.Meta.Image), and keeps their srcsets for the srcset
// template function.
func (pl *imagePlan) addHeroes(s *site.Site, x *imageSizes) {
	type hero struct {
		page      *content.Page
		url       string
		resources []string
	}
	var heroes []hero
	for _, a := range s.Articles {
		heroes = append(heroes, hero{a.Page, a.URL, a.Resources})
	}
	for _, p := range s.Pages {
		heroes = append(heroes, hero{p.Page, p.URL, p.Resources})
	}
	for _, h := range heroes {
		u := sitePath(h.page.Meta.Image)
		if u == "" {
			continue
		}
		file, dir := u, dirOf(u)
		if h.page.Bundle {
			for _, f := range h.resources {
				if out := "/" + site.ResourcePath(h.url, h.page.Path, f); out == u {
					file, dir = f, dirOf(out)
				}
			}
		}
		if l := x.lookup(h.page, file); l.src != nil {
			pl.mu.Lock()
			pl.heroes[u] = pl.candidates(l.src, dir, u)
			pl.mu.Unlock()
		}
	}
}

// sitePath is the clean site path of an image URL ("/images/x%20y.png?v=2"
// is "/images/x y.png"), or "" for another kind of URL.
func sitePath(u string) string {
	if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
		return ""
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if p, err := url.PathUnescape(u); err == nil {
		u = p
	}
	return path.Clean(u)
}

// heroSrcset is the srcset template function: the srcset and sizes of an
// article's image, zero for any other URL.
func (pl *imagePlan) heroSrcset(u string) render.Srcset {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	return pl.heroes[sitePath(u)]
}

// resized lists the copies to write, and seals the plan: the widest copy
// of every image first, then the next widest, so that the first job of
// each image, which makes all its copies, runs beside those of other
// images. A bundle's copies go beside its page, wherever that is.
func (pl *imagePlan) resized(s *site.Site) []render.Resized {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	pl.sealed = true
	files := slices.Sorted(maps.Keys(pl.byFile))
	var out []render.Resized
	for rank := 0; ; rank++ {
		n := len(out)
		for _, f := range files {
			src := pl.byFile[f]
			i := len(src.widths) - 1 - rank
			if i < 0 {
				continue
			}
			at := pl.outPaths(s, src, src.names[i])
			if src.at == nil {
				src.at = make([]string, len(src.widths))
			}
			if len(at) > 0 {
				src.at[i] = at[0]
			}
			for _, p := range at {
				out = append(out, render.Resized{Path: p, Source: diag.Pos{Path: src.shown}, Make: pl.maker(src, i)})
			}
		}
		if len(out) == n {
			return out
		}
	}
}

// outPaths are where the copy name of src is written: beside the static
// file, or beside the bundle's file for the bundle's page.
func (pl *imagePlan) outPaths(s *site.Site, src *imageSource, name string) []string {
	if strings.HasPrefix(src.file, "/") {
		return []string{path.Join(path.Dir(src.file[1:]), name)}
	}
	copyFile := path.Join(path.Dir(src.file), name)
	var out []string
	for _, a := range s.Articles {
		if slices.Contains(a.Resources, src.file) {
			out = append(out, site.ResourcePath(a.URL, a.Path, copyFile))
		}
	}
	for _, p := range s.Pages {
		if slices.Contains(p.Resources, src.file) {
			out = append(out, site.ResourcePath(p.URL, p.Path, copyFile))
		}
	}
	return out
}

// maker makes copy i of src. The widest copy's job reports a failure; the
// others are left empty by it.
func (pl *imagePlan) maker(src *imageSource, i int) func(*diag.List) []byte {
	return func(list *diag.List) []byte {
		copies, err := pl.copies(src)
		if err != nil {
			if i == len(src.widths)-1 {
				list.Errorf(diag.Pos{Path: src.shown}, "cannot resize this image, which %s shows: %v: save it again as a JPEG or PNG, or replace it", shownIn(src.shownBy), err)
			}
			return nil
		}
		return copies[i]
	}
}

// copies returns all the copies of src, made once.
func (pl *imagePlan) copies(src *imageSource) ([][]byte, error) {
	pl.mu.Lock()
	err := pl.failed[src.key]
	pl.mu.Unlock()
	if err != nil {
		return nil, err
	}
	copies, err := pl.cache.Copies(src.key, func() ([][]byte, error) {
		if copies := pl.reread(src); copies != nil {
			return copies, nil
		}
		data, err := fs.ReadFile(src.fsys, src.name)
		if err != nil {
			return nil, err
		}
		if sha256.Sum256(data) != src.info.Sum {
			return nil, errors.New("the file changed while the site was built: build again")
		}
		copies, err := imaging.Resize(data, src.info, src.widths, pl.params.Quality)
		for i := range copies {
			if err == nil {
				copies[i], err = imaging.Stamp(copies[i], imaging.CopyID(src.key, src.widths[i]))
			}
		}
		return copies, err
	})
	if err != nil {
		pl.mu.Lock()
		pl.failed[src.key] = err
		pl.mu.Unlock()
		return nil, err
	}
	if len(copies) != len(src.widths) {
		return nil, fmt.Errorf("%d copies for %d widths", len(copies), len(src.widths))
	}
	return copies, nil
}

// reread returns the copies of src that an earlier build wrote where
// this one writes them, or nil unless it finds them all.
func (pl *imagePlan) reread(src *imageSource) [][]byte {
	if pl.prev == nil || len(src.at) != len(src.widths) {
		return nil
	}
	copies := make([][]byte, len(src.widths))
	for i, w := range src.widths {
		if src.at[i] == "" {
			return nil
		}
		if copies[i] = pl.prev.read(src.at[i], imaging.CopyID(src.key, w)); copies[i] == nil {
			return nil
		}
	}
	pl.prev.took(len(copies))
	return copies
}

// grown reports whether an image was planned after the renderer took the
// plan: its copies are not written, and its problems not reported, so a
// patch that shows one must build again.
func (pl *imagePlan) grown() bool {
	if pl == nil {
		return false
	}
	pl.mu.Lock()
	defer pl.mu.Unlock()
	return pl.grew
}
