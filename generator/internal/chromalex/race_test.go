//go:build race

package chromalex

// raceEnabled is whether the race detector is on: it makes regexp2 about
// 25 times slower.
const raceEnabled = true
