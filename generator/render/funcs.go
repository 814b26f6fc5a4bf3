package render

import (
	"fmt"
	"html/template"
	"math"
	"net/url"
	"strings"
	"time"

	"github.com/byline/byline/generator/i18n"
)

// Funcs are the template functions of one build. They exist before the
// build's Renderer, so that its theme can be parsed while the site is still
// loading: each function calls the Renderer given to Bind, which must come
// before the templates render pages (theme.Load's trial runs, with no data,
// stop at their first action and report nothing but escaping errors). Dates
// are shown in the site's time zone, never the machine's.
type Funcs struct{ r *Renderer }

// Bind makes f's functions those of r.
func (f *Funcs) Bind(r *Renderer) { f.r = r }

// Map returns the functions, for theme.Load.
func (f *Funcs) Map() template.FuncMap {
	return template.FuncMap{
		"abs":     func(u string) string { return f.r.abs(u) },
		"asset":   func(p string) (string, error) { return f.r.assets.url(p) },
		"date":    func(t time.Time) string { return f.r.words.cat.Date(t.In(f.r.site.Config.Location)) },
		"T":       func(key string, args ...any) (string, error) { return f.r.words.cat.T(key, args...) },
		"Tforms":  func(key string, args ...any) (i18n.Forms, error) { return f.r.words.cat.Forms(key, args...) },
		"isodate": func(t time.Time) string { return t.In(f.r.site.Config.Location).Format(time.RFC3339) },
		"money":   func(amount any, currency string) (string, error) { return money(f.r.words.cat, amount, currency) },
		"plural":  plural,
		"add":     func(a, b int) int { return a + b },
		"nav":     func(d *Data) (Nav, error) { return f.r.nav(d) },
		"srcset":  func(u string) *Srcset { return f.r.srcset(u) },
	}
}

// abs makes a site-rooted URL absolute when the site has a base URL.
// Absolute http(s) URLs are returned unchanged; a URL with any other scheme
// ("javascript:") comes back empty.
func (r *Renderer) abs(u string) string {
	if strings.HasPrefix(u, "//") {
		// Protocol-relative: on another host, which the web reaches by https.
		return r.abs("https:" + u)
	}
	if strings.HasPrefix(u, "/") {
		// A site-rooted path, the common case: no scheme to check.
		if r.site.BaseURL == "" {
			return u
		}
		return r.site.BaseURL + u[1:]
	}
	if p, err := url.Parse(u); err != nil || p.Scheme != "" {
		if err == nil && (p.Scheme == "http" || p.Scheme == "https") {
			return u
		}
		return ""
	}
	if u == "" {
		return u
	}
	if r.site.BaseURL == "" {
		return u
	}
	return strings.TrimSuffix(r.site.BaseURL, "/") + "/" + strings.TrimPrefix(u, "/")
}

var currencySymbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "CAD": "CA$", "AUD": "A$", "INR": "₹", "JPY": "¥"}

// money formats a whole amount in the site's language (see
// i18n.Catalog.Money): money(128000, "USD") = "$128,000" in English.
// The amount is any number: a float64 from front matter, an int from a data file.
func money(words *i18n.Catalog, amount any, currency string) (string, error) {
	var x float64
	switch a := amount.(type) {
	case float64:
		x = a
	case int:
		x = float64(a)
	case int64:
		x = float64(a)
	default:
		return "", fmt.Errorf("money: %#v (%T) is not a number", amount, amount)
	}
	// int64(x) of a NaN, an infinity or a float beyond ±2⁶³ is undefined
	// (on amd64, -9223372036854775808 for all of them): refuse them rather
	// than print a wrong amount.
	if r := math.Round(x); math.IsNaN(r) || r >= 1<<63 || r < -(1<<63) {
		return "", fmt.Errorf("money: %v is not an amount it can show", amount)
	}
	return words.Money(int64(math.Round(x)), currencySymbols[strings.ToUpper(currency)], currency), nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
