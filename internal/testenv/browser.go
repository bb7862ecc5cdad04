package testenv

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Browser starts Debian's headless Chromium for t with ChromiumFlags, a
// fresh profile and any extra allocator options (for example
// chromedp.Flag("host-resolver-rules", …)), and returns a chromedp
// context on its first tab. It calls Missing when Chromium is not
// installed. The browser has already started, so callers may put a
// timeout on the context for what follows; it stops when t ends.
func Browser(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(Chromium(t)), chromedp.UserDataDir(t.TempDir())}
	for _, f := range ChromiumFlags {
		name, value, ok := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if ok {
			opts = append(opts, chromedp.Flag(name, value))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	opts = append(opts, extra...)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc() })
	// The first action starts the browser; it must not carry a timeout,
	// or the browser would stop when the timeout's context ends.
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("testenv: start chromium: %v", err)
	}
	return bctx
}
