package share

import (
	"regexp"
	"strings"
	"unicode"
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

// MastodonLength returns the length Mastodon's StatusLengthValidator
// checks: grapheme clusters, after replacing every URL with a scheme by 23
// characters and every remote mention @user@host by @user.
//
// URL detection follows Mastodon's rule in outline (a scheme is required:
// http, https, dat, dweb, ipfs, ipns, ssb, gopher, gemini; trailing
// punctuation is not part of the URL); it is exact for the URLs this
// package composes and may differ from the server on exotic ones.
func MastodonLength(s string) int {
	return Graphemes(mastodonCountable(s))
}

var (
	mastodonMentionRe = regexp.MustCompile(`(?i)@([a-z0-9_]+(?:[.\-]+[a-z0-9_]+)*)(@[\p{L}\p{M}\p{N}_]+(?:[.\-]+[\p{L}\p{M}\p{N}_]+)*)?`)
)

const mastodonURLPlaceholder = "xxxxxxxxxxxxxxxxxxxxxxx" // 23

// mastodonSchemes are the schemes Mastodon links (config/initializers/twitter_regex.rb).
var mastodonSchemes = []string{"https", "http", "dat", "dweb", "ipfs", "ipns", "ssb", "gopher", "gemini"}

// replaceMastodonURLs replaces each URL (scheme://, then characters other
// than white space and < > ( ), less trailing punctuation) by 23 'x'.
func replaceMastodonURLs(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		k := strings.Index(s[i:], "://")
		if k < 0 {
			break
		}
		k += i
		start := -1
		for _, sch := range mastodonSchemes {
			if k >= len(sch) && strings.EqualFold(s[k-len(sch):k], sch) && k-len(sch) >= last {
				start = k - len(sch)
				break
			}
		}
		end := k + 3
		for end < len(s) {
			r, n := utf8.DecodeRuneInString(s[end:])
			if unicode.IsSpace(r) || r == '<' || r == '>' || r == '(' || r == ')' {
				break
			}
			end += n
		}
		if start < 0 || end == k+3 {
			i = k + 3
			continue
		}
		url := strings.TrimRightFunc(s[start:end], func(r rune) bool {
			return strings.ContainsRune("!*\"'「」<>;:=,.$%[]~&|@?", r)
		})
		b.WriteString(s[last:start])
		b.WriteString(mastodonURLPlaceholder)
		last = start + len(url)
		i = end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func mastodonCountable(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	if strings.Contains(s, "://") {
		s = replaceMastodonURLs(s)
	}
	if strings.IndexByte(s, '@') >= 0 {
		var b strings.Builder
		last := 0
		for _, m := range mastodonMentionRe.FindAllStringSubmatchIndex(s, -1) {
			if m[4] < 0 {
				continue // a local mention counts as written
			}
			if m[0] > 0 {
				r, _ := utf8.DecodeLastRuneInString(s[:m[0]])
				if r == '=' || r == '/' || isWordRune(r) {
					continue
				}
			}
			b.WriteString(s[last:m[0]])
			b.WriteString(s[m[0]:m[3]])
			last = m[1]
		}
		if last > 0 {
			b.WriteString(s[last:])
			s = b.String()
		}
	}
	return s
}

// isWordRune is Ruby's [[:word:]]: letters, marks, numbers and connector
// punctuation.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r) || unicode.Is(unicode.Pc, r)
}

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
