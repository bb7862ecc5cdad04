package render

// Checks by outside tools: the Nu Html Checker (npm vnu-jar on the
// machine's Java) and open-graph-scraper (npm) as an independent head
// parser. The axe-core check in headless Chromium is in the module's internal/a11y, so
// this package's fuzz binary does not link chromedp. Each finds its
// tool through internal/testenv: missing tools skip locally and fail in CI.

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/fixture"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/internal/testenv"
)

// control is a page with known faults (no lang, an image without alt,
// grey on grey text): each check must report it, which shows the harness
// can fail.
const (
	controlName = "control-faulty.html"
	control     = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Control</title>\n</head>\n<body>\n<main>\n<p style=\"color:#aaa;background:#bbb\">Low contrast</p>\n<img src=\"x.png\">\n</main>\n</body>\n</html>\n"
)

// checkDocuments renders the documents every outside check runs on.
func checkDocuments(t *testing.T) map[string]string {
	t.Helper()
	r := newRenderer(t)
	docs := map[string]string{}
	page, err := r.PageString(sample.Article(), tickerView(sample.Ticker()))
	require.NoError(t, err)
	docs["sample-page.html"] = page
	frag, err := r.FragmentString(sample.Article())
	require.NoError(t, err)
	docs["sample-fragment.html"] = fixture.Wrap(frag)
	page, err = r.PageString(hostileArticle(), tickerView(hostileTicker()))
	require.NoError(t, err)
	docs["hostile-page.html"] = page
	frag, err = r.FragmentString(hostileArticle())
	require.NoError(t, err)
	docs["hostile-fragment.html"] = fixture.Wrap(frag)
	page, err = r.PageString(fixture.Bare(), View{})
	require.NoError(t, err)
	docs["bare-page.html"] = page
	// With the oEmbed discovery link.
	or, err := New(Options{OEmbed: "https://news.example.com/oembed"})
	require.NoError(t, err)
	page, err = or.PageString(sample.Article(), View{})
	require.NoError(t, err)
	docs["oembed-page.html"] = page
	// The French and Arabic samples, in their papers' zones, with tickers
	// that mix directions.
	for _, s := range localeSamples {
		if s.lang != "fr" && s.lang != "ar" {
			continue
		}
		lr, err := New(Options{TimeZone: s.zone})
		require.NoError(t, err)
		a := localeArticle(t, s.lang)
		page, err := lr.PageString(a, View{Ticker: Ticker{Items: s.ticker}})
		require.NoError(t, err)
		docs[s.lang+"-page.html"] = page
		frag, err := lr.FragmentString(a)
		require.NoError(t, err)
		docs[s.lang+"-fragment.html"] = strings.Replace(fixture.Wrap(frag), `lang="en-GB"`, `lang="`+a.Language+`"`, 1)
	}
	return docs
}

func writeDocs(t *testing.T, docs map[string]string) (dir string, paths []string) {
	t.Helper()
	dir = t.TempDir()
	for name, doc := range docs {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(doc), 0o644))
		paths = append(paths, p)
	}
	return dir, paths
}

// TestNuHTMLChecker runs the Nu Html Checker on every document: zero
// errors and zero warnings (informational messages are logged).
func TestNuHTMLChecker(t *testing.T) {
	testenv.SkipIfShort(t, "starts a JVM")
	java := testenv.Java(t)
	jar := filepath.Join(testenv.NodeModule(t, "vnu-jar"), "build", "dist", "vnu.jar")
	docs := checkDocuments(t)
	docs[controlName] = control
	_, paths := writeDocs(t, docs)
	args := append([]string{"-jar", jar, "--format", "json", "--also-check-css"}, paths...)
	cmd := exec.Command(java, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run() // vnu reports on stderr and exits 1 when it finds anything
	var report struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine                             int
		}
	}
	require.NoError(t, json.Unmarshal([]byte(stderr.String()), &report), "vnu output: %s (run error %v)", stderr.String(), err)
	controlMessages := 0
	for _, m := range report.Messages {
		if filepath.Base(m.URL) == controlName {
			controlMessages++
			continue
		}
		if m.Type == "info" && m.SubType != "warning" {
			// Advice that is neither error nor warning, such as the
			// trailing slash sanitize writes on void elements.
			t.Logf("%s: line %d: info: %s", filepath.Base(m.URL), m.LastLine, m.Message)
			continue
		}
		t.Errorf("%s: line %d: %s %s: %s\n  %s", filepath.Base(m.URL), m.LastLine, m.Type, m.SubType, m.Message, m.Extract)
	}
	require.GreaterOrEqual(t, controlMessages, 2, "the harness sees the control document's faults")
	t.Logf("vnu: %d documents, %d messages (%d on the control document)", len(paths), len(report.Messages), controlMessages)
}

// TestOpenGraphScraper parses the page's head with the npm package
// open-graph-scraper and compares what it reads with the resolved values.
func TestOpenGraphScraper(t *testing.T) {
	testenv.SkipIfShort(t, "starts node")
	node := testenv.Node(t)
	ogsDir := testenv.NodeModule(t, "open-graph-scraper")
	r := newRenderer(t)
	for _, tt := range []struct {
		name string
		a    func() *article.Article
	}{
		{"sample", sample.Article},
		{"hostile", hostileArticle},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a()
			page, err := r.PageString(a, View{})
			require.NoError(t, err)
			m, err := r.Meta(a)
			require.NoError(t, err)
			dir := t.TempDir()
			file := filepath.Join(dir, "page.html")
			require.NoError(t, os.WriteFile(file, []byte(page), 0o644))
			script := filepath.Join(dir, "ogs.js")
			require.NoError(t, os.WriteFile(script, []byte(ogsScript), 0o644))
			out, err := exec.Command(node, script, ogsDir, file).Output()
			require.NoError(t, err, "%s", out)
			var res struct {
				Error  bool
				Result map[string]any
			}
			require.NoError(t, json.Unmarshal(out, &res))
			require.False(t, res.Error, "%v", res.Result)
			got := res.Result
			og, tc := m.OpenGraph, m.Twitter
			want := map[string]string{
				"ogType": og.Type, "ogTitle": og.Title, "ogDescription": og.Description, "ogUrl": og.URL,
				"ogSiteName": og.SiteName, "ogLocale": og.Locale, "articlePublishedTime": og.PublishedTime,
				"articleSection": og.Section, "articlePublisher": og.Publisher, "fbAppId": og.AppID,
				"twitterCard": tc.Card, "twitterSite": tc.Site, "twitterCreator": tc.Creator,
				"twitterTitle": tc.Title, "twitterDescription": tc.Description, "author": m.Author,
				// open-graph-scraper keeps the last of repeated tags.
				"articleAuthor": og.Authors[len(og.Authors)-1], "articleTag": og.Tags[len(og.Tags)-1],
			}
			if og.ModifiedTime != "" {
				want["articleModifiedTime"] = og.ModifiedTime
			}
			for k, v := range want {
				assert.Equal(t, v, got[k], k)
			}
			img := got["ogImage"].([]any)[0].(map[string]any)
			assert.Equal(t, og.Image.URL, img["url"])
			assert.Equal(t, og.Image.Alt, img["alt"])
			assert.Equal(t, og.Image.Type, img["type"])
			assert.Equal(t, fmt.Sprint(og.Image.Width), img["width"])
			assert.Equal(t, fmt.Sprint(og.Image.Height), img["height"])
			timg := got["twitterImage"].([]any)[0].(map[string]any)
			assert.Equal(t, tc.Image, timg["url"])
			assert.Equal(t, tc.ImageAlt, timg["alt"])
			var want2 any
			require.NoError(t, json.Unmarshal(m.JSONLD(), &want2))
			assert.Equal(t, []any{want2}, got["jsonLD"], "JSON-LD")
		})
	}
}

const ogsScript = `
const ogs = require(process.argv[2]);
const html = require("fs").readFileSync(process.argv[3], "utf8");
ogs({ html }).then(({ error, result }) => process.stdout.write(JSON.stringify({ error, result })))
  .catch(e => { console.error(e); process.exit(1); });
`
