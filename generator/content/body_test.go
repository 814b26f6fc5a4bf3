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
		// AppendBody appends, into dst's room when it has it.
		dst := make([]byte, 3, 4096)
		copy(dst, "abc")
		if got := p.AppendBody(dst); string(got) != "abc"+string(h) || len(h) < 4000 && &got[0] != &dst[0] {
			t.Errorf("AppendBody(abc) = %.40q…, want abc%.40q… in dst's memory", got, h)
		}
	}
	var p Page
	p.SetBody(long)
	if n := len(p.body.z); n*3 > len(long) {
		t.Errorf("a %d-byte body is held in %d bytes: not compressed", len(long), n)
	}
}

// With a Markdown's pool, a body costs its compressed bytes and, to read
// it, the string Body returns: s2 reads the HTML in place, without a copy.
// Each call's result keeps its bytes when the pool's buffer is used again.
func TestBodyAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop buffers at random")
	}
	pool := new(bufferPool)
	h := template.HTML(strings.Repeat("<p>On call, and what it asks of a team.</p>\n", 300))
	b := compressBody(h, pool)
	first := b.html()
	if n := testing.AllocsPerRun(100, func() { b.html() }); n != 1 {
		t.Errorf("Body: %v allocations, want 1", n)
	}
	if n := testing.AllocsPerRun(100, func() { compressBody(h, pool) }); n != 1 {
		t.Errorf("compressing: %v allocations, want 1", n)
	}
	other := compressBody("<p>something else</p>", pool)
	if other.html() != "<p>something else</p>" || first != h {
		t.Error("a body's HTML changed when the pool's buffer was used again")
	}
}
