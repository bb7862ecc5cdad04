package markdown_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/markdown"
)

// BenchmarkDecode compares reading the same article from Markdown and from
// its JSON (testdata/story.json, the golden), and a long Markdown article.
func BenchmarkDecode(b *testing.B) {
	story, err := os.ReadFile(filepath.Join("testdata", "story.md"))
	if err != nil {
		b.Fatal(err)
	}
	js, err := os.ReadFile(filepath.Join("testdata", "story.json"))
	if err != nil {
		b.Fatal(err)
	}
	var long strings.Builder
	long.WriteString("---\nheadline: A long read\n---\n")
	for range 400 {
		long.WriteString("A paragraph with *emphasis*, `code`, a [link](https://news.example.com/a) and more words, at the length of a real one in a long read.\n\n")
	}
	b.Run("story.md", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(story)))
		for b.Loop() {
			if _, err := markdown.Decode(bytes.NewReader(story), "story.md", markdown.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("story.json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(js)))
		for b.Loop() {
			if _, err := article.Decode(bytes.NewReader(js), article.DecodeOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("long.md", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(long.Len()))
		for b.Loop() {
			if _, err := markdown.Decode(strings.NewReader(long.String()), "long.md", markdown.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
