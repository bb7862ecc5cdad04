// Command extract reads a saved web page and prints the article it holds,
// with where each value came from.
//
//	go run ./examples/extract page.html https://news.example.com/story
package main

import (
	"fmt"
	"os"

	"github.com/broadsheet/broadsheet/extract"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: extract PAGE.html [URL]")
		os.Exit(2)
	}
	src, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	pageURL := ""
	if len(os.Args) > 2 {
		pageURL = os.Args[2]
	}
	res, err := extract.Page(src, pageURL, extract.Options{})
	if res == nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	a := res.Article
	fmt.Printf("headline:  %s\n", a.Headline)
	for _, p := range a.Authors {
		fmt.Printf("by:        %s\n", p.Name)
	}
	if !a.Published.IsZero() {
		fmt.Printf("published: %s (%s)\n", a.Published.Format("2006-01-02T15:04:05Z07:00"), res.PublishedPrecision)
	}
	fmt.Println()
	if err := res.Report.WriteText(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
