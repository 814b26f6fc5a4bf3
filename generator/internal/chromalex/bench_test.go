package chromalex

import (
	"testing"

	"github.com/alecthomas/chroma/v2"
)

var benchCode = map[string]string{
	"go": `func (s *Server) getOrder(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if id == "" {
		http.Error(w, "missing order id", http.StatusBadRequest)
		return
	}
	order, err := s.store.OrderByID(r.Context(), id) // one query
	if err != nil {
		s.log.Error("load order", "id", id, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(order)
}
`,
	"python": `import csv
from collections import Counter

def top_skills(path: str, n: int = 5) -> list[tuple[str, int]]:
    """Count the skills listed in a CSV of job posts."""
    counts = Counter()
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            counts.update(s.strip().lower() for s in row["skills"].split(";"))
    return counts.most_common(n)
`,
	"bash": `#!/usr/bin/env bash
set -euo pipefail
for host in $(cat hosts.txt); do
  if ! ssh "$host" 'systemctl is-active --quiet nginx'; then
    echo "nginx down on ${host}" >&2
  fi
done
`,
	"yaml": `name: deploy
on:
  push:
    branches: [main]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test # every commit
`,
}

// BenchmarkTokenise lexes a typical article snippet per language with
// chroma's lexer and with this package's.
func BenchmarkTokenise(b *testing.B) {
	for _, name := range []string{"go", "python", "bash", "yaml"} {
		base, l := fast(b, name)
		for _, lx := range []struct {
			kind  string
			lexer chroma.Lexer
		}{{"chroma", base}, {"chromalex", l}} {
			b.Run(name+"/"+lx.kind, func(b *testing.B) {
				b.SetBytes(int64(len(benchCode[name])))
				b.ReportAllocs()
				for b.Loop() {
					tokens(b, lx.lexer, benchCode[name])
				}
			})
		}
	}
}

// BenchmarkNew compiles a lexer's rules, as a build does once per language.
func BenchmarkNew(b *testing.B) {
	for _, name := range []string{"go", "python"} {
		base, _ := fast(b, name)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := New(base, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
