//go:build !race

package card

// raceEnabled: see race_test.go.
const raceEnabled = false
