package generator

import (
	"context"
	"html/template"
	"sync"
	"testing"
	"time"
)

// TestCheckStoppedForAnEditLeavesTheBuildPatchable: serve's background
// check of every page is stopped by the next Prepare, which then patches
// the build. A check made with Stream gave up on the page in progress when
// stopped, which made the renderer Stuck: that edit, and every later one,
// was a full build instead of a patch (or, when the patch had tested Stuck
// before the Stream let go of the lock, the model changed under the page
// given up on).
func TestCheckStoppedForAnEditLeavesTheBuildPatchable(t *testing.T) {
	inPage := make(chan struct{})
	var once sync.Once
	funcs := template.FuncMap{"slow": func() string {
		once.Do(func() { close(inPage) })
		time.Sleep(30 * time.Millisecond) // well within the 100 ms limit
		return ""
	}}
	p, opts, dir := preparedWithPage(t, `{{ slow }}<h1>{{ .Page.Title }}</h1>`, funcs)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Check(ctx) }()
	<-inPage
	cancel() // as Server.endCheck does, while a page renders
	if err := <-done; err != context.Canceled {
		t.Fatalf("Check: %v, want context.Canceled", err)
	}
	if p.renderer.Stuck() {
		t.Fatal("a check stopped mid-page left the renderer Stuck")
	}
	paths := apply(t, dir, []edit{{backEnd, func(s string) string { return s + "\nEdited while the check ran.\n" }}})
	opts.Cache.Invalidate(paths)
	if !p.PatchArticles(paths, opts.Now) {
		t.Error("PatchArticles refused a body edit after a stopped check")
	}
}
