package site

import (
	"slices"
	"sync/atomic"
)

// maxLevelTags is the most tags an article may have for the related
// articles of the site to be found by levels; with one that has more,
// every article's are found by counting.
const maxLevelTags = 10

// setKey names a set of tags, and maybe a category, by their ids in
// increasing order: a category's id is above every tag's.
type setKey struct {
	n   int
	ids [maxLevelTags + 1]int32
}

// sets indexes, for each set S of tags and category that some article
// has (a subset of its own), the articles that have all of S, by
// position. An article of n tags and a category is in 2^(n+1)−1 lists:
// 7 to 63 for 2 to 5 tags.
type sets struct {
	taken atomic.Bool // a worker is making them, or has
	made  atomic.Bool // they are made
	ok    bool        // no article has more than maxLevelTags tags
	ids   map[*Term]int32
	lists map[setKey][]int32
}

// buildSets makes r.sets, unless an article has more than maxLevelTags
// tags.
func (r *relater) buildSets() {
	x := &r.sets
	defer x.made.Store(true)
	x.ids = make(map[*Term]int32)
	for _, a := range r.articles {
		if len(a.Tags) > maxLevelTags {
			return
		}
		for _, t := range a.Tags {
			if _, ok := x.ids[t]; !ok {
				x.ids[t] = int32(len(x.ids))
			}
		}
	}
	for _, a := range r.articles {
		if t := a.Category; t != nil {
			if _, ok := x.ids[t]; !ok {
				x.ids[t] = int32(len(x.ids)) // above every tag's
			}
		}
	}
	entries := 0
	for _, a := range r.articles {
		entries += 2<<len(a.Tags) - 1
	}
	x.lists = make(map[setKey][]int32, entries/2)
	for j, a := range r.articles {
		elems := r.elems(a, true)
		for set := 1; set < 1<<len(elems); set++ {
			key := pick(elems, set)
			x.lists[key] = append(x.lists[key], int32(j))
		}
	}
	// A list of one article is of use to none: only an article that has
	// the set looks it up, and it leaves itself out. Most sets of four or
	// five tags are one article's.
	shared := 0
	for _, l := range x.lists {
		if len(l) > 1 {
			shared++
		}
	}
	kept := make(map[setKey][]int32, shared)
	for key, l := range x.lists {
		if len(l) > 1 {
			kept[key] = l
		}
	}
	x.lists = kept
	x.ok = true
}

// elems returns the ids of a's tags in increasing order, then its
// category's when withCat and it has one.
func (r *relater) elems(a *Article, withCat bool) []int32 {
	elems := make([]int32, 0, len(a.Tags)+1)
	for _, t := range a.Tags {
		elems = append(elems, r.sets.ids[t])
	}
	slices.Sort(elems)
	if withCat && a.Category != nil {
		elems = append(elems, r.sets.ids[a.Category])
	}
	return elems
}

// pick returns the key of the elements of elems whose bits are set in set.
func pick(elems []int32, set int) setKey {
	var key setKey
	for k, id := range elems {
		if set&(1<<k) != 0 {
			key.ids[key.n] = id
			key.n++
		}
	}
	return key
}

// byLevels returns the positions of the articles related to the i-th by
// its tags, best first, as byCounting does, without counting the tags
// every article shares with it: counting walks each tag's whole list of
// articles, so on a site whose popular tags hold a share of all articles
// it costs the square of the site's size (100k articles: 12 s). It
// reports false when the site has an article of more than maxLevelTags
// tags.
//
// An article shares s of the tags T of the i-th exactly when it is in
// the list of some s-subset of T, and of no larger one. So byLevels takes
// s from len(T) down to 1 and, at each level, the articles of the lists of
// the s-subsets of T and the category, then of the s-subsets alone, in
// the lists' order, the site's, newest first: those of the level that rank
// highest. Every article that shares more was taken at a level above,
// since a level is left only when it has run out; so a level whose lists
// are long is never run out, and reading one costs a few steps.
func (r *relater) byLevels(i int) ([]int32, bool) {
	if !r.sets.made.Load() {
		// Count until counting has cost enough (see setsWork).
		work := int64(0)
		for _, t := range r.articles[i].Tags {
			work += int64(len(r.members[t]))
		}
		// One worker makes the sets; the others count meanwhile, rather
		// than wait for it (a tenth of a second at 10k articles).
		if r.counted.Add(work) < r.setsCost || !r.sets.taken.CompareAndSwap(false, true) {
			return nil, false
		}
		r.buildSets()
	}
	if !r.sets.ok {
		return nil, false
	}
	a := r.articles[i]
	tags := r.elems(a, false)
	var cat int32 = -1
	if a.Category != nil {
		cat = r.sets.ids[a.Category]
	}
	best := make([]int32, 0, maxRelated)
	var lists [][]int32
	for s := len(tags); s >= 1 && len(best) < maxRelated; s-- {
		for _, withCat := range [...]bool{true, false} {
			if withCat && cat < 0 {
				continue
			}
			lists = lists[:0]
			for set := 1<<s - 1; set < 1<<len(tags); set = nextSet(set) {
				key := pick(tags, set)
				if withCat {
					key.ids[key.n] = cat
					key.n++
				}
				if l := r.sets.lists[key]; len(l) > 0 {
					lists = append(lists, l)
				}
			}
			best = takeInOrder(lists, best, int32(i))
		}
	}
	return best, true
}

// takeInOrder appends to best, up to maxRelated, the positions of lists,
// each sorted, smallest first, leaving out self and those best has. It
// consumes lists.
func takeInOrder(lists [][]int32, best []int32, self int32) []int32 {
	for len(best) < maxRelated {
		next := int32(-1)
		for _, l := range lists {
			if len(l) > 0 && (next < 0 || l[0] < next) {
				next = l[0]
			}
		}
		if next < 0 {
			return best
		}
		for k, l := range lists {
			if len(l) > 0 && l[0] == next {
				lists[k] = l[1:]
			}
		}
		if next != self && !slices.Contains(best, next) {
			best = append(best, next)
		}
	}
	return best
}

// nextSet returns the next larger number with as many bits set as set
// ("Gosper's hack"): it goes through the subsets of one size in order.
func nextSet(set int) int {
	low := set & -set
	ripple := set + low
	return ripple | (set^ripple)>>2/low
}
