package render

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/sample"
)

// TestOEmbedDiscovery checks the oEmbed discovery link: absent by default,
// and with Options.OEmbed a <link rel="alternate"
// type="application/json+oembed"> whose URL is the endpoint with the
// article's URL and format=json in its query, parsed back exactly.
func TestOEmbedDiscovery(t *testing.T) {
	a := sample.Article()
	def, err := newRenderer(t).PageString(a, View{})
	require.NoError(t, err)
	assert.NotContains(t, def, "json+oembed")

	tests := []struct {
		name, endpoint string
		wantQuery      url.Values
	}{
		{"plain endpoint", "https://news.example.com/oembed",
			url.Values{"url": {a.URL}, "format": {"json"}}},
		{"endpoint with a query of its own", "https://news.example.com/api?route=oembed&format=xml",
			url.Values{"route": {"oembed"}, "url": {a.URL}, "format": {"json"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := New(Options{OEmbed: tt.endpoint})
			require.NoError(t, err)
			p, err := r.Prepare(a, PrepareOptions{})
			require.NoError(t, err)
			m := p.Meta()
			u, err := url.Parse(m.OEmbed)
			require.NoError(t, err)
			ep, _ := url.Parse(tt.endpoint)
			assert.Equal(t, ep.Scheme+"://"+ep.Host+ep.Path, u.Scheme+"://"+u.Host+u.Path)
			assert.Equal(t, tt.wantQuery, u.Query())

			page, err := r.PageString(a, View{})
			require.NoError(t, err)
			assertRoundTrip(t, page, m)
			head := parse(t, page)
			assert.Equal(t, m.OEmbed, head.oembed)
			for _, l := range findAll(head.doc, "link") {
				if attr(l, "type") == "application/json+oembed" {
					assert.Equal(t, m.Title, attr(l, "title"))
				}
			}
		})
	}

	for _, bad := range []string{"/oembed", "javascript:alert(1)", "ftp://news.example.com/oembed", "https://news.example.com/oembed#x"} {
		_, err := New(Options{OEmbed: bad})
		assert.Error(t, err, bad)
		assert.ErrorContains(t, err, "OEmbed", bad)
	}
}
