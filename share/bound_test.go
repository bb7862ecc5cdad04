package share

import (
	"errors"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// allocated returns the bytes f allocates (runtime.MemStats.TotalAlloc,
// so the count includes garbage), which bounds the work f does on a huge
// input without timing anything.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// hugeArticles are the red-team inputs of issue 16, generated here: a
// headline (and standfirst) of megabytes of combining marks, of bidi
// controls, of words, and of text without spaces, and thousands of long
// hashtags.
func hugeArticles() map[string]*article.Article {
	with := func(head, stand string, tags []string) *article.Article {
		a := sample.Article()
		a.SocialHeadline = head
		a.Headline = head
		a.Standfirst = stand
		if tags != nil {
			a.Hashtags = tags
		}
		return a
	}
	marks := "e" + strings.Repeat("\u0301", 3<<20)         // 6 MiB, one grapheme cluster
	bidi := strings.Repeat("\u202E\u2067", 3<<19)          // 9 MiB of overrides and isolates
	words := strings.Repeat("seafront cameras vote ", 3e5) // 6.6 MB of words
	cjk := strings.Repeat("港湾委员会投票", 3e5)                  // 6.3 MB without a space
	var tags []string
	for range 5000 {
		tags = append(tags, "Tag"+strings.Repeat("x", 1000))
	}
	return map[string]*article.Article{
		"combining marks":   with(marks, marks, nil),
		"bidi controls":     with("Council "+bidi+"vote", bidi, nil),
		"words":             with(words, words, nil),
		"no spaces":         with(cjk, cjk, nil),
		"thousands of tags": with("Council vote", "Standfirst", tags),
	}
}

// TestHugeTextIsBounded: every link of every network stays within
// MaxLinkLength, every post within its limit, and building all of them
// allocates a bounded amount whatever the size of the article's text
// (before the bounds a 6 MB headline made 18 MB links and a 9 MB one
// allocated gigabytes).
func TestHugeTextIsBounded(t *testing.T) {
	for name, a := range hugeArticles() {
		t.Run(name, func(t *testing.T) {
			var set Set
			var err error
			n := allocated(func() { set, err = Build(a, Options{Networks: AllNetworks()}) })
			require.NoError(t, err)
			t.Logf("Build allocated %d KB", n>>10)
			if !raceEnabled {
				assert.Less(t, n, uint64(4<<20), "bytes allocated by Build")
			}
			require.Len(t, set.Links, len(AllNetworks()))
			for _, l := range set.Links {
				assert.LessOrEqual(t, len(l.Href), MaxLinkLength, "%s link", l.Network)
				checkLinkText(t, l)
			}
			for _, p := range set.Posts {
				checkPost(t, p)
				assert.Equal(t, balanceBidi(p.Text), p.Text, "%s: unbalanced bidi controls", p.Network)
			}
		})
	}
}

// checkLinkText checks that every query value of l is valid UTF-8 with no
// unbalanced bidirectional control.
func checkLinkText(t *testing.T, l Link) {
	t.Helper()
	_, query, _ := strings.Cut(l.Href, "?")
	vals, err := url.ParseQuery(query)
	require.NoError(t, err, "%s: %s", l.Network, l.Href)
	for k, vs := range vals {
		for _, v := range vs {
			assert.True(t, utf8.ValidString(v), "%s: %s is invalid UTF-8", l.Network, k)
			assert.Equal(t, balanceBidi(v), v, "%s: %s has unbalanced bidi controls", l.Network, k)
		}
	}
}

// TestLinkLengthCutsText: links that would pass MaxLinkLength carry less
// text, cut on a word boundary with "…", standfirst before headline; the
// destination URL stays whole.
func TestLinkLengthCutsText(t *testing.T) {
	a := sample.Article()
	a.SocialHeadline = strings.TrimSpace(strings.Repeat("Promenade cameras switched off at midnight ", 90))    // 3.9 KB
	a.Standfirst = strings.TrimSpace(strings.Repeat("The audit found that one alert in three was wrong ", 80)) // 4 KB
	links, err := Links(a, Options{Networks: AllNetworks()})
	require.NoError(t, err)
	cut := 0
	for _, l := range links {
		assert.LessOrEqual(t, len(l.Href), MaxLinkLength, "%s", l.Network)
		checkLinkText(t, l)
		if l.Network == CopyLink {
			continue
		}
		_, query, _ := strings.Cut(l.Href, "?")
		vals, _ := url.ParseQuery(query)
		for k, vs := range vals {
			v := vs[0]
			if strings.HasSuffix(v, "…") {
				cut++
				words := strings.Fields(strings.TrimSuffix(v, "…"))
				last := words[len(words)-1]
				assert.Contains(t, []string{"Promenade", "cameras", "switched", "off", "at", "midnight", "The", "audit", "found",
					"that", "one", "alert", "in", "three", "was", "wrong"}, last, "%s %s cut inside a word", l.Network, k)
			}
		}
	}
	assert.Positive(t, cut, "no link had to be cut")

	email, err := LinkFor(a, Email, Options{})
	require.NoError(t, err)
	_, query, _ := strings.Cut(email.Href, "?")
	vals, _ := url.ParseQuery(query)
	assert.Equal(t, a.SocialHeadline, vals.Get("subject"), "the headline is whole: cutting the standfirst was enough")
	assert.True(t, strings.HasSuffix(vals.Get("body"), "\r\n\r\n"+a.URL+"?utm_source=email&utm_medium=email&utm_campaign=share"), "destination whole at the end of the body")
}

// TestLinkTooLongURL: a link whose URLs alone pass the bound is refused
// for that network alone; an article URL over maxURLBytes is refused.
func TestLinkTooLongURL(t *testing.T) {
	a := sample.Article()
	a.URL = "https://news.example.com/" + strings.Repeat("&", 2000) // 2025 bytes, 6 KB escaped
	links, err := Links(a, Options{Networks: AllNetworks()})
	require.Error(t, err)
	refused := map[Network]Unit{}
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var tl *TooLongError
		require.ErrorAs(t, e, &tl)
		refused[tl.Network] = tl.Unit
	}
	// Messenger's link names the URL twice. (The networks that count the
	// URL against their post limit refuse it too, as before: Bluesky,
	// Threads, and X and Mastodon, whose URL rules stop at the first '&'.)
	assert.Equal(t, UnitBytes, refused[Messenger])
	assert.NotContains(t, refused, Email, "the email link carries less text instead")
	assert.Equal(t, len(AllNetworks()), len(links)+len(refused))
	for _, l := range links {
		assert.LessOrEqual(t, len(l.Href), MaxLinkLength, "%s", l.Network)
	}

	a.URL = "https://news.example.com/" + strings.Repeat("a", maxURLBytes)
	_, err = Links(a, Options{})
	assert.ErrorIs(t, err, ErrInvalidURL)
	assert.EqualError(t, err, "share: url: invalid URL: 2073 bytes, over share's limit of 2048")
}

// TestCapText: the cut of a long text is within the bound, on a grapheme
// boundary of the whole text, whatever comes after the bound.
func TestCapText(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"short", "Council vote", 100, "Council vote"},
		{"words", "Council votes to switch off cameras", 20, "Council votes to…"},
		{"cluster across the bound", "ab " + "e" + strings.Repeat("\u0301", 50), 20, "ab…"},
		{"one huge cluster", "e" + strings.Repeat("\u0301", 5000), 100, "…"},
		{"flags", "🇬🇧🇬🇧🇬🇧", 12, "🇬🇧…"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, capText(tt.in, tt.max), "%s: capText(%q, %d)", tt.name, tt.in, tt.max)
	}
}

// TestBalanceBidi: unbalanced bidirectional controls go, balanced pairs
// stay.
func TestBalanceBidi(t *testing.T) {
	deep := strings.Repeat("\u202A", 130) + "x" + strings.Repeat("\u202C", 130)
	deepWant := strings.Repeat("\u202A", 125) + "x" + strings.Repeat("\u202C", 125)
	tests := []struct{ name, in, want string }{
		{"none", "Council vote", "Council vote"},
		{"balanced isolate", "Mayor \u2067מרים\u2069 says", "Mayor \u2067מרים\u2069 says"},
		{"balanced override", "a\u202Eb\u202Cc", "a\u202Eb\u202Cc"},
		{"unclosed override", "invoice\u202Efdp.exe", "invoicefdp.exe"},
		{"unclosed isolate", "a\u2068b", "ab"},
		{"stray PDF", "a\u202Cb", "ab"},
		{"stray PDI", "a\u2069b", "ab"},
		{"PDF cannot close an isolate", "\u2067a\u202C\u2069", "\u2067a\u2069"},
		{"PDI closes an embedding", "\u2067a\u202Bb\u2069c", "\u2067ab\u2069c"},
		{"nested", "\u2066\u202Ba\u202C\u2069", "\u2066\u202Ba\u202C\u2069"},
		{"crossed", "\u202Ba\u2067b\u202Cc\u2069", "a\u2067bc\u2069"},
		{"deeper than 125", deep, deepWant},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, balanceBidi(tt.in), "%s: balanceBidi(%q)", tt.name, tt.in)
	}
}

// TestBidiInPostsAndLinks: an unclosed override in a headline reaches no
// post or link; a balanced isolate does, and so does its closing PDI when
// the headline is cut inside it.
func TestBidiInPostsAndLinks(t *testing.T) {
	a := sample.Article()
	a.SocialHeadline = "Council vote \u202Eevil.exe"
	a.Standfirst = "Mayor \u2067מרים כהן\u2069 says yes"
	set, err := Build(a, Options{Networks: AllNetworks()})
	require.NoError(t, err)
	for _, p := range set.Posts {
		assert.NotContains(t, p.Text, "\u202E", "%s", p.Network)
		if p.Summary {
			assert.Contains(t, p.Text, "\u2067מרים כהן\u2069", "%s", p.Network)
		}
	}
	for _, l := range set.Links {
		checkLinkText(t, l)
		assert.NotContains(t, l.Href, "%E2%80%AE", "%s", l.Network)
	}
	assert.Equal(t, "Council vote evil.exe", set.WebShare.Title)

	// A long headline whose isolate the X post must cut.
	a.SocialHeadline = "Harbour vote: \u2067" + strings.Repeat("מרים כהן ", 60) + "\u2069 wins"
	p, err := Compose(a, X, Options{})
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(p.Headline, "…"), p.Headline)
	assert.Equal(t, balanceBidi(p.Text), p.Text)
	assert.NotContains(t, p.Text, "\u2067", "the isolate was cut open, so it goes")
}

// FuzzHugeText: any piece of text repeated into a headline, standfirst and
// hashtag of up to 4 MB gives links within MaxLinkLength and posts within
// their limits, and building them all allocates a bounded amount (under
// 3 MB here, against up to 12 MB of input: work proportional to the input
// would show).
func FuzzHugeText(f *testing.F) {
	f.Add("e\u0301\u0301", uint32(1<<20))
	f.Add("\u202E\u2067 word", uint32(1<<19))
	f.Add("港湾", uint32(1<<18))
	f.Add("https://a.example/ ", uint32(1<<16))
	f.Add("👩🏽\u200d🚀", uint32(1<<17))
	f.Fuzz(func(t *testing.T, piece string, size uint32) {
		if piece == "" {
			return
		}
		size %= 4 << 20
		text := strings.Repeat(piece, int(size)/len(piece)+1)
		a := sample.Article()
		a.SocialHeadline, a.Standfirst = text, text
		a.Hashtags = []string{text, "Kestrel"}
		var set Set
		var err error
		n := allocated(func() { set, err = Build(a, Options{Networks: AllNetworks()}) })
		if !raceEnabled {
			require.Less(t, n, uint64(3<<20), "bytes allocated for %d bytes of %q", len(text), piece)
		}
		for _, l := range set.Links {
			require.LessOrEqual(t, len(l.Href), MaxLinkLength, "%s", l.Network)
		}
		for _, p := range set.Posts {
			require.LessOrEqual(t, p.Length, p.Limit, "%s", p.Network)
			require.True(t, utf8.ValidString(p.Text), "%s", p.Network)
		}
		if err != nil {
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				// A text of many links is too many for Threads, and one
				// of dotted labels may be a URL too long for a network.
				var tl *TooLongError
				if !errors.Is(e, ErrTooManyLinks) && !errors.As(e, &tl) {
					require.NoError(t, e)
				}
			}
		}
	})
}
