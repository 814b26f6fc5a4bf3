package corpus

import (
	"strconv"
	"strings"
)

// body appends article i's Markdown: an intro, 5–8 sections of about equal
// length, 800–1,600 words of prose in all, with lists, links, inline code,
// emphasis, now and then a table, a code block and ### subsections.
func (s *site) body(w *writer, i int) {
	r := w.r
	target := 800 + r.IntN(801)
	sections := 5 + r.IntN(4)
	table, codeAt := -1, -1
	if w.chance(30) {
		table = r.IntN(sections)
	}
	if w.chance(40) {
		codeAt = r.IntN(sections)
	}

	written := w.sentence(introTmpls[r.IntN(len(introTmpls))])
	for range 2 + r.IntN(3) {
		w.str(" ")
		written += w.sentence(sentenceTmpls[r.IntN(len(sentenceTmpls))])
	}
	w.str("\n\n")
	per := max((target-written)/sections, 60)
	for k, h := range r.Perm(len(headingTmpls))[:sections] {
		w.str("## ")
		w.sentence(headingTmpls[h])
		w.str("\n\n")
		sub := w.chance(30)
		words := 0
		for para := 0; words < per; para++ {
			if sub && para == 1 {
				w.str("### ")
				w.str(subheadings[r.IntN(len(subheadings))])
				w.str("\n\n")
			}
			words += s.paragraph(w, i, min(per-words, 40+r.IntN(70)))
			if para == 0 && w.chance(35) {
				words += s.list(w)
			}
		}
		if k == table {
			s.table(w)
		}
		if k == codeAt {
			s.code(w)
		}
	}
}

// paragraph appends sentences until about n words, maybe ending with a
// link to another article, and returns the words written.
func (s *site) paragraph(w *writer, self, n int) int {
	r := w.r
	written := 0
	for written < n {
		if written > 0 {
			w.str(" ")
		}
		written += w.sentence(sentenceTmpls[r.IntN(len(sentenceTmpls))])
	}
	if len(s.plans) > 1 && w.chance(30) {
		p := &s.plans[w.other(len(s.plans), self)]
		w.str(" ")
		start := len(w.buf)
		w.str(linkLeads[r.IntN(len(linkLeads))])
		w.str(" [")
		w.str(p.title)
		w.str("](/articles/")
		w.str(p.slug)
		w.str("/).")
		written += words(w.buf[start:])
	}
	w.str("\n\n")
	return written
}

var linkLeads = []string{"We cover this in more depth in", "Related reading:", "See also", "For a worked example, read"}

func (s *site) list(w *writer) int {
	written := 0
	for _, b := range w.r.Perm(len(bulletTmpls))[:3+w.r.IntN(3)] {
		w.str("- ")
		written += w.sentence(bulletTmpls[b])
		w.str("\n")
	}
	w.str("\n")
	return written
}

func (s *site) table(w *writer) {
	r := w.r
	kind := r.IntN(len(tableHeads))
	head := tableHeads[kind]
	w.str("| " + head[0] + " | " + head[1] + " | " + head[2] + " |\n| --- | --- | --- |\n")
	rows := 3 + r.IntN(3)
	base := 55 + r.IntN(40)
	for k := range rows {
		w.str("| ")
		switch kind {
		case 0:
			w.str(levels[k])
			w.str(" | $")
			lo := base + k*25 + r.IntN(10)
			w.buf = strconv.AppendInt(w.buf, int64(lo), 10)
			w.str(",000 to $")
			w.buf = strconv.AppendInt(w.buf, int64(lo+15+r.IntN(20)), 10)
			w.str(",000 | ")
			w.buf = strconv.AppendInt(w.buf, int64(k*3), 10)
			w.str(" to ")
			w.buf = strconv.AppendInt(w.buf, int64(k*3+3), 10)
		case 1:
			w.str(skillTerms[r.IntN(len(skills))].title)
			w.str(" | It comes up in ")
			w.str(activities[r.IntN(len(activities))])
			w.str(" | ")
			w.str(tools[r.IntN(len(tools))])
		default:
			w.str(routes[k])
			w.str(" | ")
			w.buf = strconv.AppendInt(w.buf, int64(3+r.IntN(36)), 10)
			w.str(" months | ")
			if k == 2 {
				w.str("Low")
			} else {
				w.str("$")
				w.buf = strconv.AppendInt(w.buf, int64(1+r.IntN(30)), 10)
				w.str(",000")
			}
		}
		w.str(" |\n")
	}
	w.str("\n")
}

func (s *site) code(w *writer) {
	c := code[w.r.IntN(len(code))]
	w.str("Here is the kind of short snippet you may be asked to read and explain:\n\n```")
	w.str(c.lang)
	w.str("\n")
	w.str(strings.ReplaceAll(c.text, "@w@", codeWords[w.r.IntN(len(codeWords))]))
	w.str("```\n\n")
}
