package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/stretchr/testify/assert"
)

func TestTruncate(t *testing.T) {
	const family = "👩‍👩‍👧‍👦" // one ZWJ sequence, 7 code points
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"fits", "Hello world", 11, "Hello world"},
		{"fits exactly unchanged even if unclean", "  a  ", 5, "  a  "},
		{"zero", "Hello", 0, ""},
		{"negative", "Hello", -3, ""},
		{"one is the ellipsis", "Hello world", 1, "…"},
		{"word boundary", "Hello brave new world", 16, "Hello brave new…"},
		{"word boundary before a space", "Hello brave new world", 17, "Hello brave new…"},
		{"word boundary drops partial word", "Hello brave new world", 14, "Hello brave…"},
		{"trailing comma trimmed", "Councillors voted, then left the hall", 20, "Councillors voted…"},
		{"dash trimmed", "Seven votes — four against the motion", 15, "Seven votes…"},
		{"opening quote trimmed", "She said “we will act” today", 11, "She said…"},
		{"long word falls back to graphemes", "Supercalifragilistic is long", 10, "Supercali…"},
		{"hyphen is a break", "state-of-the-art cameras", 12, "state-of…"},
		{"CJK cuts between ideographs", "今日は晴れです。明日は雨でしょう。", 8, "今日は晴れで…"}, // no break before 。
		{"CJK full stop trimmed", "今日は晴れです。明日は雨でしょう。", 9, "今日は晴れです…"},
		{"Thai without spaces", "ภาษาไทยไม่มีช่องว่าง", 6, "ภาษาไ…"},
		{"ZWJ sequence kept whole", strings.Repeat(family, 5), 3, family + family + "…"},
		{"flags kept whole", "🇬🇧🇫🇷🇩🇪🇮🇹", 3, "🇬🇧🇫🇷…"},
		{"combining marks kept", "e\u0301e\u0301e\u0301e\u0301", 3, "e\u0301e\u0301…"},
		{"Hangul jamo kept", "\u1100\u1161\u11a8\u1100\u1161\u11a8\u1100\u1161\u11a8", 2, "\u1100\u1161\u11a8…"},
		{"newline is white space", "first line\nsecond line", 12, "first line…"},
		{"punctuation only is kept, not cut to nothing", strings.Repeat(":", 40), 5, "::::…"},
		{"punctuation then a word: cut in the word", "—— —— Supercalifragilistic", 10, "—— —— Sup…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Truncate(tt.in, tt.max)
			assert.Equal(t, tt.want, got, "Truncate(%q, %d)", tt.in, tt.max)
			checkTruncated(t, tt.in, tt.max, got, Graphemes)
			assert.Equal(t, got, TruncateFunc(tt.in, tt.max, Graphemes), "TruncateFunc with Graphemes differs")
		})
	}
}

func bytesCount(s string) int { return len(s) }

func utf16Count(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// xLikeCount weighs code points the way X's v3 config does: 1 for Latin
// and general punctuation ranges, 2 for everything else (URLs ignored).
func xLikeCount(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r <= 4351, r >= 8192 && r <= 8205, r >= 8208 && r <= 8223, r >= 8242 && r <= 8247:
			n++
		default:
			n += 2
		}
	}
	return n
}

func TestTruncateFunc(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		max   int
		count Counter
		want  string
	}{
		{"bytes fits", "abc", 3, bytesCount, "abc"},
		{"bytes word cut", "Hello brave new world", 18, bytesCount, "Hello brave new…"},
		{"bytes multibyte", "café crème brûlée", 16, bytesCount, "café crème…"},
		{"bytes never splits a rune", "éééééé", 7, bytesCount, "éé…"},
		{"bytes ellipsis does not fit", "Hello", 2, bytesCount, ""},
		{"bytes only ellipsis", "Hello", 3, bytesCount, "…"},
		{"utf16 emoji", "ab😀😀😀😀", 5, utf16Count, "ab😀…"},
		{"X weights CJK double", "今日は晴れです。明日は雨でしょう。", 18, xLikeCount, "今日は晴れです…"},
		{"X weights ellipsis is 2", "Hello brave new world", 17, xLikeCount, "Hello brave new…"},
		{"X emoji sequence whole", "go 👩‍👩‍👧‍👦👩‍👩‍👧‍👦", 20, xLikeCount, "go 👩‍👩‍👧‍👦…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := TruncateFunc(tt.in, tt.max, tt.count)
			assert.Equal(t, tt.want, got, "TruncateFunc(%q, %d)", tt.in, tt.max)
			checkTruncated(t, tt.in, tt.max, got, tt.count)
		})
	}
}

// TestTruncateFuncNonAdditive uses a counter that charges extra for a
// trailing ellipsis: the answer must still fit.
func TestTruncateFuncNonAdditive(t *testing.T) {
	count := func(s string) int {
		n := utf8.RuneCountInString(s)
		if strings.HasSuffix(s, Ellipsis) {
			n += 5
		}
		return n
	}
	in := "one two three four five six seven"
	for max := 0; max < 40; max++ {
		got := TruncateFunc(in, max, count)
		checkTruncated(t, in, max, got, count)
	}
}

// TestTruncateCalls bounds how often TruncateFunc calls its counter.
func TestTruncateCalls(t *testing.T) {
	in := strings.Repeat("word ", 20000) // 100 KB
	calls := 0
	count := func(s string) int { calls++; return len(s) }
	got := TruncateFunc(in, 280, count)
	checkTruncated(t, in, 280, got, bytesCount)
	assert.LessOrEqual(t, calls, 2+2*20, "calls to count")
}

func TestTruncateAllocs(t *testing.T) {
	long := strings.Repeat("Councillors voted to end the trial. ", 20)
	assert.LessOrEqual(t, testing.AllocsPerRun(100, func() { _ = Truncate(long, 100) }), 1.0, "Truncate allocations (its result)")
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = Truncate("short", 100) }), "Truncate of fitting text allocations")
	assert.LessOrEqual(t, testing.AllocsPerRun(100, func() { _ = TruncateFunc(long, 100, bytesCount) }), 1.0, "TruncateFunc allocations (its result)")
}

func TestDescription(t *testing.T) {
	in := `<p>The council voted <strong>7&ndash;4</strong> to end the trial.</p><script>x()</script><p>Footage must be deleted.</p>`
	assert.Equal(t, "The council voted 7–4 to end the trial. Footage…", Description(in, 50))
	assert.Equal(t, "The council voted 7–4 to end the trial. Footage must be deleted.", Description(in, 200))
}

// checkTruncated asserts Truncate's contract: within budget, valid UTF-8,
// unchanged when it fits, else a prefix of in at a grapheme boundary plus
// the ellipsis.
func checkTruncated(t testing.TB, in string, max int, got string, count Counter) {
	t.Helper()
	if count(in) <= max {
		if got != in {
			t.Fatalf("truncate(%q, %d) = %q, want the input unchanged", in, max, got)
		}
		return
	}
	if got == "" {
		if count(Ellipsis) <= max {
			t.Fatalf("truncate(%q, %d) = \"\", but the ellipsis fits", in, max)
		}
		return
	}
	if n := count(got); n > max {
		t.Fatalf("truncate(%q, %d) = %q, length %d over budget", in, max, got, n)
	}
	if !utf8.ValidString(got) && utf8.ValidString(in) {
		t.Fatalf("truncate(%q, %d) = %q: invalid UTF-8", in, max, got)
	}
	prefix, ok := strings.CutSuffix(got, Ellipsis)
	if !ok || !strings.HasPrefix(in, prefix) {
		t.Fatalf("truncate(%q, %d) = %q: not a prefix plus ellipsis", in, max, got)
	}
	if !graphemeBoundary(in, len(prefix)) {
		t.Fatalf("truncate(%q, %d) = %q: splits a grapheme cluster", in, max, got)
	}
}

// graphemeBoundary reports whether offset i of s is a cluster boundary.
func graphemeBoundary(s string, i int) bool {
	if i == 0 || i == len(s) {
		return true
	}
	pos, state, rest := 0, -1, s
	for len(rest) > 0 && pos < i {
		var c string
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		pos += len(c)
	}
	return pos == i
}
