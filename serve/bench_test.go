package serve_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/broadsheet/broadsheet/serve"
)

// benchRoute measures the handler in process (no network) for one request
// shape, after a first request has filled the cache.
func benchRoute(b *testing.B, path string, hdr ...string) {
	h, err := serve.New(collection(b), serve.Options{})
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	warm := httptest.NewRecorder()
	h.ServeHTTP(warm, httptest.NewRequest("GET", path, nil))
	if warm.Code != 200 {
		b.Fatalf("GET %s = %d", path, warm.Code)
	}
	if len(hdr) > 0 && hdr[0] == "If-None-Match" && hdr[1] == "" {
		req.Header.Set("If-None-Match", warm.Header().Get("ETag"))
	}
	b.ReportAllocs()
	for b.Loop() {
		w := discard{h: http.Header{}}
		h.ServeHTTP(&w, req)
		if w.code != 200 && w.code != 304 {
			b.Fatalf("status %d", w.code)
		}
	}
}

// discard is a ResponseWriter that keeps only the status.
type discard struct {
	h    http.Header
	code int
}

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(code int)        { d.code = code }

func BenchmarkPageCached(b *testing.B) { benchRoute(b, "/a/ferry-cuts") }
func BenchmarkPageByPath(b *testing.B) { benchRoute(b, "/local/ferry-cuts") }
func BenchmarkNotModified(b *testing.B) {
	benchRoute(b, "/a/ferry-cuts", "If-None-Match", "")
}
func BenchmarkCardCached(b *testing.B) { benchRoute(b, "/cards/ferry-cuts/1200x630-standard.png") }
func BenchmarkFeedCached(b *testing.B) { benchRoute(b, "/feed.xml") }
func BenchmarkPageGzip(b *testing.B)   { benchRoute(b, "/a/ferry-cuts", "Accept-Encoding", "gzip") }

// BenchmarkPageUncached is a page view of an article the handler and its
// renderer have not seen: prepare (check, metadata, sanitising, share
// links), render, cache.
func BenchmarkPageUncached(b *testing.B) {
	c := collection(b)
	a, err := c.Article(b.Context(), "ferry-cuts")
	if err != nil {
		b.Fatal(err)
	}
	h, err := serve.New(uncachedSource{c, a}, serve.Options{})
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/a/ferry-cuts", nil)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		w := discard{h: http.Header{}}
		h.ServeHTTP(&w, req.WithContext(withVersion(req.Context(), i)))
		if w.code != 200 {
			b.Fatalf("status %d", w.code)
		}
	}
}
