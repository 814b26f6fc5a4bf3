//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly || illumos

package publish

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lock takes the output folder out for one build, so that two builds into
// one folder at once (a build --watch and a build, say) cannot mix their
// files or remove each other's staging folder: the second fails at once,
// before it touches anything. The lock is the kernel's (flock) on the
// folder itself: nothing is written for it, and it is let go when the
// process ends, however it ends. unlock lets it go. A file system that
// cannot lock a folder (NFS may not) is written to unlocked, as before.
func lock(out string) (unlock func() error, err error) {
	dir, err := os.Open(out)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(dir.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		dir.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("another build is writing to %s now: wait for it to end, then build again", out)
		}
		return func() error { return nil }, nil
	}
	return dir.Close, nil
}
