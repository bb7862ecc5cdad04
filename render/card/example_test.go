package card_test

import (
	"bytes"
	"fmt"
	"image/png"
	"log"

	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/render/card"
)

func ExampleRenderer_Render() {
	r, err := card.New(card.Theme{})
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	info, err := r.Render(&buf, sample.Article(), card.Options{})
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
	// headline: 68 px, 2 lines, clamped false
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
	r, err := card.New(card.Theme{}) // Go fonts only: no Devanagari
	if err != nil {
		log.Fatal(err)
	}
	a := sample.Article()
	a.SocialHeadline = "Monsoon: नमस्ते from the coast"
	var buf bytes.Buffer
	info, err := r.Render(&buf, a, card.Options{})
	fmt.Println(err, info.Missing)
	// Output:
	// <nil> [न म स्ते]
}
