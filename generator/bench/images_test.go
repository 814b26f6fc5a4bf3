package bench

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/byline/byline/generator"
	"github.com/byline/byline/generator/imaging"
	"github.com/byline/byline/generator/render"
)

// photosVersion changes when photosDir would write other files.
const photosVersion = "1"

// photosDir returns a folder holding two sites of n articles, each showing
// a 3000×2000 JPEG photo in its body: site/, whose config.yaml asks for
// copies 480, 800 and 1200 pixels wide, and off/, the same without. It is
// written once into os.TempDir() and reused, as corpusDir's corpus is.
func photosDir(tb testing.TB, n int) string {
	tb.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("byline-bench-photos-%d", n))
	stamp := fmt.Sprintf("byline photos v%s: %d\n", photosVersion, n)
	if got, err := os.ReadFile(filepath.Join(dir, "complete")); err == nil && string(got) == stamp {
		return dir
	}
	tmp := fmt.Sprintf("%s.tmp-%d", dir, os.Getpid())
	if err := os.RemoveAll(tmp); err != nil {
		tb.Fatal(err)
	}
	write := func(name string, data []byte) {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	for _, s := range []struct{ name, config string }{
		{"site", "title: Photos\nimages: {widths: [480, 800, 1200]}\n"},
		{"off", "title: Photos\n"},
	} {
		write(s.name+"/config.yaml", []byte(s.config))
	}
	for i := range n {
		photo := benchPhoto(tb, 3000, 2000, uint64(i))
		article := fmt.Sprintf("---\ntitle: Photo %d\ndate: 2025-01-%02d\n---\nA photo.\n\n![Photo %d](/images/photo-%d.jpg)\n", i, i%28+1, i, i)
		for _, s := range []string{"site", "off"} {
			write(fmt.Sprintf("%s/static/images/photo-%d.jpg", s, i), photo)
			write(fmt.Sprintf("%s/articles/photo-%d.md", s, i), []byte(article))
		}
	}
	write("complete", []byte(stamp))
	if err := os.RemoveAll(dir); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// benchPhoto is a JPEG of gradients and noise, the seed choosing both.
func benchPhoto(tb testing.TB, w, h int, seed uint64) []byte {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(seed, 7))
	shift := int(seed * 37)
	for y := range h {
		for x := range w {
			n := uint8(r.IntN(24))
			m.SetRGBA(x, y, color.RGBA{uint8((x + shift) * 255 / (w + shift)), uint8(y * 255 / h), uint8((x+y)/16) + n, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 88}); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// streamSite is stream for the site in folder site of dir, with cache.
func streamSite(tb testing.TB, dir, site string, cache *imaging.Cache, earlier string) {
	p, err := generator.Prepare(context.Background(), generator.Options{
		SiteDir: filepath.Join(dir, site), ThemesDir: themesDir, Now: now, ImageCache: cache, Earlier: earlier,
	})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := p.Stream(context.Background(), func(render.File) error { return nil }); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkPhotos50 builds, as `byline build` does, a site of 50 articles
// that each show a 3000×2000 JPEG photo: off, as every site builds
// without images: widths; on, each photo given copies 480, 800 and 1200
// pixels wide; cached, as serve and build --watch build again after an
// edit, the copies kept from the build before; and again, as `byline
// build` builds again into the folder it wrote, the copies read back.
//
//	go test ./generator/bench -run '^$' -bench Photos50 -benchtime 3x
func BenchmarkPhotos50(b *testing.B) {
	dir := photosDir(b, 50)
	b.Run("off", func(b *testing.B) {
		measure(b, 50, func() { streamSite(b, dir, "off", nil, "") })
	})
	b.Run("on", func(b *testing.B) {
		measure(b, 50, func() { streamSite(b, dir, "site", nil, "") })
	})
	b.Run("cached", func(b *testing.B) {
		cache := imaging.NewCache()
		streamSite(b, dir, "site", cache, "")
		measure(b, 50, func() { streamSite(b, dir, "site", cache, "") })
	})
	b.Run("again", func(b *testing.B) {
		out := publishSite(b, dir, "site")
		measure(b, 50, func() { streamSite(b, dir, "site", nil, out) })
	})
}

// publishSite builds the site dir/site into dir/site-public, and returns
// that folder.
func publishSite(tb testing.TB, dir, site string) string {
	res, err := generator.Build(context.Background(), generator.Options{SiteDir: filepath.Join(dir, site), ThemesDir: themesDir, Now: now})
	if err != nil {
		tb.Fatal(err)
	}
	out := filepath.Join(dir, site+"-public")
	if _, err := generator.Publish(res, out); err != nil {
		tb.Fatal(err)
	}
	return out
}
