// Command markdown shows the markdown package at work: it reads an article
// written in Markdown with YAML front matter (story.md next to this file,
// original fiction, or the file named as its argument), prints every
// finding with its file and line, and writes the article as JSON. It exits
// 1 when some finding is an error.
//
//	go run ./examples/markdown
//	go run ./examples/markdown my-story.md
package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"os"

	"github.com/broadsheet/broadsheet/markdown"
)

//go:embed story.md
var story []byte

func main() {
	var r io.Reader = bytes.NewReader(story)
	name := "story.md"
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer f.Close()
		r, name = f, os.Args[1]
	}
	a, findings, err := markdown.DecodeAndValidate(r, name, markdown.Options{})
	for _, f := range findings {
		fmt.Fprintf(os.Stderr, "%v (%s)\n", f, f.Severity)
	}
	if a == nil || err != nil {
		if a == nil {
			fmt.Fprintln(os.Stderr, err) // not readable at all
		}
		os.Exit(1)
	}
	// The body, key points and explainers are now HTML — untrusted, like
	// any article JSON's: package render sanitises them when it renders.
	if err := a.Encode(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
