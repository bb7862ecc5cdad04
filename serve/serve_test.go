package serve_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/serve"
	"github.com/broadsheet/broadsheet/site"
)

var testNow = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// plainArticle has no image and no key points.
func plainArticle(id string, published time.Time, breaking bool) *article.Article {
	return &article.Article{
		ID: id, URL: "https://news.example.com/local/" + id, Language: "en-GB", Breaking: breaking,
		Headline: "Harbour & ferry: " + id, Standfirst: "Standfirst of " + id + ".", Section: "Local",
		Published: published, Body: "<p>Body of " + id + ".</p>",
		Authors: []article.Person{{Name: "Ines Varga", URL: "https://news.example.com/people/ines"}},
	}
}

func collection(t testing.TB) *site.Collection {
	t.Helper()
	s := sample.Article()
	cfg := s.Site
	s.Site = nil
	c, err := site.New(cfg, []*article.Article{
		s,
		plainArticle("ferry-cuts", testNow.Add(-2*time.Hour), true),
		plainArticle("harbour-fete", testNow.Add(-72*time.Hour), false),
	}, false)
	require.NoError(t, err)
	return c
}

func newServer(t testing.TB, src serve.Source, opts serve.Options) (*serve.Handler, *httptest.Server) {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	h, err := serve.New(src, opts)
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return h, srv
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func do(t testing.TB, method, u string, hdr ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, u, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	tr := &http.Transport{DisableCompression: true}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return response{resp.StatusCode, resp.Header, body}
}

func TestRoutes(t *testing.T) {
	_, srv := newServer(t, collection(t), serve.Options{})
	sampleID := sample.Article().ID
	tests := []struct {
		name, path string
		status     int
		ctype      string
		contains   string
	}{
		{"index", "/", 200, "text/html; charset=utf-8", "Harbour &amp; ferry: ferry-cuts"},
		{"page by id", "/a/ferry-cuts", 200, "text/html; charset=utf-8", "Body of ferry-cuts."},
		{"page at canonical path", "/local/ferry-cuts", 200, "text/html; charset=utf-8", "Body of ferry-cuts."},
		{"sample page", "/a/" + sampleID, 200, "text/html; charset=utf-8", "<!DOCTYPE html>"},
		{"fragment", "/a/ferry-cuts/fragment", 200, "text/html; charset=utf-8", "<article"},
		{"meta", "/a/ferry-cuts/meta.json", 200, "application/json; charset=utf-8", `"https://news.example.com/local/ferry-cuts"`},
		{"share", "/a/ferry-cuts/share.json", 200, "application/json; charset=utf-8", `"network"`},
		{"card alias", "/cards/ferry-cuts/1200x630-standard.png", 200, "image/png", "\x89PNG"},
		{"key-point card", "/cards/" + sampleID + "/1080x1080-keypoint-2.png", 200, "image/png", "\x89PNG"},
		{"rss", "/feed.xml", 200, "application/rss+xml; charset=utf-8", "<rss"},
		{"atom", "/atom.xml", 200, "application/atom+xml; charset=utf-8", "<feed"},
		{"json feed", "/feed.json", 200, "application/feed+json; charset=utf-8", `"https://jsonfeed.org/version/1.1"`},
		{"sitemap", "/sitemap.xml", 200, "application/xml; charset=utf-8", "<urlset"},
		{"news sitemap", "/news-sitemap.xml", 200, "application/xml; charset=utf-8", "ferry-cuts"},
		{"oembed", "/oembed?url=" + url.QueryEscape("https://news.example.com/local/ferry-cuts") + "&format=json", 200, "application/json; charset=utf-8", `"type":"rich"`},
		{"healthz", "/healthz", 200, "text/plain; charset=utf-8", "ok"},
		{"unknown id", "/a/nope", 404, "text/plain; charset=utf-8", "not found"},
		{"unknown path", "/local/nope", 404, "text/plain; charset=utf-8", "not found"},
		{"unknown card article", "/cards/nope/1200x630-standard.png", 404, "text/plain; charset=utf-8", "not found"},
		{"key point of an article without", "/cards/ferry-cuts/1080x1080-keypoint-1.png", 404, "text/plain; charset=utf-8", "0 key points"},
		{"key point past the last", "/cards/" + sampleID + "/1080x1080-keypoint-9.png", 404, "text/plain; charset=utf-8", "4 key points"},
		{"bad card size", "/cards/ferry-cuts/99x630-standard.png", 400, "text/plain; charset=utf-8", "bad card size"},
		{"huge card", "/cards/ferry-cuts/4096x4096-standard.png", 400, "text/plain; charset=utf-8", "pixels"},
		{"bad card spec", "/cards/ferry-cuts/big-standard.png", 400, "text/plain; charset=utf-8", "bad card"},
		{"photo card without LeadImage", "/cards/ferry-cuts/1200x630-photo.jpg", 400, "text/plain; charset=utf-8", "LeadImage"},
		{"card not png", "/cards/ferry-cuts/1200x630-standard.gif", 404, "text/plain; charset=utf-8", "png"},
		{"oembed without url", "/oembed", 400, "text/plain; charset=utf-8", "url"},
		{"oembed xml", "/oembed?format=xml&url=" + url.QueryEscape("https://news.example.com/local/ferry-cuts"), 501, "text/plain; charset=utf-8", "json"},
		{"oembed unknown", "/oembed?url=" + url.QueryEscape("https://news.example.com/local/nope"), 404, "text/plain; charset=utf-8", "not found"},
		{"oembed not http", "/oembed?url=javascript:alert(1)", 404, "text/plain; charset=utf-8", "not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, "GET", srv.URL+tt.path)
			assert.Equal(t, tt.status, r.status, "GET %s: %s", tt.path, r.body)
			assert.Equal(t, tt.ctype, r.header.Get("Content-Type"))
			assert.Contains(t, string(r.body), tt.contains)
			assert.Equal(t, "nosniff", r.header.Get("X-Content-Type-Options"))
			assert.Equal(t, "strict-origin-when-cross-origin", r.header.Get("Referrer-Policy"))
			csp := r.header.Get("Content-Security-Policy")
			assert.Contains(t, csp, "default-src 'none'")
			if tt.status != 200 {
				assert.Equal(t, "no-store", r.header.Get("Cache-Control"), "errors are never cached")
				assert.Empty(t, r.header.Get("ETag"))
				return
			}
			assert.NotEmpty(t, r.header.Get("ETag"), "every response has an entity tag")
			assert.NotEmpty(t, r.header.Get("Cache-Control"))
			if strings.HasPrefix(tt.ctype, "text/html") {
				assert.NotContains(t, csp, "script-src", "no script may run")
				if tt.name == "fragment" {
					assert.Contains(t, csp, "frame-ancestors *", "the fragment is framable for oEmbed")
					assert.Empty(t, r.header.Get("X-Frame-Options"))
				} else {
					assert.Contains(t, csp, "frame-ancestors 'none'")
					assert.Equal(t, "DENY", r.header.Get("X-Frame-Options"))
				}
			}
		})
	}
}

func TestConditionalAndHead(t *testing.T) {
	h, srv := newServer(t, collection(t), serve.Options{})
	for _, p := range []string{"/", "/a/ferry-cuts", "/local/ferry-cuts", "/a/ferry-cuts/fragment", "/a/ferry-cuts/meta.json", "/a/ferry-cuts/share.json",
		"/cards/ferry-cuts/1200x630-standard.png", "/feed.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/news-sitemap.xml", "/healthz",
		"/oembed?url=" + url.QueryEscape("https://news.example.com/local/ferry-cuts")} {
		t.Run(p, func(t *testing.T) {
			get := do(t, "GET", srv.URL+p)
			require.Equal(t, 200, get.status)
			tag := get.header.Get("ETag")
			require.NotEmpty(t, tag)

			head := do(t, "HEAD", srv.URL+p)
			assert.Equal(t, 200, head.status)
			assert.Empty(t, head.body, "HEAD has no body")
			assert.Equal(t, tag, head.header.Get("ETag"))
			assert.Equal(t, get.header.Get("Content-Length"), head.header.Get("Content-Length"))

			before := h.Stats().Renders
			nm := do(t, "GET", srv.URL+p, "If-None-Match", tag)
			assert.Equal(t, 304, nm.status)
			assert.Empty(t, nm.body)
			assert.Equal(t, tag, nm.header.Get("ETag"))
			assert.Equal(t, before, h.Stats().Renders, "a 304 renders nothing")

			assert.Equal(t, 304, do(t, "GET", srv.URL+p, "If-None-Match", `"other", W/`+strings.TrimPrefix(tag, "W/")).status, "weak comparison over a list")
			assert.Equal(t, 200, do(t, "GET", srv.URL+p, "If-None-Match", `"other"`).status)

			post := do(t, "POST", srv.URL+p)
			assert.Equal(t, 405, post.status)
			assert.Contains(t, post.header.Get("Allow"), "GET")
		})
	}
}

// TestNotModifiedBeforeRender: a conditional request for a page of a
// reloaded collection, whose tag is known, is answered without rendering.
func TestNotModifiedBeforeRender(t *testing.T) {
	live := site.NewLive(collection(t))
	h, srv := newServer(t, live, serve.Options{})
	first := do(t, "GET", srv.URL+"/a/harbour-fete")
	require.Equal(t, 200, first.status)
	tag := first.header.Get("ETag")

	// Reload: a new version (one article changed), so nothing is cached
	// for it yet; harbour-fete itself is unchanged.
	arts := append(articles(t, collection(t)), plainArticle("storm-warning", testNow.Add(-time.Hour), false))
	c2, err := site.New(collection(t).Site(), arts, false)
	require.NoError(t, err)
	live.Store(c2)

	before := h.Stats().Renders
	nm := do(t, "GET", srv.URL+"/a/harbour-fete", "If-None-Match", tag)
	assert.Equal(t, 304, nm.status)
	assert.Equal(t, before, h.Stats().Renders, "the 304 came before any render")
}

func TestGzip(t *testing.T) {
	_, srv := newServer(t, collection(t), serve.Options{})
	for _, p := range []string{"/", "/a/ferry-cuts", "/a/ferry-cuts/meta.json", "/feed.xml", "/feed.json", "/sitemap.xml"} {
		plain := do(t, "GET", srv.URL+p)
		gz := do(t, "GET", srv.URL+p, "Accept-Encoding", "br;q=1, gzip;q=0.8")
		require.Equal(t, 200, gz.status)
		assert.Equal(t, "gzip", gz.header.Get("Content-Encoding"), p)
		assert.Equal(t, "Accept-Encoding", gz.header.Get("Vary"))
		assert.NotEqual(t, plain.header.Get("ETag"), gz.header.Get("ETag"), "each encoding has its own tag")
		zr, err := gzip.NewReader(bytes.NewReader(gz.body))
		require.NoError(t, err)
		un, err := io.ReadAll(zr)
		require.NoError(t, err)
		assert.Equal(t, plain.body, un, p)
		assert.Equal(t, 304, do(t, "GET", srv.URL+p, "Accept-Encoding", "gzip", "If-None-Match", gz.header.Get("ETag")).status)

		refused := do(t, "GET", srv.URL+p, "Accept-Encoding", "gzip;q=0")
		assert.Empty(t, refused.header.Get("Content-Encoding"), "q=0 refuses gzip")
	}
	card := do(t, "GET", srv.URL+"/cards/ferry-cuts/1200x630-standard.png", "Accept-Encoding", "gzip")
	assert.Empty(t, card.header.Get("Content-Encoding"), "PNG is not gzipped")
}

func TestUnknownQueryIgnored(t *testing.T) {
	h, srv := newServer(t, collection(t), serve.Options{})
	a := do(t, "GET", srv.URL+"/a/ferry-cuts")
	n := h.Stats().Renders
	b := do(t, "GET", srv.URL+"/a/ferry-cuts?utm_source=x&cachebust=123")
	assert.Equal(t, a.header.Get("ETag"), b.header.Get("ETag"))
	assert.Equal(t, a.body, b.body)
	assert.Equal(t, n, h.Stats().Renders, "an unknown parameter is not a new cache entry")
}

// ogImage returns the og:image, og:image:width and og:image:height of a
// page.
func ogImage(t *testing.T, page []byte) (string, string, string) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	require.NoError(t, err)
	got := map[string]string{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "meta" {
			var prop, content string
			for _, a := range n.Attr {
				switch a.Key {
				case "property":
					prop = a.Val
				case "content":
					content = a.Val
				}
			}
			if _, seen := got[prop]; prop != "" && !seen {
				got[prop] = content
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return got["og:image"], got["og:image:width"], got["og:image:height"]
}

func TestOGImageIsTheCard(t *testing.T) {
	_, srv := newServer(t, collection(t), serve.Options{})
	page := do(t, "GET", srv.URL+"/a/ferry-cuts")
	require.Equal(t, 200, page.status)
	img, w, hgt := ogImage(t, page.body)
	require.NotEmpty(t, img, "an article without an image has its card as og:image")
	assert.True(t, strings.HasPrefix(img, srv.URL+"/cards/ferry-cuts/1200x630-standard."), "absolute, on this handler: %s", img)
	assert.NotContains(t, string(page.body), "<figure", "the card is metadata, not a figure")

	card := do(t, "GET", img)
	require.Equal(t, 200, card.status)
	assert.Equal(t, "image/png", card.header.Get("Content-Type"))
	assert.Equal(t, serve.ImmutableCache, card.header.Get("Cache-Control"), "a hashed card is cached forever")
	cfg, err := png.DecodeConfig(bytes.NewReader(card.body))
	require.NoError(t, err)
	assert.Equal(t, w, strconv.Itoa(cfg.Width), "og:image:width")
	assert.Equal(t, hgt, strconv.Itoa(cfg.Height), "og:image:height")

	alias := do(t, "GET", srv.URL+"/cards/ferry-cuts/1200x630-standard.png")
	assert.Equal(t, serve.DefaultCardAlias, alias.header.Get("Cache-Control"), "the alias is cached briefly")
	assert.Equal(t, card.body, alias.body)
	assert.Equal(t, card.header.Get("ETag"), alias.header.Get("ETag"))

	stale := do(t, "GET", srv.URL+"/cards/ferry-cuts/1200x630-standard.0000000000000000.png")
	assert.Equal(t, 200, stale.status, "an old hash still resolves")
	assert.Equal(t, serve.DefaultCardAlias, stale.header.Get("Cache-Control"), "but is never cached forever")
	assert.Equal(t, card.body, stale.body)

	withImage := do(t, "GET", srv.URL+"/a/"+sample.Article().ID)
	img, _, _ = ogImage(t, withImage.body)
	assert.Equal(t, sample.Article().Image.URL, img, "an article's own image stays its og:image")
}

func TestMountedUnderPrefix(t *testing.T) {
	h, err := serve.New(collection(t), serve.Options{Now: func() time.Time { return testNow }})
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("/news/", http.StripPrefix("/news", h))
	mux.HandleFunc("/own", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "the service's own route") })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	index := do(t, "GET", srv.URL+"/news/")
	require.Equal(t, 200, index.status)
	assert.Contains(t, string(index.body), `href="/news/a/ferry-cuts"`)
	assert.Contains(t, string(index.body), `href="/news/feed.xml"`)
	page := do(t, "GET", srv.URL+"/news/a/ferry-cuts")
	require.Equal(t, 200, page.status)
	img, _, _ := ogImage(t, page.body)
	if img != "" {
		assert.True(t, strings.HasPrefix(img, srv.URL+"/news/cards/ferry-cuts/"), img)
		assert.Equal(t, 200, do(t, "GET", img).status)
	}
	assert.Equal(t, "the service's own route", string(do(t, "GET", srv.URL+"/own").body))
	rss := do(t, "GET", srv.URL+"/news/feed.xml")
	assert.Contains(t, string(rss.body), `href="`+srv.URL+`/news/feed.xml"`, "the feed's self link has the prefix")
}

func TestPublicURL(t *testing.T) {
	_, err := serve.New(collection(t), serve.Options{PublicURL: "javascript:alert(1)"})
	assert.ErrorIs(t, err, serve.ErrOptions)
	_, err = serve.New(collection(t), serve.Options{PublicURL: "/relative"})
	assert.ErrorIs(t, err, serve.ErrOptions)
	_, err = serve.New(nil, serve.Options{})
	assert.ErrorIs(t, err, serve.ErrOptions)

	_, srv := newServer(t, collection(t), serve.Options{PublicURL: "https://cdn.example.com/site"})
	rss := do(t, "GET", srv.URL+"/feed.xml", "Host", "evil.example.org")
	assert.Contains(t, string(rss.body), `href="https://cdn.example.com/site/feed.xml"`)
	assert.NotContains(t, string(rss.body), "evil")
	page := do(t, "GET", srv.URL+"/a/ferry-cuts", "Host", "evil.example.org")
	assert.NotContains(t, string(page.body), "evil.example.org")
}

func TestBadHost(t *testing.T) {
	h, err := serve.New(collection(t), serve.Options{})
	require.NoError(t, err)
	for _, host := range []string{`evil.example"><script>`, "a b", ""} {
		req := httptest.NewRequest("GET", "/a/ferry-cuts", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		assert.Equal(t, 400, rec.Code, "Host %q", host)
		assert.NotContains(t, rec.Body.String(), "script")
	}
}

func TestOEmbed(t *testing.T) {
	_, srv := newServer(t, collection(t), serve.Options{})
	for _, u := range []string{
		"https://news.example.com/local/ferry-cuts", // canonical
		srv.URL + "/a/ferry-cuts",                   // alias on this handler
		srv.URL + "/local/ferry-cuts",               // page path on this handler
	} {
		r := do(t, "GET", srv.URL+"/oembed?format=json&maxwidth=500&url="+url.QueryEscape(u))
		require.Equal(t, 200, r.status, "%s: %s", u, r.body)
		var o map[string]any
		require.NoError(t, json.Unmarshal(r.body, &o))
		assert.Equal(t, "1.0", o["version"])
		assert.Equal(t, "rich", o["type"])
		assert.Equal(t, "Harbour & ferry: ferry-cuts", o["title"])
		assert.EqualValues(t, 500, o["width"], "maxwidth is respected")
		assert.Equal(t, "Ines Varga", o["author_name"])
		frag := o["html"].(string)
		doc, err := html.Parse(strings.NewReader(frag))
		require.NoError(t, err)
		var src string
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "iframe" {
				for _, a := range n.Attr {
					if a.Key == "src" {
						src = a.Val
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		assert.Equal(t, srv.URL+"/a/ferry-cuts/fragment", src)
		assert.Contains(t, frag, "Harbour &amp; ferry: ferry-cuts", "the title is escaped")
		assert.Equal(t, 200, do(t, "GET", src).status)
		_, hasThumb := o["thumbnail_url"]
		assert.False(t, hasThumb, "a 1200-pixel card is wider than maxwidth=500")
	}
}

func TestIndexLinksOnlyCardsThatExist(t *testing.T) {
	_, srv := newServer(t, collection(t), serve.Options{})
	index := do(t, "GET", srv.URL+"/")
	doc, err := html.Parse(bytes.NewReader(index.body))
	require.NoError(t, err)
	var links []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			for _, a := range n.Attr {
				if a.Key == "href" {
					links = append(links, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	require.NotEmpty(t, links)
	keyPoint := 0
	for _, l := range links {
		r := do(t, "GET", srv.URL+l)
		assert.Equal(t, 200, r.status, "the index links %s", l)
		if strings.Contains(l, "keypoint") {
			keyPoint++
		}
	}
	assert.Equal(t, 1, keyPoint, "only the article with key points gets a key-point card link")
}

// blockingSource blocks LatestContext until release is closed.
type blockingSource struct {
	*site.Collection
	release chan struct{}
}

func (b blockingSource) LatestContext(ctx context.Context, n int) ([]*article.Article, error) {
	<-b.release
	return b.Collection.LatestContext(ctx, n)
}

func TestRenderDeadline(t *testing.T) {
	src := blockingSource{collection(t), make(chan struct{})}
	var reported []error
	var mu sync.Mutex
	_, srv := newServer(t, src, serve.Options{RenderTimeout: 50 * time.Millisecond, OnError: func(r *http.Request, err error) {
		mu.Lock()
		reported = append(reported, err)
		mu.Unlock()
	}})
	r := do(t, "GET", srv.URL+"/feed.xml")
	assert.Equal(t, 503, r.status)
	assert.Equal(t, "5", r.header.Get("Retry-After"))
	assert.Equal(t, "no-store", r.header.Get("Cache-Control"))
	close(src.release)
	mu.Lock()
	assert.Len(t, reported, 1, "OnError hears of the timeout")
	mu.Unlock()
}

type failingSource struct{ *site.Collection }

func (failingSource) VersionContext(context.Context) (string, error) {
	return "", errors.New("database is down")
}

func TestSourceFailure(t *testing.T) {
	_, srv := newServer(t, failingSource{collection(t)}, serve.Options{})
	for _, p := range []string{"/", "/a/ferry-cuts", "/feed.xml", "/healthz"} {
		r := do(t, "GET", srv.URL+p)
		assert.Equal(t, 500, r.status, p)
		assert.NotContains(t, string(r.body), "database", "errors are not echoed")
	}
}

func TestReload(t *testing.T) {
	live := site.NewLive(collection(t))
	_, srv := newServer(t, live, serve.Options{})
	before := do(t, "GET", srv.URL+"/a/ferry-cuts")
	oldImg, _, _ := ogImage(t, before.body)

	arts := articles(t, collection(t))
	for i, a := range arts {
		if a.ID == "ferry-cuts" {
			b := *a
			b.Headline = "Ferry timetable restored"
			arts[i] = &b
		}
	}
	c2, err := site.New(collection(t).Site(), arts, false)
	require.NoError(t, err)
	live.Store(c2)
	after := do(t, "GET", srv.URL+"/a/ferry-cuts")
	assert.Contains(t, string(after.body), "Ferry timetable restored")
	assert.NotEqual(t, before.header.Get("ETag"), after.header.Get("ETag"))
	newImg, _, _ := ogImage(t, after.body)
	if oldImg != "" {
		assert.NotEqual(t, oldImg, newImg, "a changed article gets a new card URL")
		assert.Equal(t, 200, do(t, "GET", oldImg).status, "and its old card URL still resolves")
	}
	assert.Contains(t, string(do(t, "GET", srv.URL+"/feed.xml").body), "Ferry timetable restored")
}

// TestOneRenderForManyRequests is issue 16 item 4: a thousand concurrent
// requests for one cold card draw it once.
func TestOneRenderForManyRequests(t *testing.T) {
	h, srv := newServer(t, collection(t), serve.Options{})
	const n = 1000
	tr := &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var wg sync.WaitGroup
	start := make(chan struct{})
	statuses := make([]int, n)
	for i := range n {
		wg.Go(func() {
			<-start
			resp, err := client.Get(srv.URL + "/cards/ferry-cuts/800x600-standard.png")
			if err != nil {
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		})
	}
	before := h.Stats().Renders
	close(start)
	wg.Wait()
	for i, s := range statuses {
		require.Equal(t, 200, s, "request %d", i)
	}
	assert.Equal(t, int64(1), h.Stats().Renders-before, "one render for %d requests", n)
}

type panickingSource struct{ *site.Collection }

func (panickingSource) LatestContext(context.Context, int) ([]*article.Article, error) {
	panic("a CMS bug")
}

// TestPanicInRenderIsAnError: a panic inside a shared render (here the
// source's) is a 500 for the request, not the end of the process.
func TestPanicInRenderIsAnError(t *testing.T) {
	var got error
	_, srv := newServer(t, panickingSource{collection(t)}, serve.Options{OnError: func(r *http.Request, err error) { got = err }})
	r := do(t, "GET", srv.URL+"/feed.xml")
	assert.Equal(t, 500, r.status)
	require.Error(t, got)
	assert.Contains(t, got.Error(), "a CMS bug")
	assert.Equal(t, 200, do(t, "GET", srv.URL+"/a/ferry-cuts/meta.json").status, "the handler still serves")
}

// TestTicker: a page's ticker lists the other breaking stories, linked to
// their canonical URLs, under the configured label.
func TestTicker(t *testing.T) {
	_, srv := newServer(t, collection(t), serve.Options{TickerLabel: "Latest"})
	ticker := func(page []byte) string {
		s := string(page)
		i := strings.Index(s, `class="bs-ticker"`)
		if i < 0 {
			return ""
		}
		j := strings.Index(s[i:], "</section>")
		require.Positive(t, j)
		return s[i : i+j]
	}
	s := sample.Article()
	tk := ticker(do(t, "GET", srv.URL+"/a/"+s.ID).body)
	assert.Contains(t, tk, `href="https://news.example.com/local/ferry-cuts"`)
	assert.Contains(t, tk, "Harbour &amp; ferry: ferry-cuts")
	assert.Contains(t, tk, "Latest")
	assert.NotContains(t, tk, s.URL, "not the page's own story")
	own := ticker(do(t, "GET", srv.URL+"/a/ferry-cuts").body)
	assert.Contains(t, own, `href="`+s.URL+`"`, "the other breaking story")
	assert.NotContains(t, own, "ferry-cuts", "not the page's own story")
	assert.NotContains(t, ticker(do(t, "GET", srv.URL+"/a/harbour-fete").body), "harbour-fete")

	_, quiet := newServer(t, collection(t), serve.Options{TickerSize: -1})
	assert.Empty(t, ticker(do(t, "GET", quiet.URL+"/a/"+s.ID).body), "no ticker")
}

// articles returns every article of c, newest first.
func articles(t *testing.T, c *site.Collection) []*article.Article {
	t.Helper()
	arts, err := c.LatestContext(t.Context(), 0)
	require.NoError(t, err)
	return arts
}
