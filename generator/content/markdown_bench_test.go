package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/internal/lineend"
)

// benchArticles are real articles of the example site: one with Go code,
// one with SQL and Python, one with tables and no code.
var benchArticles = []string{
	"articles/roles/what-does-a-back-end-developer-do.md",
	"articles/roles/what-does-a-data-engineer-do.md",
	"articles/tech-salaries-by-career-level.md",
}

// BenchmarkMarkdownRender renders the body of each of benchArticles, with
// one Markdown shared as a build shares it.
func BenchmarkMarkdownRender(b *testing.B) {
	md := NewMarkdown(config.Default())
	for _, name := range benchArticles {
		src, err := os.ReadFile(filepath.Join("../../site", name))
		if err != nil {
			b.Fatal(err)
		}
		fm, err := split(lineend.Normalize(src), nil)
		if err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		b.Run(strings.TrimSuffix(filepath.Base(name), ".md"), func(b *testing.B) {
			b.SetBytes(int64(len(fm.body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := md.Render(fm.body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
