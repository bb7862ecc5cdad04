package extract_test

import (
	"fmt"
	"os"
	"time"

	"github.com/broadsheet/broadsheet/extract"
)

// A page as a small CMS might publish it: JSON-LD with a @graph, Open
// Graph tags, and a visible byline. The story is fiction.
const page = `<!doctype html>
<html lang="en-GB">
<head>
<title>Harbour ferry returns after winter refit | The Kestrel Bay Courier</title>
<link rel="canonical" href="https://courier.example/local/ferry-returns?utm_source=feed">
<meta property="og:title" content="Harbour ferry returns after winter refit">
<meta property="og:site_name" content="The Kestrel Bay Courier">
<meta property="og:image" content="/img/ferry.jpg">
<meta property="og:image:width" content="1600">
<meta property="og:image:height" content="900">
<meta property="og:image:alt" content="The blue ferry at the north pier">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebPage", "@id": "https://courier.example/local/ferry-returns", "mainEntity": {"@id": "#story"}},
  {"@type": ["NewsArticle", "Article"], "@id": "#story",
   "headline": "Harbour ferry returns after winter refit",
   "datePublished": "2026-03-02T07:15:00+00:00",
   "author": [{"@id": "#mira"}, {"@type": "Person", "name": "By Tomas Reed, Transport Correspondent"}],
   "articleSection": "Local"},
  {"@type": "Person", "@id": "#mira", "name": "Mira Okafor", "sameAs": ["https://x.com/miraokafor"]},
  {"@type": "NewsArticle", "headline": "Related: pier lights switched on", "datePublished": "2026-02-20T18:00:00Z"}
]}
</script>
</head>
<body>
<article>
<h1>Harbour ferry returns after winter refit</h1>
<p class="byline">By Mira Okafor and Tomas Reed</p>
<p>The blue ferry is back on the harbour crossing after three months in dry dock, with a new engine and a ramp for bicycles.</p>
<h2>Key points</h2>
<ul><li>Crossings every 20 minutes from Monday</li><li>Bicycles now travel free</li></ul>
<p>Crews spent the winter replacing the engine that had carried passengers across the bay since 1998, and the operator says the quieter motor will cut fuel use by a third.</p>
</article>
</body>
</html>`

func ExamplePage() {
	res, err := extract.Page([]byte(page), "", extract.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := res.Article
	fmt.Println(a.URL)
	fmt.Println(a.Headline)
	fmt.Println(a.Section)
	fmt.Println(a.Published.Format(time.RFC3339), res.PublishedPrecision)
	for _, p := range a.Authors {
		fmt.Printf("%s (x: %s)\n", p.Name, p.X)
	}
	fmt.Println(a.Image.URL, a.Image.Width, a.Image.Height)
	fmt.Println(a.KeyPoints)
	fmt.Println(res.Report.Source("published"))
	// Output:
	// https://courier.example/local/ferry-returns
	// Harbour ferry returns after winter refit
	// Local
	// 2026-03-02T07:15:00Z exact
	// Mira Okafor (x: miraokafor)
	// Tomas Reed (x: )
	// https://courier.example/img/ferry.jpg 1600 900
	// [Crossings every 20 minutes from Monday Bicycles now travel free]
	// json-ld NewsArticle datePublished
}

func ExampleReport_WriteText() {
	res, _ := extract.Page([]byte(`<html><head><title>Tide tables | Courier</title>
<meta property="og:site_name" content="Courier">
<meta name="author" content="By ANA LIMA">
<meta name="date" content="2026-04-01 06:30">
</head><body><p>High water at 06:12.</p></body></html>`), "https://courier.example/tides", extract.Options{NoBody: true})
	res.Report.WriteText(os.Stdout)
	// Output:
	// url              Options.URL
	//                    https://courier.example/tides
	// headline         <title> (site name removed)
	//                    Tide tables
	// published        meta date [date]
	//                    2026-04-01T00:00:00Z
	// authors[0].name  meta author
	//                    Ana Lima
	// site.name        meta og:site_name
	//                    Courier
	// site.url         origin of the article URL
	//                    https://courier.example/
	// note: published: meta date "2026-04-01 06:30" gives no time zone; only its date is kept (time set to midnight, not stated by the page)
}
