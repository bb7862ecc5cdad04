// Command render shows the render package at work: it renders the built-in
// sample article's page into a temporary directory, prints the resolved
// Open Graph and X Cards values and the JSON-LD nodes, and says where the
// page is, so you can open it in a browser.
//
//	go run ./examples/render
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/render"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run() error {
	r, err := render.New(render.Options{})
	if err != nil {
		return err
	}
	a := sample.Article()
	p, err := r.Prepare(a)
	if err != nil {
		return err
	}
	m := p.Meta()
	fmt.Println("title:      ", m.Title)
	fmt.Println("og:title:   ", m.OpenGraph.Title)
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

	dir, err := os.MkdirTemp("", "broadsheet-render-")
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "page.html")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := p.Page(f, sample.Ticker()); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Println("page:       ", path)
	return nil
}
