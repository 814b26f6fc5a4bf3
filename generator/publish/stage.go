package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
)

// stagingDir is the folder in out where a Stage keeps the changed files of a
// build that is still rendering: at their own paths below stagingTree, so
// that a folder new to out can be moved into place whole (see
// plan.moveFolders), or, when a path cannot be made there, under a number.
const (
	stagingDir  = ".byline-staging"
	stagingTree = stagingDir + "/tree"
)

// Stage publishes a build while it renders, so the build never holds all
// its files in memory. Add takes each file as it is made: a file whose
// bytes are already on disk is only noted, any other is written into a
// staging folder inside out. Nothing a reader sees changes until Commit,
// which moves the staged files into place by renaming them (a folder that
// out lacks in one rename, with all its files) and then does what Publish
// does (checks, prune, manifest). Abort, or a failed Commit
// check, removes the staging folder and leaves out as it was; a staging
// folder, or a temporary file of the manifest, left by a crash is removed
// by the next Begin.
type Stage struct {
	root *os.Root
	next atomic.Int64

	mu     sync.Mutex
	files  []File            // every path added, without data
	staged map[string]string // path → its staged file, for files that changed
	buf    sync.Pool         // *[]byte scratch for comparisons
	tree   *stagedTree
	unlock func() error // lets go of the output folder (see lock)
	made   []string     // the folders Begin made for out, innermost first
}

// Begin starts publishing into out, creating it if missing. A stage that
// ends without changing out (Abort, or a Commit that fails its checks)
// removes the folders Begin made, so a failed build leaves no empty out.
func Begin(out string) (*Stage, error) {
	made := MissingFolders(out)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	unlock, err := lock(out)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	root, err := os.OpenRoot(out)
	if err != nil {
		unlock()
		return nil, fmt.Errorf("publish: %w", err)
	}
	fail := func(err error) (*Stage, error) {
		root.Close()
		RemoveEmpty(made)
		unlock()
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := root.RemoveAll(stagingDir); err != nil {
		return fail(fmt.Errorf("removing an old staging folder: %w", err))
	}
	if err := removeTemps(root); err != nil {
		return fail(err)
	}
	if err := writable(out, "."); err != nil {
		return fail(err)
	}
	if err := root.Mkdir(stagingDir, 0o755); err != nil {
		return fail(err)
	}
	tree, err := openTree(root)
	if err != nil {
		return fail(err)
	}
	s := &Stage{root: root, staged: map[string]string{}, tree: tree, unlock: unlock, made: made}
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
		if name, err = s.write(f); err != nil {
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

// write stages f at its own path below stagingTree and returns the staged
// file's name. Where that path cannot be made, as when another added file
// has the name of one of its folders (which Commit then refuses), f is
// staged under a number instead.
func (s *Stage) write(f File) (string, error) {
	if s.tree.write(f) == nil {
		return stagingTree + "/" + f.Path, nil
	}
	name := stagingDir + "/" + strconv.FormatInt(s.next.Add(1), 10)
	return name, s.root.WriteFile(name, f.Data, 0o644)
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
	defer func() { err = errors.Join(err, s.close(err != nil)) }()
	s.mu.Lock()
	files, staged := s.files, s.staged
	s.mu.Unlock()
	// The folders of the tree are let go before any is moved: Windows
	// renames no folder that is open.
	if err := s.tree.close(); err != nil {
		return stats, fmt.Errorf("publish: %w", err)
	}
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

// Abort drops the staged files and leaves out as it was: if Begin made it,
// it is removed.
func (s *Stage) Abort() error { return s.close(true) }

// MissingFolders returns dir and those of its parents that do not exist,
// innermost first: the folders that making dir will make, for RemoveEmpty
// to take back.
func MissingFolders(dir string) []string {
	var dirs []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); !errors.Is(err, fs.ErrNotExist) {
			return dirs
		}
		dirs = append(dirs, d)
		if filepath.Dir(d) == d {
			return dirs
		}
	}
}

// RemoveEmpty removes dirs, innermost first, up to the first that is not
// empty: only folders that hold nothing, such as MissingFolders listed and
// a failed write left empty, are removed.
func RemoveEmpty(dirs []string) {
	for _, d := range dirs {
		if os.Remove(d) != nil {
			return
		}
	}
}

// close ends the stage; failed says out is to be as it was, so the folders
// Begin made are removed if they are empty (one that holds files of a
// commit that failed halfway stays). They are removed before the lock is
// let go, so that no other build has begun in them.
func (s *Stage) close(failed bool) error {
	err := errors.Join(s.tree.close(), s.root.RemoveAll(stagingDir), s.root.Close())
	if failed {
		RemoveEmpty(s.made)
	}
	return errors.Join(err, s.unlock())
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

// moveFolders moves each folder that out lacks, and whose files are all
// staged below stagingTree, into place with one rename: a first build into
// an empty out then renames a few folders instead of every file. It drops
// the moved folders from p.mkdirs and their files from p.jobs, and returns
// how many files it moved. A folder out lacks has a parent out holds (or
// one that plan.clearConflicts has just cleared).
func (p *plan) moveFolders(staged map[string]string) (int, error) {
	if len(staged) == 0 || len(p.mkdirs) == 0 {
		return 0, nil
	}
	missing := make(map[string]bool, len(p.mkdirs))
	for _, d := range p.mkdirs {
		missing[d] = true
	}
	// whole says, for each outermost folder out lacks, whether every file
	// below it is staged at its own path.
	whole := map[string]bool{}
	tops := make([]string, len(p.jobs))
	for i, j := range p.jobs {
		if tops[i] = outermost(j.file.Path, missing); tops[i] != "" {
			ok, seen := whole[tops[i]]
			whole[tops[i]] = (ok || !seen) && staged[j.file.Path] == stagingTree+"/"+j.file.Path
		}
	}
	for _, top := range slices.Sorted(maps.Keys(whole)) {
		if whole[top] {
			if err := p.root.Rename(stagingTree+"/"+top, top); err != nil {
				return 0, err
			}
		}
	}
	jobs := p.jobs[:0]
	for i, j := range p.jobs {
		if !whole[tops[i]] {
			jobs = append(jobs, j)
		}
	}
	n := len(p.jobs) - len(jobs)
	p.jobs = jobs
	// A folder was moved with its outermost missing folder: itself, or
	// the one of its parents that out lacks.
	p.mkdirs = slices.DeleteFunc(p.mkdirs, func(d string) bool { return whole[outermost(d+"/", missing)] })
	return n, nil
}

// outermost returns the outermost of the folders of name ("a/b/c.html" has
// "a" and "a/b"; "a/b/" the same) that is in missing, or "".
func outermost(name string, missing map[string]bool) string {
	for i := range len(name) {
		if name[i] == '/' && missing[name[:i]] {
			return name[:i]
		}
	}
	return ""
}
