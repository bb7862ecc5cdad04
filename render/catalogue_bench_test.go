package render

import (
	"io"
	"testing"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
)

// BenchmarkLocaleCold compares a cold render (CacheBytes -1: every view
// prepares the article) with English words fixed in Options.Locale, as
// before the catalogue, against the catalogue's words and dates for the
// same English article and for a French one in a display zone. Run the
// sub-benchmarks together (-count) so they share the machine's load.
func BenchmarkLocaleCold(b *testing.B) {
	fixed := func(*article.Article) Locale { return Locale{} }
	fr := localeArticle(b, "fr")
	for _, bc := range []struct {
		name string
		opts Options
		a    *article.Article
	}{
		{"english-fixed", Options{CacheBytes: -1, Locale: fixed}, sample.Article()},
		{"catalogue-en", Options{CacheBytes: -1}, sample.Article()},
		{"catalogue-en-zone", Options{CacheBytes: -1, TimeZone: "Europe/London"}, sample.Article()},
		{"catalogue-fr-zone", Options{CacheBytes: -1, TimeZone: "Europe/Paris"}, fr},
	} {
		b.Run(bc.name, func(b *testing.B) {
			r, err := New(bc.opts)
			if err != nil {
				b.Fatal(err)
			}
			in := tickerView(sample.Ticker())
			b.ReportAllocs()
			for b.Loop() {
				if err := r.Page(io.Discard, bc.a, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLocaleCached is a cached page view of the French and Arabic
// samples: the catalogue adds nothing to it (compare BenchmarkPage).
func BenchmarkLocaleCached(b *testing.B) {
	for _, lang := range []string{"fr", "ar"} {
		b.Run(lang, func(b *testing.B) {
			r, err := New(Options{TimeZone: "Europe/Paris"})
			if err != nil {
				b.Fatal(err)
			}
			a := localeArticle(b, lang)
			in := tickerView(sample.Ticker())
			if err := r.Page(io.Discard, a, in); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := r.Page(io.Discard, a, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
