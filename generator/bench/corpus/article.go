package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// A plan is what other articles need to know about one article before any
// is written: where it lives, its title and slug (for links), and the
// subject its text favours. Plans are small, so even 100k fit easily.
type plan struct {
	section            uint8
	role, skill, field uint8
	date               time.Time
	title, slug        string
}

var (
	firstDay = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDay  = time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
)

const dateLayout = "2006-01-02T15:04:05"

// The streams of random numbers: one per article for its plan and one for
// its text, so articles can be written in any order, in parallel, and
// still come out the same.
func planRand(seed uint64, i int) *rand.Rand { return rand.New(rand.NewPCG(seed, uint64(i)*2)) }
func textRand(seed uint64, i int) *rand.Rand { return rand.New(rand.NewPCG(seed, uint64(i)*2+1)) }

// planArticles picks every article's section, subject, date and title, and
// gives each a unique slug: the title's, then -2, -3… on collision.
func planArticles(n int, seed uint64) []plan {
	plans := make([]plan, n)
	taken := make(map[string]int, n)
	days := int(lastDay.Sub(firstDay).Hours()/24) + 1
	for i := range plans {
		r := planRand(seed, i)
		p := &plans[i]
		p.section = uint8(r.IntN(len(sections)))
		p.role = uint8(r.IntN(len(roles)))
		p.skill = uint8(r.IntN(len(skills)))
		p.field = uint8(r.IntN(len(fields)))
		p.date = firstDay.AddDate(0, 0, r.IntN(days)).
			Add(time.Duration(6+r.IntN(13))*time.Hour + time.Duration(15*r.IntN(4))*time.Minute)
		w := writer{r: r, role: int(p.role), skill: int(p.skill), field: int(p.field), year: p.date.Year()}
		tmpls := sectionTmpls[p.section]
		p.title = w.text(tmpls[r.IntN(len(tmpls))], true)
		p.slug = uniqueSlug(taken, slugify(p.title, 60))
	}
	return plans
}

func uniqueSlug(taken map[string]int, base string) string {
	if base == "" {
		base = "article"
	}
	n, ok := taken[base]
	if !ok {
		taken[base] = 1
		return base
	}
	for {
		n++
		s := base + "-" + strconv.Itoa(n)
		if _, dup := taken[s]; !dup {
			taken[base] = n
			taken[s] = 1
			return s
		}
	}
}

// site is everything an article refers to.
type site struct {
	opts    Options
	plans   []plan
	authors []author
	tags    []string
}

// article appends article i, front matter and body, to w.buf.
func (s *site) article(w *writer, i int) {
	p := &s.plans[i]
	*w = writer{r: textRand(s.opts.Seed, i), buf: w.buf[:0],
		role: int(p.role), skill: int(p.skill), field: int(p.field), year: p.date.Year()}
	s.frontMatter(w, p)
	s.body(w, i)
	if n := len(w.buf); n >= 2 && w.buf[n-2] == '\n' {
		w.buf = w.buf[:n-1] // one newline at the end of the file
	}
}

func (s *site) frontMatter(w *writer, p *plan) {
	r := w.r
	w.str("---\ntitle: ")
	w.str(quote(p.title))
	w.str("\ndescription: ")
	w.str(quote(plain(w.text(descTmpls[r.IntN(len(descTmpls))], false))))
	w.str("\ndate: ")
	w.buf = p.date.AppendFormat(w.buf, dateLayout)
	if w.chance(30) {
		u := p.date.Add(time.Duration(1+r.IntN(700)) * 24 * time.Hour)
		if u.After(lastDay) {
			u = lastDay.Add(17 * time.Hour)
		}
		if !u.Before(p.date) {
			w.str("\nupdated: ")
			w.buf = u.AppendFormat(w.buf, dateLayout)
		}
	}
	// Some authors write far more than others.
	a := min(r.IntN(len(s.authors)), r.IntN(len(s.authors)))
	w.str("\nauthor: ")
	w.str(s.authors[a].key)
	if len(s.authors) > 1 && w.chance(25) {
		w.str("\nreviewed_by: ")
		w.str(s.authors[w.other(len(s.authors), a)].key)
	}
	cat := sections[p.section].category
	if w.chance(15) {
		cat = sections[r.IntN(len(sections))].category
	}
	w.str("\ncategory: ")
	w.str(quote(cat))
	s.writeTags(w)
	w.str("\nsources:")
	for range 1 + r.IntN(3) {
		t := w.text(sourceTmpls[r.IntN(len(sourceTmpls))], true)
		pub := publishers[r.IntN(len(publishers))]
		w.str("\n  - title: ")
		w.str(quote(t))
		w.str("\n    url: \"https://")
		w.str(slugify(pub, 40))
		w.str(".example.org/")
		w.str(slugify(t, 60))
		w.str("\"\n    publisher: ")
		w.str(quote(pub))
	}
	if w.chance(30) {
		w.str("\nfaq:")
		for _, q := range r.Perm(len(faqTmpls))[:2+r.IntN(3)] {
			w.str("\n  - q: ")
			w.str(quote(w.text(faqTmpls[q], false)))
			w.str("\n    a: ")
			a1 := w.text(sentenceTmpls[r.IntN(len(sentenceTmpls))], false)
			a2 := w.text(sentenceTmpls[r.IntN(len(sentenceTmpls))], false)
			w.str(quote(plain(a1 + " " + a2)))
		}
	}
	w.str("\n---\n\n")
}

// plain drops the Markdown marks of body sentences (emphasis, code) from
// text for the front matter, which templates show as it is.
func plain(s string) string { return strings.NewReplacer("*", "", "`", "").Replace(s) }

// writeTags draws 2–5 distinct tags, the first ones in the list far more
// often than the rest.
func (s *site) writeTags(w *writer) {
	n := min(2+w.r.IntN(4), len(s.tags))
	z := rand.NewZipf(w.r, 1.1, 4, uint64(len(s.tags)-1))
	var picked [5]int
	w.str("\ntags: [")
	for k := 0; k < n; {
		t := int(z.Uint64())
		dup := false
		for _, p := range picked[:k] {
			dup = dup || p == t
		}
		if dup {
			continue
		}
		if k > 0 {
			w.str(", ")
		}
		picked[k] = t
		k++
		w.str(quote(s.tags[t]))
	}
	w.str("]")
}
