package build

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSitemapParts(t *testing.T) {
	const base = "https://news.example.com/news/"
	tests := []struct {
		name    string
		body    string
		want    []string
		wantErr string
	}{
		{"a plain sitemap", `<?xml version="1.0"?><urlset><url><loc>https://news.example.com/news/</loc></url></urlset>`, nil, ""},
		{"an index", `<sitemapindex><sitemap><loc>https://news.example.com/news/sitemaps/1.xml</loc></sitemap><sitemap><loc>https://news.example.com/news/sitemaps/2.xml</loc></sitemap></sitemapindex>`,
			[]string{"/sitemaps/1.xml", "/sitemaps/2.xml"}, ""},
		{"another host", `<sitemapindex><sitemap><loc>https://evil.example/sitemaps/1.xml</loc></sitemap></sitemapindex>`, nil, "not a part under"},
		{"outside the folder", `<sitemapindex><sitemap><loc>https://news.example.com/news/sitemaps/../../x.xml</loc></sitemap></sitemapindex>`, nil, "not a part under"},
		{"not XML", `{`, nil, "sitemap.xml"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := sitemapParts([]byte(tc.body), base)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}
