package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"reflect"
	"strings"
	"time"
	_ "time/tzdata" // time zones must resolve on machines without tzdata

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/byline/byline/generator/diag"
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
		return cfg
	}
	if err != nil {
		list.Errorf(diag.Pos{Path: file}, "%v", err)
		return cfg
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	d := decoder{file: file, list: list, cfg: cfg, values: map[string]diag.Pos{}, badType: map[string]bool{}}
	d.decode(data)
	d.finish()
	return cfg
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
}

func (d *decoder) pos(n ast.Node) diag.Pos {
	line, col := yamlpos.Of(n)
	return diag.Pos{Path: d.file, Line: line, Col: col}
}

func (d *decoder) decode(data []byte) {
	f, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		line, col, msg, _ := yamlpos.Error(err)
		d.list.Errorf(diag.Pos{Path: d.file, Line: line, Col: col}, "%s", msg)
		return
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return
	}
	if len(f.Docs) > 1 {
		d.list.Errorf(d.pos(f.Docs[1]), "config must be a single YAML document")
	}
	m, ok := f.Docs[0].Body.(*ast.MappingNode)
	if !ok {
		d.list.Errorf(d.pos(f.Docs[0].Body), "config must be a mapping of keys to values")
		return
	}
	fields := fieldsByTag(reflect.ValueOf(d.cfg).Elem())
	first := map[string]int{}
	for _, mv := range m.Values {
		key := mv.Key.String()
		if line, dup := first[key]; dup {
			d.list.Errorf(d.pos(mv.Key), "duplicate key %q (first set on line %d)", key, line)
			continue
		}
		first[key], _ = yamlpos.Of(mv.Key)
		field, ok := fields[key]
		if !ok {
			d.list.Warnf(d.pos(mv.Key), "%s", yamlpos.Unknown(key, tags(reflect.TypeFor[Config]())))
			continue
		}
		d.cfg.Pos[key] = d.pos(mv.Key)
		d.checkKeys(mv.Value, field.Type(), key)
		if err := yaml.NodeToValue(mv.Value, field.Addr().Interface()); err != nil {
			d.typeError(mv.Value, key, err)
			d.badType[key] = true
		}
	}
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
// "per_pge" is not silently ignored.
func (d *decoder) checkKeys(n ast.Node, t reflect.Type, path string) {
	d.values[path] = d.pos(n)
	switch t.Kind() {
	case reflect.Pointer:
		d.checkKeys(n, t.Elem(), path)
	case reflect.Slice:
		if s, ok := n.(*ast.SequenceNode); ok {
			for i, v := range s.Values {
				d.checkKeys(v, t.Elem(), fmt.Sprintf("%s[%d]", path, i))
			}
		}
	case reflect.Map:
		if m, ok := n.(*ast.MappingNode); ok {
			for _, mv := range m.Values {
				d.checkKeys(mv.Value, t.Elem(), path+"."+mv.Key.String())
			}
		}
	case reflect.Struct:
		m, ok := n.(*ast.MappingNode)
		if !ok {
			return
		}
		known := tags(t)
		for _, mv := range m.Values {
			key := mv.Key.String()
			f, ok := fieldType(t, key)
			if !ok {
				d.list.Warnf(d.pos(mv.Key), "%s: %s", path, yamlpos.Unknown(key, known))
				continue
			}
			d.checkKeys(mv.Value, f, path+"."+key)
		}
	}
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

// finish fills defaults and checks values that decoding cannot.
func (d *decoder) finish() {
	c := d.cfg
	if c.Language == "" {
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
		u, err := normaliseBaseURL(c.BaseURL)
		if err != nil {
			d.list.Errorf(d.valuePos("base_url"), "base_url %q: %v", c.BaseURL, err)
		}
		c.BaseURL = u
	}
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

// normaliseBaseURL checks that s is an absolute http(s) URL and returns it
// ending in "/". On error it returns "".
func normaliseBaseURL(s string) (string, error) {
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
