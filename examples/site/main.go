// Command site loads a folder of article files with a site configuration
// every article inherits, and lists them newest first with their page
// paths and the breaking stories for a ticker.
//
//	go run ./examples/site            # a small folder written to a temporary directory
//	go run ./examples/site DIR        # your own folder (with DIR/site.json if you have one)
package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/site"
)

//go:embed article.json
var articleJSON string

func main() {
	dir := ""
	if len(os.Args) > 1 {
		dir = os.Args[1]
	} else {
		dir = sampleFolder()
		defer os.RemoveAll(dir)
	}
	var cfg *article.Site
	if _, err := os.Stat(filepath.Join(dir, site.ConfigName)); err == nil {
		if cfg, err = site.LoadConfig(filepath.Join(dir, site.ConfigName)); err != nil {
			log.Fatal(err)
		}
	}
	c, err := site.Load(site.Options{Site: cfg, KeepGoing: true}, dir)
	var le *site.LoadError
	if errors.As(err, &le) {
		// Every bad file at once, with its field paths; the good ones
		// still loaded.
		fmt.Println(err)
	} else if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d article(s), newest first:\n", c.Len())
	latest, err := c.LatestContext(context.Background(), 0)
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range latest {
		fmt.Printf("  %s  %-28s %s  (site: %s)\n", a.Published.Format("2006-01-02 15:04"), a.ID, site.PagePath(a), a.Site.Name)
	}
	for _, a := range site.Ticker(latest, nil, 5) {
		fmt.Println("breaking:", a.Headline)
	}
}

// sampleFolder writes a site.json, two articles and one broken file.
func sampleFolder() string {
	dir, err := os.MkdirTemp("", "broadsheet-site-")
	if err != nil {
		log.Fatal(err)
	}
	files := map[string]string{
		site.ConfigName:         `{"name": "The Gannet Point Gazette", "url": "https://news.example.com/", "tagline": "News from the headland"}`,
		"coast/lighthouse.json": articleJSON,
		"coast/storm.json": strings.NewReplacer(
			"lighthouse-keepers-return", "storm-closes-causeway",
			"Keepers return to Gannet Point lighthouse after forty years", "Storm closes the causeway to Gannet Point",
			`"section": "Coast",`, `"section": "Coast", "breaking": true,`,
			"2026-11-26T07:15:00Z", "2026-11-27T06:00:00Z").Replace(articleJSON),
		"drafts/broken.json": `{"id": "unfinished", "headline": 42, "url": "javascript:void(0)"}`,
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	return dir
}
