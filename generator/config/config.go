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
	// Images asks for resized copies of body and hero images (see Images).
	Images Images `yaml:"images"`
	// SocialCards asks for a drawn social card (generator/cards) for each
	// article without an image of its own, as its og:image.
	SocialCards bool `yaml:"social_cards"`
	// CardColors are the social cards' colours, "#rrggbb"; each unset
	// one is the default theme's (see CardColors).
	CardColors CardColors `yaml:"social_card_colors"`

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

// Images asks for responsive images: each JPEG or PNG image of the site
// that a page shows in its body, or as its hero, gets a copy at each of
// Widths narrower than it, offered with it in the <img>'s srcset. Without
// Widths, images are served as they are. Load checks the values and
// leaves them as written; Quality and Sizes give the defaults.
type Images struct {
	Widths      []int  `yaml:"widths"`
	JPEGQuality int    `yaml:"quality"`
	SizesAttr   string `yaml:"sizes"`
}

// Image widths, qualities and the default sizes attribute.
const (
	MinImageWidth       = 16
	MaxImageWidth       = 8192
	MaxImageWidths      = 10
	DefaultImageQuality = 82
	// DefaultImageSizes fits the default theme's article column: 40rem,
	// less a 1.25rem margin on each side on narrow screens.
	DefaultImageSizes = "(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)"
)

// CardColors are the colours of the drawn social cards, each "#rrggbb"
// or "#rgb", or "" for the default theme's.
type CardColors struct {
	Background string `yaml:"background"`
	Text       string `yaml:"text"`   // the title
	Accent     string `yaml:"accent"` // the bar down the left edge and the site's title
	Label      string `yaml:"label"`  // the category or section below the title
	Rule       string `yaml:"rule"`   // the line above the label
}

// On reports whether images get resized copies.
func (im Images) On() bool { return len(im.Widths) > 0 }

// Quality is the JPEG quality of the copies, 1–100.
func (im Images) Quality() int {
	if im.JPEGQuality == 0 {
		return DefaultImageQuality
	}
	return im.JPEGQuality
}

// Sizes is the sizes attribute that goes with a srcset.
func (im Images) Sizes() string {
	if im.SizesAttr == "" {
		return DefaultImageSizes
	}
	return im.SizesAttr
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
