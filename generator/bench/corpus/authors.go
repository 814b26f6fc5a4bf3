package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
)

type author struct {
	key, name string
}

// makeAuthors names n authors with unique keys ("elena-rossi",
// "elena-rossi-2", …).
func makeAuthors(n int, seed uint64) []author {
	r := rand.New(rand.NewPCG(seed, 1<<63+1))
	out := make([]author, n)
	taken := make(map[string]int, n)
	for i := range out {
		name := firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))]
		out[i] = author{key: uniqueSlug(taken, slugify(name, 60)), name: name}
	}
	return out
}

func (s *site) writeAuthors(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	var w writer
	for i, a := range s.authors {
		w = writer{r: rand.New(rand.NewPCG(s.opts.Seed, 1<<63+2+uint64(i))), buf: w.buf[:0], name: a.name}
		w.role, w.skill, w.field = w.pick(len(roles)), w.pick(len(skills)), w.pick(len(fields))
		w.str("---\nname: ")
		w.str(quote(a.name))
		w.str("\nrole: ")
		w.str(quote(authorRoles[w.pick(len(authorRoles))]))
		w.str("\nbio: ")
		w.str(quote(w.text(bioTmpls[w.pick(len(bioTmpls))], false)))
		w.str("\navatar: \"\"\nlinks:\n  - \"https://www.linkedin.com/in/")
		w.str(a.key)
		w.str("-example\"\n  - \"https://")
		w.str(a.key)
		w.str(".example.com/\"\n---\n\n")
		for range 2 {
			for k, b := range w.r.Perm(len(bioTmpls))[:3] {
				if k > 0 {
					w.str(" ")
				}
				w.sentence(bioTmpls[b])
			}
			w.str("\n\n")
		}
		w.buf = w.buf[:len(w.buf)-1]
		path := filepath.Join(dir, a.key+".md")
		if err := os.WriteFile(path, w.buf, 0o644); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
	}
	return nil
}
