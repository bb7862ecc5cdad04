// Command jsonld reads the schema.org graph package render resolves for an
// article (package render/jsonld's node types) and prints what a search
// engine takes from it: the NewsArticle's headline, authors, dates and
// image, and the breadcrumb trail.
//
//	go run ./examples/jsonld
package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/render"
	"github.com/broadsheet/broadsheet/render/jsonld"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run() error {
	site := &article.Site{
		Name: "The Kestrel Courier", URL: "https://news.example.com/",
		Logo: &article.Image{URL: "https://news.example.com/media/brand/courier-logo.png", Width: 600, Height: 60},
	}
	a := &article.Article{
		ID:        "tide-gauge",
		URL:       "https://news.example.com/science/tide-gauge",
		Headline:  "Harbour tide gauge back online after six weeks",
		Section:   "Science",
		Language:  "en-GB",
		Published: time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC),
		Authors:   []article.Person{{Name: "Oren Haldane"}},
		Body:      "<p>The gauge at the north pier is reporting again.</p>",
		Image: &article.Image{
			URL: "https://news.example.com/media/2026/11/gauge.jpg", Alt: "The tide gauge on the north pier",
			Width: 1600, Height: 900,
		},
		Site: site,
	}
	m, err := render.Resolve(a, render.Options{}, render.PrepareOptions{})
	if err != nil {
		return err
	}
	for _, n := range m.LinkedData.Nodes {
		switch n := n.(type) {
		case *jsonld.NewsArticle:
			var names []string
			for _, p := range n.Author {
				names = append(names, p.Name+" ("+p.Type+")")
			}
			fmt.Println("headline: ", n.Headline)
			fmt.Println("authors:  ", strings.Join(names, ", "))
			fmt.Println("published:", n.DatePublished)
			fmt.Println("image:    ", n.Image.ID)
		case *jsonld.BreadcrumbList:
			var trail []string
			for _, it := range n.ItemListElement {
				trail = append(trail, it.Name)
			}
			fmt.Println("trail:    ", strings.Join(trail, " › "))
		}
	}
	return nil
}
