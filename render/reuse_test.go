package render

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
)

// TestSkeletonMatchesExecution fills the skeletons of "article" and "page"
// with the prepared data of articles in several languages and directions
// and checks the result is byte for byte what executing the template
// writes.
func TestSkeletonMatchesExecution(t *testing.T) {
	r := newRenderer(t)
	articles := map[string]*article.Article{"en": sample.Article()}
	for _, s := range localeSamples {
		articles[s.lang] = localeArticle(t, s.lang)
	}
	noLang := sample.Article()
	noLang.Language, noLang.Site.Locale = "", ""
	articles["none"] = noLang
	for name, a := range articles {
		t.Run(name, func(t *testing.T) {
			p, err := r.Prepare(a, PrepareOptions{})
			require.NoError(t, err)
			d := p.data
			d.Parts.Ticker = "<section>ticker</section>"
			for _, tmpl := range []string{"article", "page"} {
				s := r.skeleton(tmpl, &d)
				require.NotNil(t, s, tmpl)
				var want bytes.Buffer
				v := slotValues(&d)
				got, ticker := s.fill([]byte("prefix"), v[:], slotTicker)
				require.NoError(t, r.tmpl.ExecuteTemplate(&want, tmpl, &d))
				assert.Equal(t, "prefix"+want.String(), string(got), tmpl)
				assert.Equal(t, want.String(), s.fillString(v[:]), tmpl)
				assert.Equal(t, want.Len(), s.filledLen(v[:]))
				if tmpl == "page" {
					assert.Equal(t, len("prefix")+bytes.Index(want.Bytes(), []byte(d.Parts.Ticker)), ticker, "ticker offset")
				} else {
					assert.Equal(t, -1, ticker, "article has no ticker")
				}
			}
			// The prepared page is the executed one around the ticker.
			var page bytes.Buffer
			require.NoError(t, r.tmpl.ExecuteTemplate(&page, "page", &d))
			assert.Equal(t, page.String(), string(p.before)+string(d.Parts.Ticker)+string(p.after))
		})
	}
	assert.Equal(t, 2*len(articles), len(r.skeletons.m), "one skeleton per template and language (each article has its own)")
}

// TestPartSkeletons checks the skeletons of "key-points" and
// "explainers" write what executing them writes, for several counts, a
// custom explainer title that needs escaping and other languages; and
// that they are not used for an override or with Options.Locale.
func TestPartSkeletons(t *testing.T) {
	r := newRenderer(t)
	tests := []struct {
		name   string
		change func(a *article.Article)
	}{
		{"sample", func(*article.Article) {}},
		{"one key point, one explainer", func(a *article.Article) {
			a.KeyPoints = a.KeyPoints[:1]
			a.Explainers = a.Explainers[:1]
		}},
		{"twelve key points", func(a *article.Article) {
			for len(a.KeyPoints) < 12 {
				a.KeyPoints = append(a.KeyPoints, "Point <em>"+strconv.Itoa(len(a.KeyPoints))+"</em> & more")
			}
		}},
		{"custom title to escape", func(a *article.Article) {
			a.Explainers = append(a.Explainers, article.Explainer{Kind: article.KindCustom, Title: `Q&A: "why" & how`, Body: "<b>Because.</b>"})
		}},
		{"French", func(a *article.Article) { a.Language = "fr" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := sample.Article()
			tt.change(a)
			p, err := r.Prepare(a, PrepareOptions{})
			require.NoError(t, err)
			d := p.data
			for _, name := range []string{"key-points", "explainers"} {
				s, vals := r.componentSkeleton(name, &d)
				require.NotNil(t, s, name)
				var want bytes.Buffer
				require.NoError(t, r.tmpl.ExecuteTemplate(&want, name, &d))
				assert.Equal(t, want.String(), s.fillString(vals), name)
				assert.Len(t, s.holes, len(vals), "%s: one hole per value", name)
			}
			assert.Equal(t, string(d.Parts.KeyPoints), func() string {
				var b bytes.Buffer
				require.NoError(t, r.tmpl.ExecuteTemplate(&b, "key-points", &d))
				return b.String()
			}())
		})
	}

	o, err := New(Options{Templates: fstest.MapFS{"mine.html": {Data: []byte(`{{define "key-points"}}<ol>{{range .KeyPoints}}<li>{{.}}</li>{{end}}</ol>{{end}}`)}}})
	require.NoError(t, err)
	p, err := o.Prepare(sample.Article(), PrepareOptions{})
	require.NoError(t, err)
	s, _ := o.componentSkeleton("key-points", &p.data)
	assert.Nil(t, s, "an override is executed")
	assert.True(t, strings.HasPrefix(string(p.data.Parts.KeyPoints), "<ol><li>The council voted"))

	l, err := New(Options{Locale: func(*article.Article) Locale { return Locale{} }})
	require.NoError(t, err)
	p, err = l.Prepare(sample.Article(), PrepareOptions{})
	require.NoError(t, err)
	s, _ = l.componentSkeleton("key-points", &p.data)
	assert.Nil(t, s, "labels made per article key nothing")

	u, err := New(Options{CacheBytes: -1})
	require.NoError(t, err)
	p, err = u.Prepare(sample.Article(), PrepareOptions{})
	require.NoError(t, err)
	s, _ = u.componentSkeleton("explainers", &p.data)
	assert.Nil(t, s, "nothing kept with the cache off")
}

// TestSkeletonRefused checks that a template inserting a part twice gets
// no skeleton.
func TestSkeletonRefused(t *testing.T) {
	r, err := New(Options{Templates: fstest.MapFS{"twice.html": {Data: []byte(
		`{{define "article"}}<article>{{.Body}}<hr>{{.Body}}</article>{{end}}`)}}})
	require.NoError(t, err)
	m := Data{Lang: "en"}
	for i, sl := range slots {
		*sl(&m) = template.HTML(r.slotMarker(i))
	}
	_, err = r.buildSkeleton("article", &m, nSlots)
	assert.ErrorIs(t, err, errNoSkeleton)
	// Not the embedded template, so it is executed per article and the
	// body shows twice.
	frag, err := r.FragmentString(sample.Article())
	require.NoError(t, err)
	assert.Equal(t, 2, bytes.Count([]byte(frag), []byte("<p>Kestrel Bay’s council has voted")))
}

// TestSiteParts checks that the site header, newsletter and footer are
// shared by the articles of a site, follow a change of the site, its
// labels or the year, and are never shared when overridden or when
// Options.Locale supplies the labels.
func TestSiteParts(t *testing.T) {
	r := newRenderer(t)
	one, two := sample.Article(), sample.Article()
	two.ID, two.URL, two.Headline = "another", two.URL+"-another", "Another story"
	p1, err := r.Prepare(one, PrepareOptions{})
	require.NoError(t, err)
	p2, err := r.Prepare(two, PrepareOptions{})
	require.NoError(t, err)
	for _, pick := range []func(*Parts) template.HTML{
		func(p *Parts) template.HTML { return (p.SiteHeader) },
		func(p *Parts) template.HTML { return (p.Newsletter) },
		func(p *Parts) template.HTML { return (p.SiteFooter) },
	} {
		a, b := pick(&p1.data.Parts), pick(&p2.data.Parts)
		assert.NotEmpty(t, a)
		assert.Equal(t, a, b)
		assert.True(t, unsafe.StringData(string(a)) == unsafe.StringData(string(b)), "the same string, kept once")
	}
	assert.Equal(t, 3, len(r.siteParts.m))

	tests := []struct {
		name   string
		change func(a *article.Article)
		part   func(*Parts) template.HTML
		want   string
	}{
		{"tagline", func(a *article.Article) { a.Site.Tagline = "News of the Bay" },
			func(p *Parts) template.HTML { return (p.SiteHeader) }, `<p class="bs-tagline">News of the Bay</p>`},
		{"newsletter pitch", func(a *article.Article) { a.Site.Newsletter.Pitch = "Weekly & free" },
			func(p *Parts) template.HTML { return (p.Newsletter) }, `<p>Weekly &amp; free</p>`},
		{"year", func(a *article.Article) {
			a.Published = time.Date(2027, 1, 2, 9, 0, 0, 0, time.UTC)
			a.Modified = a.Published.Add(time.Hour)
		}, func(p *Parts) template.HTML { return (p.SiteFooter) }, `<p>© 2027 `},
		{"language", func(a *article.Article) { a.Language = "fr" },
			func(p *Parts) template.HTML { return (p.Newsletter) }, `<button type="submit">`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := sample.Article()
			a.ID, a.URL = "changed-"+tt.name, a.URL+"-changed"
			tt.change(a)
			p, err := r.Prepare(a, PrepareOptions{})
			require.NoError(t, err)
			got := tt.part(&p.data.Parts)
			assert.Contains(t, string(got), tt.want)
			assert.NotEqual(t, tt.part(&p1.data.Parts), got)
		})
	}

	// An override is executed for every article: it may read anything.
	o, err := New(Options{Templates: fstest.MapFS{"mine.html": {Data: []byte(
		`{{define "site-footer"}}<p>{{.Article.Headline}}</p>{{end}}`)}}})
	require.NoError(t, err)
	for _, a := range []*article.Article{one, two} {
		p, err := o.Prepare(a, PrepareOptions{})
		require.NoError(t, err)
		assert.Equal(t, "<p>"+a.Headline+"</p>", string(p.data.Parts.SiteFooter))
	}
	assert.Equal(t, 2, len(o.siteParts.m), "the embedded header and newsletter only")

	// Labels from Options.Locale are new for every article: nothing kept.
	l, err := New(Options{Locale: func(a *article.Article) Locale {
		return Locale{Labels: Labels{SkipLink: "Skip to " + a.Headline}}
	}})
	require.NoError(t, err)
	for _, a := range []*article.Article{one, two} {
		p, err := l.Prepare(a, PrepareOptions{})
		require.NoError(t, err)
		assert.Contains(t, string(p.data.Parts.SiteHeader), "Skip to "+a.Headline)
	}
	assert.Empty(t, l.siteParts.m)
}

// TestHeader checks the values Prepare works out for the article header
// and figure agree with the methods and functions an override would call.
func TestHeader(t *testing.T) {
	r := newRenderer(t)
	tests := []struct {
		name   string
		change func(a *article.Article)
		want   func(t *testing.T, h Header)
	}{
		{"sample", func(*article.Article) {}, func(t *testing.T, h Header) {
			assert.False(t, h.Badge, "the kicker already says Breaking")
			assert.Equal(t, "", h.HeadlineDir)
			assert.Equal(t, "By ", h.ByBefore)
			assert.Equal(t, "", h.ByAfter)
			assert.Equal(t, []Byline{
				{Name: "Mara Ellingsworth", URL: "https://news.example.com/people/mara-ellingsworth"},
				{Separator: " and ", Name: "Tobin Achterberg", URL: "https://news.example.com/people/tobin-achterberg"},
			}, h.Authors)
			assert.Equal(t, Dateline{Before: "Published ", DateTime: "2026-11-26T09:30:00Z", Text: "26 November 2026, 09:30 UTC"}, h.Published)
			assert.True(t, h.Updated)
			assert.Equal(t, Dateline{Before: "Updated ", DateTime: "2026-11-26T11:05:00Z", Text: "26 November 2026, 11:05 UTC"}, h.Modified)
			assert.Equal(t, "Photograph: ", h.CreditBefore)
			assert.True(t, h.ImageSized)
		}},
		{"three authors, badge, no update, no image", func(a *article.Article) {
			a.Kicker = "Council"
			a.Authors = append(a.Authors, article.Person{Name: "Third Writer"})
			a.Modified = time.Time{}
			a.Image = nil
		}, func(t *testing.T, h Header) {
			assert.True(t, h.Badge)
			assert.Equal(t, []string{"", ", ", " and "}, []string{h.Authors[0].Separator, h.Authors[1].Separator, h.Authors[2].Separator})
			assert.Equal(t, "", h.Authors[2].URL)
			assert.False(t, h.Updated)
			assert.Equal(t, Dateline{}, h.Modified)
			assert.False(t, h.ImageSized)
		}},
		{"Korean byline after the names, Hebrew headline", func(a *article.Article) {
			a.Language = "ko"
			a.Headline = "כותרת בעברית"
		}, func(t *testing.T, h Header) {
			assert.Equal(t, "", h.ByBefore)
			assert.NotEmpty(t, h.ByAfter)
			assert.Equal(t, "auto", h.HeadlineDir)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := sample.Article()
			tt.change(a)
			p, err := r.Prepare(a, PrepareOptions{})
			require.NoError(t, err)
			d := &p.data
			h := d.Header
			tt.want(t, h)
			// The same as the methods and functions.
			assert.Equal(t, d.BreakingBadge(), h.Badge)
			assert.Equal(t, d.Updated(), h.Updated)
			assert.Equal(t, d.DirOf(a.Headline), h.HeadlineDir)
			assert.Equal(t, before(d.Labels.By, "authors"), h.ByBefore)
			assert.Equal(t, after(d.Labels.By, "authors"), h.ByAfter)
			assert.Equal(t, d.Date(a.Published), h.Published.Text)
			for i := range a.Authors {
				assert.Equal(t, d.AuthorSeparator(i), h.Authors[i].Separator)
			}
		})
	}
}

// TestReuseConcurrent renders new stories of one site from several
// goroutines on one Renderer (skeletons, site parts and locales built
// while others read them) and checks every page is the one a fresh
// Renderer writes for that story alone.
func TestReuseConcurrent(t *testing.T) {
	stories := articleVariants(0, 24)
	for i, a := range stories {
		if i%3 == 1 {
			a.Language = "fr"
		}
		if i%4 == 2 {
			a.Authors = a.Authors[:1]
		}
	}
	want := make([]string, len(stories))
	for i, a := range stories {
		page, err := newRenderer(t).PageString(a, tickerView(sample.Ticker()))
		require.NoError(t, err)
		want[i] = page
	}
	r := newRenderer(t)
	got := make([]string, len(stories))
	errs := make([]error, len(stories))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(stories); i += 4 {
				got[i], errs[i] = r.PageString(stories[i], tickerView(sample.Ticker()))
			}
		})
	}
	wg.Wait()
	for i := range stories {
		require.NoError(t, errs[i])
		assert.Equal(t, want[i], got[i], "story %d", i)
	}
}
