package share

import (
	"strings"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/sanitize"
)

// MaxLinkLength is the most bytes a [Link]'s Href holds: below the 8 KiB
// request line that web servers commonly accept (Apache's LimitRequestLine
// is 8190, nginx's large_client_header_buffers 8k), so that every network's
// share page can be reached with any article. A link that would be longer
// carries less text: the standfirst is cut first, then the hashtags are
// dropped, then the headline is cut, each on a word (else grapheme)
// boundary with "…", as posts are cut. Only a link whose URLs alone are
// over the bound (a Messenger link names the article URL twice) is refused,
// with a [*TooLongError] in [UnitBytes].
const MaxLinkLength = 8000

// Bounds on what share reads from an article. Every share link, post and
// API body is built from at most this much, so that an article of any
// size costs work in proportion to these bounds, not to its size; see the
// package documentation.
const (
	// maxURLBytes bounds the article URL, the lead image URL and a Mastodon
	// template (2048, the sitemaps protocol's limit on a URL).
	maxURLBytes = 2048
	// maxTextBytes bounds the headline and standfirst, cut on a grapheme
	// (else word) boundary with "…" beyond it.
	maxTextBytes = 4096
	// maxTags is how many hashtags share uses; maxTagBytes the longest
	// hashtag (X links at most 139 characters of one; none longer).
	maxTags     = 30
	maxTagBytes = 140
	// maxHostBytes bounds a Mastodon instance host name (DNS: 253).
	maxHostBytes = 253
	// maxAppIDBytes bounds a Facebook app id (a number, 15–16 digits today).
	maxAppIDBytes = 32
	// maxUTMBytes bounds UTM.Campaign and UTM.Content, which every link
	// carries.
	maxUTMBytes = 256
)

// cleanText returns raw as share uses plain text: cut to at most max
// bytes (capText), on one line (oneLine), with unbalanced bidirectional
// controls dropped (balanceBidi).
func cleanText(raw string, max int) string {
	return balanceBidi(oneLine(capText(raw, max)))
}

// capText returns s, or when s is longer than max bytes its longest cut
// within max bytes, "…" included, on a word (else grapheme) boundary. It
// looks at only the first max+utf8.UTFMax bytes of s: a grapheme boundary
// depends only on the text before it and the character after it, so the
// boundaries of that prefix below its end are those of s. The work is
// O(max), whatever the length of s.
func capText(s string, max int) string {
	if len(s) <= max {
		return s
	}
	end := max + utf8.UTFMax
	for end < len(s) && !utf8.RuneStart(s[end]) {
		end++
	}
	if end > len(s) {
		end = len(s)
	}
	return sanitize.TruncateFunc(s[:end], max, byteLen)
}

func byteLen(s string) int { return len(s) }

// cutText is sanitize.TruncateFunc with unbalanced bidirectional controls
// dropped from the cut: cutting between an isolate and its closing PDI
// must not leave an isolate open. Dropping controls never lengthens a
// text in any network's count.
func cutText(s string, max int, count sanitize.Counter) string {
	c := sanitize.TruncateFunc(s, max, count)
	if len(c) < len(s) {
		c = balanceBidi(c)
	}
	return c
}

// Bidirectional formatting controls (Unicode UAX #9): embeddings and
// overrides closed by PDF, isolates closed by PDI.
const (
	lre = 0x202A
	rle = 0x202B
	pdf = 0x202C
	lro = 0x202D
	rlo = 0x202E
	lri = 0x2066
	rli = 0x2067
	fsi = 0x2068
	pdi = 0x2069
	// maxBidiDepth is UAX #9's max_depth: deeper openers are ignored by
	// the algorithm, and dropped here.
	maxBidiDepth = 125
)

func isBidiControl(r rune) bool { return r >= lre && r <= rlo || r >= lri && r <= pdi }

// hasBidiControl reports whether s holds a bidirectional formatting
// control (all are encoded E2 80 AA–AE or E2 81 A6–A9).
func hasBidiControl(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] != 0xE2 {
			continue
		}
		if b, c := s[i+1], s[i+2]; b == 0x80 && c >= 0xAA && c <= 0xAE || b == 0x81 && c >= 0xA6 && c <= 0xA9 {
			return true
		}
	}
	return false
}

// balanceBidi returns s with every bidirectional formatting control that
// is not balanced removed, so that none reaches past the text it came in
// (into the URL or hashtags after a headline, or the reader's own text
// around a shared post). Balanced means as UAX #9 pairs them: an
// embedding or override (LRE, RLE, LRO, RLO) closed by a PDF before any
// enclosing isolate ends; an isolate (LRI, RLI, FSI) closed by a PDI. An
// embedding a PDI closes implicitly counts as unbalanced, as do openers
// nested deeper than UAX #9's limit of 125 and their closers. Balanced
// pairs stay: they are how right-to-left names are set in left-to-right
// text. Invalid UTF-8 becomes U+FFFD first (removing a control must not
// join stray bytes into a character). The work is linear in len(s).
func balanceBidi(s string) string {
	if !hasBidiControl(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	type open struct {
		pos     int
		isolate bool
		keep    bool
	}
	var stack []open
	drop := make([]bool, len(s)) // drop[i]: the control starting at byte i goes (only set at controls)
	depth := 0                   // openers kept on the stack
	for i, r := range s {
		if !isBidiControl(r) {
			continue
		}
		switch r {
		case lre, rle, lro, rlo, lri, rli, fsi:
			keep := depth < maxBidiDepth
			if keep {
				depth++
			} else {
				drop[i] = true
			}
			stack = append(stack, open{i, r >= lri, keep})
		case pdf:
			if n := len(stack); n > 0 && !stack[n-1].isolate {
				top := stack[n-1]
				stack = stack[:n-1]
				if top.keep {
					depth--
					continue
				}
			}
			drop[i] = true
		case pdi:
			k := len(stack) - 1
			for k >= 0 && !stack[k].isolate {
				k--
			}
			if k < 0 {
				drop[i] = true
				continue
			}
			for _, o := range stack[k+1:] { // embeddings the PDI closes implicitly
				drop[o.pos] = true
				if o.keep {
					depth--
				}
			}
			if !stack[k].keep {
				drop[i] = true
			} else {
				depth--
			}
			stack = stack[:k]
		}
	}
	for _, o := range stack {
		drop[o.pos] = true
	}
	var b strings.Builder
	b.Grow(len(s))
	from := 0
	for i := range s {
		if drop[i] {
			b.WriteString(s[from:i])
			from = i + 3 // every bidi control is three bytes
		}
	}
	b.WriteString(s[from:])
	return b.String()
}
