package config

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/byline/byline/generator/diag"
)

func load(t *testing.T, src string) (*Config, []string) {
	t.Helper()
	fsys := fstest.MapFS{}
	if src != "" {
		fsys["config.yaml"] = &fstest.MapFile{Data: []byte(src)}
	}
	var list diag.List
	cfg := Load(fsys, "site/config.yaml", &list)
	var msgs []string
	for _, d := range list.All() {
		msgs = append(msgs, d.Error())
	}
	return cfg, msgs
}

// TestMissingFileIsDefault: a site without config.yaml builds with the
// defaults, and is warned that it does.
func TestMissingFileIsDefault(t *testing.T) {
	cfg, msgs := load(t, "")
	want := `site/config.yaml: warning: no config.yaml: building with the default settings (the title "Byline", no base_url): create it, as byline init does`
	if strings.Join(msgs, "\n") != want || cfg.Language != "en" || cfg.TimeZone != "UTC" || cfg.Pagination.PerPage != 10 || cfg.Location == nil {
		t.Fatalf("got %+v, %v", cfg, msgs)
	}
}

// TestSettingsUnderAnotherName: config.yml, or Hugo's config.toml, was
// ignored in silence, and the site built with the defaults.
func TestSettingsUnderAnotherName(t *testing.T) {
	for name, want := range map[string]string{
		"config.yml":  `site/config.yml: Byline reads a site's settings from config.yaml alone, and would build without these: rename it to config.yaml`,
		"hugo.toml":   `site/hugo.toml: Byline reads a site's settings from config.yaml alone, and would build without these: write its settings in YAML, in config.yaml`,
		"config.toml": `site/config.toml: Byline reads a site's settings from config.yaml alone, and would build without these: write its settings in YAML, in config.yaml`,
	} {
		var list diag.List
		Load(fstest.MapFS{name: &fstest.MapFile{Data: []byte("title: T\n")}}, "site/config.yaml", &list)
		if err := list.Err(); err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %s", name, err, want)
		}
	}
}

// TestSettingsBesideConfig: a config.yml or hugo.toml beside config.yaml
// was ignored in silence, though its settings may be the ones edited.
func TestSettingsBesideConfig(t *testing.T) {
	var list diag.List
	Load(fstest.MapFS{
		"config.yaml": &fstest.MapFile{Data: []byte("title: T\n")},
		"config.yml":  &fstest.MapFile{Data: []byte("title: U\n")},
		"hugo.toml":   &fstest.MapFile{Data: []byte("title = 'V'\n")},
	}, "site/config.yaml", &list)
	want := []string{
		"site/config.yml: warning: not read: Byline reads a site's settings from config.yaml alone; move what this file sets there, and delete it",
		"site/hugo.toml: warning: not read: Byline reads a site's settings from config.yaml alone; move what this file sets there, and delete it",
	}
	var got []string
	for _, d := range list.All() {
		got = append(got, d.Error())
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestProjectFolderAsSite: --site given the project folder that byline
// init makes built an empty site with the defaults, and said nothing of
// the site in its site/ folder.
func TestProjectFolderAsSite(t *testing.T) {
	var list diag.List
	Load(fstest.MapFS{"site/config.yaml": &fstest.MapFile{Data: []byte("title: T\n")}}, "proj/config.yaml", &list)
	want := `proj/config.yaml: no config.yaml here, but proj/site/config.yaml holds a site: this is its project folder; build it with --site proj/site`
	if err := list.Err(); err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestLoad(t *testing.T) {
	cfg, msgs := load(t, "\ufefftitle: Career Stack\r\nbase_url: https://example.com/blog\r\ntime_zone: America/New_York\r\n"+
		"pagination:\r\n  per_page: 6\r\nmenus:\r\n  main:\r\n    - {name: About, url: /about/}\r\n")
	if len(msgs) != 0 {
		t.Fatal(msgs)
	}
	if cfg.BaseURL != "https://example.com/blog/" {
		t.Errorf("BaseURL = %q", cfg.BaseURL)
	}
	if cfg.Location.String() != "America/New_York" || cfg.Pagination.PerPage != 6 || cfg.Language != "en" {
		t.Errorf("got %+v", cfg)
	}
	if got := cfg.Menus["main"]; len(got) != 1 || got[0].URL != "/about/" {
		t.Errorf("menus = %+v", cfg.Menus)
	}
	if p := cfg.Pos["time_zone"]; p.String() != "site/config.yaml:3:1" {
		t.Errorf("Pos[time_zone] = %v", p)
	}
}

func TestErrors(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"title: a\ntitle: b\n", `site/config.yaml:2:1: duplicate key "title" (first set on line 1)`},
		{"titel: a\n", `site/config.yaml:1:1: warning: unknown key "titel"; did you mean "title"?`},
		{"pagination:\n  per_pge: 3\n", `site/config.yaml:2:3: warning: pagination: unknown key "per_pge"; did you mean "per_page"?`},
		{"pagination:\n  per_page: many\n", `site/config.yaml:2:13: pagination: expected a whole number`},
		// Lines end at CRLF and at a lone CR alike, comments included.
		{"# a\r\n# b\r\npagination:\r\n  per_page: many\r\n", `site/config.yaml:4:13: pagination: expected a whole number`},
		{"# a\r# b\rpagination:\r  per_page: many\r", `site/config.yaml:4:13: pagination: expected a whole number`},
		{"pagination:\n  per_page: 1.5\n", `site/config.yaml:2:13: pagination.per_page: expected a whole number`},
		{"pagination: {per_page: 2.0}\n", `site/config.yaml:1:24: pagination.per_page: expected a whole number`},
		{"pagination:\n  per_page: 0\n", `site/config.yaml:2:13: pagination.per_page must be at least 1`},
		{"unsafe_html: [x]\n", `site/config.yaml:1:14: unsafe_html: expected true or false`},
		{"social_cards: {colour: red}\n", `site/config.yaml:1:15: social_cards: expected true or false`},
		{"time_zone: Mars/Olympus\n", `site/config.yaml:1:12: unknown time zone "Mars/Olympus"; use an IANA name such as "Europe/Berlin" or "UTC"`},
		{"title: T\ntheme: ../x\n", `site/config.yaml:2:8: theme "../x": write the name of a folder under themes/, such as default`},
		{"base_url: example.com\n", `site/config.yaml:1:11: base_url "example.com": must be an absolute http or https URL, like "https://example.com/"`},
		{"menus:\n  main: [{name: A, url: /a/}\ntitle: T\n", `site/config.yaml:2:9: ',' or ']' must be specified: a list opened with [ is not closed: end it with ]`},
		{"title: [a\n", `site/config.yaml:1:8: sequence end token ']' not found: a list opened with [ is not closed: end it with ]`},
		// Written into <html lang> and every feed's xml:lang, which refuses it.
		{"language: en_US\n", `site/config.yaml:1:11: language "en_US" is not a language tag: write a BCP 47 tag such as "en-US" (letters and digits, parts joined by "-")`},
		{"language: pt br\n", `site/config.yaml:1:11: language "pt br" is not a language tag: write a BCP 47 tag such as "pt-br" (letters and digits, parts joined by "-")`},
		{"- a\n", `site/config.yaml:1:1: config must be a mapping of keys to values`},
		// go-yaml takes seconds on thousands of unclosed "[": refused first.
		{"title: " + strings.Repeat("[", 3000) + "\n", `site/config.yaml:1:264: more than 256 brackets are open here: close the lists and mappings opened before`},
		// Found by FuzzLoad: a second document with no body panicked.
		{"0\n---", "site/config.yaml:1:1: config must be a mapping of keys to values\n" +
			`site/config.yaml:2:1: config must be a single YAML document: remove this line, and move any keys after it into the first document`},
		{"title: x\n---\n", `site/config.yaml:2:1: config must be a single YAML document: remove this line, and move any keys after it into the first document`},
		{"title: x\n...\nlogo: y\n", `site/config.yaml:2:1: config must be a single YAML document: remove this line, and move any keys after it into the first document`},
		// A merged value is checked like any other; -3 was silently replaced.
		{"pagination: {<<: {per_page: -3}}\n", `site/config.yaml:1:29: pagination.per_page must be at least 1`},
		// go-yaml drops every key of a mapping that has a key such as 0, so
		// per_page was silently lost.
		{"pagination: {0: x, per_page: 3}\n", `site/config.yaml:1:14: pagination: unknown key 0: remove it (the keys here are per_page)`},
		{"menus:\n  main:\n    - {name: A, url: /a/, true: x}\n", `site/config.yaml:3:27: menus.main[0]: unknown key true: remove it (the keys here are name, url)`},
		// go-yaml panics on a tagged value where a list goes.
		{"menus:\n 0:\n    ! 0000\n00:", "site/config.yaml:3:5: menus.0: expected a list\n" +
			`site/config.yaml:4:1: warning: unknown key "00"`},
		{"menus: {main: !!str x}\n", `site/config.yaml:1:15: menus.main: expected a list`},
		{"menus: {0:! &0[]}", `site/config.yaml:1:8: menus: cannot read this value: write it without YAML tags (!) or anchors (&)`},
		// Merges that refer to themselves end.
		{"pagination: {<<: &s [*s]}\n", `site/config.yaml:1:21: pagination: sequence was used where mapping is expected`},
		{"pagination: &p {<<: *p}\n", `site/config.yaml:1:13: pagination: cannot find anchor by alias name p`},
	} {
		_, msgs := load(t, tt.src)
		if strings.Join(msgs, "\n") != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.src, msgs, tt.want)
		}
	}
}

// TestKeysAndAliases covers the ways YAML has of writing a key or of reusing
// a value, which Load must read as go-yaml reads them. FuzzLoad found that
// quoted and anchored keys were unknown, that an alias to another key's
// anchor was an error, and that merge keys were unknown.
func TestKeysAndAliases(t *testing.T) {
	for _, tt := range []struct {
		src, msgs string
		title     string
		perPage   int
	}{
		{"\"title\": T\n", "", "T", 10},
		{"'title': T\n", "", "T", 10},
		{"? title\n: T\n", "", "T", 10},
		{"!!str title: T\n", "", "T", 10},
		{"&a title: *a\n", "", "title", 10},
		{"pagination: {'per_page': 4}\n", "", "Byline", 4},
		{"base: &b {per_page: 2}\npagination: *b\n", `site/config.yaml:1:1: warning: unknown key "base"`, "Byline", 2},
		{"x: &x {per_page: 3}\npagination: {<<: *x}\n", `site/config.yaml:1:1: warning: unknown key "x"`, "Byline", 3},
		{"x: &x {per_pge: 3}\npagination: {<<: *x}\n", "site/config.yaml:1:1: warning: unknown key \"x\"\n" +
			`site/config.yaml:1:8: warning: pagination: unknown key "per_pge"; did you mean "per_page"?`, "Byline", 10},
		{"x: &x {per_page: 0}\npagination: *x\n", "site/config.yaml:1:1: warning: unknown key \"x\"\n" +
			`site/config.yaml:1:18: pagination.per_page must be at least 1`, "Byline", 10},
		{"<<: {title: T}\n", "", "T", 10},
		{"b: &b {title: T}\n<<: *b\ntitle: U\n", "site/config.yaml:1:1: warning: unknown key \"b\"\n" +
			`site/config.yaml:1:8: duplicate key "title" (first set on line 3)`, "U", 10},
	} {
		cfg, msgs := load(t, tt.src)
		if got := strings.Join(msgs, "\n"); got != tt.msgs || cfg.Title != tt.title || cfg.Pagination.PerPage != tt.perPage {
			t.Errorf("%q:\n got %q, title %q, per_page %d\nwant %q, title %q, per_page %d",
				tt.src, got, cfg.Title, cfg.Pagination.PerPage, tt.msgs, tt.title, tt.perPage)
		}
		checkLoad(t, []byte(tt.src))
	}
	cfg, msgs := load(t, "'time_zone': Europe/Berlin\n\"language\": de\n")
	if len(msgs) != 0 || cfg.Location.String() != "Europe/Berlin" || cfg.Language != "de" || cfg.Pos["time_zone"].Line != 1 {
		t.Errorf("quoted keys: %+v, %q", cfg, msgs)
	}
}

func TestBadValuesFallBackToDefaults(t *testing.T) {
	cfg, msgs := load(t, "time_zone: Nowhere\npagination: {per_page: -1}\n")
	if len(msgs) != 2 {
		t.Errorf("want 2 errors, got %q", msgs)
	}
	if cfg.Location == nil || cfg.TimeZone != "UTC" || cfg.Pagination.PerPage != 10 {
		t.Errorf("got %+v", cfg)
	}
}

func TestExampleSite(t *testing.T) {
	var list diag.List
	cfg := Load(os.DirFS("../../site"), "site/config.yaml", &list)
	if all := list.All(); len(all) != 0 {
		t.Fatal(all)
	}
	if cfg.BaseURL != "https://careers.example.com/" || cfg.Pagination.PerPage != 6 || cfg.Location.String() != "America/New_York" {
		t.Errorf("got %+v", cfg)
	}
}

func TestPermalinks(t *testing.T) {
	cfg, msgs := load(t, "title: x\n")
	if len(msgs) != 0 || cfg.Permalinks.Articles != DefaultArticlePermalink || cfg.Permalinks.Pages != DefaultPagePermalink {
		t.Fatalf("defaults: %+v %v", cfg.Permalinks, msgs)
	}
	cfg, msgs = load(t, "permalinks:\n  articles: /:year/:month/:slug/\n")
	if len(msgs) != 0 || cfg.Permalinks.Articles != "/:year/:month/:slug/" || cfg.Permalinks.Pages != DefaultPagePermalink {
		t.Fatalf("articles only: %+v %v", cfg.Permalinks, msgs)
	}
	if p := cfg.Pos["permalinks.articles"]; p.String() != "site/config.yaml:2:13" {
		t.Errorf("Pos[permalinks.articles] = %v", p)
	}
	cfg, msgs = load(t, "permalinks: {articles: '/:section/:slug/', pages: /pages/:slug/}\n")
	if len(msgs) != 0 || cfg.Permalinks.Articles != "/:section/:slug/" || cfg.Permalinks.Pages != "/pages/:slug/" {
		t.Fatalf("both: %+v %v", cfg.Permalinks, msgs)
	}
}

func TestPermalinkErrors(t *testing.T) {
	const tokens = "(the tokens are :slug, :section, :category, :year, :month, :day)"
	for _, tt := range []struct{ pattern, want string }{
		{"articles/:slug", `"articles/:slug": must start and end with "/", like "/articles/:slug/"`},
		{"/:year/:slug", `"/:year/:slug": must start and end with "/", like "/:year/:slug/"`},
		{"/:year/", `"/:year/": must contain :slug, so that each article has its own URL, like "/:year/:slug/"`},
		{"/:title/", `"/:title/": unknown token :title; use :slug ` + tokens},
		{"/:yaer/:slug/", `"/:yaer/:slug/": unknown token :yaer; did you mean :year? ` + tokens},
		{"/:/:slug/", `"/:/:slug/": a ":" must start a token; the tokens are :slug, :section, :category, :year, :month, :day`},
		{"/a b/:slug/", `"/a b/:slug/": " " is not allowed: write literal text with a-z, 0-9, "-" and "_", and tokens such as :slug`},
		{"/Guides/:slug/", `"/Guides/:slug/": use lower case, like "/guides/:slug/"`},
		{"/guides/:slug.html", `"/guides/:slug.html": must end in "/", not ".html": every page is written as index.html in its own folder, like "/guides/:slug/"`},
		{"/a/../:slug/", `"/a/../:slug/": must not contain ".."`},
		{"/a//:slug/", `"/a//:slug/": has an empty segment: write a single "/" between segments`},
		{"/s-:section/:slug/", `"/s-:section/:slug/": :section must be a whole segment, like "/:section/:slug/", because an article may have none`},
		{"/:category-x/:slug/", `"/:category-x/:slug/": :category must be a whole segment, like "/:category/:slug/", because an article may have none`},
		{"/_x/:slug/", `"/_x/:slug/": segment "_x" starts with "_", which is reserved for files such as _redirects and the preview server's /_byline/: rename it`},
	} {
		cfg, msgs := load(t, "title: x\npermalinks:\n  articles: "+tt.pattern+"\n")
		want := "site/config.yaml:3:13: permalinks.articles " + tt.want
		if strings.Join(msgs, "\n") != want {
			t.Errorf("%s:\n got %q\nwant %q", tt.pattern, msgs, want)
		}
		if cfg.Permalinks.Articles != DefaultArticlePermalink {
			t.Errorf("%s: a wrong pattern left %q, not the default", tt.pattern, cfg.Permalinks.Articles)
		}
	}
	for _, tt := range []struct{ src, want string }{
		{"permalinks:\n  pages: /:year/:slug/\n", `site/config.yaml:2:10: permalinks.pages "/:year/:slug/": pages have no :year; their only token is :slug`},
		{"permalinks:\n  pages: /pages/\n", `site/config.yaml:2:10: permalinks.pages "/pages/": must contain :slug, so that each page has its own URL, like "/pages/:slug/"`},
		{"permalinks:\n  articls: /:slug/\n", `site/config.yaml:2:3: warning: permalinks: unknown key "articls"; did you mean "articles"?`},
		// Hugo names a pattern by its section.
		{"permalinks:\n  posts: /:slug/\n", `site/config.yaml:2:3: warning: permalinks: unknown key "posts": Byline's patterns are for articles, all under articles/, and for pages: write articles: /:slug/`},
		{"permalinks:\n  articles: [a]\n", `site/config.yaml:2:13: permalinks: expected a string`},
		{"permalinks: /:slug/\n", `site/config.yaml:1:13: permalinks: string was used where mapping is expected`},
	} {
		_, msgs := load(t, tt.src)
		if strings.Join(msgs, "\n") != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.src, msgs, tt.want)
		}
	}
}
