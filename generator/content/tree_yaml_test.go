package content

import (
	"fmt"
	"strings"
	"testing"
)

// laughs is YAML whose aliases of aliases stand for 10^(levels+1) values
// in levels+1 lines (the "billion laughs").
func laughs(levels int) string {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= levels; i++ {
		b.WriteString(fmt.Sprintf("a%d: &a%d [", i, i))
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(fmt.Sprintf("*a%d", i-1))
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// TestYAMLAliasBomb: aliases that would expand to more values than any
// real file holds are one error, found in bounded time, where building
// them all would take hours and all the memory there is. Aliases that
// expand to a sane number still work.
func TestYAMLAliasBomb(t *testing.T) {
	_, errs := yamlTree([]byte(laughs(11)), 2) // 10^12 values
	if len(errs) != 1 || !strings.Contains(errs[0].msg, "aliases expand to more than 1000000 values") {
		t.Fatalf("got %v", errs)
	}
	if errs[0].line != 7 { // the line where the count passes the bound: a5's, file line 2+5
		t.Errorf("error on line %d, want 7", errs[0].line)
	}
	v, errs := yamlTree([]byte(laughs(4)), 1) // 10^5 values in a4
	if len(errs) != 0 {
		t.Fatalf("got %v", errs)
	}
	a4 := v.entries[4].val
	if n := countScalars(a4); n != 100_000 {
		t.Errorf("a4 holds %d values, want 100000", n)
	}
}

func countScalars(v *value) int {
	switch v.kind {
	case listValue:
		n := 0
		for _, x := range v.list {
			n += countScalars(x)
		}
		return n
	case mapValue:
		n := 0
		for _, e := range v.entries {
			n += countScalars(e.val)
		}
		return n
	}
	return 1
}

// TestYAMLManyKeys: a mapping of many keys, block or flow, decodes in time
// linear in its size (100,000 keys took 35 s when each key was compared
// with all before it), and a duplicate among many is still reported.
func TestYAMLManyKeys(t *testing.T) {
	const n = 100_000
	var block, flow strings.Builder
	flow.WriteString("m: {")
	for i := range n {
		fmt.Fprintf(&block, "k%d: %d\n", i, i)
		if i > 0 {
			flow.WriteString(", ")
		}
		fmt.Fprintf(&flow, "k%d: %d", i, i)
	}
	flow.WriteString("}\n")
	for name, src := range map[string]string{"block": block.String(), "flow": flow.String()} {
		v, errs := yamlTree([]byte(src), 1)
		if len(errs) > 0 {
			t.Fatalf("%s: %v", name, errs[0])
		}
		if name == "flow" {
			v = v.entries[0].val
		}
		if len(v.entries) != n {
			t.Errorf("%s: %d keys, want %d", name, len(v.entries), n)
		}
	}
	var dup strings.Builder
	for i := range 40 {
		fmt.Fprintf(&dup, "k%d: %d\n", i, i)
	}
	dup.WriteString("k3: again\n")
	_, errs := yamlTree([]byte(dup.String()), 1)
	if len(errs) != 1 || errs[0].line != 41 || !strings.Contains(errs[0].msg, `duplicate key "k3" (first set on line 4)`) {
		t.Errorf("got %v", errs)
	}
}
