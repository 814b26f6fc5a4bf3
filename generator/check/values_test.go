package check

import (
	"bytes"
	"context"
	"testing"
)

// TestValuesCheckedWhereWritten: an image, avatar, logo or menu item with no
// file behind it was reported at the first built page that showed it, as
// "404.html: the theme links to /images/logo.svg, which the build does not
// produce (and on 13 other pages)", with no line and blaming the theme.
func TestValuesCheckedWhereWritten(t *testing.T) {
	fixture(t, "values")
	rep, err := Run(context.Background(), Options{Build: buildOptions()})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	want := `site/articles/hero.md:5:1: broken image /images/hero.png: the site has no /images/hero.png
site/authors/ann.md:3:1: broken avatar /images/ann.png: the site has no /images/ann.png
site/config.yaml:5:1: broken logo /images/logo.svg: the site has no /images/logo.svg
site/config.yaml:9:25: broken menu item /jobs/: the site has no /jobs/
`
	if got := b.String(); got != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
}
