package publish

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
	"sync/atomic"
)

// tempPrefix starts the name of a file being written, before it is renamed into place.
const tempPrefix = ".byline-tmp-"

// writeAll writes the jobs whose bytes differ from the disk, with a pool of workers, and
// counts the files written and left unchanged.
// With staged set (a Stage's commit), a job's bytes are already in a staged
// file to rename into place, or, when it has none, known to be unchanged.
func writeAll(root *os.Root, jobs []job, workers int, staged map[string]string) (written, unchanged int, err error) {
	workers = max(1, min(workers, len(jobs)))
	changed := make([]bool, len(jobs))
	errs := make([]error, len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			buf := make([]byte, 32<<10)
			for i := int(next.Add(1) - 1); i < len(jobs); i = int(next.Add(1) - 1) {
				if staged != nil {
					changed[i], errs[i] = moveStaged(root, jobs[i], staged)
				} else {
					changed[i], errs[i] = writeIfChanged(root, jobs[i], buf)
				}
			}
		})
	}
	wg.Wait()

	var failed []error
	for i := range jobs {
		switch {
		case errs[i] != nil:
			failed = append(failed, errs[i])
		case changed[i]:
			written++
		default:
			unchanged++
		}
	}
	if len(failed) > maxPathErrors {
		more := fmt.Errorf("and %d more write errors", len(failed)-maxPathErrors)
		failed = append(failed[:maxPathErrors], more)
	}
	return written, unchanged, errors.Join(failed...)
}

// writeIfChanged writes j unless the regular file at its path already holds its bytes.
// buf is the worker's scratch space for the comparison.
func writeIfChanged(root *os.Root, j job, buf []byte) (bool, error) {
	if j.size == int64(len(j.file.Data)) {
		same, err := sameContent(root, j.file.Path, j.file.Data, buf)
		if err != nil || same {
			return false, err
		}
	}
	return true, writeAtomic(root, j.file.Path, j.file.Data)
}

// sameContent reports whether the file name holds exactly data, reading it through buf.
func sameContent(root *os.Root, name string, data, buf []byte) (bool, error) {
	f, err := root.Open(name)
	if err != nil {
		return false, err
	}
	defer f.Close()
	for {
		n, err := f.Read(buf)
		if n > len(data) || !bytes.Equal(buf[:n], data[:n]) {
			return false, nil
		}
		data = data[n:]
		if err == io.EOF {
			return len(data) == 0, nil
		}
		if err != nil {
			return false, err
		}
	}
}

// writeAtomic writes data to a temporary file next to name and renames it over name, so a
// reader sees the old file or the new one, never half of one. A symbolic link at name is
// replaced, not followed.
func writeAtomic(root *os.Root, name string, data []byte) error {
	tmp := path.Join(path.Dir(name), tempPrefix+rand.Text())
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	err = errors.Join(err, f.Close())
	if err == nil {
		err = root.Rename(tmp, name)
	}
	if err != nil {
		_ = root.Remove(tmp) // best effort; the write error is the one to report
	}
	return err
}

// removeTemps removes the temporary files that a publish stopped between writing one and
// renaming it (killed, or the machine lost power) left in the root of out, where the manifest
// is written through one: nothing else would ever remove them. Their names are reserved (see
// PathProblem), so none is a user's, and the lock keeps any other build from writing one now.
func removeTemps(root *os.Root) error {
	dir, err := root.Open(".")
	if err != nil {
		return err
	}
	names, err := dir.Readdirnames(-1)
	err = errors.Join(err, dir.Close())
	if err != nil {
		return err
	}
	for _, name := range names {
		if !strings.HasPrefix(name, tempPrefix) {
			continue
		}
		if info, err := root.Lstat(name); err != nil || !info.Mode().IsRegular() {
			continue
		}
		if err := root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("removing a temporary file left by an earlier build: %w", err)
		}
	}
	return nil
}

// isEmptyFolder reports whether d is a real folder (not a link to one) with nothing in it.
func (p *plan) isEmptyFolder(d string) (bool, error) {
	info, err := p.root.Lstat(d)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil || !info.IsDir() {
		return false, err
	}
	f, err := p.root.Open(d)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if err == io.EOF {
		return true, nil
	}
	return false, err
}
