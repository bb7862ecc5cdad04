package feed_test

import (
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/feed"
)

func ExampleNewsSitemap() {
	site := &article.Site{Name: "The Harbour Gazette", URL: "https://news.example.com/"}
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	arts := []*article.Article{
		{URL: "https://news.example.com/local/ferry", Headline: "Ferry timetable cut", Language: "en-GB", Published: now.Add(-2 * time.Hour), Site: site},
		{URL: "https://news.example.com/local/old", Headline: "Last week's story", Language: "en-GB", Published: now.Add(-7 * 24 * time.Hour), Site: site},
	}
	if err := feed.NewsSitemap(os.Stdout, arts, feed.Options{Now: now}); err != nil {
		panic(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
	//   <url>
	//     <loc>https://news.example.com/local/ferry</loc>
	//     <news:news>
	//       <news:publication>
	//         <news:name>The Harbour Gazette</news:name>
	//         <news:language>en</news:language>
	//       </news:publication>
	//       <news:publication_date>2026-11-27T10:00:00Z</news:publication_date>
	//       <news:title>Ferry timetable cut</news:title>
	//     </news:news>
	//   </url>
	// </urlset>
}

// A sitemap too long for one file is written in parts with WriteSitemap,
// each within MaxSitemapURLs and MaxSitemapBytes (SitemapURLSize gives each
// URL's bytes), and listed by a sitemap index.
func ExampleSitemapIndex() {
	parts := [][]feed.SitemapURL{
		{{Loc: "https://news.example.com/"}, {Loc: "https://news.example.com/local/ferry-cuts"}},
		{{Loc: "https://news.example.com/local/harbour-fete"}},
	}
	var refs []feed.SitemapURL
	for i, part := range parts {
		if err := feed.WriteSitemap(io.Discard, slices.Values(part)); err != nil {
			panic(err)
		}
		refs = append(refs, feed.SitemapURL{Loc: fmt.Sprintf("https://news.example.com/sitemaps/%d.xml", i+1)})
	}
	if err := feed.SitemapIndex(os.Stdout, refs); err != nil {
		panic(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
	//   <sitemap>
	//     <loc>https://news.example.com/sitemaps/1.xml</loc>
	//   </sitemap>
	//   <sitemap>
	//     <loc>https://news.example.com/sitemaps/2.xml</loc>
	//   </sitemap>
	// </sitemapindex>
}
