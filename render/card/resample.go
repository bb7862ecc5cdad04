package card

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"math"
)

// Resampling for the photo layout: a separable tent (triangle) filter,
// widened by the scale factor when shrinking, so a downscale averages
// every source pixel it covers instead of aliasing. The weights are 8-bit
// and never negative, so two channels of a pixel are filtered at once in
// the 16-bit lanes of one 32-bit word (red with blue, green with alpha).
// Source rows are converted to RGBA one at a time, when first needed, and
// each is filtered horizontally once; memory is a few rows plus one
// output-wide row per source row of the crop.

const weightBits = 8

// taps holds, for each destination pixel along one axis, the first source
// index and the fixed-point weights (summing to 1<<weightBits) of the
// source pixels it mixes.
type taps struct {
	first []int
	n     int // taps per destination pixel
	w     []uint32
}

// makeTaps maps dstN pixels onto the source span [0, srcN). Taps that
// fall outside the span are folded onto its edge pixels.
func makeTaps(dstN, srcN int) taps {
	scale := float64(srcN) / float64(dstN)
	radius := math.Max(scale, 1)      // the tent's half-width in source pixels
	raw := int(math.Ceil(2 * radius)) // the pixels strictly within radius
	n := min(raw, srcN)
	t := taps{first: make([]int, dstN), n: n, w: make([]uint32, dstN*n)}
	fw := make([]float64, raw)
	for i := range dstN {
		center := (float64(i)+0.5)*scale - 0.5
		first := int(math.Floor(center - radius + 1))
		sum := 0.0
		for k := range raw {
			fw[k] = math.Max(0, 1-math.Abs(float64(first+k)-center)/radius)
			sum += fw[k]
		}
		start := min(max(first, 0), srcN-n)
		w := t.w[i*n : (i+1)*n]
		var total uint32
		for k := range raw {
			j := min(max(first+k, 0), srcN-1) - start
			v := uint32(math.Round(fw[k] / sum * (1 << weightBits)))
			w[j] += v
			total += v
		}
		// Put the rounding error on the heaviest tap: weights sum to one.
		heavy := 0
		for k := range w {
			if w[k] > w[heavy] {
				heavy = k
			}
		}
		w[heavy] = w[heavy] + 1<<weightBits - total
		t.first[i] = start
	}
	return t
}

// mix returns the weighted sum of pixels px (RGBA words) by w, all four
// channels at once: each 16-bit lane holds a channel times a weight, at
// most 255 × 256, so no lane overflows into the next.
func mix(px []uint32, w []uint32) uint32 {
	var rb, ga uint32
	for k, wk := range w {
		v := px[k]
		rb += (v & 0x00ff00ff) * wk
		ga += ((v >> 8) & 0x00ff00ff) * wk
	}
	rb = ((rb + 0x00800080) >> weightBits) & 0x00ff00ff
	ga = (ga + 0x00800080) & 0xff00ff00
	return rb | ga
}

// resample scales the sr part of src over all of dst (opaque RGBA), laying
// any transparency over bg.
func resample(dst *image.RGBA, src image.Image, sr image.Rectangle, bg color.RGBA) {
	sr = sr.Intersect(src.Bounds())
	if sr.Empty() {
		return
	}
	dw, dh := dst.Rect.Dx(), dst.Rect.Dy()
	sw, sh := sr.Dx(), sr.Dy()
	tx, ty := makeTaps(dw, sw), makeTaps(dh, sh)
	opaque := false
	if o, ok := src.(interface{ Opaque() bool }); ok {
		opaque = o.Opaque()
	}

	// Source rows, read one at a time as RGBA (image/draw has fast paths
	// for JPEG's YCbCr, NRGBA, Gray and CMYK).
	rgba, direct := src.(*image.RGBA)
	var rowImg *image.RGBA
	if !direct {
		rowImg = image.NewRGBA(image.Rect(0, 0, sw, 1))
	}
	line := make([]uint32, sw)
	// Each source row filtered horizontally, computed when first needed;
	// a ring of ty.n+1 rows suffices since output rows move down the
	// source monotonically.
	ringN := ty.n + 1
	ring := make([]uint32, ringN*dw)
	ringRow := make([]int, ringN)
	for i := range ringRow {
		ringRow[i] = -1
	}
	hrow := func(y int) []uint32 {
		slot := y % ringN
		out := ring[slot*dw : (slot+1)*dw]
		if ringRow[slot] == y {
			return out
		}
		ringRow[slot] = y
		var pix []uint8
		if direct {
			off := (sr.Min.Y+y-rgba.Rect.Min.Y)*rgba.Stride + (sr.Min.X-rgba.Rect.Min.X)*4
			pix = rgba.Pix[off : off+sw*4]
		} else {
			draw.Draw(rowImg, rowImg.Rect, src, image.Pt(sr.Min.X, sr.Min.Y+y), draw.Src)
			pix = rowImg.Pix
		}
		for x := range line {
			line[x] = binary.LittleEndian.Uint32(pix[x*4:])
		}
		n := tx.n
		for x := range out {
			f := tx.first[x]
			out[x] = mix(line[f:f+n], tx.w[x*n:(x+1)*n])
		}
		return out
	}

	// Vertical pass, row-wise: two pixels per 64-bit word, so the four
	// 16-bit lanes hold red and blue (or green and alpha) of both.
	rb := make([]uint64, (dw+1)/2)
	ga := make([]uint64, (dw+1)/2)
	const lanes = 0x00ff00ff00ff00ff
	bgw := uint32(bg.R) | uint32(bg.G)<<8 | uint32(bg.B)<<16
	for y := range dh {
		w := ty.w[y*ty.n : (y+1)*ty.n]
		clear(rb)
		clear(ga)
		for k, wk := range w {
			if wk == 0 {
				continue
			}
			row := hrow(ty.first[y] + k)
			w64 := uint64(wk)
			for i := range rb {
				var v uint64
				if 2*i+1 < len(row) {
					v = uint64(row[2*i]) | uint64(row[2*i+1])<<32
				} else {
					v = uint64(row[2*i])
				}
				rb[i] += (v & lanes) * w64
				ga[i] += ((v >> 8) & lanes) * w64
			}
		}
		out := dst.Pix[y*dst.Stride : y*dst.Stride+dw*4]
		for i := range rb {
			v := ((rb[i]+0x0080008000800080)>>weightBits)&lanes | (ga[i]+0x0080008000800080)&(lanes<<8)
			for j, x := 0, 2*i; j < 2 && x < dw; j, x = j+1, x+1 {
				p := uint32(v >> (32 * j))
				if !opaque {
					// Premultiplied: add the background under what is left.
					if ia := 255 - p>>24; ia != 0 {
						b := (bgw & 0x00ff00ff) * ia
						g := (bgw & 0x0000ff00) * ia
						p += ((b+0x00800080)>>8)&0x00ff00ff | ((g+0x00008000)>>8)&0x0000ff00
					}
				}
				binary.LittleEndian.PutUint32(out[x*4:], p|0xff000000)
			}
		}
	}
}

// scrimRow lays colour c at opacity a (0–256) over row, a run of RGBA
// pixels, two channels at a time.
func scrimRow(row []uint8, c color.RGBA, a uint32) {
	crb := (uint32(c.R) | uint32(c.B)<<16) * a
	cg := uint32(c.G) * a
	ia := 256 - a
	for i := 0; i+4 <= len(row); i += 4 {
		v := binary.LittleEndian.Uint32(row[i:])
		rb := ((v&0x00ff00ff)*ia + crb) >> 8 & 0x00ff00ff
		g := (((v>>8)&0xff)*ia + cg) >> 8 & 0xff
		binary.LittleEndian.PutUint32(row[i:], rb|g<<8|0xff000000)
	}
}
