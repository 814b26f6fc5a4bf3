package watch

import (
	"errors"
	"fmt"
	"syscall"
)

// explain turns running out of inotify watches or instances into a message
// that says which limit to raise and how; dir is the folder being added.
func explain(err error, dir string) error {
	where := ""
	if dir != "" {
		where = " " + dir
	}
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("watching%s: the system's limit on watched folders is reached (%w); "+
			"raise fs.inotify.max_user_watches, for example: sudo sysctl fs.inotify.max_user_watches=524288 "+
			"(add it to /etc/sysctl.conf to keep it)", where, err)
	case errors.Is(err, syscall.EMFILE):
		return fmt.Errorf("watching%s: too many inotify instances are open (%w); "+
			"raise fs.inotify.max_user_instances, for example: sudo sysctl fs.inotify.max_user_instances=1024 "+
			"(add it to /etc/sysctl.conf to keep it), or close other programs that watch files", where, err)
	}
	if dir != "" {
		return fmt.Errorf("watching %s: %w", dir, err)
	}
	return fmt.Errorf("watching: %w", err)
}
