package theme

import (
	"testing"

	"github.com/byline/byline/generator/diag"
)

// BenchmarkFastCompile measures compiling the default theme's eleven page
// kinds with fastexec, once loaded (the one-time cost a build pays).
func BenchmarkFastCompile(b *testing.B) {
	b.Setenv("BYLINE_FASTEXEC", "1")
	for b.Loop() {
		b.StopTimer()
		var list diag.List
		th := Load([]Source{Builtin()}, fakeFuncs(), &list)
		b.StartTimer()
		for kind, e := range th.kinds {
			if th.fast.program(kind, e) == nil {
				b.Fatal(kind, th.FastExecReport())
			}
		}
	}
}
