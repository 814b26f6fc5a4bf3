package site

import (
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
// counts shared tags in its own slice indexed by article position, walking
// each tag's articles as a compact list of positions.
func (s *Site) relate() {
	for i, a := range s.Articles {
		a.idx = i
	}
	members := make(map[*Term][]int32, len(s.Tags))
	for _, t := range s.Tags {
		idx := make([]int32, len(t.Articles))
		for k, a := range t.Articles {
			idx[k] = int32(a.idx)
		}
		members[t] = idx
	}
	cats := make([]*Term, len(s.Articles)) // each article's category, in a compact slice
	for i, a := range s.Articles {
		cats[i] = a.Category
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(s.Articles)/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			shared := make([]int32, len(s.Articles))
			var touched []int32
			for i := w; i < len(s.Articles); i += workers {
				touched = s.relateOne(i, members, cats, shared, touched[:0])
			}
		})
	}
	wg.Wait()
}

func (s *Site) relateOne(i int, members map[*Term][]int32, cats []*Term, shared, touched []int32) []int32 {
	a := s.Articles[i]
	for _, t := range a.Tags {
		for _, j := range members[t] {
			if shared[j] == 0 {
				touched = append(touched, j)
			}
			shared[j]++
		}
	}
	// rank is shared tags, then same category: higher first; ties go to
	// the lower position (the newer article).
	rank := func(j int32) int32 {
		r := shared[j] * 2
		if a.Category != nil && cats[j] == a.Category {
			r++
		}
		return r
	}
	var best [maxRelated]int32
	var bestRank [maxRelated]int32
	n := 0
	for _, j := range touched { // keep the top maxRelated by insertion
		if int(j) == i || (n == maxRelated && shared[j]*2+1 < bestRank[maxRelated-1]) {
			continue
		}
		r := rank(j)
		k := n
		if n < maxRelated {
			n++
		} else if r <= bestRank[maxRelated-1] && !(r == bestRank[maxRelated-1] && j < best[maxRelated-1]) {
			continue
		} else {
			k = maxRelated - 1
		}
		for k > 0 && (r > bestRank[k-1] || (r == bestRank[k-1] && j < best[k-1])) {
			best[k], bestRank[k] = best[k-1], bestRank[k-1]
			k--
		}
		best[k], bestRank[k] = j, r
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
