package content

import (
	"bytes"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// HighlightCSS returns the style sheet for highlighted code: the chroma
// style named light for the page, and the one named dark inside
// "@media (prefers-color-scheme: dark)". Rules are scoped to ".chroma", the
// class of every highlighted <pre>, so a theme can embed the result as is.
// Unknown names fall back to chroma's default style. Typical: "github",
// "github-dark".
func HighlightCSS(light, dark string) string {
	var b strings.Builder
	b.WriteString("/* Code highlighting: chroma styles " + light + " and " + dark + ". */\n")
	b.WriteString(styleCSS(light))
	if dark != "" {
		b.WriteString("@media (prefers-color-scheme: dark) {\n")
		for line := range strings.Lines(styleCSS(dark)) {
			b.WriteString("  " + line)
		}
		b.WriteString("}\n")
	}
	return b.String()
}

func styleCSS(name string) string {
	var buf bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true))
	if err := f.WriteCSS(&buf, styles.Get(name)); err != nil {
		return ""
	}
	s := buf.String()
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}
