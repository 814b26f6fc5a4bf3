//go:build race

package content

// raceEnabled is whether the race detector is on.
const raceEnabled = true
