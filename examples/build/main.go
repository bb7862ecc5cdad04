// Command build writes a small site to static files with package build,
// then builds it again to show that an unchanged rebuild writes nothing.
//
//	go run ./examples/build              # builds into a temporary folder
//	go run ./examples/build -out public  # builds into ./public
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/build"
	"github.com/broadsheet/broadsheet/site"
)

func main() {
	out := flag.String("out", "", "output folder (default: a temporary folder)")
	flag.Parse()
	if *out == "" {
		dir, err := os.MkdirTemp("", "broadsheet-build-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(dir)
		*out = dir
	}

	// Articles usually come from site.Load(site.Options{Decoders:
	// build.Decoders()}, "articles/"), which reads JSON and Markdown.
	publication := &article.Site{Name: "The Gannet Point Gazette", URL: "https://news.example.com/", Tagline: "News from the headland"}
	when := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	var arts []*article.Article
	for i, slug := range []string{"lighthouse-keepers-return", "ferry-winter-timetable", "headland-path-reopens"} {
		arts = append(arts, &article.Article{
			ID: slug, URL: "https://news.example.com/local/" + slug, Language: "en-GB",
			Headline:   fmt.Sprintf("Headland story %d: %s", i+1, slug),
			Standfirst: "A short story from the headland, invented for this example.",
			Section:    "Local", Published: when.Add(time.Duration(i) * time.Hour),
			Authors: []article.Person{{Name: "Marta Quillon"}},
			Body:    "<p>The first paragraph of an invented story.</p>",
		})
	}
	c, err := site.New(publication, arts, false)
	if err != nil {
		log.Fatal(err)
	}
	for _, round := range []string{"first build", "rebuild"} {
		res, err := build.Build(context.Background(), c, build.Options{Out: *out})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d articles, %d rendered, %d files written\n", round, res.Articles, res.Rendered, res.Written)
	}
	if _, err := os.Stat(*out + "/local/ferry-winter-timetable/index.html"); err != nil {
		log.Fatal(err)
	}
	fmt.Println("page: local/ferry-winter-timetable/index.html")
}
