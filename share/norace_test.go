//go:build !race

package share

// raceEnabled reports a -race build; see race_test.go.
const raceEnabled = false
