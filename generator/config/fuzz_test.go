package config

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"golang.org/x/tools/txtar"

	"github.com/byline/byline/generator/diag"
)

// fuzzFile is the display path FuzzLoad passes to Load.
const fuzzFile = "site/config.yaml"

// FuzzLoad feeds arbitrary bytes to Load as config.yaml and checks what the
// later stages rely on: no panic, every message at path:line:col, a usable
// Config whatever the errors, and the same result on every run.
func FuzzLoad(f *testing.F) {
	sample, err := os.ReadFile("../../site/config.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	archives, err := filepath.Glob("../testdata/sites/*.txtar")
	if err != nil || len(archives) == 0 {
		f.Fatalf("no txtar fixtures: %v", err)
	}
	for _, name := range archives {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if file.Name == "site/config.yaml" {
				f.Add(file.Data)
			}
		}
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkLoad(t, data)
	})
}

// fuzzSeeds are hand-written edge cases for FuzzLoad.
var fuzzSeeds = []string{
	"",
	"\ufeff",
	"\ufefftitle: BOM\n",
	"title: CRLF\r\npagination:\r\n  per_page: 3\r\n",
	"title: CR\rlanguage: de\r",
	"pagination:\n\tper_page: 3\n",
	"title: a\ntitle: b\npagination: {per_page: 1}\npagination: {per_page: 2}\n",
	"title: [a]\nunsafe_html: maybe\npagination: {per_page: x}\npage_budget_kb: {}\nmenus: [a]\nnewsletter: text\npermalinks: [x]\ntime_zone: 3\n",
	"menus: {main: [{name: A, url: /a/}, {name: B, url: /b/}], footer: [{name: C, url: /c/}]}\npermalinks: {articles: '/:year/:slug/', pages: /p/:slug/}\n",
	"base: &b {per_page: 2}\npagination: *b\nnewsletter: &n {title: x}\n",
	"pagination: {<<: {per_page: -3}}\n",
	"\"title\": quoted\n'time_zone': 'Europe/Berlin'\n? language\n: fr\n",
	"pagination:\n  per_page: 99999999999999999999999999\npage_budget_kb: -9223372036854775808\n",
	"title: \xff\xfe\nbase_url: http://\xc3\x28/\n",
	"menus:\n  main:\n    - name: [[[[[[[[[[[[[[[[{a: [{b: [{c: [d]}]}]}]]]]]]]]]]]]]]]\n",
	"a: 1\n---\nb: 2\n",
	"title: x\n...\n%YAML 1.2\n---\n",
	"time_zone: Local\nbase_url: https://user@example.com/?q#f\n",
	"- a\n- b\n",
	"!!str title\n",
	"&a title: *a\n",
	"newsletter: {title: {a: {b: {c: {d: [[[[[[x]]]]]]}}}}}\nmenus: {main: [[[{name: x}]]]}\n",
	"menus: {main: !x 0, footer: !!seq [{name: A, url: /a/}]}\npagination: {<<: &s [*s]}\n",
	"pagination: {0: x, per_page: 3}\n",
	"images: {widths: [480, 0, 480, 9000], quality: 0, sizes: \"a\\nb\"}\nimaging: {quality: 75}\n",
}

// checkLoad loads data as config.yaml twice and checks Load's promises.
func checkLoad(t *testing.T, data []byte) {
	t.Helper()
	fsys := fstest.MapFS{"config.yaml": &fstest.MapFile{Data: data}}
	var list diag.List
	cfg := Load(fsys, fuzzFile, &list)
	all := list.All()

	// Every message is at path:line:col, on a line of the file, and says
	// something.
	maxLine := lineCount(data) + 1
	for _, d := range all {
		if d.Path != fuzzFile || d.Line < 1 || d.Line > maxLine || d.Col < 1 {
			t.Errorf("diagnostic %q is not at a position in %s (%d lines)", d.Error(), fuzzFile, maxLine-1)
		}
		if strings.TrimSpace(d.Msg) == "" || strings.Contains(d.Msg, "\n") {
			t.Errorf("diagnostic %q: want a one-line message", d.Error())
		}
	}

	// The Config is usable, errors or not.
	checkUsable(t, cfg, maxLine)

	// With no error, Load has kept every value the YAML sets: it decodes
	// as the whole document does.
	if list.Err() == nil {
		checkDecoded(t, data, cfg)
	}

	// Loading again gives the same messages and the same Config.
	var again diag.List
	cfg2 := Load(fsys, fuzzFile, &again)
	if got, want := messages(again.All()), messages(all); got != want {
		t.Errorf("second Load gave different messages:\n%s\nfirst:\n%s", got, want)
	}
	if !sameConfig(cfg, cfg2) {
		t.Errorf("second Load gave a different Config:\n%+v\nfirst:\n%+v", cfg2, cfg)
	}
}

// checkUsable checks the fields later stages use without checking them.
func checkUsable(t *testing.T, cfg *Config, maxLine int) {
	t.Helper()
	if cfg == nil {
		t.Fatal("Load returned nil")
	}
	if cfg.File != fuzzFile {
		t.Errorf("File = %q, want %q", cfg.File, fuzzFile)
	}
	if cfg.Location == nil {
		t.Error("Location is nil")
	} else if cfg.TimeZone == "Local" || cfg.Location.String() != cfg.TimeZone {
		t.Errorf("TimeZone %q resolved to Location %q", cfg.TimeZone, cfg.Location)
	}
	if cfg.Language == "" {
		t.Error("Language is empty")
	}
	if cfg.Pagination.PerPage < 1 {
		t.Errorf("Pagination.PerPage = %d", cfg.Pagination.PerPage)
	}
	if cfg.PageBudgetKB < 1 {
		t.Errorf("PageBudgetKB = %d", cfg.PageBudgetKB)
	}
	if _, err := ParsePermalink("articles", cfg.Permalinks.Articles); err != nil {
		t.Errorf("Permalinks.Articles %q: %v", cfg.Permalinks.Articles, err)
	}
	if _, err := ParsePermalink("pages", cfg.Permalinks.Pages); err != nil {
		t.Errorf("Permalinks.Pages %q: %v", cfg.Permalinks.Pages, err)
	}
	if cfg.BaseURL != "" {
		if u, err := NormalizeBaseURL(cfg.BaseURL); err != nil || u != cfg.BaseURL {
			t.Errorf("BaseURL %q is not normalised: %q, %v", cfg.BaseURL, u, err)
		}
	}
	for _, w := range cfg.Images.Widths {
		if w < MinImageWidth || w > MaxImageWidth {
			t.Errorf("Images.Widths has %d", w)
		}
	}
	if len(cfg.Images.Widths) > MaxImageWidths || cfg.Images.Quality() < 1 || cfg.Images.Quality() > 100 || strings.TrimSpace(cfg.Images.Sizes()) == "" {
		t.Errorf("Images = %+v", cfg.Images)
	}
	if cfg.Pos == nil {
		t.Error("Pos is nil")
	}
	for key, p := range cfg.Pos {
		if p.Path != fuzzFile || p.Line < 1 || p.Line > maxLine || p.Col < 1 {
			t.Errorf("Pos[%q] = %v, not a position in %s", key, p, fuzzFile)
		}
	}
}

// checkDecoded compares cfg with the result of decoding data in one piece
// onto the defaults, for a file Load found no error in.
func checkDecoded(t *testing.T, data []byte, cfg *Config) {
	t.Helper()
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var doc any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return // go-yaml's own limits; Load reports no less than it
	}
	if topKeyNotText(data) {
		return // go-yaml then drops every key; Load keeps the others
	}
	want := Default()
	if doc != nil { // go-yaml zeroes the Config for an empty document
		if err := yaml.Unmarshal(data, want); err != nil {
			return
		}
	}
	got := *cfg
	// Load fills in these defaults and normalises base_url.
	if want.Language == "" {
		want.Language = "en"
	}
	if want.TimeZone == "" {
		want.TimeZone = "UTC"
	}
	if want.BaseURL != "" {
		want.BaseURL, _ = NormalizeBaseURL(want.BaseURL)
	}
	// An unset or null per_page or page_budget_kb decodes as 0 and means
	// the default; a negative one is an error.
	for _, n := range []struct {
		name      string
		got, want *int
		def       int
	}{
		{"pagination.per_page", &got.Pagination.PerPage, &want.Pagination.PerPage, 10},
		{"page_budget_kb", &got.PageBudgetKB, &want.PageBudgetKB, DefaultPageBudgetKB},
	} {
		switch {
		case *n.want < 0:
			t.Errorf("%s is %d, and Load reports no error", n.name, *n.want)
		case *n.want == 0:
			*n.want = n.def
		}
	}
	got.Location, got.Pos, got.File = nil, nil, ""
	want.Location, want.Pos, want.File = nil, nil, ""
	if !reflect.DeepEqual(&got, want) {
		t.Errorf("Load kept\n%+v\nbut the YAML says\n%+v", &got, want)
	}
}

// topKeyNotText reports whether a top-level key of data is not a string,
// such as 0 or true.
func topKeyNotText(data []byte) bool {
	f, err := parser.ParseBytes(data, 0)
	if err != nil || len(f.Docs) == 0 {
		return false
	}
	m, ok := f.Docs[0].Body.(*ast.MappingNode)
	if !ok {
		return false
	}
	for _, mv := range m.Values {
		k := ast.Node(mv.Key)
		for {
			switch n := k.(type) {
			case *ast.MappingKeyNode:
				k = n.Value
				continue
			case *ast.AnchorNode:
				k = n.Value
				continue
			case *ast.TagNode:
				k = n.Value
				continue
			}
			break
		}
		switch k.(type) {
		case *ast.StringNode, *ast.LiteralNode, *ast.AliasNode, *ast.MergeKeyNode:
		default:
			return true
		}
	}
	return false
}

// lineCount counts the lines of data as YAML does: "\r\n", "\r" and "\n"
// each end one.
func lineCount(data []byte) int {
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	return strings.Count(s, "\n") + strings.Count(s, "\r") + 1
}

func messages(all []*diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range all {
		b.WriteString(d.Error())
		b.WriteByte('\n')
	}
	return b.String()
}

// sameConfig reports whether a and b are equal, their Locations by name.
func sameConfig(a, b *Config) bool {
	if a.Location.String() != b.Location.String() {
		return false
	}
	a2, b2 := *a, *b
	a2.Location, b2.Location = nil, nil
	return reflect.DeepEqual(a2, b2)
}
