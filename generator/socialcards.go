package generator

import (
	"github.com/byline/byline/generator/cards"
	"github.com/byline/byline/generator/config"
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
// asks for them (social_cards: true): each article without an image of
// its own gets one showing its title, the site's title and its category,
// else its section, unless the Go fonts lack a character of them (a title
// in Japanese or Arabic), when it keeps the site's default. The renderer
// draws them as jobs beside the pages; a card is kept in cache by a hash
// of what it shows, so watch and serve draw an unchanged one once.
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
	for _, a := range s.Articles {
		if a.Meta.Image != "" {
			continue
		}
		c := cards.Card{Title: a.Meta.Title, Site: s.Config.Title, Label: label(a)}
		if !p.Drawable(c) {
			continue
		}
		key := imaging.Key(cards.Sum(c))
		cache.Touch(key)
		out = append(out, render.Card{Article: a, Name: cards.Name(c), Make: func(at string, list *diag.List) []byte {
			data, err := cache.Copies(key, func() ([][]byte, error) {
				return drawCard(p, c, at, prev)
			})
			if err != nil || len(data) != 1 {
				list.Errorf(diag.Pos{Path: a.File}, "cannot draw the social card of this article: %v", err)
				return nil
			}
			return data[0]
		}})
	}
	return out
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

// label is what a card shows below the title: the category, else the
// section, else nothing.
func label(a *site.Article) string {
	switch {
	case a.Category != nil:
		return a.Category.Name
	case a.Section != nil:
		return a.Section.Title
	}
	return ""
}
