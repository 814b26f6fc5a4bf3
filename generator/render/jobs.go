package render

import (
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/site"
)

// pageJobs lists every HTML page of the site with its template data.
func (r *Renderer) pageJobs() []job {
	s := r.site
	per := s.Config.Pagination.PerPage
	// Articles, pages and about one list page per tag: a good first guess.
	jobs := make([]job, 0, len(s.Articles)+len(s.Pages)+len(s.Authors)+len(s.Tags)+len(s.Categories)+len(s.Sections)+16)
	finish := func(kind string, d *Data) *Data {
		d.Site, d.Kind = s, kind
		d.Permalink = r.abs(d.URL)
		if d.Description == "" {
			d.Description = s.Config.Description
		}
		return d
	}
	add := func(kind string, d *Data) {
		d = finish(kind, d)
		r.cardOf(d, d.URL)
		jobs = append(jobs, job{path: outPath(d.URL), kind: kind, data: func() *Data { return d }})
	}
	// The pages of a list, thousands on a large site, get their data when
	// they are rendered, as articles do: a preview server rendering a few
	// then pays for no more.
	// title heads the list's pages, and crumb names it in their
	// breadcrumbs.
	paged := func(kind, base, title, crumb string, arts []*site.Article, fill func(*Data)) {
		for _, p := range site.Paginate(base, arts, per) {
			jobs = append(jobs, job{path: outPath(p.URL), kind: kind, data: func() *Data {
				d := &Data{Title: title, URL: p.URL, Pager: p, NoIndex: p.Number > 1}
				fill(d)
				d.Breadcrumbs = append(d.Breadcrumbs, site.Crumb{Name: crumb, URL: base})
				d = finish(kind, d)
				r.cardOf(d, base)
				if d.JSONLD == nil { // a list of articles, not the home page or an author's
					d.JSONLD = r.collectionLD(d)
				}
				return d
			}})
		}
	}

	paged("home", "/", s.Config.Title, s.Config.Title, s.Articles, func(d *Data) { d.Breadcrumbs = nil; d.JSONLD = r.websiteLD() })
	paged("list", "/articles/", s.ListTitle("articles"), s.ListLinkTitle("articles"), s.Articles, func(d *Data) { r.indexData(d, s.Lists["articles"]) })
	for _, sec := range s.Sections {
		paged("section", sec.URL, sec.Title, sec.LinkTitle, sec.Articles, func(d *Data) {
			d.Section, d.Feed = sec, sec.URL+"feed.xml"
			d.Breadcrumbs = []site.Crumb{{Name: s.ListLinkTitle("articles"), URL: "/articles/"}}
			r.indexData(d, sec.Index)
		})
	}
	for _, tax := range s.Taxonomies() {
		title, crumb := s.ListTitle(tax.Name), s.ListLinkTitle(tax.Name)
		terms := &Data{Title: title, URL: "/" + tax.Name + "/", Terms: tax.Terms, Taxonomy: tax.Name}
		r.indexData(terms, s.Lists[tax.Name])
		add("terms", terms)
		for _, t := range tax.Terms {
			arts := t.Articles
			if tax.Name == "series" {
				arts = t.InOrder() // a series page lists its parts in reading order
			}
			paged("term", t.URL, t.Title, t.Name, arts, func(d *Data) {
				d.Term, d.Taxonomy, d.Feed = t, tax.Name, t.URL+"feed.xml"
				d.Breadcrumbs = []site.Crumb{{Name: crumb, URL: "/" + tax.Name + "/"}}
				r.indexData(d, t.Index)
			})
		}
	}
	authors := &Data{Title: s.ListTitle("authors"), URL: "/authors/"}
	r.indexData(authors, s.Lists["authors"])
	add("authors", authors)
	for _, a := range s.Authors {
		paged("author", a.URL, a.Meta.Name, a.Meta.Name, a.Articles, func(d *Data) {
			d.Author, d.Description, d.Image, d.Feed = a, a.Meta.Bio, r.abs(a.Meta.Avatar), a.URL+"feed.xml"
			d.Breadcrumbs = []site.Crumb{{Name: s.ListLinkTitle("authors"), URL: "/authors/"}}
			d.JSONLD = []any{r.personLD(a, true)}
		})
	}
	for _, a := range s.Articles {
		// Article data (JSON-LD included) is made when the page is
		// rendered, so a preview server pays only for the pages it shows.
		jobs = append(jobs, job{path: outPath(a.URL), kind: "article", article: a})
	}
	for _, p := range s.Pages {
		add("page", &Data{Page: p, Title: p.Meta.Title, Description: p.Summary, URL: p.URL, Image: r.abs(p.Meta.Image),
			Breadcrumbs: []site.Crumb{{Name: p.Meta.Title, URL: p.URL}}})
	}
	add("search", &Data{Title: r.words.search, URL: "/search/", NoIndex: true})
	add("404", &Data{Title: r.words.notFound, URL: "/404.html", NoIndex: true})
	return jobs
}

// indexData gives d, the data of a page of a list, what the list's
// _index.md says, when it has one: its description, image and text.
func (r *Renderer) indexData(d *Data, idx *content.Page) {
	if idx == nil {
		return
	}
	d.Index, d.Description = idx, idx.Summary
	if idx.Meta.Image != "" {
		d.Image = r.abs(idx.Meta.Image)
	}
}

func (r *Renderer) articleData(a *site.Article) *Data {
	d := &Data{Site: r.site, Kind: "article", Article: a, Title: a.Meta.Title, Description: a.Summary, URL: a.URL, Permalink: r.abs(a.URL), NoIndex: a.Draft}
	if d.Description == "" {
		d.Description = r.site.Config.Description
	}
	if a.Meta.Image != "" {
		d.Image = r.abs(a.Meta.Image)
	}
	r.cardOf(d, a.URL)
	d.Breadcrumbs = []site.Crumb{{Name: r.site.ListLinkTitle("articles"), URL: "/articles/"}}
	if a.Section != nil {
		d.Breadcrumbs = append(d.Breadcrumbs, site.Crumb{Name: a.Section.LinkTitle, URL: a.Section.URL})
	}
	d.Breadcrumbs = append(d.Breadcrumbs, site.Crumb{Name: a.Meta.Title, URL: a.URL})
	d.JSONLD = r.articleLD(a, d)
	return d
}
