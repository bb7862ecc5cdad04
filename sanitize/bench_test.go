package sanitize

import (
	"bytes"
	"strings"
	"testing"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"

	"github.com/broadsheet/broadsheet/internal/sample"
)

// benchBodies are the sample article's body and a ~200 KB body made of it.
func benchBodies() map[string]string {
	body := sample.Article().Body
	return map[string]string{
		"sample": body,
		"200KB":  strings.Repeat(body, 200<<10/len(body)+1),
	}
}

func benchPolicy(b *testing.B) *Policy {
	p, err := BodyPolicy(Options{BaseURL: "https://news.example.com/local/story"})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkBody is the whole Body pipeline: bluemonday, then containment
// and the per-attribute rules. Compare with BenchmarkBluemondayUGC (plain
// bluemonday, the baseline the issue names) in the same run.
func BenchmarkBody(b *testing.B) {
	p := benchPolicy(b)
	for name, in := range benchBodies() {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				_ = p.Sanitize(in)
			}
		})
	}
}

// BenchmarkBluemondayUGC is the baseline: bluemonday's UGCPolicy alone.
func BenchmarkBluemondayUGC(b *testing.B) {
	p := bluemonday.UGCPolicy()
	for name, in := range benchBodies() {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				_ = p.Sanitize(in)
			}
		})
	}
}

// BenchmarkBodyAllowList is the bluemonday half of Body alone, to show
// what containment adds.
func BenchmarkBodyAllowList(b *testing.B) {
	p := benchPolicy(b)
	for name, in := range benchBodies() {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				_ = p.bm.Sanitize(in)
			}
		})
	}
}

// BenchmarkNaiveContainment is the textbook alternative: sanitise, parse
// the result with x/net/html, render it, sanitise again.
func BenchmarkNaiveContainment(b *testing.B) {
	p := benchPolicy(b)
	for name, in := range benchBodies() {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			var buf bytes.Buffer
			for b.Loop() {
				clean := p.bm.Sanitize(in)
				nodes, err := html.ParseFragment(strings.NewReader(clean), divContext)
				if err != nil {
					b.Fatal(err)
				}
				buf.Reset()
				for _, n := range nodes {
					_ = html.Render(&buf, n)
				}
				_ = p.bm.Sanitize(buf.String())
			}
		})
	}
}

func BenchmarkBuildBodyPolicy(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = BodyPolicy(Options{})
	}
}

func BenchmarkText(b *testing.B) {
	for name, in := range benchBodies() {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				_ = Text(in)
			}
		})
	}
}

func BenchmarkTruncate(b *testing.B) {
	text := Text(sample.Article().Body)
	b.ReportAllocs()
	for b.Loop() {
		_ = Truncate(text, 200)
	}
}

func BenchmarkTruncateFunc(b *testing.B) {
	text := Text(sample.Article().Body)
	b.ReportAllocs()
	for b.Loop() {
		_ = TruncateFunc(text, 280, xLikeCount)
	}
}

func BenchmarkDescription(b *testing.B) {
	body := sample.Article().Body
	b.ReportAllocs()
	for b.Loop() {
		_ = Description(body, 160)
	}
}
