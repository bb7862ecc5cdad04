package render

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/share"
)

// TestOverrideEachComponent replaces one component at a time with a
// template that reads its documented inputs: the page shows the override
// (escaped by html/template), the default markup of that component is
// gone, and every other component is unchanged.
func TestOverrideEachComponent(t *testing.T) {
	def := newRenderer(t)
	a := sample.Article()
	view := tickerView(sample.Ticker())
	defPage, err := def.PageString(a, view)
	require.NoError(t, err)

	tests := []struct {
		name     string
		override string
		want     []string
		gone     string // a piece of the default markup the override removes
	}{
		{"head", `<title>{{.Meta.Title}} (mine)</title><meta name="x" content="{{inc 1}}">`,
			[]string{"(mine)</title>", `<meta name="x" content="2">`}, `<meta property="og:type"`},
		{"site-header", `<p class="mine">{{.Article.Site.Name}} · {{.Labels.SkipLink}}</p>`,
			[]string{`<p class="mine">The Kestrel Courier · Skip to the article</p>`}, `class="bs-site-name"`},
		{"article-header", `<h1 class="mine">{{.Article.Headline}}</h1><time datetime="{{rfc3339 .Article.Published}}">{{.Date .Article.Published}}</time>{{if .Updated}}*{{end}}{{if .BreakingBadge}}!{{end}}`,
			[]string{`<h1 class="mine">Kestrel Bay council`, `<time datetime="2026-11-26T09:30:00Z">26 November 2026, 09:30 UTC</time>*`}, `class="bs-standfirst"`},
		{"figure", `{{with .Article.Image}}<img class="mine" src="{{.URL}}" alt="{{.Alt}}">{{end}}`,
			[]string{`<img class="mine" src="https://news.example.com/media/2026/11/promenade-cameras.jpg"`}, `class="bs-figure"`},
		{"key-points", `<ol class="mine">{{range .KeyPoints}}<li>{{.}}</li>{{end}}</ol>`,
			[]string{`<ol class="mine"><li>The council voted <strong>7–4</strong>`}, `class="bs-keypoints"`},
		{"explainers", `{{range .Explainers}}<details class="mine {{.Kind}}"><summary>{{.Label}}</summary>{{.Body}}</details>{{end}}`,
			[]string{`<details class="mine why_it_matters"><summary>Why this matters</summary>`}, `class="bs-explainer`},
		{"share-bar", `<ul class="mine">{{range .Share}}{{if not .Copy}}<li><a href="{{.Href}}" aria-label="{{.Label}}">{{.Name}}</a></li>{{end}}{{end}}</ul>`,
			[]string{`<ul class="mine"><li><a href="https://www.facebook.com/sharer/sharer.php?u=`, `aria-label="Share on Facebook">Facebook</a>`}, `class="bs-share"`},
		{"newsletter", `{{with .Article.Site.Newsletter}}<form class="mine" action="{{.Action}}"><button>{{or .Button $.Labels.SignUp}}</button></form>{{end}}`,
			[]string{`<form class="mine" action="https://news.example.com/newsletters/subscribe"><button>Sign up</button></form>`}, `class="bs-newsletter"`},
		{"site-footer", `<p class="mine">{{.Article.Site.Name}} &amp; friends</p>`,
			[]string{`<p class="mine">The Kestrel Courier &amp; friends</p>`}, `<p>© 2026`},
		{"ticker", `{{with .View.Ticker.Items}}<ol class="mine">{{range .}}<li>{{.Headline}}</li>{{end}}</ol>{{end}}`,
			[]string{`<ol class="mine"><li>Harbour ferry timetable cut to hourly from Monday</li>`}, `class="bs-ticker"`},
		{"article", `<article class="mine">{{.Parts.ArticleHeader}}{{.Body}}</article>`,
			[]string{`<article class="mine"><p class="bs-kicker">`}, `class="bs-body"`},
		{"page", `<!DOCTYPE html><html lang="{{.Lang}}"><head>{{.Parts.Head}}</head><body class="mine">{{.Parts.Ticker}}{{.Parts.Article}}{{len .View.Ticker.Items}}</body></html>`,
			[]string{`<body class="mine"><section class="bs-ticker"`, "</article>3</body>"}, `class="bs-site-header"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := New(Options{Templates: fstest.MapFS{
				"mine.html": {Data: []byte(`{{define "` + tt.name + `"}}` + tt.override + `{{end}}`)},
			}})
			require.NoError(t, err)
			page, err := r.PageString(a, view)
			require.NoError(t, err)
			for _, w := range tt.want {
				assert.Contains(t, page, w)
			}
			assert.Contains(t, defPage, tt.gone)
			assert.NotContains(t, page, tt.gone)
			p, err := r.Prepare(a, PrepareOptions{})
			require.NoError(t, err)
			dp, err := def.Prepare(a, PrepareOptions{})
			require.NoError(t, err)
			// The other components are the embedded ones.
			for _, c := range components {
				if c.name == tt.name || c.name == "article" || tt.name == "article" && c.name == "head" {
					continue
				}
				got, want := *c.part(&p.data.Parts), *c.part(&dp.data.Parts)
				if tt.name == "head" || c.name != "head" {
					assert.Equal(t, want, got, "component %s", c.name)
				}
			}
		})
	}
}

// TestOverrideEscapes: an override's values are escaped by html/template
// for their context, like the embedded templates'.
func TestOverrideEscapes(t *testing.T) {
	r, err := New(Options{Templates: fstest.MapFS{"mine.html": {Data: []byte(
		`{{define "site-footer"}}<p title="{{.Article.Site.Name}}">{{.Article.Site.Name}}</p><a href="{{.Article.Image.Caption}}">x</a>{{end}}`)}}})
	require.NoError(t, err)
	a := hostileArticle()
	page, err := r.PageString(a, View{})
	require.NoError(t, err)
	assert.Contains(t, page, `<p title="Site Tom &amp; Jerry&#39;s &#34;big&#34;`)
	assert.Contains(t, page, `<a href="#ZgotmplZ">x</a>`, "a non-URL refused in href")
}

// frenchish is a locale that replaces every word with a marked one, so a
// test can find any English word the page still shows.
func frenchish(*article.Article) Locale {
	var l Labels
	v := reflect.ValueOf(&l).Elem()
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i); f.Kind() == reflect.String {
			f.SetString("§" + strings.ToLower(v.Type().Field(i).Name) + "§")
		}
	}
	l.MinutesRead = func(n int) string { return "§" + itoa(n) + " min§" }
	l.Explainers = map[article.ExplainerKind]string{}
	for k := article.KindWhyItMatters; k <= article.KindWhatHappensNext; k++ {
		l.Explainers[k] = "§explainer " + k.String() + "§"
	}
	l.ShareLinks = map[string]string{}
	for n := share.Network(1); n.Valid(); n++ {
		l.ShareLinks[n.String()] = "§share " + n.String() + "§"
	}
	return Locale{
		Labels:     l,
		FormatTime: func(t time.Time) string { return "§" + t.Format("2006-01-02 15:04") + "§" },
		Dir:        "rtl",
	}
}

// TestEveryWordIsALabel renders the sample page with a locale that marks
// every word, and checks no English word of the library is left: every
// visible word and twitter:label goes through Labels, every date through
// FormatTime.
func TestEveryWordIsALabel(t *testing.T) {
	r, err := New(Options{Locale: frenchish})
	require.NoError(t, err)
	a := sample.Article()
	a.Site.Newsletter.Title, a.Site.Newsletter.Button = "", ""
	a.Kicker = ""
	page, err := r.PageString(a, tickerView(sample.Ticker()))
	require.NoError(t, err)
	for _, english := range []string{"Skip to the article", "Breaking", ">By ", "Published <", "Updated <", "Key points",
		"Why this matters", "What this means for you", "Share this article", "Share on", "Post on", "Send with",
		"Copy the link", "Newsletter", "Sign up", "Email address", "Photograph", "Written by", "Reading time",
		"min read", "November 2026", "UTC"} {
		assert.False(t, strings.Contains(page, english), "the page still says %q", english)
	}
	for _, want := range []string{`§skiplink§`, `<strong class="bs-breaking">§breaking§</strong>`, `aria-label="§breakingnews§"`,
		`<p class="bs-ticker-label">§breaking§</p>`, `§by§ <a`, `§and§`, `§published§ <time datetime="2026-11-26T09:30:00Z">§2026-11-26 09:30§</time>`,
		`§updated§`, `§keypoints§`, `§explainer why_it_matters§`, `§sharearticle§`, `title="§share facebook§"`, `§share copy§`,
		`§newsletter§`, `§signup§`, `§emailaddress§`, `§photograph§ Priya`, `content="§writtenby§"`, `content="§readingtime§"`,
		`content="§2 min§"`, `dir="rtl" prefix=`, `aria-labelledby="bs-headline" dir="rtl">`} {
		assert.True(t, strings.Contains(page, want), "the page lacks %s", want)
	}
}

func TestLocaleFallsBackToEnglish(t *testing.T) {
	r, err := New(Options{Locale: func(*article.Article) Locale {
		return Locale{Labels: Labels{KeyPoints: "Points clés"}}
	}})
	require.NoError(t, err)
	page, err := r.PageString(sample.Article(), View{})
	require.NoError(t, err)
	assert.Contains(t, page, ">Points clés</h2>")
	assert.Contains(t, page, ">Share this article</h2>", "an empty label is English")
	assert.Contains(t, page, "26 November 2026, 09:30 UTC", "no FormatTime is English")
	assert.NotContains(t, page, " dir=")

	en := English()
	v := reflect.ValueOf(en)
	for i := 0; i < v.NumField(); i++ {
		if v.Field(i).Kind() == reflect.String {
			assert.NotEmpty(t, v.Field(i).String(), "English().%s", v.Type().Field(i).Name)
		}
	}

	bad, err := New(Options{Locale: func(*article.Article) Locale { return Locale{Dir: "sideways"} }})
	require.NoError(t, err)
	_, err = bad.PageString(sample.Article(), View{})
	assert.ErrorContains(t, err, `render: locale: dir "sideways" is not ltr or rtl`)
}

// TestEnglishIsUnchanged: an explicit English locale renders the same
// bytes as the default.
func TestEnglishIsUnchanged(t *testing.T) {
	r, err := New(Options{Locale: func(*article.Article) Locale { return Locale{Labels: English()} }})
	require.NoError(t, err)
	got, err := r.PageString(sample.Article(), tickerView(sample.Ticker()))
	require.NoError(t, err)
	want, err := newRenderer(t).PageString(sample.Article(), tickerView(sample.Ticker()))
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.True(t, strings.HasPrefix(got, "<!DOCTYPE html>"))
}

// TestLocalisedExplainerLabelShownOnce: a body repeating the locale's
// heading for its kind shows it once, as the heading.
func TestLocalisedExplainerLabelShownOnce(t *testing.T) {
	r, err := New(Options{Locale: func(*article.Article) Locale {
		return Locale{Labels: Labels{Explainers: map[article.ExplainerKind]string{article.KindWhyItMatters: "Pourquoi c'est important"}}}
	}})
	require.NoError(t, err)
	a := sample.Article()
	a.Explainers = []article.Explainer{
		{Kind: article.KindWhyItMatters, Body: "Pourquoi c'est important : d'autres communes attendaient."},
		{Kind: article.KindWhatItMeansForYou, Body: "What this means for you: nobody is scanned."},
	}
	frag, err := r.FragmentString(a)
	require.NoError(t, err)
	assert.Equal(t, 1, strings.Count(frag, "Pourquoi c&#39;est important"), frag)
	assert.Contains(t, frag, "<p>d&#39;autres communes attendaient.</p>")
	assert.Equal(t, 1, strings.Count(frag, "What this means for you"))
}
