package site_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/site"
)

const config = `{"name": "The Harbour Gazette", "url": "https://news.example.com/", "tagline": "News from the Bay", "locale": "en_GB", "x": "harbourgazette",
  "newsletter": {"title": "Morning tide", "pitch": "The Bay's news before breakfast.", "action": "https://news.example.com/subscribe"}}`

// story returns a valid article document; extra members are spliced in.
func story(id, published string, extra string) string {
	if extra != "" {
		extra = ",\n" + extra
	}
	return fmt.Sprintf(`{"id": %q, "url": "https://news.example.com/local/%s", "headline": "Headline of %s",
  "standfirst": "Standfirst of %s.", "language": "en-GB", "published": %q,
  "body": "<p>Body of %s.</p>"%s}`, id, id, id, id, published, id, extra)
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
}

func loadConfig(t *testing.T) *article.Site {
	t.Helper()
	s, err := site.ParseConfig([]byte(config))
	require.NoError(t, err)
	return s
}

func TestLoadFolder(t *testing.T) {
	for _, tc := range []struct {
		name        string
		maxResident int
		resident    bool
	}{
		{"kept in memory", 0, true},
		{"read on demand", -1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, map[string]string{
				"site.json":             config, // skipped by the walk
				"a.json":                story("ferry-cuts", "2026-11-20T08:00:00Z", ""),
				"nested/b.json":         story("storm-warning", "2026-11-22T08:00:00Z", `"breaking": true`),
				"nested/deeper/c.json":  story("rovers-sign", "2026-11-21T08:00:00+01:00", `"breaking": true, "site": {"name": "Harbour Sport"}`),
				".hidden/d.json":        `not even JSON`,
				"_drafts/e.json":        `not even JSON`,
				"notes.txt":             "not an article",
				"nested/.f.json":        `not even JSON`,
				"nested/no-id.json":     strings.Replace(story("", "2026-11-19T08:00:00Z", ""), `"id": "",`, "", 1),
				"nested/deeper/x.other": "ignored: no decoder",
			})
			c, err := site.Load(site.Options{Site: loadConfig(t), MaxResident: tc.maxResident}, dir)
			require.NoError(t, err)
			require.Equal(t, 4, c.Len())
			assert.Equal(t, tc.resident, c.Resident())

			var ids, breaking []string
			for i := range c.Len() {
				e := c.Entry(i)
				ids = append(ids, e.ID)
				if e.Breaking {
					breaking = append(breaking, e.ID)
				}
			}
			assert.Equal(t, []string{"storm-warning", "rovers-sign", "ferry-cuts", "no-id"}, ids, "newest first; a missing id comes from the file name")
			assert.Equal(t, []string{"storm-warning", "rovers-sign"}, breaking)

			a, err := c.Article(t.Context(), "rovers-sign")
			require.NoError(t, err)
			assert.Equal(t, "Harbour Sport", a.Site.Name, "the article's own member wins")
			assert.Equal(t, "https://news.example.com/", a.Site.URL, "other members are inherited")
			assert.Equal(t, "harbourgazette", a.Site.X)
			require.NotNil(t, a.Site.Newsletter)
			assert.Equal(t, "Morning tide", a.Site.Newsletter.Title)

			e, ok := c.Lookup("rovers-sign")
			require.True(t, ok)
			assert.Equal(t, site.Entry{ID: "rovers-sign", URL: "https://news.example.com/local/rovers-sign", Published: a.Published,
				Breaking: true, Source: filepath.Join(dir, "nested", "deeper", "c.json"), Digest: site.ArticleDigest(a)}, e)
			assert.Equal(t, "2026-11-21T08:00:00+01:00", e.Published.Format(time.RFC3339), "the entry keeps the offset")
			assert.Equal(t, e.Published, e.Updated())
			assert.Equal(t, "/local/rovers-sign", e.PagePath())

			b, err := c.ArticleByURL(t.Context(), "HTTPS://NEWS.example.com/local/ferry-cuts")
			require.NoError(t, err, "scheme and host compare without case")
			assert.Equal(t, "ferry-cuts", b.ID)
			_, err = c.ArticleByURL(t.Context(), "https://elsewhere.example/local/ferry-cuts")
			assert.ErrorIs(t, err, site.ErrNotFound, "the path alone does not find a URL on another host")
			p, err := c.ArticleByURL(t.Context(), "/local/storm-warning")
			require.NoError(t, err)
			assert.Equal(t, "storm-warning", p.ID)
			_, err = c.Article(t.Context(), "nope")
			assert.ErrorIs(t, err, site.ErrNotFound)
			_, ok = c.Lookup("nope")
			assert.False(t, ok)

			latest, err := c.LatestContext(t.Context(), 2)
			require.NoError(t, err)
			assert.Len(t, latest, 2)
			latest, err = c.LatestContext(t.Context(), 0)
			require.NoError(t, err)
			assert.Len(t, latest, 4)
			assert.Equal(t, "no-id", latest[3].ID)
		})
	}
}

// TestReadOnDemandNoticesChanges checks that a collection which reads its
// articles again refuses a file that no longer holds the loaded article.
func TestReadOnDemandNoticesChanges(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"a.json": story("a", "2026-11-20T08:00:00Z", ""),
		"b.json": story("b", "2026-11-21T08:00:00Z", ""),
	})
	c, err := site.Load(site.Options{Site: loadConfig(t), MaxResident: 1}, dir)
	require.NoError(t, err)
	require.False(t, c.Resident(), "two articles are more than MaxResident")
	write(t, dir, map[string]string{"a.json": story("a", "2026-11-20T08:00:00Z", `"kicker": "Changed"`)})
	require.NoError(t, os.Remove(filepath.Join(dir, "b.json")))
	for _, id := range []string{"a", "b"} {
		_, err = c.Article(t.Context(), id)
		assert.ErrorIs(t, err, site.ErrChanged, id)
		assert.Contains(t, err.Error(), id+".json", "the error names the file")
	}
}

func TestLoadReportsEveryBadFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"good.json":      story("good", "2026-11-20T08:00:00Z", ""),
		"fine.json":      story("fine", "2026-11-20T08:00:00Z", ""),
		"syntax.json":    `{"id": "x",`,
		"fields.json":    story("fields", "2026-11-20T08:00:00Z", `"authors": [{"name": "A", "url": "javascript:alert(1)", "twiter": "x"}]`),
		"dup.json":       story("good", "2026-11-21T08:00:00Z", ""),
		"origin.json":    strings.Replace(story("origin", "2026-11-20T08:00:00Z", ""), "news.example.com", "evil.example.org", 1),
		"bad-id.json":    story("../etc", "2026-11-20T08:00:00Z", ""),
		"reserved.json":  strings.Replace(story("feedish", "2026-11-20T08:00:00Z", ""), "/local/feedish", "/feed.xml", 1),
		"no-site.json":   story("no-site", "2026-11-20T08:00:00Z", `"site": {"url": "not a url"}`),
		"empty.json":     ``,
		"trailing.json":  story("trailing", "2026-11-20T08:00:00Z", "") + " {}",
		"headline.json":  strings.Replace(story("headline", "2026-11-20T08:00:00Z", ""), "Headline of headline", "", 1),
		"published.json": story("published", "2026-11-20T08:00:00", ""),
	})
	_, err := site.Load(site.Options{Site: loadConfig(t)}, dir, filepath.Join(dir, "missing.json"))
	require.Error(t, err)
	var le *site.LoadError
	require.ErrorAs(t, err, &le)
	msg := err.Error()
	t.Log(msg)
	for _, want := range []string{
		"syntax.json: ",
		"fields.json: authors[0].twiter: unknown field",
		"fields.json: authors[0].url: ",
		"dup.json: id: id \"good\" is also that of ", "good.json: id: id \"good\" is also that of ",
		"origin.json: url: https://evil.example.org is not the site's origin",
		"bad-id.json: id: \"../etc\" is not a valid id",
		"reserved.json: url: the path \"/feed.xml\" is reserved",
		"no-site.json: site.url: ",
		"empty.json: ",
		"trailing.json: ",
		"headline.json: headline: required",
		"published.json: published: ",
		"missing.json: ",
	} {
		assert.Contains(t, msg, want)
	}
	assert.NotContains(t, msg, "fine.json")
	assert.Len(t, le.Files, 13)
	assert.ErrorIs(t, err, article.ErrUnknownField)
	assert.ErrorIs(t, err, article.ErrDuplicate)
	assert.ErrorIs(t, err, site.ErrInvalidID)
	assert.ErrorIs(t, err, site.ErrReservedPath)
	assert.ErrorIs(t, err, article.ErrOrigin)

	c, err := site.Load(site.Options{Site: loadConfig(t), KeepGoing: true}, dir)
	require.Error(t, err)
	require.NotNil(t, c, "KeepGoing returns the good files")
	assert.Equal(t, 1, c.Len())
	_, ok := c.Lookup("fine")
	assert.True(t, ok)
	_, ok = c.Lookup("good")
	assert.False(t, ok, "neither of two articles with one id is loaded")
}

func TestLoadFileByName(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"one.json": story("one", "2026-11-20T08:00:00Z", ""), "two.txt": "x"})
	c, err := site.Load(site.Options{Site: loadConfig(t)}, filepath.Join(dir, "one.json"), filepath.Join(dir, "one.json"))
	require.NoError(t, err, "a path given twice loads once")
	assert.Equal(t, 1, c.Len())

	_, err = site.Load(site.Options{}, filepath.Join(dir, "two.txt"))
	assert.ErrorIs(t, err, site.ErrUnknownFormat)
	assert.Contains(t, err.Error(), "two.txt")
}

func TestLoadTooLarge(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"big.json": story("big", "2026-11-20T08:00:00Z", "") + strings.Repeat(" ", 2000)})
	_, err := site.Load(site.Options{Site: loadConfig(t), MaxFileBytes: 1000}, dir)
	assert.ErrorIs(t, err, article.ErrTooLarge)
	assert.Contains(t, err.Error(), "big.json")
}

func TestDecoderRegistry(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"a.txt":   "alpha|2026-11-20T08:00:00Z",
		"b.txt":   "boom",
		"c.json":  story("gamma", "2026-11-21T08:00:00Z", ""),
		"d.panic": "",
	})
	decoders := site.DefaultDecoders()
	decoders[".txt"] = func(name string, data []byte) (*article.Article, error) {
		id, when, ok := strings.Cut(string(data), "|")
		if !ok {
			return nil, errors.New("line-format: no '|'")
		}
		return parse((story(id, when, "")))
	}
	decoders[".panic"] = func(string, []byte) (*article.Article, error) { panic("decoder bug") }
	c, err := site.Load(site.Options{Site: loadConfig(t), Decoders: decoders, KeepGoing: true}, dir)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "b.txt: line-format: no '|'")
	assert.Contains(t, err.Error(), "d.panic: decoder panicked: decoder bug")
	require.NotNil(t, c)
	assert.Equal(t, 2, c.Len())
	_, ok := c.Lookup("alpha")
	assert.True(t, ok)
}

func TestInherit(t *testing.T) {
	base := &article.Site{Name: "Base", URL: "https://a.example/", X: "base",
		Logo: &article.Image{URL: "https://a.example/logo.png", Width: 600, Height: 60}}
	tests := []struct {
		name      string
		base, own *article.Site
		want      *article.Site
	}{
		{"both nil", nil, nil, nil},
		{"base only", base, nil, base},
		{"own only", nil, &article.Site{Name: "Own"}, &article.Site{Name: "Own"}},
		{"member by member", base, &article.Site{Name: "Own", Tagline: "T"},
			&article.Site{Name: "Own", URL: "https://a.example/", X: "base", Tagline: "T", Logo: base.Logo}},
		{"logo replaced whole", base, &article.Site{Logo: &article.Image{URL: "https://a.example/own.png"}},
			&article.Site{Name: "Base", URL: "https://a.example/", X: "base", Logo: &article.Image{URL: "https://a.example/own.png"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := site.Inherit(tt.base, tt.own)
			assert.Equal(t, tt.want, got)
			if got != nil && got.Logo != nil && tt.base != nil && tt.base.Logo != nil {
				assert.NotSame(t, tt.base.Logo, got.Logo, "Inherit shares nothing with its inputs")
			}
		})
	}
}

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name, doc string
		wantErr   []string
	}{
		{"valid", config, nil},
		{"unknown member", `{"name": "N", "url": "https://a.example/", "twitter": "x"}`, []string{"twitter: unknown field"}},
		{"bad url and missing name", `{"url": "ftp://a.example/", "logo": {"url": "javascript:x"}}`, []string{"name: required", "url: ", "logo.url: "}},
		{"not an object", `["x"]`, []string{"must be a JSON object"}},
		{"syntax", `{"name": `, []string{"invalid JSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := site.ParseConfig([]byte(tt.doc))
			if tt.wantErr == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, w := range tt.wantErr {
				assert.Contains(t, err.Error(), w)
			}
			assert.NotContains(t, err.Error(), "site.", "paths are relative to the configuration")
		})
	}
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.json": `{"name": "N", "url": "https://a.example/", "x": "@@"}`})
	_, err := site.LoadConfig(filepath.Join(dir, "site.json"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "site.json: x: ")
}

func TestNewFromValues(t *testing.T) {
	a, err := parse((story("", "2026-11-20T08:00:00Z", "")))
	require.NoError(t, err)
	a.URL = "https://news.example.com/local/from-url"
	c, err := site.New(loadConfig(t), []*article.Article{a}, false)
	require.NoError(t, err)
	got, err := c.Article(t.Context(), "from-url")
	require.NoError(t, err, "the id defaults to the URL's last segment")
	assert.Equal(t, "The Harbour Gazette", got.Site.Name)
	assert.Nil(t, a.Site, "the caller's article is not modified")

	_, err = site.New(nil, []*article.Article{a}, false)
	require.NoError(t, err, "a site is optional")
	_, err = site.New(loadConfig(t), []*article.Article{a, a}, false)
	assert.ErrorIs(t, err, article.ErrDuplicate)
	assert.Contains(t, err.Error(), "articles[1]: id: ")
}

func TestVersion(t *testing.T) {
	a, err := parse((story("v", "2026-11-20T08:00:00Z", "")))
	require.NoError(t, err)
	c1, err := site.New(loadConfig(t), []*article.Article{a}, false)
	require.NoError(t, err)
	c2, err := site.New(loadConfig(t), []*article.Article{a}, false)
	require.NoError(t, err)
	assert.Equal(t, c1.Version(), c2.Version())
	b := *a
	b.Headline = "Changed"
	c3, err := site.New(loadConfig(t), []*article.Article{&b}, false)
	require.NoError(t, err)
	assert.NotEqual(t, c1.Version(), c3.Version())
	s := loadConfig(t)
	s.Tagline = "Changed"
	c4, err := site.New(s, []*article.Article{a}, false)
	require.NoError(t, err)
	assert.NotEqual(t, c1.Version(), c4.Version())
}

func TestLive(t *testing.T) {
	var l site.Live
	assert.Equal(t, 0, l.Load().Len(), "the zero Live holds an empty collection")
	_, err := l.Article(t.Context(), "x")
	assert.ErrorIs(t, err, site.ErrNotFound)
	a, err := parse((story("x", "2026-11-20T08:00:00Z", "")))
	require.NoError(t, err)
	c, err := site.New(loadConfig(t), []*article.Article{a}, false)
	require.NoError(t, err)
	l.Store(c)
	got, err := l.Article(t.Context(), "x")
	require.NoError(t, err)
	assert.Equal(t, "x", got.ID)
	got, err = l.ArticleByURL(t.Context(), "/local/x")
	require.NoError(t, err)
	assert.Equal(t, "x", got.ID)
	got, err = l.ArticleByURL(t.Context(), "https://news.example.com/local/x")
	require.NoError(t, err)
	assert.Equal(t, "x", got.ID)
	_, err = l.ArticleByURL(t.Context(), "//news.example.com/local/x")
	assert.ErrorIs(t, err, site.ErrNotFound)
	v, err := l.VersionContext(t.Context())
	require.NoError(t, err)
	assert.Equal(t, c.Version(), v)
}

func TestCardSpec(t *testing.T) {
	tests := []struct {
		in   string
		want site.CardSpec
		ok   bool
	}{
		{"1200x630-standard", site.CardSpec{1200, 630, "standard", 0}, true},
		{"1080x1080-keypoint-2", site.CardSpec{1080, 1080, "keypoint", 2}, true},
		{"1200x630-photo", site.CardSpec{1200, 630, "photo", 0}, true},
		{"1200x630-keypoint", site.CardSpec{}, false},
		{"1200x630-keypoint-0", site.CardSpec{}, false},
		{"1200x630-standard-2", site.CardSpec{}, false},
		{"01200x630-standard", site.CardSpec{}, false},
		{"1200x630-fancy", site.CardSpec{}, false},
		{"1200by630-standard", site.CardSpec{}, false},
		{"", site.CardSpec{}, false},
		{"99999999x1-standard", site.CardSpec{}, false},
	}
	for _, tt := range tests {
		got, ok := site.ParseCardSpec(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("ParseCardSpec(%q) = %v, %v, want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if ok {
			assert.Equal(t, tt.in, got.String())
		}
	}
	assert.Equal(t, "/cards/x/1200x630-standard.0123abcd.png", site.CardPath("x", site.CardSpec{1200, 630, "standard", 0}, "0123abcd"))
	assert.Equal(t, "/cards/x/1200x630-standard.png", site.CardAliasPath("x", site.CardSpec{1200, 630, "standard", 0}))
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"council-vote": true, "a.b_c-1": true, "": false, ".hidden": false, "a/b": false, "a b": false,
		"é": false, "..": false, strings.Repeat("a", site.MaxIDLength): true, strings.Repeat("a", site.MaxIDLength+1): false,
	} {
		assert.Equal(t, want, site.ValidID(id), "ValidID(%q)", id)
	}
}

func parse(doc string) (*article.Article, error) {
	return article.Decode(strings.NewReader(doc), article.DecodeOptions{})
}

func TestCardHash(t *testing.T) {
	a, err := parse(story("h", "2026-11-20T08:00:00Z", ""))
	require.NoError(t, err)
	og := site.CardSpec{Width: 1200, Height: 630, Layout: "standard"}
	h := site.CardHash(a, og, "")
	assert.Len(t, h, 16)
	assert.Equal(t, h, site.CardHash(a.Clone(), og, ""), "equal articles, equal hashes")
	assert.Equal(t, h, site.CardHashOf(site.ArticleDigest(a), og, ""))
	b := a.Clone()
	b.Headline = "Changed"
	assert.NotEqual(t, h, site.CardHash(b, og, ""), "any field changes it")
	assert.NotEqual(t, h, site.CardHash(a, site.CardSpec{Width: 1080, Height: 1080, Layout: "standard"}, ""), "the spec changes it")
	assert.NotEqual(t, h, site.CardHash(a, og, "theme-2"), "the version changes it")
}

func TestShareImageAndTicker(t *testing.T) {
	a, err := parse(story("ferry", "2026-11-20T08:00:00Z", `"breaking": true`))
	require.NoError(t, err)
	og := site.CardSpec{Width: 1200, Height: 630, Layout: "standard"}
	img := site.ShareImage("https://news.example.com/news/", a, og, "v1")
	require.NotNil(t, img)
	assert.Equal(t, "https://news.example.com/news/cards/ferry/1200x630-standard."+site.CardHash(a, og, "v1")+".png", img.URL)
	assert.Equal(t, 1200, img.Width)
	assert.Equal(t, 630, img.Height)
	assert.Equal(t, "image/png", img.Type)
	assert.Equal(t, a.Headline, img.Alt)
	bad := a.Clone()
	bad.ID = "../x"
	assert.Nil(t, site.ShareImage("https://news.example.com/", bad, og, ""))

	b, _ := parse(story("storm", "2026-11-21T08:00:00Z", `"breaking": true`))
	c, _ := parse(story("calm", "2026-11-22T08:00:00Z", ""))
	d, _ := parse(story("rovers", "2026-11-19T08:00:00Z", `"breaking": true`))
	latest := []*article.Article{c, b, a, d}
	ids := func(as []*article.Article) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	assert.Equal(t, []string{"storm", "ferry", "rovers"}, ids(site.Ticker(latest, c, 5)))
	assert.Equal(t, []string{"storm", "rovers"}, ids(site.Ticker(latest, a.Clone(), 5)), "a page's own story is left out")
	assert.Equal(t, []string{"storm"}, ids(site.Ticker(latest, nil, 1)))
	assert.Empty(t, site.Ticker(latest, nil, 0))
}

func TestLoadSkipsSymlinks(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, map[string]string{"secret.json": story("secret", "2026-11-20T08:00:00Z", ""), "dir/other.json": story("other", "2026-11-20T08:00:00Z", "")})
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.json": story("a", "2026-11-20T08:00:00Z", "")})
	require.NoError(t, os.Symlink(filepath.Join(outside, "secret.json"), filepath.Join(dir, "link.json")))
	require.NoError(t, os.Symlink(filepath.Join(outside, "dir"), filepath.Join(dir, "linkdir")))
	c, err := site.Load(site.Options{Site: loadConfig(t)}, dir)
	require.NoError(t, err)
	assert.Equal(t, 1, c.Len(), "links inside a folder are not followed")
	c, err = site.Load(site.Options{Site: loadConfig(t)}, filepath.Join(dir, "link.json"))
	require.NoError(t, err)
	assert.Equal(t, 1, c.Len(), "a link named on its own is followed")
}

func TestLoadMarkdown(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"harbour-wall.md": "---\nurl: https://news.example.com/local/harbour-wall\nheadline: Harbour wall repairs delayed\nstandfirst: Spring at the earliest.\nlanguage: en-GB\npublished: 2026-11-26T10:30:00+01:00\nkey_points:\n  - Finished in **March**.\n---\nThe contractor asked for *three more months*.\n",
		"broken.md":       "---\nurl: https://news.example.com/local/broken\nheadline: Broken\npublished: 2026-11-26T10:30:00Z\ncolour: blue\n---\nText.\n",
		"a.json":          story("a", "2026-11-20T08:00:00Z", ""),
	})
	c, err := site.Load(site.Options{Site: loadConfig(t), KeepGoing: true}, dir)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "broken.md:5: colour: unknown field", "file, line and field")
	require.NotNil(t, c)
	a, err := c.Article(t.Context(), "harbour-wall")
	require.NoError(t, err, "the id comes from the file name")
	assert.Equal(t, "The Harbour Gazette", a.Site.Name, "Markdown articles inherit the site too")
	assert.Equal(t, "Finished in <strong>March</strong>.", a.KeyPoints[0])
	assert.Contains(t, a.Body, "<em>three more months</em>")
	assert.Equal(t, 2, c.Len())
}

func TestEntryUpdated(t *testing.T) {
	pub := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		modified time.Time
		want     time.Time
	}{
		{"never modified", time.Time{}, pub},
		{"modified later", pub.Add(time.Hour), pub.Add(time.Hour)},
		{"modified before published", pub.Add(-time.Hour), pub},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := site.Entry{Published: pub, Modified: tc.modified}
			assert.Equal(t, tc.want, e.Updated())
		})
	}
}

// TestEntryKeepsImageAndModified checks the entry of an article with its
// own image and a modified time in another offset.
func TestEntryKeepsImageAndModified(t *testing.T) {
	a, err := parse(story("pic", "2026-11-20T08:00:00Z", `"modified": "2026-11-20T10:30:00-05:00", "key_points": ["One", "Two"],
  "image": {"url": "https://news.example.com/pic.jpg", "alt": "A quay", "width": 1600, "height": 900}`))
	require.NoError(t, err)
	c, err := site.New(loadConfig(t), []*article.Article{a}, false)
	require.NoError(t, err)
	e := c.Entry(0)
	assert.Equal(t, "https://news.example.com/pic.jpg", e.Image)
	assert.Equal(t, "2026-11-20T10:30:00-05:00", e.Modified.Format(time.RFC3339))
	assert.True(t, e.Modified.Equal(a.Modified))
	assert.Equal(t, 2, e.KeyPoints)
	assert.Empty(t, e.Source, "a value has no file")
	assert.Equal(t, e.Modified, e.Updated())
}
