package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
)

// plan is what Publish will do, worked out by looking at out without changing it, so that
// every conflict is found before the first write.
type plan struct {
	root   *os.Root
	paths  []string        // the new manifest: sorted output paths
	isNew  map[string]bool // the same, as a set
	jobs   []job           // one per output file, in input order
	mkdirs []string        // folders to create, sorted (parents first)

	// Stale files of ours that stand where an output folder must go, and stale folders of
	// ours that stand where an output file must go; removed before writing.
	clearFiles, clearDirs []string
	clearCount            int // files inside clearDirs
}

// job is one output file and what stands at its path now.
type job struct {
	file    File
	size    int64 // size of the regular file at the path, or -1 if there is none
	foreign bool  // something Byline did not write stands at the path and will be replaced
}

// folder states, cached per folder while planning.
type folderKind int

const (
	folderMissing folderKind = iota // absent, or a stale file of ours that will be cleared
	folderExists
)

func makePlan(root *os.Root, old []string, files []File) (*plan, error) {
	wasOurs := make(map[string]bool, len(old))
	for _, p := range old {
		wasOurs[p] = true
	}
	p := &plan{root: root, isNew: make(map[string]bool, len(files)), jobs: make([]job, 0, len(files))}
	folders := make(map[string]folderKind)
	for _, f := range files {
		p.isNew[f.Path] = true
		p.paths = append(p.paths, f.Path)
		j := job{file: f, size: -1}
		parentMissing, err := p.checkFolders(f.Path, wasOurs, folders)
		if err == nil && !parentMissing {
			err = p.checkLeaf(&j, wasOurs)
		}
		if err != nil {
			return nil, err
		}
		p.jobs = append(p.jobs, j)
	}
	slices.Sort(p.paths)
	slices.Sort(p.mkdirs)
	return p, nil
}

// checkFolders checks, top down, each folder that must hold name and reports whether the
// innermost one is missing.
func (p *plan) checkFolders(name string, wasOurs map[string]bool, folders map[string]folderKind) (bool, error) {
	missing := false
	for i := 0; i < len(name); i++ {
		if name[i] != '/' {
			continue
		}
		dir := name[:i]
		kind, ok := folders[dir]
		if !ok {
			if !missing {
				var err error
				if kind, err = p.folderKind(dir, wasOurs); err != nil {
					return false, err
				}
			}
			folders[dir] = kind
			if kind == folderMissing {
				p.mkdirs = append(p.mkdirs, dir)
			}
		}
		missing = kind == folderMissing
	}
	return missing, nil
}

// folderKind looks at what stands where the folder dir must be.
func (p *plan) folderKind(dir string, wasOurs map[string]bool) (folderKind, error) {
	info, err := p.root.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return folderMissing, nil
	case err != nil:
		return 0, err
	case info.IsDir():
		return folderExists, nil
	case info.Mode()&fs.ModeSymlink != 0:
		return 0, fmt.Errorf("%q is a symbolic link, and Byline never writes through links: remove it or choose another --out", dir)
	case info.Mode().IsRegular() && wasOurs[dir]:
		p.clearFiles = append(p.clearFiles, dir)
		return folderMissing, nil
	}
	return 0, fmt.Errorf("%q must become a folder, but it is a file Byline did not write: move it away", dir)
}

// checkLeaf looks at what stands where the file j must be, in an existing folder.
func (p *plan) checkLeaf(j *job, wasOurs map[string]bool) error {
	name := j.file.Path
	info, err := p.root.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case info.Mode().IsRegular():
		j.size = info.Size()
		j.foreign = !wasOurs[name]
		return nil
	case !info.IsDir():
		// A symbolic link or other special file: the rename replaces it, never its target.
		j.foreign = true
		return nil
	}
	n, ok := p.onlyOurs(name, wasOurs)
	if !ok {
		return fmt.Errorf("%q must become a file, but it is a folder holding files Byline did not write: move it away", name)
	}
	p.clearDirs = append(p.clearDirs, name)
	p.clearCount += n
	return nil
}

// onlyOurs reports whether the folder dir holds only folders and files Byline wrote, and
// how many files. The walk does not follow symbolic links; a link makes the folder foreign.
func (p *plan) onlyOurs(dir string, wasOurs map[string]bool) (int, bool) {
	n := 0
	errForeign := errors.New("foreign")
	err := fs.WalkDir(p.root.FS(), dir, func(name string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			return nil
		case d.Type().IsRegular() && wasOurs[name]:
			n++
			return nil
		}
		return errForeign
	})
	return n, err == nil
}

// clearConflicts removes the stale files and folders of ours that stand in the way.
func (p *plan) clearConflicts() (int, error) {
	for _, name := range p.clearFiles {
		if err := p.root.Remove(name); err != nil {
			return 0, err
		}
	}
	for _, name := range p.clearDirs {
		if err := p.root.RemoveAll(name); err != nil {
			return len(p.clearFiles), err
		}
	}
	return len(p.clearFiles) + p.clearCount, nil
}

// prune removes the files of the old manifest that are not output any more, then the folders
// this leaves empty. It only removes regular files in real folders: if a user has since put
// a link or a folder in the way, the old file is not where Byline wrote it, and stays.
func (p *plan) prune(old []string) (int, error) {
	isDir := make(map[string]bool)
	inRealFolder := func(name string) bool {
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			ok, seen := isDir[d]
			if !seen {
				info, err := p.root.Lstat(d)
				ok = err == nil && info.IsDir()
				isDir[d] = ok
			}
			if !ok {
				return false
			}
		}
		return true
	}
	removed := 0
	emptied := make(map[string]bool)
	for _, name := range old {
		if p.isNew[name] || !inRealFolder(name) {
			continue
		}
		info, err := p.root.Lstat(name)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && !info.Mode().IsRegular()) {
			continue
		}
		if err == nil {
			err = p.root.Remove(name)
		}
		if err != nil {
			return removed, err
		}
		removed++
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			emptied[d] = true
		}
	}
	return removed, p.removeEmptyFolders(emptied)
}

// removeEmptyFolders removes those of dirs that are empty, innermost first.
func (p *plan) removeEmptyFolders(dirs map[string]bool) error {
	// In reverse order a folder comes before its parent, since a prefix sorts first.
	for _, d := range slices.Backward(slices.Sorted(maps.Keys(dirs))) {
		empty, err := p.isEmptyFolder(d)
		if err != nil {
			return err
		}
		if empty {
			// A folder left empty, in a parent made read-only, harms
			// nothing: checkWritable did not check the parent, and the
			// new build is already in place, so the publish must not
			// fail now and report a mix of two builds.
			if err := p.root.Remove(d); err != nil && !errors.Is(err, fs.ErrPermission) {
				return err
			}
		}
	}
	return nil
}
