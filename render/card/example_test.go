package card_test

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"log"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/render/card"
)

func ExampleRenderer_Render() {
	r, err := card.New(card.Theme{})
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	info, err := r.Render(&buf, exampleArticle(), card.Options{})
	if err != nil {
		log.Fatal(err)
	}
	cfg, err := png.DecodeConfig(&buf)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.Size, info.Layout, info.Format)
	fmt.Printf("headline: %d px, %d lines, clamped %v\n", info.HeadlinePx, info.HeadlineLines, info.Truncated)
	fmt.Println(cfg.Width, cfg.Height)
	// Output:
	// 1200x630 standard png
	// headline: 64 px, 3 lines, clamped false
	// 1200 630
}

func ExampleParseSize() {
	for _, s := range []string{"og", "x", "square", "1600x900", "10x10"} {
		size, err := card.ParseSize(s)
		fmt.Println(size, err)
	}
	// Output:
	// 1200x630 <nil>
	// 1200x675 <nil>
	// 1080x1080 <nil>
	// 1600x900 <nil>
	// 0x0 card: bad size: 10x10 (each side must be 100..4096)
}

func ExampleRenderer_Render_missingGlyphs() {
	// Go fonts only, and no search of the system's fonts: no Devanagari.
	r, err := card.New(card.Theme{NoSystemFonts: true})
	if err != nil {
		log.Fatal(err)
	}
	a := exampleArticle()
	a.SocialHeadline = "Monsoon: नमस्ते from the coast"
	var buf bytes.Buffer
	_, err = r.Render(&buf, a, card.Options{})
	fmt.Println(errors.Is(err, card.ErrMissingGlyph))
	// Opting out draws the card without the graphemes and lists them.
	info, err := r.Render(&buf, a, card.Options{AllowMissingGlyphs: true})
	fmt.Println(err, info.Missing)
	// Output:
	// true
	// <nil> [न म स्ते]
}

// exampleArticle is a short article of the kind a CMS hands over.
func exampleArticle() *article.Article {
	return &article.Article{
		ID:         "harbour-ferry-timetable",
		URL:        "https://news.example.com/local/harbour-ferry-timetable",
		Headline:   "Harbour ferry timetable cut to hourly from Monday as crew shortage bites",
		Standfirst: "The operator says the reduced service will run until at least the end of March.",
		Section:    "Local",
		Language:   "en-GB",
		Published:  time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC),
		KeyPoints:  []string{"Sailings drop from every 30 minutes to hourly."},
		Site:       &article.Site{Name: "The Kestrel Bay Courier", URL: "https://news.example.com/"},
	}
}
