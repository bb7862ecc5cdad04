package serve_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/feed"
	"github.com/broadsheet/broadsheet/internal/testenv"
	"github.com/broadsheet/broadsheet/serve"
	"github.com/broadsheet/broadsheet/site"
)

// manyArticles returns a collection of n plain articles, an hour apart,
// the newest an hour before testNow.
func manyArticles(t testing.TB, n int) *site.Collection {
	t.Helper()
	arts := make([]*article.Article, n)
	for i := range arts {
		arts[i] = plainArticle(fmt.Sprintf("story-%06d", i), testNow.Add(-time.Duration(i+1)*time.Hour), false)
	}
	c, err := site.New(&article.Site{Name: "The Harbour Gazette", URL: "https://news.example.com/"}, arts, false)
	require.NoError(t, err)
	return c
}

type urlsetDoc struct {
	XMLName xml.Name
	URLs    []struct {
		Loc string `xml:"loc"`
	} `xml:"url"`
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

func parseSitemap(t testing.TB, body []byte) urlsetDoc {
	t.Helper()
	var d urlsetDoc
	require.NoError(t, xml.Unmarshal(body, &d))
	return d
}

// hidden is a Source without serve.Indexed: the handler lists it through
// LatestContext, as it did before sitemaps could be split.
type hidden struct{ c *site.Collection }

func (h hidden) VersionContext(ctx context.Context) (string, error) { return h.c.VersionContext(ctx) }
func (h hidden) Article(ctx context.Context, id string) (*article.Article, error) {
	return h.c.Article(ctx, id)
}
func (h hidden) ArticleByURL(ctx context.Context, raw string) (*article.Article, error) {
	return h.c.ArticleByURL(ctx, raw)
}
func (h hidden) LatestContext(ctx context.Context, n int) ([]*article.Article, error) {
	return h.c.LatestContext(ctx, n)
}

// TestIndexedListingsSameBytes checks that listing a site through its
// entries (serve.Indexed) gives the bytes the article-based listings gave,
// for every listing, on the shared fixture and on a larger site.
func TestIndexedListingsSameBytes(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    *site.Collection
	}{
		{"fixture", collection(t)},
		{"120 articles", manyArticles(t, 120)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := serve.Options{PublicURL: "https://news.example.com/"}
			_, indexed := newServer(t, tc.c, o)
			_, plain := newServer(t, hidden{tc.c}, o)
			for _, p := range []string{site.IndexPath, site.RSSPath, site.AtomPath, site.JSONFeedPath, site.SitemapPath} {
				a := do(t, "GET", indexed.URL+p)
				b := do(t, "GET", plain.URL+p)
				require.Equal(t, 200, a.status, p)
				assert.Equal(t, string(b.body), string(a.body), p)
			}
		})
	}
}

func TestSitemapSplit(t *testing.T) {
	c := manyArticles(t, 10)
	tests := []struct {
		name      string
		urls      int
		bytes     int
		wantParts int
	}{
		{"fits in one", 0, 0, 0},
		{"11 URLs by 4", 4, 0, 3},
		{"11 URLs by 11", 11, 0, 0},
		{"11 URLs by 10", 10, 0, 2},
		{"by bytes", 0, 1200, -1}, // as many as the bytes allow
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, srv := newServer(t, c, serve.Options{})
			serve.SetSitemapLimits(h, tc.urls, tc.bytes)
			idx := do(t, "GET", srv.URL+site.SitemapPath)
			require.Equal(t, 200, idx.status)
			doc := parseSitemap(t, idx.body)
			var locs []string
			if tc.wantParts == 0 {
				assert.Equal(t, "urlset", doc.XMLName.Local)
				for _, u := range doc.URLs {
					locs = append(locs, u.Loc)
				}
				assert.Equal(t, 404, do(t, "GET", srv.URL+"/sitemaps/1.xml").status, "no parts when one file holds it")
			} else {
				require.Equal(t, "sitemapindex", doc.XMLName.Local)
				if tc.wantParts > 0 {
					require.Len(t, doc.Sitemaps, tc.wantParts)
				} else {
					require.Greater(t, len(doc.Sitemaps), 1)
				}
				for i, s := range doc.Sitemaps {
					assert.Equal(t, fmt.Sprintf("%s/sitemaps/%d.xml", srv.URL, i+1), s.Loc)
					assert.NotEmpty(t, s.LastMod)
					part := do(t, "GET", s.Loc)
					require.Equal(t, 200, part.status, s.Loc)
					pd := parseSitemap(t, part.body)
					assert.Equal(t, "urlset", pd.XMLName.Local)
					if tc.urls > 0 {
						assert.LessOrEqual(t, len(pd.URLs), tc.urls)
					}
					if tc.bytes > 0 {
						assert.LessOrEqual(t, len(part.body), tc.bytes)
					}
					for _, u := range pd.URLs {
						locs = append(locs, u.Loc)
					}
				}
				n := len(doc.Sitemaps)
				for _, p := range []string{fmt.Sprintf("/sitemaps/%d.xml", n+1), "/sitemaps/0.xml", "/sitemaps/01.xml", "/sitemaps/1", "/sitemaps/x.xml"} {
					assert.Equal(t, 404, do(t, "GET", srv.URL+p).status, p)
				}
			}
			// Every URL once, the home page first, then newest first.
			want := []string{"https://news.example.com/"}
			for i := range c.Len() {
				want = append(want, c.Entry(i).URL)
			}
			assert.Equal(t, want, locs)
		})
	}
}

// TestSitemapSplitAtTheRealLimit lists 50,000 articles: with the home page
// that is one URL over the protocol's limit, so the sitemap is an index of
// two parts of 50,000 and 1 URLs.
func TestSitemapSplitAtTheRealLimit(t *testing.T) {
	testenv.SkipIfShort(t, "builds 50,000 articles")
	c := manyArticles(t, feed.MaxSitemapURLs)
	_, srv := newServer(t, c, serve.Options{})
	doc := parseSitemap(t, do(t, "GET", srv.URL+site.SitemapPath).body)
	require.Equal(t, "sitemapindex", doc.XMLName.Local)
	require.Len(t, doc.Sitemaps, 2)
	p1 := do(t, "GET", doc.Sitemaps[0].Loc)
	p2 := do(t, "GET", doc.Sitemaps[1].Loc)
	assert.Len(t, parseSitemap(t, p1.body).URLs, feed.MaxSitemapURLs)
	assert.Less(t, len(p1.body), feed.MaxSitemapBytes)
	last := parseSitemap(t, p2.body).URLs
	require.Len(t, last, 1)
	assert.Equal(t, c.Entry(c.Len()-1).URL, last[0].Loc)

	// The large part is streamed: its length, tag, HEAD, 304 and gzip
	// still hold.
	assert.Equal(t, strconv.Itoa(len(p1.body)), p1.header.Get("Content-Length"))
	tag := p1.header.Get("ETag")
	require.NotEmpty(t, tag)
	head := do(t, "HEAD", doc.Sitemaps[0].Loc)
	assert.Equal(t, 200, head.status)
	assert.Empty(t, head.body)
	assert.Equal(t, 304, do(t, "GET", doc.Sitemaps[0].Loc, "If-None-Match", tag).status)
	gz := do(t, "GET", doc.Sitemaps[0].Loc, "Accept-Encoding", "gzip")
	assert.Equal(t, "gzip", gz.header.Get("Content-Encoding"))
	zr, err := gzip.NewReader(bytes.NewReader(gz.body))
	require.NoError(t, err)
	unzipped, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, string(p1.body), string(unzipped))
	assert.Equal(t, 304, do(t, "GET", doc.Sitemaps[0].Loc, "If-None-Match", gz.header.Get("ETag"), "Accept-Encoding", "gzip").status)
}

// TestNewsSitemapWholeWindow checks the news sitemap lists every article
// of the last two days, not only the newest ListSize.
func TestNewsSitemapWholeWindow(t *testing.T) {
	c := manyArticles(t, 60) // an hour apart: 48 in the window
	_, srv := newServer(t, c, serve.Options{ListSize: 10})
	body := string(do(t, "GET", srv.URL+site.NewsSitemapPath).body)
	assert.Equal(t, 48, strings.Count(body, "<news:news>"))
	assert.Contains(t, body, "/local/story-000047<")
	assert.NotContains(t, body, "/local/story-000048<")
	assert.Len(t, serve.NewsIDs(c, testNow), 48)
}
