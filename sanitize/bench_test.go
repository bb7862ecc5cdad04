package sanitize

import (
	"bytes"
	"strings"
	"testing"
	"time"

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

// BenchmarkRatio interleaves the Body pipeline with its baselines call by
// call and reports ratios of each one's fastest call, which is what the
// code costs when nothing else runs: on a shared, drifting machine the
// sums swing by several times, the minimums do not. body/ugc is the
// issue's target (≤ 1.5), body/allowlist what containment adds to
// bluemonday, naive/ugc the textbook containment (sanitise, parse, render,
// sanitise again).
func BenchmarkRatio(b *testing.B) {
	p := benchPolicy(b)
	ugc := bluemonday.UGCPolicy()
	naive := func(in string) {
		clean := p.bm.Sanitize(in)
		nodes, err := html.ParseFragment(strings.NewReader(clean), divContext)
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		for _, n := range nodes {
			_ = html.Render(&buf, n)
		}
		_ = p.bm.Sanitize(buf.String())
	}
	for name, in := range benchBodies() {
		b.Run(name, func(b *testing.B) {
			const n = 4
			fns := [n]func(){
				func() { _ = ugc.Sanitize(in) },
				func() { _ = p.Sanitize(in) },
				func() { _ = p.bm.Sanitize(in) },
				func() { naive(in) },
			}
			var best [n]time.Duration
			for i := range best {
				best[i] = time.Hour
			}
			for b.Loop() {
				for i, f := range fns {
					t := time.Now()
					f()
					best[i] = min(best[i], time.Since(t))
				}
			}
			b.ReportMetric(float64(best[1])/float64(best[0]), "body/ugc")
			b.ReportMetric(float64(best[1])/float64(best[2]), "body/allowlist")
			b.ReportMetric(float64(best[3])/float64(best[0]), "naive/ugc")
			b.ReportMetric(float64(len(in))/float64(best[1])*1e3, "body-MB/s")
			b.ReportMetric(float64(len(in))/float64(best[0])*1e3, "ugc-MB/s")
		})
	}
}
