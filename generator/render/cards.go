package render

import (
	"path"
	"strings"

	"github.com/byline/byline/generator/diag"
)

// Card is a drawn social card (see Options.Cards): an output file beside
// the page at URL, made by Make when it is written, and the og:image of
// that page, and of the list's further pages when URL is a list's first.
// An article's names it in its JSON-LD too.
type Card struct {
	URL    string // the page's URL, "/articles/x/" or "/tags/go/"
	Origin string // the file errors name: the article's, or the list's text or config.yaml
	Name   string // the file's name, "card.1a2b3c4d.png"
	// Make returns the card's bytes, written at path ("articles/x/card.1a2b3c4d.png"),
	// reporting to list why it cannot.
	Make func(path string, list *diag.List) []byte
}

// cardJobs are the jobs of the cards, which start before the pages, as
// resized images do (see resizedJobs), and the URL of each page's card by
// the page's URL.
func (r *Renderer) cardJobs() ([]job, map[string]string) {
	jobs := make([]job, len(r.opts.Cards))
	urls := make(map[string]string, len(r.opts.Cards))
	for i, c := range r.opts.Cards {
		p := path.Join(path.Dir(outPath(c.URL)), c.Name)
		jobs[i] = job{
			path: p, origin: diag.Pos{Path: c.Origin}, card: true,
			gen: func(list *diag.List) File { return File{Path: p, Data: c.Make(p, list)} },
		}
		u := c.URL
		if !strings.HasSuffix(u, "/") {
			u = path.Dir(u) + "/"
		}
		urls[c.URL] = u + c.Name
	}
	return jobs, urls
}

// cardOf gives d, the data of a page or of a list's page whose first page
// is at first, the drawn card of first as its image, unless it has one.
func (r *Renderer) cardOf(d *Data, first string) {
	if d.Image != "" {
		return
	}
	if u, ok := r.cards[first]; ok {
		d.Image = r.abs(u)
	}
}
