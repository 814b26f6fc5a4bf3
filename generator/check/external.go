package check

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/byline/byline/generator/diag"
)

// fetchAll requests every distinct URL of links once, at most opts.Workers
// at a time, sets each Link's Status and reports failures at every place
// that links to a failing URL.
func fetchAll(ctx context.Context, opts Options, links []Link, list *diag.List) {
	client := opts.Client
	if client == nil {
		client = http.DefaultClient
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = 4
	}
	var urls []string
	seen := map[string]bool{}
	for _, l := range links {
		if !seen[l.URL] {
			seen[l.URL] = true
			urls = append(urls, l.URL)
		}
	}
	status := make([]result, len(urls)) // indexed slots: no lock needed
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(urls)) {
		wg.Go(func() {
			for i := range next {
				status[i] = fetch(ctx, client, urls[i], timeout)
			}
		})
	}
	for i := range urls {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	byURL := make(map[string]result, len(urls))
	for i, u := range urls {
		byURL[u] = status[i]
	}
	for i := range links {
		r := byURL[links[i].URL]
		links[i].Status = r.status
		switch {
		case r.limited:
			links[i].failed = true
			list.Warnf(links[i].Pos, "external link %s: %s: the server limits how often it answers, so the link is not checked; run check again later", links[i].URL, r.status)
		case !r.ok:
			links[i].failed = true
			list.Errorf(links[i].Pos, "external link %s: %s", links[i].URL, r.status)
		}
	}
}

type result struct {
	status  string
	ok      bool
	timeout bool
	limited bool // 429 Too Many Requests: says nothing of the link
}

// fetch asks for url with HEAD, and with GET when the server refuses HEAD
// or answers it with an error status (some servers only implement GET).
func fetch(ctx context.Context, client *http.Client, url string, timeout time.Duration) result {
	r := request(ctx, client, http.MethodHead, url, timeout)
	if !r.ok && !r.timeout {
		r = request(ctx, client, http.MethodGet, url, timeout)
	}
	return r
}

func request(ctx context.Context, client *http.Client, method, url string, timeout time.Duration) result {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return result{status: err.Error()}
	}
	req.Header.Set("User-Agent", "byline-check (link checker)")
	resp, err := client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return result{status: fmt.Sprintf("no answer within %s", timeout), timeout: true}
		}
		return result{status: err.Error()}
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	limited := resp.StatusCode == http.StatusTooManyRequests
	return result{status: resp.Status, ok: resp.StatusCode < 400, limited: limited}
}
