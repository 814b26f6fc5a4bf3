package watch

import (
	"context"
	"time"
)

// minWake is the least time RunEarly, and so Run, waits for a wake-up, so
// that a build that asks for one at once cannot spin.
const minWake = 100 * time.Millisecond

// Run calls build with every batch of w until ctx ends or w is closed.
// Builds run one at a time, on the caller's goroutine; the changes made
// during a build are delivered afterwards as one batch, so they cause
// exactly one more build. build receives ctx and should stop early when it
// ends.
//
// Time can change a site as files do: an article scheduled for 9:00 is
// published then. So build returns when it must run again though no file
// changes (zero: not before one does), as wake does for the build the
// caller made before Run; at that time build gets a Batch with Clock set,
// unless a batch of changes came first.
func Run(ctx context.Context, w *Watcher, wake time.Time, build func(context.Context, Batch) (wake time.Time)) {
	// RunEarly with nothing to prepare: each build is its commit, made at
	// once, on the caller's goroutine.
	RunEarly(ctx, w, wake, time.Nanosecond, func(_ context.Context, b Batch) func() time.Time {
		return func() time.Time { return build(ctx, b) }
	})
}
