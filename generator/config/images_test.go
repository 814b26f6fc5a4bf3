package config

import (
	"slices"
	"strings"
	"testing"
)

// TestImagesSettings: the images settings are off by default, kept as
// written when right, and each wrong value is an error at its own line and
// column that says what to write.
func TestImagesSettings(t *testing.T) {
	cfg, msgs := load(t, "title: T\n")
	if cfg.Images.On() || cfg.Images.Quality() != DefaultImageQuality || cfg.Images.Sizes() != DefaultImageSizes || len(msgs) > 0 {
		t.Fatalf("default: %+v, %v", cfg.Images, msgs)
	}
	cfg, msgs = load(t, "images:\n  widths: [1200, 480, 800]\n  quality: 70\n  sizes: 100vw\n")
	if !cfg.Images.On() || !slices.Equal(cfg.Images.Widths, []int{1200, 480, 800}) || cfg.Images.Quality() != 70 || cfg.Images.Sizes() != "100vw" || len(msgs) > 0 {
		t.Fatalf("set: %+v, %v", cfg.Images, msgs)
	}
	for _, c := range []struct{ src, want string }{
		{"images:\n  widths: [480, 0, 99999]\n",
			"site/config.yaml:2:17: images.widths: 0 is not a width Byline resizes images to: write widths in pixels from 16 to 8192, such as [480, 800, 1200]\n" +
				"site/config.yaml:2:20: images.widths: 99999 is not a width Byline resizes images to: write widths in pixels from 16 to 8192, such as [480, 800, 1200]"},
		{"images:\n  widths:\n    - 480\n    - 480\n",
			"site/config.yaml:4:7: warning: images.widths: 480 is listed twice: remove one"},
		{"images: {widths: [480], quality: 101}\n",
			"site/config.yaml:1:34: images.quality must be from 1 to 100 (the JPEG quality of the resized copies; 82 when not set)"},
		{"images: {widths: [480], sizes: \"\"}\n",
			`site/config.yaml:1:32: images.sizes must be an HTML sizes attribute, on one line, such as "(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)", the default`},
		{"images: {widths: [16, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176]}\n",
			"site/config.yaml:1:18: images.widths lists 11 widths, and every JPEG or PNG image would get a copy at each: list at most 10, such as [480, 800, 1200]"},
		{"images:\n  quality: 80\n",
			"site/config.yaml:1:1: warning: images: quality and sizes do nothing without widths: add widths: [480, 800, 1200] to give body and hero images resized copies"},
		{"images: {widths: 480}\n",
			"site/config.yaml:1:18: images: int was used where sequence is expected"},
		{"images: {width: [480]}\n",
			`site/config.yaml:1:10: warning: images: unknown key "width"; did you mean "widths"?`},
		{"imaging:\n  quality: 75\n",
			`site/config.yaml:1:1: warning: unknown key "imaging": Byline's setting is images: {widths: [480, 800, 1200], quality: 82}: every JPEG or PNG image a page shows in its body or as its hero gets a copy at each width narrower than it, in its srcset`},
	} {
		cfg, msgs := load(t, c.src)
		if got := strings.Join(msgs, "\n"); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, got, c.want)
		}
		for _, w := range cfg.Images.Widths {
			if w < MinImageWidth || w > MaxImageWidth {
				t.Errorf("%q: width %d kept", c.src, w)
			}
		}
		if q := cfg.Images.Quality(); q < 1 || q > 100 {
			t.Errorf("%q: quality %d", c.src, q)
		}
	}
}
