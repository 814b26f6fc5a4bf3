//go:build !race

package chromalex

const raceEnabled = false
