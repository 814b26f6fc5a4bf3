package content

import (
	"io/fs"
	"math"
	"path"
	"strings"
	"time"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/internal/lineend"
)

// Data files (data/**/*.yaml, .yml, .toml, .json) hold values for
// templates: data/salaries.yaml is .Site.Data.salaries, and
// data/pay/2026.json is (index .Site.Data.pay "2026"). A file's value is
// whatever it holds at its top: a mapping, a list or a scalar. Mappings are
// map[string]any (templates range over them in key order), lists []any;
// whole numbers are int (2.0 too), other numbers float64, and dates
// (TOML's, and YAML strings written as front matter writes dates)
// time.Time.

// dataExt tells whether name is a data file, and its format.
func dataExt(name string) (format string, ok bool) {
	switch path.Ext(name) {
	case ".yaml", ".yml":
		return "yaml", true
	case ".toml":
		return "toml", true
	case ".json":
		return "json", true
	}
	return "", false
}

// loadData decodes the data files at paths (in fsys, under data/, sorted)
// into one tree; each problem goes into list at its file position, and a
// file with an error is left out.
func loadData(fsys fs.FS, paths []string, display func(string) string, loc *time.Location, list *diag.List) map[string]any {
	root := map[string]any{}
	from := map[string]string{} // a key path → the file that sets it, or the folder
	folder := map[string]bool{} // the key paths that are folders
	for _, p := range paths {
		format, _ := dataExt(p)
		rel := strings.TrimPrefix(p, "data/")
		keys := strings.Split(strings.TrimSuffix(rel, path.Ext(rel)), "/")
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			list.Errorf(diag.Pos{Path: display(p)}, "%v", err)
			continue
		}
		v, ok := decodeData(format, lineend.Normalize(src), display(p), loc, list)
		if !ok {
			continue
		}
		at := root
		for i, k := range keys {
			key := strings.Join(keys[:i+1], "/")
			other, taken := from[key]
			if i == len(keys)-1 {
				if taken {
					list.Errorf(diag.Pos{Path: display(p), Line: 1, Col: 1}, "this file is the data key %q, which %s already is: rename one of them", key, display(other))
				} else {
					at[k], from[key] = v, p
				}
				break
			}
			if taken && !folder[key] {
				list.Errorf(diag.Pos{Path: display(p), Line: 1, Col: 1}, "its folder %s is the data key %q, which %s already is: rename one of them", display(path.Join("data", key)), key, display(other))
				break
			}
			if !taken {
				at[k] = map[string]any{}
				from[key], folder[key] = path.Join("data", key), true
			}
			at = at[k].(map[string]any)
		}
	}
	return root
}

// decodeData decodes one data file, reporting its errors. In YAML, a
// string written as front matter writes dates is a date, in loc unless it
// has an offset; TOML has dates of its own, and JSON none.
func decodeData(format string, src []byte, file string, loc *time.Location, list *diag.List) (any, bool) {
	var (
		v    *value
		errs []*posError
	)
	switch format {
	case "yaml":
		v, errs = yamlTree(src, 1)
	case "toml":
		v, errs = tomlTree(src, 1)
	case "json":
		v, errs = jsonTree(src, 0, len(src))
	}
	for _, e := range errs {
		list.Errorf(diag.Pos{Path: file, Line: e.line, Col: e.col}, "%s", strings.ReplaceAll(e.msg, "front matter", "data file"))
	}
	if len(errs) > 0 {
		return nil, false
	}
	return v.plain(loc, format == "yaml"), true
}

// plain turns a decoded value into the Go values templates get: a TOML
// local date or date-time is a time.Time in loc, the site's zone, as in
// front matter, and with strDates (YAML) so is a string that is a date.
func (v *value) plain(loc *time.Location, strDates bool) any {
	if v == nil {
		return nil
	}
	switch v.kind {
	case mapValue:
		m := make(map[string]any, len(v.entries))
		for _, e := range v.entries {
			m[e.key] = e.val.plain(loc, strDates)
		}
		return m
	case listValue:
		l := make([]any, len(v.list))
		for i, x := range v.list {
			l[i] = x.plain(loc, strDates)
		}
		return l
	}
	// The decoders give some whole numbers as float64 (YAML's positive
	// ones, all of JSON's); a template wants an int to count or compare.
	switch s := v.scalar.(type) {
	case int64:
		if s >= math.MinInt && s <= math.MaxInt {
			return int(s)
		}
	case float64:
		if s == math.Trunc(s) && math.Abs(s) <= 1<<53 {
			return int(s)
		}
	case string:
		if strDates && len(s) >= 10 && s[0] >= '0' && s[0] <= '9' && s == strings.TrimSpace(s) {
			if t, err := ParseDate(s, loc); err == nil {
				return t
			}
		}
	case time.Time:
		// A TOML local value has no zone; a time of day alone, or one
		// the site's clocks skip, stays as TOML gave it.
		if tomlLocal(s) {
			if t, err := dateValue(v, loc); err == nil {
				return t
			}
		}
	}
	return v.scalar
}
