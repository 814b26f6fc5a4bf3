package content

import (
	"io"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// writeCode writes the tokens of it as chroma's HTML formatter does with
// CSS classes and no other option (chromahtml.New(chromahtml.WithClasses(
// true))), byte for byte, whatever the style:
//
//	<pre class="chroma"><code><span class="line"><span class="cl">…</span></span>…</code></pre>
//
// one line span per line, each token in <span class="CLASS"> but for those
// of a type with no class, its text escaped as html.EscapeString does.
// It writes as it reads, where chroma gathers every token, splits them in
// lines and formats each with fmt. Lines end after their newline, inside
// the spans, and a last line that is a single empty token is left out, as
// chroma.SplitTokensIntoLines has them. (A lexer that panics, as a few of
// chroma's do on some texts, leaves the block half written: see highlight.)
func writeCode(w io.StringWriter, it chroma.Iterator) {
	_, _ = w.WriteString(`<pre class="chroma"><code>`)
	cw := codeWriter{w: w}
	for t := it(); t != chroma.EOF; t = it() {
		v := t.Value
		for {
			i := strings.IndexByte(v, '\n')
			if i < 0 {
				break
			}
			cw.token(t.Type, v[:i+1])
			cw.endLine()
			if v = v[i+1:]; v == "" {
				break
			}
		}
		if v != "" || t.Value == "" {
			cw.token(t.Type, v)
		}
	}
	if cw.tokens > 0 && !cw.held {
		cw.endLine()
	}
	_, _ = w.WriteString(`</code></pre>`)
}

// codeWriter writes the lines of writeCode.
type codeWriter struct {
	w      io.StringWriter
	tokens int // in the line being written
	// held is whether the line's only token so far is an empty one, of
	// type heldType, not yet written: a last line of just that is left out.
	held     bool
	heldType chroma.TokenType
}

func (c *codeWriter) token(t chroma.TokenType, v string) {
	if c.tokens == 0 && v == "" {
		c.tokens, c.held, c.heldType = 1, true, t
		return
	}
	c.release()
	if c.tokens == 0 {
		_, _ = c.w.WriteString(`<span class="line"><span class="cl">`)
	}
	c.tokens++
	cls := tokenClass(t)
	if cls == "" {
		writeEscaped(c.w, v)
		return
	}
	_, _ = c.w.WriteString(`<span class="`)
	_, _ = c.w.WriteString(cls)
	_, _ = c.w.WriteString(`">`)
	writeEscaped(c.w, v)
	_, _ = c.w.WriteString(`</span>`)
}

// release writes the held empty token, now that more follows in its line.
func (c *codeWriter) release() {
	if !c.held {
		return
	}
	c.held = false
	_, _ = c.w.WriteString(`<span class="line"><span class="cl">`)
	if cls := tokenClass(c.heldType); cls != "" {
		_, _ = c.w.WriteString(`<span class="`)
		_, _ = c.w.WriteString(cls)
		_, _ = c.w.WriteString(`"></span>`)
	}
}

func (c *codeWriter) endLine() {
	c.release()
	_, _ = c.w.WriteString(`</span></span>`)
	c.tokens = 0
}

// tokenClass is the CSS class of a token type, as chroma's formatter finds
// it: the type's own, else its sub-category's, else its category's, where
// a type listed with no class ends the search.
func tokenClass(t chroma.TokenType) string {
	for t != 0 {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
		t = t.Parent()
	}
	return chroma.StandardTypes[0]
}

// writeEscaped writes s escaped as html.EscapeString escapes it.
func writeEscaped(w io.StringWriter, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '"':
			esc = "&#34;"
		default:
			continue
		}
		_, _ = w.WriteString(s[last:i])
		_, _ = w.WriteString(esc)
		last = i + 1
	}
	_, _ = w.WriteString(s[last:])
}
