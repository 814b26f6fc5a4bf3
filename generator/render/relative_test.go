package render

import "testing"

func TestRelativize(t *testing.T) {
	in := `<a href="/">home</a><link href="/css/s.css"><img src="/i.png" alt=""><a href="//cdn.example/x">cdn</a>` +
		`<a href="https://x.example/">ext</a><form action="/search/"><div data-url="/search-index.json"></div><a href="/#top">t</a><p>href=&#34;/x</p>`
	tests := []struct{ prefix, want string }{
		{"", `<a href="./">home</a><link href="css/s.css"><img src="i.png" alt=""><a href="//cdn.example/x">cdn</a>` +
			`<a href="https://x.example/">ext</a><form action="search/"><div data-url="search-index.json"></div><a href="./#top">t</a><p>href=&#34;/x</p>`},
		{"../../", `<a href="../../">home</a><link href="../../css/s.css"><img src="../../i.png" alt=""><a href="//cdn.example/x">cdn</a>` +
			`<a href="https://x.example/">ext</a><form action="../../search/"><div data-url="../../search-index.json"></div><a href="../../#top">t</a><p>href=&#34;/x</p>`},
		{"/blog/", `<a href="/blog/">home</a><link href="/blog/css/s.css"><img src="/blog/i.png" alt=""><a href="//cdn.example/x">cdn</a>` +
			`<a href="https://x.example/">ext</a><form action="/blog/search/"><div data-url="/blog/search-index.json"></div><a href="/blog/#top">t</a><p>href=&#34;/x</p>`},
		{"/", in},
	}
	for _, tt := range tests {
		if got := string(relativize([]byte(in), tt.prefix)); got != tt.want {
			t.Errorf("prefix %q:\n got %s\nwant %s", tt.prefix, got, tt.want)
		}
	}
}

func TestRelativePrefix(t *testing.T) {
	for path, want := range map[string]string{"index.html": "", "articles/x/index.html": "../../", "tags/index.html": "../"} {
		if got := relativePrefix(path); got != want {
			t.Errorf("relativePrefix(%q) = %q, want %q", path, got, want)
		}
	}
}

// TestRelativeCopyOwnsItsMemory checks that relativeCopy's result does not
// share the input's memory, whether or not anything was rewritten: pages
// are rendered into a buffer that the next page overwrites.
func TestRelativeCopyOwnsItsMemory(t *testing.T) {
	for _, in := range []string{`<a href="/x/">x</a>`, `<p>nothing rooted</p>`} {
		for _, prefix := range []string{"", "../", "/", "/blog/"} {
			buf := []byte(in)
			got := relativeCopy(buf, prefix)
			want := string(relativize([]byte(in), prefix))
			for i := range buf {
				buf[i] = '!'
			}
			if string(got) != want {
				t.Errorf("relativeCopy(%q, %q) = %q after the input was overwritten, want %q", in, prefix, got, want)
			}
		}
	}
}

// TestRelativeIntoReusesItsMemory: relativeInto writes what relativeCopy
// would, into dst's memory when dst has the room, so that a streamed
// build allocates nothing for its pages.
func TestRelativeIntoReusesItsMemory(t *testing.T) {
	for _, in := range []string{`<a href="/x/">x</a>`, `<p>nothing rooted</p>`} {
		for _, prefix := range []string{"", "../", "/", "/blog/"} {
			dst := make([]byte, 3, 256)
			got := relativeInto(dst, []byte(in), prefix)
			if want := string(relativize([]byte(in), prefix)); string(got) != want {
				t.Errorf("relativeInto(%q, %q) = %q, want %q", in, prefix, got, want)
			}
			if &got[0] != &dst[:1][0] {
				t.Errorf("relativeInto(%q, %q) did not write into dst", in, prefix)
			}
			small := make([]byte, 0, 2)
			if got := relativeInto(small, []byte(in), prefix); string(got) != string(relativize([]byte(in), prefix)) {
				t.Errorf("relativeInto with too small a dst = %q", got)
			}
		}
	}
}

// TestRelativizeSrcset: every site-rooted candidate of a srcset is
// rewritten, and only those.
func TestRelativizeSrcset(t *testing.T) {
	in := `<img src="/i.png" srcset="/i.480w.1a2b3c4d.png 480w,  /i.800w.5e6f7a8b.png 800w, //cdn.example/i.png 900w, /i.png 1600w" sizes="100vw">` +
		`<img src="c.png" srcset="c.480w.1a2b3c4d.png 480w, c.png 900w"><p>srcset="/x 1w, /y 2w"</p>`
	for prefix, want := range map[string]string{
		"../../": `<img src="../../i.png" srcset="../../i.480w.1a2b3c4d.png 480w,  ../../i.800w.5e6f7a8b.png 800w, //cdn.example/i.png 900w, ../../i.png 1600w" sizes="100vw">` +
			`<img src="c.png" srcset="c.480w.1a2b3c4d.png 480w, c.png 900w"><p>srcset="/x 1w, /y 2w"</p>`,
		"https://example.com/blog/": `<img src="https://example.com/blog/i.png" srcset="https://example.com/blog/i.480w.1a2b3c4d.png 480w,  https://example.com/blog/i.800w.5e6f7a8b.png 800w, //cdn.example/i.png 900w, https://example.com/blog/i.png 1600w" sizes="100vw">` +
			`<img src="c.png" srcset="c.480w.1a2b3c4d.png 480w, c.png 900w"><p>srcset="/x 1w, /y 2w"</p>`,
		"": `<img src="i.png" srcset="i.480w.1a2b3c4d.png 480w,  i.800w.5e6f7a8b.png 800w, //cdn.example/i.png 900w, i.png 1600w" sizes="100vw">` +
			`<img src="c.png" srcset="c.480w.1a2b3c4d.png 480w, c.png 900w"><p>srcset="/x 1w, /y 2w"</p>`,
	} {
		if got := string(relativize([]byte(in), prefix)); got != want {
			t.Errorf("prefix %q:\n got %s\nwant %s", prefix, got, want)
		}
	}
}
