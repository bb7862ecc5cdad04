package render_test

import (
	"fmt"
	"os"
	"strings"
	"testing/fstest"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/render"
)

func ExampleResolve() {
	m, err := render.Resolve(sample.Article(), render.Options{}, render.PrepareOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Title)
	for _, t := range m.Tags() {
		if strings.HasPrefix(t.Key, "twitter:") {
			fmt.Printf("%s = %s\n", t.Key, t.Content)
		}
	}
	// Output:
	// Kestrel Bay council votes to switch off seafront face-scanning cameras – The Kestrel Courier
	// twitter:card = summary_large_image
	// twitter:site = @kestrelcourier
	// twitter:creator = @mara_ellings
	// twitter:title = Kestrel Bay switches off its seafront face-scanning cameras
	// twitter:description = Councillors voted 7–4 to end a live facial-recognition trial on the promenade after an audit found the system flagged the wrong person in 38% of its alerts.
	// twitter:image = https://news.example.com/media/2026/11/promenade-cameras.jpg
	// twitter:image:alt = Two grey cameras on a lamp post above the Kestrel Bay promenade, with the sea behind
	// twitter:label1 = Written by
	// twitter:data1 = Mara Ellingsworth, Tobin Achterberg
	// twitter:label2 = Reading time
	// twitter:data2 = 2 min read
}

// A node whose inputs are missing is dropped, with every reference to it.
func ExampleResolve_dropped() {
	a := sample.Article()
	a.Site.Logo = nil
	m, err := render.Resolve(a, render.Options{}, render.PrepareOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range m.Dropped {
		fmt.Printf("%s: %s\n", d.Node, d.Reason)
	}
	fmt.Println(strings.Contains(string(m.JSONLD()), "#organization"))
	// Output:
	// Organization: site.logo with url, width and height is missing
	// false
}

// An article with an error finding is refused, naming the field.
func ExampleRenderer_Page_invalid() {
	r, _ := render.New(render.Options{})
	a := sample.Article()
	a.Image.URL = "javascript:alert(1)"
	err := r.Page(os.Stdout, a, render.View{})
	fmt.Println(err)
	// Output:
	// render: article: image.url: scheme "javascript:" is not allowed; want http or https
}

// Any embedded template can be replaced by name; html/template escapes the
// replacement as usual.
func ExampleOptions_templates() {
	r, err := render.New(render.Options{Templates: fstest.MapFS{
		"mine.html": {Data: []byte(`{{define "article"}}<article><h1>{{.Article.Headline}}</h1>{{.Body}}</article>{{end}}`)},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := sample.Article()
	a.Headline = `Tom & Jerry's "day"`
	a.Body = "<p>Hello</p><script>alert(1)</script>"
	frag, err := r.FragmentString(a)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(frag)
	// Output:
	// <article><h1>Tom &amp; Jerry&#39;s &#34;day&#34;</h1><p>Hello</p></article>
}

// An article without a photograph gets its share card as og:image,
// twitter:image and the JSON-LD image, without a figure on the page.
func ExampleOptions_shareImage() {
	r, err := render.New(render.Options{
		ShareImage: func(a *article.Article) *article.Image {
			return &article.Image{
				URL:   "https://news.example.com/cards/" + a.ID + ".png",
				Width: 1200, Height: 630, Type: "image/png", Alt: "Share card: " + a.Headline,
			}
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := sample.Article()
	a.Image = nil
	p, err := r.Prepare(a, render.PrepareOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range p.Meta().Tags() {
		if strings.HasPrefix(t.Key, "og:image") || t.Key == "twitter:card" {
			fmt.Printf("%s = %s\n", t.Key, t.Content)
		}
	}
	var page strings.Builder
	if err := p.Page(&page, render.View{}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("figure on the page:", strings.Contains(page.String(), "<figure"))
	// Output:
	// og:image = https://news.example.com/cards/kestrel-bay-camera-vote.png
	// og:image:secure_url = https://news.example.com/cards/kestrel-bay-camera-vote.png
	// og:image:type = image/png
	// og:image:width = 1200
	// og:image:height = 630
	// og:image:alt = Share card: Kestrel Bay council votes to switch off seafront face-scanning cameras
	// twitter:card = summary_large_image
	// figure on the page: false
}

// A page view adds a ticker; its entity tag is known before rendering.
func ExamplePrepared_Page() {
	r, err := render.New(render.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := r.Prepare(sample.Article(), render.PrepareOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	view := render.View{Ticker: render.Ticker{Label: "Live", Items: []render.TickerItem{
		{Headline: "Ferry timetable cut", URL: "https://news.example.com/local/ferry"},
		{Headline: "Rhybudd storm", Lang: "cy"},
	}}}
	fmt.Println("ETag is quoted:", strings.HasPrefix(p.ETag(view), `"`), len(p.ETag(view)))
	var page strings.Builder
	if err := p.Page(&page, view); err != nil {
		fmt.Println(err)
		return
	}
	s := page.String()
	start := strings.Index(s, `<section class="bs-ticker"`)
	end := strings.Index(s[start:], "</section>") + start
	fmt.Println(s[start:end])
	// Output:
	// ETag is quoted: true 34
	// <section class="bs-ticker" aria-label="Breaking news">
	// <p class="bs-ticker-label">Live</p>
	// <ul>
	// <li><a href="https://news.example.com/local/ferry">Ferry timetable cut</a></li>
	// <li lang="cy">Rhybudd storm</li>
	// </ul>
}

// A site with an oEmbed endpoint names it in every page's head, and a
// handler can allow the page's stylesheet by hash instead of
// 'unsafe-inline'.
func ExamplePrepared_StyleHashes() {
	r, err := render.New(render.Options{OEmbed: "https://news.example.com/oembed"})
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := r.Prepare(sample.Article(), render.PrepareOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Meta().OEmbed)
	hashes := p.StyleHashes()
	fmt.Println(len(hashes), strings.HasPrefix(hashes[0], "'sha256-"))
	fmt.Println("default-src 'none'; style-src " + strings.Join(hashes, " ")[:8] + "…")
	// Output:
	// https://news.example.com/oembed?format=json&url=https%3A%2F%2Fnews.example.com%2Flocal%2Fkestrel-bay-camera-vote
	// 1 true
	// default-src 'none'; style-src 'sha256-…
}
