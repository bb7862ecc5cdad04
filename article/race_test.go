//go:build race

package article_test

// raceEnabled is true under the race detector, which makes big inputs
// slow and changes allocation counts.
const raceEnabled = true
