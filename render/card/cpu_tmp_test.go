package card

import (
	"bytes"
	"image"
	"image/jpeg"
	"io"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/sample"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestTmpCPU(t *testing.T) {
	if os.Getenv("CPUTMP") == "" {
		t.Skip()
	}
	var jb bytes.Buffer
	jpeg.Encode(&jb, photo(), &jpeg.Options{Quality: 85})
	data := jb.Bytes()
	size, focus := OpenGraph(), FocalPoint{0.5, 0.5}
	pick := func(w, h int) int { return pickScale(w, h, size, focus) }
	ps := new(photoScratch)
	p, _ := ps.dec.decode(data, pick)
	card := image.NewRGBA(image.Rect(0, 0, 1200, 630))
	ps.drawCoverPlanes(card, p, focus)
	r, _ := New(Theme{})
	a := sample.Article()
	dec, _ := jpeg.Decode(bytes.NewReader(data))
	e := new(encoder)
	parts := []struct {
		name string
		f    func()
	}{
		{"decode scaled", func() { ps.dec.decode(data, pick) }},
		{"decode image/jpeg", func() { jpeg.Decode(bytes.NewReader(data)) }},
		{"planes to card", func() { ps.drawCoverPlanes(card, p, focus) }},
		{"encode", func() { e.writeJPEG(io.Discard, card, 85) }},
		{"card from bytes", func() { r.Render(io.Discard, a, Options{Layout: LayoutPhoto, ImageData: data}) }},
		{"card from decoded", func() { r.Render(io.Discard, a, Options{Layout: LayoutPhoto, Image: dec}) }},
		{"card from bytes, no encode", func() { r.Image(a, Options{Layout: LayoutPhoto, ImageData: data}) }},
	}
	for round := 0; round < 2; round++ {
		for _, pt := range parts {
			pt.f()
			const n = 30
			c0 := cpuNow()
			for range n {
				pt.f()
			}
			t.Logf("%-28s %6.2f ms CPU", pt.name, float64(cpuNow()-c0)/n/1e6)
		}
	}
}
