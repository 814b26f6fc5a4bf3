package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
)

// stagingDir is the folder in out where a Stage keeps the changed files of a
// build that is still rendering.
const stagingDir = ".byline-staging"

// Stage publishes a build while it renders, so the build never holds all
// its files in memory. Add takes each file as it is made: a file whose
// bytes are already on disk is only noted, any other is written into a
// staging folder inside out. Nothing a reader sees changes until Commit,
// which moves the staged files into place by renaming them and then does
// what Publish does (checks, prune, manifest). Abort, or a failed Commit
// check, removes the staging folder and leaves out as it was; a staging
// folder left by a crash is removed by the next Begin.
type Stage struct {
	root *os.Root
	next atomic.Int64

	mu     sync.Mutex
	files  []File            // every path added, without data
	staged map[string]string // path → its staged file, for files that changed
	buf    sync.Pool         // *[]byte scratch for comparisons
}

// Begin starts publishing into out, creating it if missing.
func Begin(out string) (*Stage, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	root, err := os.OpenRoot(out)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := root.RemoveAll(stagingDir); err != nil {
		root.Close()
		return nil, fmt.Errorf("publish: removing an old staging folder: %w", err)
	}
	if err := root.Mkdir(stagingDir, 0o755); err != nil {
		root.Close()
		return nil, fmt.Errorf("publish: %w", err)
	}
	s := &Stage{root: root, staged: map[string]string{}}
	s.buf.New = func() any { b := make([]byte, 32<<10); return &b }
	return s, nil
}

// Add stages one output file. It is safe for concurrent use.
func (s *Stage) Add(f File) error {
	if err := validPath(f.Path); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	same, err := s.onDisk(f)
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	name := ""
	if !same {
		name = stagingDir + "/" + strconv.FormatInt(s.next.Add(1), 10)
		if err := s.root.WriteFile(name, f.Data, 0o644); err != nil {
			return fmt.Errorf("publish: staging %s: %w", f.Path, err)
		}
	}
	s.mu.Lock()
	s.files = append(s.files, File{Path: f.Path})
	if name != "" {
		s.staged[f.Path] = name
	}
	s.mu.Unlock()
	return nil
}

// onDisk reports whether a regular file at f.Path already holds f.Data.
// Anything it cannot read counts as different: Commit's checks decide.
func (s *Stage) onDisk(f File) (bool, error) {
	fi, err := s.root.Lstat(f.Path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(f.Data)) {
		return false, nil
	}
	buf := s.buf.Get().(*[]byte)
	defer s.buf.Put(buf)
	same, err := sameContent(s.root, f.Path, f.Data, *buf)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return same, nil
}

// Commit makes out hold exactly the added files, plus whatever it holds that
// Byline never wrote (see Publish), and closes the stage.
func (s *Stage) Commit() (stats Stats, err error) {
	defer func() { err = errors.Join(err, s.close()) }()
	s.mu.Lock()
	files, staged := s.files, s.staged
	s.mu.Unlock()
	if err := validatePaths(files); err != nil {
		return stats, fmt.Errorf("publish: %w", err)
	}
	old, err := readManifest(s.root)
	if err != nil {
		return stats, fmt.Errorf("publish: %w", err)
	}
	p, err := makePlan(s.root, old, files)
	if err != nil {
		return stats, fmt.Errorf("publish: %w", err)
	}
	stats, err = p.apply(old, runtime.GOMAXPROCS(0), staged)
	if err != nil {
		return stats, fmt.Errorf("publish: %w", err)
	}
	return stats, nil
}

// Abort drops the staged files and leaves out as it was.
func (s *Stage) Abort() error { return s.close() }

func (s *Stage) close() error {
	return errors.Join(s.root.RemoveAll(stagingDir), s.root.Close())
}

// moveStaged renames j's staged file into place, or reports j unchanged
// when it has none.
func moveStaged(root *os.Root, j job, staged map[string]string) (bool, error) {
	name, ok := staged[j.file.Path]
	if !ok {
		return false, nil
	}
	return true, root.Rename(name, j.file.Path)
}
