package feed_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/feed"
	"github.com/broadsheet/broadsheet/internal/golden"
	"github.com/broadsheet/broadsheet/internal/testenv"
)

var now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

var gazette = &article.Site{Name: "The Harbour Gazette & Post", URL: "https://news.example.com/", Tagline: "News from the Bay <since 1881>",
	Logo: &article.Image{URL: "https://news.example.com/logo.png", Width: 600, Height: 60}}

// articles returns fiction with the awkward cases: markup-like text,
// ampersands, non-ASCII, several authors, an image, none, a script in the
// body, old and recent dates.
func articles() []*article.Article {
	return []*article.Article{
		{
			ID: "ferry", URL: "https://news.example.com/local/ferry-timetable", Language: "en-GB",
			Headline: "Ferry timetable cut to hourly — “for now”, says operator", Standfirst: "Commuters face <longer> waits & fewer sailings.",
			Section: "Local", Tags: []string{"transport", "ferries"}, Published: now.Add(-3 * time.Hour), Modified: now.Add(-time.Hour),
			Authors: []article.Person{{Name: "Mara Ellingsworth", URL: "https://news.example.com/people/mara"}, {Name: "Tobin Achterberg"}},
			Body:    `<p>The operator said the cut was temporary.</p><script>alert(1)</script><p onclick="x()">Second paragraph.</p>`,
			Image:   &article.Image{URL: "https://news.example.com/img/ferry.jpg", Alt: "The ferry at the quay", Width: 1600, Height: 900, Type: "image/jpeg", Credit: "Ines Varga"},
			Site:    gazette,
		},
		{
			ID: "storm", URL: "https://news.example.com/weather/storm-warning", Language: "en-GB", Breaking: true,
			Headline: "Storm warning for the Bay coast", Standfirst: "Gusts of 110 km/h are expected on Saturday night.",
			Section: "Weather", Published: now.Add(-30 * time.Hour),
			Authors: []article.Person{{Name: "Desk Weather", Kind: article.KindOrganization}},
			Body:    `<p>Forecasters issued an amber warning.</p>`,
			Site:    gazette,
		},
		{
			ID: "archive", URL: "https://news.example.com/culture/kestrel-festival", Language: "de-DE",
			Headline: "Kestrel-Festival zieht 20 000 Besucher an", Standfirst: "Ein Wochenende mit Musik am Hafen.",
			Tags: []string{"Kultur"}, Published: now.Add(-10 * 24 * time.Hour),
			Body: `<p>Die Veranstalter sind zufrieden.</p>`,
			Site: gazette,
		},
	}
}

func card(a *article.Article) *article.Image {
	return &article.Image{URL: "https://news.example.com/cards/" + a.ID + "/1200x630-standard.abc.png", Width: 1200, Height: 630, Type: "image/png", Alt: a.Headline}
}

func options() feed.Options {
	return feed.Options{Channel: feed.Channel{SelfURL: "https://news.example.com/feed.xml"}, Image: card, Now: now}
}

func TestGolden(t *testing.T) {
	for name, f := range map[string]func(w io.Writer, arts []*article.Article, o feed.Options) error{
		"rss.xml": feed.RSS, "atom.xml": feed.Atom, "feed.json": feed.JSON, "sitemap.xml": feed.Sitemap, "news-sitemap.xml": feed.NewsSitemap,
	} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, f(&b, articles(), options()))
			golden.Assert(t, name, b.Bytes())
		})
	}
}

// python returns Debian's python3 with feedparser, or calls Missing. It is
// called by path: a python3 earlier on PATH may be another installation
// without Debian's modules.
func python(t *testing.T) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import feedparser").Run(); err != nil {
		testenv.Missing(t, "Python's feedparser ("+py+")", "apt-get install python3-feedparser")
	}
	return py
}

type parsed struct {
	Bozo          bool   `json:"bozo"`
	BozoException string `json:"bozo_exception"`
	Version       string `json:"version"`
	Title         string `json:"title"`
	Link          string `json:"link"`
	Language      string `json:"language"`
	Entries       []struct {
		ID, Title, Link, Summary, Content, Published string
		Authors, Tags, Media                         []string
	} `json:"entries"`
	URLs []struct {
		Loc, Lastmod string
		Images       []string
		News         *struct{ Name, Language, Date, Title string }
	} `json:"urls"`
}

func readBack(t *testing.T, kind string, data []byte) parsed {
	t.Helper()
	py := python(t)
	f := filepath.Join(t.TempDir(), "doc")
	require.NoError(t, os.WriteFile(f, data, 0o644))
	out, err := exec.Command(py, filepath.Join("testdata", "readback.py"), kind, f).Output()
	if ee, ok := err.(*exec.ExitError); ok {
		t.Fatalf("readback.py: %v\n%s", err, ee.Stderr)
	}
	require.NoError(t, err)
	var p parsed
	require.NoError(t, json.Unmarshal(out, &p))
	return p
}

func TestFeedsReadBackFeedparser(t *testing.T) {
	arts := articles()
	for _, tt := range []struct {
		name, version string
		write         func(w io.Writer, arts []*article.Article, o feed.Options) error
	}{
		{"rss", "rss20", feed.RSS},
		{"atom", "atom10", feed.Atom},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, tt.write(&b, arts, options()))
			p := readBack(t, "feed", b.Bytes())
			require.False(t, p.Bozo, "feedparser found the feed malformed: %s", p.BozoException)
			assert.Equal(t, tt.version, p.Version)
			assert.Equal(t, gazette.Name, p.Title)
			assert.Equal(t, gazette.URL, p.Link)
			require.Len(t, p.Entries, len(arts), "every article is an entry")
			for i, a := range arts {
				e := p.Entries[i]
				assert.Equal(t, a.Headline, e.Title, "title of %s", a.ID)
				assert.Equal(t, a.URL, e.Link)
				assert.Equal(t, a.URL, e.ID)
				want := a.Standfirst
				if tt.name == "rss" {
					want = html.EscapeString(want) // an RSS description is HTML: it shows as the text
				}
				assert.Equal(t, want, e.Summary, "plain text comes back as the same text")
				assert.Equal(t, a.Published.UTC().Format(time.RFC3339), e.Published)
				assert.Equal(t, authorNames(a), nilIfEmpty(e.Authors), "every author of %s", a.ID)
				assert.Equal(t, categories(a), nilIfEmpty(e.Tags), "categories of %s", a.ID)
				assert.Equal(t, []string{imageOf(a).URL}, e.Media, "image of %s", a.ID)
				assert.NotContains(t, e.Content, "<script", "bodies are sanitised")
				assert.NotContains(t, e.Content, "onclick")
			}
			assert.Contains(t, p.Entries[0].Content, "The operator said the cut was temporary.")
		})
	}
}

// smith is what readback.cjs prints.
type smith struct {
	Format, Title string
	Entries       []struct {
		ID, Title, Link, Summary, Content, Published string
		Authors, Tags                                []string
		Media                                        []struct {
			URL, Type, Alt string
			Width, Height  int
		}
	}
}

func TestFeedsReadBackFeedsmith(t *testing.T) {
	node := testenv.Node(t)
	mod := testenv.NodeModule(t, "feedsmith")
	arts := articles()
	for _, tt := range []struct {
		name  string
		write func(w io.Writer, arts []*article.Article, o feed.Options) error
	}{
		{"rss", feed.RSS}, {"atom", feed.Atom}, {"json", feed.JSON},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, tt.write(&b, arts, options()))
			f := filepath.Join(t.TempDir(), "feed")
			require.NoError(t, os.WriteFile(f, b.Bytes(), 0o644))
			out, err := exec.Command(node, filepath.Join("testdata", "readback.cjs"), mod, f).Output()
			if ee, ok := err.(*exec.ExitError); ok {
				t.Fatalf("readback.cjs: %v\n%s", err, ee.Stderr)
			}
			require.NoError(t, err)
			var p smith
			require.NoError(t, json.Unmarshal(out, &p))
			assert.Equal(t, tt.name, p.Format)
			assert.Equal(t, gazette.Name, p.Title)
			if tt.name == "json" {
				assert.Contains(t, b.String(), `"version": "https://jsonfeed.org/version/1.1"`)
			}
			require.Len(t, p.Entries, len(arts), "every article is an entry")
			for i, a := range arts {
				e := p.Entries[i]
				assert.Equal(t, a.Headline, e.Title, "title of %s", a.ID)
				assert.Equal(t, a.URL, e.Link)
				assert.Equal(t, a.URL, e.ID)
				want := a.Standfirst
				if tt.name == "rss" {
					want = html.EscapeString(want) // an RSS description is HTML
				}
				assert.Equal(t, want, e.Summary)
				assert.Equal(t, a.Published.UTC().Format("2006-01-02T15:04:05.000Z"), e.Published)
				assert.Equal(t, authorNames(a), nilIfEmpty(e.Authors), "every author of %s", a.ID)
				assert.Equal(t, categories(a), nilIfEmpty(e.Tags), "categories of %s", a.ID)
				img := imageOf(a)
				require.Len(t, e.Media, 1, "image of %s", a.ID)
				assert.Equal(t, img.URL, e.Media[0].URL)
				if tt.name == "rss" {
					assert.Equal(t, img.Type, e.Media[0].Type)
					assert.Equal(t, img.Width, e.Media[0].Width)
					assert.Equal(t, img.Height, e.Media[0].Height)
					assert.Equal(t, img.Alt, e.Media[0].Alt)
				}
				assert.NotContains(t, e.Content, "<script", "bodies are sanitised")
				assert.NotContains(t, e.Content, "onclick")
			}
			assert.Equal(t, "<p>The operator said the cut was temporary.</p><p>Second paragraph.</p>", p.Entries[0].Content)
		})
	}
}

func authorNames(a *article.Article) []string {
	var names []string
	for _, p := range a.Authors {
		names = append(names, p.Name)
	}
	return names
}

func categories(a *article.Article) []string {
	var cats []string
	if a.Section != "" {
		cats = append(cats, a.Section)
	}
	cats = append(cats, a.Tags...)
	return cats
}

func imageOf(a *article.Article) *article.Image {
	if a.Image != nil {
		return a.Image
	}
	return card(a)
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func TestSitemapsReadBack(t *testing.T) {
	arts := articles()
	var b bytes.Buffer
	require.NoError(t, feed.Sitemap(&b, arts, options()))
	p := readBack(t, "sitemap", b.Bytes())
	require.Len(t, p.URLs, len(arts)+1, "the home page and every article")
	assert.Equal(t, gazette.URL, p.URLs[0].Loc)
	for i, a := range arts {
		u := p.URLs[i+1]
		assert.Equal(t, a.URL, u.Loc)
		want := a.Published
		if !a.Modified.IsZero() {
			want = a.Modified
		}
		assert.Equal(t, want.UTC().Format(time.RFC3339), u.Lastmod)
		assert.Equal(t, []string{imageOf(a).URL}, u.Images)
	}

	b.Reset()
	require.NoError(t, feed.NewsSitemap(&b, arts, options()))
	p = readBack(t, "sitemap", b.Bytes())
	require.Len(t, p.URLs, 2, "only the last two days' articles")
	for i, a := range arts[:2] {
		u := p.URLs[i]
		assert.Equal(t, a.URL, u.Loc)
		require.NotNil(t, u.News)
		assert.Equal(t, gazette.Name, u.News.Name)
		assert.Equal(t, "en", u.News.Language)
		assert.Equal(t, a.Headline, u.News.Title)
		assert.Equal(t, a.Published.UTC().Format(time.RFC3339), u.News.Date)
	}
}

func TestNewsWindow(t *testing.T) {
	mk := func(id string, age time.Duration) *article.Article {
		return &article.Article{ID: id, URL: "https://news.example.com/" + id, Headline: id, Published: now.Add(-age), Body: "<p>x</p>", Site: gazette}
	}
	arts := []*article.Article{mk("future", -time.Minute), mk("fresh", 0), mk("edge", feed.NewsWindow), mk("old", feed.NewsWindow+time.Second)}
	var b bytes.Buffer
	require.NoError(t, feed.NewsSitemap(&b, arts, feed.Options{Now: now}))
	s := b.String()
	assert.Contains(t, s, "/fresh<")
	assert.Contains(t, s, "/edge<")
	assert.NotContains(t, s, "/future<")
	assert.NotContains(t, s, "/old<")

	b.Reset()
	require.NoError(t, feed.NewsSitemap(&b, arts[3:], feed.Options{Now: now}), "an empty news sitemap is valid")
	assert.Contains(t, b.String(), "<urlset")
}

func TestNewsLanguage(t *testing.T) {
	for tag, want := range map[string]string{"en-GB": "en", "de": "de", "zh-Hant-TW": "zh-tw", "zh-CN": "zh-cn", "zh": "zh-cn", "pt_BR": "pt"} {
		a := &article.Article{ID: "x", URL: "https://news.example.com/x", Headline: "x", Language: tag, Published: now, Body: "x", Site: gazette}
		var b bytes.Buffer
		require.NoError(t, feed.NewsSitemap(&b, []*article.Article{a}, feed.Options{Now: now}))
		assert.Contains(t, b.String(), "<news:language>"+want+"</news:language>", tag)
	}
}

func TestErrors(t *testing.T) {
	bad := articles()
	bad[1].URL = "javascript:alert(1)"
	for name, f := range map[string]func(w io.Writer, arts []*article.Article, o feed.Options) error{
		"rss": feed.RSS, "atom": feed.Atom, "json": feed.JSON, "sitemap": feed.Sitemap,
	} {
		err := f(io.Discard, bad, options())
		assert.ErrorIs(t, err, feed.ErrInvalidURL, name)
		assert.Contains(t, err.Error(), "storm: url:", name)
	}
	badImage := articles()
	o := options()
	o.Image = func(*article.Article) *article.Image { return &article.Image{URL: "data:image/png;base64,AAAA"} }
	err := feed.RSS(io.Discard, badImage, o)
	assert.ErrorIs(t, err, feed.ErrInvalidURL)
	assert.Contains(t, err.Error(), "storm: image.url:")

	o = options()
	o.Channel.SelfURL = "/feed.xml"
	assert.ErrorIs(t, feed.Atom(io.Discard, articles(), o), feed.ErrInvalidURL)

	noSite := &article.Article{ID: "x", URL: "https://a.example/x", Headline: "x", Published: now, Body: "x"}
	assert.ErrorIs(t, feed.RSS(io.Discard, []*article.Article{noSite}, feed.Options{}), feed.ErrNoTitle)
	require.NoError(t, feed.RSS(io.Discard, []*article.Article{noSite}, feed.Options{Channel: feed.Channel{Title: "T", Link: "https://a.example/"}}))

	many := make([]*article.Article, feed.MaxNewsURLs+1)
	for i := range many {
		many[i] = &article.Article{ID: fmt.Sprint(i), URL: fmt.Sprintf("https://news.example.com/%d", i), Headline: "x", Published: now, Body: "x", Site: gazette}
	}
	assert.ErrorIs(t, feed.NewsSitemap(io.Discard, many, feed.Options{Now: now}), feed.ErrTooMany)
}

func TestSummaryOption(t *testing.T) {
	o := options()
	o.Summary = true
	var b bytes.Buffer
	require.NoError(t, feed.RSS(&b, articles(), o))
	assert.NotContains(t, b.String(), "content:encoded>")
	b.Reset()
	require.NoError(t, feed.JSON(&b, articles(), o))
	var f struct {
		Items []map[string]any `json:"items"`
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &f))
	for _, it := range f.Items {
		assert.NotContains(t, it, "content_html")
		assert.NotEmpty(t, it["content_text"], "JSON Feed items need content")
	}
}
