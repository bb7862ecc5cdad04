package card

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // lead images may be JPEG
	_ "image/png"  // or PNG
	"math"

	_ "golang.org/x/image/webp" // or WebP
)

// MaxImagePixels bounds a lead image's decoded size (width × height), so a
// small file that claims a huge size (a decompression bomb) is refused
// before it is decoded.
const MaxImagePixels = 50_000_000

// maxPixelsPerByte bounds how many pixels a lead image larger than 4
// megapixels may claim per byte of its file (a 1-bit PNG of flat colour
// reaches about 8,000; photographs stay far below 100).
const maxPixelsPerByte = 2000

// ErrImage is returned (wrapped) when the lead image cannot be used: it
// does not decode, is not JPEG, PNG or WebP, or is too large.
var ErrImage = errors.New("card: unusable image")

// FocalPoint is the point of a lead image that cropping keeps in view, as
// fractions of its width and height (0,0 is the top-left corner; 0.5,0.5
// the centre).
type FocalPoint struct {
	X, Y float64
}

// decodeImage decodes JPEG, PNG or WebP bytes after checking the size the
// header claims.
func decodeImage(data []byte) (image.Image, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrImage, err)
	}
	pixels := int64(cfg.Width) * int64(cfg.Height)
	if cfg.Width <= 0 || cfg.Height <= 0 || pixels > MaxImagePixels {
		return nil, fmt.Errorf("%w: %s is %dx%d (limit %d pixels)", ErrImage, format, cfg.Width, cfg.Height, MaxImagePixels)
	}
	// A photograph needs some bytes per pixel; a few bytes that claim
	// millions of pixels are a decompression bomb, however valid.
	if pixels > 4_000_000 && pixels > maxPixelsPerByte*int64(len(data)) {
		return nil, fmt.Errorf("%w: %s claims %dx%d pixels from %d bytes", ErrImage, format, cfg.Width, cfg.Height, len(data))
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrImage, err)
	}
	return img, nil
}

// coverRect returns the largest rectangle of src's bounds with dst's aspect
// ratio, placed so the focal point stays as central as the edges allow.
func coverRect(src image.Rectangle, dst image.Point, focus FocalPoint) image.Rectangle {
	sw, sh := float64(src.Dx()), float64(src.Dy())
	want := float64(dst.X) / float64(dst.Y)
	cw, ch := sw, sh
	if sw/sh > want {
		cw = sh * want
	} else {
		ch = sw / want
	}
	cx := math.Min(math.Max(focus.X*sw-cw/2, 0), sw-cw)
	cy := math.Min(math.Max(focus.Y*sh-ch/2, 0), sh-ch)
	r := image.Rect(int(math.Round(cx)), int(math.Round(cy)), int(math.Round(cx+cw)), int(math.Round(cy+ch)))
	return r.Add(src.Min).Intersect(src)
}

// drawCover scales the focal crop of src over the whole of dst with a
// Catmull-Rom filter (downscaling widens the kernel, so no aliasing),
// laying any transparency over bg.
func drawCover(dst *image.RGBA, src image.Image, focus FocalPoint, bg color.RGBA) {
	sr := coverRect(src.Bounds(), dst.Rect.Size(), focus)
	if sr.Empty() {
		return
	}
	resample(dst, src, sr, bg)
}
