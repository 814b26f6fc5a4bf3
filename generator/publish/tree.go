package publish

import (
	"errors"
	"os"
	"path"
	"strings"
	"sync"
)

// maxTreeRoots bounds the folders a stagedTree keeps open.
const maxTreeRoots = 64

// stagedTree writes files below stagingTree at their own paths. An
// os.Root opens every folder of a path on each call, so it keeps open the
// tree and its top folders that hold folders ("articles", "tags"): a page
// "articles/x/index.html" is then staged by making "x" in "articles" and
// writing "x/index.html" there.
type stagedTree struct {
	root  *os.Root
	made  sync.Map // folders made, relative to root
	mu    sync.Mutex
	roots map[string]*os.Root // top folders, by name; nil when one could not open
}

func openTree(out *os.Root) (*stagedTree, error) {
	if err := out.Mkdir(stagingTree, 0o755); err != nil {
		return nil, err
	}
	root, err := out.OpenRoot(stagingTree)
	if err != nil {
		return nil, err
	}
	return &stagedTree{root: root, roots: map[string]*os.Root{}}, nil
}

func (t *stagedTree) write(f File) error {
	if t.root == nil {
		return errors.New("the stage is closed")
	}
	dir, file := path.Split(f.Path)
	if dir == "" {
		return t.root.WriteFile(file, f.Data, 0o644)
	}
	dir = strings.TrimSuffix(dir, "/")
	r, rel := t.root, dir
	if top, below, ok := strings.Cut(dir, "/"); ok && !strings.Contains(below, "/") {
		if tr := t.top(top); tr != nil {
			r, rel = tr, below
		}
	}
	if _, ok := t.made.Load(dir); !ok {
		if err := r.MkdirAll(rel, 0o755); err != nil {
			return err
		}
		t.made.Store(dir, true)
	}
	return r.WriteFile(rel+"/"+file, f.Data, 0o644)
}

// top returns an open root on the top folder name, made if missing, or nil
// when it cannot be opened or too many are open.
func (t *stagedTree) top(name string) *os.Root {
	t.mu.Lock()
	defer t.mu.Unlock()
	if r, ok := t.roots[name]; ok || t.roots == nil {
		return r
	}
	var r *os.Root
	if len(t.roots) < maxTreeRoots && t.root.MkdirAll(name, 0o755) == nil {
		r, _ = t.root.OpenRoot(name)
	}
	t.roots[name] = r
	return r
}

// close closes the folders it keeps open; it may be called again.
func (t *stagedTree) close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	var errs []error
	for _, r := range t.roots {
		if r != nil {
			errs = append(errs, r.Close())
		}
	}
	if t.root != nil {
		errs = append(errs, t.root.Close())
	}
	t.roots, t.root = nil, nil
	return errors.Join(errs...)
}
