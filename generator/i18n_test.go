package generator

import (
	"strings"
	"testing"
)

// i18nSite is a German site: the default theme's words and dates come
// from its de.yaml, one word from the site's own file, and an alias's
// redirect page is German too.
const i18nSite = `
-- site/config.yaml --
title: Karriere
language: de
time_zone: Europe/Berlin
pagination: {per_page: 1}
-- site/i18n/de.yaml --
related_articles: Auch lesenswert
-- site/authors/ada.md --
---
name: Ada Weber
---
-- site/articles/rollen/sre.md --
---
title: Was macht eine SRE?
date: 2026-03-04T09:00:00
updated: 2026-05-01
author: ada
tags: [betrieb]
aliases: [/sre/]
career: {median_salary: 68000, currency: EUR}
comments:
  - {author: Kim, date: 2026-03-05, body: Danke!}
---
Ein Text über den Betrieb.
-- site/articles/rollen/qa.md --
---
title: Was macht QA?
date: 2026-03-01
author: ada
tags: [betrieb]
---
Ein Text über das Testen.
`

// polishSite is a site in Polish, a language the theme has no words for,
// whose own pl.yaml gives the search page's words in Polish's four plural
// forms. Its titles make "alfa" match one article, "beta" two and "gamma"
// five.
const polishSite = `
-- site/config.yaml --
title: Kariera
language: pl
-- site/i18n/pl.yaml --
search_none: "Żaden artykuł nie pasuje do „{query}”."
search_matches:
  one: "{n} artykuł pasuje do „{query}”."
  few: "{n} artykuły pasują do „{query}”."
  many: "{n} artykułów pasuje do „{query}”."
  other: "{n} artykułu pasuje do „{query}”."
-- site/articles/a.md --
---
title: Gamma beta alfa
date: 2026-03-01
---
Tekst.
-- site/articles/b.md --
---
title: Gamma beta
date: 2026-03-02
---
Tekst.
-- site/articles/c.md --
---
title: Gamma c
date: 2026-03-03
---
Tekst.
-- site/articles/d.md --
---
title: Gamma d
date: 2026-03-04
---
Tekst.
-- site/articles/e.md --
---
title: Gamma e
date: 2026-03-05
---
Tekst.
`

// The search page gives its script every plural form of the language's
// search_matches, each in an attribute of its own, and no more: Polish
// has no "two".
func TestPolishSearchWords(t *testing.T) {
	page := builtPage(t, buildFiles(t, polishSite), "search/index.html")
	wantIn(t, "the search page", page,
		`data-found-one="{n} artykuł pasuje do „{query}”."`,
		`data-found-few="{n} artykuły pasują do „{query}”."`,
		`data-found-many="{n} artykułów pasuje do „{query}”."`,
		`data-found-other="{n} artykułu pasuje do „{query}”."`)
	if strings.Contains(page, "data-found-two") {
		t.Error("the page gives a form pl.yaml does not")
	}
}

// TestSearchWordsWithCount: a site's search words may name the number
// {count}, as its other plural words do, as well as {n}: both reach the
// script as {n}.
func TestSearchWordsWithCount(t *testing.T) {
	files := buildFiles(t, `
-- site/config.yaml --
title: Careers
-- site/i18n/en.yaml --
search_matches:
  one: "One article ({count}) matches {query}."
  other: "{count} articles match {query}."
-- site/articles/a.md --
---
title: A
date: 2026-01-02
---
Text.
`)
	wantIn(t, "the search page", builtPage(t, files, "search/index.html"),
		`data-found-one="One article ({n}) matches {query}."`, `data-found-other="{n} articles match {query}."`)
}

func TestGermanSite(t *testing.T) {
	files := buildFiles(t, i18nSite)
	if w := files["warnings"]; w != "" {
		t.Errorf("warnings: %s", w)
	}
	article := builtPage(t, files, "articles/sre/index.html")
	wantIn(t, "the article", article,
		`<html lang="de">`, `Zum Inhalt springen`, `aria-label="Navigationspfad"`,
		`<p class="byline-authors">Von <a`, `Aktualisiert am <time datetime="2026-05-01T00:00:00&#43;02:00">1. Mai 2026</time>`,
		`Veröffentlicht am <time datetime="2026-03-04T09:00:00&#43;01:00">4. März 2026</time>`, `1 Min. Lesezeit`,
		`Diskussion <span class="count">1 Kommentar</span>`, `<h2 id="related-heading">Auch lesenswert</h2>`,
		`<span class="prev-next-label">Älter</span>`, `Zur Person`,
		`<dt>Mediangehalt</dt><dd class="fact-salary">68.000`+"\u00a0"+`€<span class="fact-unit"> im Jahr</span>`)
	if strings.Contains(article, "Related articles") || strings.Contains(article, "min read") {
		t.Error("English words left in the article")
	}
	wantIn(t, "a tag's page", builtPage(t, files, "tags/betrieb/index.html"),
		`<p class="eyebrow">Thema</p>`, `2 Artikel`, `Seite 1 von 2`, `Nächste Seite`, `Die neuesten zuerst`)
	wantIn(t, "/articles/", builtPage(t, files, "articles/index.html"),
		`<h1>Artikel</h1>`, `1 von 2 Artikeln, die neuesten zuerst`)
	wantIn(t, "/tags/", builtPage(t, files, "tags/index.html"), `<h1>Themen</h1>`)
	wantIn(t, "the search page", builtPage(t, files, "search/index.html"),
		`<title>Suche — Karriere</title>`, `data-found-other="{n} Artikel passen zu „{query}“."`)
	wantIn(t, "the 404 page", builtPage(t, files, "404.html"), `<title>Seite nicht gefunden — Karriere</title>`)
	wantIn(t, "the alias", builtPage(t, files, "sre/index.html"),
		`<title>Weiterleitung zu Was macht eine SRE?</title>`, `Diese Seite ist umgezogen nach <a`)
}

// A site in French writes the first of the month "1er", by the theme's
// fr.yaml, and every other day as its number.
func TestFrenchDates(t *testing.T) {
	files := buildFiles(t, strings.Replace(i18nSite, "language: de", "language: fr", 1))
	if w := files["warnings"]; w != "" {
		t.Errorf("warnings: %s", w)
	}
	wantIn(t, "the article", builtPage(t, files, "articles/sre/index.html"), `<html lang="fr">`,
		`Mis à jour le <time datetime="2026-05-01T00:00:00&#43;02:00">1er mai 2026</time>`,
		`Publié le <time datetime="2026-03-04T09:00:00&#43;01:00">4 mars 2026</time>`)
}

// A language the theme has no words for builds in English, with one
// warning at the config's language key that says where the words go.
func TestLanguageWithoutWords(t *testing.T) {
	files := buildFiles(t, strings.Replace(strings.Replace(i18nSite, "language: de", "language: ja", 1), "site/i18n/de.yaml", "site/i18n/xx.yaml", 1))
	want := `site/config.yaml:2:1: warning: language "ja": `
	if w := files["warnings"]; !strings.Contains(w, want) || !strings.Contains(w, "add them to site/i18n/ja.yaml") {
		t.Errorf("warnings:\n%s\nwant %s…", w, want)
	}
	wantIn(t, "the article", builtPage(t, files, "articles/sre/index.html"), `<html lang="ja">`, `Published <time`, `March 4, 2026`)
}

// A broken translation file stops the build at its position, and so does
// a template that asks for words no file has.
func TestTranslationErrors(t *testing.T) {
	for src, want := range map[string]string{
		strings.Replace(i18nSite, "related_articles: Auch lesenswert", "related_articles:\n  eins: x\n  other: y", 1): `site/i18n/de.yaml:2:3: "eins" is not a plural form`,
		i18nSite + "-- site/layouts/partials/byline.html --\n<p>{{ T \"inhalt\" }}</p>\n":                             `site/layouts/partials/byline.html:1:7: executing "partials/byline.html" at <T "inhalt">: error calling T: T: no words for "inhalt" in any i18n/en.yaml`,
	} {
		t.Run("", func(t *testing.T) { // each build changes into a folder of its own
			if errs := buildOutput(t, src)["errors"]; !strings.Contains(errs, want) {
				t.Errorf("errors:\n%s\nwant %s", errs, want)
			}
		})
	}
}

// A site in English that misspells a key in site/i18n/en.yaml is warned,
// as one in German is for its de.yaml: the theme would go on showing its
// own word without a word said.
func TestEnglishSiteMisspeltKey(t *testing.T) {
	files := buildFiles(t, `
-- site/config.yaml --
title: Careers
-- site/i18n/en.yaml --
relatd_articles: Read next
-- site/authors/ada.md --
---
name: Ada
---
-- site/articles/a.md --
---
title: A
date: 2026-03-04
author: ada
---
Text.
`)
	if w := files["warnings"]; !strings.Contains(w, `site/i18n/en.yaml:1:1: warning: key "relatd_articles" is in no theme's en.yaml`) ||
		!strings.Contains(w, `did you mean "related_articles"?`) {
		t.Errorf("warnings: %s", w)
	}
}

// TestChangesSection: an article's changes are shown newest first under
// the theme's heading, in the site's language, and the byline's updated
// date, which the newest change gives, links to them; its JSON-LD
// dateModified is that date. An article without changes shows neither.
func TestChangesSection(t *testing.T) {
	files := buildFiles(t, `
-- site/config.yaml --
title: Karriere
language: de
time_zone: Europe/Berlin
-- site/authors/ada.md --
---
name: Ada Weber
---
-- site/articles/gehalt.md --
---
title: Gehälter in der IT
date: 2026-03-04T09:00:00
author: ada
changes:
  - {date: 2026-04-02, note: "Ein Abschnitt über Boni."}
  - {date: 2026-05-01, note: "Gehälter auf den Stand von 2026 gebracht."}
---
Ein Text über Gehälter.
-- site/articles/qa.md --
---
title: Was macht QA?
date: 2026-03-01
updated: 2026-03-02
author: ada
---
Ein Text über das Testen.
`)
	page := builtPage(t, files, "articles/gehalt/index.html")
	wantIn(t, "the article", page,
		`<a href="#changes-heading">Aktualisiert am <time datetime="2026-05-01T00:00:00&#43;02:00">1. Mai 2026</time></a>`,
		`<h2 id="changes-heading">Änderungen</h2>`,
		`<li><time datetime="2026-05-01T00:00:00&#43;02:00">1. Mai 2026</time> Gehälter auf den Stand von 2026 gebracht.</li>
    <li><time datetime="2026-04-02T00:00:00&#43;02:00">2. April 2026</time> Ein Abschnitt über Boni.</li>`,
		`"dateModified":"2026-05-01T00:00:00+02:00"`)
	other := builtPage(t, files, "articles/qa/index.html")
	if strings.Contains(other, "changes-heading") || !strings.Contains(other, `<span>Aktualisiert am <time`) {
		t.Errorf("an article without changes shows them, or lost its updated date:\n%s", other)
	}
}
