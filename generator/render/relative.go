package render

import (
	"bytes"
	"strings"
)

// rewritten are the attributes whose site-rooted URLs are rewritten.
var rewritten = [...]string{` href="/`, ` src="/`, ` action="/`, ` data-url="/`}

// relativePrefix is the path from the folder of an output file back to the
// site root: "" for index.html, "../../" for articles/x/index.html.
func relativePrefix(outPath string) string {
	return strings.Repeat("../", strings.Count(outPath, "/"))
}

// relativize rewrites site-rooted URLs in the attributes above so they start
// with prefix instead of "/". Protocol-relative URLs ("//host") are left
// alone. html/template and goldmark escape quotes in text, so the patterns
// only match inside tags. It runs in one pass: each pattern's next match is
// remembered and searched again only after it is consumed.
func relativize(html []byte, prefix string) []byte {
	if prefix == "/" {
		return html
	}
	var next [len(rewritten)]int
	for k, pat := range rewritten {
		next[k] = index(html, 0, pat)
	}
	out := make([]byte, 0, len(html)+len(html)/16)
	pos := 0
	for {
		k := earliest(next[:])
		if k < 0 {
			return append(out, html[pos:]...)
		}
		end := next[k] + len(rewritten[k]) // just after the leading "/"
		out = append(out, html[pos:end-1]...)
		rest := html[end:]
		switch {
		case len(rest) > 0 && rest[0] == '/':
			out = append(out, '/')
		case prefix == "" && (len(rest) == 0 || rest[0] == '"' || rest[0] == '#' || rest[0] == '?'):
			out = append(out, "./"...)
		default:
			out = append(out, prefix...)
		}
		pos = end
		next[k] = index(html, pos, rewritten[k])
	}
}

// index finds pat in html at or after from, or -1.
func index(html []byte, from int, pat string) int {
	i := bytes.Index(html[from:], []byte(pat))
	if i < 0 {
		return -1
	}
	return from + i
}

func earliest(next []int) int {
	k := -1
	for i, n := range next {
		if n >= 0 && (k < 0 || n < next[k]) {
			k = i
		}
	}
	return k
}
