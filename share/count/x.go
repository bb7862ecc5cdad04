package count

import (
	"math"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// xConfig is a twitter-text configuration (config/v3.json and friends).
type xConfig struct {
	maxLength     int // maxWeightedTweetLength
	scale         int
	defaultWeight int
	urlLength     int // transformedURLLength
	emoji         bool
	ranges        []xRange
}

type xRange struct{ start, end, weight int }

// xV3 is twitter-text's config/v3.json: the counting x.com uses.
var xV3 = xConfig{
	maxLength: XLimit, scale: 100, defaultWeight: 200, urlLength: 23, emoji: true,
	ranges: []xRange{{0, 4351, 100}, {8192, 8205, 100}, {8208, 8223, 100}, {8242, 8247, 100}},
}

// XResult is twitter-text's parseTweet result: the weighted length and
// validity of a post on X. Indices are UTF-16 code units, inclusive, as in
// twitter-text.
type XResult struct {
	// WeightedLength is the length X counts; [XLimit] is the limit.
	WeightedLength int `json:"weightedLength"`
	// Valid reports 0 < WeightedLength ≤ [XLimit] and no U+FFFE, U+FEFF
	// or U+FFFF in the text.
	Valid bool `json:"valid"`
	// Permillage is WeightedLength in thousandths of the limit, rounded down.
	Permillage int `json:"permillage"`
	// ValidRangeStart and ValidRangeEnd bound the part of the text that
	// fits (ValidRangeEnd inclusive).
	ValidRangeStart int `json:"validRangeStart"`
	ValidRangeEnd   int `json:"validRangeEnd"`
	// DisplayRangeStart and DisplayRangeEnd bound the whole text.
	DisplayRangeStart int `json:"displayRangeStart"`
	DisplayRangeEnd   int `json:"displayRangeEnd"`
}

// X measures text as X does, following twitter-text v3
// (https://docs.x.com/fundamentals/counting-characters): the text is
// NFC-normalised; every URL counts 23 whatever its length; every emoji
// sequence (ZWJ sequences, flags, keycaps, skin tones) counts 2; code
// points in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and
// U+2032–U+2037 count 1 and all others 2. It agrees with twitter-text
// 3.1.0's parseTweet on its whole conformance suite. The limit it checks
// is [XLimit].
func X(text string) XResult {
	x := getScratch()
	defer putScratch(x)
	return x.parse(text, &xV3)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// xParse is X under cfg.
func xParse(text string, cfg *xConfig) XResult {
	var x xScratch
	return x.parse(text, cfg)
}

// parse is X under cfg, using x's buffers.
func (x *xScratch) parse(text string, cfg *xConfig) XResult {
	ascii := isASCII(text)
	normalized := text
	if !ascii {
		normalized = norm.NFC.String(text)
	}
	x.units = appendUTF16(x.units[:0], normalized, ascii)
	t := x.units
	urls := x.extractURLs(t)
	var emoji []span
	if cfg.emoji && !ascii {
		x.emoji = appendEmojiSpans(x.emoji[:0], normalized)
		emoji = x.emoji
	}
	weighted, validIndex, valid := 0, 0, true
	ui, ei := 0, 0
	max := cfg.maxLength * cfg.scale
	for i := 0; i < len(t); i++ {
		for ui < len(urls) && urls[ui].start < i {
			ui++
		}
		for ei < len(emoji) && emoji[ei].start < i {
			ei++
		}
		switch {
		case ui < len(urls) && urls[ui].start == i:
			weighted += cfg.urlLength * cfg.scale
			i = urls[ui].end - 1
		case ei < len(emoji) && emoji[ei].start == i:
			weighted += cfg.defaultWeight
			i = emoji[ei].end - 1
		default:
			if i+1 < len(t) && utf16.IsSurrogate(rune(t[i])) && t[i] <= 0xDBFF && t[i+1] >= 0xDC00 && t[i+1] <= 0xDFFF {
				i++
			}
			weighted += cfg.weight(t[i])
		}
		if valid {
			valid = t[i] != 0xFFFE && t[i] != 0xFEFF && t[i] != 0xFFFF
		}
		if valid && weighted <= max {
			validIndex = i
		}
	}
	rawLen := len(t)
	if !ascii {
		rawLen = UTF16(text)
	}
	r := XResult{
		WeightedLength: weighted / cfg.scale,
		ValidRangeEnd:  validIndex + rawLen - len(t),
	}
	r.Valid = valid && r.WeightedLength > 0 && r.WeightedLength <= cfg.maxLength
	r.Permillage = int(math.Floor(float64(r.WeightedLength) / float64(cfg.maxLength) * 1000))
	if rawLen > 0 {
		r.DisplayRangeEnd = rawLen - 1
	}
	return r
}

// weight is twitter-text's getCharacterWeight for one UTF-16 unit (for a
// surrogate pair, its low half, which no range contains).
func (c *xConfig) weight(u uint16) int {
	for _, r := range c.ranges {
		if int(u) >= r.start && int(u) <= r.end {
			return r.weight
		}
	}
	return c.defaultWeight
}

func toUTF16(s string, ascii bool) []uint16 { return appendUTF16(nil, s, ascii) }

// appendUTF16 appends s in UTF-16 to t; ascii says s is all ASCII.
func appendUTF16(t []uint16, s string, ascii bool) []uint16 {
	if cap(t)-len(t) < len(s) {
		t = append(make([]uint16, 0, len(t)+len(s)), t...)
	}
	if ascii {
		for i := 0; i < len(s); i++ {
			t = append(t, uint16(s[i]))
		}
		return t
	}
	for _, r := range s {
		t = utf16.AppendRune(t, r)
	}
	return t
}

// appendEmojiSpans appends twemoji-parser's emoji matches in s, as UTF-16
// spans, to out.
func appendEmojiSpans(out []span, s string) []span {
	tab := xTab()
	pos, u := 0, 0 // byte offset and its UTF-16 index
	adv := func(to int) {
		for pos < to {
			r, n := utf8.DecodeRuneInString(s[pos:])
			pos += n
			if r >= 0x10000 {
				u += 2
			} else {
				u++
			}
		}
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < 0x23 {
			i += n
			continue
		}
		l := tab.emoji.match(s[i:], r)
		if l == 0 {
			i += n
			continue
		}
		end := i + l
		if l == n && strings.HasPrefix(s[end:], "\uFE0E") && tab.textDefault[r] {
			// (?!\ufe0e) fails here: no emoji starts at this code point.
			i += n
			continue
		}
		adv(i)
		first := u
		adv(end)
		out = append(out, span{first, u})
		i = end
	}
	return out
}

func utf16Decode(t []uint16) []rune { return utf16.Decode(t) }

func nfc(s string) string { return norm.NFC.String(s) }
