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
