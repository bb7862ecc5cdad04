//go:build race

package markdown_test

// raceEnabled is true under the race detector, which makes big inputs
// slow.
const raceEnabled = true
