package site

import "strconv"

// Paginate splits articles into pages of perPage at base ("/articles/"),
// base+"page/2/", and so on. An empty list still has one page.
func Paginate(base string, articles []*Article, perPage int) []*Pager {
	if perPage < 1 {
		perPage = 10
	}
	total := max(1, (len(articles)+perPage-1)/perPage)
	pagers := make([]*Pager, total)
	for i := range pagers {
		lo, hi := i*perPage, min((i+1)*perPage, len(articles))
		pagers[i] = &Pager{Number: i + 1, Total: total, URL: PageURL(base, i+1), First: base, Articles: articles[lo:hi]}
		if i > 0 {
			pagers[i].Prev = PageURL(base, i)
		}
		if i+1 < total {
			pagers[i].Next = PageURL(base, i+2)
		}
	}
	return pagers
}

// PageURL is the URL of page n of the list at base.
func PageURL(base string, n int) string {
	if n == 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}
