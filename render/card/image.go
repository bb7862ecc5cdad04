package card

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // lead images may be JPEG
	_ "image/png"  // or PNG
	"math"

	_ "golang.org/x/image/webp" // or WebP
)

// MaxImagePixels bounds a lead image's size (width × height): 24
// megapixels, a 6000×4000 camera frame. No card can use more (the largest
// card, 4096×4096, is 16.8 megapixels), and decoding is paid per pixel,
// so a larger image is refused before it is decoded: scale it first.
const MaxImagePixels = 24_000_000

// MaxImageDecodeBytes bounds the memory the decoder of a lead image may
// need, estimated from its header before decoding: the pixels it holds
// (1 byte per sample for 8-bit images, 2 for 16-bit) plus what the format
// keeps while decoding — a progressive JPEG holds a 4-byte coefficient per
// sample of every component, an interlaced PNG a second copy of its
// pixels, a lossless WebP a 4-byte word per pixel. A 24-megapixel baseline
// JPEG needs about 36 MB; a progressive CMYK JPEG of the same size would
// need 480 MB and is refused.
const MaxImageDecodeBytes = 192 << 20

// maxPixelsPerByte bounds how many pixels a lead image larger than 4
// megapixels may claim per byte of its image data (padding, comments and
// metadata do not count). A 1-bit PNG of flat colour reaches about 8,000;
// photographs stay far below 100.
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

// imageHeader is what decodeImage learns about an encoded image before
// decoding it.
type imageHeader struct {
	format        string
	width, height int
	dataBytes     int    // bytes of image data (not padding or metadata)
	decodeBytes   int64  // estimated decoder memory
	what          string // "progressive CMYK JPEG", "interlaced 16-bit PNG"…
}

// focus is Options.Focus or the centre.
func (o *Options) focus() FocalPoint {
	if o.Focus != nil {
		return *o.Focus
	}
	return FocalPoint{0.5, 0.5}
}

// decodePhoto decodes a lead image for a card of size card: a plain
// baseline JPEG with the scaled decoder to planes (valid until ps is used
// again), anything else with decodeImage.
func decodePhoto(data []byte, card Size, focus FocalPoint, ps *photoScratch) (*jpegPlanes, image.Image, error) {
	h, err := checkImage(data)
	if err != nil {
		return nil, nil, err
	}
	if h.format == "jpeg" {
		p, err := ps.dec.decode(data, func(w, h int) int { return pickScale(w, h, card, focus) })
		switch {
		case err == nil:
			return p, nil, nil
		case !errors.Is(err, errJPEGUnsupported):
			return nil, nil, err
		}
	}
	img, err := decodeRecovered(data, h.what)
	return nil, img, err
}

// decodeImage decodes JPEG, PNG or WebP bytes after checking what the
// header claims: the pixel count, the pixels per byte of image data and
// the memory the decoder would need. The caller recovers decoder panics.
func decodeImage(data []byte) (image.Image, error) {
	h, err := checkImage(data)
	if err != nil {
		return nil, err
	}
	return decodeRecovered(data, h.what)
}

// checkImage reads data's header and refuses an image that claims too
// many pixels, too many pixels per byte or too much decoder memory.
func checkImage(data []byte) (imageHeader, error) {
	h, err := inspectImage(data)
	if err != nil {
		return h, err
	}
	pixels := int64(h.width) * int64(h.height)
	if h.width <= 0 || h.height <= 0 || pixels > MaxImagePixels {
		return h, fmt.Errorf("%w: %s is %dx%d, over the limit of %d pixels (%d MP); scale it down first", ErrImage, h.what, h.width, h.height, MaxImagePixels, MaxImagePixels/1_000_000)
	}
	// A photograph needs some bytes per pixel; a few bytes that claim
	// millions of pixels are a decompression bomb, however valid.
	if pixels > 4_000_000 && pixels > maxPixelsPerByte*int64(h.dataBytes) {
		return h, fmt.Errorf("%w: %s claims %dx%d pixels from %d bytes of image data", ErrImage, h.what, h.width, h.height, h.dataBytes)
	}
	if h.decodeBytes > MaxImageDecodeBytes {
		return h, fmt.Errorf("%w: a %dx%d %s needs about %d MB to decode (limit %d MB); re-encode it smaller or as a baseline image", ErrImage, h.width, h.height, h.what, h.decodeBytes>>20, MaxImageDecodeBytes>>20)
	}
	return h, nil
}

// decodeRecovered decodes data, turning a decoder panic into an error
// wrapping ErrImage.
func decodeRecovered(data []byte, what string) (img image.Image, err error) {
	defer func() {
		if p := recover(); p != nil {
			img, err = nil, fmt.Errorf("%w: the %s decoder failed on this file: %v", ErrImage, what, p)
		}
	}()
	img, _, err = image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrImage, what, err)
	}
	return img, nil
}

// inspectImage reads an image's header without decoding its pixels.
func inspectImage(data []byte) (imageHeader, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return imageHeader{}, fmt.Errorf("%w: %w", ErrImage, err)
	}
	h := imageHeader{format: format, width: cfg.Width, height: cfg.Height, dataBytes: len(data), what: format}
	pixels := int64(cfg.Width) * int64(cfg.Height)
	switch format {
	case "jpeg":
		h.inspectJPEG(data, pixels)
	case "png":
		h.inspectPNG(data, pixels)
	case "webp":
		h.inspectWebP(data, pixels)
	default:
		h.decodeBytes = 8 * pixels
	}
	return h, nil
}

// inspectJPEG counts the entropy-coded bytes (everything but APPn and
// comment segments) and estimates the decoder's memory from the frame
// header: one byte per sample of each component at its sampling, plus 4
// bytes per sample for a progressive image's coefficients.
func (h *imageHeader) inspectJPEG(data []byte, pixels int64) {
	h.what = "JPEG"
	progressive := false
	samples := 3 * pixels // until the frame header says otherwise
	meta := 0
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xff {
			break
		}
		m := data[i+1]
		if m == 0xff {
			i++
			continue
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		switch {
		case m >= 0xe0 && m <= 0xef, m == 0xfe: // APPn, COM
			meta += 2 + n
		case m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc: // SOFn
			progressive = m == 0xc2 || m == 0xc6 || m == 0xca || m == 0xce
			if i+10 <= len(data) {
				nc := int(data[i+9])
				hmax, vmax := 1, 1
				type comp struct{ h, v int }
				comps := make([]comp, 0, 4)
				for c := range min(nc, 4) {
					off := i + 10 + 3*c + 1
					if off >= len(data) {
						break
					}
					hv := comp{int(data[off] >> 4), int(data[off] & 15)}
					hmax, vmax = max(hmax, hv.h), max(vmax, hv.v)
					comps = append(comps, hv)
				}
				if len(comps) > 0 {
					var s float64
					for _, c := range comps {
						s += float64(max(c.h, 1)*max(c.v, 1)) / float64(hmax*vmax)
					}
					samples = int64(math.Ceil(s * float64(pixels)))
				}
				switch nc {
				case 1:
					h.what = "greyscale JPEG"
				case 4:
					h.what = "CMYK JPEG"
					samples = max(samples, 4*pixels) // converted to 4 bytes a pixel
				}
			}
		case m == 0xda: // SOS: entropy-coded data follows
			i = len(data)
			continue
		}
		i += 2 + n
	}
	if progressive {
		h.what = "progressive " + h.what
		h.decodeBytes = samples + 4*samples
	} else {
		h.decodeBytes = samples
	}
	h.dataBytes = len(data) - meta
}

// inspectPNG counts the IDAT bytes and estimates the decoded image's size
// from the bit depth and colour type (twice that when interlaced: the
// decoder fills a separate image per pass).
func (h *imageHeader) inspectPNG(data []byte, pixels int64) {
	h.what = "PNG"
	if len(data) < 33 {
		return
	}
	depth, ct, interlaced := data[24], data[25], data[28] == 1
	perPixel := int64(4)
	switch {
	case ct == 3: // paletted
		perPixel = 1
	case ct == 0: // grey
		perPixel = max(int64(depth)/8, 1)
	case depth == 16: // grey+alpha, RGB, RGBA at 16 bits: 64-bit pixels
		perPixel = 8
	}
	h.decodeBytes = perPixel * pixels
	if depth == 16 {
		h.what = "16-bit PNG"
	}
	if interlaced {
		h.what = "interlaced " + h.what
		h.decodeBytes *= 2
	}
	idat := 0
	for i := 8; i+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[i:]))
		if n < 0 || n > len(data) {
			break
		}
		if string(data[i+4:i+8]) == "IDAT" {
			idat += min(n, len(data)-i-8)
		}
		i += 12 + n
	}
	h.dataBytes = idat
}

// inspectWebP counts the bytes of the VP8, VP8L and ALPH chunks (not
// padding or metadata) and estimates the decoder's memory: lossy images
// decode to 4:2:0 YCbCr (plus alpha), lossless ones to RGBA through a
// 32-bit word per pixel.
func (h *imageHeader) inspectWebP(data []byte, pixels int64) {
	h.what = "WebP"
	h.dataBytes = 0
	h.decodeBytes = pixels * 3 / 2
	for i := 12; i+8 <= len(data); {
		typ := string(data[i : i+4])
		n := int(binary.LittleEndian.Uint32(data[i+4:]))
		if n < 0 || n > len(data) {
			break
		}
		switch typ {
		case "VP8L":
			h.what = "lossless WebP"
			h.decodeBytes = 8 * pixels
			h.dataBytes += min(n, len(data)-i-8)
		case "VP8 ":
			h.dataBytes += min(n, len(data)-i-8)
		case "ALPH":
			h.decodeBytes += pixels
			h.dataBytes += min(n, len(data)-i-8)
		}
		i += 8 + n + n&1
	}
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

// drawCover scales the focal crop of src over the whole of dst (laying
// any transparency over bg).
func drawCover(dst *image.RGBA, src image.Image, focus FocalPoint, bg color.RGBA) {
	sr := coverRect(src.Bounds(), dst.Rect.Size(), focus)
	if sr.Empty() {
		return
	}
	resample(dst, src, sr, bg)
}
