package content

import (
	"testing"

	"github.com/byline/byline/generator/config"
)

func TestImagesAndFigures(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"inline, lazy", "See ![a *bold* chart & more](/images/pay.png) here.\n",
			"<p>See <img src=\"/images/pay.png\" alt=\"a bold chart &amp; more\"␀i0␀ loading=\"lazy\" decoding=\"async\"> here.</p>\n"},
		{"alone with a title: a figure", "![Median pay](/images/pay.svg \"Base pay &amp; bonus, 2025\")\n",
			"<figure>\n<img src=\"/images/pay.svg\" alt=\"Median pay\"␀i0␀ loading=\"lazy\" decoding=\"async\">\n<figcaption>Base pay &amp; bonus, 2025</figcaption>\n</figure>\n"},
		{"alone without a title", "![Median pay](/images/pay.svg)\n",
			"<p><img src=\"/images/pay.svg\" alt=\"Median pay\"␀i0␀ loading=\"lazy\" decoding=\"async\"></p>\n"},
		{"with text and a title: no figure", "![a](/a.png \"T\") and text\n",
			"<p><img src=\"/a.png\" alt=\"a\" title=\"T\"␀i0␀ loading=\"lazy\" decoding=\"async\"> and text</p>\n"},
		{"a dangerous URL: its text", "![x](javascript:alert(1) \"t\")\n", "<p>x</p>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewMarkdown(config.Default()).Render([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := showMarks(string(r.HTML)); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}
