package site

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/internal/yamlpos"
)

// addIndexes gives the lists their texts (content.Index): /articles/, the
// sections and the terms of each taxonomy. A section with a text has a
// page even while none of its articles is published, as the editor who
// wrote its introduction expects; a term's text names a term that articles
// give, or it is shown nowhere and warned about.
func (s *Site) addIndexes(pages []*content.Page, list *diag.List) {
	s.Lists = map[string]*content.Page{}
	for _, p := range pages {
		switch folder, rest, _ := strings.Cut(p.Path, "/"); {
		case rest == content.IndexFile:
			s.Lists[folder] = p
		case folder != "articles":
			s.addTermIndex(folder, p, list)
		default:
			s.addSectionIndex(p)
		}
	}
	slices.SortStableFunc(s.Sections, func(a, b *Section) int { return cmp.Compare(a.weight(), b.weight()) })
}

// weight is the section's place in the order of sections: its
// _index.md's weight, lightest first, then those with none by name.
func (sec *Section) weight() int {
	if sec.Index == nil || sec.Index.Meta.Weight == 0 {
		return math.MaxInt
	}
	return sec.Index.Meta.Weight
}

func (s *Site) addSectionIndex(p *content.Page) {
	i, found := slices.BinarySearchFunc(s.Sections, p.Section, func(sec *Section, name string) int { return cmp.Compare(sec.Name, name) })
	if !found {
		s.Sections = slices.Insert(s.Sections, i, newSection(p.Section))
	}
	sec := s.Sections[i]
	sec.Index = p
	if p.Meta.Title != "" {
		sec.Title, sec.LinkTitle = p.Meta.Title, p.Meta.Title
	}
	if p.Meta.LinkTitle != "" {
		sec.LinkTitle = p.Meta.LinkTitle
	}
}

// addTermIndex gives the term of taxonomy tax whose slug is p's its text:
// its title heads the term's page, and names the term wherever it shows
// unless its link_title does.
func (s *Site) addTermIndex(tax string, p *content.Page, list *diag.List) {
	if pos, set := p.Pos["weight"]; set {
		list.Warnf(pos, "weight orders the sections, and a %s is none: remove it", content.TermOf(tax))
	}
	terms := s.terms(tax)
	i, found := slices.BinarySearchFunc(terms, p.Slug, func(t *Term, slug string) int { return cmp.Compare(t.Slug, slug) })
	if !found {
		if !s.leftOutHave(tax, p.Slug) {
			s.unknownTerm(tax, p, terms, list)
		}
		return
	}
	t := terms[i]
	t.Index = p
	if p.Meta.Title != "" {
		t.Title, t.Name = p.Meta.Title, p.Meta.Title
	}
	if p.Meta.LinkTitle != "" {
		t.Name = p.Meta.LinkTitle
	}
}

// terms returns the terms of the taxonomy named tax, by slug.
func (s *Site) terms(tax string) []*Term {
	switch tax {
	case "tags":
		return s.Tags
	case "categories":
		return s.Categories
	}
	return s.Series
}

// leftOutHave reports whether an article left out of this build (a draft,
// a scheduled one) has the term of taxonomy tax with this slug: its text
// is then for a later build.
func (s *Site) leftOutHave(tax, slug string) bool {
	for _, l := range s.LeftOut {
		m := l.Page.Meta
		names := m.Tags
		switch tax {
		case "categories":
			names = []string{m.Category}
		case "series":
			names = []string{m.Series}
		}
		for _, n := range names {
			if content.TermSlug(n) == slug {
				return true
			}
		}
	}
	return false
}

// unknownTerm warns that p, the text of a term, names no term of the
// articles.
func (s *Site) unknownTerm(tax string, p *content.Page, terms []*Term, list *diag.List) {
	what := content.TermOf(tax)
	slugs := make([]string, len(terms))
	for i, t := range terms {
		slugs[i] = t.Slug
	}
	msg := "no article has the " + what + " whose slug is " + strconv.Quote(p.Slug) + ", so this text is shown nowhere"
	if near := yamlpos.Suggest(p.Slug, slugs); near != "" {
		msg += ": did you mean " + strconv.Quote(tax+"/"+near+".md") + "?"
	} else {
		msg += ": name the file after the slug of a " + what + " the articles give, as its page's URL shows it"
	}
	list.Warnf(diag.Pos{Path: p.File}, "%s", msg)
}

// ListTitle returns the title of the list in folder ("articles", "tags",
// "categories", "series", "authors"; see Lists): its text's, else the
// theme's word for it ("Articles", "Topics").
func (s *Site) ListTitle(folder string) string {
	if p := s.Lists[folder]; p != nil && p.Meta.Title != "" {
		return p.Meta.Title
	}
	if t := s.listTitles[folder]; t != "" {
		return t
	}
	switch folder {
	case "articles":
		return "Articles"
	case "tags":
		return "Topics"
	}
	return titleCase(folder)
}

// ListLinkTitle returns the short name of the list in folder, for its
// links in breadcrumbs: its text's link_title, else ListTitle.
func (s *Site) ListLinkTitle(folder string) string {
	if p := s.Lists[folder]; p != nil && p.Meta.LinkTitle != "" {
		return p.Meta.LinkTitle
	}
	return s.ListTitle(folder)
}

// ListFolders are the folders of Lists, in the order Indexes gives their
// texts.
func ListFolders() []string { return []string{"articles", "tags", "categories", "series", "authors"} }

// Indexes returns the texts of the lists that have one: those of Lists,
// then the sections', then the terms' of each taxonomy.
func (s *Site) Indexes() []*content.Page {
	refs := s.indexRefs()
	out := make([]*content.Page, len(refs))
	for i, r := range refs {
		out[i] = r.page
	}
	return out
}

// indexRefs returns each list text with the URL of its list, in the order
// of Indexes.
func (s *Site) indexRefs() []pageRef {
	var out []pageRef
	for _, f := range ListFolders() {
		if p := s.Lists[f]; p != nil {
			out = append(out, pageRef{p, "/" + f + "/"})
		}
	}
	for _, sec := range s.Sections {
		if sec.Index != nil {
			out = append(out, pageRef{sec.Index, sec.URL})
		}
	}
	for _, t := range s.AllTerms() {
		if t.Index != nil {
			out = append(out, pageRef{t.Index, t.URL})
		}
	}
	return out
}

// AllTerms returns the tags, then the categories, then the series.
func (s *Site) AllTerms() []*Term {
	return slices.Concat(s.Tags, s.Categories, s.Series)
}

// Taxonomy is a taxonomy with a list page: its folder name and its terms.
type Taxonomy struct {
	Name  string // "tags", "categories" or "series"
	Terms []*Term
}

// Taxonomies are the site's taxonomies that have a list page, in the
// order they are listed: tags and categories always, series when an
// article is in one (a site without series has no /series/).
func (s *Site) Taxonomies() []Taxonomy {
	out := []Taxonomy{{"tags", s.Tags}, {"categories", s.Categories}}
	if len(s.Series) > 0 {
		out = append(out, Taxonomy{"series", s.Series})
	}
	return out
}
