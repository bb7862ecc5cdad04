package card

import (
	"image"
	"image/color"
	"testing"
)

func TestResample(t *testing.T) {
	bg := color.RGBA{10, 20, 30, 255}
	tests := []struct {
		name     string
		src      image.Image
		dst      image.Point
		want     color.RGBA // every output pixel
		tolerant bool
	}{
		{"uniform shrink", uniform(1600, 900, color.RGBA{200, 100, 50, 255}), image.Pt(1200, 630), color.RGBA{200, 100, 50, 255}, false},
		{"uniform enlarge", uniform(30, 20, color.RGBA{1, 2, 3, 255}), image.Pt(300, 157), color.RGBA{1, 2, 3, 255}, false},
		{"one pixel source", uniform(1, 1, color.RGBA{9, 9, 9, 255}), image.Pt(120, 63), color.RGBA{9, 9, 9, 255}, false},
		{"transparent over background", uniform(64, 64, color.RGBA{}), image.Pt(32, 32), bg, false},
		{"YCbCr source", ycbcr(320, 200), image.Pt(160, 100), color.RGBA{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := image.NewRGBA(image.Rectangle{Max: tt.dst})
			resample(dst, tt.src, tt.src.Bounds(), bg)
			for y := range tt.dst.Y {
				for x := range tt.dst.X {
					got := dst.RGBAAt(x, y)
					if tt.tolerant {
						if got.A != 255 {
							t.Fatalf("pixel %d,%d = %v: not opaque", x, y, got)
						}
						continue
					}
					if got != tt.want {
						t.Fatalf("pixel %d,%d = %v, want %v", x, y, got, tt.want)
					}
				}
			}
		})
	}
}

func uniform(w, h int, c color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	return img
}

func ycbcr(w, h int) *image.YCbCr {
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for i := range img.Y {
		img.Y[i] = uint8(i)
	}
	for i := range img.Cb {
		img.Cb[i], img.Cr[i] = 128, uint8(i)
	}
	return img
}
