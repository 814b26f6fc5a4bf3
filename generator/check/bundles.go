package check

import (
	"strings"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/site"
)

// checkBundles warns of each file of a bundle that no built page shows or
// links: left behind by an edit, it is published all the same.
func (c *checker) checkBundles() {
	for _, a := range c.site.Articles {
		c.unusedResources(a.Page, a.URL, a.Resources)
	}
	for _, p := range c.site.Pages {
		c.unusedResources(p.Page, p.URL, p.Resources)
	}
}

func (c *checker) unusedResources(p *content.Page, url string, files []string) {
	root := strings.TrimSuffix(p.File, p.Path) // "site/"
	for _, f := range files {
		if !c.linked[site.ResourcePath(url, p.Path, f)] {
			c.list.Warnf(diag.Pos{Path: root + f}, "no page shows or links this file of %s's folder, yet it is published: link it from the page, or delete it", p.File)
		}
	}
}
