package share

import (
	"strings"
	"unicode"

	"github.com/rivo/uniseg"
)

// truncate is the interim cut used until package sanitize's TruncateFunc
// is on main; fit takes it as a parameter so the switch is one line.
var truncate truncateFunc = interimTruncate

func interimTruncate(s string, max int, count func(string) int) string {
	if count(s) <= max {
		return s
	}
	// Grapheme boundaries, and which of them end a word.
	var bounds []int
	var words []bool
	state := -1
	rest := s
	pos := 0
	for len(rest) > 0 {
		var c string
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		pos += len(c)
		bounds = append(bounds, pos)
		words = append(words, len(rest) > 0 && startsSpace(rest))
	}
	cand := func(i int) string { return strings.TrimRightFunc(s[:bounds[i]], unicode.IsSpace) + "…" }
	// Longest prefix that fits, by binary search over grapheme boundaries.
	lo, hi := 0, len(bounds)-1
	best := -1
	for lo <= hi {
		mid := (lo + hi) / 2
		if count(cand(mid)) <= max {
			best, lo = mid, mid+1
		} else {
			hi = mid - 1
		}
	}
	if best < 0 {
		return ""
	}
	for i := best; i >= 0; i-- {
		if words[i] {
			return cand(i)
		}
	}
	return cand(best)
}

func startsSpace(s string) bool {
	for _, r := range s {
		return unicode.IsSpace(r)
	}
	return false
}
