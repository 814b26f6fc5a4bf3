package generator

import (
	"bytes"
	"encoding/json"
	"image/color"
	"image/png"
	"maps"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/byline/byline/generator/cards"
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
	var dirs []string
	for _, c := range cardsOf(files) {
		dirs = append(dirs, path.Dir(c))
	}
	slices.Sort(dirs)
	// Every page but the search and 404 pages, and the articles with an
	// image or a title the fonts cannot draw.
	want := []string{".", "articles", "articles/guides", "articles/plain", "articles/sre", "authors", "categories", "categories/career-paths", "tags"}
	if !slices.Equal(dirs, want) {
		t.Errorf("cards in %q, want in %q", dirs, want)
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
	if n := cache.Made(); n != 9 {
		t.Errorf("the cards were drawn %d times in three builds, want 9 (once each)", n)
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

// TestSocialCardsOfEveryPage: with social cards on, the home page (showing
// the site's description), the lists and their further pages, an author
// without an avatar and a standalone page without an image get a card as
// their og:image; a page, a term or an author with an image of its own
// keeps it; the search and 404 pages get none; and every card drawn is
// some page's image.
func TestSocialCardsOfEveryPage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	writeFiles(t, dir, map[string][]byte{
		"config.yaml":            []byte(cardsConfig + "description: Guides to tech careers\npagination:\n  per_page: 1\n"),
		"articles/one.md":        []byte("---\ntitle: One\ndate: 2026-01-05\nauthor: ana\ntags: [Go]\n---\nBody.\n"),
		"articles/two.md":        []byte("---\ntitle: Two\ndate: 2026-01-06\nauthor: bo\ntags: [Go, Rust]\n---\nBody.\n"),
		"authors/ana.md":         []byte("---\nname: Ana Ruiz\nrole: Editor\n---\nBio.\n"),
		"authors/bo.md":          []byte("---\nname: Bo Lin\navatar: /images/bo.png\n---\nBio.\n"),
		"tags/rust.md":           []byte("---\ntitle: Rust\nimage: /images/rust.png\nimage_alt: A crab\n---\nText.\n"),
		"pages/about.md":         []byte("---\ntitle: About us\n---\nWho we are.\n"),
		"pages/contact.md":       []byte("---\ntitle: Contact\nimage: /images/desk.png\nimage_alt: A desk\n---\nWrite to us.\n"),
		"static/images/bo.png":   testPNG(t, 200, 200),
		"static/images/rust.png": testPNG(t, 1200, 630),
		"static/images/desk.png": testPNG(t, 1200, 630),
	})
	files, err := buildImageSite(t, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	ogImage := regexp.MustCompile(`<meta property="og:image" content="https://careers\.example\.com/([^"]+)">`)
	image := func(page string) string {
		m := ogImage.FindSubmatch(files[page])
		if m == nil {
			return ""
		}
		return string(m[1])
	}
	shown := map[string]bool{}
	for _, tc := range []struct{ page, want string }{
		{"index.html", "card"},
		{"page/2/index.html", "card.html"}, // the home page's card
		{"articles/index.html", "card"},
		{"articles/page/2/index.html", "card:articles/index.html"},
		{"tags/index.html", "card"},
		{"tags/go/index.html", "card"},
		{"tags/go/page/2/index.html", "card:tags/go/index.html"},
		{"tags/rust/index.html", "images/rust.png"},
		{"authors/index.html", "card"},
		{"authors/ana/index.html", "card"},
		{"authors/bo/index.html", "images/bo.png"},
		{"about/index.html", "card"},
		{"contact/index.html", "images/desk.png"},
		{"articles/one/index.html", "card"},
		{"search/index.html", ""},
		{"404.html", ""},
	} {
		got := image(tc.page)
		shown[got] = true
		switch {
		case tc.want == "card" || tc.want == "card.html":
			if !cardFile.MatchString(got) || files[got] == nil {
				t.Errorf("%s: og:image %q, want a card beside it", tc.page, got)
			}
			if tc.want == "card.html" && got != image("index.html") {
				t.Errorf("%s: og:image %q, want the home page's", tc.page, got)
			}
		case strings.HasPrefix(tc.want, "card:"):
			if first := image(strings.TrimPrefix(tc.want, "card:")); got != first || first == "" {
				t.Errorf("%s: og:image %q, want its first page's, %q", tc.page, got, first)
			}
		case got != tc.want:
			t.Errorf("%s: og:image %q, want %q", tc.page, got, tc.want)
		}
	}
	home := cards.Name(cards.Card{Title: "Guides to tech careers", Site: "Career Stack"})
	if got := image("index.html"); got != home {
		t.Errorf("the home page's card is %q, want %q, which shows the description", got, home)
	}
	for p := range files {
		if strings.HasSuffix(p, ".html") {
			shown[image(p)] = true
		}
	}
	for _, c := range cardsOf(files) {
		if !shown[c] {
			t.Errorf("%s is no page's image", c)
		}
	}
}

// TestSocialCardColors: social_card_colors draws the cards in the site's
// colours, under new names; without it, they keep the default theme's.
func TestSocialCardColors(t *testing.T) {
	plain := func(files map[string][]byte) string {
		for _, c := range cardsOf(files) {
			if strings.HasPrefix(c, "articles/plain/") {
				return c
			}
		}
		t.Fatal("no card for articles/plain")
		return ""
	}
	def, err := buildImageSite(t, writeCardSite(t, cardsConfig), nil)
	if err != nil {
		t.Fatal(err)
	}
	dark, err := buildImageSite(t, writeCardSite(t, cardsConfig+"social_card_colors:\n  background: \"#0f172a\"\n  text: \"#f8fafc\"\n  accent: \"#38bdf8\"\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if plain(def) == plain(dark) {
		t.Error("cards in other colours keep the default cards' names")
	}
	for _, tc := range []struct {
		files   map[string][]byte
		bg, bar color.RGBA
	}{
		{def, color.RGBA{0xfb, 0xfa, 0xf7, 0xff}, color.RGBA{0x1d, 0x3f, 0x8f, 0xff}},
		{dark, color.RGBA{0x0f, 0x17, 0x2a, 0xff}, color.RGBA{0x38, 0xbd, 0xf8, 0xff}},
	} {
		m, err := png.Decode(bytes.NewReader(tc.files[plain(tc.files)]))
		if err != nil {
			t.Fatal(err)
		}
		if got := color.RGBAModel.Convert(m.At(1190, 10)); got != tc.bg {
			t.Errorf("background %v, want %v", got, tc.bg)
		}
		if got := color.RGBAModel.Convert(m.At(2, 315)); got != tc.bar {
			t.Errorf("bar %v, want %v", got, tc.bar)
		}
	}
}
