package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // time zones must resolve on machines without tzdata
	"unicode"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/internal/lineend"
	"github.com/byline/byline/generator/internal/yamlpos"
)

// Name is the config file's name inside the site folder.
const Name = "config.yaml"

// Load reads Name from fsys (the site folder). file is the path shown in
// messages, e.g. "site/config.yaml". A missing file yields Default(). Every
// problem goes into list; Load always returns a usable Config, with defaults
// standing in for values that were wrong.
func Load(fsys fs.FS, file string, list *diag.List) *Config {
	cfg := Default()
	cfg.File = file
	data, err := fs.ReadFile(fsys, Name)
	if errors.Is(err, fs.ErrNotExist) {
		missing(fsys, file, list)
		return cfg
	}
	if err != nil {
		list.Errorf(diag.Pos{Path: file}, "%v", err)
		return cfg
	}
	data = lineend.Normalize(data)
	d := decoder{file: file, list: list, cfg: cfg, values: map[string]diag.Pos{}, badType: map[string]bool{}}
	d.decode(data)
	d.finish()
	besides(fsys, file, list)
	return cfg
}

// besides warns of a file of otherNames beside config.yaml: its settings
// are not read, and an editor who changes them sees nothing happen.
func besides(fsys fs.FS, file string, list *diag.List) {
	for _, name := range otherNames {
		if _, err := fs.Stat(fsys, name); err == nil {
			list.Warnf(diag.Pos{Path: path.Join(path.Dir(file), name)}, "not read: Byline reads a site's settings from %s alone; move what this file sets there, and delete it", Name)
		}
	}
}

// otherNames are the names other generators (and YAML's other extension)
// give a site's settings, which Byline would otherwise ignore in silence.
var otherNames = []string{"config.yml", "config.toml", "config.json", "hugo.yaml", "hugo.yml", "hugo.toml", "hugo.json"}

// missing reports a site without config.yaml: an error when its settings
// are in a file of another name, or when the folder is a project whose
// site is in its site/ folder (as byline init makes it), else a warning,
// since the site is then built with the defaults (no base_url, the title
// "Byline").
func missing(fsys fs.FS, file string, list *diag.List) {
	dir := path.Dir(file)
	for _, name := range otherNames {
		if _, err := fs.Stat(fsys, name); err == nil {
			how := "rename it to " + Name
			if path.Ext(name) != ".yaml" && path.Ext(name) != ".yml" {
				how = "write its settings in YAML, in " + Name
			}
			list.Errorf(diag.Pos{Path: path.Join(dir, name)}, "Byline reads a site's settings from %s alone, and would build without these: %s", Name, how)
			return
		}
	}
	if _, err := fs.Stat(fsys, path.Join("site", Name)); err == nil {
		list.Errorf(diag.Pos{Path: file}, "no %s here, but %s holds a site: this is its project folder; build it with --site %s", Name, path.Join(dir, "site", Name), path.Join(dir, "site"))
		return
	}
	list.Warnf(diag.Pos{Path: file}, "no %s: building with the default settings (the title \"Byline\", no base_url): create it, as byline init does", Name)
}

type decoder struct {
	file string
	list *diag.List
	cfg  *Config
	// values holds the position of each value by dotted path
	// ("pagination.per_page"), for errors found after decoding.
	values map[string]diag.Pos
	// badType holds the top-level keys whose value had the wrong type, so
	// that finish does not report them twice.
	badType map[string]bool
	// anchors maps each anchor name to its value, for following aliases.
	// As in go-yaml, a name defined twice means its last definition.
	anchors map[string]ast.Node
	// dec decodes every value, so that an alias in one value finds the
	// anchor of another.
	dec *yaml.Decoder
}

func (d *decoder) pos(n ast.Node) diag.Pos {
	line, col := yamlpos.Of(n)
	return diag.Pos{Path: d.file, Line: line, Col: col}
}

func (d *decoder) decode(data []byte) {
	if line, col, over := yamlpos.OpenBrackets(data); over {
		d.list.Errorf(diag.Pos{Path: d.file, Line: line, Col: col}, "more than %d brackets are open here: close the lists and mappings opened before", yamlpos.MaxOpenBrackets)
		return
	}
	f, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		line, col, msg, _ := yamlpos.Error(err)
		line, col = yamlpos.Relocate(data, line, col, msg)
		d.list.Errorf(diag.Pos{Path: d.file, Line: line, Col: col}, "%s", msg)
		return
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return
	}
	if len(f.Docs) > 1 {
		line, col := yamlpos.Separator(f)
		d.list.Errorf(diag.Pos{Path: d.file, Line: line, Col: col}, "config must be a single YAML document: remove this line, and move any keys after it into the first document")
	}
	m, ok := f.Docs[0].Body.(*ast.MappingNode)
	if !ok {
		d.list.Errorf(d.pos(f.Docs[0].Body), "config must be a mapping of keys to values")
		return
	}
	d.anchors = map[string]ast.Node{}
	ast.Walk(anchorVisitor(d.anchors), m)
	d.dec = yaml.NewDecoder(bytes.NewReader(nil))
	for _, mv := range m.Values {
		// Register the anchors of every value; errors show below.
		_ = yamlpos.Decode(d.dec, mv, new(any))
	}
	fields := fieldsByTag(reflect.ValueOf(d.cfg).Elem())
	first := map[string]int{}
	for _, mv := range d.entries(m) {
		key, _ := d.key(mv.Key)
		if line, dup := first[key]; dup {
			d.list.Errorf(d.pos(mv.Key), "duplicate key %q (first set on line %d)", key, line)
			continue
		}
		first[key], _ = yamlpos.Of(mv.Key)
		field, ok := fields[key]
		if !ok {
			msg := hugoAdvice(key, d.resolve(mv.Value))
			if msg == "" {
				msg = yamlpos.Unknown(key, tags(reflect.TypeFor[Config]()))
			}
			d.list.Warnf(d.pos(mv.Key), "%s", msg)
			continue
		}
		d.cfg.Pos[key] = d.pos(mv.Key)
		if !d.checkKeys(mv.Value, field.Type(), key) {
			d.badType[key] = true
			continue
		}
		if err := yamlpos.Decode(d.dec, mv.Value, field.Addr().Interface()); err != nil {
			d.typeError(mv.Value, key, err)
			d.badType[key] = true
		}
	}
}

// anchorVisitor records the anchors of a YAML tree by name.
type anchorVisitor map[string]ast.Node

func (v anchorVisitor) Visit(n ast.Node) ast.Visitor {
	if a, ok := n.(*ast.AnchorNode); ok && a.Name != nil {
		v[a.Name.GetToken().Value] = a.Value
	}
	return v
}

// resolve returns the node that n stands for: the anchored value for an
// alias, and the value itself for an anchor or tag. An alias to no anchor,
// or one in a cycle, is returned as it is.
func (d *decoder) resolve(n ast.Node) ast.Node {
	n, _ = d.resolveTagged(n)
	return n
}

// resolveTagged is resolve, and reports whether it went past a tag.
func (d *decoder) resolveTagged(n ast.Node) (_ ast.Node, tagged bool) {
	for hops := 0; ; {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n, tagged = v.Value, true
		case *ast.AliasNode:
			target, ok := d.anchors[v.Value.GetToken().Value]
			if !ok || hops > len(d.anchors) {
				return n, tagged
			}
			n, hops = target, hops+1
		default:
			return n, tagged
		}
	}
}

// key returns a mapping key as YAML reads it: "title" for title, "title",
// 'title', ? title, &a title, !!str title, and the key of its anchor for an
// alias. text is false for a key that is not a string, such as 0 or true.
func (d *decoder) key(n ast.Node) (name string, text bool) {
	switch k := d.resolve(n).(type) {
	case nil:
		return "", false
	case *ast.MappingKeyNode:
		return d.key(k.Value)
	case *ast.StringNode:
		return k.Value, true
	case *ast.LiteralNode:
		return k.Value.Value, true
	default:
		return k.String(), false
	}
}

// entries returns the key-value pairs of m followed by those that merge
// keys ("<<: *defaults") bring in, so that those are checked like the
// others. A merged key that m also sets is a duplicate, as go-yaml has it.
func (d *decoder) entries(m *ast.MappingNode) []*ast.MappingValueNode {
	var out, merged []*ast.MappingValueNode
	seen := map[ast.Node]bool{m: true} // aliases can make cycles
	var add func(n ast.Node)
	add = func(n ast.Node) {
		n = d.resolve(n)
		if seen[n] {
			return
		}
		seen[n] = true
		switch v := n.(type) {
		case *ast.SequenceNode:
			for _, e := range v.Values {
				add(e)
			}
		case *ast.MappingNode:
			for _, mv := range v.Values {
				if mv.Key.IsMergeKey() {
					add(mv.Value)
				} else {
					merged = append(merged, mv)
				}
			}
		}
	}
	for _, mv := range m.Values {
		if mv.Key.IsMergeKey() {
			add(mv.Value)
		} else {
			out = append(out, mv)
		}
	}
	return append(out, merged...)
}

func (d *decoder) typeError(n ast.Node, key string, err error) {
	line, col, msg, ok := yamlpos.Error(err)
	pos := d.pos(n)
	if ok {
		pos.Line, pos.Col = line, col
	}
	d.list.Errorf(pos, "%s: %s", key, msg)
}

// checkKeys warns about unknown keys below the top level, so a misspelt
// "per_pge" is not silently ignored. It returns false when it has reported
// an error in a value that go-yaml must not decode: go-yaml drops every key
// of a mapping with a key such as 0, panics on a tag where a list goes, and
// cuts a fraction where a whole number goes.
func (d *decoder) checkKeys(n ast.Node, t reflect.Type, path string) bool {
	d.values[path] = d.pos(n)
	n, tagged := d.resolveTagged(n)
	ok := true
	switch t.Kind() {
	case reflect.Pointer:
		ok = d.checkKeys(n, t.Elem(), path)
	case reflect.Int, reflect.Int64:
		if _, isFloat := n.(*ast.FloatNode); isFloat { // go-yaml would cut 1.5 to 1
			d.list.Errorf(d.values[path], "%s: expected a whole number", path)
			ok = false
		}
	case reflect.Slice:
		switch s := n.(type) {
		case *ast.SequenceNode:
			for i, v := range s.Values {
				ok = d.checkKeys(v, t.Elem(), fmt.Sprintf("%s[%d]", path, i)) && ok
			}
		default:
			if tagged { // go-yaml reports the others
				d.list.Errorf(d.values[path], "%s: expected %s", path, yamlpos.Describe(t))
				ok = false
			}
		}
	case reflect.Map:
		if m, isMap := n.(*ast.MappingNode); isMap {
			for _, mv := range d.entries(m) {
				key, _ := d.key(mv.Key)
				ok = d.checkKeys(mv.Value, t.Elem(), path+"."+key) && ok
			}
		}
	case reflect.Struct:
		m, isMap := n.(*ast.MappingNode)
		if !isMap {
			return true
		}
		known := tags(t)
		for _, mv := range d.entries(m) {
			key, text := d.key(mv.Key)
			f, isField := fieldType(t, key)
			switch {
			case !text:
				d.list.Errorf(d.pos(mv.Key), "%s: unknown key %s: remove it (the keys here are %s)", path, key, strings.Join(known, ", "))
				ok = false
			case !isField:
				msg := hugoAdvice(path+"."+key, d.resolve(mv.Value))
				if msg == "" {
					msg = yamlpos.Unknown(key, known)
				}
				d.list.Warnf(d.pos(mv.Key), "%s: %s", path, msg)
			default:
				ok = d.checkKeys(mv.Value, f, path+"."+key) && ok
			}
		}
	}
	return ok
}

func tags(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		if tag := yamlTag(f); tag != "" {
			out = append(out, tag)
		}
	}
	return out
}

func fieldType(t reflect.Type, key string) (reflect.Type, bool) {
	for f := range t.Fields() {
		if yamlTag(f) == key {
			return f.Type, true
		}
	}
	return nil, false
}

func fieldsByTag(v reflect.Value) map[string]reflect.Value {
	out := map[string]reflect.Value{}
	for i := range v.NumField() {
		if tag := yamlTag(v.Type().Field(i)); tag != "" {
			out[tag] = v.Field(i)
		}
	}
	return out
}

func yamlTag(f reflect.StructField) string {
	tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if tag == "-" || !f.IsExported() {
		return ""
	}
	return tag
}

// languageTag is RFC 4287's atomLanguageTag, which BCP 47 tags match.
var languageTag = regexp.MustCompile(`^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$`)

// finish fills defaults and checks values that decoding cannot.
func (d *decoder) finish() {
	c := d.cfg
	if c.Language == "" {
		c.Language = "en"
	} else if !languageTag.MatchString(c.Language) {
		// It is written as it is into <html lang>, every feed's xml:lang
		// (whose schema, RFC 4287's atomLanguageTag, refuses anything
		// else) and the JSON-LD inLanguage.
		suggest := strings.ReplaceAll(strings.TrimSpace(c.Language), "_", "-")
		suggest = strings.Join(strings.Fields(suggest), "-")
		if !languageTag.MatchString(suggest) {
			suggest = "en-US"
		}
		d.list.Errorf(d.valuePos("language"), "language %q is not a language tag: write a BCP 47 tag such as %q (letters and digits, parts joined by \"-\")", c.Language, suggest)
		c.Language = "en"
	}
	if c.TimeZone == "" {
		c.TimeZone = "UTC"
	}
	if loc, err := time.LoadLocation(c.TimeZone); err != nil || c.TimeZone == "Local" {
		d.list.Errorf(d.valuePos("time_zone"), "unknown time zone %q; use an IANA name such as \"Europe/Berlin\" or \"UTC\"", c.TimeZone)
		c.TimeZone, c.Location = "UTC", time.UTC
	} else {
		c.Location = loc
	}
	if p, set := d.values["pagination.per_page"]; set && c.Pagination.PerPage <= 0 {
		d.list.Errorf(p, "pagination.per_page must be at least 1")
	}
	if c.Pagination.PerPage <= 0 {
		c.Pagination.PerPage = 10
	}
	if p, set := d.values["page_budget_kb"]; set && c.PageBudgetKB <= 0 {
		d.list.Errorf(p, "page_budget_kb must be at least 1")
	}
	if c.PageBudgetKB <= 0 {
		c.PageBudgetKB = DefaultPageBudgetKB
	}
	d.permalink("articles", &c.Permalinks.Articles, DefaultArticlePermalink)
	d.permalink("pages", &c.Permalinks.Pages, DefaultPagePermalink)
	if c.BaseURL != "" {
		u, err := NormalizeBaseURL(c.BaseURL)
		if err != nil {
			d.list.Errorf(d.valuePos("base_url"), "base_url %q: %v", c.BaseURL, err)
		}
		c.BaseURL = u
	}
	if strings.ContainsAny(c.Theme, `/\.`) {
		d.list.Errorf(d.valuePos("theme"), "theme %q: write the name of a folder under themes/, such as default", c.Theme)
		c.Theme = ""
	}
	d.images()
	d.cardColors()
	d.link("logo", &c.Logo)
	d.link("newsletter.action_url", &c.Newsletter.ActionURL)
	for name, items := range c.Menus {
		for i := range items {
			d.link(fmt.Sprintf("menus.%s[%d].url", name, i), &items[i].URL)
		}
	}
}

// images checks the images settings (see Images), dropping what is wrong.
func (d *decoder) images() {
	im := &d.cfg.Images
	if d.badType["images"] {
		*im = Images{}
		return
	}
	valid, bad := im.Widths[:0:0], false
	for i, w := range im.Widths {
		pos := d.valuePos(fmt.Sprintf("images.widths[%d]", i))
		switch {
		case w < MinImageWidth || w > MaxImageWidth:
			d.list.Errorf(pos, "images.widths: %d is not a width Byline resizes images to: write widths in pixels from %d to %d, such as [480, 800, 1200]", w, MinImageWidth, MaxImageWidth)
			bad = true
		case slices.Contains(valid, w):
			d.list.Warnf(pos, "images.widths: %d is listed twice: remove one", w)
		default:
			valid = append(valid, w)
		}
	}
	if len(valid) > MaxImageWidths {
		d.list.Errorf(d.valuePos("images.widths"), "images.widths lists %d widths, and every JPEG or PNG image would get a copy at each: list at most %d, such as [480, 800, 1200]", len(valid), MaxImageWidths)
		valid, bad = nil, true
	}
	if bad {
		im.Widths = valid
	}
	if pos, set := d.values["images.quality"]; set && (im.JPEGQuality < 1 || im.JPEGQuality > 100) {
		d.list.Errorf(pos, "images.quality must be from 1 to 100 (the JPEG quality of the resized copies; %d when not set)", DefaultImageQuality)
		im.JPEGQuality = 0
	}
	if pos, set := d.values["images.sizes"]; set && (strings.TrimSpace(im.SizesAttr) == "" || strings.ContainsFunc(im.SizesAttr, unicode.IsControl)) {
		d.list.Errorf(pos, "images.sizes must be an HTML sizes attribute, on one line, such as %q, the default", DefaultImageSizes)
		im.SizesAttr = ""
	}
	_, quality := d.values["images.quality"]
	_, sizes := d.values["images.sizes"]
	if _, set := d.values["images.widths"]; !set && (quality || sizes) {
		d.list.Warnf(d.cfg.Pos["images"], "images: quality and sizes do nothing without widths: add widths: [480, 800, 1200] to give body and hero images resized copies")
	}
}

// link checks the URL at key (see CheckURL), and drops one that fails. The
// position of a nested one ("menus.main[1].url") is kept in Config.Pos.
func (d *decoder) link(key string, u *string) {
	if pos, ok := d.values[key]; ok && strings.ContainsAny(key, ".[") {
		d.cfg.Pos[key] = pos
	}
	if err := CheckURL(*u); err != nil {
		d.list.Errorf(d.valuePos(key), "%s: %v", key, err)
		*u = ""
	}
}

// CheckURL reports what is wrong with a URL that the site's settings or
// front matter give: it must be a site path, a path relative to the page,
// or an http, https, mailto or tel address. Another scheme ("javascript:")
// would be neutralised by the templates in HTML, but structured data and
// feeds would carry it as it is. The empty URL is fine.
func CheckURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	switch {
	case err != nil || strings.TrimSpace(s) != s || strings.ContainsFunc(s, unicode.IsControl):
		return fmt.Errorf("%q is not a valid URL: write an https:// address or a site path such as /images/x.png", s)
	case u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto" && u.Scheme != "tel":
		return fmt.Errorf("%q has the scheme %q, which is not allowed: write an https:// address or a site path such as /images/x.png", s, u.Scheme+":")
	}
	return nil
}

// permalink checks the pattern of permalinks.<kind>, and puts the default in
// place of a pattern that is missing or wrong.
func (d *decoder) permalink(kind string, pattern *string, def string) {
	key := "permalinks." + kind
	pos, set := d.values[key]
	if !set || d.badType["permalinks"] {
		*pattern = def
		return
	}
	d.cfg.Pos[key] = pos
	if _, err := ParsePermalink(kind, *pattern); err != nil {
		d.list.Errorf(pos, "%s %q: %v", key, *pattern, err)
		*pattern = def
	}
}

// valuePos is the position of a value by dotted path, or the file when unset.
func (d *decoder) valuePos(path string) diag.Pos {
	if p, ok := d.values[path]; ok {
		return p
	}
	return diag.Pos{Path: d.file}
}

// NormalizeBaseURL checks that s is an absolute http(s) URL and returns it
// ending in "/". On error it returns "".
func NormalizeBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", errors.New("not a URL")
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", errors.New("must be an absolute http or https URL, like \"https://example.com/\"")
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", errors.New("must not have a query, fragment or user name")
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u.String(), nil
}
