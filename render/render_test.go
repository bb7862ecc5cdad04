package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/golden"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/sanitize"
)

func newRenderer(t testing.TB) *Renderer {
	t.Helper()
	r, err := New(Options{})
	require.NoError(t, err)
	return r
}

func TestGolden(t *testing.T) {
	r := newRenderer(t)
	a := sample.Article()

	page, err := r.PageString(a, tickerView(sample.Ticker()))
	require.NoError(t, err)
	golden.Assert(t, "page.html", []byte(page))

	frag, err := r.FragmentString(a)
	require.NoError(t, err)
	golden.Assert(t, "fragment.html", []byte(frag))

	var head bytes.Buffer
	require.NoError(t, r.Head(&head, a))
	golden.Assert(t, "head.html", head.Bytes())

	m, err := r.Meta(a)
	require.NoError(t, err)
	js, err := json.MarshalIndent(m, "", "  ")
	require.NoError(t, err)
	golden.Assert(t, "meta.json", append(js, '\n'))
}

func TestRoundTrip(t *testing.T) {
	r := newRenderer(t)
	alts := []Alternate{{Lang: "cy-GB", URL: "https://news.example.com/cy/local/kestrel-bay-camera-vote"}, {Lang: "x-default", URL: "https://news.example.com/local/kestrel-bay-camera-vote"}}
	tests := []struct {
		name string
		a    *article.Article
		po   PrepareOptions
		v    View
	}{
		{"sample", sample.Article(), PrepareOptions{}, tickerView(sample.Ticker())},
		{"sample with alternates", sample.Article(), PrepareOptions{Alternates: alts}, View{}},
		{"hostile", hostileArticle(), PrepareOptions{}, tickerView(hostileTicker())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := r.Prepare(tt.a, tt.po)
			require.NoError(t, err)
			var b strings.Builder
			require.NoError(t, p.Page(&b, tt.v))
			page := b.String()
			m := p.Meta()
			assertRoundTrip(t, page, m)
			got := parse(t, page)
			assert.Equal(t, tt.a.Headline, got.h1)
			assert.Equal(t, m.Lang, got.lang)
		})
	}
}

// TestHostileText checks that every plain-text value of the hostile article
// reaches the page as the same text, and that no markup from any field
// survives as an element or attribute.
func TestHostileText(t *testing.T) {
	r := newRenderer(t)
	a := hostileArticle()
	page, err := r.PageString(a, tickerView(hostileTicker()))
	require.NoError(t, err)
	p := parse(t, page)

	scripts := findAll(p.doc, "script")
	require.Len(t, scripts, 1, "only the JSON-LD script")
	assert.Equal(t, "application/ld+json", attr(scripts[0], "type"))
	for _, n := range findAll(p.doc, "*") {
		for _, at := range n.Attr {
			assert.False(t, strings.HasPrefix(at.Key, "on"), "event handler %s on <%s>", at.Key, n.Data)
			assert.NotContains(t, strings.ToLower(at.Val), "javascript:", "<%s %s>", n.Data, at.Key)
		}
	}
	assert.Len(t, findAll(p.doc, "main"), 1)
	assert.Len(t, findAll(p.doc, "article"), 1)
	// The hostile body closes </div></article></main>: the explainers,
	// share bar and newsletter must still be inside the article, and the
	// footer outside it.
	inArticle := map[string]bool{"bs-explainer": true, "bs-share": true, "bs-newsletter": true, "bs-site-footer": false}
	checked := 0
	for _, n := range findAll(p.doc, "*") {
		cls := strings.Fields(attr(n, "class"))
		if len(cls) == 0 {
			continue
		}
		want, ok := inArticle[cls[0]]
		if !ok {
			continue
		}
		checked++
		got := false
		for up := n.Parent; up != nil; up = up.Parent {
			if up.Data == "article" {
				got = true
			}
		}
		assert.Equal(t, want, got, "<%s class=%q> inside the article", n.Data, attr(n, "class"))
	}
	assert.Equal(t, 6, checked, "three explainers, the share bar, the newsletter, the footer")

	body := text(p.doc)
	for _, want := range []string{a.Headline, a.Standfirst, a.Image.Caption, a.Site.Tagline, a.Site.Newsletter.Pitch, hostileTicker()[0], hostileTicker()[2]} {
		assert.Contains(t, body, want)
	}
	var ld struct {
		Graph []map[string]any `json:"@graph"`
	}
	require.NoError(t, json.Unmarshal([]byte(p.jsonld), &ld))
	var headline string
	for _, n := range ld.Graph {
		if n["@type"] == "NewsArticle" {
			headline, _ = n["headline"].(string)
		}
	}
	assert.Equal(t, a.Headline, headline, "JSON-LD headline parses back to the same string")
	assert.NotContains(t, p.jsonld, "\u2028")
}

// TestHostileURLs sets each URL field to a dangerous or relative URL: the
// render must fail, naming the field.
func TestHostileURLs(t *testing.T) {
	r := newRenderer(t)
	set := map[string]func(a *article.Article, u string){
		"url":                    func(a *article.Article, u string) { a.URL = u },
		"authors[0].url":         func(a *article.Article, u string) { a.Authors[0].URL = u },
		"image.url":              func(a *article.Article, u string) { a.Image.URL = u },
		"site.url":               func(a *article.Article, u string) { a.Site.URL = u },
		"site.logo.url":          func(a *article.Article, u string) { a.Site.Logo.URL = u },
		"site.facebook_page":     func(a *article.Article, u string) { a.Site.FacebookPage = u },
		"site.newsletter.action": func(a *article.Article, u string) { a.Site.Newsletter.Action = u },
	}
	urls := []string{"javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "//cdn.example.com/x.jpg", "/relative/path", "vbscript:msgbox(1)"}
	for path, f := range set {
		for _, u := range urls {
			t.Run(path+"="+u, func(t *testing.T) {
				a := sample.Article()
				f(a, u)
				_, err := r.PageString(a, View{})
				require.Error(t, err)
				var re *Error
				require.ErrorAs(t, err, &re)
				var ve *article.ValidationError
				require.ErrorAs(t, err, &ve)
				found := false
				for _, fd := range ve.Findings {
					if fd.Path == path && fd.Severity == article.SeverityError {
						found = true
					}
				}
				assert.True(t, found, "no error finding for %s in %v", path, err)
				assert.Contains(t, err.Error(), path)
				assert.True(t, strings.HasPrefix(err.Error(), "render: "), err.Error())
			})
		}
	}
	t.Run("alternate", func(t *testing.T) {
		_, err := r.Prepare(sample.Article(), PrepareOptions{Alternates: []Alternate{{Lang: "fr-FR", URL: "javascript:alert(1)"}}})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "alternates[0].url")
		assert.ErrorIs(t, err, article.ErrInvalidURL)
		_, err = r.Prepare(sample.Article(), PrepareOptions{Alternates: []Alternate{{Lang: `"><x`, URL: "https://news.example.com/fr"}}})
		assert.ErrorContains(t, err, "alternates[0].lang")
	})
}

func TestRefusesInvalidArticle(t *testing.T) {
	r := newRenderer(t)
	a := sample.Article()
	a.Headline = ""
	var buf bytes.Buffer
	err := r.Page(&buf, a, View{})
	require.Error(t, err)
	assert.True(t, errors.As(err, new(*article.ValidationError)))
	assert.ErrorIs(t, err, article.ErrRequired)
	assert.Contains(t, err.Error(), "headline: required")
	assert.Zero(t, buf.Len(), "nothing written")

	_, err = r.FragmentString(nil)
	assert.ErrorIs(t, err, ErrNilArticle)

	// Warnings do not block; they are kept in Meta.
	a = sample.Article()
	a.Headline = strings.Repeat("Long headline ", 10)
	m, err := r.Meta(a)
	require.NoError(t, err)
	require.NotEmpty(t, m.Warnings)
	assert.Equal(t, "headline", m.Warnings[0].Path)
}

func TestTicker(t *testing.T) {
	r := newRenderer(t)
	for _, tt := range []struct {
		name   string
		ticker []string
		want   bool
	}{
		{"none", nil, false},
		{"headlines", sample.Ticker(), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page, err := r.PageString(sample.Article(), tickerView(tt.ticker))
			require.NoError(t, err)
			assert.Equal(t, tt.want, strings.Contains(page, `class="bs-ticker"`))
			assert.NotContains(t, strings.ToLower(page), "loading")
		})
	}
}

func TestTemplateOverride(t *testing.T) {
	fsys := fstest.MapFS{
		"keypoints.html": {Data: []byte(`{{define "key-points"}}<ol class="mine">{{range .KeyPoints}}<li>{{.}}</li>{{end}}</ol>{{end}}` +
			`{{define "site-footer"}}<p>{{.Article.Site.Name}} &amp; friends</p>{{end}}`)},
	}
	r, err := New(Options{Templates: fsys})
	require.NoError(t, err)
	a := hostileArticle()
	page, err := r.PageString(a, View{})
	require.NoError(t, err)
	assert.Contains(t, page, `<ol class="mine"><li>`)
	assert.NotContains(t, page, `class="bs-keypoints"`)
	assert.Contains(t, page, `<p>Site Tom &amp; Jerry&#39;s &#34;big&#34;`, "html/template escapes the caller's template")

	_, err = New(Options{Templates: fstest.MapFS{"bad.html": {Data: []byte(`{{define "x"}}{{.Nope`)}}})
	assert.ErrorContains(t, err, "render: templates")
	_, err = New(Options{Templates: fstest.MapFS{"notes.txt": {Data: []byte(`x`)}}})
	assert.ErrorContains(t, err, "no *.html file")
	_, err = New(Options{TitleFormat: "{site}"})
	assert.ErrorContains(t, err, "{headline}")
}

func TestConcurrent(t *testing.T) {
	r := newRenderer(t)
	want, err := r.PageString(sample.Article(), tickerView(sample.Ticker()))
	require.NoError(t, err)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Go(func() {
			for j := 0; j < 20; j++ {
				a := sample.Article()
				if j%2 == 1 {
					a = hostileArticle()
				}
				got, err := r.PageString(a, tickerView(sample.Ticker()))
				if err != nil {
					t.Error(err)
					return
				}
				if j%2 == 0 && got != want {
					t.Error("concurrent page differs")
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestCacheBound(t *testing.T) {
	r, err := New(Options{CacheBytes: 10_000})
	require.NoError(t, err)
	for i := 0; i < 50; i++ {
		a := sample.Article()
		a.Body = strings.Repeat("<p>x</p>", i+1)
		_, err := r.FragmentString(a)
		require.NoError(t, err)
		assert.LessOrEqual(t, r.cache.size()+r.prepared.size(), 10_000)
	}
	off, err := New(Options{CacheBytes: -1})
	require.NoError(t, err)
	assert.Nil(t, off.cache)
	_, err = off.FragmentString(sample.Article())
	require.NoError(t, err)
}

// TestFingerprintCoversEveryField changes every field of the sample article
// in turn, found by reflection so a field added to the model later is
// covered too, and checks the fingerprint (the cache key) changes.
func TestFingerprintCoversEveryField(t *testing.T) {
	r := newRenderer(t)
	base := r.fingerprint(sample.Article(), &PrepareOptions{}, nil)
	n := 0
	var visit func(path string, get func(a *article.Article) reflect.Value)
	visit = func(path string, get func(a *article.Article) reflect.Value) {
		v := get(sample.Article())
		switch v.Kind() {
		case reflect.Struct:
			if v.Type() == reflect.TypeFor[time.Time]() {
				break
			}
			for i := 0; i < v.NumField(); i++ {
				visit(path+"."+v.Type().Field(i).Name, func(a *article.Article) reflect.Value { return get(a).Field(i) })
			}
			return
		case reflect.Pointer:
			visit(path, func(a *article.Article) reflect.Value { return get(a).Elem() })
			return
		case reflect.Slice:
			if v.Len() > 0 && v.Index(0).Kind() == reflect.Struct {
				visit(path+"[0]", func(a *article.Article) reflect.Value { return get(a).Index(0) })
				return
			}
		}
		a := sample.Article()
		f := get(a)
		switch f.Kind() {
		case reflect.String:
			f.SetString(f.String() + "x")
		case reflect.Int:
			f.SetInt(f.Int() + 1)
		case reflect.Bool:
			f.SetBool(!f.Bool())
		case reflect.Slice:
			f.Set(reflect.Append(f, reflect.Zero(f.Type().Elem())))
		case reflect.Struct: // time.Time
			f.Set(reflect.ValueOf(f.Interface().(time.Time).Add(time.Second)))
		default:
			t.Fatalf("%s: unhandled kind %s", path, f.Kind())
		}
		n++
		assert.NotEqual(t, base, r.fingerprint(a, &PrepareOptions{}, nil), "changing %s leaves the fingerprint unchanged", path)
	}
	visit("article", func(a *article.Article) reflect.Value { return reflect.ValueOf(a).Elem() })
	assert.Greater(t, n, 40, "fields visited")

	zoned := sample.Article()
	zoned.Published = zoned.Published.In(time.FixedZone("", 3600))
	assert.NotEqual(t, base, r.fingerprint(zoned, &PrepareOptions{}, nil), "same instant, other offset")
	assert.NotEqual(t, base, r.fingerprint(sample.Article(), &PrepareOptions{Alternates: []Alternate{{Lang: "cy", URL: "https://news.example.com/cy"}}}, nil))
}

// TestCachedPageFollowsChanges renders an article, changes it, and renders
// it again: the cache must never serve the old page.
func TestCachedPageFollowsChanges(t *testing.T) {
	r := newRenderer(t)
	a := sample.Article()
	first, err := r.PageString(a, View{})
	require.NoError(t, err)
	a.Headline = "A different headline"
	a.Tags[0] = "changed-tag"
	second, err := r.PageString(a, View{})
	require.NoError(t, err)
	assert.NotEqual(t, first, second)
	assert.Contains(t, second, "A different headline")
	assert.Contains(t, second, "changed-tag")
	again, err := r.PageString(sample.Article(), View{})
	require.NoError(t, err)
	assert.Equal(t, first, again, "the original article's page is unchanged")
}

func TestExplainerLabelShownOnce(t *testing.T) {
	r := newRenderer(t)
	a := sample.Article()
	a.Explainers = []article.Explainer{
		{Kind: article.KindWhatItMeansForYou, Body: "What this means for you: What this means for you: nobody is scanned from Saturday."},
		{Kind: article.KindWhyItMatters, Body: "<p>Why it matters — other councils were waiting.</p>"},
		{Kind: article.KindBackground, Body: "Background checks were never part of the trial."},
	}
	frag, err := r.FragmentString(a)
	require.NoError(t, err)
	assert.Equal(t, 1, strings.Count(frag, "What this means for you"), "the label once, as the heading")
	assert.Contains(t, frag, "nobody is scanned from Saturday.")
	assert.Contains(t, frag, ">other councils were waiting.")
	assert.Contains(t, frag, "Background checks were never part", "a sentence that merely starts with the label is kept")
}

func TestURLEscapingPerContext(t *testing.T) {
	r := newRenderer(t)
	a := sample.Article()
	a.Image.URL = "https://news.example.com/media/lead.jpg?a=1&b=2"
	page, err := r.PageString(a, View{})
	require.NoError(t, err)
	assert.Contains(t, page, `<meta property="og:image" content="https://news.example.com/media/lead.jpg?a=1&amp;b=2">`, "one &amp; in the attribute")
	assert.Contains(t, page, `"url":"https://news.example.com/media/lead.jpg?a=1\u0026b=2"`, "\\u0026 in the JSON-LD")
	assert.NotContains(t, page, "&amp;amp;")
	m, err := r.Meta(a)
	require.NoError(t, err)
	assertRoundTrip(t, page, m)
}

// TestMarkupInPlainText puts "</script>" and "<!--" into each plain-text
// field: validation refuses the article, naming the field.
func TestMarkupInPlainText(t *testing.T) {
	r := newRenderer(t)
	set := map[string]func(a *article.Article, s string){
		"headline":               func(a *article.Article, s string) { a.Headline = s },
		"social_headline":        func(a *article.Article, s string) { a.SocialHeadline = s },
		"standfirst":             func(a *article.Article, s string) { a.Standfirst = s },
		"kicker":                 func(a *article.Article, s string) { a.Kicker = s },
		"section":                func(a *article.Article, s string) { a.Section = s },
		"tags[0]":                func(a *article.Article, s string) { a.Tags[0] = s },
		"authors[0].name":        func(a *article.Article, s string) { a.Authors[0].Name = s },
		"image.alt":              func(a *article.Article, s string) { a.Image.Alt = s },
		"image.caption":          func(a *article.Article, s string) { a.Image.Caption = s },
		"image.credit":           func(a *article.Article, s string) { a.Image.Credit = s },
		"site.name":              func(a *article.Article, s string) { a.Site.Name = s },
		"site.tagline":           func(a *article.Article, s string) { a.Site.Tagline = s },
		"site.newsletter.title":  func(a *article.Article, s string) { a.Site.Newsletter.Title = s },
		"site.newsletter.pitch":  func(a *article.Article, s string) { a.Site.Newsletter.Pitch = s },
		"site.newsletter.button": func(a *article.Article, s string) { a.Site.Newsletter.Button = s },
	}
	for path, f := range set {
		for _, s := range []string{"x </script><script>alert(1)</script>", "x <!--<script>", "<b>bold</b> 👨‍👩‍👧"} {
			t.Run(path+"="+s, func(t *testing.T) {
				a := sample.Article()
				f(a, s)
				_, err := r.PageString(a, View{})
				require.Error(t, err)
				assert.Contains(t, err.Error(), path+": contains markup")
			})
		}
	}
}

func TestSanitizeOptions(t *testing.T) {
	a := sample.Article()
	a.Body = `<p><a href="https://news.example.com/local/other">own</a> <a href="/guides/x">root-relative</a> <a href="https://elsewhere.example.org/">foreign</a></p>`
	tests := []struct {
		name string
		opts Options
		want []string
	}{
		{"origin of the article by default", Options{}, []string{
			`<a href="https://news.example.com/local/other">own</a>`,
			`<a href="https://news.example.com/guides/x">root-relative</a>`,
			`<a href="https://elsewhere.example.org/" rel="nofollow noopener noreferrer">foreign</a>`,
		}},
		{"explicit base and rel", Options{Sanitize: sanitize.Options{BaseURL: "https://elsewhere.example.org/", Rel: "nofollow"}}, []string{
			`<a href="https://news.example.com/local/other" rel="nofollow">own</a>`,
			`<a href="https://elsewhere.example.org/">foreign</a>`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := New(tt.opts)
			require.NoError(t, err)
			frag, err := r.FragmentString(a)
			require.NoError(t, err)
			for _, w := range tt.want {
				assert.Contains(t, frag, w)
			}
		})
	}
	_, err := New(Options{Sanitize: sanitize.Options{BaseURL: "javascript:alert(1)"}})
	assert.ErrorIs(t, err, sanitize.ErrOptions)
	assert.ErrorContains(t, err, "render: sanitize:")
}
