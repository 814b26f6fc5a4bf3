package site

import (
	"cmp"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
)

// Options says which articles a build publishes.
type Options struct {
	Drafts bool      // include articles with draft: true
	Future bool      // include articles dated after Now
	Now    time.Time // the build's clock; future and expiry are judged against it
	// Image returns what the tag of an image of content.Page.Images gets,
	// for the page that shows it: the image at a site path
	// ("/images/x.png") or a file of a bundle ("articles/x/chart.png"). Its
	// size is zero when unknown or when there is no such file. Nil leaves
	// images without sizes.
	Image func(page *content.Page, path string) content.Image
	// ListTitles are the theme's words for the lists without a title of
	// their own, by folder ("articles": "Articles"; see Site.ListTitle);
	// a folder it lacks gets its name in title case.
	ListTitles map[string]string
}

// Assemble builds the site model. Problems go to list; the returned Site is
// complete for the pages that had none.
func Assemble(cfg *config.Config, c *content.Content, opts Options, list *diag.List) *Site {
	s := &Site{
		Config:      cfg,
		BaseURL:     cfg.BaseURL,
		Data:        c.Data,
		Preview:     opts.Drafts || opts.Future,
		authorByKey: map[string]*Author{},
		listTitles:  opts.ListTitles,
	}
	s.addAuthors(c.Authors)
	// An author whose file has errors is left out, and its errors are
	// reported at the file: the articles that name it get no second,
	// misleading error telling the editor to create the file that exists.
	s.failedAuthors = map[string]bool{}
	for _, f := range c.Failed {
		if dir, file := path.Split(f); dir == "authors/" && strings.HasSuffix(file, ".md") {
			s.failedAuthors[strings.TrimSuffix(file, ".md")] = true
		}
	}
	if k := cfg.DefaultAuthor; k != "" && s.authorByKey[k] == nil && !s.failedAuthors[k] {
		// Once, not once for every article that names no author.
		list.Errorf(s.configPos("default_author"), "default_author %q is not an author: create site/authors/%s.md%s", k, k, s.known())
	}
	s.addArticles(c.Articles, s.permalink("articles", list), opts, list)
	s.addIndexes(c.Indexes, list)
	s.addPages(c.Pages, s.permalink("pages", list))
	s.addResources(c, list)
	s.resolveLinks(c, opts, list)
	s.link()
	s.checkURLs(list)
	return s
}

func (s *Site) addAuthors(pages []*content.Page) {
	for _, p := range pages {
		a := &Author{Page: p, Meta: &p.Meta, Key: p.Slug, URL: "/authors/" + p.Slug + "/"}
		s.Authors = append(s.Authors, a)
		s.authorByKey[a.Key] = a
	}
	slices.SortFunc(s.Authors, func(a, b *Author) int { return cmp.Compare(a.Key, b.Key) })
}

// published reports whether p is in this build, and whether it is shown as a draft.
func published(p *content.Page, opts Options) (in, draft bool) {
	future := p.Meta.Date.After(opts.Now)
	switch {
	case p.Meta.Draft && !opts.Drafts, future && !opts.Future:
		return false, false
	case !p.Meta.Expires.IsZero() && !opts.Now.Before(p.Meta.Expires):
		return false, false
	}
	return true, p.Meta.Draft || future
}

// showTOC says whether p's table of contents is shown: as its toc key
// says, else when it has more than three entries.
func showTOC(p *content.Page) bool {
	if p.Meta.TOC != nil {
		return *p.Meta.TOC && len(p.TOC) > 0
	}
	return len(p.TOC) > 3
}

func (s *Site) addArticles(pages []*content.Page, pattern config.Pattern, opts Options, list *diag.List) {
	sections := map[string]*Section{}
	tags := newTaxonomy("tags")
	cats := newTaxonomy("categories")
	series := newTaxonomy("series")
	for _, p := range pages {
		for _, t := range [...]time.Time{p.Meta.Date, p.Meta.Expires} {
			if t.After(opts.Now) && (s.changesAt.IsZero() || t.Before(s.changesAt)) {
				s.changesAt = t
			}
		}
		in, draft := published(p, opts)
		if !in {
			s.LeftOut = append(s.LeftOut, LeftOut{Page: p, URL: leftOutURL(pattern, p, s.Config.Location), Why: leftOutBecause(p, opts)})
			continue
		}
		a := &Article{Page: p, Meta: &p.Meta, Draft: draft, Updated: p.Meta.Date}
		if !p.Meta.Updated.IsZero() {
			a.Updated = p.Meta.Updated
		}
		a.ShowTOC = showTOC(p)
		s.resolvePeople(a, list)
		if p.Section != "" {
			sec := sections[p.Section]
			if sec == nil {
				sec = newSection(p.Section)
				sections[p.Section] = sec
			}
			a.Section = sec
		}
		if p.Meta.Category != "" {
			a.Category = cats.term(p.Meta.Category)
			if a.Category == nil {
				unlinkable(p, "category", "category", p.Meta.Category, list)
			}
		}
		if p.Meta.Series != "" {
			a.Series = series.term(p.Meta.Series)
			if a.Series == nil {
				unlinkable(p, "series", "series", p.Meta.Series, list)
			}
		}
		for i, t := range p.Meta.Tags {
			term := tags.term(t)
			if term == nil {
				unlinkable(p, content.TagKey(i), "tag", t, list)
			} else if !slices.Contains(a.Tags, term) {
				a.Tags = append(a.Tags, term)
			}
		}
		a.URL = articleURL(pattern, a, s.Config.Location)
		s.Articles = append(s.Articles, a)
	}
	sortNewestFirst(s.Articles)
	for _, sec := range sections {
		s.Sections = append(s.Sections, sec)
	}
	slices.SortFunc(s.Sections, func(a, b *Section) int { return cmp.Compare(a.Name, b.Name) })
	s.Tags = tags.sorted()
	s.Categories = cats.sorted()
	s.Series = series.sorted()
}

// unlinkable warns that a tag or category has nothing content.TermSlug can
// put in its URL, so the article is shown without it.
func unlinkable(p *content.Page, key, what, name string, list *diag.List) {
	list.Warnf(p.KeyPos(key), "%s %q has no letter or digit for its URL, so the article is shown without it: give it a name with letters or digits", what, name)
}

// sortNewestFirst sorts by date, newest first, then title, then path. It
// sorts compact keys rather than chasing each article's pointers on every
// comparison, which matters at 10k articles.
func sortNewestFirst(arts []*Article) {
	type key struct {
		sec         int64
		nsec        int
		title, path string
		a           *Article
	}
	keys := make([]key, len(arts))
	for i, a := range arts {
		keys[i] = key{a.Meta.Date.Unix(), a.Meta.Date.Nanosecond(), a.Meta.Title, a.Path, a}
	}
	slices.SortFunc(keys, func(x, y key) int {
		// Not cmp.Or: it would evaluate the string comparisons every time.
		if x.sec != y.sec {
			return cmp.Compare(y.sec, x.sec)
		}
		if x.nsec != y.nsec {
			return cmp.Compare(y.nsec, x.nsec)
		}
		if c := strings.Compare(x.title, y.title); c != 0 {
			return c
		}
		return strings.Compare(x.path, y.path)
	})
	for i, k := range keys {
		arts[i] = k.a
	}
}

// resolvePeople looks up the article's authors and reviewer.
func (s *Site) resolvePeople(a *Article, list *diag.List) {
	keys, key := a.Meta.Authors, "authors"
	if len(keys) == 0 && a.Meta.Author != "" {
		keys, key = []string{a.Meta.Author}, "author"
	}
	if len(keys) == 0 && s.Config.DefaultAuthor != "" {
		keys, key = []string{s.Config.DefaultAuthor}, ""
	}
	for _, k := range keys {
		if au := s.authorByKey[k]; au != nil {
			a.Authors = append(a.Authors, au)
			continue
		}
		if key == "" || s.failedAuthors[k] {
			continue // reported once in Assemble, or at the author's file
		}
		if au := s.authorNamed(k); au != nil {
			list.Errorf(a.pos(key), "unknown author %q: an author is named by its key, the name of its file (%s): write %s", k, au.File, au.Key)
			continue
		}
		list.Errorf(a.pos(key), "unknown author %q: create site/authors/%s.md%s", k, k, s.known())
	}
	if k := a.Meta.ReviewedBy; k != "" {
		if a.Reviewer = s.authorByKey[k]; a.Reviewer == nil && !s.failedAuthors[k] {
			if au := s.authorNamed(k); au != nil {
				list.Errorf(a.pos("reviewed_by"), "unknown reviewer %q: an author is named by its key, the name of its file (%s): write %s", k, au.File, au.Key)
				return
			}
			list.Errorf(a.pos("reviewed_by"), "unknown reviewer %q: create site/authors/%s.md%s", k, k, s.known())
		}
	}
}

// authorNamed returns the author whose name, or key in another case or
// spelling, is s: a Hugo site names its authors as people are named
// ("Jane Doe"), where Byline wants the key ("jane-doe"). Nil when none is.
func (s *Site) authorNamed(name string) *Author {
	slug := content.Slugify(name)
	for _, au := range s.Authors {
		if strings.EqualFold(au.Meta.Name, name) || au.Key == slug {
			return au
		}
	}
	return nil
}

// known lists the author keys for an error message.
func (s *Site) known() string {
	if len(s.Authors) == 0 {
		return " (the site has no authors yet)"
	}
	keys := make([]string, len(s.Authors))
	for i, a := range s.Authors {
		keys[i] = a.Key
	}
	return " or use one of: " + strings.Join(keys, ", ")
}

func (s *Site) configPos(key string) diag.Pos {
	if p, ok := s.Config.Pos[key]; ok {
		return p
	}
	return diag.Pos{Path: s.Config.File}
}

// pos returns the position of a front-matter key, else the file's start.
func (a *Article) pos(key string) diag.Pos {
	return a.Page.KeyPos(key)
}

func (s *Site) addPages(pages []*content.Page, pattern config.Pattern) {
	for _, p := range pages {
		if p.Meta.Draft && !s.Preview {
			continue
		}
		s.Pages = append(s.Pages, &Page{Page: p, Meta: &p.Meta, URL: pageURL(pattern, p), ShowTOC: showTOC(p)})
	}
	slices.SortFunc(s.Pages, func(a, b *Page) int { return cmp.Compare(a.URL, b.URL) })
}

// newSection returns the section of the folder articles/name.
func newSection(name string) *Section {
	title := titleCase(name)
	return &Section{Name: name, Title: title, LinkTitle: title, URL: "/articles/" + name + "/"}
}

// titleCase turns a folder name such as "career-paths" into "Career Paths".
func titleCase(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}
