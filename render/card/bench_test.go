package card

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"testing"

	"github.com/broadsheet/broadsheet/internal/sample"
)

// BenchmarkStandard is the reference card: the sample article, 1200×630,
// standard layout, encoded as PNG. Compare with takumi's ≈6.4 ms CPU and
// satori + resvg's ≈40 ms (bench/cards runs both on this machine).
func BenchmarkStandard(b *testing.B) {
	r, err := New(Theme{})
	if err != nil {
		b.Fatal(err)
	}
	a := sample.Article()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(io.Discard, a, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStandardParallel renders the reference card from every
// processor at once through one Renderer.
func BenchmarkStandardParallel(b *testing.B) {
	r, err := New(Theme{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		a := sample.Article()
		for pb.Next() {
			if _, err := r.Render(io.Discard, a, Options{}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkStandardParts splits the reference card into drawing and
// encoding, and encodes the same pixels with image/png for comparison.
func BenchmarkStandardParts(b *testing.B) {
	r, err := New(Theme{})
	if err != nil {
		b.Fatal(err)
	}
	a := sample.Article()
	img, _, err := r.Image(a, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("draw", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := r.Image(a, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encode=palette", func(b *testing.B) {
		e := new(encoder)
		b.ReportAllocs()
		for b.Loop() {
			if err := e.writePNG(io.Discard, img); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, level := range []png.CompressionLevel{png.DefaultCompression, png.BestSpeed} {
		name := map[png.CompressionLevel]string{png.DefaultCompression: "encode=image-png-default", png.BestSpeed: "encode=image-png-bestspeed"}[level]
		b.Run(name, func(b *testing.B) {
			enc := png.Encoder{CompressionLevel: level}
			b.ReportAllocs()
			for b.Loop() {
				if err := enc.Encode(io.Discard, img); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLayouts measures the other layouts and the script fallbacks.
func BenchmarkLayouts(b *testing.B) {
	def, err := New(Theme{})
	if err != nil {
		b.Fatal(err)
	}
	src := photo()
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, src, &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	decoded, err := jpeg.Decode(bytes.NewReader(jb.Bytes())) // *image.YCbCr
	if err != nil {
		b.Fatal(err)
	}
	var noisy bytes.Buffer
	if err := jpeg.Encode(&noisy, noisyPhoto(), &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		noto bool
		head string
		o    Options
	}{
		{name: "photo-jpeg-from-image", o: Options{Layout: LayoutPhoto, Image: src}},
		{name: "photo-jpeg-from-decoded-ycbcr", o: Options{Layout: LayoutPhoto, Image: decoded}},
		{name: "photo-jpeg-from-jpeg-bytes", o: Options{Layout: LayoutPhoto, ImageData: jb.Bytes()}},
		{name: "photo-jpeg-from-noisy-jpeg-bytes", o: Options{Layout: LayoutPhoto, ImageData: noisy.Bytes()}},
		{name: "keypoint", o: Options{Layout: LayoutKeyPoint}},
		{name: "square", o: Options{Size: Square()}},
		{name: "headline-200", head: headline200},
		{name: "arabic", noto: true, head: headlineAr},
		{name: "japanese", noto: true, head: headlineJa},
		{name: "emoji-rgb-png", noto: true, head: headlineEm},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			r := def
			if c.noto {
				r = notoRenderer(b)
			}
			a := sample.Article()
			if c.head != "" {
				a.SocialHeadline = c.head
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.Render(io.Discard, a, c.o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNewAndFirstCard is a cold Renderer (fonts parsed, empty glyph
// cache) drawing its first card.
func BenchmarkNewAndFirstCard(b *testing.B) {
	a := sample.Article()
	b.ReportAllocs()
	for b.Loop() {
		r, err := New(Theme{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.Render(io.Discard, a, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLabelsLocalised is the per-card cost of filling empty Labels
// from package locale. locale.New returns the shipped catalogue built once
// per process (and Catalogue.Words caches per language), so nothing is
// rebuilt per card: an English card allocates nothing here, another
// language the two closures of Labels.Date and Labels.ReadingTime.
func BenchmarkLabelsLocalised(b *testing.B) {
	for _, lang := range []string{"en-GB", "fr", "ar-QA"} {
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = Labels{}.localised(lang)
			}
		})
	}
}

// BenchmarkStandardFrench is BenchmarkStandard with a French article, so
// the footer's date and reading time come from package locale.
func BenchmarkStandardFrench(b *testing.B) {
	r, err := New(Theme{})
	if err != nil {
		b.Fatal(err)
	}
	a := sample.Article()
	a.Language = "fr-FR"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(io.Discard, a, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPhotoParts splits a photo card from a 1600×900 JPEG (quality
// 85; a smooth picture and a noisy one) into its steps: decoding (the
// scaled decoder at 6/8, and image/jpeg for comparison), resampling
// full-scale planes to the card, cropping and converting the 6/8 planes
// to the card's RGBA, and encoding the card (the package's writer and
// image/jpeg).
func BenchmarkPhotoParts(b *testing.B) {
	for _, pic := range []struct {
		name string
		img  image.Image
	}{{"smooth", photo()}, {"noisy", noisyPhoto()}} {
		b.Run(pic.name, func(b *testing.B) { benchPhotoParts(b, pic.img) })
	}
}

func benchPhotoParts(b *testing.B, src image.Image) {
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, src, &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	data := jb.Bytes()
	size, focus := OpenGraph(), FocalPoint{0.5, 0.5}
	pick := func(w, h int) int { return pickScale(w, h, size, focus) }
	ps := new(photoScratch)
	b.Run("decode=scaled", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ps.dec.decode(data, pick); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode=image-jpeg", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
	p, err := ps.dec.decode(data, pick)
	if err != nil {
		b.Fatal(err)
	}
	// Full-scale planes (8/8), as a decoded *image.YCbCr gives them:
	// resampling 1600×840 to 1200×630 rather than copying a crop.
	full := new(photoScratch)
	p8, err := full.dec.decode(data, func(int, int) int { return 8 })
	if err != nil {
		b.Fatal(err)
	}
	b.Run("resample-planes", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			full.coverPlanes(size.Width, size.Height, p8, focus)
		}
	})
	card := image.NewRGBA(image.Rect(0, 0, size.Width, size.Height))
	b.Run("planes-to-card", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ps.drawCoverPlanes(card, p, focus)
		}
	})
	b.Run("encode", func(b *testing.B) {
		e := new(encoder)
		b.ReportAllocs()
		for b.Loop() {
			if err := e.writeJPEG(io.Discard, card, 85, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encode=image-jpeg", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := jpeg.Encode(io.Discard, card, &jpeg.Options{Quality: 85}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// noisyPhoto is photo() with deterministic ±12 noise on every channel, so
// it compresses (338 KB at quality 85) and decodes like a photograph
// rather than a drawing. bench/cards uses the same picture.
func noisyPhoto() *image.RGBA {
	img := photo()
	seed := uint32(1)
	for i := 0; i < len(img.Pix); i += 4 {
		seed = seed*1664525 + 1013904223
		n := int(seed>>24)*24/255 - 12
		for k := range 3 {
			img.Pix[i+k] = uint8(min(max(int(img.Pix[i+k])+n, 0), 255))
		}
	}
	return img
}
