package card

import (
	"image"
	"image/color"
	"image/draw"
	"math"
)

// Resampling for the photo layout: a separable Catmull-Rom filter in
// fixed point. When shrinking, the kernel is widened by the scale factor,
// so the result is filtered, not aliased. It allocates one intermediate
// image of dstW × srcH pixels (x/image/draw's Kernel.Scale allocates 32
// bytes per intermediate pixel, 32 MB for a 1600×900 photo).

const weightBits = 14

// taps holds, for each destination pixel along one axis, the first source
// index and the fixed-point weights of the source pixels it mixes.
type taps struct {
	first []int
	n     int // taps per destination pixel
	w     []int32
}

func catmullRom(x float64) float64 {
	x = math.Abs(x)
	switch {
	case x < 1:
		return (1.5*x-2.5)*x*x + 1
	case x < 2:
		return ((-0.5*x+2.5)*x-4)*x + 2
	}
	return 0
}

// makeTaps maps dstN pixels onto the source span [srcMin, srcMax). Taps
// that fall outside the span are folded onto its edge pixels.
func makeTaps(dstN, srcMin, srcMax int) taps {
	srcN := srcMax - srcMin
	scale := float64(srcN) / float64(dstN)
	widen := math.Max(scale, 1)
	radius := 2 * widen
	// The source pixels strictly within radius of a centre: at most
	// ceil(2·radius) of them, starting at floor(centre-radius)+1.
	raw := int(math.Ceil(2 * radius))
	n := min(raw, srcN)
	t := taps{first: make([]int, dstN), n: n, w: make([]int32, dstN*n)}
	fw := make([]float64, raw)
	for i := range dstN {
		center := (float64(i)+0.5)*scale - 0.5
		first := int(math.Floor(center - radius + 1))
		sum := 0.0
		for k := range raw {
			fw[k] = catmullRom((float64(first+k) - center) / widen)
			sum += fw[k]
		}
		start := min(max(first, 0), srcN-n)
		w := t.w[i*n : (i+1)*n]
		var total int32
		for k := range raw {
			j := min(max(first+k, 0), srcN-1) - start
			v := int32(math.Round(fw[k] / sum * (1 << weightBits)))
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
		w[heavy] += 1<<weightBits - total
		t.first[i] = start + srcMin
	}
	return t
}

func clamp8(v int32) uint8 {
	v = (v + 1<<(weightBits-1)) >> weightBits
	return uint8(min(max(v, 0), 255))
}

// resample scales the sr part of src over all of dst (opaque RGBA), laying
// any transparency over bg.
func resample(dst *image.RGBA, src image.Image, sr image.Rectangle, bg color.RGBA) {
	sr = sr.Intersect(src.Bounds())
	if sr.Empty() {
		return
	}
	// Rows are read one at a time as RGBA (image/draw has fast paths for
	// JPEG's YCbCr, NRGBA, Gray and CMYK), so a large source costs one
	// row of scratch, not a converted copy.
	s, direct := src.(*image.RGBA)
	var rowImg *image.RGBA
	if !direct {
		rowImg = image.NewRGBA(image.Rect(0, 0, sr.Dx(), 1))
	}
	row := func(y int) []uint8 { // source row sr.Min.Y+y, from column sr.Min.X
		if direct {
			return s.Pix[(sr.Min.Y+y-s.Rect.Min.Y)*s.Stride+(sr.Min.X-s.Rect.Min.X)*4:]
		}
		draw.Draw(rowImg, rowImg.Rect, src, image.Pt(sr.Min.X, sr.Min.Y+y), draw.Src)
		return rowImg.Pix
	}
	dw, dh := dst.Rect.Dx(), dst.Rect.Dy()
	sh := sr.Dy()
	tx := makeTaps(dw, 0, sr.Dx())
	ty := makeTaps(dh, 0, sh)
	opaque := false
	if o, ok := src.(interface{ Opaque() bool }); ok {
		opaque = o.Opaque()
	}
	// Horizontal pass: every source row of the crop → dw pixels.
	tmp := make([]uint8, dw*sh*4)
	n := tx.n
	for y := range sh {
		row := row(y)
		out := tmp[y*dw*4 : (y+1)*dw*4]
		for x := range dw {
			w := tx.w[x*n : (x+1)*n]
			p := row[tx.first[x]*4 : (tx.first[x]+n)*4]
			var r, g, b, a int32
			if opaque {
				for k, wk := range w {
					o := k * 4
					r += wk * int32(p[o])
					g += wk * int32(p[o+1])
					b += wk * int32(p[o+2])
				}
				a = 255 << weightBits
			} else {
				for k, wk := range w {
					o := k * 4
					r += wk * int32(p[o])
					g += wk * int32(p[o+1])
					b += wk * int32(p[o+2])
					a += wk * int32(p[o+3])
				}
			}
			o := out[x*4 : x*4+4 : x*4+4]
			o[0], o[1], o[2], o[3] = clamp8(r), clamp8(g), clamp8(b), clamp8(a)
		}
	}
	// Vertical pass: accumulate whole rows, one tap at a time, so the
	// inner loop walks memory in order.
	stride := dw * 4
	acc := make([]int32, stride)
	for y := range dh {
		w := ty.w[y*ty.n : (y+1)*ty.n]
		clear(acc)
		for k, wk := range w {
			if wk == 0 {
				continue
			}
			in := tmp[(ty.first[y]+k)*stride : (ty.first[y]+k+1)*stride]
			in = in[:len(acc)]
			for x, v := range in {
				acc[x] += wk * int32(v)
			}
		}
		out := dst.Pix[y*dst.Stride : y*dst.Stride+stride]
		for x := 0; x < stride; x += 4 {
			o := out[x : x+4 : x+4]
			q := acc[x : x+4 : x+4]
			o[0], o[1], o[2], o[3] = clamp8(q[0]), clamp8(q[1]), clamp8(q[2]), 0xff
			if av := clamp8(q[3]); av != 0xff {
				ia := 255 - uint32(av)
				o[0] = uint8(min(255, uint32(o[0])+div255(uint32(bg.R)*ia)))
				o[1] = uint8(min(255, uint32(o[1])+div255(uint32(bg.G)*ia)))
				o[2] = uint8(min(255, uint32(o[2])+div255(uint32(bg.B)*ia)))
			}
		}
	}
}
