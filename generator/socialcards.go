package generator

import (
	"image/color"

	"github.com/byline/byline/generator/cards"
	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/imaging"
	"github.com/byline/byline/generator/render"
	"github.com/byline/byline/generator/site"
)

// buildCache returns the cache of a build's resized images and social
// cards, given, when watch or serve keep one across builds, as kept; a new
// one when the config asks for either and none is given; nil when it asks
// for neither. The build is begun in it (imaging.Cache.Begin).
func buildCache(cfg *config.Config, kept *imaging.Cache) *imaging.Cache {
	if !cfg.Images.On() && !cfg.SocialCards {
		return nil
	}
	if kept == nil {
		kept = imaging.NewCache()
	}
	kept.Begin()
	return kept
}

// socialCards plans the drawn social cards of a site whose config.yaml
// asks for them (social_cards: true): every page a link to which is
// shared, and which has no image of its own, gets one (see pageCards),
// unless the Go fonts lack a character of it (a title in Japanese or
// Arabic), when it keeps none. The renderer draws them as jobs beside the
// pages; a card is kept in cache by a hash of what it shows, so watch and
// serve draw an unchanged one once.
//
// A card that prev, the output of an earlier build, holds is read back
// from it instead of drawn again.
func socialCards(s *site.Site, cache *imaging.Cache, prev *earlier, list *diag.List) []render.Card {
	p, err := cards.New()
	if err != nil {
		list.Errorf(s.Config.Pos["social_cards"], "social_cards: cannot read the Go fonts: %v", err)
		return nil
	}
	var out []render.Card
	for _, pc := range pageCards(s) {
		c := pc.card
		if !p.Drawable(c) {
			continue
		}
		key := imaging.Key(cards.Sum(c))
		cache.Touch(key)
		origin := pc.origin
		out = append(out, render.Card{URL: pc.url, Origin: origin, Name: cards.Name(c), Make: func(at string, list *diag.List) []byte {
			data, err := cache.Copies(key, func() ([][]byte, error) {
				return drawCard(p, c, at, prev)
			})
			if err != nil || len(data) != 1 {
				list.Errorf(diag.Pos{Path: origin}, "cannot draw the social card of this page: %v", err)
				return nil
			}
			return data[0]
		}})
	}
	return out
}

// pageCard is what the card of the page at url shows; origin is the file
// an error names.
type pageCard struct {
	url, origin string
	card        cards.Card
}

// pageCards lists the cards of s's pages that have no image of their own,
// in the order the renderer lists the pages: the home page (the site's
// description, else its title), the lists of articles, sections, terms
// and authors (the list's title, its kind below), each author without an
// avatar (the name, the role below), each article (its title, its
// category or section below) and each standalone page (its title). The
// search page and the 404 page, which no one shares, get none.
func pageCards(s *site.Site) []pageCard {
	cfg := s.Config
	st := cardStyle(cfg.CardColors)
	var out []pageCard
	card := func(title, site, label string) cards.Card {
		return cards.Card{Title: title, Site: site, Label: label, Style: st}
	}
	add := func(url string, idx *content.Page, title, label string) {
		origin := "site/config.yaml"
		if idx != nil {
			if idx.Meta.Image != "" {
				return
			}
			origin = idx.File
		}
		out = append(out, pageCard{url: url, origin: origin, card: card(title, cfg.Title, label)})
	}
	if cfg.Description != "" {
		add("/", nil, cfg.Description, "")
	} else {
		out = append(out, pageCard{url: "/", origin: "site/config.yaml", card: card(cfg.Title, "", "")})
	}
	add("/articles/", s.Lists["articles"], s.ListTitle("articles"), "")
	for _, sec := range s.Sections {
		add(sec.URL, sec.Index, sec.Title, s.ListLinkTitle("articles"))
	}
	for _, tax := range s.Taxonomies() {
		add("/"+tax.Name+"/", s.Lists[tax.Name], s.ListTitle(tax.Name), "")
		for _, t := range tax.Terms {
			add(t.URL, t.Index, t.Title, s.ListLinkTitle(tax.Name))
		}
	}
	add("/authors/", s.Lists["authors"], s.ListTitle("authors"), "")
	for _, a := range s.Authors {
		if a.Meta.Avatar == "" {
			out = append(out, pageCard{url: a.URL, origin: a.File, card: card(a.Meta.Name, cfg.Title, a.Meta.Role)})
		}
	}
	for _, a := range s.Articles {
		if a.Meta.Image == "" {
			out = append(out, pageCard{url: a.URL, origin: a.File, card: card(a.Meta.Title, cfg.Title, label(a))})
		}
	}
	for _, p := range s.Pages {
		add(p.URL, p.Page, p.Meta.Title, "")
	}
	return out
}

// cardStyle is the cards' colours by config.yaml's social_card_colors,
// each unset or unreadable one the default theme's.
func cardStyle(cc config.CardColors) cards.Style {
	st := cards.DefaultStyle()
	for key, dst := range map[string]*color.RGBA{"background": &st.Background, "text": &st.Text, "accent": &st.Accent, "label": &st.Label, "rule": &st.Rule} {
		if c, ok := config.ParseColor(cc.Or(key)); ok {
			*dst = c
		}
	}
	return st
}

// drawCard returns the stamped PNG of c, read from prev at the path at
// when an earlier build wrote it there, else drawn.
func drawCard(p *cards.Painter, c cards.Card, at string, prev *earlier) ([][]byte, error) {
	id := imaging.ID(cards.Sum(c))
	if data := prev.read(at, id); data != nil {
		prev.took(1)
		return [][]byte{data}, nil
	}
	png, err := p.Draw(c)
	if err != nil {
		return nil, err
	}
	png, err = imaging.Stamp(png, id)
	return [][]byte{png}, err
}

// label is what an article's card shows below the title: the category,
// else the section, else nothing.
func label(a *site.Article) string {
	switch {
	case a.Category != nil:
		return a.Category.Name
	case a.Section != nil:
		return a.Section.Title
	}
	return ""
}
