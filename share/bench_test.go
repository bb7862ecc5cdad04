package share

import (
	"net/url"
	"testing"

	"github.com/broadsheet/broadsheet/internal/sample"
)

// BenchmarkAllNetworks composes everything a page and an autoposter need
// for one article: the links for all 25 networks and the fitted posts for
// the 7 posting networks.
func BenchmarkAllNetworks(b *testing.B) {
	a := sample.Article()
	opts := Options{Networks: AllNetworks()}
	popts := Options{}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Links(a, opts); err != nil {
			b.Fatal(err)
		}
		if _, err := Posts(a, popts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAllNetworksLong is the same for the 300-character headline,
// where X, Bluesky and Threads must cut it.
func BenchmarkAllNetworksLong(b *testing.B) {
	a := longArticle()
	opts := Options{Networks: AllNetworks()}
	b.ReportAllocs()
	for b.Loop() {
		Links(a, opts)
		Posts(a, Options{})
	}
}

// BenchmarkShareBar is the default share bar alone (11 links), what a page
// render needs.
func BenchmarkShareBar(b *testing.B) {
	a := sample.Article()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Links(a, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBaselineURLValues is a baseline: 25 links built the usual naive
// way, url.Values{...}.Encode() with no counting or fitting (and '+' for
// spaces, the bug this package avoids).
func BenchmarkBaselineURLValues(b *testing.B) {
	a := sample.Article()
	b.ReportAllocs()
	for b.Loop() {
		for range 25 {
			v := url.Values{"url": {a.URL + "?utm_source=x&utm_medium=social&utm_campaign=share"}, "text": {a.SocialTitle()}}
			_ = "https://example.com/share?" + v.Encode()
		}
	}
}

// BenchmarkCompose is each posting network's post alone.
func BenchmarkCompose(b *testing.B) {
	a := sample.Article()
	for _, n := range PostNetworks() {
		b.Run(n.ID(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Compose(a, n, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLinkFor is each network's link alone.
func BenchmarkLinkFor(b *testing.B) {
	a := sample.Article()
	for _, n := range AllNetworks() {
		b.Run(n.ID(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := LinkFor(a, n, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBuild is BenchmarkAllNetworks through Build: the same 25 links
// and 7 posts from one call.
func BenchmarkBuild(b *testing.B) {
	a := sample.Article()
	opts := Options{Networks: AllNetworks()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(a, opts); err != nil {
			b.Fatal(err)
		}
	}
}
