package render

import (
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Funcs returns the template functions of this build. Dates are shown in
// the site's time zone, never the machine's.
func (r *Renderer) Funcs() template.FuncMap {
	loc := r.site.Config.Location
	return template.FuncMap{
		"abs":     r.abs,
		"asset":   r.assets.url,
		"date":    func(t time.Time) string { return t.In(loc).Format("January 2, 2006") },
		"isodate": func(t time.Time) string { return t.In(loc).Format(time.RFC3339) },
		"money":   money,
		"plural":  plural,
		"add":     func(a, b int) int { return a + b },
		"nav":     r.nav,
	}
}

// abs makes a site-rooted URL absolute when the site has a base URL.
// Absolute http(s) URLs are returned unchanged; a URL with any other scheme
// ("javascript:") comes back empty.
func (r *Renderer) abs(u string) string {
	if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
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

// money formats a whole amount with thousands separators: money(128000, "USD") = "$128,000".
func money(amount float64, currency string) string {
	n := strconv.FormatInt(int64(math.Round(amount)), 10)
	var b strings.Builder
	for i, c := range n {
		if i > 0 && (len(n)-i)%3 == 0 && n[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if sym, ok := currencySymbols[strings.ToUpper(currency)]; ok {
		return sym + b.String()
	}
	if currency == "" {
		return b.String()
	}
	return b.String() + " " + currency
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
