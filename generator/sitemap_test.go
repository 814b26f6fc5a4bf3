package generator

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
)

type sitemapDoc struct {
	XMLName xml.Name
	URLs    []sitemapLoc `xml:"url"`
	Maps    []sitemapLoc `xml:"sitemap"`
}

type sitemapLoc struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

func parseSitemap(t *testing.T, name string, data []byte) sitemapDoc {
	t.Helper()
	var d sitemapDoc
	if err := xml.Unmarshal(data, &d); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return d
}

// TestSitemapSplit builds the sample site whole and with a sitemap of at
// most 7 URLs a file, as a site past the protocol's 50,000 is built:
// sitemap.xml is then the index of sitemap-1.xml, sitemap-2.xml…, each
// listed at its absolute URL with the newest lastmod of its URLs, and the
// parts list, in order, exactly what the one sitemap lists. Nothing else
// of the build changes.
func TestSitemapSplit(t *testing.T) {
	t.Run("build", func(t *testing.T) { testSitemapSplit(t, Options{}) })
	// Drafts shown in preview are built but left out of the sitemap.
	t.Run("preview", func(t *testing.T) { testSitemapSplit(t, Options{Drafts: true, Future: true}) })
}

func testSitemapSplit(t *testing.T, opts Options) {
	const base = "https://careers.example.com/"
	opts.BaseURL = base
	whole := buildSample(t, opts)
	opts.SitemapURLs = 7
	split := buildSample(t, opts)

	one := parseSitemap(t, "sitemap.xml", whole["sitemap.xml"])
	if one.XMLName.Local != "urlset" || len(one.URLs) <= 14 {
		t.Fatalf("the whole sitemap is a %s of %d URLs; the test needs a urlset of more than 14", one.XMLName.Local, len(one.URLs))
	}
	if _, ok := whole["sitemap-1.xml"]; ok {
		t.Error("a sitemap under the limit is split")
	}
	index := parseSitemap(t, "sitemap.xml", split["sitemap.xml"])
	if index.XMLName.Local != "sitemapindex" || len(index.URLs) != 0 {
		t.Fatalf("split sitemap.xml is a %s with %d url elements", index.XMLName.Local, len(index.URLs))
	}
	if want := (len(one.URLs) + 6) / 7; len(index.Maps) != want {
		t.Fatalf("the index lists %d sitemaps, want %d for %d URLs", len(index.Maps), want, len(one.URLs))
	}
	var joined []sitemapLoc
	for i, m := range index.Maps {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		if m.Loc != base+name {
			t.Errorf("index entry %d: loc %s, want %s", i, m.Loc, base+name)
		}
		part := parseSitemap(t, name, split[name])
		if part.XMLName.Local != "urlset" || len(part.URLs) == 0 || len(part.URLs) > 7 {
			t.Errorf("%s: a %s of %d URLs", name, part.XMLName.Local, len(part.URLs))
		}
		newest := ""
		for _, u := range part.URLs {
			newest = max(newest, u.LastMod) // one time zone: ISO strings sort as times
		}
		if m.LastMod != newest {
			t.Errorf("%s: lastmod %s in the index, want its newest, %s", name, m.LastMod, newest)
		}
		joined = append(joined, part.URLs...)
	}
	if !slices.Equal(joined, one.URLs) {
		t.Errorf("the parts list %d URLs, the whole sitemap %d, or not the same", len(joined), len(one.URLs))
	}
	for p, data := range whole {
		if p != "sitemap.xml" && !bytes.Equal(split[p], data) {
			t.Errorf("%s differs when the sitemap is split", p)
		}
	}
	for p := range split {
		if _, ok := whole[p]; !ok && !strings.HasPrefix(p, "sitemap-") {
			t.Errorf("%s only in the split build", p)
		}
	}
}
