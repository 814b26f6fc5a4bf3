package check

import (
	"fmt"
	"strings"

	"github.com/byline/byline/generator/content"
)

// checkHeadings wants one h1 and no skipped levels (an h4 right after an h2
// leaves screen-reader users wondering what they missed).
func (c *checker) checkHeadings(path string, src *content.Page, pg *page) {
	h1 := 0
	for _, h := range pg.headings {
		if h.level == 1 {
			h1++
		}
	}
	switch {
	case h1 == 0:
		c.themeProblem(path, src, "the page has no h1 heading")
	case h1 > 1:
		reported := false
		if src != nil {
			for _, h := range src.Refs.Headings {
				if h.Level == 1 {
					c.list.Errorf(refPos(src, h), "a second h1 on the page: the title is the page's h1, so start sections at ##")
					reported = true
				}
			}
		}
		if o, ok := c.originOf(src, "<h1"); ok && !reported {
			o.report(&c.list, "an h1 in the HTML", "the title is the page's h1, so start sections at <h2>",
				"the title is the page's h1, so make it an <h2> in the template")
			reported = true
		}
		if !reported {
			c.themeProblem(path, src, "the page has %d h1 headings, not one", h1)
		}
	}
	prev := 0
	for _, h := range pg.headings {
		if prev > 0 && h.level > prev+1 {
			if r, ok := headingRef(src, h.id); ok {
				c.list.Errorf(refPos(src, r), "heading level skipped: h%d after h%d; use h%d (%s)", h.level, prev, prev+1, hashes(prev+1))
			} else if o, ok := c.originOf(src, fmt.Sprintf("<h%d", h.level), h.text); ok {
				// "; use" as the Markdown's message has it, "," before the shortcode.
				problem := fmt.Sprintf("heading level skipped: h%d after h%d", h.level, prev)
				if o.shortcode == "" {
					c.list.Errorf(o.pos, "%s; use <h%d>", problem, prev+1)
				} else {
					o.report(&c.list, problem, "", fmt.Sprintf("use <h%d> in the template, or call it under a heading of level %d", prev+1, h.level-1))
				}
			} else {
				c.themeProblem(path, src, "heading level skipped: h%d after h%d", h.level, prev)
			}
		}
		prev = h.level
	}
}

func hashes(level int) string { return strings.Repeat("#", level) }

// checkImagesAndLinks wants alt text on every image and a name on every
// link. Markdown images always get an alt attribute (their alt text was
// checked at the source), so an image without one comes from the theme.
func (c *checker) checkImagesAndLinks(path string, src *content.Page, pg *page, refs *sourceRefs) {
	for _, img := range pg.images {
		if img.hasAlt {
			continue
		}
		shown := img.src
		if t, internal, err := c.resolve(path, img.src, true); err == nil && internal {
			shown = t.sitePath()
		}
		if o, ok := c.originOfURL("alt", src, img.src, shown); ok {
			o.report(&c.list, fmt.Sprintf("image %s has no alt attribute", shown),
				`add alt="…" that describes it, or alt="" if it is decoration`,
				`give the template's <img> an alt that describes the image, from a parameter of the call (alt="…"), or alt="" if it is decoration`)
			continue
		}
		c.themeProblem(path, src, "image %s has no alt attribute", shown)
	}
	for _, l := range pg.links {
		if l.named || l.hidden {
			continue
		}
		key, shown := l.href, l.href
		if t, internal, err := c.resolve(path, l.href, true); err == nil && internal {
			key, shown = t.key(), t.sitePath()
		}
		if refs != nil {
			if rs := refs.unnamed[key]; len(rs) > 0 {
				c.list.Errorf(refPos(src, rs[0]), "link to %s has no text: write what it leads to, as in [our salary guide](…)", rs[0].URL)
				refs.unnamed[key] = rs[1:]
				continue
			}
		}
		if o, ok := c.originOfURL("text", src, l.href, shown); ok {
			o.report(&c.list, fmt.Sprintf("a link to %s has no text", shown),
				"write what it leads to inside the <a>",
				"give the template's <a> text that says what it leads to, from a parameter of the call if it varies")
			continue
		}
		c.themeProblem(path, src, "a link to %s has no text", shown)
	}
}
