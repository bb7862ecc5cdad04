// Command card draws a share card (1200×630 PNG) for a short article and
// writes it to card.png, or to the file named by its first argument.
//
//	go run ./examples/card [out.png]
package main

import (
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/render/card"
)

func main() {
	out := "card.png"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	a := &article.Article{
		ID:         "harbour-ferry-timetable",
		URL:        "https://news.example.com/local/harbour-ferry-timetable",
		Headline:   "Harbour ferry timetable cut to hourly from Monday as crew shortage bites",
		Standfirst: "The operator says the reduced service will run until at least the end of March.",
		Section:    "Local",
		Language:   "en-GB",
		Breaking:   true,
		Published:  time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC),
		Site:       &article.Site{Name: "The Kestrel Bay Courier", URL: "https://news.example.com/"},
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
	info, err := r.Render(f, a, card.Options{Size: card.OpenGraph()})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, card.ErrMissingGlyph) {
		// No font (of the theme or the system) can draw part of the
		// text: add a Theme.Fallback font for its script.
		log.Fatalf("%v: %s", err, out)
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote %s: %s %s card, headline %d px on %d lines\n",
		out, info.Size, info.Format, info.HeadlinePx, info.HeadlineLines)
}
