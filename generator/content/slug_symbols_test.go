package content

import "testing"

// TestSlugifyDropsSymbols: compat spelled symbols by their compatibility
// decomposition, glued to the word before ("Kubernetes™" was
// "kubernetestm"), which moved the tag pages of existing sites and split
// "Kubernetes" and "Kubernetes™" into two tags.
func TestSlugifyDropsSymbols(t *testing.T) {
	for in, want := range map[string]string{
		"Kubernetes™": "kubernetes", "Acme™ Launch": "acme-launch", "№ 5": "5", "m²": "m2",
		"ﬁle": "file", "Ｇｏ": "go", // letters keep their spelling
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
	if a, b := TermSlug("Kubernetes"), TermSlug("Kubernetes™"); a != b {
		t.Errorf("TermSlug: %q and %q, want one tag", a, b)
	}
}
