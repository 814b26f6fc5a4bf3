//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || illumos)

package publish

// lock does nothing where there is no flock: see lock_flock.go.
func lock(out string) (unlock func() error, err error) {
	return func() error { return nil }, nil
}
