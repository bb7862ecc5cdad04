package feed

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSitemapURLSize checks that SitemapURLSize gives the bytes each URL
// adds to a sitemap, so splitting by size is exact.
func TestSitemapURLSize(t *testing.T) {
	when := time.Date(2026, 11, 27, 12, 0, 0, 0, time.FixedZone("", 3600))
	tests := []struct {
		name string
		urls []SitemapURL
	}{
		{"none", nil},
		{"plain", []SitemapURL{{Loc: "https://news.example.com/local/a"}}},
		{"dated", []SitemapURL{{Loc: "https://news.example.com/local/a", LastMod: when}}},
		{"image", []SitemapURL{{Loc: "https://news.example.com/local/a", LastMod: when, Image: "https://news.example.com/a.png"}}},
		{"escaped", []SitemapURL{{Loc: "https://news.example.com/local/a?x=1&y='2'", Image: "https://news.example.com/a.png?w=1&h=2"}}},
		{"several", []SitemapURL{
			{Loc: "https://news.example.com/"},
			{Loc: "https://news.example.com/local/b", LastMod: when},
			{Loc: "https://news.example.com/local/ünïcode", Image: "https://news.example.com/b.png"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteSitemap(&b, slices.Values(tc.urls)); err != nil {
				t.Fatal(err)
			}
			want := emptySitemapSize
			if len(tc.urls) > 0 {
				want++
			}
			for _, u := range tc.urls {
				want += SitemapURLSize(u)
			}
			if b.Len() != want {
				t.Errorf("WriteSitemap wrote %d bytes, sizes add up to %d", b.Len(), want)
			}
		})
	}
}

func TestWriteSitemapLimits(t *testing.T) {
	urls := []SitemapURL{{Loc: "https://news.example.com/a"}, {Loc: "https://news.example.com/b"}}
	exact := emptySitemapSize + 1 + SitemapURLSize(urls[0]) + SitemapURLSize(urls[1])
	tests := []struct {
		name             string
		maxURLs, maxSize int
		wantErr          error
	}{
		{"within", 2, exact, nil},
		{"one URL over", 1, exact, ErrTooMany},
		{"one byte over", 2, exact - 1, ErrTooMany},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			err := writeSitemap(&b, slices.Values(urls), tc.maxURLs, tc.maxSize)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("writeSitemap = %v, want %v", err, tc.wantErr)
			}
		})
	}
	if err := WriteSitemap(&bytes.Buffer{}, slices.Values([]SitemapURL{{Loc: "javascript:alert(1)"}})); !errors.Is(err, ErrInvalidURL) {
		t.Errorf("WriteSitemap(javascript: URL) = %v, want ErrInvalidURL", err)
	}
}

func TestSitemapIndex(t *testing.T) {
	var b bytes.Buffer
	err := SitemapIndex(&b, []SitemapURL{
		{Loc: "https://news.example.com/sitemaps/1.xml", LastMod: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)},
		{Loc: "https://news.example.com/sitemaps/2.xml"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap>
    <loc>https://news.example.com/sitemaps/1.xml</loc>
    <lastmod>2026-11-27T12:00:00Z</lastmod>
  </sitemap>
  <sitemap>
    <loc>https://news.example.com/sitemaps/2.xml</loc>
  </sitemap>
</sitemapindex>
`
	if b.String() != want {
		t.Errorf("SitemapIndex =\n%s\nwant\n%s", b.String(), want)
	}
	if err := SitemapIndex(&bytes.Buffer{}, []SitemapURL{{Loc: "/relative.xml"}}); !errors.Is(err, ErrInvalidURL) || !strings.Contains(err.Error(), "/relative.xml") {
		t.Errorf("SitemapIndex(relative) = %v, want ErrInvalidURL naming it", err)
	}
}
