// Package config reads a site's config.yaml into a typed Config.
//
// Load decodes strictly: a duplicate key or a value of the wrong type is an
// error at "site/config.yaml:line:col"; an unknown key is a warning with a
// suggestion. Keys may be quoted, and anchors, aliases and merge keys
// ("<<: *defaults") work as in go-yaml; a value they bring in is checked like
// any other. Defaults are filled in (language "en", time zone UTC, 10 articles
// a page, articles at "/articles/:slug/"), the time zone is resolved into
// Location, and permalink patterns are checked (see Permalinks).
package config

import (
	"time"

	"github.com/byline/byline/generator/diag"
)

// Config is a site's configuration.
type Config struct {
	Title         string                `yaml:"title"`
	Description   string                `yaml:"description"`
	BaseURL       string                `yaml:"base_url"`
	Language      string                `yaml:"language"`
	TimeZone      string                `yaml:"time_zone"`
	Logo          string                `yaml:"logo"`
	Theme         string                `yaml:"theme"`
	DefaultAuthor string                `yaml:"default_author"`
	Pagination    Pagination            `yaml:"pagination"`
	Permalinks    Permalinks            `yaml:"permalinks"`
	Menus         map[string][]MenuItem `yaml:"menus"`
	Newsletter    Newsletter            `yaml:"newsletter"`
	Disclosure    string                `yaml:"disclosure"`
	UnsafeHTML    bool                  `yaml:"unsafe_html"`
	// PageBudgetKB caps the uncompressed size, in KB, of an article page
	// with the stylesheets, scripts and images it loads (default 50); the
	// deploy tests fail when a sample article grows past it.
	PageBudgetKB int `yaml:"page_budget_kb"`

	// Location is TimeZone resolved; never nil after Load.
	Location *time.Location `yaml:"-"`
	// Pos holds the position of each top-level key, e.g. Pos["default_author"],
	// of the permalinks values that are set, Pos["permalinks.articles"], and
	// of nested URLs, Pos["menus.main[1].url"], Pos["newsletter.action_url"].
	Pos map[string]diag.Pos `yaml:"-"`
	// File is the display path of the config file, e.g. "site/config.yaml".
	File string `yaml:"-"`
}

// Pagination configures list pages.
type Pagination struct {
	PerPage int `yaml:"per_page"`
}

// MenuItem is one link of a menu.
type MenuItem struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
}

// Newsletter is the sign-up box; it is hidden when ActionURL is empty.
type Newsletter struct {
	Title     string `yaml:"title"`
	Text      string `yaml:"text"`
	ActionURL string `yaml:"action_url"`
}

// DefaultPageBudgetKB is the page weight budget when the config sets none.
const DefaultPageBudgetKB = 50

// Default returns the configuration of a site with no config.yaml.
func Default() *Config {
	return &Config{
		Title:        "Byline",
		Language:     "en",
		TimeZone:     "UTC",
		Location:     time.UTC,
		Pagination:   Pagination{PerPage: 10},
		Permalinks:   Permalinks{Articles: DefaultArticlePermalink, Pages: DefaultPagePermalink},
		PageBudgetKB: DefaultPageBudgetKB,
		Pos:          map[string]diag.Pos{},
		File:         "site/config.yaml",
	}
}
