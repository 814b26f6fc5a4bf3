package render

import (
	"bytes"
	"strings"
)

// rewritten are the attributes whose site-rooted URLs are rewritten; so
// are those of each candidate of a srcset.
var rewritten = [...]string{" href", " src", " action", " data-url"}

// relativePrefix is the path from the folder of an output file back to the
// site root: "" for index.html, "../../" for articles/x/index.html.
func relativePrefix(outPath string) string {
	return strings.Repeat("../", strings.Count(outPath, "/"))
}

// relativize rewrites site-rooted URLs in the attributes above so they start
// with prefix instead of "/". Protocol-relative URLs ("//host") are left
// alone. html/template and goldmark escape quotes in text, so `="/` only
// occurs inside tags. It runs in one pass over the page, stopping only at
// `="/` and then looking back for the attribute name. It returns html
// itself when nothing changes, and never writes to html.
func relativize(html []byte, prefix string) []byte { return rewriteRooted(html, prefix, false, nil) }

// relativeCopy is relativize into memory of its own, never html's: for a
// page rendered into a buffer that is reused.
func relativeCopy(html []byte, prefix string) []byte { return relativeInto(nil, html, prefix) }

// relativeInto is relativeCopy into dst's memory, from its start, when it
// has the room: for a page handed on only until dst is used again.
func relativeInto(dst, html []byte, prefix string) []byte {
	return rewriteRooted(html, prefix, true, dst[:0])
}

// rewriteRooted is relativize, and, with clone, relativeCopy; a copy goes
// into dst when it has the room, else into memory of its own.
func rewriteRooted(html []byte, prefix string, clone bool, dst []byte) []byte {
	if prefix == "/" {
		if clone {
			return cloneInto(dst, html)
		}
		return html
	}
	var out []byte
	pos := 0
	// rewrite writes html up to the "/" at k, which starts a site-rooted
	// URL, and that URL's new start.
	rewrite := func(k int) {
		if out == nil {
			out = dst
			if n := len(html) + len(html)/16; cap(out) < n {
				out = make([]byte, 0, n)
			}
		}
		out = append(out, html[pos:k]...)
		rest := html[k+1:]
		switch {
		case len(rest) > 0 && rest[0] == '/':
			out = append(out, '/')
		case prefix == "" && (len(rest) == 0 || rest[0] == '"' || rest[0] == '#' || rest[0] == '?'):
			out = append(out, "./"...)
		default:
			out = append(out, prefix...)
		}
		pos = k + 1
	}
	for from := 0; ; {
		i := bytes.Index(html[from:], []byte(`="/`))
		if i < 0 {
			break
		}
		i += from
		from = i + 3
		switch {
		case rewrittenAttr(html[:i]):
			rewrite(i + 2)
		case bytes.HasSuffix(html[:i], []byte(" srcset")):
			rewrite(i + 2)
			from = rewriteCandidates(html, i+3, rewrite)
		}
	}
	if out == nil {
		if clone {
			return cloneInto(dst, html)
		}
		return html
	}
	return append(out, html[pos:]...)
}

// rewriteCandidates calls rewrite at the start of each site-rooted URL
// after the first of the srcset value that starts at from: each follows a
// comma and spaces ("/a.480w.png 480w, /a.png 900w"). It returns the end
// of the value.
func rewriteCandidates(html []byte, from int, rewrite func(k int)) int {
	end := bytes.IndexByte(html[from:], '"')
	if end < 0 {
		return len(html)
	}
	end += from
	for k := from; k < end; k++ {
		if html[k] != ',' {
			continue
		}
		for k+1 < end && html[k+1] == ' ' {
			k++
		}
		if k+2 < end && html[k+1] == '/' && html[k+2] != '/' {
			rewrite(k + 1)
		}
	}
	return end
}

// cloneInto copies b into dst's memory, or new memory when dst is nil.
func cloneInto(dst, b []byte) []byte {
	if dst == nil {
		return bytes.Clone(b)
	}
	return append(dst, b...)
}

// rewrittenAttr reports whether before ends with one of the rewritten
// attribute names.
func rewrittenAttr(before []byte) bool {
	for _, name := range rewritten {
		if bytes.HasSuffix(before, []byte(name)) {
			return true
		}
	}
	return false
}
