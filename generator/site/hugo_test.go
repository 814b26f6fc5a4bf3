package site

import (
	"testing"

	"github.com/byline/byline/generator/content"
)

// TestAuthorByName checks that an article naming its author as a Hugo
// site does, by the person's name, is told the key to write, not to
// create a file named after the person.
func TestAuthorByName(t *testing.T) {
	for _, tt := range []struct {
		meta content.Meta
		want string
	}{
		{content.Meta{Title: "X", Date: day(-1), Author: "Jane Doe"},
			`site/articles/x.md:4:9: unknown author "Jane Doe": an author is named by its key, the name of its file (site/authors/jane-doe.md): write jane-doe`},
		// The test pages have the position of "author" alone.
		{content.Meta{Title: "X", Date: day(-1), Authors: []string{"Jane Doe"}},
			`site/articles/x.md:1:1: unknown author "Jane Doe": an author is named by its key, the name of its file (site/authors/jane-doe.md): write jane-doe`},
		// The key in another spelling than its file's, and the name of
		// the person in the file when it is not the key's.
		{content.Meta{Title: "X", Date: day(-1), Author: "Ann_Lee"},
			`site/articles/x.md:4:9: unknown author "Ann_Lee": an author is named by its key, the name of its file (site/authors/ann-lee.md): write ann-lee`},
		{content.Meta{Title: "X", Date: day(-1), Author: "ann", ReviewedBy: "Dr. Jane Doe"},
			`site/articles/x.md:1:1: unknown reviewer "Dr. Jane Doe": an author is named by its key, the name of its file (site/authors/jane-doe.md): write jane-doe`},
	} {
		c := &content.Content{
			Authors:  []*content.Page{author("jane-doe", "Dr. Jane Doe"), author("ann-lee", "Ann Lee"), author("ann", "Ann")},
			Articles: []*content.Page{article("articles/x.md", tt.meta)},
		}
		_, list := assemble(t, c, Options{})
		if err := list.Err(); err == nil || err.Error() != tt.want {
			t.Errorf("got %v\nwant %s", err, tt.want)
		}
	}
}
