package deploy

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/byline/byline/generator/render"
)

// headerRules is a parsed _headers file, in the format Netlify and
// Cloudflare Pages share: a URL pattern on a line of its own, then its
// headers indented below it as "Name: value"; "#" starts a comment.
type headerRules []headerRule

type headerRule struct {
	pattern string
	headers [][2]string
}

func parseHeaders(t *testing.T, data []byte) headerRules {
	t.Helper()
	var rules headerRules
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case len(line) > 2000:
			t.Errorf("_headers:%d: longer than the 2,000 characters Cloudflare allows", n)
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case line[0] != ' ' && line[0] != '\t':
			if !strings.HasPrefix(line, "/") || strings.Count(line, "*") > 1 {
				t.Errorf("_headers:%d: %q is not a URL pattern", n, line)
			}
			rules = append(rules, headerRule{pattern: line})
		default:
			name, value, ok := strings.Cut(trimmed, ": ")
			if !ok || len(rules) == 0 || !headerName.MatchString(name) {
				t.Errorf("_headers:%d: %q is not a header of a rule", n, line)
				continue
			}
			r := &rules[len(rules)-1]
			r.headers = append(r.headers, [2]string{name, value})
		}
	}
	if len(rules) > 100 {
		t.Errorf("_headers has %d rules; Cloudflare Pages reads 100", len(rules))
	}
	return rules
}

var headerName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*$`)

// match returns the headers a host sends for path: those of every rule
// that matches it.
func (rs headerRules) match(path string) map[string]string {
	out := map[string]string{}
	for _, r := range rs {
		prefix, splat := strings.CutSuffix(r.pattern, "*")
		if path == r.pattern || splat && strings.HasPrefix(path, prefix) {
			for _, h := range r.headers {
				if _, dup := out[h[0]]; dup {
					out[h[0]] += ", " + h[1] // what Cloudflare does with a header set twice
				} else {
					out[h[0]] = h[1]
				}
			}
		}
	}
	return out
}

// TestHostFiles checks the _headers and _redirects of the sample site, at
// the root and under a sub-path: valid for both hosts, no header set twice
// for one URL, long caching for fingerprinted assets only.
func TestHostFiles(t *testing.T) {
	for _, base := range []string{"https://careers.example.com/", "https://example.com/blog/"} {
		t.Run(base, func(t *testing.T) {
			res := buildSample(t, base)
			files := fileMap(res.Files)
			prefix := strings.TrimPrefix(base, "https://")
			prefix = prefix[strings.Index(prefix, "/"):]
			rules := parseHeaders(t, files["_headers"])
			for p := range files {
				h := rules.match(prefix + strings.TrimSuffix(p, "index.html"))
				for name, v := range h {
					if strings.Contains(v, ", "+name) || name == "Cache-Control" && strings.Count(v, "max-age") > 1 {
						t.Errorf("%s: %s set by two rules: %q", p, name, v)
					}
				}
				for _, sh := range render.SecurityHeaders() {
					if h[sh[0]] != sh[1] {
						t.Errorf("%s: %s = %q, want %q", p, sh[0], h[sh[0]], sh[1])
					}
				}
				hashed := regexp.MustCompile(`\.[0-9a-f]{8}\.(css|js)$`).MatchString(p)
				if want := map[bool]string{true: render.CacheImmutable}[hashed]; h["Cache-Control"] != want {
					t.Errorf("%s: Cache-Control %q, want %q (none: the host's default revalidates)", p, h["Cache-Control"], want)
				}
			}

			// _redirects: "from to 301" per alias, both under the sub-path.
			lines := strings.Split(strings.TrimSpace(string(files["_redirects"])), "\n")
			if len(lines) != len(res.Site.Aliases) {
				t.Fatalf("_redirects has %d lines for %d aliases:\n%s", len(lines), len(res.Site.Aliases), files["_redirects"])
			}
			for _, line := range lines {
				f := strings.Fields(line)
				if len(f) != 3 || !strings.HasPrefix(f[0], prefix) || !strings.HasPrefix(f[1], prefix) || f[2] != "301" {
					t.Errorf("_redirects: %q is not \"%sfrom %sto 301\"", line, prefix, prefix)
				}
				if _, ok := files[strings.TrimPrefix(f[1], prefix)+"index.html"]; !ok {
					t.Errorf("_redirects: %q redirects to a page the site does not have", line)
				}
			}
		})
	}
}

// TestNginxConfMatchesHeaders keeps .deploy/nginx.conf sending what
// _headers says: the same security headers in every location, long caching
// for fingerprinted assets, revalidation for the rest.
func TestNginxConfMatchesHeaders(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root, ".deploy", "nginx.conf"))
	if err != nil {
		t.Fatal(err)
	}
	conf := string(data)
	locs := regexp.MustCompile(`(?s)\n    location (.*?) \{\n(.*?)\n    \}`).FindAllStringSubmatch(conf, -1)
	caches := map[string]string{}
	for _, l := range locs {
		adds := map[string]string{}
		for _, m := range regexp.MustCompile(`add_header (\S+) "([^"]*)" always;`).FindAllStringSubmatch(l[2], -1) {
			adds[m[1]] = m[2]
		}
		if len(adds) == 0 {
			continue // the location that hides host files
		}
		for _, h := range render.SecurityHeaders() {
			if adds[h[0]] != h[1] {
				t.Errorf("location %s: %s is %q, want %q as in _headers", l[1], h[0], adds[h[0]], h[1])
			}
		}
		caches[strings.TrimSpace(l[1])] = adds["Cache-Control"]
	}
	want := map[string]string{`~ "\.[0-9a-f]{8}\.(css|js)$"`: render.CacheImmutable, "/": render.CacheRevalidate}
	if len(caches) != len(want) {
		t.Errorf("locations with headers: %q, want %q", slices.Sorted(mapKeys(caches)), slices.Sorted(mapKeys(want)))
	}
	for loc, cc := range want {
		if caches[loc] != cc {
			t.Errorf("location %s: Cache-Control %q, want %q", loc, caches[loc], cc)
		}
	}
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
