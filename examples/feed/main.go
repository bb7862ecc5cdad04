// Command feed writes one article as RSS 2.0, Atom 1.0, JSON Feed 1.1, a
// sitemap or a Google News sitemap on standard output.
//
//	go run ./examples/feed [rss|atom|json|sitemap|news]
package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/feed"
)

//go:embed article.json
var articleJSON []byte

func main() {
	a, err := article.Decode(bytes.NewReader(articleJSON), article.DecodeOptions{})
	if err != nil {
		log.Fatal(err)
	}
	a.Site = &article.Site{Name: "The Gannet Point Gazette", URL: "https://news.example.com/", Tagline: "News from the headland"}
	o := feed.Options{
		Channel: feed.Channel{SelfURL: "https://news.example.com/feed.xml"},
		// An article without a picture gets its share card in the feed.
		Image: func(a *article.Article) *article.Image {
			return &article.Image{URL: "https://news.example.com/cards/" + a.ID + "/1200x630-standard.png", Width: 1200, Height: 630, Type: "image/png", Alt: a.Headline}
		},
		Now: a.Published.Add(3 * time.Hour),
	}
	format := "rss"
	if len(os.Args) > 1 {
		format = os.Args[1]
	}
	writers := map[string]func(io.Writer, []*article.Article, feed.Options) error{
		"rss": feed.RSS, "atom": feed.Atom, "json": feed.JSON, "sitemap": feed.Sitemap, "news": feed.NewsSitemap,
	}
	write, ok := writers[format]
	if !ok {
		fmt.Fprintln(os.Stderr, "usage: feed [rss|atom|json|sitemap|news]")
		os.Exit(2)
	}
	if err := write(os.Stdout, []*article.Article{a}, o); err != nil {
		log.Fatal(err)
	}
}
