package serve

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// DefaultAddr is where serve listens unless told otherwise: loopback only,
// since a preview shows drafts (design §5).
const DefaultAddr = "127.0.0.1:1313"

// shutdownGrace is how long Serve waits for requests in flight at exit.
const shutdownGrace = 5 * time.Second

// Serve answers HTTP requests on ln until ctx ends; then it ends the event
// streams, shuts the HTTP server down and returns nil. It closes ln. A
// Server serves once.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		s.Close()
		return err
	case <-ctx.Done():
	}
	s.Close()
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := hs.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// IsLoopback reports whether addr ("host:port") listens on loopback only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
