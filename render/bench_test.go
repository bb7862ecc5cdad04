package render

import (
	"html/template"
	"io"
	"strconv"
	"testing"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/share"
)

// BenchmarkPage is the sample page end to end through Renderer.Page, with
// the Renderer's caches warm (it has rendered the article once): the
// article's fingerprint, the cache hit, the ticker and template execution.
func BenchmarkPage(b *testing.B) {
	r := newRenderer(b)
	a := sample.Article()
	in := tickerView(sample.Ticker())
	if err := r.Page(io.Discard, a, in); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Page(io.Discard, a, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPageUncached is the same page with the cache disabled: every
// call sanitises the body, key points and explainers again.
func BenchmarkPageUncached(b *testing.B) {
	r, err := New(Options{CacheBytes: -1})
	if err != nil {
		b.Fatal(err)
	}
	a := sample.Article()
	in := tickerView(sample.Ticker())
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Page(io.Discard, a, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck is the validation part of Meta (article.Check).
func BenchmarkCheck(b *testing.B) {
	a := sample.Article()
	b.ReportAllocs()
	for b.Loop() {
		a.Check()
	}
}

// BenchmarkMeta is the metadata part of Prepare: Check, then resolving
// and encoding the JSON-LD.
func BenchmarkMeta(b *testing.B) {
	a := sample.Article()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Resolve(a, Options{}, PrepareOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFingerprint is the cache key of an article.
func BenchmarkFingerprint(b *testing.B) {
	r := newRenderer(b)
	a := sample.Article()
	b.ReportAllocs()
	for b.Loop() {
		r.fingerprint(a, &PrepareOptions{}, nil)
	}
}

// BenchmarkHead is writing the head tags from a resolved Meta.
func BenchmarkHead(b *testing.B) {
	m, err := newRenderer(b).Meta(sample.Article())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = m.HeadHTML()
	}
}

// BenchmarkPrepare is everything before template execution, done once per
// article: Check, Meta, share links and the components, with the sanitised
// HTML cached.
func BenchmarkPrepare(b *testing.B) {
	r := newRenderer(b)
	a := sample.Article()
	if _, err := r.prepare(a, PrepareOptions{}, nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.prepare(a, PrepareOptions{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPreparedPage is one page view of a prepared article: the ticker
// and template execution.
func BenchmarkPreparedPage(b *testing.B) {
	p, err := newRenderer(b).Prepare(sample.Article(), PrepareOptions{})
	if err != nil {
		b.Fatal(err)
	}
	v := tickerView(sample.Ticker())
	b.ReportAllocs()
	for b.Loop() {
		if err := p.Page(io.Discard, v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStraightTemplate is the baseline: the same page written the
// straightforward way, one html/template action per value (every meta tag,
// share link, key point and ticker item), over the same resolved data.
func BenchmarkStraightTemplate(b *testing.B) {
	p, err := newRenderer(b).Prepare(sample.Article(), PrepareOptions{})
	if err != nil {
		b.Fatal(err)
	}
	d := p.data
	d.View = tickerView(sample.Ticker())
	t := template.Must(template.New("straight").Parse(straightPage))
	type view struct {
		*Data
		Tags   []Tag
		JSONLD template.JS
		CSS    template.CSS
	}
	v := &view{Data: &d, Tags: d.Meta.Tags(), JSONLD: template.JS(d.Meta.JSONLD()), CSS: template.CSS(Stylesheet())}
	if err := t.Execute(io.Discard, v); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := t.Execute(io.Discard, v); err != nil {
			b.Fatal(err)
		}
	}
}

const straightPage = `<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Meta.Title}}</title>
<link rel="canonical" href="{{.Meta.Canonical}}">
{{range .Tags}}{{if eq .Attr "name"}}<meta name="{{.Key}}" content="{{.Content}}">{{else}}<meta property="{{.Key}}" content="{{.Content}}">{{end}}
{{end}}<script type="application/ld+json">{{.JSONLD}}</script>
<style>{{.CSS}}</style></head><body>
<header><p><a href="{{.Article.Site.URL}}">{{.Article.Site.Name}}</a></p><p>{{.Article.Site.Tagline}}</p></header>
{{with .View.Ticker.Items}}<section aria-label="Breaking news"><ul>{{range .}}<li>{{.Headline}}</li>{{end}}</ul></section>{{end}}
<main><article><header><p>{{.Article.Kicker}}</p><h1>{{.Article.Headline}}</h1><p>{{.Article.Standfirst}}</p>
<p>By {{range $i, $a := .Article.Authors}}{{if $i}}, {{end}}<a href="{{$a.URL}}">{{$a.Name}}</a>{{end}}</p>
<p>Published <time datetime="{{.Meta.OpenGraph.PublishedTime}}">{{.Article.Published.Format "2 January 2006, 15:04"}}</time></p></header>
{{with .Article.Image}}<figure><img src="{{.URL}}" alt="{{.Alt}}" width="{{.Width}}" height="{{.Height}}"><figcaption>{{.Caption}} <small>{{.Credit}}</small></figcaption></figure>{{end}}
<section><h2>Key points</h2><ul>{{range .KeyPoints}}<li>{{.}}</li>{{end}}</ul></section>
<div>{{.Body}}</div>
{{range .Explainers}}<section aria-labelledby="{{.ID}}"><h2 id="{{.ID}}">{{.Label}}</h2><p>{{.Body}}</p></section>{{end}}
<nav><ul>{{range .Share}}<li><a href="{{.TrustedHref}}" title="{{.Label}}">{{.Name}}</a></li>{{end}}</ul></nav>
{{with .Article.Site.Newsletter}}<aside><h2>{{.Title}}</h2><p>{{.Pitch}}</p><form method="post" action="{{.Action}}"><label for="e">Email address</label><input id="e" type="email" name="email"><button>{{.Button}}</button></form></aside>{{end}}
</article></main><footer><p>© {{.Article.Published.Year}} {{.Article.Site.Name}}</p></footer></body></html>
`

// BenchmarkShareLinks is package share's part of the page: the share bar's
// links.
func BenchmarkShareLinks(b *testing.B) {
	a := sample.Article()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := share.Links(a, share.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// articleVariants returns n copies of the sample article, each a distinct
// story of the same site: its own id, URL, headline, standfirst, body, key
// points and explainer bodies (gen and the index are written into each),
// so nothing per-article is in a Renderer's caches yet.
func articleVariants(gen, n int) []*article.Article {
	base := sample.Article()
	out := make([]*article.Article, n)
	for i := range out {
		a := base.Clone()
		tag := "-" + strconv.Itoa(gen) + "-" + strconv.Itoa(i)
		a.ID += tag
		a.URL += tag
		a.Headline += " (story " + tag + ")"
		a.Standfirst += " Story " + tag + "."
		a.Body = "<p>Story " + tag + " begins.</p>\n" + a.Body
		for k := range a.KeyPoints {
			a.KeyPoints[k] += " (" + tag + ")"
		}
		for k := range a.Explainers {
			a.Explainers[k].Body += " Story " + tag + "."
		}
		out[i] = a
	}
	return out
}

// BenchmarkPageColdArticleWarmSite is the first page of an article the
// Renderer has not seen, on a Renderer that has already rendered other
// articles of the same site (the serving case): every iteration is a new
// story, so its checks, metadata, sanitising, share links and components
// are all done afresh, while whatever depends only on the site, the
// labels and the templates may be reused.
func BenchmarkPageColdArticleWarmSite(b *testing.B) {
	r := newRenderer(b)
	in := tickerView(sample.Ticker())
	for _, a := range articleVariants(0, 8) {
		if err := r.Page(io.Discard, a, in); err != nil {
			b.Fatal(err)
		}
	}
	const pool = 256
	gen, next := 1, pool
	var as []*article.Article
	b.ReportAllocs()
	for b.Loop() {
		if next == pool {
			b.StopTimer()
			as, next = articleVariants(gen, pool), 0
			gen++
			b.StartTimer()
		}
		if err := r.Page(io.Discard, as[next], in); err != nil {
			b.Fatal(err)
		}
		next++
	}
}

// BenchmarkStyleHashes is reading a whole page for StyleHashes (done once per
// prepared article whose "page" template is overridden): tokenising the
// sample page and hashing its stylesheet.
func BenchmarkStyleHashes(b *testing.B) {
	page, err := newRenderer(b).PageString(sample.Article(), View{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var hs hashList
		hs.read(page)
	}
}

// BenchmarkStyleHashesSkeleton is StyleHashes of a new article with the
// embedded templates: the page's fixed markup was read once, so only the
// article's parts are scanned for "<style".
func BenchmarkStyleHashesSkeleton(b *testing.B) {
	p, err := newRenderer(b).Prepare(sample.Article(), PrepareOptions{})
	if err != nil {
		b.Fatal(err)
	}
	if p.pageSkel == nil || len(p.StyleHashes()) != 1 {
		b.Fatal("no page skeleton, or not one stylesheet")
	}
	b.ReportAllocs()
	for b.Loop() {
		var hs hashList
		p.pageSkel.styles(&hs, &p.data, p.articleSkel)
	}
}

// BenchmarkEscapedValue is the price of one value escaped by html/template
// (the floor of a cold page, which escapes about 150 per article): 100
// values written in one execution, per context, reported per value.
func BenchmarkEscapedValue(b *testing.B) {
	values := make([]string, 100)
	for i := range values {
		values[i] = "https://news.example.com/local/story-" + strconv.Itoa(i)
	}
	for _, bc := range []struct{ name, tmpl string }{
		{"text", `{{range .}}<p>{{.}}</p>{{end}}`},
		{"attribute", `{{range .}}<meta name="x" content="{{.}}">{{end}}`},
		{"url", `{{range .}}<a href="{{.}}">x</a>{{end}}`},
		{"literal-baseline", `{{range .}}<p>x</p>{{end}}`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			t := template.Must(template.New(bc.name).Parse(bc.tmpl))
			b.ReportAllocs()
			for b.Loop() {
				if err := t.Execute(io.Discard, values); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(values)), "ns/value")
		})
	}
}
