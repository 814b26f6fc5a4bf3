package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/byline/byline/generator/content"
)

// TestRelatedByLevels checks that byLevels picks the same related articles
// as byCounting, in the same order, for every article of random sites:
// few or many tags a site and an article, popular and rare tags, articles
// in a category or none.
func TestRelatedByLevels(t *testing.T) {
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 1))
		s := randomSite(rng)
		r := s.related
		r.counted.Store(r.setsCost) // as if counting had cost enough
		for i := range s.Articles {
			levels, ok := r.byLevels(i)
			if !ok {
				t.Fatalf("seed %d: byLevels declined", seed)
			}
			if counting := r.byCounting(i); !slices.Equal(levels, counting) {
				t.Fatalf("seed %d, article %d (tags %v): by levels %v, by counting %v", seed, i, names(s.Articles[i].Tags), levels, counting)
			}
		}
	}
}

// TestRelatedWithManyTags checks that a site with an article of more than
// maxLevelTags tags is related by counting, and the same as before.
func TestRelatedWithManyTags(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 1))
	s := randomSite(rng)
	for k := range maxLevelTags + 1 {
		term := &Term{Name: fmt.Sprint("extra", k)}
		s.Tags = append(s.Tags, term)
		s.Articles[0].Tags = append(s.Articles[0].Tags, term)
	}
	s.related = newRelater(s)
	s.related.counted.Store(s.related.setsCost)
	if _, ok := s.related.byLevels(0); ok {
		t.Fatal("byLevels took a site with an article of more than maxLevelTags tags")
	}
}

// randomSite returns a site of up to 300 articles, newest first, linked.
func randomSite(rng *rand.Rand) *Site {
	s := &Site{}
	for k := range 1 + rng.IntN(12) {
		s.Tags = append(s.Tags, &Term{Taxonomy: "tags", Name: fmt.Sprint("t", k)})
	}
	for k := range rng.IntN(4) {
		s.Categories = append(s.Categories, &Term{Taxonomy: "categories", Name: fmt.Sprint("c", k)})
	}
	for range 1 + rng.IntN(300) {
		a := &Article{}
		a.SetPage(&content.Page{})
		for range rng.IntN(min(len(s.Tags), 7) + 1) {
			// Skewed: low-numbered tags are popular.
			t := s.Tags[rng.IntN(1+rng.IntN(len(s.Tags)))]
			if !slices.Contains(a.Tags, t) {
				a.Tags = append(a.Tags, t)
			}
		}
		if len(s.Categories) > 0 && rng.IntN(5) > 0 {
			a.Category = s.Categories[rng.IntN(len(s.Categories))]
		}
		s.Articles = append(s.Articles, a)
	}
	s.link()
	return s
}

// randomSiteOf returns the first randomSite of at least n articles that
// the generator seeded with seed makes.
func randomSiteOf(n int, seed uint64) *Site {
	rng := rand.New(rand.NewPCG(seed, 1))
	s := randomSite(rng)
	for len(s.Articles) < n {
		s = randomSite(rng)
	}
	return s
}

func names(terms []*Term) []string {
	var out []string
	for _, t := range terms {
		out = append(out, t.Name)
	}
	return out
}

// TestRelatedCountsFirst checks that the sets are made only once counting
// has cost enough (setsWork): a preview server asks for few articles'
// related ones (here, the same ones again and again).
func TestRelatedCountsFirst(t *testing.T) {
	s := randomSiteOf(100, 11)
	r := s.related
	if _, ok := r.byLevels(0); ok || r.sets.made.Load() {
		t.Fatal("the first article's related ones were not counted")
	}
	for round := 0; r.counted.Load() < r.setsCost && round < 1000; round++ {
		for i := range s.Articles {
			r.byLevels(i)
		}
	}
	if _, ok := r.byLevels(0); !ok || !r.sets.made.Load() {
		t.Fatalf("no sets after counting %d entries, more than %d", r.counted.Load(), r.setsCost)
	}
}

// TestRelatedConcurrently asks for every article's related ones from
// several goroutines at once, as a build's render workers do, while the
// sets are being made: under -race, and against counting.
func TestRelatedConcurrently(t *testing.T) {
	s := randomSiteOf(100, 5)
	r := s.related
	want := make([][]int32, len(s.Articles))
	for i := range s.Articles {
		want[i] = r.byCounting(i)
	}
	r.counted.Store(r.setsCost - 1) // the next call makes the sets
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i := range s.Articles {
				if got, ok := r.byLevels(i); ok && !slices.Equal(got, want[i]) {
					t.Errorf("article %d: %v, by counting %v", i, got, want[i])
				}
			}
		})
	}
	wg.Wait()
	if !r.sets.made.Load() {
		t.Error("no sets made")
	}
}

// TestRelatedWhileSetsAreMade checks that a worker does not wait for the
// sets another is making: it counts, and finds the same articles.
func TestRelatedWhileSetsAreMade(t *testing.T) {
	s := randomSiteOf(100, 3)
	r := s.related
	r.counted.Store(r.setsCost)
	r.sets.taken.Store(true) // another worker is making them
	for i := range s.Articles {
		if _, ok := r.byLevels(i); ok {
			t.Fatalf("article %d: byLevels used sets not made yet", i)
		}
		if got, want := r.of(i), r.fill(s.Articles[i], r.byCounting(i)); !slices.Equal(got, want) {
			t.Fatalf("article %d: %v while the sets are made, %v by counting", i, got, want)
		}
	}
	if r.sets.made.Load() {
		t.Fatal("the sets were made by a worker that did not take them")
	}
}
