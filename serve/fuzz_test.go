package serve_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/serve"
)

var (
	fuzzOnce    sync.Once
	fuzzHandler *serve.Handler
)

// FuzzRequest sends arbitrary paths and query strings: the handler never
// panics, never answers 5xx, always sets the security headers, and never
// reflects the request into an error page.
func FuzzRequest(f *testing.F) {
	for _, seed := range [][2]string{
		{"/", ""}, {"/a/ferry-cuts", "utm_source=x"}, {"/a/ferry-cuts/fragment", ""}, {"/a/ferry-cuts/meta.json", ""},
		{"/cards/ferry-cuts/1200x630-standard.png", ""}, {"/cards/ferry-cuts/100x100-keypoint-1.png", ""},
		{"/cards/kestrel-bay-camera-vote/200x200-keypoint-4.png", ""}, {"/cards/x/0x0-standard.png", ""},
		{"/cards/ferry-cuts/1200x630-standard.deadbeef.png", ""}, {"/oembed", "url=https://news.example.com/local/ferry-cuts&maxwidth=-1"},
		{"/oembed", "url=%zz&format=json"}, {"/local/ferry-cuts", ""}, {"/feed.xml", "a=1&a=2"}, {"/news-sitemap.xml", ""},
		{"/a/%2e%2e/etc/passwd", ""}, {"/a/<script>", ""}, {"//a//", ""},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, path, query string) {
		fuzzOnce.Do(func() {
			h, err := serve.New(collection(t), serve.Options{MaxCardPixels: 400 * 400})
			if err != nil {
				t.Fatal(err)
			}
			fuzzHandler = h
		})
		target := "/" + strings.TrimPrefix(path, "/")
		if query != "" {
			target += "?" + query
		}
		u, err := url.ParseRequestURI(target)
		if err != nil || strings.ContainsAny(target, " \r\n\x00") || !utf8.ValidString(target) {
			return // not a request line a server would accept
		}
		req := &http.Request{Method: "GET", URL: u, RequestURI: target, Host: "news.example.com", Header: http.Header{}, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}
		rec := httptest.NewRecorder()
		fuzzHandler.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %s = %d: %s", target, rec.Code, rec.Body.String())
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" || rec.Header().Get("Content-Security-Policy") == "" && rec.Code != 301 && rec.Code != 307 && rec.Code != 308 {
			t.Fatalf("GET %s = %d without the security headers: %v", target, rec.Code, rec.Header())
		}
		if rec.Code >= 400 && len(path) > 8 && strings.Contains(rec.Body.String(), path) {
			t.Fatalf("GET %s: the error page reflects the path: %s", target, rec.Body.String())
		}
	})
}
