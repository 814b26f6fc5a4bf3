//go:build !unix

package publish

// writable checks nothing where there is no access(2): see writable_unix.go.
func writable(out, dir string) error { return nil }
