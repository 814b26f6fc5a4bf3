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
		darkCSS := styleCSS(dark)
		b.WriteString("@media (prefers-color-scheme: dark) {\n")
		for line := range strings.Lines(darkCSS) {
			b.WriteString("  " + line)
		}
		// A token the light style colours and the dark one leaves to its
		// base colour would keep the light colour: dark text on dark.
		for _, sel := range lightOnly(styleCSS(light), darkCSS) {
			b.WriteString("  " + sel + " { color: inherit }\n")
		}
		b.WriteString("}\n")
	}
	return b.String()
}

// lightOnly returns the token selectors (".chroma .nx") that set a colour
// in light but not in dark, in the order of light.
func lightOnly(light, dark string) []string {
	colored := func(css string) (sels []string, set map[string]bool) {
		set = map[string]bool{}
		for line := range strings.Lines(css) {
			_, rule, _ := strings.Cut(line, "*/ ")
			sel, decl, ok := strings.Cut(rule, " { ")
			if ok && strings.HasPrefix(sel, ".chroma .") && strings.Contains(decl, "color:") && !set[sel] {
				sels = append(sels, sel)
				set[sel] = true
			}
		}
		return sels, set
	}
	sels, _ := colored(light)
	_, inDark := colored(dark)
	var out []string
	for _, s := range sels {
		if !inDark[s] {
			out = append(out, s)
		}
	}
	return out
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
