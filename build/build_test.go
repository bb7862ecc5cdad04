package build_test

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/broadsheet/broadsheet/build"
	"github.com/broadsheet/broadsheet/render/card"
	"github.com/broadsheet/broadsheet/serve"
	"github.com/broadsheet/broadsheet/site"
)

var testNow = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

const siteJSON = `{"name": "The Kestrel Courier", "url": "https://news.example.com/", "tagline": "News from the bay", "locale": "en_GB"}`

// mdArticle is a Markdown article (original fiction) published hours
// before testNow.
func mdArticle(id, section string, hours int, breaking bool, extra string) string {
	return fmt.Sprintf(`---
id: %s
url: https://news.example.com/%s/%s
headline: Ferry timetable %s changes for winter
standfirst: The harbour ferry runs less often from December, the operator says.
section: %s
language: en-GB
breaking: %v
published: %s
authors:
  - name: Ines Varga
    url: https://news.example.com/people/ines-varga
key_points:
  - Sailings drop to **four** a day.
---
The operator says the *winter* timetable starts on 1 December. %s
`, id, strings.ToLower(section), id, id, section, breaking, testNow.Add(-time.Duration(hours)*time.Hour).Format(time.RFC3339), extra)
}

// writeSources writes site.json and n articles into a new folder.
func writeSources(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "site.json"), []byte(siteJSON), 0o644))
	for i := range n {
		id := fmt.Sprintf("story-%02d", i)
		require.NoError(t, os.WriteFile(filepath.Join(dir, id+".md"), []byte(mdArticle(id, "UK", i+1, i == 1, "")), 0o644))
	}
	return dir
}

func load(t *testing.T, src string, keepGoing bool) (*site.Collection, error) {
	t.Helper()
	cfg, err := site.LoadConfig(filepath.Join(src, "site.json"))
	require.NoError(t, err)
	return site.Load(site.Options{Site: cfg, Decoders: build.Decoders(), KeepGoing: keepGoing}, src)
}

func opts(out string) build.Options {
	return build.Options{
		Out: out, Engine: "test", Jobs: 2,
		Serve: serve.Options{Now: func() time.Time { return testNow }},
	}
}

func runBuild(t *testing.T, src, out string) *build.Result {
	t.Helper()
	c, err := load(t, src, false)
	require.NoError(t, err)
	res, err := build.Build(context.Background(), c, opts(out))
	require.NoError(t, err)
	return res
}

// files returns every file under dir (slash paths) with its modification
// time.
func files(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	m := map[string]time.Time{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = info.ModTime()
		return nil
	}))
	return m
}

func TestLayout(t *testing.T) {
	src := writeSources(t, 3)
	out := t.TempDir()
	res := runBuild(t, src, out)
	assert.Equal(t, 3, res.Articles)
	assert.Equal(t, 3, res.Rendered)
	assert.True(t, res.Listings)
	got := files(t, out)
	for _, want := range []string{
		"index.html", "feed.xml", "atom.xml", "feed.json", "sitemap.xml", "news-sitemap.xml", build.ManifestName,
		"uk/story-00/index.html",
		"a/story-00/index.html",
		"a/story-00/fragment/index.html",
		"a/story-00/meta.json",
		"a/story-00/share.json",
		"cards/story-00/1200x630-standard.png",
		"cards/story-00/1080x1080-keypoint-1.png", // the index links it
	} {
		assert.Contains(t, got, want)
	}
	var hashed []string
	for f := range got {
		if strings.HasPrefix(f, "cards/story-00/1200x630-standard.") && f != "cards/story-00/1200x630-standard.png" {
			hashed = append(hashed, f)
		}
		assert.False(t, strings.HasSuffix(f, ".tmp"), "temporary file left: %s", f)
	}
	require.Len(t, hashed, 1)
	// og:image points at the hashed card, which exists.
	page, err := os.ReadFile(filepath.Join(out, "uk/story-00/index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), `<meta property="og:image" content="https://news.example.com/`+hashed[0]+`"`)
	assert.Equal(t, 3*8+6+1, len(got), "files: %v", keys(got))
}

func keys[V any](m map[string]V) []string {
	var k []string
	for s := range m {
		k = append(k, s)
	}
	sort.Strings(k)
	return k
}

// TestSameBytesAsServe checks that every built file is byte for byte what
// serve answers at the same URL (without the oEmbed discovery link, which
// a build leaves out: a static host does not answer /oembed).
func TestSameBytesAsServe(t *testing.T) {
	src := writeSources(t, 3)
	out := t.TempDir()
	runBuild(t, src, out)
	c, err := load(t, src, false)
	require.NoError(t, err)
	h, err := serve.New(c, serve.Options{PublicURL: "https://news.example.com/", Now: func() time.Time { return testNow }, NoOEmbedLink: true})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	defer srv.Close()
	for f := range files(t, out) {
		if f == build.ManifestName {
			continue
		}
		route := "/" + strings.TrimSuffix(f, "index.html")
		if route != "/" {
			route = strings.TrimSuffix(route, "/")
		}
		t.Run(f, func(t *testing.T) {
			resp, err := http.Get(srv.URL + route)
			require.NoError(t, err)
			defer resp.Body.Close()
			require.Equal(t, http.StatusOK, resp.StatusCode)
			want, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			got, err := os.ReadFile(filepath.Join(out, f))
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))
		})
	}
}

func TestUnchangedRebuildTouchesNothing(t *testing.T) {
	src := writeSources(t, 4)
	out := t.TempDir()
	runBuild(t, src, out)
	before := files(t, out)
	time.Sleep(20 * time.Millisecond) // modification times must be able to differ
	res := runBuild(t, src, out)
	assert.Equal(t, 0, res.Rendered)
	assert.Equal(t, 4, res.Unchanged)
	assert.False(t, res.Listings)
	assert.Equal(t, 0, res.Written)
	assert.Equal(t, 0, res.Removed)
	assert.Equal(t, before, files(t, out))
}

func TestChangedArticleRewritesItsFilesAndListings(t *testing.T) {
	src := writeSources(t, 4)
	out := t.TempDir()
	runBuild(t, src, out)
	before := files(t, out)
	time.Sleep(20 * time.Millisecond)
	// story-02 is not breaking, so no other page's ticker shows it.
	require.NoError(t, os.WriteFile(filepath.Join(src, "story-02.md"), []byte(mdArticle("story-02", "UK", 3, false, "A new sentence.")), 0o644))
	res := runBuild(t, src, out)
	assert.Equal(t, 1, res.Rendered)
	assert.True(t, res.Listings)
	after := files(t, out)
	var changed, added, removed []string
	for f, m := range after {
		old, ok := before[f]
		switch {
		case !ok:
			added = append(added, f)
		case !old.Equal(m):
			changed = append(changed, f)
		}
	}
	for f := range before {
		if _, ok := after[f]; !ok {
			removed = append(removed, f)
		}
	}
	sort.Strings(changed)
	assert.Equal(t, []string{
		build.ManifestName,
		"a/story-02/fragment/index.html", "a/story-02/index.html", "a/story-02/meta.json", "a/story-02/share.json",
		"atom.xml", "cards/story-02/1080x1080-keypoint-1.png", "cards/story-02/1200x630-standard.png",
		"feed.json", "feed.xml", "index.html", "news-sitemap.xml", "sitemap.xml",
		"uk/story-02/index.html",
	}, changed)
	// The card's hash changed: the new hashed card replaces the old one.
	require.Len(t, added, 1)
	require.Len(t, removed, 1)
	assert.True(t, strings.HasPrefix(added[0], "cards/story-02/1200x630-standard."))
	assert.True(t, strings.HasPrefix(removed[0], "cards/story-02/1200x630-standard."))
}

func TestBreakingChangeRewritesTickers(t *testing.T) {
	src := writeSources(t, 3)
	out := t.TempDir()
	runBuild(t, src, out)
	// story-01 is breaking: every other page's ticker shows its headline.
	require.NoError(t, os.WriteFile(filepath.Join(src, "story-01.md"),
		[]byte(strings.Replace(mdArticle("story-01", "UK", 2, true, ""), "Ferry timetable", "Ferry service", 1)), 0o644))
	res := runBuild(t, src, out)
	assert.Equal(t, 3, res.Rendered)
	page, err := os.ReadFile(filepath.Join(out, "uk/story-00/index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), "Ferry service story-01")
}

func TestDeletedArticleFilesGo(t *testing.T) {
	src := writeSources(t, 3)
	out := t.TempDir()
	runBuild(t, src, out)
	require.NoError(t, os.Remove(filepath.Join(src, "story-02.md")))
	res := runBuild(t, src, out)
	assert.Equal(t, 8, res.Removed)
	for f := range files(t, out) {
		assert.NotContains(t, f, "story-02")
	}
	for _, d := range []string{"uk/story-02", "a/story-02", "cards/story-02"} {
		_, err := os.Stat(filepath.Join(out, d))
		assert.True(t, errors.Is(err, fs.ErrNotExist), "%s should be gone", d)
	}
}

func TestMissingOutputIsRebuilt(t *testing.T) {
	src := writeSources(t, 2)
	out := t.TempDir()
	runBuild(t, src, out)
	require.NoError(t, os.Remove(filepath.Join(out, "a/story-01/meta.json")))
	res := runBuild(t, src, out)
	assert.Equal(t, 1, res.Rendered)
	assert.FileExists(t, filepath.Join(out, "a/story-01/meta.json"))
}

func TestShardsCoverEverythingOnce(t *testing.T) {
	src := writeSources(t, 9)
	c, err := load(t, src, false)
	require.NoError(t, err)
	whole := t.TempDir()
	_, err = build.Build(context.Background(), c, opts(whole))
	require.NoError(t, err)
	shared := t.TempDir()
	total := 0
	for i := range 3 {
		o := opts(shared)
		o.Shard, o.Shards = i, 3
		res, err := build.Build(context.Background(), c, o)
		require.NoError(t, err)
		total += res.Articles
		assert.Equal(t, i == 0, res.Listings, "listings on shard 0 only")
	}
	assert.Equal(t, 9, total)
	w, s := files(t, whole), files(t, shared)
	delete(w, build.ManifestName)
	for i := range 3 {
		name := fmt.Sprintf(".broadsheet-build.%d-of-3.json", i)
		assert.Contains(t, s, name)
		delete(s, name)
	}
	assert.Equal(t, keys(w), keys(s))
	for f := range w {
		a, _ := os.ReadFile(filepath.Join(whole, f))
		b, _ := os.ReadFile(filepath.Join(shared, f))
		assert.Equal(t, a, b, f)
	}
}

func TestBrokenSource(t *testing.T) {
	src := writeSources(t, 3)
	require.NoError(t, os.WriteFile(filepath.Join(src, "bad.md"),
		[]byte(strings.Replace(mdArticle("bad", "UK", 1, false, ""), "section:", "sektion:", 1)), 0o644))
	_, err := load(t, src, false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "bad.md")
	assert.Contains(t, err.Error(), "sektion")
}

func TestCollidingPagesFail(t *testing.T) {
	src := writeSources(t, 1)
	// Another id at a path whose file is story-00's page file.
	other := strings.Replace(mdArticle("other", "UK", 5, false, ""), "https://news.example.com/uk/other", "https://news.example.com/uk/story-00/", 1)
	require.NoError(t, os.WriteFile(filepath.Join(src, "other.md"), []byte(other), 0o644))
	c, err := load(t, src, false)
	if err != nil {
		// The collection may refuse the pair itself; either way the
		// collision must be an error naming the other article.
		require.ErrorContains(t, err, "other")
		return
	}
	_, err = build.Build(context.Background(), c, opts(t.TempDir()))
	require.ErrorIs(t, err, build.ErrArticle)
	assert.Contains(t, err.Error(), "other.md")

	o := opts(t.TempDir())
	o.KeepGoing = true
	res, err := build.Build(context.Background(), c, o)
	require.NoError(t, err)
	require.Len(t, res.Failed, 1)
	assert.Equal(t, 1, res.Rendered)
}

// TestInterruptedBuild cancels a build part way, then rebuilds: every page
// is complete, valid HTML and the same as an uninterrupted build's.
func TestInterruptedBuild(t *testing.T) {
	src := writeSources(t, 12)
	c, err := load(t, src, false)
	require.NoError(t, err)
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	o := opts(out)
	o.Jobs = 1
	o.Progress = func(p build.Progress) {
		if p.Done == 4 {
			cancel()
		}
	}
	first, err := build.Build(ctx, c, o)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 3, first.Rendered, "the listings and three articles were done")
	for f := range files(t, out) {
		assert.False(t, strings.HasSuffix(f, ".tmp"), f)
	}
	res, err := build.Build(context.Background(), c, opts(out))
	require.NoError(t, err)
	assert.Equal(t, 12-first.Rendered, res.Rendered, "the rebuild renders what was not finished")
	assert.False(t, res.Listings)
	clean := t.TempDir()
	_, err = build.Build(context.Background(), c, opts(clean))
	require.NoError(t, err)
	for f := range files(t, clean) {
		if f == build.ManifestName {
			continue
		}
		want, _ := os.ReadFile(filepath.Join(clean, f))
		got, err := os.ReadFile(filepath.Join(out, f))
		require.NoError(t, err, f)
		assert.Equal(t, want, got, f)
		if strings.HasSuffix(f, ".html") {
			_, err := html.Parse(strings.NewReader(string(got)))
			require.NoError(t, err)
			assert.True(t, strings.HasSuffix(strings.TrimSpace(string(got)), "</html>") || strings.Contains(f, "fragment"), f)
		}
	}
}

func TestOptionsErrors(t *testing.T) {
	src := writeSources(t, 1)
	c, err := load(t, src, false)
	require.NoError(t, err)
	for name, o := range map[string]build.Options{
		"no out":          {},
		"bad shard":       {Out: t.TempDir(), Shard: 3, Shards: 3},
		"relative public": {Out: t.TempDir(), PublicURL: "/news/"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := build.Build(context.Background(), c, o)
			assert.ErrorIs(t, err, build.ErrOptions)
		})
	}
}

func TestNoCards(t *testing.T) {
	src := writeSources(t, 2)
	out := t.TempDir()
	runBuild(t, src, out)
	c, err := load(t, src, false)
	require.NoError(t, err)
	o := opts(out)
	o.NoCards = true
	res, err := build.Build(context.Background(), c, o)
	require.NoError(t, err)
	assert.Equal(t, 0, res.Rendered, "same key: only the card files go")
	assert.Equal(t, 6, res.Removed)
	for f := range files(t, out) {
		assert.False(t, strings.HasPrefix(f, "cards/"), f)
	}
}

// TestReadOnDemandSameFiles checks that a collection reading its articles
// from their files on demand builds the same files, byte for byte (the
// manifest too), as one holding them in memory.
func TestReadOnDemandSameFiles(t *testing.T) {
	src := writeSources(t, 5)
	cfg, err := site.LoadConfig(filepath.Join(src, "site.json"))
	require.NoError(t, err)
	outs := map[string]string{}
	for _, tc := range []struct {
		name        string
		maxResident int
	}{{"in memory", 0}, {"on demand", -1}} {
		c, err := site.Load(site.Options{Site: cfg, Decoders: build.Decoders(), MaxResident: tc.maxResident}, src)
		require.NoError(t, err)
		require.Equal(t, tc.maxResident == 0, c.Resident())
		outs[tc.name] = t.TempDir()
		_, err = build.Build(context.Background(), c, opts(outs[tc.name]))
		require.NoError(t, err)
	}
	mem, lazy := files(t, outs["in memory"]), files(t, outs["on demand"])
	require.Equal(t, len(mem), len(lazy))
	for f := range mem {
		want, err := os.ReadFile(filepath.Join(outs["in memory"], f))
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join(outs["on demand"], f))
		require.NoError(t, err, f)
		assert.Equal(t, string(want), string(got), f)
	}
}

// TestKilledBuildLeavesNoStrays plays the state a build killed mid-way
// leaves: a journal naming files it wrote that no manifest lists (a new
// card hash, a page of an article since deleted) and a temporary file. The
// next build removes them all, and the journal.
func TestKilledBuildLeavesNoStrays(t *testing.T) {
	src := writeSources(t, 2)
	out := t.TempDir()
	runBuild(t, src, out)
	before := files(t, out)
	strays := []string{"cards/story-00/1200x630-standard.0123456789abcdef.png", "uk/gone-story/index.html"}
	for _, f := range strays {
		p := filepath.Join(out, filepath.FromSlash(f))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("written by a killed build"), 0o644))
	}
	tmp := filepath.Join(out, "uk", "gone-story", ".index.html.tmp")
	require.NoError(t, os.WriteFile(tmp, []byte("half"), 0o644))
	journal := `["cards/story-00/1200x630-standard.0123456789abcdef.png"]` + "\n" +
		`["uk/gone-story/index.html","../outside.html"]` + "\n" + `["a/sto` // torn last line
	require.NoError(t, os.WriteFile(filepath.Join(out, build.ManifestName+".journal"), []byte(journal), 0o644))
	outside := filepath.Join(filepath.Dir(out), "outside.html")
	require.NoError(t, os.WriteFile(outside, []byte("not the build's"), 0o644))

	res := runBuild(t, src, out)
	assert.Equal(t, 2, res.Removed)
	assert.Equal(t, 0, res.Rendered)
	assert.Equal(t, before, files(t, out), "the strays, the temporary file and the journal are gone; nothing else changed")
	_, err := os.Stat(filepath.Join(out, "uk", "gone-story"))
	assert.ErrorIs(t, err, fs.ErrNotExist, "the emptied folder goes too")
	_, err = os.Stat(outside)
	assert.NoError(t, err, "a journal path outside the output folder is ignored")
}

// TestCardThemeIsKeyed checks that a new card theme (a colour, a logo)
// rebuilds every article, and the same theme again rebuilds nothing.
func TestCardThemeIsKeyed(t *testing.T) {
	src := writeSources(t, 2)
	c, err := load(t, src, false)
	require.NoError(t, err)
	out := t.TempDir()
	logo := image.NewRGBA(image.Rect(0, 0, 4, 2))
	logo.Set(1, 1, color.RGBA{R: 200, A: 255})
	otherLogo := image.NewRGBA(image.Rect(0, 0, 4, 2))
	otherLogo.Set(2, 1, color.RGBA{G: 200, A: 255})
	tests := []struct {
		name         string
		theme        card.Theme
		wantRendered int
	}{
		{"first build", card.Theme{}, 2},
		{"same theme", card.Theme{}, 0},
		{"new accent", card.Theme{Accent: color.RGBA{R: 1, A: 255}}, 2},
		{"a logo", card.Theme{Accent: color.RGBA{R: 1, A: 255}, Logo: logo}, 2},
		{"the same logo", card.Theme{Accent: color.RGBA{R: 1, A: 255}, Logo: logo}, 0},
		{"another logo", card.Theme{Accent: color.RGBA{R: 1, A: 255}, Logo: otherLogo}, 2},
	}
	for _, tc := range tests {
		o := opts(out)
		o.Serve.CardTheme = tc.theme
		res, err := build.Build(context.Background(), c, o)
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.wantRendered, res.Rendered, tc.name)
	}
}
