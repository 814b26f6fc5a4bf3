package chromalex

import "testing"

// TestField checks that field gives up, rather than panics, on what is
// not a pointer to a struct with the field asked for.
func TestField(t *testing.T) {
	type parts struct {
		Name   string
		hidden string
	}
	p := &parts{Name: "a", hidden: "b"}
	if v, ok := field[string](p, "Name"); !ok || v != "a" {
		t.Errorf("Name: %q, %v", v, ok)
	}
	for _, c := range []struct {
		v    any
		name string
	}{{p, "hidden"}, {p, "Missing"}, {*p, "Name"}, {new(int), "Name"}, {nil, "Name"}} {
		if _, ok := field[string](c.v, c.name); ok {
			t.Errorf("%T %s: found", c.v, c.name)
		}
	}
	if _, ok := field[int](p, "Name"); ok {
		t.Error("Name as an int: found")
	}
}
