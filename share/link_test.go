package share

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/golden"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/share/count"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileArticle is an original test article whose text tries every way to
// break a link: quotes, ampersands, '#' and '&' in the headline, '+',
// percent signs, emoji, right-to-left text, line breaks, and a URL that
// already has a query and a fragment.
func hostileArticle() *article.Article {
	a := sample.Article()
	a.ID = "harbour-q&a"
	a.URL = "https://news.example.com/local/harbour-q%26a?ref=front&x=1+2#live"
	a.Headline = "“Fish & chips” tax? Council says #NoWay & 50% + more 🐟🇬🇧 — \"final\" 'offer'"
	a.SocialHeadline = "Fish & chips tax #2: مرفأ كستريل says 50% + more 🐟👩🏽\u200d🚀 «no»\r\nBcc: victim@example.org"
	a.Standfirst = "Line one\r\nline two & <b>three</b> %20 + four"
	a.Hashtags = []string{"#Fish&Chips", "Kestrel Bay", "100", "مرفأ"}
	return a
}

// longArticle has a 300-character headline.
func longArticle() *article.Article {
	a := sample.Article()
	a.SocialHeadline = ""
	a.Headline = strings.TrimSpace(strings.Repeat("Promenade cameras switched off after audit finds errors ", 6))[:300]
	return a
}

func linkLines(t *testing.T, a *article.Article, opts Options) []byte {
	t.Helper()
	opts.Networks = AllNetworks()
	links, err := Links(a, opts)
	var b bytes.Buffer
	for _, l := range links {
		fmt.Fprintf(&b, "%s\t%s\n", l.Network, l.Href)
	}
	if err != nil {
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			fmt.Fprintf(&b, "error\t%v\n", e)
		}
	}
	return b.Bytes()
}

func TestLinksGolden(t *testing.T) {
	golden.Assert(t, "links-sample.txt", linkLines(t, sample.Article(), Options{}))
	golden.Assert(t, "links-hostile.txt", linkLines(t, hostileArticle(), Options{UTM: UTM{Campaign: "spring sale & more", Content: "share_bar"}}))
	golden.Assert(t, "links-long.txt", linkLines(t, longArticle(), Options{Mastodon: MastodonOptions{Mode: MastodonInstance, Instance: "social.example.org"}}))
}

func TestLinksJSONGolden(t *testing.T) {
	links, err := Links(sample.Article(), Options{})
	require.NoError(t, err)
	out, err := marshalIndent(links)
	require.NoError(t, err)
	golden.Assert(t, "links-sample.json", out)
}

// TestLinksEncoding checks every link of the hostile article: it parses,
// keeps its scheme and host, has no '+' and no raw space, and every query
// value decodes to text without line breaks (except an email body).
func TestLinksEncoding(t *testing.T) {
	for _, a := range []*article.Article{sample.Article(), hostileArticle(), longArticle()} {
		links, _ := Links(a, Options{Networks: AllNetworks()})
		require.NotEmpty(t, links)
		for _, l := range links {
			if l.Network == CopyLink {
				assert.Equal(t, a.URL, l.Href)
				continue
			}
			assert.NotContains(t, l.Href, "+", "%s: %s", l.Network, l.Href)
			assert.NotContains(t, l.Href, " ", "%s: %s", l.Network, l.Href)
			u, err := url.Parse(l.Href)
			require.NoError(t, err, "%s: %s", l.Network, l.Href)
			q, err := url.ParseQuery(u.RawQuery)
			require.NoError(t, err, "%s: %s", l.Network, l.Href)
			for k, vs := range q {
				for _, v := range vs {
					if l.Network == Email && k == "body" {
						continue
					}
					assert.NotContains(t, v, "\n", "%s %s=%q", l.Network, k, v)
					assert.NotContains(t, v, "\r", "%s %s=%q", l.Network, k, v)
				}
			}
			if l.Network == Email {
				assert.NotContains(t, q.Get("subject"), "\n")
				assert.NotContains(t, l.Href, "%0A%0ABcc", "header injection")
			}
		}
	}
}

func TestUTM(t *testing.T) {
	tests := []struct {
		name, in, want string
		utm            UTM
	}{
		{"plain", "https://n.example/a", "https://n.example/a?utm_source=x&utm_medium=social&utm_campaign=share", UTM{}},
		{"query and fragment kept", "https://n.example/a?b=1&c=%20#frag", "https://n.example/a?b=1&c=%20&utm_source=x&utm_medium=social&utm_campaign=share#frag", UTM{}},
		{"existing utm replaced", "https://n.example/a?utm_source=old&k=v", "https://n.example/a?k=v&utm_source=x&utm_medium=social&utm_campaign=share", UTM{}},
		{"campaign and content", "https://n.example/a", "https://n.example/a?utm_source=x&utm_medium=social&utm_campaign=a%20b%26c&utm_content=bar", UTM{Campaign: "a b&c", Content: "bar"}},
		{"off", "https://n.example/a?b=1", "https://n.example/a?b=1", UTM{Off: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.utm.withUTM(tt.in, "x", "social"))
		})
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a b", "a%20b"},
		{"a+b", "a%2Bb"},
		{"#tag & more", "%23tag%20%26%20more"},
		{"50%", "50%25"},
		{"é", "%C3%A9"},
		{"~-._", "~-._"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, escape(tt.in), "escape(%q)", tt.in)
	}
}

func TestLinkErrors(t *testing.T) {
	a := sample.Article()
	a.Image = nil
	a.Site.FacebookAppID = ""
	_, err := LinkFor(a, Pinterest, Options{})
	assert.ErrorIs(t, err, ErrMissingImage)
	var ne *NetworkError
	require.ErrorAs(t, err, &ne)
	assert.Equal(t, Pinterest, ne.Network)
	_, err = LinkFor(a, Messenger, Options{})
	assert.ErrorIs(t, err, ErrMissingAppID)
	_, err = LinkFor(a, Mastodon, Options{Mastodon: MastodonOptions{Mode: MastodonInstance}})
	assert.ErrorIs(t, err, ErrMissingInstance)
	_, err = LinkFor(a, Mastodon, Options{Mastodon: MastodonOptions{Mode: MastodonCustom, Template: "javascript:{text}"}})
	assert.ErrorIs(t, err, ErrInvalidURL)
	l, err := LinkFor(a, Mastodon, Options{Mastodon: MastodonOptions{Mode: MastodonCustom, Template: "https://s2f.example/?text={text}"}})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(l.Href, "https://s2f.example/?text=Kestrel%20Bay"), l.Href)

	links, err := Links(a, Options{Networks: []Network{Facebook, Pinterest, Messenger, X}})
	assert.Len(t, links, 2)
	assert.ErrorIs(t, err, ErrMissingImage)
	assert.ErrorIs(t, err, ErrMissingAppID)

	for _, bad := range []string{"", "/relative", "javascript:alert(1)", "//news.example.com/a"} {
		a.URL = bad
		links, err := Links(a, Options{})
		assert.Nil(t, links)
		assert.True(t, errors.Is(err, ErrInvalidURL), "url %q: %v", bad, err)
	}
	_, err = LinkFor(sample.Article(), Network(200), Options{})
	assert.ErrorIs(t, err, ErrUnknownNetwork)
}

func TestNetworkText(t *testing.T) {
	for _, n := range AllNetworks() {
		b, err := n.MarshalText()
		require.NoError(t, err)
		var back Network
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, n, back)
		assert.NotEmpty(t, n.Name())
		assert.NotEmpty(t, n.Label())
		assert.Regexp(t, `^#[0-9A-F]{6}$`, n.Color())
	}
	_, err := ParseNetwork("pocket")
	assert.ErrorIs(t, err, ErrUnknownNetwork)
	n, err := ParseNetwork("twitter")
	require.NoError(t, err)
	assert.Equal(t, X, n)
	_, err = NetworkUnknown.MarshalText()
	assert.Error(t, err)
}

// marshalIndent encodes v as indented JSON without HTML escaping, for
// readable golden files.
func marshalIndent(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(v)
	return b.Bytes(), err
}

func TestWebShare(t *testing.T) {
	d, err := WebShare(hostileArticle(), Options{})
	require.NoError(t, err)
	assert.NotContains(t, d.Title, "\n")
	assert.Equal(t, "https://news.example.com/local/harbour-q%26a?ref=front&x=1+2&utm_source=web_share&utm_medium=social&utm_campaign=share#live", d.URL)
	out, err := json.Marshal(d)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"title":`)
	_, err = WebShare(&article.Article{URL: "ftp://x"}, Options{})
	assert.ErrorIs(t, err, ErrInvalidURL)
}

func TestThreadsLinkLimit(t *testing.T) {
	a := sample.Article()
	a.SocialHeadline = "Six links: https://a.example.com/1 https://a.example.com/2 https://a.example.com/3 https://a.example.com/4 https://a.example.com/5"
	_, err := Compose(a, Threads, Options{})
	assert.ErrorIs(t, err, ErrTooManyLinks)
	a.SocialHeadline = "Five links: https://a.example.com/1 https://a.example.com/2 https://a.example.com/3 https://a.example.com/4"
	p, err := Compose(a, Threads, Options{})
	require.NoError(t, err)
	assert.LessOrEqual(t, p.Length, count.ThreadsLimit)
	c, err := NewThreadsContainer(a, Options{})
	require.NoError(t, err)
	assert.Equal(t, "KestrelBay", c.TopicTag)
	assert.Equal(t, "TEXT", c.Values().Get("media_type"))
}

// TestEscapeMatchesQueryEscape: escape is url.QueryEscape with %20 for
// spaces, on every byte value.
func TestEscapeMatchesQueryEscape(t *testing.T) {
	var all strings.Builder
	for c := 0; c < 256; c++ {
		all.WriteByte(byte(c))
	}
	for _, s := range []string{all.String(), "a b+c", "日本 🐟", ""} {
		assert.Equal(t, strings.ReplaceAll(url.QueryEscape(s), "+", "%20"), escape(s))
	}
}

// TestBuildMatchesLinksAndPosts: Build gives what Links, Posts and
// WebShare give separately, errors included, for the sample, hostile and
// long articles under several options.
func TestBuildMatchesLinksAndPosts(t *testing.T) {
	articles := map[string]*article.Article{"sample": sample.Article(), "hostile": hostileArticle(), "long": longArticle()}
	noImage := sample.Article()
	noImage.Image = nil
	articles["no image"] = noImage
	optsList := []Options{
		{},
		{Networks: AllNetworks()},
		{Networks: AllNetworks(), UTM: UTM{Off: true}},
		{Networks: []Network{Threads, Mastodon, Bluesky, Pinterest}, Mastodon: MastodonOptions{MaxCharacters: 60}},
	}
	for name, a := range articles {
		for i, opts := range optsList {
			set, err := Build(a, opts)
			links, lerr := Links(a, opts)
			posts, perr := Posts(a, opts)
			web, werr := WebShare(a, opts)
			require.NoError(t, werr)
			assert.Equal(t, links, set.Links, "%s/%d links", name, i)
			assert.Equal(t, posts, set.Posts, "%s/%d posts", name, i)
			assert.Equal(t, web, set.WebShare, "%s/%d web share", name, i)
			assert.Equal(t, errors.Join(lerr, perr) == nil, err == nil, "%s/%d error", name, i)
			if err != nil {
				assert.Equal(t, errors.Join(lerr, perr).Error(), err.Error(), "%s/%d error", name, i)
			}
		}
	}
}
