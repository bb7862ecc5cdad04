//go:build !race

package article_test

const raceEnabled = false
