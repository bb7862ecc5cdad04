package locale

import (
	"testing"
	"time"
)

// BenchmarkWords is the per-article cost of choosing words: once per
// prepared page.
func BenchmarkWords(b *testing.B) {
	c := New()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Words("fr-CA"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPageWords is what a page takes from the catalogue when it is
// prepared: the words, the byline, two dates and the reading time.
func BenchmarkPageWords(b *testing.B) {
	loc, err := LoadZone("Europe/Paris")
	if err != nil {
		b.Fatal(err)
	}
	pub := time.Date(2026, 11, 24, 6, 45, 0, 0, time.UTC)
	c := New()
	b.ReportAllocs()
	for b.Loop() {
		w, _ := c.Words("fr")
		w = w.InZone(loc)
		_ = w.Count(Byline, 2, "authors", w.List("A", "B"))
		_ = w.Format(Published, "date", w.DateTime(pub))
		_ = w.Format(Updated, "date", w.DateTime(pub.Add(time.Hour)))
		_ = w.Count(MinRead, 4)
		_ = w.Get(KeyPoints)
	}
}

func BenchmarkDateTime(b *testing.B) {
	w, _ := New().Words("ar")
	pub := time.Date(2026, 11, 24, 6, 45, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		_ = w.DateTime(pub)
	}
}

func BenchmarkGet(b *testing.B) {
	w, _ := New().Words("pt-PT")
	b.ReportAllocs()
	for b.Loop() {
		_ = w.Get(SkipToArticle)
	}
}
