package content

import (
	"html/template"
	"strings"
	"testing"
)

func TestBodyRoundTrip(t *testing.T) {
	long := template.HTML(strings.Repeat(`<p>A back end developer builds the <a href="/tags/apis/">APIs</a> a product runs on.</p>`+"\n", 200))
	for _, h := range []template.HTML{"", "<p>x</p>", "<p>caf\u00e9 \u2014 \u00a0</p>", long} {
		var p Page
		p.SetBody(h)
		if got := p.Body(); got != h {
			t.Errorf("Body() = %.40q…, want %.40q…", got, h)
		}
	}
	var p Page
	p.SetBody(long)
	if n := len(p.body.z); n*3 > len(long) {
		t.Errorf("a %d-byte body is held in %d bytes: not compressed", len(long), n)
	}
}
