package count

import (
	"strings"
	"testing"
)

func BenchmarkX(b *testing.B) {
	s := "Kestrel Bay switches off its seafront face-scanning cameras 📷 https://news.example.com/local/kestrel-bay-camera-vote?utm_source=x&utm_medium=social&utm_campaign=share #KestrelBay #LocalNews"
	b.ReportAllocs()
	for b.Loop() {
		X(s)
	}
}

func BenchmarkXASCII(b *testing.B) {
	s := "Kestrel Bay switches off its seafront face-scanning cameras https://news.example.com/local/kestrel-bay-camera-vote?utm_source=x&utm_medium=social&utm_campaign=share #KestrelBay #LocalNews"
	b.ReportAllocs()
	for b.Loop() {
		X(s)
	}
}

// BenchmarkXManyLabels is a hostile 10,000-byte text of 5,000 dotted
// labels with no TLD, which a URL scan tries at every label.
func BenchmarkXManyLabels(b *testing.B) {
	s := strings.Repeat("a.", 5000)
	b.ReportAllocs()
	for b.Loop() {
		X(s)
	}
}

// BenchmarkMastodon measures a composed Mastodon post as Mastodon
// counts it (URLs by its rules, mentions).
func BenchmarkMastodon(b *testing.B) {
	s := "Kestrel Bay switches off its seafront face-scanning cameras 📷 https://news.example.com/local/kestrel-bay-camera-vote?utm_source=mastodon&utm_medium=social&utm_campaign=share #KestrelBay #LocalNews"
	b.ReportAllocs()
	for b.Loop() {
		Mastodon(s)
	}
}
