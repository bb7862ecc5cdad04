// Command share shows the share package at work: for an article (the
// built-in sample, or the JSON file named as its argument) it prints the
// share bar's links, each network's post fitted to its own counting, and
// the Bluesky createRecord body with its facets.
//
//	go run ./examples/share
//	go run ./examples/share my-article.json
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/share"
)

func main() {
	var r io.Reader = bytes.NewReader(sample.JSON())
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer f.Close()
		r = f
	}
	a, err := article.Decode(r, article.DecodeOptions{})
	if a == nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
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
