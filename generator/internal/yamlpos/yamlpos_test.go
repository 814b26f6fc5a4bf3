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

func TestUnclosed(t *testing.T) {
	for _, tc := range []struct {
		data string
		line int
		open byte
		l, c int
		ok   bool
	}{
		{"a: [1, 2\nb: 3\n", 2, '[', 1, 4, true},
		{"a: \"[x\" # [y\nb: {c: [1]\nd: 2\n", 3, '{', 2, 4, true},
		{"a: [1]\nb: '[' \nc: 3\n", 3, '[', 0, 0, false},
		{"a: [[1], [2\nb: 3\n", 2, '[', 1, 10, true},
	} {
		l, c, ok := Unclosed([]byte(tc.data), tc.line, tc.open)
		if l != tc.l || c != tc.c || ok != tc.ok {
			t.Errorf("%q: %d:%d %v, want %d:%d %v", tc.data, l, c, ok, tc.l, tc.c, tc.ok)
		}
	}
}
