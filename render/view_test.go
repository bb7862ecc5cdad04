package render

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/sanitize"
)

// TestRelativeLinksResolveAgainstTheArticle is issue 10's base-URL bug: a
// relative link in a body resolves against the article's own URL, with
// the zero Options as with an explicit base of the article's URL, and a
// link to the article's origin stays the site's own.
func TestRelativeLinksResolveAgainstTheArticle(t *testing.T) {
	a := sample.Article()
	a.URL = "https://x.example/local/story"
	a.Site.URL = "https://x.example/"
	a.Body = `<p><a href="related-story">related</a> <a href="/guides/x">guide</a> <a href="../sport/match">match</a> <a href="https://x.example/local/other">own</a></p>`
	want := []string{
		`<a href="https://x.example/local/related-story">related</a>`,
		`<a href="https://x.example/guides/x">guide</a>`,
		`<a href="https://x.example/sport/match">match</a>`,
		`<a href="https://x.example/local/other">own</a>`,
	}
	for _, tt := range []struct {
		name string
		opts Options
	}{
		{"zero options", Options{}},
		{"base is the article's URL", Options{Sanitize: sanitize.Options{BaseURL: a.URL}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := New(tt.opts)
			require.NoError(t, err)
			frag, err := r.FragmentString(a)
			require.NoError(t, err)
			for _, w := range want {
				assert.Contains(t, frag, w)
			}
		})
	}
}

func TestTickerItems(t *testing.T) {
	r := newRenderer(t)
	v := View{Ticker: Ticker{Label: "Live", Items: []TickerItem{
		{Headline: "Ferry timetable cut", URL: "https://news.example.com/local/ferry?a=1&b=2"},
		{Headline: "Tempête sur la côte", Lang: "fr"},
		{Headline: `Tom & "Jerry"`},
	}}}
	page, err := r.PageString(sample.Article(), v)
	require.NoError(t, err)
	assert.Contains(t, page, `<p class="bs-ticker-label">Live</p>`)
	assert.Contains(t, page, `<li><a href="https://news.example.com/local/ferry?a=1&amp;b=2">Ferry timetable cut</a></li>`)
	assert.Contains(t, page, `<li lang="fr">Tempête sur la côte</li>`)
	assert.Contains(t, page, `<li>Tom &amp; &#34;Jerry&#34;</li>`)

	// The default label is the locale's "Breaking".
	page, err = r.PageString(sample.Article(), tickerView([]string{"One"}))
	require.NoError(t, err)
	assert.Contains(t, page, `<p class="bs-ticker-label">Breaking</p>`)

	// The prepared page around the ticker is the same page a template
	// execution gives.
	p, err := r.Prepare(sample.Article(), PrepareOptions{})
	require.NoError(t, err)
	require.NotNil(t, p.before, "the embedded page is prepared around the ticker")
	for _, v := range []View{{}, v, tickerView(sample.Ticker())} {
		var split, whole strings.Builder
		require.NoError(t, p.Page(&split, v))
		d := p.data
		d.View = v
		ticker, err := p.ticker(&d)
		require.NoError(t, err)
		d.Parts.Ticker = ticker
		require.NoError(t, r.execute(&whole, "page", &d))
		assert.Equal(t, whole.String(), split.String())
	}
}

func TestTickerRefused(t *testing.T) {
	r := newRenderer(t)
	tests := []struct {
		name string
		v    View
		path string
	}{
		{"blank headline", View{Ticker: Ticker{Items: []TickerItem{{Headline: "ok"}, {Headline: " \t"}}}}, "ticker.items[1].headline: required"},
		{"empty headline", View{Ticker: Ticker{Items: []TickerItem{{}}}}, "ticker.items[0].headline: required"},
		{"bell", View{Ticker: Ticker{Items: []TickerItem{{Headline: "a\u0007b"}}}}, "ticker.items[0].headline: contains the control character U+0007"},
		{"newline", View{Ticker: Ticker{Items: []TickerItem{{Headline: "a\nb"}}}}, "ticker.items[0].headline: contains the control character U+000A"},
		{"NUL", View{Ticker: Ticker{Items: []TickerItem{{Headline: "a\x00"}}}}, "ticker.items[0].headline: contains the control character U+0000"},
		{"DEL", View{Ticker: Ticker{Items: []TickerItem{{Headline: "a\x7f"}}}}, "ticker.items[0].headline: contains the control character U+007F"},
		{"invalid UTF-8", View{Ticker: Ticker{Items: []TickerItem{{Headline: "a\xffb"}}}}, "ticker.items[0].headline: is not valid UTF-8"},
		{"label", View{Ticker: Ticker{Label: "Live\x1b[31m", Items: []TickerItem{{Headline: "x"}}}}, "ticker.label: contains the control character U+001B"},
		{"javascript URL", View{Ticker: Ticker{Items: []TickerItem{{Headline: "x", URL: "javascript:alert(1)"}}}}, "ticker.items[0].url: invalid"},
		{"relative URL", View{Ticker: Ticker{Items: []TickerItem{{Headline: "x", URL: "/local/x"}}}}, "ticker.items[0].url: invalid"},
		{"quote in URL", View{Ticker: Ticker{Items: []TickerItem{{Headline: "x", URL: `https://x.example/a"><svg>`}}}}, `ticker.items[0].url: contains '"'`},
		{"lang", View{Ticker: Ticker{Items: []TickerItem{{Headline: "x", Lang: `en"><x`}}}}, "ticker.items[0].lang"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			err := r.Page(&b, sample.Article(), tt.v)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrView)
			var re *Error
			assert.True(t, errors.As(err, &re))
			assert.ErrorContains(t, err, "render: "+tt.path)
			assert.Zero(t, b.Len(), "nothing written")
		})
	}
	var b strings.Builder
	err := r.Page(&b, sample.Article(), View{Ticker: Ticker{Items: []TickerItem{{Headline: "x", URL: "ftp://x.example/"}}}})
	assert.ErrorIs(t, err, article.ErrInvalidURL, "the URL's own error is kept")
}

func TestIsLangTag(t *testing.T) {
	for s, want := range map[string]bool{
		"en": true, "en-GB": true, "zh-Hant-TW": true, "ast": true, "es-419": true,
		"": false, "e": false, "english": false, "en-": false, "-en": false, "en--GB": false,
		"en-GB-abcdefghi": false, "1a": false, "en_GB": false, "en GB": false,
	} {
		assert.Equal(t, want, isLangTag(s), "isLangTag(%q)", s)
	}
}

func TestHash(t *testing.T) {
	r1, r2 := newRenderer(t), newRenderer(t)
	p1, err := r1.Prepare(sample.Article(), PrepareOptions{})
	require.NoError(t, err)
	p2, err := r2.Prepare(sample.Article(), PrepareOptions{})
	require.NoError(t, err)
	require.Len(t, p1.Hash(), 32)
	assert.Equal(t, p1.Hash(), p2.Hash(), "the same in every Renderer")
	assert.Equal(t, `"`+p1.Hash()+`"`, p1.ETag(View{}))
	v := tickerView(sample.Ticker())
	assert.Equal(t, p1.ETag(v), p2.ETag(v))
	assert.NotEqual(t, p1.ETag(View{}), p1.ETag(v), "the ticker changes the page's tag")
	v2 := tickerView(sample.Ticker())
	v2.Ticker.Items[0].URL = "https://news.example.com/x"
	assert.NotEqual(t, p1.ETag(v), p1.ETag(v2))

	a := sample.Article()
	a.Standfirst += " More."
	p3, err := r1.Prepare(a, PrepareOptions{})
	require.NoError(t, err)
	assert.NotEqual(t, p1.Hash(), p3.Hash())
	p4, err := r1.Prepare(sample.Article(), PrepareOptions{Alternates: []Alternate{{Lang: "cy", URL: "https://news.example.com/cy"}}})
	require.NoError(t, err)
	assert.NotEqual(t, p1.Hash(), p4.Hash())
}

// TestTickerCache: the embedded ticker's markup is kept per view and
// labels; different views, and the same view under other labels, never
// share it, and a bad view is refused even after good ones.
func TestTickerCache(t *testing.T) {
	r, err := New(Options{Locale: func(a *article.Article) Locale {
		if a.Language == "fr" {
			return Locale{Labels: Labels{Breaking: "Alerte"}}
		}
		return Locale{}
	}})
	require.NoError(t, err)
	en, err := r.Prepare(sample.Article(), PrepareOptions{})
	require.NoError(t, err)
	frArticle := sample.Article()
	frArticle.Language = "fr"
	fr, err := r.Prepare(frArticle, PrepareOptions{})
	require.NoError(t, err)
	page := func(p *Prepared, v View) string {
		var b strings.Builder
		require.NoError(t, p.Page(&b, v))
		return b.String()
	}
	a, b := tickerView([]string{"One"}), tickerView([]string{"Two"})
	first := page(en, a)
	assert.Contains(t, first, "<li>One</li>")
	assert.Contains(t, page(en, b), "<li>Two</li>")
	assert.Equal(t, first, page(en, a))
	assert.Contains(t, page(fr, a), `<p class="bs-ticker-label">Alerte</p>`)
	assert.Contains(t, page(en, a), `<p class="bs-ticker-label">Breaking</p>`)
	withURL := tickerView([]string{"One"})
	withURL.Ticker.Items[0].URL = "https://news.example.com/one"
	assert.Contains(t, page(en, withURL), `<a href="https://news.example.com/one">One</a>`)
	bad := tickerView([]string{"One\x07"})
	assert.ErrorIs(t, en.Page(io.Discard, bad), ErrView)
	assert.ErrorIs(t, en.Page(io.Discard, bad), ErrView, "not cached")
}
