package article_test

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/broadsheet/broadsheet/article"
)

func ExampleDecode() {
	doc := `{
	  "url": "https://news.example.com/local/harbour-wall",
	  "headline": "Harbour wall repairs delayed until spring",
	  "published": "2026-11-26T10:30:00+01:00",
	  "authors": [{"name": "Sol Brightwater", "twiter": "solb"}]
	}`
	a, err := article.Decode(strings.NewReader(doc), article.DecodeOptions{})
	fmt.Println(a.Headline)
	fmt.Println(a.Published.UTC())
	fmt.Println(err)
	// Output:
	// Harbour wall repairs delayed until spring
	// 2026-11-26 09:30:00 +0000 UTC
	// article: authors[0].twiter: unknown field
}

func ExampleArticle_Validate() {
	a := &article.Article{
		URL:      "/local/harbour-wall",
		Headline: "Harbour wall repairs delayed until spring",
		Body:     "<p>The contractor has asked for more time.</p>",
		Image:    &article.Image{URL: "javascript:alert(1)", Alt: "The harbour wall", Width: 1600, Height: 900},
	}
	err := a.Validate() // errors only
	fmt.Println(err)
	fmt.Println("bad URL:", errors.Is(err, article.ErrInvalidURL))
	for _, f := range a.Check() { // errors and warnings
		if f.Severity == article.SeverityWarning {
			fmt.Println(f, "(warning)")
		}
	}
	// Output:
	// article: url: "/local/harbour-wall" is relative; want an absolute https:// URL
	// article: published: required: the first publication time with its UTC offset
	// article: image.url: scheme "javascript:" is not allowed; want http or https
	// bad URL: true
	// article: standfirst: empty: the description falls back to the body's first words (warning)
}

func ExampleDecodeAndValidate() {
	doc := `{
	  "url": "https://news.example.com/local/harbour-wall",
	  "headline": "Harbour wall repairs delayed until spring",
	  "published": "2026-11-26T10:30:00+01:00",
	  "body": "<p>The contractor has asked for more time.</p>",
	  "site": {"name": "The Kestrel Bay Courier", "url": "https://news.example.com/"}
	}`
	a, findings, err := article.DecodeAndValidate(strings.NewReader(doc), article.DecodeOptions{})
	for _, f := range findings {
		fmt.Println(f.Severity, f.Path, f.Code)
	}
	fmt.Println(a.Headline, err)
	// Output:
	// warning standfirst missing_description
	// Harbour wall repairs delayed until spring <nil>
}

func ExampleArticle_Normalize() {
	a := &article.Article{
		Headline: "  Harbour wall  repairs &amp; the  budget ",
		Explainers: []article.Explainer{{
			Kind: article.KindWhatItMeansForYou,
			Body: "<p>What this means for you: What this means for you: the slipway stays shut.</p>",
		}},
	}
	a.Normalize()
	fmt.Printf("%q\n", a.Headline)
	fmt.Println(a.Explainers[0].Label())
	fmt.Println(a.Explainers[0].Body)
	// Output:
	// "Harbour wall repairs & the budget"
	// What this means for you
	// <p>the slipway stays shut.</p>
}

func ExampleArticle_Encode() {
	a, _ := article.Decode(strings.NewReader(`{"headline":"Ferry back on time","published":"2026-11-27T07:00:00+00:00","breaking":false}`), article.DecodeOptions{})
	_ = a.Encode(os.Stdout)
	// Output:
	// {
	//   "headline": "Ferry back on time",
	//   "published": "2026-11-27T07:00:00Z"
	// }
}
