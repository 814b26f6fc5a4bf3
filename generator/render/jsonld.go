package render

import (
	"strings"
	"time"

	"github.com/byline/byline/generator/site"
)

// The structured-data types below are marshalled by html/template inside
// <script type="application/ld+json">, which escapes them for that context.

type ldThing struct {
	Context string `json:"@context,omitempty"`
	Type    string `json:"@type"`
	ID      string `json:"@id,omitempty"`
}

type ldPerson struct {
	ldThing
	Name     string   `json:"name"`
	URL      string   `json:"url,omitempty"`
	JobTitle string   `json:"jobTitle,omitempty"`
	Image    string   `json:"image,omitempty"`
	SameAs   []string `json:"sameAs,omitempty"`
}

type ldOrganization struct {
	ldThing
	Name string   `json:"name"`
	URL  string   `json:"url,omitempty"`
	Logo *ldImage `json:"logo,omitempty"`
}

type ldImage struct {
	ldThing
	URL string `json:"url"`
}

type ldArticle struct {
	ldThing
	Headline         string         `json:"headline"`
	Description      string         `json:"description,omitempty"`
	URL              string         `json:"url"`
	MainEntity       string         `json:"mainEntityOfPage"`
	DatePublished    string         `json:"datePublished"`
	DateModified     string         `json:"dateModified"`
	Author           []ldPerson     `json:"author,omitempty"`
	ReviewedBy       *ldPerson      `json:"reviewedBy,omitempty"`
	Publisher        ldOrganization `json:"publisher"`
	Image            string         `json:"image,omitempty"`
	WordCount        int            `json:"wordCount"`
	Keywords         []string       `json:"keywords,omitempty"`
	ArticleSection   string         `json:"articleSection,omitempty"`
	InLanguage       string         `json:"inLanguage,omitempty"`
	TimeRequired     string         `json:"timeRequired,omitempty"`
	IsAccessibleFree bool           `json:"isAccessibleForFree"`
	IsPartOf         *ldRef         `json:"isPartOf,omitempty"`
}

// ldRef names a thing and its page: the series an article is part of, the
// site a list belongs to.
type ldRef struct {
	ldThing
	Name string `json:"name"`
	URL  string `json:"url"`
}

type ldCollection struct {
	ldThing
	Name        string `json:"name"`
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
	Image       string `json:"image,omitempty"`
	InLanguage  string `json:"inLanguage,omitempty"`
	IsPartOf    ldRef  `json:"isPartOf"`
}

type ldBreadcrumbs struct {
	ldThing
	Items []ldListItem `json:"itemListElement"`
}

type ldListItem struct {
	ldThing
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item"`
}

type ldOccupation struct {
	ldThing
	Name                string    `json:"name"`
	Description         string    `json:"description,omitempty"`
	Skills              []string  `json:"skills,omitempty"`
	EducationRequired   string    `json:"educationRequirements,omitempty"`
	OccupationalOutlook string    `json:"occupationalCategory,omitempty"`
	Salary              *ldSalary `json:"estimatedSalary,omitempty"`
}

type ldSalary struct {
	ldThing
	Currency string  `json:"currency"`
	Median   float64 `json:"median"`
	Name     string  `json:"name"`
}

type ldFAQPage struct {
	ldThing
	Questions []ldQuestion `json:"mainEntity"`
}

type ldQuestion struct {
	ldThing
	Name   string   `json:"name"`
	Answer ldAnswer `json:"acceptedAnswer"`
}

type ldAnswer struct {
	ldThing
	Text string `json:"text"`
}

type ldWebSite struct {
	ldThing
	Name        string         `json:"name"`
	URL         string         `json:"url"`
	Description string         `json:"description,omitempty"`
	InLanguage  string         `json:"inLanguage,omitempty"`
	Publisher   ldOrganization `json:"publisher"`
}

const schema = "https://schema.org"

func (r *Renderer) publisher() ldOrganization {
	o := ldOrganization{ldThing: ldThing{Type: "Organization"}, Name: r.site.Config.Title, URL: r.abs("/")}
	if r.site.Config.Logo != "" {
		o.Logo = &ldImage{ldThing: ldThing{Type: "ImageObject"}, URL: r.abs(r.site.Config.Logo)}
	}
	return o
}

func (r *Renderer) websiteLD() []any {
	c := r.site.Config
	return []any{ldWebSite{ldThing: ldThing{Context: schema, Type: "WebSite"}, Name: c.Title, URL: r.abs("/"),
		Description: c.Description, InLanguage: c.Language, Publisher: r.publisher()}}
}

// sameAs is the author's links that name the author elsewhere on the web:
// the http(s) ones, with site paths made absolute; a mailto: link is no
// identity URL, and a site path is no URL at all without a base_url.
func (r *Renderer) sameAs(links []string) []string {
	var out []string
	for _, l := range links {
		if u := r.abs(l); strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
			out = append(out, u)
		}
	}
	return out
}

func (r *Renderer) personLD(a *site.Author, top bool) ldPerson {
	p := ldPerson{ldThing: ldThing{Type: "Person"}, Name: a.Meta.Name, URL: r.abs(a.URL), JobTitle: a.Meta.Role, SameAs: r.sameAs(a.Meta.Links)}
	if a.Meta.Avatar != "" {
		p.Image = r.abs(a.Meta.Avatar)
	}
	if top {
		p.Context = schema
	}
	return p
}

func (r *Renderer) articleLD(a *site.Article, d *Data) []any {
	art := ldArticle{
		ldThing:  ldThing{Context: schema, Type: "Article"},
		Headline: a.Meta.Title, Description: a.Summary, URL: d.Permalink, MainEntity: d.Permalink,
		DatePublished: r.iso(a.Meta.Date), DateModified: r.iso(a.Updated),
		Publisher: r.publisher(), Image: d.Image, WordCount: a.WordCount,
		InLanguage: r.site.Config.Language, IsAccessibleFree: true,
	}
	for _, au := range a.Authors {
		art.Author = append(art.Author, r.personLD(au, false))
	}
	if a.Reviewer != nil {
		p := r.personLD(a.Reviewer, false)
		art.ReviewedBy = &p
	}
	for _, t := range a.Tags {
		art.Keywords = append(art.Keywords, t.Name)
	}
	if a.Category != nil {
		art.ArticleSection = a.Category.Name
	}
	if t := a.Series; t != nil {
		art.IsPartOf = &ldRef{ldThing: ldThing{Type: "CreativeWorkSeries"}, Name: t.Name, URL: r.abs(t.URL)}
	}
	out := []any{art, r.breadcrumbLD(d.Breadcrumbs)}
	if c := a.Meta.Career; c != nil {
		occ := ldOccupation{ldThing: ldThing{Context: schema, Type: "Occupation"}, Name: a.Meta.Title,
			Description: a.Summary, Skills: c.Skills, EducationRequired: c.Education}
		if c.MedianSalary > 0 {
			occ.Salary = &ldSalary{ldThing: ldThing{Type: "MonetaryAmountDistribution"}, Currency: c.Currency, Median: c.MedianSalary, Name: "base"}
		}
		out = append(out, occ)
	}
	if len(a.Meta.FAQ) > 0 {
		faq := ldFAQPage{ldThing: ldThing{Context: schema, Type: "FAQPage"}}
		for _, q := range a.Meta.FAQ {
			faq.Questions = append(faq.Questions, ldQuestion{ldThing: ldThing{Type: "Question"}, Name: q.Q,
				Answer: ldAnswer{ldThing: ldThing{Type: "Answer"}, Text: q.A}})
		}
		out = append(out, faq)
	}
	return out
}

// collectionLD is the structured data of a page of a list of articles
// (all of them, a section's, a term's): a CollectionPage, described by the
// list's text when it has one, and its breadcrumbs when it has a place
// below another list.
func (r *Renderer) collectionLD(d *Data) []any {
	c := r.site.Config
	page := ldCollection{ldThing: ldThing{Context: schema, Type: "CollectionPage"}, Name: d.Title, URL: d.Permalink,
		InLanguage: c.Language, IsPartOf: ldRef{ldThing: ldThing{Type: "WebSite"}, Name: c.Title, URL: r.abs("/")}}
	if d.Index != nil {
		page.Description, page.Image = d.Description, d.Image
	}
	out := []any{page}
	if len(d.Breadcrumbs) > 1 {
		out = append(out, r.breadcrumbLD(d.Breadcrumbs))
	}
	return out
}

func (r *Renderer) breadcrumbLD(crumbs []site.Crumb) ldBreadcrumbs {
	b := ldBreadcrumbs{ldThing: ldThing{Context: schema, Type: "BreadcrumbList"}}
	for i, c := range crumbs {
		b.Items = append(b.Items, ldListItem{ldThing: ldThing{Type: "ListItem"}, Position: i + 1, Name: c.Name, Item: r.abs(c.URL)})
	}
	return b
}

func (r *Renderer) iso(t time.Time) string {
	return t.In(r.site.Config.Location).Format(time.RFC3339)
}
