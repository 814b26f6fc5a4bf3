//go:build unix

package publish

import (
	"errors"
	"fmt"
	"path/filepath"
	"syscall"
)

// writable reports the folder dir of out when this process may not
// change it: made read-only, or on a read-only file system. Other errors
// are left for the writes to report.
func writable(out, dir string) error {
	full := filepath.Join(out, filepath.FromSlash(dir))
	err := syscall.Access(full, 2) // W_OK
	if errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EROFS) {
		return fmt.Errorf("%s cannot be written (%v), so nothing was changed: make it writable (chmod u+w), or build into another folder", full, err)
	}
	return nil
}
