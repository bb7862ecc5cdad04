package serve_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/serve"
)

// loadScale returns n, or small when BROADSHEET_LOAD is not "full": the
// issue's full numbers run on request, a smaller version in CI.
func loadScale(n, small int) int {
	if os.Getenv("BROADSHEET_LOAD") == "full" {
		return n
	}
	return small
}

// TestLoad sends requests over every route from 32 concurrent clients on
// loopback and requires every one to succeed: 20,000 with
// BROADSHEET_LOAD=full, 2,000 otherwise. It stops by itself (a count and a
// five-minute deadline).
func TestLoad(t *testing.T) {
	total := loadScale(20000, 2000)
	const clients = 32
	h, srv := newServer(t, collection(t), serve.Options{})
	sampleID := sample.Article().ID
	paths := []string{
		"/", "/a/ferry-cuts", "/a/" + sampleID, "/local/harbour-fete", "/a/ferry-cuts/fragment", "/a/ferry-cuts/meta.json",
		"/a/harbour-fete/share.json", "/cards/ferry-cuts/1200x630-standard.png", "/cards/" + sampleID + "/1080x1080-keypoint-1.png",
		"/cards/harbour-fete/600x315-standard.png", "/feed.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/news-sitemap.xml",
		"/oembed?format=json&url=" + url.QueryEscape("https://news.example.com/local/ferry-cuts"), "/healthz",
	}
	// Learn each path's tag so a share of the requests are conditional.
	tags := map[string]string{}
	for _, p := range paths {
		r := do(t, "GET", srv.URL+p)
		require.Equal(t, 200, r.status, p)
		tags[p] = r.header.Get("ETag")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: time.Minute}
	var next, done, failed atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(total) || ctx.Err() != nil {
					return
				}
				p := paths[i%int64(len(paths))]
				req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+p, nil)
				want := 200
				switch i % 5 {
				case 1:
					req.Header.Set("If-None-Match", tags[p])
					want = 304
				case 2:
					req.Header.Set("Accept-Encoding", "gzip")
				case 3:
					req.Method = "HEAD"
				}
				resp, err := client.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != want {
						err = fmt.Errorf("%s %s (%s) = %d, want %d", req.Method, p, req.Header, resp.StatusCode, want)
					}
				}
				if err != nil {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, err)
					continue
				}
				done.Add(1)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if e := firstErr.Load(); e != nil {
		t.Errorf("first error: %v", e)
	}
	assert.Zero(t, failed.Load(), "failed requests")
	assert.Equal(t, int64(total), done.Load(), "requests completed")
	t.Logf("%d requests from %d clients in %v (%.0f/s); %+v", done.Load(), clients, elapsed.Round(time.Millisecond), float64(done.Load())/elapsed.Seconds(), h.Stats())
}

// TestManyCardSizes asks for 500 distinct card sizes (100 without
// BROADSHEET_LOAD=full) and holds memory to a fixed bound: the response
// cache stays within CacheBytes, and the live heap grows by less than
// 64 MiB however many sizes are asked for.
func TestManyCardSizes(t *testing.T) {
	sizes := loadScale(500, 100)
	const cacheBytes = 4 << 20
	h, srv := newServer(t, collection(t), serve.Options{CacheBytes: cacheBytes})
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	// Warm up (fonts, glyph caches, pools) before the baseline.
	require.Equal(t, 200, do(t, "GET", srv.URL+"/cards/ferry-cuts/300x200-standard.png").status)
	base := heap()
	var peak uint64
	tr := &http.Transport{MaxIdleConnsPerHost: 8}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: time.Minute}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	var bad atomic.Int64
	for i := range sizes {
		w, hgt := 300+(i%25)*20, 160+(i/25)*10
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			resp, err := client.Get(fmt.Sprintf("%s/cards/ferry-cuts/%dx%d-standard.png", srv.URL, w, hgt))
			if err != nil {
				bad.Add(1)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				bad.Add(1)
			}
		})
		if i%50 == 49 {
			wg.Wait()
			peak = max(peak, heap())
		}
	}
	wg.Wait()
	peak = max(peak, heap())
	assert.Zero(t, bad.Load(), "failed card requests")
	st := h.Stats()
	assert.LessOrEqual(t, st.CachedBytes, cacheBytes, "the response cache stays within CacheBytes")
	assert.GreaterOrEqual(t, st.Renders, int64(sizes), "every size was rendered")
	growth := int64(peak) - int64(base)
	assert.Less(t, growth, int64(64<<20), "heap grew by %d bytes over %d sizes", growth, sizes)
	t.Logf("%d sizes: heap %d → peak %d (+%.1f MiB), cache %d entries / %d bytes", sizes, base, peak, float64(growth)/(1<<20), st.CachedEntries, st.CachedBytes)
}
