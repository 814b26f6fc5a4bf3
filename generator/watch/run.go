package watch

import "context"

// Run calls build with every batch of w until ctx ends or w is closed.
// Builds run one at a time, on the caller's goroutine; the changes made
// during a build are delivered afterwards as one batch, so they cause
// exactly one more build. build receives ctx and should stop early when it
// ends.
func Run(ctx context.Context, w *Watcher, build func(context.Context, Batch)) {
	for {
		select {
		case <-ctx.Done():
			return
		case b, ok := <-w.Batches():
			if !ok {
				return
			}
			if ctx.Err() != nil {
				return
			}
			build(ctx, b)
		}
	}
}
