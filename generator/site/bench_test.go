package site

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
)

// benchContent makes n articles with 2–5 tags drawn from 120 with a Zipf
// skew (the most used tag is on about a quarter of the articles) and one of
// 6 categories, like the corpus generator's sites.
func benchContent(n int) *content.Content {
	r := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(r, 1.1, 4, 119)
	c := &content.Content{}
	for i := range n {
		meta := content.Meta{Title: fmt.Sprint("Article ", i), Date: now.Add(-time.Duration(i) * time.Hour), Category: fmt.Sprint("cat", i%6)}
		for range 2 + r.IntN(4) {
			meta.Tags = append(meta.Tags, fmt.Sprint("tag", zipf.Uint64()))
		}
		c.Articles = append(c.Articles, article(fmt.Sprintf("articles/a%d.md", i), meta))
	}
	return c
}

func BenchmarkAssemble10k(b *testing.B) {
	c := benchContent(10000)
	cfg := config.Default()
	for b.Loop() {
		var list diag.List
		Assemble(cfg, c, Options{Now: now}, &list)
	}
}

func BenchmarkRelatedAll10k(b *testing.B) {
	c := benchContent(10000)
	cfg := config.Default()
	for b.Loop() {
		var list diag.List
		s := Assemble(cfg, c, Options{Now: now}, &list)
		for _, a := range s.Articles {
			a.Related()
		}
	}
}
