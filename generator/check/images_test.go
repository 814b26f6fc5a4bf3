package check

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestResizedImagesChecked: the srcset of a site that asks for resized
// images leads to built files, body and hero images alike, so check finds
// nothing wrong with them.
func TestResizedImagesChecked(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1000, 500))); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"site/config.yaml":           "title: Pay\nbase_url: https://pay.example.com/\nimages: {widths: [480, 800]}\n",
		"site/static/images/pay.png": b.String(),
		"site/articles/pay/index.md": "---\ntitle: Pay by level\ndescription: What engineers are paid at each level, from new graduates to staff engineers.\n" +
			"date: 2025-01-02\nimage: hero.png\nimage_alt: A chart\n---\n\n![Pay by level](/images/pay.png)\n\n![The same, here](hero.png)\n",
		"site/articles/pay/hero.png": b.String(),
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	rep, err := Run(context.Background(), Options{Build: buildOptions()})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Skipped != "" {
		t.Fatal(rep.Skipped)
	}
	for _, p := range rep.Problems {
		if msg := p.Error(); strings.Contains(msg, "image") || strings.Contains(msg, ".png") {
			t.Error(msg)
		}
	}
}
