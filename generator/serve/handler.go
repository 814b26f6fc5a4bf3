package serve

import (
	"bytes"
	"errors"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/byline/byline/generator/render"
)

var _ http.Handler = (*Server)(nil)

// servedFile is an output file as served: HTML with the script injected.
type servedFile struct {
	data  []byte
	ctype string
}

// ServeHTTP serves the current build.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if !s.hostAllowed(r) {
		http.Error(w, "403 forbidden: this preview server answers only to localhost", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case ScriptPath:
		write(w, r, http.StatusOK, &servedFile{data: reloadJS, ctype: "text/javascript; charset=utf-8"})
		return
	case EventsPath:
		s.events(w, r)
		return
	}
	p, ok := outputPath(r.URL.Path)
	if !ok {
		http.Error(w, "400 bad request: invalid path", http.StatusBadRequest)
		return
	}
	if c := cleanURLPath(r.URL.Path); c != r.URL.Path {
		// "/articles//" would be served the page of "/articles/" at
		// another depth, where its relative links and styles break.
		http.Redirect(w, r, location(c, r.URL.RawQuery), http.StatusFound) // not 301: a browser keeps those
		return
	}
	g := s.cur.Load()
	if g == nil {
		s.noBuild(w, r)
		return
	}
	s.serveFile(w, r, g, p)
}

// serveFile serves the output file p of g, redirects /x to /x/ when x is a
// folder of the site, or serves the site's 404 page.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, g *generation, p string) {
	f, err := g.file(p)
	if errors.Is(err, render.ErrNotFound) && !strings.HasSuffix(p, "index.html") {
		if _, err := g.file(p + "/index.html"); err == nil {
			http.Redirect(w, r, location("/"+p+"/", r.URL.RawQuery), http.StatusFound)
			return
		}
	}
	switch {
	case err == nil:
		write(w, r, http.StatusOK, f)
	case errors.Is(err, render.ErrNotFound):
		if f, err := g.file("404.html"); err == nil {
			write(w, r, http.StatusNotFound, f)
			return
		}
		http.Error(w, "404 page not found", http.StatusNotFound)
	default:
		page := errorPage("Page failed to render", buildErrors(err), g.id)
		write(w, r, http.StatusInternalServerError, &servedFile{data: page, ctype: "text/html; charset=utf-8"})
	}
}

// noBuild answers while no build has succeeded yet.
func (s *Server) noBuild(w http.ResponseWriter, r *http.Request) {
	title, errs := "Building the site…", []BuildError(nil)
	if e := s.failed.Load(); e != nil {
		title, errs = "Build failed", *e
	}
	page := errorPage(title, errs, "")
	write(w, r, http.StatusServiceUnavailable, &servedFile{data: page, ctype: "text/html; charset=utf-8"})
}

// file renders the output file p once per generation.
func (g *generation) file(p string) (*servedFile, error) {
	if v, ok := g.files.Load(p); ok {
		return v.(*servedFile), nil
	}
	f, err := g.prep.File(p)
	if err != nil {
		return nil, err
	}
	sf := &servedFile{data: f.Data, ctype: contentType(p)}
	if strings.HasPrefix(sf.ctype, "text/html") {
		sf.data = inject(f.Data, g.id)
	}
	v, _ := g.files.LoadOrStore(p, sf)
	return v.(*servedFile), nil
}

func write(w http.ResponseWriter, r *http.Request, status int, f *servedFile) {
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	if status == http.StatusOK {
		// Range requests too: Safari plays a <video> only from a server
		// that answers them with 206.
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.data))
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(f.data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(f.data) // the client went away
	}
}

// outputPath maps a URL path to the output path it names: "/" and "/x/"
// to their index.html. It refuses what no output path can be, which the
// build's paths never are: "..", backslashes, NUL.
func outputPath(urlPath string) (string, bool) {
	if !strings.HasPrefix(urlPath, "/") || strings.ContainsAny(urlPath, "\\\x00") {
		return "", false
	}
	for seg := range strings.SplitSeq(urlPath, "/") {
		if seg == ".." {
			return "", false
		}
	}
	p := strings.TrimPrefix(path.Clean(urlPath), "/")
	switch {
	case p == "" || p == ".":
		p = "index.html"
	case strings.HasSuffix(urlPath, "/"):
		p += "/index.html"
	}
	return p, fs.ValidPath(p)
}

// location is the Location of a redirect to the decoded URL path p with
// the raw query q: p escaped again, so that a file or folder named "a?b",
// "a#b" or "100%" is not sent elsewhere.
func location(p, q string) string {
	return (&url.URL{Path: p, RawQuery: q}).String()
}

// cleanURLPath is the canonical form of a URL path that outputPath
// accepts: no empty or "." segments, its trailing slash kept. It never
// starts with "//", which a browser would take for another host.
func cleanURLPath(urlPath string) string {
	c := path.Clean(urlPath)
	if strings.HasSuffix(urlPath, "/") && c != "/" {
		c += "/"
	}
	return c
}

// types are the content types of the files a site is made of, whatever
// the system's MIME tables say.
var types = map[string]string{
	".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
	".js": "text/javascript; charset=utf-8", ".json": "application/json",
	".xml": "application/xml; charset=utf-8", ".svg": "image/svg+xml",
	".webmanifest": "application/manifest+json", ".txt": "text/plain; charset=utf-8",
	".ico": "image/x-icon", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif",
	".woff": "font/woff", ".woff2": "font/woff2", ".pdf": "application/pdf",
	".otf": "font/otf", ".ttf": "font/ttf", ".mjs": "text/javascript; charset=utf-8",
	".map": "application/json", ".mp4": "video/mp4", ".webm": "video/webm", ".mp3": "audio/mpeg",
	".ogg": "audio/ogg", ".wav": "audio/wav", ".csv": "text/csv; charset=utf-8", ".zip": "application/zip",
}

func contentType(p string) string {
	ext := strings.ToLower(path.Ext(p))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "text/plain; charset=utf-8" // _redirects and other extensionless files
}

// hostAllowed reports whether the Host header names this server: a
// loopback name, the address the request came in on, or the host of
// Options.Addr, with the port the request came in on. A web page whose DNS
// name was rebound to 127.0.0.1 sends its own name, and is refused.
func (s *Server) hostAllowed(r *http.Request) bool {
	local, _ := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if local == nil {
		return false
	}
	lhost, port, err := net.SplitHostPort(local.String())
	if err != nil {
		return false
	}
	host, hport, err := net.SplitHostPort(r.Host)
	if err != nil {
		host, hport = r.Host, "80"
	}
	if hport != port {
		return false
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	switch host {
	case "localhost", "127.0.0.1", "::1", lhost:
		return true
	}
	if h, _, err := net.SplitHostPort(s.opts.Addr); err == nil && h != "" && strings.EqualFold(h, host) {
		return true
	}
	return false
}
