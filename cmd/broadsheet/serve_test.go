package main

import (
	"encoding/json"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
)

func newTestSite(t *testing.T, arts ...*article.Article) *httptest.Server {
	t.Helper()
	if len(arts) == 0 {
		arts = []*article.Article{sample.Article()}
	}
	site, err := newDemoSite(arts, sample.Ticker())
	require.NoError(t, err)
	srv := httptest.NewServer(site)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, body
}

func TestServeRoutes(t *testing.T) {
	srv := newTestSite(t)
	base := srv.URL + "/a/kestrel-bay-camera-vote"
	tests := []struct {
		path, contentType, contains string
	}{
		{srv.URL + "/", "text/html; charset=utf-8", `href="/a/kestrel-bay-camera-vote"`},
		{base, "text/html; charset=utf-8", "Kestrel Bay council votes to switch off seafront face-scanning cameras"},
		{base + "/fragment", "text/html; charset=utf-8", "<article"},
		{base + "/meta.json", "application/json", `"canonical": "https://news.example.com/local/kestrel-bay-camera-vote"`},
		{base + "/share.json", "application/json", "facebook.com/sharer"},
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.path, srv.URL), func(t *testing.T) {
			resp, body := get(t, tt.path)
			require.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, tt.contentType, resp.Header.Get("Content-Type"))
			assert.Contains(t, string(body), tt.contains)
			assert.NotEmpty(t, resp.Header.Get("ETag"))
			assert.Contains(t, resp.Header.Get("Content-Security-Policy"), "default-src 'none'")
			assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
			if strings.HasSuffix(tt.path, ".json") {
				assert.True(t, json.Valid(body), "invalid JSON: %s", body)
			}
		})
	}
}

func TestServeCard(t *testing.T) {
	srv := newTestSite(t)
	base := srv.URL + "/a/kestrel-bay-camera-vote/card.png"
	for _, tt := range []struct {
		query string
		w, h  int
	}{
		{"", 1200, 630},
		{"?size=x", 1200, 675},
		{"?size=square&layout=keypoint", 1080, 1080},
	} {
		resp, body := get(t, base+tt.query)
		require.Equal(t, http.StatusOK, resp.StatusCode, "%s: %s", tt.query, body)
		assert.Equal(t, "image/png", resp.Header.Get("Content-Type"))
		cfg, err := png.DecodeConfig(strings.NewReader(string(body)))
		require.NoError(t, err)
		assert.Equal(t, [2]int{tt.w, tt.h}, [2]int{cfg.Width, cfg.Height}, tt.query)

		// The second request is served from the cache: same ETag, and a
		// conditional request gets 304.
		resp2, body2 := get(t, base+tt.query)
		assert.Equal(t, body, body2)
		resp3, _ := get(t, base+tt.query, "If-None-Match", resp2.Header.Get("ETag"))
		assert.Equal(t, http.StatusNotModified, resp3.StatusCode)
	}
	resp, _ := get(t, base+"?size=99999x99999")
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "arbitrary sizes would make the cache unbounded")
	resp, _ = get(t, base+"?layout=photo")
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
}

func TestServeNotFoundAndMethods(t *testing.T) {
	srv := newTestSite(t)
	for _, p := range []string{"/a/nope", "/a/nope/card.png", "/a/kestrel-bay-camera-vote/other", "/favicon.ico"} {
		resp, _ := get(t, srv.URL+p)
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, p)
	}
	resp, err := http.Post(srv.URL+"/a/kestrel-bay-camera-vote", "text/plain", strings.NewReader("x"))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
}

func TestServeSlugs(t *testing.T) {
	a := sample.Article()
	b := sample.Article()
	b.ID = ""
	b.URL = "https://news.example.com/local/Ferry-Times"
	srv := newTestSite(t, a, b)
	resp, _ := get(t, srv.URL+"/a/ferry-times")
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	_, err := newDemoSite([]*article.Article{a, sample.Article()}, nil)
	assert.ErrorContains(t, err, `share the id "kestrel-bay-camera-vote"`)
}

func TestServeUsage(t *testing.T) {
	code, _, stderr := runCLI(t, "", "serve", "--addr", "not an address")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "broadsheet serve:")
	code, _, stderr = runCLI(t, "", "serve", "testdata/broken.json")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "url:")
}
