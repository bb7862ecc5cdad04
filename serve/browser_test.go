package serve_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/internal/testenv"
	"github.com/broadsheet/broadsheet/serve"
)

// TestCSPInBrowser loads the handler's pages in headless Chromium under
// DefaultCSP (plus a report-uri) and checks that the policy blocks nothing
// the pages need: no violation report, the inline stylesheet applied, the
// JSON-LD present and parseable. A control page with an inline script
// under the same policy must be reported, which shows the reports arrive.
func TestCSPInBrowser(t *testing.T) {
	testenv.SkipIfShort(t, "starts a browser")
	testenv.Chromium(t) // skip before starting the servers when it is missing

	var mu sync.Mutex
	var reports []string
	h, err := serve.New(collection(t), serve.Options{CSP: serve.DefaultCSP + "; report-uri /csp-report", Now: func() time.Time { return testNow }})
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /csp-report", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(io.LimitReader(r.Body, 1<<16))
		mu.Lock()
		reports = append(reports, string(b))
		mu.Unlock()
	})
	mux.HandleFunc("GET /control", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", serve.DefaultCSP+"; report-uri /csp-report")
		io.WriteString(w, `<!DOCTYPE html><html lang="en"><head><title>control</title></head><body><script>document.title = "ran"</script></body></html>`)
	})
	mux.Handle("/", h)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	count := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(reports)
	}

	bctx := testenv.Browser(t)
	tctx, cancel := context.WithTimeout(bctx, 2*time.Minute)
	defer cancel()

	// The control: its inline script is blocked and reported.
	require.NoError(t, chromedp.Do(tctx, chromedp.Navigate(srv.URL+"/control")))
	title, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.title`))
	require.NoError(t, err)
	assert.Equal(t, "control", title, "the inline script did not run")
	deadline := time.Now().Add(10 * time.Second)
	for count() == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	require.Positive(t, count(), "the browser reports violations to the handler's report-uri")
	before := count()

	for _, path := range []string{"/a/" + sample.Article().ID, "/a/ferry-cuts", "/"} {
		require.NoError(t, chromedp.Do(tctx, chromedp.Navigate(srv.URL+path)))
		styled, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`getComputedStyle(document.body).marginTop !== "8px" || getComputedStyle(document.body).maxWidth !== "none"`))
		require.NoError(t, err)
		assert.True(t, styled, "%s: the inline stylesheet applies", path)
		if path != "/" {
			ld, err := chromedp.Run(tctx, chromedp.Evaluate[int](`[...document.querySelectorAll('script[type="application/ld+json"]')].map(s => JSON.parse(s.textContent)).length`))
			require.NoError(t, err)
			assert.Positive(t, ld, "%s: the JSON-LD is in the DOM and parses", path)
		}
	}
	time.Sleep(time.Second) // reports are sent asynchronously
	mu.Lock()
	assert.Equal(t, before, len(reports), "no violation on the handler's pages: %v", reports[before:])
	mu.Unlock()
}
