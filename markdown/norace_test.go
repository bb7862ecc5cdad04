//go:build !race

package markdown_test

const raceEnabled = false
