package render

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// Response headers Byline asks a host to send. They are written to
// _headers (Netlify, Cloudflare Pages) by every build; .deploy/nginx.conf
// sends the same ones, and a test keeps the two in step.
const (
	// CacheImmutable is for fingerprinted assets (css/style.1a2b3c4d.css):
	// their name changes whenever their bytes do.
	CacheImmutable = "public, max-age=31536000, immutable"
	// CacheRevalidate is for everything else, HTML first: a browser may
	// keep a copy but must check it is current before using it.
	CacheRevalidate = "public, max-age=0, must-revalidate"
)

// SecurityHeaders are sent with every response, as name/value pairs.
//
// The Content-Security-Policy allows nothing inline: the default theme has
// no inline script or style (JSON-LD is data, which script-src does not
// govern), the search page fetches search-index.json from the site itself
// (connect-src 'self'), and the newsletter form may post to any https
// service. The one exception is the alignment of Markdown table columns,
// which goldmark writes as style="text-align:…": exactly those three
// declarations are allowed by hash ('unsafe-hashes'), not style attributes
// in general. Images may come from any https host, so an article can embed
// a picture by URL.
func SecurityHeaders() [][2]string {
	return [][2]string{
		{"Content-Security-Policy", csp},
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", "strict-origin-when-cross-origin"},
		{"X-Frame-Options", "DENY"},
	}
}

var csp = strings.Join([]string{
	"default-src 'self'",
	"script-src 'self'",
	"style-src 'self'",
	"style-src-attr 'unsafe-hashes' " + styleHashes("text-align:left", "text-align:center", "text-align:right"),
	"img-src 'self' data: https:",
	"font-src 'self'",
	"connect-src 'self'",
	"form-action 'self' https:",
	"frame-ancestors 'none'",
	"base-uri 'self'",
	"object-src 'none'",
}, "; ")

// styleHashes returns the CSP source expressions that allow exactly these
// style attribute values.
func styleHashes(values ...string) string {
	out := make([]string, len(values))
	for i, v := range values {
		sum := sha256.Sum256([]byte(v))
		out[i] = "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	return strings.Join(out, " ")
}

// hostHeaders renders _headers.
//
// Hosts that read it add the headers of every rule whose pattern matches a
// request, and Cloudflare joins two values of one header with a comma, so
// no two rules may set the same header for one URL: Cache-Control is set
// only for the fingerprinted assets, listed by exact path. Everything else
// gets the hosts' default, which is CacheRevalidate on both Netlify and
// Cloudflare Pages.
func (r *Renderer) hostHeaders() File {
	var b strings.Builder
	b.WriteString("# Response headers for hosts that read _headers (Netlify, Cloudflare Pages).\n")
	b.WriteString("# Written by byline build; .deploy/nginx.conf sends the same headers.\n\n")
	b.WriteString(r.base + "*\n")
	for _, h := range SecurityHeaders() {
		b.WriteString("  " + h[0] + ": " + h[1] + "\n")
	}
	hashed := map[string]bool{}
	for src, u := range r.assets.names {
		if fingerprinted(src) {
			hashed[strings.TrimPrefix(u, "/")] = true
		}
	}
	for _, f := range r.assets.files { // in a fixed order, unlike the map
		if hashed[f.Path] {
			b.WriteString("\n" + r.base + f.Path + "\n  Cache-Control: " + CacheImmutable + "\n")
		}
	}
	return File{Path: "_headers", Data: []byte(b.String())}
}
