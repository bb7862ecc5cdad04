package count

//go:generate node ../../tools/node/gen/count-tables.js xtables_gen.go
//go:generate gofmt -w xtables_gen.go

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Limits each network publishes, in the unit its counter returns.
const (
	// XLimit is X's limit in weighted characters ([X]).
	XLimit = 280
	// BlueskyGraphemeLimit and BlueskyByteLimit are app.bsky.feed.post's
	// maxGraphemes and maxLength ([Bluesky]).
	BlueskyGraphemeLimit = 300
	BlueskyByteLimit     = 3000
	// MastodonDefaultLimit is Mastodon's default max_characters; an
	// instance may set its own ([Mastodon]).
	MastodonDefaultLimit = 500
	// MastodonURLLength is what every URL counts on Mastodon
	// (characters_reserved_per_url).
	MastodonURLLength = 23
	// ThreadsLimit is Threads' limit ([Threads]); ThreadsLinkLimit the
	// number of links a Threads post may hold ([Links]).
	ThreadsLimit     = 500
	ThreadsLinkLimit = 5
	// LinkedInLimit is LinkedIn's limit on post commentary ([UTF16]).
	LinkedInLimit = 3000
	// TelegramMessageLimit and TelegramCaptionLimit are the Bot API's
	// limits for a message and a photo caption ([Telegram]).
	TelegramMessageLimit = 4096
	TelegramCaptionLimit = 1024
	// FacebookMessageLimit is the commonly cited limit of a Facebook post
	// ([UTF16]).
	FacebookMessageLimit = 63206
)

// scratch holds reusable measuring buffers. It is a cache, not state: a
// buffer's contents never outlive one call.
var scratch = sync.Pool{New: func() any { return new(xScratch) }}

// maxPooledUnits bounds the buffers kept for reuse, so that one huge text
// does not pin its buffers for the life of the process.
const maxPooledUnits = 1 << 14

func getScratch() *xScratch { return scratch.Get().(*xScratch) }

func putScratch(x *xScratch) {
	if cap(x.units) > maxPooledUnits || cap(x.scan.best) > maxPooledUnits {
		return
	}
	scratch.Put(x)
}

// graphemeCount counts the extended grapheme clusters of s as
// sanitize.Graphemes does (uniseg, Unicode 15.0), with a fast path for
// ASCII, where only CR LF joins two characters.
func graphemeCount(s string) int {
	if isASCII(s) {
		return len(s) - strings.Count(s, "\r\n")
	}
	return uniseg.GraphemeClusterCount(s)
}

// Bluesky returns the two lengths Bluesky limits a post's text by
// (app.bsky.feed.post: [BlueskyGraphemeLimit] grapheme clusters and
// [BlueskyByteLimit] UTF-8 bytes). Bluesky counts the text as it is: a
// URL counts every character it has. The grapheme count follows Unicode
// 15.0 (github.com/rivo/uniseg); Bluesky's servers may use 15.1, which
// joins some Indic conjuncts into one cluster, so a text within the limit
// here is within it there too.
func Bluesky(s string) (graphemes, bytes int) { return graphemeCount(s), len(s) }

// Threads counts s as Meta documents for Threads: characters (code
// points), except that an emoji counts its UTF-8 bytes.
func Threads(s string) int {
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

// UTF16 is the length of s in UTF-16 code units (JavaScript's
// String.length), the unit Facebook, LinkedIn and Telegram count in.
// Invalid UTF-8 counts one unit a byte, as U+FFFD would.
func UTF16(s string) int {
	n := len(s)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		// size bytes are 1 or 2 units: 2 for a 4-byte sequence, else 1.
		if r >= 0x10000 {
			n -= size - 2
		} else {
			n -= size - 1
		}
		i += size
	}
	return n
}

// Links returns the number of links in text as twitter-text extracts
// them (X's rules, which Threads' link limit is checked by here).
func Links(text string) int {
	if strings.Count(text, ".") == 0 {
		return 0 // every link has a '.' in its domain
	}
	x := getScratch()
	defer putScratch(x)
	x.units = appendUTF16(x.units[:0], text, isASCII(text))
	return len(x.extractURLs(x.units))
}
