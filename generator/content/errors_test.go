package content

import (
	"fmt"
	"strings"
	"testing"
)

// TestErrorPositions checks the exact text of messages: the line is the
// line in the file, not in the front matter.
func TestErrorPositions(t *testing.T) {
	for _, tt := range []struct {
		name, path, src string
		want            []string
	}{
		{"yaml bad indentation", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\n  tags: [a]\n---\n",
			[]string{`site/articles/x.md:3:7: mapping value is not allowed in this context: a value that holds ": " must be quoted, as in title: "How to: Start"; or this line is indented more than the one before`}},
		// go-yaml places this at the next key: the error is at the "[".
		{"yaml list left open before a key", "articles/x.md", "---\ntitle: \"[a] b\" # [c\nseries: [Getting Hired in Tech\ndate: 2024-01-01\n---\n",
			[]string{`site/articles/x.md:3:9: ',' or ']' must be specified: a list opened with [ is not closed: end it with ]`}},
		// The commonest slip in front matter: a title with a colon.
		{"yaml colon in a title", "articles/x.md", "---\ntitle: SRE: What It Is\ndate: 2024-01-01\n---\n",
			[]string{`site/articles/x.md:2:8: mapping value is not allowed in this context: a value that holds ": " must be quoted, as in title: "How to: Start"; or this line is indented more than the one before`}},
		{"yaml text after a list", "articles/x.md", "---\ntitle: [Draft] Notes\ndate: 2024-01-01\n---\n",
			[]string{`site/articles/x.md:2:16: value is not allowed in this context: text follows a quoted value, a list or a mapping on one line: quote the whole value, as in title: "[Draft] Notes", writing '' for a ' inside '…'; or check the indentation`}},
		{"yaml unclosed list", "articles/x.md", "\n---\ntitle: T\ntags: [a, b\n---\n",
			[]string{"site/articles/x.md:4:7: sequence end token ']' not found: a list opened with [ is not closed: end it with ]"}},
		{"yaml duplicate key", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\ntitle: U\n---\n",
			[]string{`site/articles/x.md:4:1: duplicate key "title" (first set on line 2)`}},
		{"toml", "articles/x.md", "+++\ntitle = \"T\"\ndate = 2024-01-01\ntags = [\"a\" \"b\"]\n+++\n",
			[]string{"site/articles/x.md:4:13: expected a comma (',') or array terminator (']'), but got '\"'"}},
		{"toml escape at the end", "articles/x.md", "+++\ndate = 2024-01-01\ntitle = \"T\\\n+++\n",
			[]string{`site/articles/x.md:3:10: invalid escape in string '\\n'`}},
		{"json syntax", "articles/x.md", "{\n  \"title\": \"T\",\n  \"date\": \"2024-01-01\",\n  \"tags\": [\"a\",]\n}\n",
			[]string{"site/articles/x.md:4:16: invalid JSON: invalid character ']' looking for beginning of value: JSON allows no comma after the last item: remove it"}},
		{"json duplicate key", "articles/x.md", "{\"title\": \"T\",\n \"date\": \"2024-01-01\",\n \"title\": \"U\"}\n",
			[]string{`site/articles/x.md:3:2: duplicate key "title" (first set on line 1)`}},
		{"json unclosed", "articles/x.md", "{\"title\": \"T\",\n",
			[]string{"site/articles/x.md:2:1: invalid JSON: front matter JSON object is not closed"}},
		// A second document with no body panicked: "--- #c" is no closing line.
		{"second document", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\n--- #c\n---\n",
			[]string{"site/articles/x.md:4:1: front matter must be a single YAML document: remove this line, or end the front matter here"}},
		{"document end", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\n...\nx: 1\n---\n",
			[]string{"site/articles/x.md:4:1: front matter must be a single YAML document: remove this line, or end the front matter here"}},
		// go-yaml takes seconds on 20,000 unclosed "[" (FuzzLoad found it
		// in config): refused before it parses.
		{"brackets left open", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\ntags: " + strings.Repeat("[", 5000) + "\n---\n",
			[]string{"site/articles/x.md:4:263: front matter is nested too deeply"}},
		{"inline tables left open", "articles/x.md", "+++\ntitle = \"T\"\ndate = 2024-01-01\ntags = " + strings.Repeat("{a=", 1000) + "\n+++\n",
			[]string{"site/articles/x.md:4:776: front matter is nested too deeply"}},
		// goldmark took 26 s on this body, 1.6 MB of brackets nested deep.
		{"link brackets nested deep", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\n---\nIntro.\n\nPay: " + strings.Repeat("[", 800000) + "x" + strings.Repeat("]", 800000) + "\n",
			[]string{`site/articles/x.md:7:6: this paragraph has link brackets "[" nested 800000 deep, for each "]" of which the Markdown parser would walk the rest of the paragraph: it would take minutes on it; escape the brackets that are no link (\[ and \]), or split the paragraph`}},
		{"unclosed yaml", "articles/x.md", "---\ntitle: T\n",
			[]string{"site/articles/x.md:1:1: front matter is not closed: add a line --- after it"}},
		{"bad date", "articles/x.md", "---\ntitle: T\n\ndate: 2024-13-01\n---\n",
			[]string{`site/articles/x.md:4:7: cannot parse date "2024-13-01": month out of range; write dates as 2006-01-02, 2006-01-02T15:04:05, or with an offset as 2006-01-02T15:04:05+01:00`}},
		{"year 0", "articles/x.md", "---\ntitle: T\ndate: 0000-01-01 00:00:00+00:00\n---\n",
			[]string{`site/articles/x.md:3:7: cannot parse date "0000-01-01 00:00:00+00:00": year out of range; write dates as 2006-01-02, 2006-01-02T15:04:05, or with an offset as 2006-01-02T15:04:05+01:00`}},
		{"toml year 0", "articles/x.md", "+++\ntitle = \"T\"\ndate = 0000-01-01T00:00:00Z\n+++\n",
			[]string{`site/articles/x.md:3:8: cannot parse date "0000-01-01T00:00:00Z": year out of range; write dates as 2006-01-02, 2006-01-02T15:04:05, or with an offset as 2006-01-02T15:04:05+01:00`}},
		// The reason is the longest layout's: "extra text" named the time.
		{"impossible day with a time", "articles/x.md", "---\ntitle: T\ndate: 2025-02-30T10:00:00\n---\n",
			[]string{`site/articles/x.md:3:7: cannot parse date "2025-02-30T10:00:00": day out of range; write dates as 2006-01-02, 2006-01-02T15:04:05, or with an offset as 2006-01-02T15:04:05+01:00`}},
		{"unparseable date", "articles/x.md", "---\ntitle: T\ndate: next tuesday\n---\n",
			[]string{`site/articles/x.md:3:7: cannot parse date "next tuesday"; write dates as 2006-01-02, 2006-01-02T15:04:05, or with an offset as 2006-01-02T15:04:05+01:00`}},
		// The decoder gives a duplicate key the column after the line before.
		{"toml duplicate key", "articles/x.md", "+++\ntitle = \"T\"\ndate = 2024-01-01\ntitle = \"dup\"\n+++\n",
			[]string{`site/articles/x.md:4:1: Key 'title' has already been defined.`}},
		{"toml bad date", "articles/x.md", "+++\ntitle = \"T\"\ndate = \"2024-02-30\"\n+++\n",
			[]string{`site/articles/x.md:3:8: cannot parse date "2024-02-30": day out of range; write dates as 2006-01-02, 2006-01-02T15:04:05, or with an offset as 2006-01-02T15:04:05+01:00`}},
		{"updated before date", "articles/x.md", "---\ntitle: T\ndate: 2024-03-12\nupdated: 2024-03-01\n---\n",
			[]string{"site/articles/x.md:4:10: updated (2024-03-01 00:00) is before date (2024-03-12 00:00): set updated on or after date, or remove it"}},
		// An article that expires when or before it is published would
		// never be shown: it was dropped without a word.
		{"expires before date", "articles/x.md", "---\ntitle: T\ndate: 2025-01-10\nexpires: 2025-01-01\n---\n",
			[]string{"site/articles/x.md:4:10: expires (2025-01-01 00:00) is not after date (2025-01-10 00:00), so the article would never be shown: set expires after date, or remove it"}},
		// Both shown in the site's zone (New York here): each in its own
		// offset, they read "02:00 is before 02:00".
		{"updated before date in another offset", "articles/x.md", "---\ntitle: T\ndate: 2025-01-01T02:00:00Z\nupdated: 2025-01-01T02:00:00+14:00\n---\n",
			[]string{"site/articles/x.md:4:10: updated (2024-12-31 07:00) is before date (2024-12-31 21:00): set updated on or after date, or remove it"}},
		{"currency in lower case", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\ncareer: {currency: usd, median_salary: 1}\n---\n", nil},
		// money() showed these as "$-9,223,372,036,854,775,808" in the
		// fact box, and the JSON-LD carried "median":1e+300.
		{"median salary not a number", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\ncareer:\n  median_salary: .nan\n---\n",
			[]string{`site/articles/x.md:5:18: career.median_salary must be a yearly amount of 0 or more, below 1e15, found NaN`}},
		{"median salary too large", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\ncareer: {median_salary: 1.0e+300}\n---\n",
			[]string{`site/articles/x.md:4:25: career.median_salary must be a yearly amount of 0 or more, below 1e15, found 1e+300`}},
		{"currency not a code", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\ncareer:\n  currency: dollars\n---\n",
			[]string{`site/articles/x.md:5:13: career.currency "dollars" is not a currency code: write its three-letter ISO 4217 code, such as USD, EUR or GBP`}},
		// A page that is no bundle gets no files beside it, and its image
		// is shown on lists, feeds and JSON-LD too, each reading a
		// relative path against another URL.
		{"relative image outside a bundle", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\nimage: img/c.png\nimage_alt: A chart\n---\n",
			[]string{`site/articles/x.md:4:8: image "img/c.png" is a relative path, but site/articles/x.md is not a bundle, so no file is written beside it: give a site path such as "/img/c.png" for a file in static/, or make the page a folder (site/articles/x/index.md) with the image beside it`}},
		{"image up a folder", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\nimage: ../c.png\nimage_alt: A chart\n---\n",
			[]string{`site/articles/x.md:4:8: image "../c.png" is a relative path, but site/articles/x.md is not a bundle, so no file is written beside it: give a site path such as "/c.png" for a file in static/, or make the page a folder (site/articles/x/index.md) with the image beside it`}},
		{"site path and address images", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\nimage: /images/c.png\nimage_alt: A chart\n---\n", nil},
		// An author's avatar is shown on many pages: a relative path would
		// lead somewhere else on each.
		{"relative avatar", "authors/ann.md", "---\nname: Ann\navatar: img/ann.png\n---\n",
			[]string{`site/authors/ann.md:3:9: avatar "img/ann.png" is a relative path, which would lead elsewhere on every page that shows it: give a site path such as "/img/ann.png" for a file in static/, or an https:// address`}},
		{"bad slug", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\nslug: My Post!\n---\n",
			[]string{`site/articles/x.md:4:7: slug "My Post!" is not valid: use lower-case letters, digits and single hyphens, like "my-post"`}},
		// A slug names a folder of the output, and names may be 255 bytes.
		{"long slug", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\nslug: word000-word001-word002-word003-word004-word005-word006-word007-word008-word009-word010-word011-word012-word013-word014-word015-word016-word017-word018-word019-word020-word021-word022-word023-word024-word025-word026-word027-word028-word029-word030-word031-word032-word033-word034-word035-word036-word037-word038-word039\n---\n",
			[]string{`site/articles/x.md:4:7: slug is 319 bytes long: use at most 200, like "word000-word001-word002-word003-word004-word005-word006-word007-word008-word009-word010-word011-word012-word013-word014-word015-word016-word017-word018-word019-word020-word021-word022-word023-word024"`}},
		{"bad file name", "articles/My_Post.md", "---\ntitle: T\ndate: 2024-01-01\n---\n",
			[]string{`site/articles/My_Post.md:1:1: file name "My_Post.md" is not a valid slug: rename the file to "my-post.md" or set slug: my-post`}},
		// A file name may be 255 bytes, a slug only 200: the message says so.
		{"long file name", "articles/word000-word001-word002-word003-word004-word005-word006-word007-word008-word009-word010-word011-word012-word013-word014-word015-word016-word017-word018-word019-word020-word021-word022-word023-word024-extra.md", "---\ntitle: T\ndate: 2024-01-01\n---\n",
			[]string{`site/articles/word000-word001-word002-word003-word004-word005-word006-word007-word008-word009-word010-word011-word012-word013-word014-word015-word016-word017-word018-word019-word020-word021-word022-word023-word024-extra.md:1:1: file name "word000-word001-word002-word003-word004-word005-word006-word007-word008-word009-word010-word011-word012-word013-word014-word015-word016-word017-word018-word019-word020-word021-word022-word023-word024-extra.md" is 205 bytes long, too long for a slug (at most 200): rename the file to "word000-word001-word002-word003-word004-word005-word006-word007-word008-word009-word010-word011-word012-word013-word014-word015-word016-word017-word018-word019-word020-word021-word022-word023-word024.md" or set slug: word000-word001-word002-word003-word004-word005-word006-word007-word008-word009-word010-word011-word012-word013-word014-word015-word016-word017-word018-word019-word020-word021-word022-word023-word024`}},
		{"unknown key", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\nautor: maya\n---\n",
			[]string{`site/articles/x.md:4:1: warning: unknown key "autor"; did you mean "author"?`}},
		{"unknown nested key", "articles/x.md", "+++\ntitle = \"T\"\ndate = 2024-01-01\n[career]\ncurency = \"USD\"\n+++\n",
			[]string{`site/articles/x.md:5:1: warning: career: unknown key "curency"; did you mean "currency"?`}},
		{"missing title and date", "articles/x.md", "---\ndescription: D\n---\n",
			[]string{`site/articles/x.md:1:1: missing required key "date": add it to the front matter, as in date: 2025-03-04`, `site/articles/x.md:1:1: missing required key "title": add it to the front matter, as in title: "What Does an SRE Do?"`}},
		{"missing title, no front matter", "pages/about.md", "# About\n",
			[]string{`site/pages/about.md:1:1: missing required key "title": add it to the front matter, as in title: "What Does an SRE Do?"`}},
		// A control character reached <title>, <h1> and meta tags as it was.
		{"control character", "articles/x.md", "---\ntitle: \"Ring the bell \\a\"\ndate: 2024-01-01\n---\n",
			[]string{`site/articles/x.md:2:8: title: the control character U+0007, which pages cannot show, is at byte 14: remove it`}},
		{"control character in json", "articles/x.md", "{\"title\": \"T\",\n \"date\": \"2024-01-01\",\n \"description\": \"a\\u0085b\"}\n",
			[]string{`site/articles/x.md:3:17: description: the control character U+0085, which pages cannot show, is at byte 1: remove it`}},
		// Hugo and Zola sites sometimes hold tags as one string.
		{"tags in one string", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\ntags: \"go, rust\"\n---\n",
			[]string{`site/articles/x.md:4:7: warning: tags: "go, rust" is one tag; for several, write a list: [go, rust]`}},
		// An author page is published whatever draft says.
		{"draft author", "authors/ann.md", "---\nname: Ann\ndraft: true\n---\n",
			[]string{`site/authors/ann.md:3:1: warning: key "draft" is not used by authors, and changes nothing here: remove it`}},
		// A key that is there but empty is reported where it is.
		{"empty title", "articles/x.md", "---\ntitle: \"\"\ndate: 2024-01-01\n---\n",
			[]string{`site/articles/x.md:2:8: title is empty: write it, as in title: "What Does an SRE Do?"`}},
		{"empty date", "articles/x.md", "+++\ntitle = \"T\"\ndate = \"\"\n+++\n",
			[]string{`site/articles/x.md:3:8: cannot parse date ""; write dates as 2006-01-02, 2006-01-02T15:04:05, or with an offset as 2006-01-02T15:04:05+01:00`}},
		{"author without a name", "authors/ann.md", "---\nname:\nrole: Editor\n---\n",
			[]string{`site/authors/ann.md:2:6: name is empty: write it, as in name: Ann Lee`}},
		{"wrong types", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\ndraft: yes\ntags: {a: 1}\n---\n",
			[]string{`site/articles/x.md:4:8: draft: expected true or false, found the string "yes"`, "site/articles/x.md:5:7: tags: expected a list of strings, found a mapping"}},
		{"image without alt", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\nimage: /x.png\n---\n",
			[]string{"site/articles/x.md:4:8: image_alt is required when image is set: describe the image for readers who cannot see it"}},
		{"bad alias", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\naliases: [/ok/, ../../etc]\n---\n",
			[]string{`site/articles/x.md:4:17: alias "../../etc" must be a site path starting with "/", without ".."`}},
		{"bad alias after one that is no string", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\naliases:\n  - {x: 1}\n  - no-slash\n---\n",
			[]string{`site/articles/x.md:5:5: aliases: expected a list of strings, found a mapping`,
				`site/articles/x.md:6:5: alias "no-slash" must be a site path starting with "/", without ".."`}},
		{"bad alias, alone", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\naliases: ../../etc\n---\n",
			[]string{`site/articles/x.md:4:10: alias "../../etc" must be a site path starting with "/", without ".."`}},
		{"comment needs a date", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\ncomments:\n  - {author: A, body: B}\n---\n",
			[]string{`site/articles/x.md:5:5: comments[0]: missing "date"`}},
		{"change needs a date and a note", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\nchanges:\n  - {note: N}\n  - {date: 2024-02-01}\n---\n",
			[]string{`site/articles/x.md:5:5: changes[0]: missing "date": when the article changed, as in date: 2026-03-01`,
				`site/articles/x.md:6:5: changes[1]: missing "note"`}},
		{"change before the date", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\nchanges:\n  - date: 2024-03-01\n    note: Newer\n  - date: 2023-12-01\n    note: Older\n---\n",
			[]string{`site/articles/x.md:7:11: this change (2023-12-01 00:00) is before the article's date (2024-01-01 00:00): a change is made after publication; correct the date, or remove the change`}},
		{"change after updated", "articles/x.md", "+++\ntitle = \"T\"\ndate = \"2024-01-01\"\nupdated = \"2024-02-01\"\n[[changes]]\ndate = \"2024-03-05\"\nnote = \"Pay figures for 2024\"\n+++\n",
			[]string{`site/articles/x.md:6:8: this change (2024-03-05 00:00) is after updated (2024-02-01 00:00): set updated to 2024-03-05, or leave updated out, and the newest change gives it`}},
		{"duplicate heading id in body", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\n---\n\n## A {#a}\n\n## B {#a}\n",
			[]string{`site/articles/x.md:8:1: duplicate heading id "a" (first used on line 6): give this heading another id, as in {#other-id}, so that links to #a lead to one place`}},
		// HTML allows no empty id and none with a space; "#" links to the top.
		{"empty heading id", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\n---\n\n## A {#}\n\n## B {id=\"\"}\n",
			[]string{"site/articles/x.md:6:1: empty heading id: write one, as in {#pay-by-level}, or leave it out for an id made from the heading's text",
				"site/articles/x.md:8:1: empty heading id: write one, as in {#pay-by-level}, or leave it out for an id made from the heading's text"}},
		{"heading id with a space", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\n---\n\n## Pay {id=\"pay by level\"}\n",
			[]string{`site/articles/x.md:6:1: heading id "pay by level" has a space, which no id may have: write "pay-by-level" instead`}},
		{"three errors in one file", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\nupdated: 2023-12-31\nslug: Bad Slug\ntoc: maybe\nautor: x\n---\n",
			[]string{
				"site/articles/x.md:4:10: updated (2023-12-31 00:00) is before date (2024-01-01 00:00): set updated on or after date, or remove it",
				`site/articles/x.md:5:7: slug "Bad Slug" is not valid: use lower-case letters, digits and single hyphens, like "bad-slug"`,
				`site/articles/x.md:6:6: toc: expected true or false, found the string "maybe"`,
				`site/articles/x.md:7:1: warning: unknown key "autor"; did you mean "author"?`,
			}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, msgs := parseOne(t, tt.path, tt.src)
			if got, want := strings.Join(msgs, "\n"), strings.Join(tt.want, "\n"); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			hasError := false
			for _, m := range tt.want {
				hasError = hasError || !strings.Contains(m, ": warning: ")
			}
			if hasError != (p == nil) {
				t.Errorf("page = %v with errors = %t", p != nil, hasError)
			}
		})
	}
}

// TestCommentsOldestFirst: the Discussion lists comments oldest first
// (design §3), whatever order they were written in; one date keeps the
// file's order.
func TestCommentsOldestFirst(t *testing.T) {
	p, msgs := parseOne(t, "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\ncomments:\n"+
		"  - {author: Zed, date: 2025-02-01, body: Third}\n"+
		"  - {author: Bob, date: 2024-12-31, body: First}\n"+
		"  - {author: Ann, date: 2025-02-01, body: Fourth}\n"+
		"  - {author: Cy, date: 2025-01-15, body: Second}\n---\n")
	if p == nil {
		t.Fatal(msgs)
	}
	var got []string
	for _, c := range p.Meta.Comments {
		got = append(got, c.Body)
	}
	if strings.Join(got, " ") != "First Second Third Fourth" {
		t.Errorf("comments in order %q", got)
	}
}

// TestChangesNewestFirst: an article's changes are listed newest first,
// whatever order they were written in (one date keeps the file's order),
// and the newest gives updated when the front matter has none.
func TestChangesNewestFirst(t *testing.T) {
	const front = "---\ntitle: T\ndate: 2024-01-01\n%schanges:\n" +
		"  - {date: 2024-03-01, note: Second}\n" +
		"  - {date: 2024-05-10, note: Fourth}\n" +
		"  - {date: 2024-02-01, note: First}\n" +
		"  - {date: 2024-05-10, note: Fifth}\n---\n"
	for updated, want := range map[string]string{"": "2024-05-10", "updated: 2024-06-01\n": "2024-06-01"} {
		p, msgs := parseOne(t, "articles/x.md", fmt.Sprintf(front, updated))
		if p == nil {
			t.Fatal(msgs)
		}
		var got []string
		for _, c := range p.Meta.Changes {
			got = append(got, c.Note)
		}
		if strings.Join(got, " ") != "Fourth Fifth Second First" {
			t.Errorf("changes in order %q", got)
		}
		if u := p.Meta.Updated.Format("2006-01-02"); u != want {
			t.Errorf("with %q: updated %s, want %s", updated, u, want)
		}
	}
}

// TestChangeOnTheDayOfPublication: a change written as a day is on that
// day, so one on the day an article published at 09:00 is no error.
func TestChangeOnTheDayOfPublication(t *testing.T) {
	p, msgs := parseOne(t, "articles/x.md", "---\ntitle: T\ndate: 2024-01-01T09:00:00\nchanges:\n  - {date: 2024-01-01, note: A typo fixed}\n---\n")
	if p == nil || len(msgs) > 0 || len(p.Meta.Changes) != 1 {
		t.Errorf("a change on the day of publication: %v", msgs)
	}
}

func TestCurrencyInUpperCase(t *testing.T) {
	p, msgs := parseOne(t, "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\ncareer: {currency: eur, median_salary: 1}\n---\n")
	if p == nil || p.Meta.Career == nil || p.Meta.Career.Currency != "EUR" {
		t.Errorf("currency eur: %+v %v", p, msgs)
	}
}
