package serve

import (
	"bytes"
	_ "embed"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Reserved paths of the live-reload machinery; a site cannot shadow them.
const (
	ScriptPath = "/_byline/reload.js"
	EventsPath = "/_byline/events"
)

//go:embed reload.js
var reloadJS []byte

// event is one Server-Sent Event: "reload" (data: the generation) or
// "error" (data: the JSON list of BuildError).
type event struct {
	name, data string
}

// hub tells the open event streams about the latest build. A stream only
// needs the newest state, so it is woken up and reads it, and no event can
// pile up behind a slow reader.
type hub struct {
	mu      sync.Mutex
	seq     uint64 // number of events published
	latest  event
	clients map[chan struct{}]bool
	done    chan struct{}
	once    sync.Once
}

func newHub() *hub {
	return &hub{clients: map[chan struct{}]bool{}, done: make(chan struct{})}
}

func (h *hub) publish(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seq++
	h.latest = e
	for c := range h.clients {
		select {
		case c <- struct{}{}:
		default: // already woken up
		}
	}
}

func (h *hub) state() (uint64, event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.seq, h.latest
}

func (h *hub) subscribe() (chan struct{}, func()) {
	c := make(chan struct{}, 1)
	h.mu.Lock()
	h.clients[c] = true
	h.mu.Unlock()
	return c, func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
	}
}

func (h *hub) close() { h.once.Do(func() { close(h.done) }) }

// heartbeat is how often an idle stream sends a comment, so a closed page
// is noticed and its stream ends.
const heartbeat = 15 * time.Second

// events streams the builds to one page. The page's script passes the
// generation it was served from: a page older than the current build
// reloads at once, and a page opened while the build is broken shows the
// errors at once.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	wake, unsubscribe := s.hub.subscribe()
	defer unsubscribe()
	seq, latest := s.hub.state()
	var first *event
	if errs := s.failed.Load(); errs != nil {
		first = &event{name: "error", data: errorsJSON(*errs)}
	} else if g := s.cur.Load(); g != nil && r.URL.Query().Get("gen") != g.id {
		first = &event{name: "reload", data: g.id}
	}
	if !send(w, rc, "retry: 1000\n\n", first) {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.hub.done:
			return
		case <-tick.C:
			if !send(w, rc, ": ping\n\n", nil) {
				return
			}
		case <-wake:
			var n uint64
			if n, latest = s.hub.state(); n == seq {
				continue
			}
			seq = n
			if !send(w, rc, "", &latest) {
				return
			}
		}
	}
}

// send writes a prefix (a comment or field) and an event, and flushes.
func send(w http.ResponseWriter, rc *http.ResponseController, prefix string, e *event) bool {
	var b bytes.Buffer
	b.WriteString(prefix)
	if e != nil {
		fmt.Fprintf(&b, "event: %s\ndata: %s\n\n", e.name, e.data)
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return false
	}
	return rc.Flush() == nil
}

// scriptTag is the tag inject adds to the pages of generation gen.
func scriptTag(gen string) []byte {
	return []byte(`<script src="` + ScriptPath + `?gen=` + url.QueryEscape(gen) + `"></script>`)
}

// inject adds the live-reload script before the last </body>, or at the
// end of a page without one.
func inject(page []byte, gen string) []byte {
	tag := scriptTag(gen)
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// errorPage is the page served when there is no good build to serve, or a
// page failed to render; its script shows the overlay and reloads on the
// next success.
func errorPage(title string, errs []BuildError, gen string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title></head>\n<body>\n<h1>%s</h1>\n<pre>", html.EscapeString(title), html.EscapeString(title))
	for _, e := range errs {
		b.WriteString(html.EscapeString(e.String()))
		b.WriteByte('\n')
		if e.Source != "" {
			// The offending line, as the overlay shows it.
			fmt.Fprintf(&b, "    %s\n", html.EscapeString(e.Source))
		}
	}
	b.WriteString("</pre>\n")
	b.Write(scriptTag(gen))
	b.WriteString("\n</body></html>\n")
	return b.Bytes()
}
