package share

import (
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Limits each network publishes.
const (
	XLimit                = 280
	BlueskyGraphemeLimit  = 300
	BlueskyByteLimit      = 3000
	MastodonDefaultLimit  = 500
	MastodonURLLength     = 23
	ThreadsLimit          = 500
	ThreadsLinkLimit      = 5
	LinkedInLimit         = 3000
	TelegramMessageLimit  = 4096
	TelegramCaptionLimit  = 1024
	FacebookMessageLimit  = 63206
	threadsTopicTagLimit  = 50
	blueskyTagGraphemeMax = 64
)

// Graphemes counts the extended grapheme clusters in s (Unicode 15.0
// rules, as github.com/rivo/uniseg implements them). Bluesky's servers may
// use Unicode 15.1, which joins some Indic conjuncts into one cluster;
// this count is then the larger one, so a text within a limit here is
// within it there too.
func Graphemes(s string) int {
	if isASCII(s) {
		return len(s) - strings.Count(s, "\r\n")
	}
	return uniseg.GraphemeClusterCount(s)
}

// BlueskyLength returns the two lengths Bluesky limits a post's text by
// (app.bsky.feed.post: maxGraphemes 300, maxLength 3000): grapheme
// clusters and UTF-8 bytes. Bluesky counts the text as it is: a URL counts
// every character it has.
func BlueskyLength(s string) (graphemes, bytes int) { return Graphemes(s), len(s) }

// ThreadsLength counts s as Meta documents for Threads: characters (code
// points), except that an emoji counts its UTF-8 bytes.
func ThreadsLength(s string) int {
	if isASCII(s) {
		return len(s)
	}
	n := 0
	state := -1
	rest := s
	for len(rest) > 0 {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if isEmojiCluster(cluster) {
			n += len(cluster)
		} else {
			n += utf8.RuneCountInString(cluster)
		}
	}
	return n
}

// isEmojiCluster reports whether a grapheme cluster is (or contains) an
// emoji: a pictographic symbol, a regional indicator, a keycap or an
// emoji presentation selector.
func isEmojiCluster(c string) bool {
	for _, r := range c {
		switch {
		case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x2190 && r <= 0x2BFF, r >= 0xE0020 && r <= 0xE007F,
			r == 0xFE0F, r == 0x20E3, r == 0xA9, r == 0xAE, r == 0x203C, r == 0x2049, r == 0x2122,
			r == 0x2139, r == 0x3030, r == 0x303D, r == 0x3297, r == 0x3299, r >= 0x2300 && r <= 0x23FF:
			return true
		}
	}
	return false
}

// UTF16Length is the length of s in UTF-16 code units (JavaScript's
// String.length).
func UTF16Length(s string) int {
	if isASCII(s) {
		return len(s)
	}
	return utf16Len(s)
}
