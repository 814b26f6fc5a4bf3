package content

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// object calls set for each key of the mapping v, warning about keys not in
// known. It returns false when v is not a mapping.
func (d *metaDecoder) object(v *value, path string, known []string, set func(key string, val *value)) bool {
	if v.kind != mapValue {
		d.expected(v, path, "a mapping with keys "+quoteList(known))
		return false
	}
	for _, e := range v.entries {
		if !contains(known, e.key) {
			d.list.Warnf(d.at(e.line, e.col), "%s: %s", path, unknownKey(e.key, known, false, 0))
			continue
		}
		if e.val.kind == scalarValue && e.val.scalar == nil {
			continue
		}
		set(e.key, e.val)
	}
	return true
}

// each calls fn for each item of the list v, with the item's path.
func (d *metaDecoder) each(v *value, key string, fn func(path string, item *value)) {
	if v.kind != listValue {
		d.expected(v, key, "a list")
		return
	}
	for i, item := range v.list {
		fn(fmt.Sprintf("%s[%d]", key, i), item)
	}
}

// require reports an empty field of a list item at the item's position.
func (d *metaDecoder) require(item *value, path, key, got string) {
	if got == "" {
		d.errorf(item, "%s: missing %q", path, key)
	}
}

func (d *metaDecoder) sources(v *value) []Source {
	var out []Source
	d.each(v, "sources", func(path string, item *value) {
		var s Source
		ok := d.object(item, path, []string{"publisher", "title", "url"}, func(key string, val *value) {
			switch key {
			case "title":
				s.Title = d.str(val, path+".title")
			case "url":
				s.URL = d.url(val, path+".url")
			case "publisher":
				s.Publisher = d.str(val, path+".publisher")
			}
		})
		if ok {
			d.require(item, path, "title", s.Title)
			out = append(out, s)
		}
	})
	return out
}

func (d *metaDecoder) career(v *value) *Career {
	var c Career
	known := []string{"currency", "education", "median_salary", "outlook", "skills"}
	ok := d.object(v, "career", known, func(key string, val *value) {
		switch key {
		case "median_salary":
			c.MedianSalary = d.number(val, "career.median_salary")
			if m := c.MedianSalary; math.IsNaN(m) || m < 0 || m >= 1e15 {
				// The fact box and the JSON-LD would show nonsense
				// ("$-9,223,372,036,854,775,808", "median":1e+300).
				d.errorf(val, "career.median_salary must be a yearly amount of 0 or more, below 1e15, found %v", m)
				c.MedianSalary = 0
			}
		case "currency":
			c.Currency = d.currency(val)
		case "outlook":
			c.Outlook = d.str(val, "career.outlook")
		case "education":
			c.Education = d.str(val, "career.education")
		case "skills":
			c.Skills = d.strs(val, "career.skills")
		}
	})
	if !ok {
		return nil
	}
	return &c
}

func (d *metaDecoder) faq(v *value) []FAQ {
	var out []FAQ
	d.each(v, "faq", func(path string, item *value) {
		var f FAQ
		ok := d.object(item, path, []string{"a", "q"}, func(key string, val *value) {
			if key == "q" {
				f.Q = d.str(val, path+".q")
			} else {
				f.A = d.str(val, path+".a")
			}
		})
		if ok {
			d.require(item, path, "q", f.Q)
			d.require(item, path, "a", f.A)
			out = append(out, f)
		}
	})
	return out
}

func (d *metaDecoder) comments(v *value) []Comment {
	var out []Comment
	d.each(v, "comments", func(path string, item *value) {
		var c Comment
		dated := false
		ok := d.object(item, path, []string{"author", "body", "date"}, func(key string, val *value) {
			switch key {
			case "author":
				c.Author = d.str(val, path+".author")
			case "date":
				c.Date, dated = d.date(val), true
			case "body":
				c.Body = d.str(val, path+".body")
			}
		})
		if ok {
			d.require(item, path, "author", c.Author)
			d.require(item, path, "body", c.Body)
			if !dated {
				d.errorf(item, "%s: missing %q", path, "date")
			}
			out = append(out, c)
		}
	})
	// The Discussion section lists comments oldest first (design §3),
	// whatever order they were pasted in; one date keeps the file's order.
	slices.SortStableFunc(out, func(a, b Comment) int { return a.Date.Compare(b.Date) })
	return out
}

// changes decodes an article's noted updates, in the order written;
// parse checks their dates and sorts them.
func (d *metaDecoder) changes(v *value) []Change {
	var out []Change
	d.each(v, "changes", func(path string, item *value) {
		var c Change
		dated := false
		ok := d.object(item, path, []string{"date", "note"}, func(key string, val *value) {
			switch key {
			case "date":
				c.Date, dated = d.date(val), true
			case "note":
				c.Note = d.str(val, path+".note")
			}
		})
		if ok {
			d.require(item, path, "note", c.Note)
			if !dated {
				d.errorf(item, "%s: missing %q: when the article changed, as in date: 2026-03-01", path, "date")
			}
			out = append(out, c)
		}
	})
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteList(keys []string) string {
	s := ""
	for i, k := range keys {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%q", k)
	}
	return s
}

// currency reads an ISO 4217 code, in upper case as JSON-LD wants it.
func (d *metaDecoder) currency(v *value) string {
	s := d.str(v, "career.currency")
	code := strings.ToUpper(strings.TrimSpace(s))
	if s != "" && (len(code) != 3 || strings.Trim(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "") {
		d.errorf(v, "career.currency %q is not a currency code: write its three-letter ISO 4217 code, such as USD, EUR or GBP", s)
		return ""
	}
	return code
}
