package deploy

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/byline/byline/generator"
	"github.com/byline/byline/generator/render"
)

// TestNginx serves the sample site with a real nginx and .deploy/nginx.conf,
// built for the root of a host and for the sub-path /blog/, and crawls each
// from its home page.
func TestNginx(t *testing.T) {
	t.Parallel() // mostly waiting on another process
	if testing.Short() {
		t.Skip("nginx test skipped in -short mode")
	}
	bin := needTool(t, "BYLINE_REQUIRE_NGINX", "nginx", "apt-get install nginx")
	dir := t.TempDir()
	rootPort, blogPort := freePort(t), freePort(t)
	rootOrigin := fmt.Sprintf("http://127.0.0.1:%d", rootPort)
	blogOrigin := fmt.Sprintf("http://127.0.0.1:%d", blogPort)

	// At the root: the output folder is the document root. Under /blog/: it
	// is the blog/ folder of the document root, as README says.
	rootRes := publishSample(t, filepath.Join(dir, "root"), rootOrigin+"/", true)
	blogRes := publishSample(t, filepath.Join(dir, "www", "blog"), blogOrigin+"/blog/", false)
	// What a folder built into holds besides the site: a user's .git (which
	// a build keeps), and Byline's staging folder while a build runs.
	for _, out := range []string{filepath.Join(dir, "root"), filepath.Join(dir, "www", "blog")} {
		for _, p := range private[1:] {
			writeFile(t, filepath.Join(out, p), "not part of the site")
		}
	}
	startNginx(t, bin, dir,
		serverBlock(t, rootPort, filepath.Join(dir, "root"), "/"),
		serverBlock(t, blogPort, filepath.Join(dir, "www"), "/blog/"))

	t.Run("root", func(t *testing.T) { checkServed(t, rootOrigin, "/", rootRes) })
	t.Run("blog", func(t *testing.T) { checkServed(t, blogOrigin, "/blog/", blogRes) })
	t.Run("precompressed", func(t *testing.T) { checkGzipStatic(t, rootOrigin, rootRes) })
}

// checkServed crawls a served build and checks what a crawler does not
// reach: the 404 page, aliases and response headers.
func checkServed(t *testing.T, origin, prefix string, res *generator.Result) {
	c := newCrawler(origin, prefix)
	c.add(origin+prefix, origin+prefix)
	c.add(origin+prefix+"robots.txt", origin+prefix) // and through it the sitemap
	// The 404 page is served at any depth; its links must work from there.
	missing := origin + prefix + "no/such/page/"
	resp, body := get(t, missing)
	if resp.StatusCode != http.StatusNotFound || !bytes.Contains(body, []byte("<title>Page not found")) {
		t.Errorf("GET %s: status %d, want 404 with the site's 404 page; body starts %.200q", missing, resp.StatusCode, body)
	} else {
		c.seen[missing] = true
		c.scanHTML(missing, body)
	}
	c.run()
	c.report(t)
	if len(c.checked) < len(res.Site.Articles) {
		t.Errorf("only %d URLs reached", len(c.checked))
	}

	checkAliases(t, origin, prefix, res)
	checkHeaders(t, origin, prefix, res)

	// Links authors write site-rooted in Markdown stay inside the site.
	page := origin + prefix + "articles/tech-salaries-by-career-level/"
	_, body = get(t, page)
	if !regexp.MustCompile(`href="?\.\./\.\./articles/what-does-a-back-end-developer-do/`).Match(body) {
		t.Errorf("%s: no link to ../../articles/what-does-a-back-end-developer-do/: the Markdown link to /articles/what-does-a-back-end-developer-do/ is not page-relative", page)
	}
}

// checkAliases follows each alias's meta refresh to its article.
func checkAliases(t *testing.T, origin, prefix string, res *generator.Result) {
	if len(res.Site.Aliases) == 0 {
		t.Fatal("the sample site has no aliases to check")
	}
	refresh := regexp.MustCompile(`http-equiv=(?:"refresh"|refresh) content="0; url=([^"]+)"`)
	for _, a := range res.Site.Aliases {
		from := origin + prefix + strings.TrimPrefix(a.From, "/")
		resp, body := get(t, from)
		m := refresh.FindSubmatch(body)
		if resp.StatusCode != http.StatusOK || m == nil {
			t.Errorf("alias %s: status %d, refresh %q", from, resp.StatusCode, m)
			continue
		}
		base, _ := url.Parse(from)
		target, err := base.Parse(string(m[1]))
		want := origin + prefix + strings.TrimPrefix(a.To, "/")
		if err != nil || target.String() != want {
			t.Errorf("alias %s redirects to %v, want %s", from, target, want)
			continue
		}
		if resp, _ := get(t, want); resp.StatusCode != http.StatusOK {
			t.Errorf("alias %s: its target %s answers %d", from, want, resp.StatusCode)
		} else {
			t.Logf("alias %s → %s", from, want)
		}
	}
}

// private are files in an output folder that are not part of the site, and
// that a server must not send (besides _headers and _redirects): Byline's
// manifest, a .git that the folder is also a checkout of, and what a build
// that is running, or was killed, has staged.
var private = []string{".byline-manifest", ".git/config", ".git/HEAD", ".byline-staging/tree/index.html", ".byline-tmp-ABCDEF"}

// checkHeaders compares nginx's response headers with the _headers file.
func checkHeaders(t *testing.T, origin, prefix string, res *generator.Result) {
	rules := parseHeaders(t, fileMap(res.Files)["_headers"])
	var asset string
	for _, f := range res.Files {
		if strings.HasSuffix(f.Path, ".css") && strings.HasPrefix(f.Path, "css/style.") {
			asset = f.Path
		}
	}
	for _, tc := range []struct{ path, cache string }{
		{"", render.CacheRevalidate},
		{"articles/tech-salaries-by-career-level/", render.CacheRevalidate},
		{asset, render.CacheImmutable},
		{"no/such/page/", render.CacheRevalidate},
	} {
		resp, _ := get(t, origin+prefix+tc.path)
		if got := resp.Header.Get("Cache-Control"); got != tc.cache {
			t.Errorf("%s: Cache-Control %q, want %q", tc.path, got, tc.cache)
		}
		for name, value := range rules.match(prefix + tc.path) {
			if got := resp.Header.Get(name); got != value {
				t.Errorf("%s: %s = %q; _headers says %q", tc.path, name, got, value)
			}
		}
	}
	for _, p := range append(private, "_headers", "_redirects") {
		if resp, _ := get(t, origin+prefix+p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s is served (status %d); it is not part of the site", p, resp.StatusCode)
		}
	}
}

// checkGzipStatic asks for compressed files and expects the bytes that
// --precompress wrote.
func checkGzipStatic(t *testing.T, origin string, res *generator.Result) {
	files := fileMap(res.Files)
	for _, p := range []string{"index.html", "articles/tech-salaries-by-career-level/index.html", "feed.xml"} {
		u := origin + "/" + strings.TrimSuffix(p, "index.html")
		req, _ := http.NewRequest("GET", u, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := http.DefaultTransport.RoundTrip(req) // no transparent decompression
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(body, files[p+".gz"]) {
			t.Errorf("%s: Content-Encoding %q, %d bytes; want %s.gz as written (%d bytes)",
				u, resp.Header.Get("Content-Encoding"), len(body), p, len(files[p+".gz"]))
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err == nil {
			body, err = io.ReadAll(zr)
		}
		if err != nil || !bytes.Equal(body, files[p]) {
			t.Errorf("%s: the gzip body is not the page: %v", u, err)
		}
	}
}

func get(t *testing.T, u string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// serverBlock is .deploy/nginx.conf with the edits README asks for: the
// address, the document root and, under a sub-path, the 404 page.
func serverBlock(t *testing.T, port int, docRoot, prefix string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, ".deploy", "nginx.conf"))
	if err != nil {
		t.Fatal(err)
	}
	conf := string(data)
	for _, r := range [][2]string{
		{"listen 80;", fmt.Sprintf("listen 127.0.0.1:%d;", port)},
		{"root /srv/byline/public;", "root " + docRoot + ";"},
		{"error_page 404 /404.html;", "error_page 404 " + prefix + "404.html;"},
	} {
		if strings.Count(conf, r[0]) != 1 {
			t.Fatalf(".deploy/nginx.conf should have %q once", r[0])
		}
		conf = strings.Replace(conf, r[0], r[1], 1)
	}
	return conf
}

// startNginx runs nginx in the foreground, as the current user, with
// everything it writes in dir, and stops it when the test ends.
func startNginx(t *testing.T, bin, dir string, servers ...string) {
	t.Helper()
	types := "types { text/html html; text/css css; application/javascript js; application/json json; text/xml xml; text/plain txt; image/svg+xml svg; }"
	if out, _ := exec.Command(bin, "-V").CombinedOutput(); out != nil {
		if m := regexp.MustCompile(`--conf-path=(\S+)`).FindSubmatch(out); m != nil {
			if p := filepath.Join(filepath.Dir(string(m[1])), "mime.types"); fileExists(p) {
				types = "include " + p + ";"
			}
		}
	}
	tmp := filepath.Join(dir, "nginx")
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	conf := fmt.Sprintf(`daemon off;
master_process off;
worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 64; }
http {
    %[2]s
    default_type application/octet-stream;
    access_log %[1]s/access.log;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    %[3]s
}
`, tmp, types, strings.Join(servers, "\n"))
	confPath := filepath.Join(tmp, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "-t", "-p", tmp, "-e", filepath.Join(tmp, "error.log"), "-c", confPath).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s\n%s", err, out, conf)
	}
	cmd := exec.Command(bin, "-p", tmp, "-e", filepath.Join(tmp, "error.log"), "-c", confPath)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{}) // closed when nginx has exited
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGQUIT) // graceful stop
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
		if log, _ := os.ReadFile(filepath.Join(tmp, "error.log")); len(log) > 0 && t.Failed() {
			t.Logf("nginx error.log:\n%s", log)
		}
	})
	for _, port := range listenPorts(servers) {
		waitListening(t, port, exited, &stderr)
	}
}

func listenPorts(servers []string) []string {
	var ports []string
	for _, s := range servers {
		if m := regexp.MustCompile(`listen (127\.0\.0\.1:\d+);`).FindStringSubmatch(s); m != nil {
			ports = append(ports, m[1])
		}
	}
	return ports
}

func waitListening(t *testing.T, addr string, exited <-chan struct{}, stderr *bytes.Buffer) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			t.Fatalf("nginx exited:\n%s", stderr)
		default:
		}
		if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			conn.Close()
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("nginx is not listening on %s after 10s\n%s", addr, stderr)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// writeFile writes data to name, making its folders.
func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
