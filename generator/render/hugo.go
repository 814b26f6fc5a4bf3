package render

import (
	"fmt"
	"path"
	"strings"

	"github.com/byline/byline/generator/content"
)

// hugoBuiltin says what to write instead of a call of one of Hugo's own
// shortcodes that Byline does in Markdown, for a site with no template of
// that name; "" for any other name.
func hugoBuiltin(sc content.Shortcode) string {
	arg := func(i int, name string) string {
		if i < len(sc.Args) {
			return sc.Args[i]
		}
		return sc.Params[name]
	}
	switch sc.Name {
	case "ref", "relref":
		file := arg(0, "path")
		switch {
		case file == "":
			file = "file.md"
		case path.Ext(strings.TrimSuffix(file, "/")) == "" && !strings.Contains(file, "#"):
			file = strings.TrimSuffix(file, "/") + ".md"
		}
		return fmt.Sprintf("Byline has no %q shortcode: a link to a Markdown file becomes that page's URL by itself, so write the file's path as the link's destination, as in [text](%s) (relative to this file, or to the site folder when it starts with /)", sc.Name, file)
	case "figure":
		src, alt, caption := arg(0, "src"), sc.Params["alt"], sc.Params["caption"]
		if caption == "" {
			caption = sc.Params["title"]
		}
		if src == "" {
			src = "/images/x.png"
		}
		example := fmt.Sprintf("![%s](%s)", alt, src)
		if caption != "" {
			example = fmt.Sprintf("![%s](%s %q)", alt, src, caption)
		}
		return fmt.Sprintf(`Byline has no "figure" shortcode: an image alone in its paragraph is a <figure>, captioned by its title, so write %s`, example)
	case "highlight":
		return fmt.Sprintf("Byline has no \"highlight\" shortcode: write a fenced code block, a line ```%s before the code and a line ``` after it, which Byline highlights", arg(0, "lang"))
	}
	return ""
}
