package serve_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
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
		{"/cards/kestrel-bay-camera-vote/400x210-photo.jpg", ""}, {"/cards/ferry-cuts/300x300-photo.jpg", ""},
		{"/cards/kestrel-bay-camera-vote/400x210-photo.png", ""}, {"/sitemaps/1.xml", ""},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, path, query string) {
		fuzzOnce.Do(func() {
			// Photo cards are drawn from a small lead image at the
			// sample's image path, so the photo routes are fuzzed too.
			lead := fstest.MapFS{"media/2026/11/promenade-cameras.jpg": {Data: smallJPEG()}}
			h, err := serve.New(collection(t), serve.Options{MaxCardPixels: 400 * 400, LeadImage: serve.LeadImageFS(lead)})
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
		// 501 is oEmbed's answer to a format it does not serve (oEmbed
		// 1.0, section 2.3.4); every other 5xx is a bug.
		notImplemented := rec.Code == http.StatusNotImplemented && u.Path == "/oembed" && u.Query().Get("format") != "json"
		if rec.Code >= 500 && !notImplemented {
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

// smallJPEG is a 320×180 JPEG: a lead image cheap enough to fuzz with.
func smallJPEG() []byte {
	img := image.NewYCbCr(image.Rect(0, 0, 320, 180), image.YCbCrSubsampleRatio420)
	for i := range img.Y {
		img.Y[i] = uint8(i * 13)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		panic(err)
	}
	return b.Bytes()
}
