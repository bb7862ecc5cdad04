//go:build race

package count

// raceEnabled reports a -race build, where sync.Pool drops a quarter of
// what is put back, so allocation comparisons are not made.
const raceEnabled = true
