package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// site10k is 10,000 pages of about 20 KB in 1,000 section folders.
func site10k() ([]File, int64) {
	files := make([]File, 10_000)
	var total int64
	for i := range files {
		data := make([]byte, 20_000+i%1000)
		for j := range data {
			data[j] = byte('a' + (i+j)%26)
		}
		files[i] = File{Path: fmt.Sprintf("articles/s%03d/page-%05d/index.html", i%1000, i), Data: data}
		total += int64(len(data))
	}
	return files, total
}

// BenchmarkPublish10k measures a first publish into an empty folder and a re-publish of the
// same files, with one worker and with GOMAXPROCS workers.
func BenchmarkPublish10k(b *testing.B) {
	files, total := site10k()
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("first/workers=%d", workers), func(b *testing.B) {
			b.SetBytes(total)
			parent := b.TempDir()
			for i := 0; i < b.N; i++ {
				out := filepath.Join(parent, fmt.Sprint(i))
				if _, err := publish(out, files, workers); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if err := os.RemoveAll(out); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
		b.Run(fmt.Sprintf("unchanged/workers=%d", workers), func(b *testing.B) {
			b.SetBytes(total)
			out := b.TempDir()
			if _, err := publish(out, files, workers); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				stats, err := publish(out, files, workers)
				if err != nil || stats.Unchanged != len(files) {
					b.Fatal(stats, err)
				}
			}
		})
	}
}

// BenchmarkWriteFile10k is the baseline for a first publish: the same files written in place
// with os.WriteFile, with no comparison, temporary file, rename, root or manifest.
func BenchmarkWriteFile10k(b *testing.B) {
	files, total := site10k()
	b.SetBytes(total)
	parent := b.TempDir()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(parent, fmt.Sprint(i))
		for _, f := range files {
			name := filepath.Join(out, filepath.FromSlash(f.Path))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(name, f.Data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		if err := os.RemoveAll(out); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// BenchmarkStage10k measures a first publish through a Stage, as byline
// build makes it: the files added from GOMAXPROCS goroutines, then Commit.
func BenchmarkStage10k(b *testing.B) {
	files, total := site10k()
	b.SetBytes(total)
	parent := b.TempDir()
	for i := 0; b.Loop(); i++ {
		out := filepath.Join(parent, fmt.Sprint(i))
		s, err := Begin(out)
		if err != nil {
			b.Fatal(err)
		}
		var next atomic.Int64
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for j := int(next.Add(1) - 1); j < len(files); j = int(next.Add(1) - 1) {
					if err := s.Add(files[j]); err != nil {
						b.Error(err)
					}
				}
			})
		}
		wg.Wait()
		if _, err := s.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}
