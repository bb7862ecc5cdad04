// Package sample holds broadsheet's built-in sample article: original
// fiction used as the default input of every CLI command and example.
package sample

import (
	"bytes"
	_ "embed"

	"github.com/broadsheet/broadsheet/article"
)

//go:embed article.json
var articleJSON []byte

// JSON returns a copy of the sample article's JSON document.
func JSON() []byte { return bytes.Clone(articleJSON) }

// Article returns a freshly decoded copy of the sample article. It panics if
// the embedded document does not decode, which a test guards against.
func Article() *article.Article {
	a, err := article.Decode(bytes.NewReader(articleJSON), article.DecodeOptions{})
	if err != nil {
		panic("sample: embedded article does not decode: " + err.Error())
	}
	return a
}

// Ticker returns the sample site's breaking-news ticker headlines.
func Ticker() []string {
	return []string{
		"Harbour ferry timetable cut to hourly from Monday",
		"Storm warning for the Bay coast on Saturday night",
		"Kestrel Rovers sign goalkeeper on loan",
	}
}
