package xsscheck

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/broadsheet/broadsheet/internal/testenv"
	"github.com/broadsheet/broadsheet/sanitize"
)

// vector is one entry of sanitize's attack corpus.
type vector struct {
	name, category, html string
}

// loadVectors reads sanitize/testdata/vectors.txt: "=== NAME CATEGORY"
// headers, each followed by the vector's HTML.
func loadVectors(t testing.TB) []vector {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "sanitize", "testdata", "vectors.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var vs []vector
	var cur *vector
	var body []string
	flush := func() {
		if cur != nil {
			cur.html = strings.Join(body, "\n")
			vs = append(vs, *cur)
		}
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "=== "); ok {
			flush()
			f := strings.Fields(rest)
			if len(f) != 2 {
				t.Fatalf("vectors.txt: bad header %q", line)
			}
			cur, body = &vector{name: f[0], category: f[1]}, nil
			continue
		}
		if cur != nil {
			body = append(body, line)
		}
	}
	if cur != nil && len(body) > 0 && body[len(body)-1] == "" {
		body = body[:len(body)-1] // the file's final newline
	}
	flush()
	if len(vs) < 200 {
		t.Fatalf("corpus has %d vectors, want at least 200", len(vs))
	}
	return vs
}

// testPage wraps a body in a page with the parts an attack would want to
// reach: a share link, a newsletter form, a footer.
func testPage(body string) string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>` +
		`<main id="__main"><article id="__article"><div id="__body">` + body + `</div>` +
		`<aside id="__share"><a id="__sharelink" href="https://share.example/">share</a></aside>` +
		`<form id="__nl" action="https://news.example.com/subscribe"><input id="__email" name="email"></form>` +
		`</article><footer id="__foot">footer</footer></main></body></html>`
}

// policies are the body policies the browser checks.
func policies(t testing.TB) map[string]*sanitize.Policy {
	t.Helper()
	body, err := sanitize.BodyPolicy(sanitize.Options{BaseURL: "https://news.example.com/local/story"})
	if err != nil {
		t.Fatal(err)
	}
	embeds, err := sanitize.BodyPolicy(sanitize.Options{BaseURL: "https://news.example.com/", Embeds: true, DropIDs: true})
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*sanitize.Policy{"body": body, "body-embeds": embeds}
}

// browserPage wraps a body in the test page plus the globals and the last
// script that checks.js looks at.
func browserPage(body string) string {
	p := testPage(body)
	p = strings.Replace(p, "<title>t</title>",
		`<title>t</title><script>window.siteConfig={ok:true};window.dataLayer=[];window.__pageURL=document.URL;</script>`, 1)
	return strings.Replace(p, "</main></body>", `</main><script>window.__tailRan=true;</script></body>`, 1)
}

// verdict is what the browser saw on one page.
type verdict struct {
	hits     []string // trapped executions and real dialogs
	findings []string // checks.js
	err      error    // the page could not be loaded or checked
}

func (v verdict) executed() bool { return len(v.hits) > 0 }

// harness serves pages from memory and loads them in headless Chromium.
type harness struct {
	t       *testing.T
	srv     *http.Server
	base    string
	mu      sync.Mutex
	pages   map[string]string
	hits    map[string][]string // by page path
	browser context.Context
	trap    string
	poke    string
	checks  string
}

func newHarness(t *testing.T) *harness {
	h := &harness{t: t, pages: map[string]string{}, hits: map[string][]string{}}
	for name, dst := range map[string]*string{"trap.js": &h.trap, "activate.js": &h.poke, "checks.js": &h.checks} {
		b, err := os.ReadFile("testdata/browser/" + name)
		if err != nil {
			t.Fatal(err)
		}
		*dst = string(b)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h.base = "http://" + ln.Addr().String()
	h.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		body, ok := h.pages[r.URL.Path]
		h.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(body))
	})}
	go func() { _ = h.srv.Serve(ln) }()
	t.Cleanup(func() { _ = h.srv.Close() })

	// No request leaves the machine; remote loads fail at once.
	browser := testenv.Browser(t, chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"))
	h.browser = browser
	return h
}

func (h *harness) add(path, html string) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.pages[path] = html
	return path
}

func (h *harness) record(rawURL, what string) {
	path := rawURL
	if i := strings.Index(rawURL, h.base); i == 0 {
		path = rawURL[len(h.base):]
	}
	if j := strings.IndexAny(path, "?#"); j >= 0 {
		path = path[:j]
	}
	h.mu.Lock()
	h.hits[path] = append(h.hits[path], what)
	h.mu.Unlock()
}

// tab opens a tab with the trap installed.
func (h *harness) tab() (context.Context, context.CancelFunc, error) {
	ctx, cancel := chromedp.NewContext(h.browser)
	if _, err := chromedp.Call(ctx, runtime.AddBinding, runtime.AddBindingParams{Name: "__xssHit"}); err != nil {
		cancel()
		return nil, nil, err
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: h.trap}); err != nil {
		cancel()
		return nil, nil, err
	}
	go func() {
		for ev, err := range chromedp.Events(ctx, runtime.BindingCalled) {
			if err != nil {
				return
			}
			var hit struct{ Kind, Detail, URL string }
			if json.Unmarshal([]byte(ev.Payload), &hit) != nil {
				continue
			}
			h.record(hit.URL, hit.Kind+"("+hit.Detail+")")
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(ctx, page.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			h.record(ev.URL, "real "+string(ev.Type)+" dialog: "+ev.Message)
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{})
		}
	}()
	return ctx, cancel, nil
}

// run loads every path with workers tabs and returns the verdicts.
func (h *harness) run(paths []string, workers int) map[string]verdict {
	out := make(map[string]verdict, len(paths))
	var mu sync.Mutex
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel, err := h.tab()
			for path := range jobs {
				if err != nil {
					mu.Lock()
					out[path] = verdict{err: err}
					mu.Unlock()
					continue
				}
				v := h.load(ctx, path)
				if v.err != nil {
					// A page that hangs its tab gets a fresh tab for the next.
					cancel()
					ctx, cancel, err = h.tab()
				}
				mu.Lock()
				out[path] = v
				mu.Unlock()
			}
			if cancel != nil {
				cancel()
			}
		}()
	}
	for _, p := range paths {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	// Let late events of the last pages arrive.
	time.Sleep(200 * time.Millisecond)
	h.mu.Lock()
	defer h.mu.Unlock()
	for path, v := range out {
		v.hits = h.hits[path]
		out[path] = v
	}
	return out
}

func (h *harness) load(tab context.Context, path string) verdict {
	ctx, cancel := context.WithTimeout(tab, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(h.base+path), chromedp.Sleep(40*time.Millisecond)); err != nil {
		return verdict{err: fmt.Errorf("load %s: %w", path, err)}
	}
	// Findings are read before poking, so clicks cannot hide them.
	findings, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](h.checks))
	if err != nil {
		// The page navigated away or broke the evaluation: a finding too.
		findings = []string{"integrity: checks did not run: " + err.Error()}
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](h.poke)); err != nil {
		findings = append(findings, "integrity: activation did not run: "+err.Error())
	}
	_ = chromedp.Do(ctx, chromedp.Sleep(40*time.Millisecond))
	return verdict{findings: findings}
}

// TestBrowser loads every corpus vector in headless Chromium: raw (the
// positive control: the harness must see script run), and sanitised by the
// body policies (nothing may run, nothing latent, the page intact).
func TestBrowser(t *testing.T) {
	testenv.SkipIfShort(t, "browser test skipped in -short mode")
	h := newHarness(t)
	vs := loadVectors(t)
	pols := policies(t)
	modes := []string{"raw", "body", "body-embeds"}
	var paths []string
	for _, mode := range modes {
		for i, v := range vs {
			body := v.html
			if mode != "raw" {
				body = string(pols[mode].Sanitize(v.html))
			}
			paths = append(paths, h.add("/"+mode+"/"+strconv.Itoa(i), browserPage(body)))
		}
	}
	// Self-test of the oracle before the corpus: a bare handler must fire.
	self := h.add("/self", browserPage(`<img src="x" onerror="alert('self-test')">`))
	if v := h.run([]string{self}, 1)[self]; !v.executed() {
		t.Fatalf("harness self-test: raw onerror handler not detected (%v)", v)
	}

	start := time.Now()
	res := h.run(paths, 2)
	elapsed := time.Since(start)

	for _, mode := range modes {
		exec, latent, integrity, errs, flagged := 0, 0, 0, 0, 0
		for i, v := range vs {
			r := res["/"+mode+"/"+strconv.Itoa(i)]
			isLatent, isIntegrity := false, false
			for _, f := range r.findings {
				isLatent = isLatent || strings.HasPrefix(f, "latent:")
				isIntegrity = isIntegrity || strings.HasPrefix(f, "integrity:")
			}
			switch {
			case r.err != nil:
				errs++
			case r.executed():
				exec++
			}
			if isLatent {
				latent++
			}
			if isIntegrity {
				integrity++
			}
			if r.executed() || isLatent || isIntegrity {
				flagged++
			}
			if mode == "raw" {
				continue
			}
			if r.err != nil {
				t.Errorf("%s/%s: %v", mode, v.name, r.err)
			}
			if r.executed() || isLatent || isIntegrity {
				t.Errorf("%s/%s: executed %v, findings %v\n  in:  %q\n  out: %q", mode, v.name, r.hits, r.findings, v.html, pols[mode].Sanitize(v.html))
			}
		}
		t.Logf("%-12s %d pages: executed %d, latent %d, integrity %d, flagged in any way %d, load errors %d", mode, len(vs), exec, latent, integrity, flagged, errs)
		if mode == "raw" && exec == 0 {
			t.Errorf("raw vectors: the harness saw no execution at all")
		}
	}
	t.Logf("%d pages in %v (%.1f pages/s, 2 tabs)", len(paths), elapsed.Round(time.Millisecond), float64(len(paths))/elapsed.Seconds())
}
