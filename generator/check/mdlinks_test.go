package check

import (
	"bytes"
	"context"
	"testing"
)

// TestMarkdownLinksReportedOnce: a link to a Markdown file that the build
// leaves unlinked (a draft) or cannot find (a typo) is reported by the
// build, at the link; check once read the path as written as a URL too,
// and reported "broken link secret.md: the site has no
// /articles/links/secret.md", though the file is there.
func TestMarkdownLinksReportedOnce(t *testing.T) {
	fixture(t, "mdlinks")
	rep, err := Run(context.Background(), Options{Build: buildOptions()})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	want := `site/articles/links.md:7:6: warning: link to "secret.md": site/articles/secret.md is a draft, so it is not in this build: the link's text is shown without the link until it is published
site/articles/links.md:7:30: link to "gud.md": there is no article, page or author site/articles/gud.md; did you mean "good.md"?
site/articles/links.md:9:5: broken link /articles/good/#salary: /articles/good/ has no heading or element with id "salary"
`
	if got := b.String(); got != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
}
