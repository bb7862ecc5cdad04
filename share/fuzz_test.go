package share

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/sanitize"
	"github.com/broadsheet/broadsheet/share/count"
	"github.com/stretchr/testify/require"
)

// FuzzCompose: for any headline, standfirst and hashtags, every post is
// within its network's limit in the network's own unit (measured again
// here), keeps the destination URL whole, and is valid UTF-8; every link
// parses, has no '+' or raw space, and its query values have no line
// breaks outside an email body.
func FuzzCompose(f *testing.F) {
	f.Add("Kestrel Bay switches off its seafront face-scanning cameras", "Councillors voted 7–4.", "KestrelBay,LocalNews", uint16(500))
	f.Add("“Fish & chips” tax? #NoWay & 50% + more 🐟🇬🇧 — \"final\"", "Line\r\nbreak", "#Fish&Chips,مرفأ", uint16(40))
	f.Add(strings.Repeat("👩🏽\u200d🚀", 200), strings.Repeat("x", 5000), "a,b,c", uint16(30))
	f.Add("e\u0301\u0301\u0301 क्षत्रिय https://t.co/abc example.com", "", "", uint16(24))
	f.Add("Mayor \u2067מרים\u2069 \u202Eevil "+strings.Repeat("\u202A", 3)+"x", "\u2069\u202C", "a", uint16(60))
	f.Fuzz(func(t *testing.T, head, standfirst, tags string, mastodonLimit uint16) {
		a := sample.Article()
		a.SocialHeadline = head
		a.Headline = head
		a.Standfirst = standfirst
		a.Hashtags = strings.Split(tags, ",")
		opts := Options{Mastodon: MastodonOptions{MaxCharacters: int(mastodonLimit)}}
		for _, n := range PostNetworks() {
			p, err := Compose(a, n, opts)
			if err != nil {
				var tl *TooLongError
				if n == Mastodon && errorsAs(err, &tl) && tl.Length > tl.Limit {
					continue // a limit below the URL's own length
				}
				if n == Threads && errorsIs(err, ErrTooManyLinks) {
					continue
				}
				require.FailNowf(t, "failed", "Compose(%s): %v", n, err)
			}
			require.True(t, utf8.ValidString(p.Text), "%s: invalid UTF-8 %q", n, p.Text)
			require.Equal(t, balanceBidi(p.Text), p.Text, "%s: unbalanced bidi controls", n)
			var got int
			switch n {
			case X:
				got = count.X(p.Text).WeightedLength
				require.True(t, count.X(p.Text).Valid, "x: count.X says invalid: %q", p.Text)
			case Bluesky:
				got = sanitize.Graphemes(p.Text)
				require.False(t, len(p.Text) > count.BlueskyByteLimit, "bluesky: %d bytes", len(p.Text))
			case Mastodon:
				got = count.Mastodon(p.Text)
			case Threads:
				got = count.Threads(p.Text)
			case Telegram:
				got = count.Telegram(p.Text)
			default:
				got = count.UTF16(p.Text)
			}
			require.False(t, got != p.Length || got > p.Limit, "%s: length %d (reported %d), limit %d: %q", n, got, p.Length, p.Limit, p.Text)
			switch n {
			case Facebook, LinkedIn:
			case Telegram:
				require.True(t, strings.Contains(p.Text, telegramEscape(p.URL)), "telegram: URL not whole in %q", p.Text)
			default:
				require.True(t, strings.Contains(p.Text, p.URL), "%s: URL not whole in %q", n, p.Text)
			}
		}
		links, _ := Links(a, Options{Networks: AllNetworks()})
		for _, l := range links {
			if l.Network == CopyLink {
				continue
			}
			require.False(t, strings.ContainsAny(l.Href, "+ \r\n"), "%s: bad href %q", l.Network, l.Href)
			require.LessOrEqual(t, len(l.Href), MaxLinkLength, "%s: link length", l.Network)
			u, err := url.Parse(l.Href)
			require.NoError(t, err, "%s", l.Network)
			q, err := url.ParseQuery(u.RawQuery)
			require.NoError(t, err, "%s", l.Network)
			for k, vs := range q {
				for _, v := range vs {
					require.False(t, !(l.Network == Email && k == "body") && strings.ContainsAny(v, "\r\n"), "%s: %s has a line break: %q", l.Network, k, v)
					require.Equal(t, balanceBidi(v), v, "%s: %s has unbalanced bidi controls", l.Network, k)
				}
			}
		}
	})
}

// FuzzBalanceBidi: balanceBidi only removes bidirectional controls (from
// valid UTF-8; invalid bytes become U+FFFD), keeps every other character,
// and leaves nothing it would remove again.
func FuzzBalanceBidi(f *testing.F) {
	for _, s := range []string{"a\u202Eb", "\u2067a\u202Bb\u2069c\u202C", "\u2069\u2066x", "plain", "\xff\u202A"} {
		f.Add(s)
	}
	stripAll := func(s string) string {
		return strings.Map(func(r rune) rune {
			if isBidiControl(r) {
				return -1
			}
			return r
		}, s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := balanceBidi(s)
		require.Equal(t, b, balanceBidi(b), "balanceBidi(%q) is not stable", s)
		if utf8.ValidString(s) {
			require.LessOrEqual(t, len(b), len(s))
		} else if hasBidiControl(s) {
			s = strings.ToValidUTF8(s, "\uFFFD") // as balanceBidi does first
		}
		require.Equal(t, stripAll(s), stripAll(b), "balanceBidi(%q) changed more than controls", s)
	})
}

// FuzzBlueskyFacets: every facet is in bounds, cuts no character, and its
// bytes are its link, or '#' plus its tag.
func FuzzBlueskyFacets(f *testing.F) {
	for _, s := range []string{"a #tag https://x.example/a.", "日本語＃速報 https://e.jp/記事", "$GOOG (https://a.example/b)", "#\uFE0Fx #123 #a_b",
		"see example.com/a, httpbin.org and HTTP://x.com (news.example.co.uk)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, fc := range BlueskyFacets(s, nil) {
			st, en := fc.Index.ByteStart, fc.Index.ByteEnd
			require.False(t, st < 0 || en <= st || en > len(s) || !utf8.ValidString(s[st:en]), "BlueskyFacets(%q): bad index %+v", s, fc.Index)
			ft := fc.Features[0]
			switch ft.Type {
			case blueskyLinkType:
				// A domain without a scheme links to https:// + the text.
				require.False(t, s[st:en] != ft.URI && "https://"+s[st:en] != ft.URI, "link %q != %q", s[st:en], ft.URI)
			case blueskyTagType:
				if strings.HasPrefix(s[st:en], "$") {
					require.True(t, strings.EqualFold(s[st:en], ft.Tag), "cashtag %q != %q", s[st:en], ft.Tag)
				} else if s[st:en] != "#"+ft.Tag && s[st:en] != "＃"+ft.Tag {
					require.FailNowf(t, "failed", "tag %q != %q", s[st:en], ft.Tag)
				}
			}
		}
	})
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }
func errorsIs(err, target error) bool     { return errors.Is(err, target) }

// FuzzOneLine: the check that lets oneLine return its input only passes
// text that collapsing leaves unchanged, and collapsing always gives text
// that passes it.
func FuzzOneLine(f *testing.F) {
	for _, s := range []string{"", "a b", " a", "a  b", "a\tb", "a\u00a0b", "a\u2028b", "\ufeffa", "a\xffb", "x\u0085", "é ü"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := collapseLine(s)
		require.False(t, isOneLine(s) && c != s, "isOneLine(%q) but collapseLine gives %q", s, c)
		require.True(t, isOneLine(c), "collapseLine(%q) = %q, which isOneLine rejects", s, c)
	})
}
