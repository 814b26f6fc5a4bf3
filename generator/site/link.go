package site

import (
	"slices"
	"sync"
	"sync/atomic"
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
		if a.Meta.Featured {
			s.Featured = append(s.Featured, a)
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
		if a.Series != nil {
			a.Series.Articles = append(a.Series.Articles, a)
		}
		for _, t := range a.Tags {
			t.Articles = append(t.Articles, a)
		}
	}
	s.related = newRelater(s)
	for _, a := range s.Articles {
		a.related = s.related
	}
}

// relater picks related articles on demand: most shared tags first, then
// same category, then newest; ties broken by position in the date order, so
// the result is deterministic. An article's list is worked out the first time
// it is asked for (a preview server asks for few), by levels of shared
// tags (related.go), or, on a site with an article of more than
// maxLevelTags tags, by counting shared tags in a scratch slice indexed by
// article position while walking each tag's articles as a compact list of
// positions.
type relater struct {
	articles []*Article
	members  map[*Term][]int32 // a tag's articles, by position
	cats     []*Term           // each article's category, by position
	scratch  sync.Pool         // *scratch
	sets     sets              // for byLevels, made once counting has cost enough
	// counted is the work of byCounting so far, in list entries walked;
	// setsCost the work after which the sets are made (see setsWork).
	counted  atomic.Int64
	setsCost int64
}

// setsWork is a fifth of what making sets costs for one of its entries,
// in list entries walked by byCounting (~290 ns against ~4 ns, 10k corpus): the sets
// are made once counting has cost a fifth as much as making them, so a
// build that asks for every article's related ones counts a few of them
// first, and a preview server, which asks for a few, never makes them.
const setsWork = 20

type scratch struct {
	shared  []int32 // shared tags with the article at each position
	touched []int32 // positions whose shared count is not zero
}

func newRelater(s *Site) *relater {
	r := &relater{articles: s.Articles, members: make(map[*Term][]int32, len(s.Tags)), cats: make([]*Term, len(s.Articles))}
	for i, a := range s.Articles {
		a.idx = i
		r.cats[i] = a.Category
	}
	for _, t := range s.Tags {
		idx := make([]int32, len(t.Articles))
		for k, a := range t.Articles {
			idx[k] = int32(a.idx)
		}
		r.members[t] = idx
	}
	r.scratch.New = func() any { return &scratch{shared: make([]int32, len(s.Articles))} }
	for _, a := range s.Articles {
		r.setsCost += setsWork * (2<<len(a.Tags) - 1)
	}
	return r
}

// Related returns up to 3 articles related to a: most shared tags first,
// then the same category.
func (a *Article) Related() []*Article {
	a.relatedOnce.Do(func() {
		if a.related != nil && a.relatedList == nil {
			a.relatedList = a.related.of(a.idx)
		}
	})
	return a.relatedList
}

// SetRelated sets a's related articles instead of working them out.
func (a *Article) SetRelated(list []*Article) {
	a.relatedOnce.Do(func() {})
	a.relatedList = list
}

func (r *relater) of(i int) []*Article {
	a := r.articles[i]
	best, ok := r.byLevels(i)
	if !ok {
		best = r.byCounting(i)
	}
	return r.fill(a, best)
}

// fill returns the articles at best, then others of a's category.
func (r *relater) fill(a *Article, best []int32) []*Article {
	rel := make([]*Article, 0, maxRelated)
	for _, j := range best {
		rel = append(rel, r.articles[j])
	}
	// Short of maxRelated, rel holds every article that shares a tag: fill
	// it from the category.
	if a.Category != nil {
		for _, b := range a.Category.Articles {
			if len(rel) == maxRelated {
				break
			}
			if b != a && !slices.Contains(rel, b) {
				rel = append(rel, b)
			}
		}
	}
	return rel
}

// byCounting returns the positions of the articles related to the i-th by
// its tags, best first: it counts, for every article, the tags it shares.
func (r *relater) byCounting(i int) []int32 {
	sc := r.scratch.Get().(*scratch)
	defer r.scratch.Put(sc)
	shared := sc.shared
	touched := sc.touched[:0]
	for _, t := range r.articles[i].Tags {
		for _, j := range r.members[t] {
			if shared[j] == 0 {
				touched = append(touched, j)
			}
			shared[j]++
		}
	}
	best, n := r.top(i, shared, touched)
	for _, j := range touched {
		shared[j] = 0
	}
	sc.touched = touched
	return slices.Clone(best[:n])
}

// top keeps the best maxRelated candidates by insertion. A candidate's rank
// is its shared tags, then same category: higher first; ties go to the lower
// position (the newer article).
func (r *relater) top(i int, shared, touched []int32) ([maxRelated]int32, int) {
	cat := r.cats[i]
	var best, bestRank [maxRelated]int32
	n := 0
	for _, j := range touched {
		if int(j) == i || (n == maxRelated && shared[j]*2+1 < bestRank[maxRelated-1]) {
			continue
		}
		rank := shared[j] * 2
		if cat != nil && r.cats[j] == cat {
			rank++
		}
		k := n
		if n < maxRelated {
			n++
		} else if rank < bestRank[k-1] || (rank == bestRank[k-1] && j > best[k-1]) {
			continue
		} else {
			k = maxRelated - 1
		}
		for k > 0 && (rank > bestRank[k-1] || (rank == bestRank[k-1] && j < best[k-1])) {
			best[k], bestRank[k] = best[k-1], bestRank[k-1]
			k--
		}
		best[k], bestRank[k] = j, rank
	}
	return best, n
}
