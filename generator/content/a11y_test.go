package content

import (
	"strings"
	"testing"
)

func TestTaskCheckboxesHaveNames(t *testing.T) {
	r, err := NewMarkdown(nil).Render([]byte("- [x] write the CV\n- [ ] practise\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<li><input checked="" disabled="" type="checkbox" aria-label="Done"> write the CV</li>`,
		`<li><input disabled="" type="checkbox" aria-label="To do"> practise</li>`,
	} {
		if !strings.Contains(string(r.HTML), want) {
			t.Errorf("no %s in\n%s", want, r.HTML)
		}
	}
}

// In the dark scheme, a token coloured only by the light style inherits the
// dark base colour instead of keeping a dark-on-dark light colour.
func TestHighlightCSSResetsLightOnlyColors(t *testing.T) {
	css := HighlightCSS("github", "github-dark")
	_, dark, ok := strings.Cut(css, "@media (prefers-color-scheme: dark)")
	if !ok {
		t.Fatal("no dark block")
	}
	if !strings.Contains(dark, ".chroma .nx { color: inherit }") {
		t.Errorf("github colours .nx and github-dark does not: want a reset in the dark block:\n%s", dark)
	}
	if strings.Contains(dark, ".chroma .k { color: inherit }") {
		t.Error("github-dark colours keywords itself: no reset wanted")
	}
}
