package share

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/golden"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/sanitize"
	"github.com/broadsheet/broadsheet/share/count"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// measure returns text's length in n's unit, counted independently of the
// meter the fitter used.
func measure(t *testing.T, n Network, text string) int {
	t.Helper()
	switch n {
	case X:
		return count.X(text).WeightedLength
	case Bluesky:
		g, _ := count.Bluesky(text)
		return g
	case Mastodon:
		return count.Mastodon(text)
	case Threads:
		return count.Threads(text)
	case Telegram:
		return count.Telegram(text)
	default:
		return count.UTF16(text)
	}
}

func checkPost(t *testing.T, p Post) {
	t.Helper()
	assert.True(t, utf8.ValidString(p.Text), "%s: invalid UTF-8", p.Network)
	assert.LessOrEqual(t, p.Length, p.Limit, "%s: %q", p.Network, p.Text)
	assert.Equal(t, measure(t, p.Network, p.Text), p.Length, "%s: length of %q", p.Network, p.Text)
	if p.Network == Bluesky {
		assert.LessOrEqual(t, len(p.Text), count.BlueskyByteLimit)
	}
	if p.Network == X {
		assert.True(t, count.X(p.Text).Valid, "X refuses %q", p.Text)
	}
	switch p.Network {
	case Facebook, LinkedIn:
		assert.NotContains(t, p.Text, p.URL)
	case Telegram:
		assert.Contains(t, p.Text, telegramEscape(p.URL))
	default:
		assert.Contains(t, p.Text, p.URL, "%s: URL kept whole", p.Network)
	}
}

func TestPostsGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		a    *article.Article
	}{{"sample", sample.Article()}, {"hostile", hostileArticle()}, {"long", longArticle()}} {
		posts, err := Posts(tc.a, Options{})
		require.NoError(t, err, tc.name)
		require.Len(t, posts, len(PostNetworks()))
		for _, p := range posts {
			checkPost(t, p)
		}
		out, err := marshalIndent(posts)
		require.NoError(t, err)
		golden.Assert(t, "posts-"+tc.name+".json", out)
	}
}

func TestFitOrder(t *testing.T) {
	a := sample.Article()
	a.Hashtags = []string{"KestrelBay", "LocalNews", "Privacy"}
	// A Mastodon instance with a tiny limit shows the order: hashtags go
	// first (last one first), then the headline is cut on a word.
	head := a.SocialTitle()
	url := "https://news.example.com/local/kestrel-bay-camera-vote?utm_source=mastodon&utm_medium=social&utm_campaign=share"
	full := sanitize.Graphemes(head) + 1 + count.MastodonURLLength
	tests := []struct {
		limit    int
		wantTags []string
		wantHead string
	}{
		{full + len(" #KestrelBay #LocalNews #Privacy"), []string{"KestrelBay", "LocalNews", "Privacy"}, head},
		{full + len(" #KestrelBay #LocalNews"), []string{"KestrelBay", "LocalNews"}, head},
		{full + len(" #KestrelBay"), []string{"KestrelBay"}, head},
		{full, nil, head},
		{full - 1, nil, "Kestrel Bay switches off its seafront face-scanning…"},
		{1 + count.MastodonURLLength + len("Kestrel…"), nil, "Kestrel…"},
		{count.MastodonURLLength, nil, ""},
	}
	for _, tt := range tests {
		p, err := Compose(a, Mastodon, Options{Mastodon: MastodonOptions{MaxCharacters: tt.limit}})
		require.NoError(t, err, "limit %d", tt.limit)
		assert.Equal(t, tt.wantTags, p.Hashtags, "limit %d", tt.limit)
		assert.Equal(t, tt.wantHead, p.Headline, "limit %d", tt.limit)
		assert.Contains(t, p.Text, url)
		checkPost(t, p)
	}
	_, err := Compose(a, Mastodon, Options{Mastodon: MastodonOptions{MaxCharacters: count.MastodonURLLength - 1}})
	var tl *TooLongError
	require.ErrorAs(t, err, &tl)
	assert.Equal(t, count.MastodonURLLength, tl.Length)
	assert.ErrorIs(t, err, ErrTooLong)
}

func TestFitDropsSummaryBeforeHeadline(t *testing.T) {
	a := sample.Article()
	a.Standfirst = strings.Repeat("Word ", 1000)
	p, err := Compose(a, LinkedIn, Options{})
	require.NoError(t, err)
	assert.False(t, p.Summary)
	assert.Nil(t, p.Hashtags)
	assert.Equal(t, a.SocialTitle(), p.Headline)
	checkPost(t, p)
}

func TestComposeNoPost(t *testing.T) {
	_, err := Compose(sample.Article(), Reddit, Options{})
	assert.ErrorIs(t, err, ErrNoPost)
}

func TestTelegram(t *testing.T) {
	assert.Equal(t, "a &amp; b &lt;i&gt;", telegramEscape("a & b <i>"))

	m, err := NewTelegramMessage(hostileArticle(), Options{}, "@kestrelcourier")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(m.Text, "<b>Fish &amp; chips tax"), m.Text)
	assert.NotContains(t, strings.ReplaceAll(strings.ReplaceAll(m.Text, "<b>", ""), "</b>", ""), "<")
	_, err = NewTelegramMessage(sample.Article(), Options{}, "")
	assert.ErrorIs(t, err, ErrMissingField)

	a := longArticle()
	a.Standfirst = strings.Repeat("Long standfirst sentence. ", 60)
	ph, err := NewTelegramPhoto(a, Options{}, "-100123")
	require.NoError(t, err)
	assert.LessOrEqual(t, count.Telegram(ph.Caption), count.TelegramCaptionLimit)
	a.Image = nil
	_, err = NewTelegramPhoto(a, Options{}, "-100123")
	assert.ErrorIs(t, err, ErrMissingImage)
}

func TestEscapeLittleText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, fine.", "plain text, fine."},
		{"a_b", `a\_b`},
		{"(see) [x] {y} <z> #t *s* ~u~ @m |p| \\", `\(see\) \[x\] \{y\} \<z\> \#t \*s\* \~u\~ \@m \|p\| \\`},
		{"“quotes” & emoji 🐟", "“quotes” & emoji 🐟"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, EscapeLittleText(tt.in), "EscapeLittleText(%q)", tt.in)
	}
}

func TestAPIBodiesGolden(t *testing.T) {
	created := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		a    *article.Article
	}{{"sample", sample.Article()}, {"hostile", hostileArticle()}} {
		a := tc.a
		fb, err := NewFacebookFeed(a, Options{}, FacebookSchedule{})
		require.NoError(t, err)
		xt, err := NewXTweet(a, Options{})
		require.NoError(t, err)
		require.NoError(t, xt.Validate())
		bs, err := NewBlueskyPost(a, Options{}, BlueskyOptions{CreatedAt: created, DIDs: map[string]string{"mara.news.example.com": "did:plc:maraexample"}})
		require.NoError(t, err)
		ms, err := NewMastodonStatus(a, Options{})
		require.NoError(t, err)
		li, err := NewLinkedInPost(a, Options{}, "urn:li:organization:5515715")
		require.NoError(t, err)
		th, err := NewThreadsContainer(a, Options{})
		require.NoError(t, err)
		tg, err := NewTelegramMessage(a, Options{}, "@kestrelcourier")
		require.NoError(t, err)
		tp, err := NewTelegramPhoto(a, Options{}, "@kestrelcourier")
		require.NoError(t, err)
		all := map[string]any{
			"facebook": fb, "x": xt, "bluesky": bs, "mastodon": ms, "mastodon_idempotency_key": ms.IdempotencyKey,
			"linkedin": li, "threads": th, "threads_publish": ThreadsPublish{CreationID: "1789"},
			"telegram_message": tg, "telegram_photo": tp,
		}
		out, err := marshalIndent(all)
		require.NoError(t, err)
		golden.Assert(t, "api-"+tc.name+".json", out)
	}
}

func TestFacebookSchedule(t *testing.T) {
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		ahead time.Duration
		ok    bool
	}{
		{9 * time.Minute, false}, {10 * time.Minute, true}, {24 * time.Hour, true},
		{30 * 24 * time.Hour, true}, {30*24*time.Hour + time.Second, false}, {-time.Hour, false},
	}
	for _, tt := range tests {
		f, err := NewFacebookFeed(sample.Article(), Options{}, FacebookSchedule{At: now.Add(tt.ahead), Now: now})
		if !tt.ok {
			assert.ErrorIs(t, err, ErrSchedule, "ahead %s", tt.ahead)
			continue
		}
		require.NoError(t, err, "ahead %s", tt.ahead)
		require.NotNil(t, f.Published)
		assert.False(t, *f.Published)
		assert.Equal(t, now.Add(tt.ahead).Unix(), f.ScheduledPublishTime)
		assert.Equal(t, "false", f.Form().Get("published"))
	}
}

func TestLinkedInAuthor(t *testing.T) {
	_, err := NewLinkedInPost(sample.Article(), Options{}, "")
	assert.ErrorIs(t, err, ErrMissingField)
	p, err := NewLinkedInPost(sample.Article(), Options{}, "urn:li:person:abc")
	require.NoError(t, err)
	assert.Contains(t, p.Commentary, `{hashtag|\#|KestrelBay}`)
	assert.Equal(t, "2.0.0", LinkedInHeaders("202611").Get("X-Restli-Protocol-Version"))
}

func TestIdempotencyKey(t *testing.T) {
	k := IdempotencyKey("a", Mastodon, "text")
	assert.Len(t, k, 64)
	assert.Equal(t, k, IdempotencyKey("a", Mastodon, "text"))
	assert.NotEqual(t, k, IdempotencyKey("a", Mastodon, "text2"))
	assert.NotEqual(t, k, IdempotencyKey("a", X, "text"))
	assert.NotEqual(t, IdempotencyKey("ab", Mastodon, "c"), IdempotencyKey("a", Mastodon, "bc"))
}

func TestXTweetValidate(t *testing.T) {
	assert.Error(t, XTweet{}.Validate())
	assert.Error(t, XTweet{Text: "a", Media: &XMedia{MediaIDs: []string{"1"}}, QuoteTweetID: "2"}.Validate())
	err := XTweet{Text: strings.Repeat("a", 281)}.Validate()
	assert.True(t, errors.Is(err, ErrTooLong))
}

// TestBlueskyFacetOffsets checks facet offsets on emoji, CJK, ZWJ and RTL
// text by slicing the UTF-8 bytes: each link facet's slice is its URI and
// each tag facet's slice is '#' (or '＃') plus its tag.
func TestBlueskyFacetOffsets(t *testing.T) {
	heads := []string{
		"👩🏽\u200d🚀 astronaut #Space lands 🇬🇧",
		"日本語のニュース＃速報 https://example.jp/記事 です",
		"مرفأ كستريل #مرفأ يغلق الكاميرات",
		"family 👨\u200d👩\u200d👧\u200d👦 #Family\u200dDay (https://example.com/a_(b)) done.",
		"e\u0301te\u0301 #Café, then https://example.com/x.",
		"$GOOG up; #\ufe0f⃣ not a tag; #123 neither; @mara.news.example.com says",
	}
	dids := map[string]string{"mara.news.example.com": "did:plc:mara"}
	for _, h := range heads {
		a := hostileArticle()
		a.SocialHeadline = h
		rec, err := NewBlueskyPost(a, Options{}, BlueskyOptions{DIDs: dids, CreatedAt: time.Unix(0, 0)})
		require.NoError(t, err)
		text := rec.Record.Text
		require.NotEmpty(t, rec.Record.Facets)
		prev := -1
		for _, f := range rec.Record.Facets {
			s, e := f.Index.ByteStart, f.Index.ByteEnd
			require.True(t, 0 <= s && s < e && e <= len(text), "%q: facet %d..%d", text, s, e)
			assert.GreaterOrEqual(t, s, prev, "sorted")
			prev = s
			slice := text[s:e]
			assert.True(t, utf8.ValidString(slice), "%q: facet cuts a character", slice)
			ft := f.Features[0]
			switch ft.Type {
			case blueskyLinkType:
				assert.Equal(t, ft.URI, slice)
			case blueskyTagType:
				if strings.HasPrefix(ft.Tag, "$") {
					assert.Equal(t, ft.Tag, strings.ToUpper(slice))
				} else {
					assert.Contains(t, []string{"#" + ft.Tag, "＃" + ft.Tag}, slice)
				}
				assert.NotContains(t, ft.Tag, "#")
			case blueskyMentionType:
				assert.Equal(t, "@mara.news.example.com", slice)
				assert.Equal(t, "did:plc:mara", ft.DID)
			}
		}
		// The article URL always has its link facet.
		found := false
		for _, f := range rec.Record.Facets {
			found = found || f.Features[0].URI == rec.Record.Embed.External.URI
		}
		assert.True(t, found, "%q: no facet for the article link", text)
	}
}

// TestComposeManyHashtags: with thousands of hashtags each post keeps the
// most that fit, in order (one more would not fit), up to the first
// maxTags, and fitting stays cheap (it measured the post once per tag
// before).
func TestComposeManyHashtags(t *testing.T) {
	a := sample.Article()
	a.Hashtags = nil
	for i := range 5000 {
		a.Hashtags = append(a.Hashtags, "Tag"+strings.Repeat("x", i%7))
	}
	for _, n := range PostNetworks() {
		p, err := Compose(a, n, Options{})
		require.NoError(t, err, "%s", n)
		checkPost(t, p)
		if n == Threads || n == Facebook {
			continue // no hashtags in the text; Facebook has room for all
		}
		require.NotEmpty(t, p.Hashtags, "%s", n)
		k := len(p.Hashtags)
		require.LessOrEqual(t, k, maxTags, "%s kept more than maxTags", n)
		assert.Equal(t, a.Hashtags[:k], p.Hashtags, "%s: tags out of order", n)
		if k == maxTags {
			continue // room for more, but share uses no more
		}
		last := "#" + p.Hashtags[k-1]
		at := strings.LastIndex(p.Text, last) + len(last)
		one := p.Text[:at] + " #" + a.Hashtags[k] + p.Text[at:]
		m, _ := (&source{}).meterFor(n, &Options{})
		assert.Greater(t, m.count(one), m.limit, "%s: one more tag would still fit", n)
	}
}

// TestBlueskyLinksWithoutScheme follows @atproto/api's detectFacets on
// domains written without a scheme, quirks included.
func TestBlueskyLinksWithoutScheme(t *testing.T) {
	require.True(t, slices.IsSorted(blueskyTLDs[:]), "blueskyTLDs must be sorted for binary search")
	tests := []struct {
		text string
		want []string // "slice => uri"
	}{
		{"read example.com/a, now", []string{"example.com/a => https://example.com/a"}},
		{"(news.example.co.uk)", []string{"news.example.co.uk => https://news.example.co.uk"}},
		{"httpbin.org/get", []string{"httpbin.org/get => httpbin.org/get"}}, // starts "http": kept as written
		{"Example.org and example.COM", []string{"Example.org => https://Example.org"}},
		{"x.notatld e.g. a@b.com", nil},
		{"HTTP://upper.com", nil}, // the scheme alternative matches first, then is refused
		{"https://a.example/x example.net", []string{"https://a.example/x => https://a.example/x", "example.net => https://example.net"}},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range BlueskyFacets(tt.text, nil) {
			if ft := f.Features[0]; ft.Type == blueskyLinkType {
				got = append(got, tt.text[f.Index.ByteStart:f.Index.ByteEnd]+" => "+ft.URI)
			}
		}
		assert.Equal(t, tt.want, got, "%q", tt.text)
	}
}
