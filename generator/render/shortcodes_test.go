package render

import "testing"

// TestShortcodeGet: Get reads a positional parameter by an int and a
// named one by a string, "" for anything a call does not give.
func TestShortcodeGet(t *testing.T) {
	d := ShortcodeData{Args: []string{"a", "b"}, Params: map[string]string{"k": "v"}}
	for _, tc := range []struct {
		key  any
		want string
	}{
		{0, "a"}, {1, "b"}, {2, ""}, {-1, ""}, {"k", "v"}, {"nope", ""}, {1.0, ""}, {nil, ""},
	} {
		if got := d.Get(tc.key); got != tc.want {
			t.Errorf("Get(%#v) = %q, want %q", tc.key, got, tc.want)
		}
	}
}
