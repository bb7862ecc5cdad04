//go:build race

package card

// raceEnabled is true when the tests run under the race detector: the
// slowest tests then check fewer inputs (sizes, lengths, samplings) so the
// package's -race run stays within CI's budget; without -race they check
// all of them.
const raceEnabled = true
