package sanitize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Ellipsis is what [Truncate], [TruncateFunc] and [Description] append to text
// they cut: U+2026, one grapheme cluster (two units on X, three UTF-8 bytes).
const Ellipsis = "…"

// Counter measures the length of a text in a network's or format's own
// unit: grapheme clusters, UTF-8 bytes, X's weighted length, … .
//
// [TruncateFunc] assumes a Counter is monotone under extension: counting a
// longer prefix of a text never gives less than counting a shorter one, and
// appending [Ellipsis] adds about Count(Ellipsis). Grapheme, rune, byte and
// UTF-16 counts and X's weighted length all qualify. A counter that breaks
// the assumption still never gets a result over its budget (TruncateFunc
// checks its answer), but the cut may be shorter than it could be.
type Counter func(string) int

// Graphemes counts the extended grapheme clusters of s (Unicode 15.0,
// UAX #29): what a reader perceives as characters. It is a [Counter].
func Graphemes(s string) int { return uniseg.GraphemeClusterCount(s) }

// Truncate shortens plain text to at most max grapheme clusters, the
// [Ellipsis] included. It returns s itself when s already fits (even if s is
// not otherwise clean) and "" when max <= 0.
//
// A text that does not fit is cut at the last word boundary (a UAX #14
// line-break opportunity or the start of white space) that keeps at least
// half of the room, else at the last grapheme boundary (text without spaces:
// CJK, Thai, long URLs). White space, opening brackets and quotes, dashes
// and the separators , ; : . 、 ， 。 at the cut are trimmed before
// Ellipsis is appended. A grapheme cluster (a ZWJ emoji sequence, a flag, a
// letter and its combining marks) is never split.
//
// Truncate makes one pass over at most the first max+1 grapheme clusters
// of s and allocates only its result.
func Truncate(s string, max int) string {
	if max <= 0 {
		return ""
	}
	limit := 0 // byte offset after max-1 clusters
	n, state, rest := 0, -1, s
	for len(rest) > 0 {
		_, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		n++
		if n == max-1 {
			limit = len(s) - len(rest)
		}
		if n > max {
			return cutAt(s, limit) + Ellipsis
		}
	}
	return s
}

// TruncateFunc is [Truncate] measured with count instead of grapheme
// clusters: it returns s itself when count(s) <= max, else the longest cut
// of s (chosen as in Truncate) such that count(cut+Ellipsis) <= max, or ""
// when not even Ellipsis fits. count must not be nil and must be monotone
// (see [Counter]).
//
// It calls count O(log len(s)) times, binary-searching over byte offsets,
// then walks the grapheme clusters of the chosen prefix once.
func TruncateFunc(s string, max int, count Counter) string {
	if count(s) <= max {
		return s
	}
	e := count(Ellipsis)
	if e > max {
		return ""
	}
	// Largest rune-aligned lo with count(s[:lo])+e <= max; hi never fits.
	lo, hi := 0, len(s)
	for {
		m := lo + (hi-lo)/2
		for m > lo && !runeBoundary(s, m) {
			m--
		}
		if m == lo {
			m = lo + (hi-lo)/2 + 1
			for m < hi && !runeBoundary(s, m) {
				m++
			}
			if m >= hi {
				break
			}
		}
		if count(s[:m])+e <= max {
			lo = m
		} else {
			hi = m
		}
	}
	// The answer is checked, so a counter that is not additive for the
	// ellipsis only costs a few extra tries, never an over-long result.
	for range 32 {
		out := cutAt(s, lo) + Ellipsis
		if count(out) <= max {
			return out
		}
		if lo == 0 {
			break
		}
		lo--
	}
	return Ellipsis
}

// runeBoundary reports whether offset m of s falls between two runes as
// utf8 decodes them (an invalid byte is a rune of its own).
func runeBoundary(s string, m int) bool {
	if m <= 0 || m >= len(s) || utf8.RuneStart(s[m]) {
		return true
	}
	j := m - 1
	for j > 0 && j > m-utf8.UTFMax && !utf8.RuneStart(s[j]) {
		j--
	}
	if !utf8.RuneStart(s[j]) {
		return true // a stray continuation byte
	}
	_, n := utf8.DecodeRuneInString(s[j:])
	return j+n <= m
}

// cutAt returns the prefix of s that [Truncate] keeps when at most limit
// bytes fit: the last word boundary at or before limit if it keeps at least
// half, else the last grapheme boundary, with trailing separators trimmed
// (only trailing white space when separators are all there is).
func cutAt(s string, limit int) string {
	var (
		graphemeCut, graphemeSolid int // last cluster end <= limit; end of its last non-trimmable cluster
		wordCut, wordSolid         int
		solid                      int // end of the last non-trimmable cluster so far
		pos                        int
	)
	// Grapheme clusters and UAX #14 line segments are walked side by side
	// (cheaper than uniseg.Step, which also runs the word and sentence
	// rules); a cluster end that is also a segment end is a break
	// opportunity.
	state, rest := -1, s
	lineState, lineRest, lineEnd := -1, s, 0
	for len(rest) > 0 && pos <= limit {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		start, end := pos, pos+len(cluster)
		pos = end
		trim := trimmable(cluster)
		if trim && isBlank(cluster) && start > 0 {
			// A word ends where white space starts.
			wordCut, wordSolid = start, solid
		}
		if end > limit {
			break
		}
		if !trim {
			solid = end
		}
		graphemeCut, graphemeSolid = end, solid
		for lineEnd < end && len(lineRest) > 0 {
			var seg string
			seg, lineRest, _, lineState = uniseg.FirstLineSegmentInString(lineRest, lineState)
			lineEnd += len(seg)
		}
		if lineEnd == end {
			wordCut, wordSolid = end, solid
		}
	}
	return chooseCut(s, graphemeCut, graphemeSolid, wordCut, wordSolid)
}

// chooseCut picks cutAt's answer from the last word and grapheme
// boundaries within the limit (Cut) and the ends of their last
// non-trimmable clusters (Solid): the word cut if it keeps at least half
// and something solid, else the grapheme cut; when only punctuation and
// white space fit ("::::…"), they are kept, less trailing white space,
// rather than cut to nothing.
func chooseCut(s string, graphemeCut, graphemeSolid, wordCut, wordSolid int) string {
	if wordCut > 0 && 2*wordCut >= graphemeCut && wordSolid > 0 {
		return s[:wordSolid]
	}
	if graphemeSolid == 0 {
		return strings.TrimRightFunc(s[:graphemeCut], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) })
	}
	return s[:graphemeSolid]
}

// isBlank reports whether cluster is white space (or controls) only.
func isBlank(cluster string) bool {
	for _, r := range cluster {
		if !unicode.IsSpace(r) && !unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// trimmable reports whether cluster may be dropped before the [Ellipsis]:
// white space, or one rune of separating punctuation.
func trimmable(cluster string) bool {
	if len(cluster) == 1 {
		c := cluster[0]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			return false // the common case, without the Unicode tables
		}
	}
	if isBlank(cluster) {
		return true
	}
	r, n := utf8.DecodeRuneInString(cluster)
	if n != len(cluster) {
		return false
	}
	switch r {
	case ',', ';', ':', '.', '、', '，', '。', '；', '：', '…':
		return true
	}
	return unicode.In(r, unicode.Pd, unicode.Ps, unicode.Pi)
}

// Description returns the plain text of an HTML fragment cut to max
// grapheme clusters: Truncate(Text(html), max). It suits a meta
// description or a card's summary; the result is plain text, not HTML.
func Description(html string, max int) string {
	return Truncate(Text(html), max)
}
