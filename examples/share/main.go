// Command share shows the share package at work: for an article (a small
// built-in one, or the JSON file named as its argument) it prints the
// share bar's links, each network's post fitted to its own counting, and
// the Bluesky createRecord body with its facets.
//
//	go run ./examples/share
//	go run ./examples/share my-article.json
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/share"
)

func main() {
	a := demoArticle()
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		a, err = article.Decode(f, article.DecodeOptions{})
		f.Close()
		if a == nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	opts := share.Options{UTM: share.UTM{Campaign: "example"}}

	links, err := share.Links(a, opts)
	if links == nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("Share bar:")
	for _, l := range links {
		fmt.Printf("  %-10s %-28s %s\n", l.Name, l.Label, l.Href)
	}
	if err != nil {
		fmt.Println("  left out:", err)
	}

	posts, err := share.Posts(a, opts)
	fmt.Println("\nPosts:")
	for _, p := range posts {
		fmt.Printf("  %-9s %4d/%-5d %-10s %q\n", p.Network, p.Length, p.Limit, p.Unit, p.Text)
	}
	if err != nil {
		fmt.Println("  left out:", err)
	}

	rec, err := share.NewBlueskyPost(a, opts, share.BlueskyOptions{CreatedAt: time.Now()})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("\nBluesky createRecord body:")
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	if err := enc.Encode(rec); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// demoArticle is a small article of the example's own, with what share
// reads: URL, headlines, standfirst, hashtags, language, lead image and
// the site's accounts.
func demoArticle() *article.Article {
	return &article.Article{
		ID:             "harbour-ferry-timetable",
		URL:            "https://news.example.com/local/harbour-ferry-timetable",
		Headline:       "Harbour ferry adds a late crossing on Fridays from December",
		SocialHeadline: "Kestrel Bay's harbour ferry will run until midnight on Fridays",
		Standfirst:     "The operator says a trial of the 23:30 crossing carried 140 passengers a night over the summer.",
		Hashtags:       []string{"KestrelBay", "Ferry"},
		Language:       "en-GB",
		Image: &article.Image{
			URL: "https://news.example.com/media/2026/11/ferry.jpg", Alt: "The ferry leaving the harbour at dusk",
			Width: 1600, Height: 900,
		},
		Site: &article.Site{Name: "The Kestrel Courier", URL: "https://news.example.com/", X: "kestrelcourier", Bluesky: "courier.news.example.com", FacebookAppID: "1234567890123456"},
	}
}
