package generator

import (
	"context"
	"testing"
)

// TestMinifiedTwice: a minified build rendered twice gives the same files.
// The minifier writes over its input, and an asset's bytes are read once
// for the build: minified in place, they came out broken the second time
// (a script calling a function it had renamed away).
func TestMinifiedTwice(t *testing.T) {
	opts := Options{SiteDir: "../site", ThemesDir: "../themes", Now: goldenNow, Minify: true}
	p, err := Prepare(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	first := renderAll(t, p)
	sameFiles(t, "second render", first, renderAll(t, p))
}
