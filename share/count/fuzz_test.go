package count

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/sanitize"
	"github.com/stretchr/testify/require"
)

// FuzzGraphemes: the count with its ASCII fast path is sanitize.Graphemes.
func FuzzGraphemes(f *testing.F) {
	for _, s := range []string{"", "a\r\nb", "\r\r\n\n", "e\u0301", "👩🏽\u200d🚀", "abc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		require.Equal(t, sanitize.Graphemes(s), graphemeCount(s), "graphemeCount(%q), want sanitize.Graphemes", s)
	})
}

// FuzzX: X never panics; URL spans are ordered, disjoint and in
// bounds; the result is self-consistent.
func FuzzX(f *testing.F) {
	for _, s := range []string{"Hi http://test.co", "😷👾😡🔥💩", "☺\uFE0E", "a.b.c.com/(x)?q=1", "test.みんなtest.みんな", "\uFEFF", "http://xn--bcher-kva.ch"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := X(s)
		require.False(t, r.WeightedLength < 0 || r.Valid != (r.Valid && r.WeightedLength > 0 && r.WeightedLength <= XLimit), "X(%q) = %+v", s, r)
		t16 := toUTF16(nfc(s), false)
		prev := 0
		for _, sp := range extractURLs(t16) {
			require.False(t, sp.start < prev || sp.end <= sp.start || sp.end > len(t16), "extractURLs(%q): bad span %+v after %d", s, sp, prev)
			prev = sp.end
		}
	})
}

// FuzzTelegram: escaping then parsing gives back the text's length.
func FuzzTelegram(f *testing.F) {
	f.Add("a & b <i> &amp;")
	f.Add("<b>x</b> &#x1F600; &lt &#99999999; <unclosed")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		require.Equal(t, UTF16(s), Telegram(telegramEscaper.Replace(s)), "Telegram(escape(%q)), want UTF16(%[1]q)", s)
		// Any HTML, escaped or not: the count without building the text
		// equals the length of the text built.
		require.Equal(t, UTF16(telegramText(s)), Telegram(s), "Telegram(%q), want the length of the text it stands for", s)
	})
}

// telegramEscaper escapes text for Telegram as share does.
var telegramEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// telegramText is the oracle for Telegram: it strips tags and decodes the references Telegram supports.
func telegramText(html string) string {
	var b strings.Builder
	for i := 0; i < len(html); {
		c := html[i]
		switch c {
		case '<':
			j := strings.IndexByte(html[i:], '>')
			if j < 0 {
				b.WriteString(html[i:])
				return b.String()
			}
			i += j + 1
		case '&':
			j := strings.IndexByte(html[i:], ';')
			if j > 1 {
				if r, ok := telegramRef(html[i+1 : i+j]); ok {
					b.WriteString(r)
					i += j + 1
					continue
				}
			}
			b.WriteByte(c)
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// FuzzMastodon: every URL Mastodon's rules find starts with a scheme
// and "://" and lies on character boundaries; the countable text is valid
// UTF-8; text with no "://" and no at sign counts its graphemes.
func FuzzMastodon(f *testing.F) {
	for _, s := range []string{"see https://example.com/a_(b)?q=日本 @mara@host.org", "xhttps://a.com", "gemini://x.org/", "@a.b@c.d://", "(https://e.com/a)."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var x xScratch
		for _, e := range x.appendMastodonURLs(nil, s) {
			require.False(t, e.start < 0 || e.end <= e.start || e.end > len(s) || !utf8.ValidString(s[e.start:e.end]), "URL %d..%d in %q", e.start, e.end, s)
			scheme, _, ok := strings.Cut(s[e.start:e.end], "://")
			require.False(t, !ok || !slices.Contains(mastodonSchemes, strings.ToLower(scheme)), "URL %q in %q has no scheme", s[e.start:e.end], s)
		}
		c := x.mastodonCountable(s)
		require.True(t, utf8.ValidString(c), "countable text of %q is invalid UTF-8: %q", s, c)
		require.False(t, !strings.Contains(s, "://") && !strings.ContainsAny(s, "@＠") && strings.TrimSpace(s) != "" && Mastodon(s) != graphemeCount(s), "Mastodon(%q) = %d, want %d graphemes", s, Mastodon(s), graphemeCount(s))
	})
}
