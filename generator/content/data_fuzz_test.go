package content

import (
	"io/fs"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/byline/byline/generator/diag"
)

// FuzzDataFile decodes arbitrary bytes as a data file of each format:
// it must never panic, an error must have a position in the file, and a
// file without errors must be in the tree under its key.
func FuzzDataFile(f *testing.F) {
	for _, s := range []string{
		"roles:\n  sre: {title: SRE, median: 152000}\nupdated: 2026-03-01\n",
		"- a\n- 2\n- 2.5\n- 2026-01-02T03:04:05Z\n",
		"names = [\"Junior\", \"Senior\"]\n[roles.sre]\nmedian = 1.5\nwhen = 2026-01-01\n",
		`[{"source": "survey", "answers": 1204}, null, true, 1e300]`,
		"a: &x [1, 2]\nb: *x\n",
		"{\"a\": 1, \"a\": 2}",
		"",
	} {
		for _, ext := range []string{"yaml", "toml", "json"} {
			f.Add(ext, []byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, ext string, src []byte) {
		name := "data/x." + ext
		if _, ok := dataExt(name); !ok || !fs.ValidPath(name) || strings.Contains(ext, "/") {
			return
		}
		fsys := fstest.MapFS{name: {Data: src}}
		var list diag.List
		data := loadData(fsys, []string{name}, func(p string) string { return "site/" + p }, time.UTC, &list)
		errs := list.All()
		for _, d := range errs {
			if d.Path != "site/"+name || d.Line < 1 || d.Col < 1 || strings.TrimSpace(d.Msg) == "" {
				t.Errorf("error without a position: %v", d)
			}
		}
		key := strings.TrimSuffix(path.Base(name), path.Ext(name))
		if _, ok := data[key]; ok == (len(errs) > 0) {
			t.Errorf("%d errors, and the key is there: %t", len(errs), ok)
		}
	})
}
