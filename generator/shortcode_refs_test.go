package generator

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestShortcodeOutputsOnlyForCheck: a build keeps the output of each
// shortcode call in its page's Refs only when asked for Refs (check), at
// the call's file position and with its template, a paired call's without
// its inner content.
func TestShortcodeOutputsOnlyForCheck(t *testing.T) {
	for _, refs := range []bool{false, true} {
		opts := Options{SiteDir: "../site", ThemesDir: "../themes", Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Refs: refs}
		p, err := Prepare(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		kept := map[string]string{} // "name line:col" → text
		for _, a := range p.Site.Articles {
			for _, sc := range a.Refs.Shortcodes {
				if !strings.HasSuffix(sc.Template, "layouts/shortcodes/"+sc.Name+".html") {
					t.Errorf("%s: shortcode %q: template %q", a.File, sc.Name, sc.Template)
				}
				kept[fmt.Sprintf("%s %s %d:%d", a.Path, sc.Name, sc.Line, sc.Col)] = sc.Text
			}
		}
		if !refs {
			if len(kept) > 0 {
				t.Errorf("shortcode outputs kept without Refs: %v", kept)
			}
			continue
		}
		pay, ok := kept["articles/guides/how-to-switch-careers-into-tech.md pay-table 39:1"]
		if !ok || !strings.Contains(pay, "<table") {
			t.Errorf("pay-table call not kept at 39:1 with its table: %v", kept)
		}
		list, ok := kept["articles/how-to-prepare-for-a-technical-interview/index.md checklist 123:1"]
		if !ok || !strings.Contains(list, "callout-title") || strings.Contains(list, "<li") {
			t.Errorf("checklist call not kept at 123:1 without its inner list: %q", list)
		}
	}
}
