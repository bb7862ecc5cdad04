package extract

import (
	"bytes"
	"net/url"
	"testing"

	readability "codeberg.org/readeck/go-readability/v2"
)

// benchPages are a news page, a long reference page, a blog and a page
// whose JSON-LD has a @graph.
var benchPages = []string{"bbc-1", "wikipedia-4", "google-sre-book-1", "telegraph", "theverge", "firefox-nightly-blog", "ietf-1", "clean-links"}

// BenchmarkPage measures Page and go-readability alone on the same pages,
// interleaved in one loop so both see the same machine; extract/readability
// is reported as the ratio of the totals.
func BenchmarkPage(b *testing.B) {
	for _, name := range benchPages {
		src := suiteSource(b, name)
		base, _ := url.Parse(suiteBase)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			var gr, ex float64
			for b.Loop() {
				t := nanotime()
				if _, err := readability.FromReader(bytes.NewReader(src), base); err != nil {
					b.Fatal(err)
				}
				gr += float64(nanotime() - t)
				t = nanotime()
				if res, _ := Page(src, suiteBase, Options{}); res == nil {
					b.Fatal("no result")
				}
				ex += float64(nanotime() - t)
			}
			b.ReportMetric(ex/gr, "extract/readability")
		})
	}
}

// BenchmarkPageOnly measures Page alone, for profiles.
func BenchmarkPageOnly(b *testing.B) {
	for _, name := range benchPages {
		src := suiteSource(b, name)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if res, _ := Page(src, suiteBase, Options{}); res == nil {
					b.Fatal("no result")
				}
			}
		})
	}
}
