// Command article shows the article package at work: it reads an article
// (the sample next to this file, or the JSON file named as its argument),
// tidies it with Normalize, validates it and prints every finding with its
// path. It exits 1 when some finding is an error.
//
//	go run ./examples/article                 # the sample: no findings
//	go run ./examples/article my-article.json
package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"os"

	"github.com/broadsheet/broadsheet/article"
)

// sampleJSON is a copy of the built-in sample article (original fiction).
//
//go:embed article.json
var sampleJSON []byte

func main() {
	var r io.Reader = bytes.NewReader(sampleJSON)
	name := "article.json"
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer f.Close()
		r, name = f, os.Args[1]
	}
	// Decode is strict (unknown fields are findings) and size-limited.
	a, err := article.Decode(r, article.DecodeOptions{})
	if a == nil {
		fmt.Fprintln(os.Stderr, err) // not an article at all
		os.Exit(1)
	}
	a.Normalize()
	// Validated merges the decoder's findings with Check's; err is non-nil
	// only when some finding is an error.
	a, findings, err := article.Validated(a, err)
	fmt.Printf("%s: %q by %d author(s), %d key points, %d explainers\n",
		name, a.Headline, len(a.Authors), len(a.KeyPoints), len(a.Explainers))
	for _, e := range a.Explainers {
		fmt.Printf("  explainer %q (%s)\n", e.Label(), e.Kind)
	}
	if len(findings) == 0 {
		fmt.Println("no findings")
	}
	for _, f := range findings {
		fmt.Printf("%s (%s)\n", f, f.Severity)
	}
	if err != nil {
		os.Exit(1)
	}
}
