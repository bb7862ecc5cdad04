package render_test

import (
	"fmt"
	"os"
	"strings"
	"testing/fstest"

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
