package generator

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/byline/byline/generator/render"
)

// TestStreamMatchesRender: Stream hands emit, file for file, the bytes
// Render returns, though each page's data is the memory of the goroutine
// that rendered it and is reused for its next page (render.StreamEach),
// with and without minifying.
func TestStreamMatchesRender(t *testing.T) {
	for _, minify := range []bool{false, true} {
		opts := Options{SiteDir: "../site", ThemesDir: "../themes", Now: goldenNow, Minify: minify}
		p, err := Prepare(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		want := renderAll(t, p)
		var mu sync.Mutex
		got := map[string][]byte{}
		if _, err := p.Stream(context.Background(), func(f render.File) error {
			mu.Lock()
			defer mu.Unlock()
			got[f.Path] = bytes.Clone(f.Data)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		sameFiles(t, "streamed vs rendered", want, got)
	}
}
