// Package bench holds Byline's whole-pipeline benchmarks and the floor
// they are measured against (design §7): goldmark alone converting the
// same articles on all cores. It has no code of its own; the corpus the
// benchmarks read is written by package corpus and cached in the system's
// temporary folder between runs.
//
//	go test ./generator/bench -run '^$' -bench 'Build|Goldmark' -benchtime 3x -timeout 60m
//
// The 10k benchmarks are skipped under -short.
package bench
