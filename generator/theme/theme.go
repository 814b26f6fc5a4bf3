// Package theme loads the html/template files of a theme and executes them,
// reporting every template error as "path:line:col: message" on the real file.
//
// Templates are looked up file by file, first wins, in the order of the
// Sources given to Load: usually the site's layouts/, then themes/<name>/,
// then the built-in default (Builtin). A theme's layouts folder holds
// baseof.html (the page skeleton, defining the blocks "title" and "main"),
// partials/*.html (called as {{ template "partials/card.html" . }}),
// shortcodes/*.html (called from Markdown: see Shortcode) and one
// file per page kind: home, article, list, term, terms, author, authors,
// page, search and 404, plus an optional section.html (list.html otherwise).
//
// A kind file that only defines blocks is executed through baseof.html; a
// kind file with content of its own is executed as it is. Load parses and
// escapes every template once, collecting all errors; Execute is safe for
// concurrent use.
//
// html/template lets a called template end inside a tag, attribute,
// comment, <script> or <style>, carries on its caller from there, and blames
// what then goes wrong on the page's entry template, with no line. Load
// instead holds baseof.html, every partial and the templates they define to
// end where they began, in HTML text, and reports one that does not on its
// own file; so too the templates of a kind's file, when its page fails to
// escape. partialCached in baseof.html or a partial must name its partial
// with a quoted string and must not lead back to the template it is in (see
// checkPartialCalls).
package theme

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"
	"time"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/themes"
)

// Source is one place layouts are read from.
type Source struct {
	FS     fs.FS  // rooted at a layouts folder
	Prefix string // that folder as shown in messages, e.g. "site/layouts"
	// Static is the static folder that comes with these layouts (a theme's
	// static/), or nil. The site's own static/ is not a theme's: the caller
	// copies it and lets it win.
	Static fs.FS
	// I18n is the i18n folder of the theme's words in each language (see
	// package i18n), or nil.
	I18n fs.FS
}

// ThemeSource returns the source of a theme folder that holds layouts/ and
// optionally static/; prefix is the folder as shown in messages ("themes/x").
func ThemeSource(root fs.FS, prefix string) Source {
	s := Source{Prefix: path.Join(prefix, "layouts")}
	s.FS, _ = fs.Sub(root, "layouts") // only fails on an invalid name
	if fi, err := fs.Stat(root, "static"); err == nil && fi.IsDir() {
		s.Static, _ = fs.Sub(root, "static")
	}
	if fi, err := fs.Stat(root, "i18n"); err == nil && fi.IsDir() {
		s.I18n, _ = fs.Sub(root, "i18n")
	}
	return s
}

// Builtin returns the source of the embedded default theme.
func Builtin() Source { return ThemeSource(themes.Default(), "themes/default") }

// Theme is a parsed set of templates, one entry template per page kind.
type Theme struct {
	kinds  map[string]*template.Template // kind → its entry template
	files  map[string]string             // template name → display path
	first  string                        // Prefix of the first source
	static []Source
	// partials executes partials for partialCached; cache holds their output.
	partials *template.Template
	cache    partialCache
	// refused are the templates partialCached does not run, since they
	// could include themselves without end (see checkPartialCalls).
	refused map[string]bool
	// limit is how long one execution may run; stopped is set by Stop;
	// overdue holds the error of each partial or shortcode that ran past
	// limit, by name, which fails at once from then on: a partial that
	// repeats without end on every page would take the limit each time.
	limit   time.Duration
	stopped atomic.Bool
	overdue sync.Map
	// guards are the positions of the ranges, by the bytes of their guards
	// (see tagGuards); written at load only.
	guards map[*byte]guard
	// fast runs the templates with fastexec (see fast.go), or is nil.
	fast *fastTheme
	// escaped are the entries of the kinds html/template escaped at load
	// (see trial); written at load only. fastexec runs no other: it
	// compiles the trees as they are, and an entry not escaped yet
	// (its kind loaded after a shared file failed) is html/template's
	// source, which only html/template's Execute escapes.
	escaped map[*template.Template]bool
}

// required are the kinds every theme provides; fallback maps an optional kind
// to the one used when its file is missing.
var (
	required = [...]string{"home", "article", "list", "term", "terms", "author", "authors", "page", "search", "404"}
	fallback = map[string]string{"section": "list"}
)

// Load parses the layouts found in sources (first wins, file by file) with
// funcs, adding every error to list. It always returns a Theme; the kinds
// that failed return an error from Execute.
func Load(sources []Source, funcs template.FuncMap, list *diag.List) *Theme {
	th := &Theme{kinds: map[string]*template.Template{}, files: map[string]string{}, limit: TimeLimit, guards: map[*byte]guard{}, escaped: map[*template.Template]bool{}}
	funcs = maps.Clone(funcs)
	if funcs == nil {
		funcs = template.FuncMap{}
	}
	funcs["partialCached"] = th.partialCached
	if FastExec() {
		th.fast = newFastTheme(funcs)
	}
	l := &loader{funcs: funcs, list: list, th: th, texts: map[string]string{}, seen: map[string]bool{}}
	for _, s := range sources {
		if s.FS == nil {
			continue
		}
		l.sources = append(l.sources, s)
		l.union = append(l.union, s.FS)
		if s.Static != nil {
			l.th.static = append(l.th.static, Source{FS: s.Static, Prefix: path.Join(path.Dir(s.Prefix), "static")})
		}
	}
	if len(l.sources) > 0 {
		l.th.first = l.sources[0].Prefix
	}
	base := l.parseBase()
	guardRanges(base, "")
	th.refused = l.checkPartialCalls(base)
	th.partials = template.Must(base.Clone())
	th.tagGuards(th.partials)
	if !l.broken && l.probe(template.Must(base.Clone())) {
		l.broken = true
	}
	for _, kind := range required {
		l.parseKind(base, kind, true)
	}
	for kind := range fallback {
		l.parseKind(base, kind, false)
	}
	return l.th
}

type loader struct {
	funcs   template.FuncMap
	list    *diag.List
	th      *Theme
	sources []Source
	union   unionFS
	// broken is set when a shared file failed: kinds then skip their
	// trial run, which would only repeat the error.
	broken bool
	// unparsed are the shared files (partials, shortcodes) that failed to
	// parse and were reported: a call of one is not a missing partial.
	unparsed map[string]bool
	hasBase  bool
	texts    map[string]string // file name → its text
	seen     map[string]bool   // diagnostics added, as printed
	// stubFuncs stand in for funcs in trial runs (see stubs).
	stubFuncs template.FuncMap
}

// add adds d to the list unless the same diagnostic is there already: the
// kinds share their templates, and so may hit the same error.
func (l *loader) add(d *diag.Diagnostic) {
	if msg := d.Error(); !l.seen[msg] {
		l.seen[msg] = true
		l.list.Add(d)
	}
}

// read returns the text of name from the first source that has it, and
// records where it came from.
func (l *loader) read(name string) (string, bool) {
	i, err := l.union.layerOf(name)
	l.warnSkippedLinks(name, i)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.list.Errorf(diag.Pos{Path: l.th.first + "/" + name}, "%v", err)
		}
		return "", false
	}
	b, err := fs.ReadFile(l.union[i], name)
	display := l.sources[i].Prefix + "/" + name
	l.th.files[name] = display
	if err != nil {
		l.list.Errorf(diag.Pos{Path: display}, "%v", err)
		return "", false
	}
	l.texts[name] = string(b)
	return string(b), true
}

// warnSkippedLinks warns of each layer above used (every layer when used
// is -1: none has name) where name is a symbolic link that layerOf passed
// over.
func (l *loader) warnSkippedLinks(name string, used int) {
	for j := range l.union {
		if j == used {
			return
		}
		if !skippedLink(l.union[j], name) {
			continue
		}
		msg := "symbolic link skipped: it must point at a file inside the site"
		if used >= 0 {
			msg += "; " + l.sources[used].Prefix + "/" + name + " is used instead"
		}
		l.add(&diag.Diagnostic{Pos: diag.Pos{Path: l.sources[j].Prefix + "/" + name}, Severity: diag.Warning, Msg: msg})
	}
}

// parseBase parses baseof.html and every partial into one set that each
// kind clones.
func (l *loader) parseBase() *template.Template {
	base := template.New("").Funcs(l.funcs)
	names := []string{}
	if _, err := l.union.Stat("baseof.html"); err == nil {
		names = append(names, "baseof.html")
		l.hasBase = true
	}
	for _, dir := range []string{"partials", "shortcodes"} {
		_ = fs.WalkDir(l.union, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
				names = append(names, p)
			}
			return nil
		})
	}
	definedIn := map[string]string{} // template name → the shared file that defines it
	for _, name := range names {
		text, ok := l.read(name)
		if !ok {
			l.broken = true
			continue
		}
		// Parse alone first: a failed Parse leaves an empty template behind
		// in the set, whose later "incomplete template" error is noise.
		alone, err := template.New(name).Funcs(l.funcs).Parse(text)
		if err != nil {
			l.list.Add(l.parseError(err, name, text))
			l.broken = true
			if l.unparsed == nil {
				l.unparsed = map[string]bool{}
			}
			l.unparsed[name] = true
			continue
		}
		if l.definedTwice(alone, name, definedIn) {
			l.broken = true
			continue
		}
		template.Must(base.New(name).Parse(text))
	}
	return base
}

// definedTwice reports each template that the shared file name, parsed
// alone, defines and an earlier shared file defined too: the later would
// replace the earlier in silence, for every page. definedIn records the
// file's own.
func (l *loader) definedTwice(alone *template.Template, name string, definedIn map[string]string) bool {
	twice := false
	for _, t := range alone.Templates() {
		def := t.Name()
		if def == name || t.Tree == nil {
			continue
		}
		if other, ok := definedIn[def]; ok {
			loc, _ := t.Tree.ErrorContext(t.Tree.Root)
			l.add(l.th.locate(fmt.Errorf("template: %s: {{ define %q }} is also in %s, and one would replace the other on every page: rename one of them",
				loc, def, l.th.display(other)), name))
			twice = true
			continue
		}
		definedIn[def] = name
	}
	return twice
}

// parseKind clones base, adds the kind's file and escapes the result.
func (l *loader) parseKind(base *template.Template, kind string, required bool) {
	name := kind + ".html"
	if _, err := l.union.Stat(name); err != nil {
		if required {
			l.list.Errorf(diag.Pos{Path: l.th.first}, "no template for %q pages: create %s/%s", kind, l.th.first, name)
		}
		return
	}
	text, ok := l.read(name)
	if !ok {
		return
	}
	set := template.Must(base.Clone())
	t, err := set.New(name).Parse(text)
	if err != nil {
		l.add(l.parseError(err, name, text))
		return
	}
	l.checkKindCalls(base, set, name)
	guardRanges(set, name)
	entry := t
	if t.Tree == nil || parse.IsEmptyTree(t.Tree.Root) {
		if !l.hasBase {
			l.list.Errorf(diag.Pos{Path: l.th.files[name], Line: 1, Col: 1}, "%s only defines blocks, but there is no baseof.html to put them in", name)
			return
		}
		entry = set.Lookup("baseof.html")
		if !l.broken { // a shared file that failed may be what runs the blocks
			l.checkBlocks(set, name)
		}
	}
	if !l.broken {
		// A trial escapes the templates now, so that escaping errors (a
		// missing partial, an action in an ambiguous context) are
		// reported at load for every kind; only escaping errors count.
		var escErr *template.Error
		if err := trial(set, addTrial(set, entry.Name()), entry.Name()); errors.As(err, &escErr) {
			// Find the template that fails, which may be another than
			// the entry, in a copy of the set.
			set := template.Must(base.Clone())
			template.Must(set.New(name).Parse(text))
			if !l.probe(set) {
				l.add(l.th.locate(err, name))
			}
			return
		}
	}
	l.th.tagGuards(set)
	l.th.kinds[kind] = entry
	if !l.broken { // the trial above escaped entry
		l.th.escaped[entry] = true
	}
}

// fastProgram returns the compiled entry e of kind, or nil to run e with
// html/template. (It and fastPartial test the *fastexec.Program for nil
// before it becomes an interface, which would not be nil.)
func (t *Theme) fastProgram(kind string, e *template.Template) fastProgram {
	if t.fast == nil || !t.escaped[e] {
		return nil
	}
	if p := t.fast.program(kind, e); p != nil {
		return p
	}
	return nil
}

// fastPartial returns the compiled partial name, or nil to run it with
// html/template.
func (t *Theme) fastPartial(name string) fastProgram {
	if t.fast == nil {
		return nil
	}
	if p := t.fast.partial(name); p != nil {
		return p
	}
	return nil
}

type fastProgram interface {
	Execute(io.Writer, any) error
}

// Has reports whether the theme can render kind.
func (t *Theme) Has(kind string) bool { return t.lookup(kind) != nil }

func (t *Theme) lookup(kind string) *template.Template {
	if e := t.kinds[kind]; e != nil {
		return e
	}
	return t.kinds[fallback[kind]]
}

// Execute renders the template of kind with data into w. Its error is a
// *diag.Diagnostic naming the template file, line and column when known.
func (t *Theme) Execute(w io.Writer, kind string, data any) error {
	e := t.lookup(kind)
	if e == nil {
		return &diag.Diagnostic{Pos: diag.Pos{Path: t.first}, Msg: fmt.Sprintf("no usable template for %q pages", kind)}
	}
	c := t.newCapped(w)
	var err error
	if p := t.fastProgram(kind, e); p != nil {
		err = p.Execute(c, data)
	} else {
		err = e.Execute(c, data)
	}
	if err != nil {
		if msg := t.limitMessage("the page", err, c.at, true); msg != "" {
			pos := c.at.pos
			if pos.Path == "" {
				pos = diag.Pos{Path: t.KindFile(kind)}
			}
			d := &diag.Diagnostic{Pos: pos, Msg: msg}
			if errors.Is(err, errTooLong) {
				return overdueError{d}
			}
			return d
		}
		if d := failedPartial(err); d != nil {
			return d
		}
		return t.locate(err, kind+".html")
	}
	return nil
}

// failedPartial returns the diagnostic of the partial that a partialCached
// call within err ran and that failed, if any: the fault is in that
// partial's file, at its own line, not at the call in the caller's file
// (baseof.html for every page), and one mistake in a partial is then one
// error, whichever template called it.
func failedPartial(err error) *diag.Diagnostic {
	var d *diag.Diagnostic
	if errors.As(err, &d) {
		return d
	}
	return nil
}

// KindFile is the template file that renders pages of kind, as shown in
// messages ("themes/default/layouts/list.html" for sections).
func (t *Theme) KindFile(kind string) string {
	if t.kinds[kind] == nil && fallback[kind] != "" {
		kind = fallback[kind]
	}
	return t.display(kind + ".html")
}

// Static returns the static folders of the theme(s) in lookup order: the
// first that has a file wins. The site's own static/ is not among them.
func (t *Theme) Static() []Source { return t.static }

// partialKey identifies one cached partial output.
type partialKey struct {
	name string
	data any
}

// partialCache holds the outputs of partialCached. It is a map under a
// read-write lock rather than a sync.Map, whose trie of pointers took
// ~0.8 µs a lookup in a 10k-article build, most of it waiting on memory.
type partialCache struct {
	mu  sync.RWMutex
	out map[partialKey]template.HTML
}

func (c *partialCache) load(key partialKey) (template.HTML, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	h, ok := c.out[key]
	return h, ok
}

func (c *partialCache) store(key partialKey, h template.HTML) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.out == nil {
		c.out = make(map[partialKey]template.HTML)
	}
	c.out[key] = h
}

func (c *partialCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.out)
}

// partialCached renders partial name with data once per build, and reuses
// the output wherever it is called again with the same data: the article
// cards that every list, tag, category and author page repeats. Data must be
// a pointer or another comparable value; anything else is rendered each time.
// The output must not depend on the calling page: site-rooted URLs are fine,
// since pages are made relative after rendering.
func (t *Theme) partialCached(name string, data any) (template.HTML, error) {
	if t.refused[name] {
		return "", fmt.Errorf("%q is not run: it could include itself without end (see the errors from loading the theme)", name)
	}
	if data != nil && !reflect.TypeOf(data).Comparable() {
		return t.partial(name, data)
	}
	key := partialKey{name, data}
	if h, ok := t.cache.load(key); ok {
		return h, nil
	}
	h, err := t.partial(name, data)
	if err == nil {
		t.cache.store(key, h)
	}
	return h, err
}

// HasShortcode reports whether the theme has shortcodes/name.html.
func (t *Theme) HasShortcode(name string) bool {
	return t.partials.Lookup(shortcodeFile(name)) != nil
}

// Shortcode renders shortcodes/name.html with data, for a call in a page's
// Markdown (see content.Shortcode). Its error names the template's file,
// line and column when known.
func (t *Theme) Shortcode(name string, data any) (template.HTML, error) {
	return t.partial(shortcodeFile(name), data)
}

// ShortcodeFile is the template file of shortcode name as shown in
// messages ("site/layouts/shortcodes/figure.html").
func (t *Theme) ShortcodeFile(name string) string { return t.display(shortcodeFile(name)) }

func shortcodeFile(name string) string { return "shortcodes/" + name + ".html" }

// Forget drops every output partialCached keeps, for a model that changed
// after they were rendered.
func (t *Theme) Forget() { t.cache.clear() }

func (t *Theme) partial(name string, data any) (template.HTML, error) {
	if err, ok := t.overdue.Load(name); ok {
		return "", err.(error)
	}
	var b strings.Builder
	c := t.newCapped(&b)
	var err error
	if p := t.fastPartial(name); p != nil {
		err = p.Execute(c, data)
	} else if err = t.partials.ExecuteTemplate(c, name, data); err == nil && t.fast != nil && !strings.HasPrefix(name, "shortcodes/") {
		t.fast.ran(t.partials, name)
	}
	if err != nil {
		if msg := t.limitMessage(name, err, c.at, false); msg != "" {
			if errors.Is(err, errTooLong) {
				t.overdue.Store(name, fmt.Errorf("%s is not run again in this build: it ran for more than %v once and was stopped", name, t.limit))
			}
			return "", errors.New(msg)
		}
		if d := failedPartial(err); d != nil {
			return "", d
		}
		return "", t.locate(err, name)
	}
	return template.HTML(b.String()), nil
}
