package render

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strings"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/site"
)

// machineJobs lists what machines read: feeds, sitemap, robots.txt,
// the search index, alias redirects, _redirects and _headers.
func (r *Renderer) machineJobs() []job {
	s := r.site
	var jobs []job
	add := func(path string, gen func(*diag.List) File) {
		jobs = append(jobs, job{path: path, gen: gen})
	}
	// A feed's subtitle is its list's description, when its text has
	// one, else the site's.
	feed := func(pageURL, title string, text *content.Page, arts []*site.Article) {
		sub := s.Config.Description
		if text != nil && text.Meta.Description != "" {
			sub = text.Meta.Description
		}
		add(outFile(pageURL+"feed.xml"), func(list *diag.List) File { return r.feed(pageURL+"feed.xml", pageURL, title, sub, arts, list) })
	}
	feed("/", s.Config.Title, nil, s.Articles)
	for _, sec := range s.Sections {
		feed(sec.URL, sec.Title+" — "+s.Config.Title, sec.Index, sec.Articles)
	}
	for _, t := range s.AllTerms() {
		feed(t.URL, t.Title+" — "+s.Config.Title, t.Index, t.Articles)
	}
	for _, a := range s.Authors {
		feed(a.URL, a.Meta.Name+" — "+s.Config.Title, nil, a.Articles)
	}
	r.sitemapJobs(add)
	add("robots.txt", func(*diag.List) File { return r.robots() })
	add("search-index.json", r.searchIndex)
	if len(s.Aliases) > 0 {
		titles := r.titlesByURL()
		for _, a := range s.Aliases {
			jobs = append(jobs, job{path: outPath(a.From), gen: func(list *diag.List) File { return r.alias(a, titles[a.To], list) },
				origin: a.Pos, alias: a.From})
		}
		add("_redirects", func(*diag.List) File { return r.redirects() })
	}
	add("_headers", func(*diag.List) File { return r.hostHeaders() })
	return jobs
}

func (r *Renderer) robots() File {
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	if r.site.Preview {
		b.WriteString("Disallow: /\n")
	} else {
		b.WriteString("Allow: /\n")
	}
	b.WriteString("\nSitemap: " + r.abs("/sitemap.xml") + "\n")
	return File{Path: "robots.txt", Data: []byte(b.String())}
}

type searchEntry struct {
	Title       string   `json:"title"`
	URL         string   `json:"url"`
	Description string   `json:"description"`
	Tags        []string `json:"tags"`
	Category    string   `json:"category,omitempty"`
	Author      string   `json:"author"`
	Date        string   `json:"date"`
}

func (r *Renderer) searchIndex(list *diag.List) File {
	entries := make([]searchEntry, 0, len(r.site.Articles))
	for _, a := range r.site.Articles {
		e := searchEntry{Title: a.Meta.Title, URL: a.URL, Description: a.Summary, Tags: []string{}, Date: r.iso(a.Meta.Date)[:10]}
		for _, t := range a.Tags {
			e.Tags = append(e.Tags, t.Name)
		}
		if a.Category != nil {
			e.Category = a.Category.Name
		}
		names := make([]string, len(a.Authors))
		for i, au := range a.Authors {
			names[i] = au.Meta.Name
		}
		e.Author = strings.Join(names, ", ")
		entries = append(entries, e)
	}
	data, err := json.Marshal(entries)
	if err != nil {
		list.Errorf(diag.Pos{Path: "search-index.json"}, "cannot encode: %v", err)
	}
	return File{Path: "search-index.json", Data: append(data, '\n')}
}

var aliasPage = template.Must(template.New("alias").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Redirecting}}</title>
<link rel="canonical" href="{{.Canonical}}"><meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.Target}}"></head>
<body><p>{{.Moved}} <a href="{{.Target}}">{{.Title}}</a>.</p></body></html>
`))

// alias renders the redirect page at an alias.
func (r *Renderer) alias(a site.Alias, title string, list *diag.List) File {
	out := outPath(a.From)
	var buf bytes.Buffer
	err := aliasPage.Execute(&buf, map[string]string{
		"Lang": r.site.Config.Language, "Title": title, "Canonical": r.abs(a.To),
		"Redirecting": r.words.redirecting(title, list, out), "Moved": r.words.moved,
		"Target": relativePrefix(out) + strings.TrimPrefix(a.To, "/"),
	})
	if err != nil {
		list.Errorf(diag.Pos{Path: out}, "cannot render alias: %v", err)
	}
	return File{Path: out, Data: buf.Bytes()}
}

// redirects renders _redirects, read by Netlify and Cloudflare Pages.
func (r *Renderer) redirects() File {
	var b strings.Builder
	for _, a := range r.site.Aliases {
		b.WriteString(r.base + a.From[1:] + " " + r.base + a.To[1:] + " 301\n")
	}
	return File{Path: "_redirects", Data: []byte(b.String())}
}

func (r *Renderer) titlesByURL() map[string]string {
	m := map[string]string{}
	for _, a := range r.site.Articles {
		m[a.URL] = a.Meta.Title
	}
	for _, p := range r.site.Pages {
		m[p.URL] = p.Meta.Title
	}
	// A list's text may give aliases too: its redirect names the list.
	for _, f := range site.ListFolders() {
		m["/"+f+"/"] = r.site.ListTitle(f)
	}
	for _, sec := range r.site.Sections {
		m[sec.URL] = sec.Title
	}
	for _, t := range r.site.AllTerms() {
		m[t.URL] = t.Title
	}
	return m
}
