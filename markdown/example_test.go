package markdown_test

import (
	"fmt"
	"strings"

	"github.com/broadsheet/broadsheet/markdown"
)

func ExampleDecodeAndValidate() {
	doc := `---
url: https://news.example.com/local/harbour-wall
headline: Harbour wall repairs delayed until spring
published: 2026-11-26T10:30:00+01:00
key_points:
  - The wall will be finished in **March**.
site:
  name: The Kestrel Courier
  url: https://news.example.com/
  colour: blue
---
The contractor has asked for *three more months*.
`
	a, findings, err := markdown.DecodeAndValidate(strings.NewReader(doc), "harbour-wall.md", markdown.Options{})
	for _, f := range findings {
		fmt.Println(f)
	}
	fmt.Println(a.KeyPoints[0])
	fmt.Println(a.Body)
	fmt.Println("blocking:", err != nil)
	// Output:
	// article: harbour-wall.md:10: site.colour: unknown field
	// article: harbour-wall.md: standfirst: empty: the description falls back to the body's first words
	// The wall will be finished in <strong>March</strong>.
	// <p>The contractor has asked for <em>three more months</em>.</p>
	// blocking: true
}
