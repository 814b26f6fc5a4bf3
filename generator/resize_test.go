package generator

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/imaging"
)

// imagesConfig asks for responsive images, on the fourth line.
const imagesConfig = "title: Pay\nbase_url: https://pay.example.com/\nimages:\n  widths: [480, 800, 1200]\n"

// writeImageSite writes a site whose articles show large and small PNG and
// JPEG images, from static/ and from a bundle, and a GIF, and returns its
// folder.
func writeImageSite(t *testing.T, config string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	files := map[string][]byte{
		"config.yaml": []byte(config),
		"articles/pay-by-level.md": []byte("---\ntitle: Pay by level\ndate: 2026-01-05\n---\nIntro.\n\n" +
			"![Median pay by level](/images/chart.png \"Base pay, 2025\")\n\n![An icon](/images/small.png)\n\n![An animation](/images/anim.gif)\n"),
		"articles/office-tour/index.md":     []byte("---\ntitle: Office tour\ndate: 2026-01-06\nimage: photo.jpg\nimage_alt: The office\n---\nBody.\n\n![The desk](img/desk.jpg)\n"),
		"static/images/chart.png":           testPNG(t, 1600, 900),
		"static/images/small.png":           testPNG(t, 300, 200),
		"static/images/anim.gif":            testGIF(t, 900, 10),
		"articles/office-tour/photo.jpg":    testJPEG(t, 2000, 1500),
		"articles/office-tour/img/desk.jpg": testJPEG(t, 1000, 750),
		"pages/team/index.md":               []byte("---\ntitle: The team\nimage: crew.jpg\nimage_alt: The crew\n---\nWho we are.\n"),
		"pages/team/crew.jpg":               testJPEG(t, 900, 600),
	}
	writeFiles(t, dir, files)
	return dir
}

// testPNG is a chart: opaque bars on a transparent background.
func testPNG(t *testing.T, w, h int) []byte {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := h - h*(x%97)/100; y < h && x%97 < 60; y++ {
			m.SetNRGBA(x, y, color.NRGBA{20, 80, 200, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// testJPEG is a photo of gradients.
func testJPEG(t *testing.T, w, h int) []byte {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.SetRGBA(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8(x ^ y), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func testGIF(t *testing.T, w, h int) []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.White, color.Black}), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func buildImageSite(t *testing.T, dir string, cache *imaging.Cache) (map[string][]byte, error) {
	t.Helper()
	res, err := Build(context.Background(), Options{SiteDir: dir, ThemesDir: "../themes", Now: goldenNow, ImageCache: cache})
	if err != nil {
		return nil, err
	}
	return fileMap(res), nil
}

// copyName matches the name of a resized copy, its width in group 1.
var copyName = regexp.MustCompile(`\.(\d+)w\.[0-9a-f]{8}\.(png|jpg)$`)

// TestResponsiveImages builds a site that asks for responsive images: the
// copies exist at their widths, body and hero images offer them in srcset
// with sizes, feeds make their URLs absolute, and two builds, in two time
// zones, write the same bytes.
func TestResponsiveImages(t *testing.T) {
	dir := writeImageSite(t, imagesConfig)
	files, err := buildImageSite(t, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	copies := map[string]int{}
	for name, data := range files {
		m := copyName.FindStringSubmatch(name)
		if m == nil {
			continue
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || m[1] != strconv.Itoa(cfg.Width) {
			t.Errorf("%s: %d wide, %v", name, cfg.Width, err)
		}
		copies[regexp.MustCompile(`\.[0-9a-f]{8}\.`).ReplaceAllString(name, ".HASH.")] = cfg.Height
	}
	want := map[string]int{
		"images/chart.480w.HASH.png": 270, "images/chart.800w.HASH.png": 450, "images/chart.1200w.HASH.png": 675,
		"articles/office-tour/photo.480w.HASH.jpg": 360, "articles/office-tour/photo.800w.HASH.jpg": 600, "articles/office-tour/photo.1200w.HASH.jpg": 900,
		"articles/office-tour/img/desk.480w.HASH.jpg": 360, "articles/office-tour/img/desk.800w.HASH.jpg": 600,
		"team/crew.480w.HASH.jpg": 320, "team/crew.800w.HASH.jpg": 533,
	}
	if !maps.Equal(copies, want) {
		t.Errorf("copies (name → height):\n%v\nwant\n%v", copies, want)
	}
	if m := decodeFile(t, files, `images/chart.480w.`); m != nil {
		if _, _, _, a := m.At(2, 2).RGBA(); a != 0 {
			t.Errorf("the chart's copy lost its transparency: alpha %d", a)
		}
	}

	sizes := ` sizes="(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)"`
	pay := string(files["articles/pay-by-level/index.html"])
	wantRe(t, "pay-by-level", pay,
		`<img src="../../images/chart.png" alt="Median pay by level" width="1600" height="900" srcset="../../images/chart.480w.H.png 480w, ../../images/chart.800w.H.png 800w, ../../images/chart.1200w.H.png 1200w, ../../images/chart.png 1600w"`+sizes+` loading="lazy" decoding="async">`,
		`<img src="../../images/small.png" alt="An icon" width="300" height="200" loading="lazy" decoding="async">`,
		`<img src="../../images/anim.gif" alt="An animation" width="900" height="10" loading="lazy" decoding="async">`)
	tour := string(files["articles/office-tour/index.html"])
	wantRe(t, "office-tour", tour,
		`<figure class="hero-image"><img src="../../articles/office-tour/photo.jpg" alt="The office" srcset="../../articles/office-tour/photo.480w.H.jpg 480w, ../../articles/office-tour/photo.800w.H.jpg 800w, ../../articles/office-tour/photo.1200w.H.jpg 1200w, ../../articles/office-tour/photo.jpg 2000w"`+sizes+`></figure>`,
		`<img src="img/desk.jpg" alt="The desk" width="1000" height="750" srcset="img/desk.480w.H.jpg 480w, img/desk.800w.H.jpg 800w, img/desk.jpg 1000w"`+sizes+` loading="lazy" decoding="async">`)
	wantRe(t, "team", string(files["team/index.html"]),
		`<figure class="hero-image"><img src="../team/crew.jpg" alt="The crew" srcset="../team/crew.480w.H.jpg 480w, ../team/crew.800w.H.jpg 800w, ../team/crew.jpg 900w"`+sizes+`></figure>`)
	// Cards and social cards keep the original.
	wantRe(t, "office-tour", tour, `<meta property="og:image" content="https://pay.example.com/articles/office-tour/photo.jpg">`)
	if home := string(files["index.html"]); strings.Contains(home, "srcset") {
		t.Error("the home page's cards have a srcset")
	}
	feed := string(files["feed.xml"])
	for _, want := range []string{"https://pay.example.com/images/chart.480w.", `img/desk.480w.`} {
		if !strings.Contains(feed, want) {
			t.Errorf("feed.xml lacks %s", want)
		}
	}

	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.FixedZone("UTC+13", 13*3600)
	again, err := buildImageSite(t, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(files, again, bytes.Equal) {
		for name, data := range files {
			if !bytes.Equal(data, again[name]) {
				t.Errorf("%s differs between two builds", name)
			}
		}
	}
}

// wantRe checks that page has each of wants, where H stands for a copy's
// hash.
func wantRe(t *testing.T, name, page string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		re := strings.ReplaceAll(regexp.QuoteMeta(want), `\.H\.`, `\.[0-9a-f]{8}\.`)
		if !regexp.MustCompile(re).MatchString(page) {
			t.Errorf("%s lacks\n%s\nin\n%s", name, want, grepImg(page))
		}
	}
}

// grepImg returns the lines of page with an image, for messages.
func grepImg(page string) string {
	var out []string
	for _, l := range strings.Split(page, "\n") {
		if strings.Contains(l, "<img") || strings.Contains(l, "og:image") {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return strings.Join(out, "\n")
}

func decodeFile(t *testing.T, files map[string][]byte, prefix string) image.Image {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if strings.HasPrefix(name, prefix) {
			m, _, err := image.Decode(bytes.NewReader(files[name]))
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
	}
	t.Errorf("no file %s…", prefix)
	return nil
}

// TestResponsiveImagesOff: without images.widths the same site gets no
// copies and no srcset: a site's output does not change until it asks.
func TestResponsiveImagesOff(t *testing.T) {
	for _, config := range []string{"title: Pay\nbase_url: https://pay.example.com/\n", "title: Pay\nbase_url: https://pay.example.com/\nimages: {widths: []}\n"} {
		files, err := buildImageSite(t, writeImageSite(t, config), nil)
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			if copyName.MatchString(name) || strings.Contains(string(data), "srcset") {
				t.Errorf("%q: %s has a copy or a srcset", config, name)
			}
		}
		wantRe(t, "pay-by-level", string(files["articles/pay-by-level/index.html"]),
			`<img src="../../images/chart.png" alt="Median pay by level" width="1600" height="900" loading="lazy" decoding="async">`)
		wantRe(t, "office-tour", string(files["articles/office-tour/index.html"]),
			`<figure class="hero-image"><img src="../../articles/office-tour/photo.jpg" alt="The office"></figure>`)
	}
}

// TestResponsiveImageErrors: a broken image, and a width config.yaml
// cannot have, are errors that say where and what to do.
func TestResponsiveImageErrors(t *testing.T) {
	dir := writeImageSite(t, imagesConfig)
	good, err := os.ReadFile(filepath.Join(dir, "articles/office-tour/photo.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"articles/office-tour/photo.jpg": good[:len(good)/2], // a header, half the pixels
		"static/images/chart.png":        []byte("not a PNG"),
	} {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err = buildImageSite(t, dir, nil)
	want := dir + "/static/images/chart.png: cannot resize this image, which " + dir + "/articles/pay-by-level.md shows: its bytes are no JPEG or PNG image, whatever its name says: save it again as a JPEG or PNG, or replace it"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant %s", err, want)
	}
	// The broken photo's header reads: its pixels fail when the copies
	// are made, after the site is assembled.
	if err := os.WriteFile(filepath.Join(dir, "static/images/chart.png"), testPNG(t, 1600, 900), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = buildImageSite(t, dir, nil)
	want = dir + "/articles/office-tour/photo.jpg: cannot resize this image, which " + dir + "/articles/office-tour/index.md shows: not a readable image: invalid JPEG format: short Huffman data: save it again as a JPEG or PNG, or replace it"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}

	dir = writeImageSite(t, "title: Pay\nimages:\n  widths: [480, 800]\n  quality: 0\n")
	_, err = buildImageSite(t, dir, nil)
	want = dir + "/config.yaml:4:12: images.quality must be from 1 to 100 (the JPEG quality of the resized copies; 82 when not set)"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestResponsiveImagesCached: builds that share an imaging.Cache, as
// watch and serve do, make each image's copies once, and a patch that
// shows an image the build has no copies of is refused.
func TestResponsiveImagesCached(t *testing.T) {
	dir := writeImageSite(t, imagesConfig)
	cache := imaging.NewCache()
	first, err := buildImageSite(t, dir, cache)
	if err != nil {
		t.Fatal(err)
	}
	if n := cache.Made(); n != 4 {
		t.Fatalf("the first build made copies %d times, want 4 (chart, photo, desk, crew)", n)
	}
	second, err := buildImageSite(t, dir, cache)
	if err != nil {
		t.Fatal(err)
	}
	if n := cache.Made(); n != 4 || !maps.EqualFunc(first, second, bytes.Equal) {
		t.Errorf("the second build made copies: %d in all, same output %v", n, maps.EqualFunc(first, second, bytes.Equal))
	}

	if err := os.WriteFile(filepath.Join(dir, "static/images/desk.jpg"), testJPEG(t, 900, 600), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Prepare(context.Background(), Options{SiteDir: dir, ThemesDir: "../themes", Now: goldenNow, ImageCache: cache, Cache: content.NewWatchedCache()})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "articles/pay-by-level.md")
	src, _ := os.ReadFile(file)
	for _, tc := range []struct {
		add  string
		want bool
	}{
		{"\nThe chart again: ![Pay](/images/chart.png)\n", true},
		{"\nA new one: ![Desk](/images/desk.jpg)\n", false},
	} {
		if err := os.WriteFile(file, append(slices.Clip(src), tc.add...), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := p.PatchArticles([]string{"articles/pay-by-level.md"}, goldenNow); got != tc.want {
			t.Errorf("patch adding %q: %v, want %v", tc.add, got, tc.want)
		}
	}
}

// A sizes setting is site text like any other: in body images and in the
// hero it is escaped, and cannot end the attribute.
func TestResponsiveImagesEscapeSizes(t *testing.T) {
	dir := writeImageSite(t, imagesConfig+`  sizes: '40rem" onerror="alert(1)'`+"\n")
	files, err := buildImageSite(t, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"articles/pay-by-level/index.html", "articles/office-tour/index.html"} {
		page := string(files[name])
		if strings.Contains(page, `onerror="alert`) {
			t.Errorf("%s: the sizes setting ends its attribute", name)
		}
		if !strings.Contains(page, `sizes="40rem&#34; onerror=&#34;alert(1)"`) {
			t.Errorf("%s: no escaped sizes attribute in %s", name, page[strings.Index(page, "sizes=")-20:][:120])
		}
	}
}

// An image so tall and narrow that scaling it would take gigabytes (the
// scaler keeps 32 bytes a pixel of the copy's width by the image's
// height) is served as it is, with a warning, not resized.
func TestTallImageNotResized(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	tall := image.NewPaletted(image.Rect(0, 0, 481, 40_000), color.Palette{color.White, color.Black})
	var b bytes.Buffer
	if err := png.Encode(&b, tall); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string][]byte{
		"config.yaml":            []byte("title: Tall\nimages:\n  widths: [480]\n"),
		"articles/a.md":          []byte("---\ntitle: A\ndate: 2026-01-05\n---\n![A ribbon](/images/tall.png)\n"),
		"static/images/tall.png": b.Bytes(),
	})
	res, err := Build(context.Background(), Options{SiteDir: dir, ThemesDir: "../themes", Now: goldenNow})
	if err != nil {
		t.Fatal(err)
	}
	var warned bool
	for _, w := range res.Warnings {
		msg := w.Error()
		warned = warned || strings.Contains(msg, "site/static/images/tall.png: warning: not resized, and served as it is, in ") &&
			strings.Contains(msg, "site/articles/a.md: at 481×40000 pixels, its copy 480 pixels wide would take 585 MB to scale")
	}
	if !warned {
		t.Errorf("no warning: %v", res.Warnings)
	}
	for name, data := range fileMap(res) {
		if copyName.MatchString(name) || strings.Contains(string(data), "srcset") {
			t.Errorf("%s: a copy or a srcset", name)
		}
	}
}

// writeFiles writes files, by slash-separated path, into dir.
func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
