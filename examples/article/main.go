// Command article shows the article package at work: it decodes an article
// (the built-in sample, or the JSON file named as its argument), tidies it
// with Normalize, validates it and prints every finding with its path.
//
//	go run ./examples/article                 # the sample: no findings
//	go run ./examples/article my-article.json
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
)

func main() {
	var r io.Reader = bytes.NewReader(sample.JSON())
	name := "sample"
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer f.Close()
		r, name = f, os.Args[1]
	}
	a, err := article.Decode(r)
	if a == nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	a.Normalize()
	if verr := a.Validate(); verr != nil {
		err = errors.Join(err, verr)
	}
	fmt.Printf("%s: %q by %d author(s), %d key points, %d explainers\n",
		name, a.Headline, len(a.Authors), len(a.KeyPoints), len(a.Explainers))
	for _, e := range a.Explainers {
		fmt.Printf("  explainer %q (%s)\n", e.Label(), e.Kind)
	}
	if err == nil {
		fmt.Println("no findings")
		return
	}
	fmt.Println(err)
	if article.Blocking(err) {
		os.Exit(1)
	}
}
