// Command render shows the render package at work: it decodes its own
// article (embedded, fiction), prepares it once, prints the resolved Open
// Graph and X Cards values, the JSON-LD nodes and the content hash, and
// writes the page with a linked ticker into a temporary directory, so you
// can open it in a browser.
//
//	go run ./examples/render
package main

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/render"
)

//go:embed article.json
var articleJSON string

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run() error {
	a, err := article.Decode(strings.NewReader(articleJSON), article.DecodeOptions{})
	if err != nil {
		return err
	}
	// The article has no photograph: its share card (package render/card,
	// served by your own handler) stands in for it in the metadata, without
	// a figure on the page.
	r, err := render.New(render.Options{
		ShareImage: func(a *article.Article) *article.Image {
			return &article.Image{
				URL:   "https://news.example.com/cards/" + a.ID + ".png",
				Width: 1200, Height: 630, Type: "image/png",
				Alt: "Share card: " + a.Headline,
			}
		},
	})
	if err != nil {
		return err
	}
	// Prepare does the per-article work once; keep the *Prepared (the
	// Renderer also caches it) and render any number of views from it.
	p, err := r.Prepare(a, render.PrepareOptions{
		Alternates: []render.Alternate{{Lang: "cy", URL: "https://news.example.com/cy/local/lighthouse-keepers-cottage"}},
	})
	if err != nil {
		return err
	}
	m := p.Meta()
	fmt.Println("title:      ", m.Title)
	fmt.Println("og:image:   ", m.OpenGraph.Image.URL)
	fmt.Println("twitter:    ", m.Twitter.Card, "—", m.Twitter.Title)
	fmt.Println("reading:    ", m.ReadingMinutes, "min,", m.WordCount, "words")
	fmt.Print("JSON-LD:     ")
	for _, n := range m.LinkedData.Nodes {
		fmt.Printf("%T ", n)
	}
	fmt.Println()
	for _, d := range m.Dropped {
		fmt.Println("dropped:    ", d.Node, "—", d.Reason)
	}

	view := render.View{Ticker: render.Ticker{Label: "Latest", Items: []render.TickerItem{
		{Headline: "Harbour ferry timetable cut to hourly", URL: "https://news.example.com/local/ferry-timetable"},
		{Headline: "Rhybudd storm ar gyfer yr arfordir", Lang: "cy"},
	}}}
	// The entity tag is known before rendering: a handler answers
	// If-None-Match with 304 from it.
	fmt.Println("ETag:       ", p.ETag(view))

	dir, err := os.MkdirTemp("", "broadsheet-render-")
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "page.html")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := p.Page(f, view); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Println("page:       ", path)
	return nil
}
