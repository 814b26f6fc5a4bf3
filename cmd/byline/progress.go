package main

import (
	"fmt"
	"io"
	"time"
)

// progressDelay is how long a build runs before a progress line appears.
const progressDelay = time.Second

// startProgress shows "building… 2.4 s" on w, updated a few times a second,
// once a build has run for progressDelay. The returned func stops it and
// clears the line. It shows nothing unless w is a terminal.
func startProgress(w io.Writer, terminal bool, what string) (stop func()) {
	if !terminal {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(finished)
		shown := false
		timer := time.NewTimer(progressDelay)
		defer timer.Stop()
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(w, "\r\033[K")
				}
				return
			case <-timer.C:
				shown = true
				fmt.Fprintf(w, "\r\033[Kbuilding %s… %.1f s", what, time.Since(start).Seconds())
				timer.Reset(250 * time.Millisecond)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
