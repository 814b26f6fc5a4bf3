package render

import (
	"bytes"
	"strings"
)

// rewritten are the attributes whose site-rooted URLs are rewritten.
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
	for from := 0; ; {
		i := bytes.Index(html[from:], []byte(`="/`))
		if i < 0 {
			break
		}
		i += from
		from = i + 3
		if !rewrittenAttr(html[:i]) {
			continue
		}
		if out == nil {
			out = dst
			if n := len(html) + len(html)/16; cap(out) < n {
				out = make([]byte, 0, n)
			}
		}
		out = append(out, html[pos:i+2]...) // up to and including the quote
		rest := html[i+3:]
		switch {
		case len(rest) > 0 && rest[0] == '/':
			out = append(out, '/')
		case prefix == "" && (len(rest) == 0 || rest[0] == '"' || rest[0] == '#' || rest[0] == '?'):
			out = append(out, "./"...)
		default:
			out = append(out, prefix...)
		}
		pos = i + 3
	}
	if out == nil {
		if clone {
			return cloneInto(dst, html)
		}
		return html
	}
	return append(out, html[pos:]...)
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
