// Command card draws the sample article's share card (1200×630 PNG) and
// writes it to card.png, or to the file named by its first argument.
//
//	go run ./examples/card [out.png]
package main

import (
	"fmt"
	"log"
	"os"

	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/render/card"
)

func main() {
	out := "card.png"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	// Build the renderer once; it is safe to share between goroutines.
	r, err := card.New(card.Theme{})
	if err != nil {
		log.Fatal(err)
	}
	f, err := os.Create(out)
	if err != nil {
		log.Fatal(err)
	}
	info, err := r.Render(f, sample.Article(), card.Options{Size: card.OpenGraph()})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote %s: %s %s card, headline %d px on %d lines\n",
		out, info.Size, info.Format, info.HeadlinePx, info.HeadlineLines)
	if len(info.Missing) > 0 {
		fmt.Printf("no font has %q: add fallback fonts to the theme\n", info.Missing)
	}
}
