package render

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/golden"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/locale"
	"github.com/broadsheet/broadsheet/share"
)

// localeSamples are the sample articles in testdata/locale, each with the
// display zone of its (invented) paper and a ticker that mixes
// directions.
var localeSamples = []struct {
	lang, zone string
	ticker     []TickerItem
}{
	{"fr", "Europe/Paris", []TickerItem{{Headline: "Grève des bus : le trafic reprend lundi"}, {Headline: "Storm warning for the coast", Lang: "en"}}},
	{"de", "Europe/Berlin", []TickerItem{{Headline: "Stadtrat beschließt neuen Radweg"}}},
	{"ar", "Asia/Qatar", []TickerItem{{Headline: "افتتاح جسر الميناء الجديد"}, {Headline: "Port bridge opens to traffic", Lang: "en"}}},
	{"he", "Asia/Jerusalem", []TickerItem{{Headline: "הרכבת הקלה תפעל גם בלילה"}, {Headline: "Open Data Day at the city hall", Lang: "en"}}},
	{"ja", "Asia/Tokyo", []TickerItem{{Headline: "港北駅の改修工事が完了"}}},
	{"hi", "Asia/Kolkata", []TickerItem{{Headline: "सोनपुर में नई बस सेवा शुरू"}}},
}

func localeArticle(t testing.TB, lang string) *article.Article {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "locale", lang+".json"))
	require.NoError(t, err)
	defer f.Close()
	a, err := article.Decode(f, article.DecodeOptions{})
	require.NoError(t, err)
	return a
}

// englishWords are words of the English page that must not show on a page
// in another language.
var hrefs = regexp.MustCompile(`(href|value)="[^"]*"`)

var englishWords = []string{"Skip to the article", "Breaking", ">By ", "Published", "Updated", "Key points",
	"Why this matters", "What this means for you", "Background", "What happens next", "Share this article",
	"Share on", "Copy the link", "Email address", "Sign up", "Photograph", "Written by", "Reading time", "min read", ">Email<", "Copy link"}

// TestLocaleGolden renders the six sample articles as pages and fragments
// with their papers' display zones and compares them with the goldens.
func TestLocaleGolden(t *testing.T) {
	for _, s := range localeSamples {
		t.Run(s.lang, func(t *testing.T) {
			r, err := New(Options{TimeZone: s.zone})
			require.NoError(t, err)
			a := localeArticle(t, s.lang)
			page, err := r.PageString(a, View{Ticker: Ticker{Items: s.ticker}})
			require.NoError(t, err)
			golden.Assert(t, "locale/"+s.lang+".page.html", []byte(page))
			frag, err := r.FragmentString(a)
			require.NoError(t, err)
			golden.Assert(t, "locale/"+s.lang+".fragment.html", []byte(frag))
			_, body, _ := strings.Cut(page, "<body>")
			body = hrefs.ReplaceAllString(body, "")
			for _, w := range englishWords {
				assert.NotContains(t, body, w, "an English word on the %s page", s.lang)
			}
			rtl := s.lang == "ar" || s.lang == "he"
			assert.Equal(t, rtl, strings.Contains(page, `<html lang="`+a.Language+`" dir="rtl"`), "dir on <html>")
			assert.Equal(t, rtl, strings.HasPrefix(frag, `<article id="bs-article" class="bs-article" aria-labelledby="bs-headline" dir="rtl">`), "dir on the fragment's root")
		})
	}
}

// TestEnglishLabelsUnchanged checks that the catalogue's English is the
// library's English: every label, every share link's label as package
// share words it, the explainer headings and the date format.
func TestEnglishLabelsUnchanged(t *testing.T) {
	c := newCatalogue(nil, nil)
	for _, lang := range []string{"", "en", "en-GB"} {
		a := sample.Article()
		a.Language = lang
		l := c.locale(a)
		en := English()
		got := l.Labels
		assert.Equal(t, en.SkipLink, got.SkipLink)
		assert.Equal(t, en.Breaking, got.Breaking)
		assert.Equal(t, en.BreakingNews, got.BreakingNews)
		assert.Equal(t, en.By, got.By)
		assert.Equal(t, en.Separator, got.Separator)
		assert.Equal(t, en.And, got.And)
		assert.Equal(t, en.Published, got.Published)
		assert.Equal(t, en.Updated, got.Updated)
		assert.Equal(t, en.KeyPoints, got.KeyPoints)
		assert.Equal(t, en.ShareArticle, got.ShareArticle)
		assert.Equal(t, en.Newsletter, got.Newsletter)
		assert.Equal(t, en.SignUp, got.SignUp)
		assert.Equal(t, en.EmailAddress, got.EmailAddress)
		assert.Equal(t, en.Photograph, got.Photograph)
		assert.Equal(t, en.WrittenBy, got.WrittenBy)
		assert.Equal(t, en.ReadingTime, got.ReadingTime)
		for _, n := range []int{1, 2, 17} {
			assert.Equal(t, en.MinutesRead(n), got.MinutesRead(n))
		}
		for _, n := range share.AllNetworks() {
			assert.Equal(t, n.Label(), got.ShareLinks[n.ID()], "share label of %s", n)
			if name, ok := got.ShareNames[n.ID()]; ok {
				assert.Equal(t, n.Name(), name, "share name of %s", n)
			}
		}
		for _, k := range []article.ExplainerKind{article.KindWhyItMatters, article.KindWhatItMeansForYou, article.KindBackground, article.KindWhatHappensNext} {
			assert.Equal(t, article.Explainer{Kind: k}.Label(), got.Explainers[k], "explainer %s", k)
		}
		for _, tm := range []time.Time{sample.Article().Published, time.Date(2026, 11, 24, 7, 45, 0, 0, time.FixedZone("", 3600)), time.Date(2026, 1, 2, 3, 4, 0, 0, time.FixedZone("", -5*3600-1800))} {
			assert.Equal(t, englishTime(tm), l.FormatTime(tm), "date %s", tm)
		}
		assert.Equal(t, "", l.Dir)
	}
}

func TestCatalogueLocale(t *testing.T) {
	c := newCatalogue(nil, nil)
	a := sample.Article()
	a.Language = "ru"
	l := c.locale(a)
	assert.Equal(t, "Авторы: {authors}", l.Labels.By, "two authors")
	a.Authors = a.Authors[:1]
	assert.Equal(t, "Автор: {authors}", c.locale(a).Labels.By, "one author")
	a.Language = "ur"
	assert.Equal(t, "rtl", c.locale(a).Dir, "Urdu: English words, right to left")
	assert.Equal(t, "Skip to the article", c.locale(a).Labels.SkipLink)

	site, err := locale.New().Override("fr", locale.Messages{locale.KeyPoints: "L’essentiel"})
	require.NoError(t, err)
	r, err := New(Options{Catalogue: site})
	require.NoError(t, err)
	a = localeArticle(t, "fr")
	page, err := r.PageString(a, View{})
	require.NoError(t, err)
	assert.Contains(t, page, `<h2 id="bs-keypoints-heading">L’essentiel</h2>`)

	// Options.Locale still wins over the catalogue.
	r, err = New(Options{Locale: func(*article.Article) Locale { return Locale{Labels: Labels{KeyPoints: "Zusammenfassung"}} }})
	require.NoError(t, err)
	page, err = r.PageString(a, View{})
	require.NoError(t, err)
	assert.Contains(t, page, ">Zusammenfassung</h2>")
}

func TestTimeZoneOption(t *testing.T) {
	_, err := New(Options{TimeZone: "Europe/Lundon"})
	require.ErrorIs(t, err, locale.ErrZone)
	assert.Contains(t, err.Error(), "TimeZone")

	r, err := New(Options{TimeZone: "Europe/London"})
	require.NoError(t, err)
	a := sample.Article()
	a.Published = time.Date(2026, 7, 4, 9, 5, 0, 0, time.UTC)
	a.Modified = time.Time{}
	page, err := r.PageString(a, View{})
	require.NoError(t, err)
	assert.Contains(t, page, `<time datetime="2026-07-04T09:05:00Z">4 July 2026, 10:05 BST</time>`, "RFC 3339 stays; the text is in London time")
}

// TestSiteTimeZone checks that a site's time_zone shows its articles'
// dates in that zone, that Options.TimeZone wins over it, and that two
// sites on one Renderer keep their own zones.
func TestSiteTimeZone(t *testing.T) {
	london := sample.Article()
	london.Published = time.Date(2026, 7, 4, 9, 5, 0, 0, time.UTC)
	london.Modified = time.Time{}
	london.Site.TimeZone = "Europe/London"
	paris := london.Clone()
	paris.ID, paris.URL = "paris-copy", london.URL+"-paris"
	paris.Site.TimeZone = "Europe/Paris"
	plain := london.Clone()
	plain.ID, plain.URL = "plain-copy", london.URL+"-plain"
	plain.Site.TimeZone = ""

	r, err := New(Options{})
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		a    *article.Article
		want string
	}{
		{"london", london, "4 July 2026, 10:05 BST"},
		{"paris", paris, "4 July 2026, 11:05 CEST"},
		{"no zone", plain, "4 July 2026, 09:05 UTC"},
		{"london again (cached)", london, "4 July 2026, 10:05 BST"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page, err := r.PageString(tc.a, View{})
			require.NoError(t, err)
			assert.Contains(t, page, `<time datetime="2026-07-04T09:05:00Z">`+tc.want+`</time>`)
		})
	}

	forced, err := New(Options{TimeZone: "Asia/Tokyo"})
	require.NoError(t, err)
	page, err := forced.PageString(london, View{})
	require.NoError(t, err)
	assert.Contains(t, page, `<time datetime="2026-07-04T09:05:00Z">4 July 2026, 18:05 JST</time>`, "Options.TimeZone wins over the site's")
}

func TestDirOf(t *testing.T) {
	for _, tc := range []struct{ page, text, want string }{
		{"", "Council votes", ""},
		{"", "مجلس المدينة", "auto"},
		{"rtl", "מועצת העיר", ""},
		{"rtl", "Open Data Day", "auto"},
		{"rtl", "2026", ""},
	} {
		d := &Data{Dir: tc.page}
		assert.Equal(t, tc.want, d.DirOf(tc.text), "page %q DirOf(%q)", tc.page, tc.text)
	}
}

func TestCountWordsCJK(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"two words", 2},
		{"港北市", 3},
		{"ひらがなカタカナ", 8},
		{"港北市 は tram", 5},
		{"서울 시청", 2},
		{"", 0},
	} {
		assert.Equal(t, tc.want, countWords(tc.s), "countWords(%q)", tc.s)
	}
}

// TestLocaleFromPerArticle overrides one article's wording on top of the
// catalogue through Options.Locale and LocaleFrom.
func TestLocaleFromPerArticle(t *testing.T) {
	c := locale.New()
	special := map[string]locale.Messages{"port-vauclair-navettes": {locale.KeyPoints: "En bref"}}
	r, err := New(Options{Locale: func(a *article.Article) Locale {
		w, err := c.Words(a.Language)
		if err != nil {
			w, _ = c.Words("")
		}
		if m := special[a.ID]; m != nil {
			if ww, err := w.With(m); err == nil {
				w = ww
			}
		}
		return LocaleFrom(w, a)
	}})
	require.NoError(t, err)
	a := localeArticle(t, "fr")
	page, err := r.PageString(a, View{})
	require.NoError(t, err)
	assert.Contains(t, page, `<h2 id="bs-keypoints-heading">En bref</h2>`)
	assert.Contains(t, page, `<p class="bs-byline">Par `)
	a.ID = "other"
	page, err = r.PageString(a, View{})
	require.NoError(t, err)
	assert.Contains(t, page, `<h2 id="bs-keypoints-heading">Ce qu’il faut retenir</h2>`)
}

func TestBeforeAfter(t *testing.T) {
	for _, tc := range []struct{ pattern, name, before, after string }{
		{"By {authors}", "authors", "By ", ""},
		{"{authors} 기자", "authors", "", " 기자"},
		{"公開日：{date}", "date", "公開日：", ""},
		{"Par", "authors", "Par ", ""},
		{"{date}", "date", "", ""},
	} {
		assert.Equal(t, tc.before, before(tc.pattern, tc.name), "before(%q, %q)", tc.pattern, tc.name)
		assert.Equal(t, tc.after, after(tc.pattern, tc.name), "after(%q, %q)", tc.pattern, tc.name)
	}
	// A prefix without placeholder (an override written the old way) still
	// reads with a space before the names.
	r, err := New(Options{Locale: func(*article.Article) Locale { return Locale{Labels: Labels{By: "Von"}} }})
	require.NoError(t, err)
	frag, err := r.FragmentString(sample.Article())
	require.NoError(t, err)
	assert.Contains(t, frag, `<p class="bs-byline">Von <a href=`)
}
