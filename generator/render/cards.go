package render

import (
	"path"
	"strings"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/site"
)

// Card is the drawn social card of an article that has no image of its
// own (see Options.Cards): an output file beside the article's page, made
// by Make when it is written, and the page's og:image and JSON-LD image.
type Card struct {
	Article *site.Article
	Name    string // the file's name, "card.1a2b3c4d.png"
	// Make returns the card's bytes, written at path ("articles/x/card.1a2b3c4d.png"),
	// reporting to list why it cannot.
	Make func(path string, list *diag.List) []byte
}

// cardJobs are the jobs of the cards, which start before the pages, as
// resized images do (see resizedJobs), and the URL of each article's card.
func (r *Renderer) cardJobs() ([]job, map[*site.Article]string) {
	jobs := make([]job, len(r.opts.Cards))
	urls := make(map[*site.Article]string, len(r.opts.Cards))
	for i, c := range r.opts.Cards {
		p := path.Join(path.Dir(outPath(c.Article.URL)), c.Name)
		jobs[i] = job{
			path: p, origin: diag.Pos{Path: c.Article.File}, card: true,
			gen: func(list *diag.List) File { return File{Path: p, Data: c.Make(p, list)} },
		}
		u := c.Article.URL
		if !strings.HasSuffix(u, "/") {
			u = path.Dir(u) + "/"
		}
		urls[c.Article] = u + c.Name
	}
	return jobs, urls
}
