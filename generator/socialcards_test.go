package generator

import (
	"bytes"
	"encoding/json"
	"image/png"
	"maps"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/byline/byline/generator/imaging"
)

// cardsConfig asks for social cards.
const cardsConfig = "title: Career Stack\nbase_url: https://careers.example.com/\nsocial_cards: true\n"

// writeCardSite writes a site of an article without an image, one in a
// section with a category, one with an image of its own, and one whose
// title the Go fonts cannot draw.
func writeCardSite(t *testing.T, config string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	files := map[string][]byte{
		"config.yaml":              []byte(config),
		"articles/plain.md":        []byte("---\ntitle: How to ask for a raise without a counter-offer in hand\ndate: 2026-01-05\n---\nBody.\n"),
		"articles/guides/sre.md":   []byte("---\ntitle: Becoming an SRE\ndate: 2026-01-06\ncategory: Career Paths\n---\nBody.\n"),
		"articles/pictured.md":     []byte("---\ntitle: Office tour\ndate: 2026-01-07\nimage: /images/office.png\nimage_alt: The office\n---\nBody.\n"),
		"articles/japanese.md":     []byte("---\ntitle: エンジニアの年収\nslug: japanese\ndate: 2026-01-08\n---\nBody.\n"),
		"static/images/office.png": testPNG(t, 1200, 630),
	}
	writeFiles(t, dir, files)
	return dir
}

// cardFile matches the path of a social card.
var cardFile = regexp.MustCompile(`(^|/)card\.[0-9a-f]{8}\.png$`)

// cardsOf returns the paths of the cards among files.
func cardsOf(files map[string][]byte) []string {
	var out []string
	for name := range files {
		if cardFile.MatchString(name) {
			out = append(out, name)
		}
	}
	return out
}

// TestSocialCards builds a site that asks for social cards: an article
// without an image gets one, 1200×630, beside its page, as its og:image,
// twitter:image and JSON-LD image; an article with an image, or with a
// title the fonts cannot draw, gets none; and two builds, in two time
// zones, write the same bytes.
func TestSocialCards(t *testing.T) {
	dir := writeCardSite(t, cardsConfig)
	files, err := buildImageSite(t, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := cardsOf(files); len(got) != 2 {
		t.Errorf("cards %q, want one for plain and one for sre", got)
	}
	for _, slug := range []string{"plain", "sre"} {
		page := string(files["articles/"+slug+"/index.html"])
		m := regexp.MustCompile(`<meta property="og:image" content="https://careers\.example\.com/(articles/` + slug + `/card\.[0-9a-f]{8}\.png)">`).FindStringSubmatch(page)
		if m == nil {
			t.Errorf("%s: no og:image of a card in\n%s", slug, grepMeta(page))
			continue
		}
		card := m[1]
		cfg, err := png.DecodeConfig(bytes.NewReader(files[card]))
		if err != nil || cfg.Width != 1200 || cfg.Height != 630 {
			t.Errorf("%s: %d×%d, %v", card, cfg.Width, cfg.Height, err)
		}
		for _, want := range []string{
			`<meta name="twitter:card" content="summary_large_image">`,
			`<meta name="twitter:image" content="https://careers.example.com/` + card + `">`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", slug, want)
			}
		}
		if img := articleLDImage(t, page); img != "https://careers.example.com/"+card {
			t.Errorf("%s: JSON-LD image %q, want the card", slug, img)
		}
	}
	if page := string(files["articles/pictured/index.html"]); !strings.Contains(page, `<meta property="og:image" content="https://careers.example.com/images/office.png">`) {
		t.Errorf("pictured: og:image is not its own image:\n%s", grepMeta(page))
	}
	if page := string(files["articles/japanese/index.html"]); strings.Contains(page, "og:image") || !strings.Contains(page, `<meta name="twitter:card" content="summary">`) {
		t.Errorf("japanese: a title the fonts cannot draw has an image:\n%s", grepMeta(page))
	}

	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.FixedZone("UTC+13", 13*3600)
	again, err := buildImageSite(t, dir, imaging.NewCache())
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(files, again, bytes.Equal) {
		t.Error("two builds differ")
	}
}

// TestSocialCardsOff: without social_cards, or with it false, the site
// has no card, and its pages are those of a site that never heard of
// them.
func TestSocialCardsOff(t *testing.T) {
	base := "title: Career Stack\nbase_url: https://careers.example.com/\n"
	off, err := buildImageSite(t, writeCardSite(t, base), nil)
	if err != nil {
		t.Fatal(err)
	}
	falsely, err := buildImageSite(t, writeCardSite(t, base+"social_cards: false\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := cardsOf(off); len(got) > 0 {
		t.Errorf("cards without the option: %q", got)
	}
	if !maps.EqualFunc(off, falsely, bytes.Equal) {
		t.Error("social_cards: false changes the output")
	}
	if page := string(off["articles/plain/index.html"]); strings.Contains(page, "og:image") {
		t.Errorf("plain has an og:image without the option:\n%s", grepMeta(page))
	}
}

// TestSocialCardsKept: a cache kept across builds, as watch and serve
// keep one, draws each card once.
func TestSocialCardsKept(t *testing.T) {
	dir := writeCardSite(t, cardsConfig)
	cache := imaging.NewCache()
	for range 3 {
		if _, err := buildImageSite(t, dir, cache); err != nil {
			t.Fatal(err)
		}
	}
	if n := cache.Made(); n != 2 {
		t.Errorf("the cards were drawn %d times in three builds, want 2 (once each)", n)
	}
}

// grepMeta returns the <meta> lines of page, for messages.
func grepMeta(page string) string {
	var out []string
	for _, l := range strings.Split(page, "\n") {
		if strings.Contains(l, "<meta") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// articleLDImage returns the image of the page's JSON-LD Article.
func articleLDImage(t *testing.T, page string) string {
	t.Helper()
	for _, m := range regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindAllStringSubmatch(page, -1) {
		var v struct {
			Type  string `json:"@type"`
			Image string `json:"image"`
		}
		if json.Unmarshal([]byte(m[1]), &v) == nil && v.Type == "Article" {
			return v.Image
		}
	}
	t.Error("no JSON-LD Article")
	return ""
}
