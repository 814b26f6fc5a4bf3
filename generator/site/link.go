package site

import (
	"cmp"
	"runtime"
	"sync"
)

// maxRelated is how many related articles an article shows.
const maxRelated = 3

// link fills the article lists of authors, sections and terms, the
// neighbours and related articles, and the site's Updated time. Articles are
// already newest first, so every list built here is too.
func (s *Site) link() {
	for i, a := range s.Articles {
		if i > 0 {
			a.Newer = s.Articles[i-1]
		}
		if i+1 < len(s.Articles) {
			a.Older = s.Articles[i+1]
		}
		if a.Updated.After(s.Updated) {
			s.Updated = a.Updated
		}
		for _, au := range a.Authors {
			au.Articles = append(au.Articles, a)
		}
		if a.Section != nil {
			a.Section.Articles = append(a.Section.Articles, a)
		}
		if a.Category != nil {
			a.Category.Articles = append(a.Category.Articles, a)
		}
		for _, t := range a.Tags {
			t.Articles = append(t.Articles, a)
		}
	}
	s.relate()
}

// relate picks each article's related articles: most shared tags first, then
// same category, then newest; ties broken by position in the date order, so
// the result is deterministic. Work is spread over the cores; each worker
// counts shared tags in its own slice indexed by article position.
func (s *Site) relate() {
	for i, a := range s.Articles {
		a.idx = i
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(s.Articles)/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			shared := make([]int, len(s.Articles))
			var touched []int
			for i := w; i < len(s.Articles); i += workers {
				touched = s.relateOne(i, shared, touched[:0])
			}
		})
	}
	wg.Wait()
}

func (s *Site) relateOne(i int, shared []int, touched []int) []int {
	a := s.Articles[i]
	for _, t := range a.Tags {
		for _, b := range t.Articles {
			j := b.idx
			if j == i {
				continue
			}
			if shared[j] == 0 {
				touched = append(touched, j)
			}
			shared[j]++
		}
	}
	better := func(x, y int) bool { // x ranks before y
		return cmp.Or(cmp.Compare(shared[y], shared[x]), cmp.Compare(s.sameCategory(a, y), s.sameCategory(a, x)), cmp.Compare(x, y)) < 0
	}
	var best [maxRelated]int
	n := 0
	for _, j := range touched { // keep the top maxRelated by insertion
		k := n
		if n < maxRelated {
			n++
		} else if !better(j, best[maxRelated-1]) {
			continue
		} else {
			k = maxRelated - 1
		}
		for k > 0 && better(j, best[k-1]) {
			best[k] = best[k-1]
			k--
		}
		best[k] = j
	}
	rel := make([]*Article, 0, maxRelated)
	for _, j := range best[:n] {
		rel = append(rel, s.Articles[j])
	}
	if a.Category != nil {
		for _, b := range a.Category.Articles {
			if len(rel) == maxRelated {
				break
			}
			if b != a && shared[b.idx] == 0 {
				rel = append(rel, b)
			}
		}
	}
	for _, j := range touched {
		shared[j] = 0
	}
	a.Related = rel
	return touched
}

func (s *Site) sameCategory(a *Article, j int) int {
	if a.Category != nil && s.Articles[j].Category == a.Category {
		return 1
	}
	return 0
}
