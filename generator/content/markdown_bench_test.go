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

// codeBlocksBench is a Markdown of code blocks as the generated articles
// of the 10k-article benchmark have them (generator/bench/corpus).
const codeBlocksBench = "```go\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i, billing := range []string{\"plan\", \"build\", \"ship\"} {\n\t\tfmt.Println(i, billing)\n\t}\n}\n```\n\n" +
	"```go\nfunc searchHandler(w http.ResponseWriter, r *http.Request) {\n\tif r.Method != http.MethodGet {\n\t\thttp.Error(w, \"method not allowed\", http.StatusMethodNotAllowed)\n\t\treturn\n\t}\n\tfmt.Fprintln(w, \"ok\")\n}\n```\n\n" +
	"```bash\ngit switch -c payments-fix\ngo test ./...\ngit commit -am \"Fix payments edge case\"\ngit push -u origin payments-fix\n```\n\n" +
	"```bash\nkubectl get pods -n reports\nkubectl logs -n reports deploy/api --since=10m | grep -i error\n```\n\n" +
	"```yaml\nname: signup\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make test\n```\n\n" +
	"```yaml\nservice: inventory\nslo:\n  target: 99.9\n  window: 30d\nalerts:\n  - burn_rate: 14.4\n    for: 1h\n```\n\n" +
	"```python\nimport csv\n\nwith open(\"alerts.csv\") as f:\n    rows = list(csv.DictReader(f))\n\nprint(sum(float(r[\"salary\"]) for r in rows) / len(rows))\n```\n\n" +
	"```python\ndef profile(items):\n    \"\"\"Return the items sorted by score, best first.\"\"\"\n    return sorted(items, key=lambda item: item.score, reverse=True)\n```\n"

// BenchmarkCodeBlocks renders codeBlocksBench: highlighting, mostly.
func BenchmarkCodeBlocks(b *testing.B) {
	md := NewMarkdown(config.Default())
	b.SetBytes(int64(len(codeBlocksBench)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := md.Render([]byte(codeBlocksBench)); err != nil {
			b.Fatal(err)
		}
	}
}
