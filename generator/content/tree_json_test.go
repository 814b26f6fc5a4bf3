package content

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestLineTracker: positions from the tracker, asked in increasing order
// and then out of order, are those lineCol counts from the start.
func TestLineTracker(t *testing.T) {
	src := []byte("{\n  \"a\": [1, 2,\n\n 3],\r\n\"b\": \"x\"}\n")
	r := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		tr := lineTracker{src: src}
		off := 0
		for range 20 {
			if r.IntN(5) == 0 {
				off = r.IntN(len(src) + 2) // now and then, back or past the end
			} else {
				off = min(off+r.IntN(4), len(src))
			}
			l1, c1 := tr.lineCol(off)
			l2, c2 := lineCol(src, off)
			if l1 != l2 || c1 != c2 {
				t.Fatalf("offset %d: tracker %d:%d, lineCol %d:%d", off, l1, c1, l2, c2)
			}
		}
	}
}

// TestJSONTreeLarge: a big JSON file decodes in time linear in its size,
// with its positions right; counting each token's line from the start of
// the file took 45 s for this one (and 409 s for 2.4 MB).
func TestJSONTreeLarge(t *testing.T) {
	const n = 100_000
	src := "[" + strings.Repeat(`{"k": 1}, `, n-1) + `{"k": 1, "k": 2}]`
	_, errs := jsonTree([]byte(src), 0, len(src))
	want := len(src) - len(`"k": 2}]`) + 1
	if len(errs) != 1 || errs[0].line != 1 || errs[0].col != want {
		t.Fatalf("got %v, want one duplicate key at 1:%d", errs, want)
	}
	lines := strings.Replace(src, ", ", ",\n", -1)
	_, errs = jsonTree([]byte(lines), 0, len(lines))
	if len(errs) != 1 || errs[0].line != n+1 || errs[0].col != 1 { // the last object is on two lines
		t.Fatalf("got %v, want one duplicate key at %d:1", errs, n+1)
	}
}
