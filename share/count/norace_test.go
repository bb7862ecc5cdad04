//go:build !race

package count

// raceEnabled reports a -race build; see race_test.go.
const raceEnabled = false
