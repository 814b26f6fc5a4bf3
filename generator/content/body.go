package content

import (
	"bytes"
	"html/template"

	"github.com/klauspost/compress/s2"
)

// A body is a page's rendered HTML, kept compressed: a site's bodies are
// most of what a build holds in memory (10,000 articles: ~100 MB of HTML),
// and each is read only a few times (its page, a feed or two). S2 turns
// that into about a third, and costs a few microseconds an article each
// way.
type body struct {
	z []byte // s2 block of the HTML
}

func compressBody(h template.HTML) body {
	if h == "" {
		return body{}
	}
	// Encode writes into a worst-case-sized buffer; keep an exact copy.
	return body{z: bytes.Clone(s2.Encode(nil, []byte(h)))}
}

func (b body) html() template.HTML {
	if len(b.z) == 0 {
		return ""
	}
	out, err := s2.Decode(nil, b.z)
	if err != nil {
		// b.z was made by compressBody in this process.
		panic("content: corrupt page body: " + err.Error())
	}
	return template.HTML(out)
}

// Body returns the rendered Markdown, safe under the site's unsafe_html
// setting.
func (p *Page) Body() template.HTML { return p.body.html() }

// SetBody sets the rendered body: for parse, and for tests that build
// pages by hand.
func (p *Page) SetBody(h template.HTML) { p.body = compressBody(h) }
