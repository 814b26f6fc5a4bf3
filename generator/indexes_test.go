package generator

import (
	"strings"
	"testing"
)

// indexesSite has a text of its own for /articles/ and for two sections, one
// of which has no article yet.
const indexesSite = `
-- site/config.yaml --
title: Career Stack
description: The site's own description.
pagination: {per_page: 1}
-- site/articles/_index.md --
---
title: Every career guide
description: Guides to careers in software, from the first job to leading a team.
---
Start with [the roles](roles/_index.md), or read [what an SRE does](roles/sre.md).
-- site/articles/roles/_index.md --
---
title: Tech roles explained
description: What each job in software involves day to day, and who hires for it.
image: /images/roles.png
image_alt: Six people at a whiteboard
aliases: [/jobs/]
link_title: Roles
---
Each guide names the work, the tools and the pay. {{< count >}} guides so far.

## How we pick roles

By what readers ask.
-- site/articles/roles/sre.md --
---
title: What does an SRE do?
date: 2026-01-02
---
See [all roles](_index.md#how-we-pick-roles).
-- site/articles/roles/qa.md --
---
title: What does a QA engineer do?
date: 2026-01-01
---
Testing.
-- site/articles/salaries/_index.md --
---
title: Salaries
weight: 1
---
Coming soon.
-- site/layouts/shortcodes/count.html --
{{ len .Section.Articles }}
-- site/static/images/roles.png --
not really a PNG
`

func TestListIndexes(t *testing.T) {
	files := buildFiles(t, indexesSite)
	page := func(name string) string { return builtPage(t, files, name) }
	roles := page("articles/roles/index.html")
	wantIn(t, "articles/roles/index.html", roles,
		`<title>Tech roles explained — Career Stack</title>`,
		`<meta name="description" content="What each job in software involves day to day, and who hires for it.">`,
		`<meta property="og:image" content="/images/roles.png">`,
		`<h1>Tech roles explained</h1>`,
		`<p class="page-lede">What each job in software involves day to day, and who hires for it.</p>`,
		`<p>Each guide names the work, the tools and the pay. 2 guides so far.</p>`,
		`<h2 id="how-we-pick-roles">`,
		`Follow Tech roles explained (Atom feed)`,
		`<a href="../../articles/roles/" aria-current="page">Roles</a>`,
	)
	// A weight puts Salaries before Roles, which has none.
	nav := roles[strings.Index(roles, `<nav class="section-nav"`):]
	if s, r := strings.Index(nav, "articles/salaries/"), strings.Index(nav, "articles/roles/"); s < 0 || r < 0 || s > r {
		t.Errorf("section menu: Salaries at %d, Roles at %d; want Salaries first", s, r)
	}
	// The text is the list's introduction: on its first page only.
	roles2 := page("articles/roles/page/2/index.html")
	if strings.Contains(roles2, "names the work") || !strings.Contains(roles2, "<h1>Tech roles explained</h1>") {
		t.Errorf("page 2 of roles should have the title and not the introduction")
	}

	all := page("articles/index.html")
	wantIn(t, "articles/index.html", all,
		`<title>Every career guide — Career Stack</title>`,
		`<h1>Every career guide</h1>`,
		`Start with <a href="../articles/roles/">the roles</a>, or read <a href="../articles/sre/">what an SRE does</a>.`,
	)

	sre := page("articles/sre/index.html")
	wantIn(t, "articles/sre/index.html", sre,
		`<a href="../../articles/roles/#how-we-pick-roles">all roles</a>`,
		`<li><a href="../../articles/">Every career guide</a></li>`,
		`<li><a href="../../articles/roles/">Roles</a></li>`,
	)

	// A list's old URL redirects to it.
	wantIn(t, "_redirects", builtPage(t, files, "_redirects"), "/jobs/ /articles/roles/ 301")
	wantIn(t, "jobs/index.html", builtPage(t, files, "jobs/index.html"), `<meta http-equiv="refresh" content="0; url=../articles/roles/">`,
		`<title>Redirecting to Tech roles explained</title>`, `<a href="../articles/roles/">Tech roles explained</a>`)
	// A section with a text and no article yet has its page.
	if s := page("articles/salaries/index.html"); !strings.Contains(s, "<p>Coming soon.</p>") {
		t.Errorf("articles/salaries/index.html lacks its text")
	}
	if f := readFeed(t, page("articles/roles/feed.xml")); len(f.Entries) != 2 {
		t.Errorf("roles feed has %d entries, want 2", len(f.Entries))
	}
	wantIn(t, "articles/roles/feed.xml", page("articles/roles/feed.xml"),
		"<title>Tech roles explained — Career Stack</title>",
		"<subtitle>What each job in software involves day to day, and who hires for it.</subtitle>")
	wantIn(t, "articles/salaries/feed.xml", page("articles/salaries/feed.xml"), "<subtitle>The site&#39;s own description.</subtitle>")
}

// TestListIndexWithoutText: a list without an _index.md keeps its name from
// the folder and the site's description, as before.
func TestListIndexWithoutText(t *testing.T) {
	files := buildFiles(t, `
-- site/config.yaml --
title: Career Stack
description: The site's own description.
-- site/articles/roles/sre.md --
---
title: What does an SRE do?
date: 2026-01-02
---
Text.
`)
	roles := builtPage(t, files, "articles/roles/index.html")
	wantIn(t, "articles/roles/index.html", roles, `<h1>Roles</h1>`, `<p class="page-lede">The site&#39;s own description.</p>`)
	if strings.Contains(roles, "list-intro") {
		t.Errorf("a list without _index.md shows an introduction")
	}
}

func TestListIndexErrors(t *testing.T) {
	files := buildOutput(t, `
-- site/config.yaml --
title: Career Stack
-- site/articles/roles/sre.md --
---
title: What does an SRE do?
date: 2026-01-02
---
Text.
-- site/articles/roles/senior/_index.md --
---
title: Senior roles
---
Text.
-- site/articles/guides/_index.md --
---
weight: first
---
Text.
-- site/articles/roles/_index.md --
---
title: Roles
image: pic.png
image_alt: A picture
---
Text.
-- site/articles/_index.md --
---
title: Articles
---
See [the guide](roles/nope.md).
`)
	want := []string{
		"site/articles/roles/senior/_index.md: _index.md gives a list page its text, but site/articles/roles/senior is no list: only articles/ and the folders right under it (its sections) have one. Move the file to site/articles/roles/_index.md, or rename it to make it an article",
		`site/articles/roles/_index.md:3:8: image "pic.png" is a relative path, which would be read against each page that shows it: give a site path such as "/pic.png" for a file in static/`,
		`site/articles/guides/_index.md:2:9: weight: expected a whole number, found the string "first"`,
		`site/articles/_index.md:4:5: link to "roles/nope.md": there is no article, page or author site/articles/roles/nope.md; did you mean "roles/sre.md"?`,
	}
	wantIn(t, "errors", files["errors"], want...)
}

func TestListIndexUnknownKey(t *testing.T) {
	files := buildFiles(t, `
-- site/config.yaml --
title: Career Stack
-- site/articles/roles/_index.md --
---
title: Roles
date: 2026-01-02
---
Text.
`)
	const want = `site/articles/roles/_index.md:3:1: warning: key "date" is not used by a list page's _index.md, and changes nothing here: remove it`
	if !strings.Contains(files["warnings"], want) {
		t.Errorf("warnings lack %q:\n%s", want, files["warnings"])
	}
}

// TestTermIndexes: tags/<slug>.md and categories/<slug>.md give a term's
// page its text, and their title names the term wherever it shows.
func TestTermIndexes(t *testing.T) {
	files := buildOutput(t, `
-- site/config.yaml --
title: Career Stack
pagination: {per_page: 1}
-- site/articles/sre.md --
---
title: What does an SRE do?
date: 2026-01-02
tags: [golang, Reliability]
category: roles
---
See [the Go topic](../tags/golang.md).
-- site/articles/qa.md --
---
title: What does a QA engineer do?
date: 2026-01-01
tags: [golang]
---
Testing.
-- site/articles/next.md --
---
title: Coming next
date: 2026-01-03
draft: true
tags: [Kotlin]
---
Soon.
-- site/tags/golang.md --
---
title: Go at work
link_title: Go
description: Guides for people who write Go at work, from services to tooling, and what the language pays.
aliases: [/topics/go/]
---
Go is the language of much of the cloud. {{< count >}} so far.
-- site/tags/kotlin.md --
---
title: Kotlin
weight: 2
---
For the draft's tag: no warning until it is published.
-- site/tags/relability.md --
---
title: Reliability
---
A typo.
-- site/categories/roles.md --
---
title: Roles
description: What each job in software involves day to day, and who hires for it.
image: /images/roles.png
image_alt: People at a whiteboard
---
The roles.
-- site/layouts/shortcodes/count.html --
{{ len .Term.Articles }} articles
-- site/static/images/roles.png --
not really a PNG
`)
	page := func(name string) string { return builtPage(t, files, name) }
	golang := page("tags/golang/index.html")
	wantIn(t, "tags/golang/index.html", golang,
		`<title>Go at work — Career Stack</title>`,
		`<meta name="description" content="Guides for people who write Go at work, from services to tooling, and what the language pays.">`,
		`<h1>Go at work</h1>`,
		`<li><span aria-current="page">Go</span></li>`,
		`<p class="page-lede">Guides for people who write Go at work, from services to tooling, and what the language pays.</p>`,
		`<p>Go is the language of much of the cloud. 2 articles so far.</p>`,
	)
	wantIn(t, "_redirects", page("_redirects"), "/topics/go/ /tags/golang/ 301")
	wantIn(t, "topics/go/index.html", page("topics/go/index.html"),
		`<title>Redirecting to Go at work</title>`, `<a href="../../tags/golang/">Go at work</a>`)
	if s := page("tags/golang/page/2/index.html"); strings.Contains(s, "language of much") {
		t.Errorf("page 2 of the tag shows its introduction")
	}
	sre := page("articles/sre/index.html")
	wantIn(t, "articles/sre/index.html", sre,
		`<a href="../../tags/golang/">the Go topic</a>`,
		`<li><a href="../../tags/golang/">Go</a></li>`,
		`<p class="eyebrow"><a href="../../categories/roles/">Roles</a></p>`,
	)
	if s := page("categories/roles/index.html"); !strings.Contains(s, `<meta property="og:image" content="/images/roles.png">`) {
		t.Errorf("categories/roles/index.html lacks its image")
	}
	if s := page("tags/golang/feed.xml"); !strings.Contains(s, "<title>Go at work — Career Stack</title>") {
		t.Errorf("the tag's feed is not titled by its text")
	}
	const typo = `site/tags/relability.md: warning: no article has the tag whose slug is "relability", so this text is shown nowhere: did you mean "tags/reliability.md"?`
	const weight = `site/tags/kotlin.md:3:1: warning: weight orders the sections, and a tag is none: remove it`
	if w := files["warnings"]; !strings.Contains(w, typo) || !strings.Contains(w, weight) || strings.Count(w, "\n") != 2 {
		t.Errorf("warnings: want only %q and %q; got\n%s", typo, weight, w)
	}
}

func TestTermIndexNotASlug(t *testing.T) {
	files := buildOutput(t, `
-- site/config.yaml --
title: Career Stack
-- site/articles/sre.md --
---
title: What does an SRE do?
date: 2026-01-02
tags: [Go]
---
Text.
-- site/tags/Go.md --
---
title: Go
---
Text.
-- site/categories/&.md --
---
title: And
---
Text.
`)
	wantIn(t, "errors", files["errors"],
		`site/tags/Go.md:1:1: file name "Go.md" is no tag's slug: rename the file to "go.md"`,
		`site/categories/&.md:1:1: file name "&.md" is no category's slug: name the file after the slug of the category, as the category's page URL shows it (/categories/<slug>/)`,
	)
}

// builtPage returns the built file public/name of files, and fails the
// test when the build has none.
func builtPage(t *testing.T, files map[string]string, name string) string {
	t.Helper()
	s, ok := files["public/"+name]
	if !ok {
		t.Fatalf("no %s", name)
	}
	return s
}

// wantIn reports each of wants that page, the file name, lacks.
func wantIn(t *testing.T, name, page string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(page, want) {
			t.Errorf("%s lacks %s", name, want)
		}
	}
}

// TestFolderIndexes: tags/_index.md and authors/_index.md give /tags/ and
// /authors/ their text, and their titles name those lists in breadcrumbs.
func TestFolderIndexes(t *testing.T) {
	files := buildFiles(t, `
-- site/config.yaml --
title: Career Stack
-- site/authors/ann.md --
---
name: Ann Lee
---
Ann writes.
-- site/articles/sre.md --
---
title: What does an SRE do?
date: 2026-01-02
author: ann
tags: [Go]
---
See [who writes here](../authors/_index.md).
-- site/tags/_index.md --
---
title: Subjects
description: Every subject we write about, from programming languages to pay, with how many guides each has.
---
Pick a subject.
-- site/authors/_index.md --
---
title: Our writers
---
Everyone here has done the job.
`)
	tags := builtPage(t, files, "tags/index.html")
	wantIn(t, "tags/index.html", tags,
		`<h1>Subjects</h1>`,
		`<p class="page-lede">Every subject we write about, from programming languages to pay, with how many guides each has.</p>`,
		`<p>Pick a subject.</p>`)
	wantIn(t, "tags/go/index.html", builtPage(t, files, "tags/go/index.html"), `<li><a href="../../tags/">Subjects</a></li>`)
	authors := builtPage(t, files, "authors/index.html")
	wantIn(t, "authors/index.html", authors,
		`<h1>Our writers</h1>`,
		`<p class="page-lede">The writers and editors behind Career Stack.`,
		`<p>Everyone here has done the job.</p>`)
	wantIn(t, "authors/ann/index.html", builtPage(t, files, "authors/ann/index.html"), `<li><a href="../../authors/">Our writers</a></li>`)
	wantIn(t, "articles/sre/index.html", builtPage(t, files, "articles/sre/index.html"), `<a href="../../authors/">who writes here</a>`)
}

// TestLinkToTermTextOfDrafts: a link to the text of a term only drafts
// have is a warning, as a link to a draft is (its page is not in this
// build), not an error saying the file does not exist.
func TestLinkToTermTextOfDrafts(t *testing.T) {
	files := buildFiles(t, `
-- site/config.yaml --
title: Career Stack
-- site/articles/sre.md --
---
title: What does an SRE do?
date: 2026-01-02
---
Soon [on Kotlin](../tags/kotlin.md).
-- site/articles/next.md --
---
title: Coming next
date: 2026-01-03
draft: true
tags: [Kotlin]
---
Soon.
-- site/tags/kotlin.md --
---
title: Kotlin
---
For the draft's tag.
`)
	wantIn(t, "warnings", files["warnings"],
		`site/articles/sre.md:5:6: warning: link to "../tags/kotlin.md": site/tags/kotlin.md is the text of a tag that only articles left out of this build have, so it is not in this build: the link's text is shown without the link until it is published`)
	wantIn(t, "articles/sre/index.html", builtPage(t, files, "articles/sre/index.html"), "<p>Soon on Kotlin.</p>")
}
