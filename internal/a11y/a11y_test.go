package a11y

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/fixture"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/internal/testenv"
	"github.com/broadsheet/broadsheet/render"
)

// control is a page with known faults (no lang, an image without alt, grey
// on grey text): axe must report it, which shows the harness can fail.
const (
	controlName = "control-faulty.html"
	control     = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Control</title>\n</head>\n<body>\n<main>\n<p style=\"color:#aaa;background:#bbb\">Low contrast</p>\n<img src=\"x.png\">\n</main>\n</body>\n</html>\n"
)

func pages(t *testing.T) map[string]string {
	t.Helper()
	r, err := render.New(render.Options{})
	require.NoError(t, err)
	docs := map[string]string{controlName: control}
	for name, in := range map[string]struct {
		a      func() *article.Article
		ticker []string
	}{
		"sample-page.html":  {sample.Article, sample.Ticker()},
		"hostile-page.html": {fixture.Hostile, fixture.HostileTicker()},
		"bare-page.html":    {fixture.Bare, nil},
	} {
		var v render.View
		for _, h := range in.ticker {
			v.Ticker.Items = append(v.Ticker.Items, render.TickerItem{Headline: h})
		}
		page, err := r.PageString(in.a(), v)
		require.NoError(t, err)
		docs[name] = page
	}
	frag, err := r.FragmentString(sample.Article())
	require.NoError(t, err)
	docs["sample-fragment.html"] = fixture.Wrap(frag)
	// The French and Arabic sample articles (render/testdata/locale), in
	// their papers' zones, with tickers that mix directions.
	for _, l := range []struct{ lang, zone, foreign string }{
		{"fr", "Europe/Paris", "Storm warning for the coast"},
		{"ar", "Asia/Qatar", "Port bridge opens to traffic"},
	} {
		f, err := os.Open(filepath.Join(testenv.RepoRoot(t), "render", "testdata", "locale", l.lang+".json"))
		require.NoError(t, err)
		a, err := article.Decode(f, article.DecodeOptions{})
		f.Close()
		require.NoError(t, err)
		lr, err := render.New(render.Options{TimeZone: l.zone})
		require.NoError(t, err)
		v := render.View{Ticker: render.Ticker{Items: []render.TickerItem{{Headline: a.Headline}, {Headline: l.foreign, Lang: "en"}}}}
		page, err := lr.PageString(a, v)
		require.NoError(t, err)
		docs[l.lang+"-page.html"] = page
		frag, err := lr.FragmentString(a)
		require.NoError(t, err)
		docs[l.lang+"-fragment.html"] = strings.Replace(fixture.Wrap(frag), `lang="en-GB"`, `lang="`+a.Language+`"`, 1)
	}
	return docs
}

// TestAxe runs axe-core at WCAG 2.1 AA in headless Chromium on the sample
// page, the hostile and bare pages and the wrapped fragment, in light and
// dark colour schemes: zero violations.
func TestAxe(t *testing.T) {
	testenv.SkipIfShort(t, "starts a browser")
	axeJS, err := os.ReadFile(filepath.Join(testenv.NodeModule(t, "axe-core"), "axe.min.js"))
	require.NoError(t, err)
	dir := t.TempDir()
	for name, doc := range pages(t) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(doc), 0o644))
	}

	bctx := testenv.Browser(t)
	tctx, cancel := context.WithTimeout(bctx, 3*time.Minute)
	defer cancel()

	const run = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]})
	  .then(r => JSON.stringify({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.html + " :: " + n.failureSummary)})), passes: r.passes.length}))`
	for _, name := range []string{controlName, "sample-page.html", "hostile-page.html", "bare-page.html", "sample-fragment.html",
		"fr-page.html", "fr-fragment.html", "ar-page.html", "ar-fragment.html"} {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(name+"/"+scheme, func(t *testing.T) {
				err := chromedp.Do(tctx,
					chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
						_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
							Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
						})
						return err
					}),
					chromedp.Navigate("file://"+filepath.Join(dir, name)),
					chromedp.Evaluate[chromedp.Void](string(axeJS)),
				)
				require.NoError(t, err)
				out, err := chromedp.Run(tctx, chromedp.Evaluate[string](run, chromedp.EvalAwaitPromise))
				require.NoError(t, err)
				var res struct {
					Violations []struct {
						ID, Impact, Help string
						Nodes            []string
					}
					Passes int
				}
				require.NoError(t, json.Unmarshal([]byte(out), &res))
				if name == controlName {
					assert.GreaterOrEqual(t, len(res.Violations), 2, "the harness sees the control document's faults")
					return
				}
				for _, v := range res.Violations {
					t.Errorf("axe %s (%s): %s\n  %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
				}
				assert.Positive(t, res.Passes, "axe ran its rules")
				dark, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`matchMedia("(prefers-color-scheme: dark)").matches`))
				require.NoError(t, err)
				assert.Equal(t, scheme == "dark", dark, "colour scheme emulated")
			})
		}
	}
}
