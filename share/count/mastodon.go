package count

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mastodon returns the length Mastodon's StatusLengthValidator checks:
// grapheme clusters, after every URL becomes [MastodonURLLength]
// characters and every mention @user@domain becomes @user.
//
// URLs are found as Mastodon finds them: twitter-text's extractor (its
// Ruby version, which [X] shares the structure of) with Mastodon's
// changes: a protocol is required (http, https, dat, dweb, ipfs, ipns,
// ssb, gopher, gemini), the domain must end in a known top-level domain,
// a path runs to white space or <>()? with balanced parentheses allowed
// and trailing punctuation left out, and a query may hold non-ASCII
// characters. Mentions follow Mastodon's MENTION_RE; a mention followed by
// '@', a Latin accented letter or "://" is none. An entity overlapping an
// earlier one is dropped.
//
// These rules are transcribed from Mastodon's Ruby source and checked by
// table tests, not against a running Mastodon, so exotic URLs may still
// differ.
func Mastodon(s string) int {
	x := getScratch()
	defer putScratch(x)
	return x.mastodonLength(s)
}

// mastodonLength is Mastodon using x's buffers.
func (x *xScratch) mastodonLength(s string) int {
	return graphemeCount(x.mastodonCountable(s))
}

const mastodonURLPlaceholder = "xxxxxxxxxxxxxxxxxxxxxxx" // MastodonURLLength

// mastodonSchemes are the schemes Mastodon links, in its expression's
// order.
var mastodonSchemes = []string{"https", "http", "dat", "dweb", "ipfs", "ipns", "ssb", "gopher", "gemini"}

// mastodonMentionRe is Mastodon's MENTION_RE but for its look-behind
// (?<![=/[:word:]]), checked by hand: @user, where a user name is letters,
// digits and _ with . and - inside, and an optional @domain of word
// characters, dots and hyphens ending in a word character.
var mastodonMentionRe = regexp.MustCompile(`(?i)@([a-z0-9_]+(?:[a-z0-9_.\-]+[a-z0-9_]+)?)(?:@[\p{L}\p{M}\p{Nd}\p{Pc}.\-]+[\p{L}\p{M}\p{Nd}\p{Pc}]+)?`)

// mastodonEntity is a URL or mention and what it counts as.
type mastodonEntity struct {
	start, end int // bytes
	repl       string
}

// mastodonCountable is the text Mastodon counts the graphemes of.
func (x *xScratch) mastodonCountable(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	var es []mastodonEntity
	if strings.Contains(s, "://") {
		es = x.appendMastodonURLs(es, s)
	}
	if strings.IndexByte(s, '@') >= 0 || strings.Contains(s, "＠") {
		es = appendMastodonMentions(es, s)
	}
	if len(es) == 0 {
		return s
	}
	// Sorted by start; an entity starting inside the last one kept is
	// dropped (twitter-text's remove_overlapping_entities).
	sort.SliceStable(es, func(i, j int) bool { return es[i].start < es[j].start })
	var b strings.Builder
	last := 0
	for _, e := range es {
		if e.start < last {
			continue
		}
		b.WriteString(s[last:e.start])
		b.WriteString(e.repl)
		last = e.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// appendMastodonURLs appends the URLs of s as Mastodon's extractor finds
// them, with byte offsets.
func (x *xScratch) appendMastodonURLs(es []mastodonEntity, s string) []mastodonEntity {
	ascii := isASCII(s)
	x.units = appendUTF16(x.units[:0], s, ascii)
	spans := x.extract(x.units, mastodonDialect)
	if ascii {
		for _, sp := range spans {
			es = append(es, mastodonEntity{sp.start, sp.end, mastodonURLPlaceholder})
		}
		return es
	}
	if len(spans) == 0 {
		return es
	}
	// Map UTF-16 indices to byte offsets in one walk (in ASCII they are
	// the same).
	k, u := 0, 0 // next span boundary, UTF-16 index
	bounds := make([]int, 0, 2*len(spans))
	want := func() int {
		if k%2 == 0 {
			return spans[k/2].start
		}
		return spans[k/2].end
	}
	for i, r := range s {
		for k < 2*len(spans) && want() == u {
			bounds = append(bounds, i)
			k++
		}
		if r >= 0x10000 {
			u += 2
		} else {
			u++
		}
	}
	for k < 2*len(spans) {
		bounds = append(bounds, len(s))
		k++
	}
	for i := 0; i < len(bounds); i += 2 {
		es = append(es, mastodonEntity{bounds[i], bounds[i+1], mastodonURLPlaceholder})
	}
	return es
}

// appendMastodonMentions appends the mentions of s, each counted as
// @user.
func appendMastodonMentions(es []mastodonEntity, s string) []mastodonEntity {
	for _, m := range mastodonMentionRe.FindAllStringSubmatchIndex(s, -1) {
		if m[0] > 0 {
			r, _ := utf8.DecodeLastRuneInString(s[:m[0]])
			if r == '=' || r == '/' || isWordRune(r) {
				continue
			}
		}
		if endsMention(s[m[1]:]) {
			continue
		}
		es = append(es, mastodonEntity{m[0], m[1], s[m[0]:m[3]]})
	}
	return es
}

// endsMention is twitter-text's end_mention_match: a mention followed by
// an at sign, a Latin accented letter or "://" is not one.
func endsMention(after string) bool {
	if strings.HasPrefix(after, "://") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(after)
	if r == '@' || r == '＠' {
		return true
	}
	for _, lr := range latinAccents {
		if r >= rune(lr.lo) && r <= rune(lr.hi) {
			return true
		}
	}
	return false
}

// isWordRune is Ruby's [[:word:]]: letters, marks, decimal digits and
// connector punctuation.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.Is(unicode.Nd, r) || unicode.Is(unicode.Pc, r)
}

// mastodonPathChar is Mastodon's valid_general_url_path_chars: anything
// but white space and < > ( ) ?.
func mastodonPathChar(u uint16) bool {
	switch u {
	case '<', '>', '(', ')', '?':
		return false
	}
	return !unicode.IsSpace(rune(u))
}

// mastodonPathEnd is Mastodon's valid_url_path_ending_chars (its character
// class; balanced parentheses are left to the regular expression).
func mastodonPathEnd(u uint16) bool {
	switch u {
	case '!', '*', '"', '\'', '「', '」', ';', ':', '=', ',', '.', '$', '%', '[', ']', '~', '&', '|', '@':
		return false
	}
	return mastodonPathChar(u)
}

func isMastodonPathUnit(u uint16) bool { return mastodonPathChar(u) || u == '(' || u == ')' }

// matchMastodonPath matches Mastodon's path at t[i] == '/': without
// parentheses, to the last ending character of the run of path
// characters, as matchPath does for X; with them, by the regular
// expression.
func matchMastodonPath(t []uint16, i int) int {
	end := i + 1
	for j := i + 1; j < len(t); j++ {
		u := t[j]
		if u == '(' || u == ')' {
			return reMatch(xTab().mastodonPathRe, t, i, isMastodonPathUnit)
		}
		if !mastodonPathChar(u) {
			break
		}
		if mastodonPathEnd(u) {
			end = j + 1
		}
	}
	return end
}

// mastodonPathPattern is Mastodon's path expression in Go's syntax; pc is
// twitter-text's own path character class, which Mastodon's ending
// characters still use inside parentheses (its override of the balanced
// parentheses comes after them).
func mastodonPathPattern(gemPathChar string) string {
	const ws = `\t-\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}`
	pc := `[^` + ws + `<>()?]`
	parens := func(c string) string {
		return `\((?:` + c + `+|(?:` + c + `*\(` + c + `+\)` + c + `*))\)`
	}
	gem := `[` + gemPathChar + `]`
	pe := `(?:[^` + ws + `()?!*"'「」<>;:=,.$%\[\]~&|@]|` + parens(gem) + `)`
	unit := `(?:` + pc + `*(?:` + parens(pc) + pc + `*)*` + pe + `)|(?:` + pc + `+/)`
	return `^/(?:` + unit + `)*`
}

// matchMastodonQuery matches Mastodon's query at t[i] == '?': query
// characters up to the last query-ending one, by code point.
func matchMastodonQuery(t []uint16, i int) int {
	end := i
	for j := i + 1; j < len(t); {
		r, n := rune(t[j]), 1
		if j+1 < len(t) && t[j] >= 0xD800 && t[j] <= 0xDBFF && t[j+1] >= 0xDC00 && t[j+1] <= 0xDFFF {
			r, n = (rune(t[j])-0xD800)<<10+(rune(t[j+1])-0xDC00)+0x10000, 2
		}
		if !mastodonQueryChar(r) {
			break
		}
		j += n
		if mastodonQueryEnd(r) {
			end = j
		}
	}
	return end
}

// mastodonQueryChar is Mastodon's valid_url_query_chars: ASCII letters,
// digits and !?*'();:&=+$/%#[]-_.,~|@^, and its UCHARS.
func mastodonQueryChar(r rune) bool {
	if r < 0x80 {
		return mastodonQueryASCII[r]&1 != 0
	}
	return isUChar(r)
}

// mastodonQueryEnd is Mastodon's valid_url_query_ending_chars: ASCII
// letters, digits and _&=#/-, and its UCHARS.
func mastodonQueryEnd(r rune) bool {
	if r < 0x80 {
		return mastodonQueryASCII[r]&2 != 0
	}
	return isUChar(r)
}

// mastodonQueryASCII marks ASCII query characters (1) and query-ending
// characters (2).
var mastodonQueryASCII = func() (t [0x80]uint8) {
	for c := range t {
		r := rune(c)
		alnum := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
		if alnum || strings.ContainsRune("!?*'();:&=+$/%#[]-_.,~|@^", r) {
			t[c] |= 1
		}
		if alnum || strings.ContainsRune("_&=#/-", r) {
			t[c] |= 2
		}
	}
	return t
}()

// isUChar reports the code points Mastodon's UCHARS allows in a query:
// RFC 3987's ucschar and iprivate.
func isUChar(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xF8FF, r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFEF:
		return true
	case r >= 0x10000 && r <= 0x10FFFD:
		if r >= 0xE0000 && r <= 0xE0FFF {
			return false // E0000–E0FFF are left out; E1000–EFFFD are in
		}
		return r&0xFFFF <= 0xFFFD
	}
	return false
}
