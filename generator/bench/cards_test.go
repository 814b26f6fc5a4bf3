package bench

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/byline/byline/generator/imaging"
)

// cardsDir returns a folder holding site/, the 1k corpus as it is, and
// cards/, the same site with social_cards: true in its config.yaml.
func cardsDir(tb testing.TB) string {
	tb.Helper()
	src := filepath.Join(corpusDir(tb, 1_000), "site")
	dir := tb.TempDir()
	if err := os.Symlink(src, filepath.Join(dir, "site")); err != nil {
		tb.Fatal(err)
	}
	cards := filepath.Join(dir, "cards")
	if err := os.CopyFS(cards, os.DirFS(src)); err != nil {
		tb.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join(src, "config.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cards, "config.yaml"), append(cfg, "\nsocial_cards: true\n"...), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// BenchmarkCards1k builds the 1k corpus, as `byline build` does: off, as
// every site builds without social_cards; on, a card drawn for each of
// its articles (none has an image); cached, as serve and build --watch
// build again after an edit, the cards kept from the build before; and
// again, as `byline build` builds again into the folder it wrote, the
// cards read back.
//
//	go test ./generator/bench -run '^$' -bench Cards1k -benchtime 3x
func BenchmarkCards1k(b *testing.B) {
	dir := cardsDir(b)
	b.Run("off", func(b *testing.B) {
		measure(b, 1_000, func() { streamSite(b, dir, "site", nil, "") })
	})
	b.Run("on", func(b *testing.B) {
		measure(b, 1_000, func() { streamSite(b, dir, "cards", nil, "") })
	})
	b.Run("cached", func(b *testing.B) {
		cache := imaging.NewCache()
		streamSite(b, dir, "cards", cache, "")
		measure(b, 1_000, func() { streamSite(b, dir, "cards", cache, "") })
	})
	b.Run("again", func(b *testing.B) {
		out := publishSite(b, dir, "cards")
		measure(b, 1_000, func() { streamSite(b, dir, "cards", nil, out) })
	})
}
