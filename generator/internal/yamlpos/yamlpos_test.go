package yamlpos

import "testing"

func TestSuggest(t *testing.T) {
	known := []string{"title", "author", "authors", "date", "tags", "reviewed_by"}
	for key, want := range map[string]string{
		"titel":      "title",
		"autor":      "author",
		"Title":      "title",
		"dat":        "date",
		"reviewedby": "reviewed_by",
		"zzzzzz":     "",
		"x":          "",
	} {
		if got := Suggest(key, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", key, got, want)
		}
	}
	if got := Unknown("autor", known); got != `unknown key "autor"; did you mean "author"?` {
		t.Errorf("Unknown = %q", got)
	}
}
