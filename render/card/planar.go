package card

import (
	"encoding/binary"
	"image"
	"math"
)

// The photo layout's fast path for JPEG lead images: the scaled decoder
// (jpegdec.go) gives planes at M/8 of the image's size, chosen so the
// focal crop is just at least the card's size; each plane is then
// resampled (a tent filter in 8-bit fixed point, separable) to the card's
// luma grid and its 2×2-subsampled chroma grid, and converted to RGBA
// once, at the card's size. When the scaled crop is the card's size (a
// 1600×900 photograph on a 1200×630 card decodes at 6/8), the crop is
// snapped to whole samples and the planes are copied, not filtered.

// photoScratch holds the photo path's buffers; scratches are pooled per
// Renderer.
type photoScratch struct {
	dec       jpegDecoder
	y, cb, cr []uint8
	hrow      []uint16 // horizontally filtered rows (ring)
	ringRow   []int
}

// pickScale returns the smallest M (1..8) at which the focal crop of a
// w×h image covers a card of size s (to within a pixel).
func pickScale(w, h int, s Size, focus FocalPoint) int {
	crop := coverRect(image.Rect(0, 0, w, h), image.Pt(s.Width, s.Height), focus)
	for m := 1; m < 8; m++ {
		if crop.Dx()*m >= 8*(s.Width-1) && crop.Dy()*m >= 8*(s.Height-1) {
			return m
		}
	}
	return 8
}

// planeTaps is planar resampling's map along one axis: for each output
// sample the first source sample and n weights (summing to 256).
type planeTaps struct {
	first []int32
	w     []int32
	n     int
	ident bool // output i is source i+off exactly
	off   int
}

// makePlaneTaps maps dstN outputs onto the source interval [origin,
// origin+span) of a source axis of srcN samples (sample i covering
// [i, i+1)). Taps outside the source fold onto its edge samples.
func makePlaneTaps(dstN int, origin, span float64, srcN int) planeTaps {
	scale := span / float64(dstN)
	if math.Abs(scale-1) < 1e-9 && origin == math.Trunc(origin) && origin >= 0 && int(origin)+dstN <= srcN {
		return planeTaps{ident: true, off: int(origin)}
	}
	radius := math.Max(scale, 1)
	raw := int(math.Ceil(2 * radius))
	n := min(raw, srcN)
	t := planeTaps{first: make([]int32, dstN), w: make([]int32, dstN*n), n: n}
	fw := make([]float64, raw)
	for i := range dstN {
		center := origin + (float64(i)+0.5)*scale - 0.5
		first := int(math.Floor(center - radius + 1))
		sum := 0.0
		for k := range raw {
			fw[k] = math.Max(0, 1-math.Abs(float64(first+k)-center)/radius)
			sum += fw[k]
		}
		start := min(max(first, 0), srcN-n)
		w := t.w[i*n : (i+1)*n]
		var total int32
		for k := range raw {
			j := min(max(first+k, 0), srcN-1) - start
			v := int32(math.Round(fw[k] / sum * 256))
			w[j] += v
			total += v
		}
		heavy := 0
		for k := range w {
			if w[k] > w[heavy] {
				heavy = k
			}
		}
		w[heavy] += 256 - total
		t.first[i] = int32(start)
	}
	return t
}

// resamplePlane scales the [ox, ox+sw)×[oy, oy+sh) part of the srcW×srcH
// plane src (rows stride apart) over all of dst (dw×dh, packed).
func (s *photoScratch) resamplePlane(dst []uint8, dw, dh int, src []uint8, stride, srcW, srcH int, ox, oy, sw, sh float64) {
	tx := makePlaneTaps(dw, ox, sw, srcW)
	ty := makePlaneTaps(dh, oy, sh, srcH)
	if tx.ident && ty.ident {
		for y := range dh {
			copy(dst[y*dw:(y+1)*dw], src[(y+ty.off)*stride+tx.off:])
		}
		return
	}
	if tx.ident {
		off := tx.off
		tx = planeTaps{first: make([]int32, dw), w: make([]int32, dw), n: 1}
		for i := range dw {
			tx.first[i], tx.w[i] = int32(i+off), 256
		}
	}
	if ty.ident {
		off := ty.off
		ty = planeTaps{first: make([]int32, dh), w: make([]int32, dh), n: 1}
		for i := range dh {
			ty.first[i], ty.w[i] = int32(i+off), 256
		}
	}
	// Horizontal pass into a ring of rows (16-bit: value × 256).
	ringN := ty.n + 1
	if cap(s.hrow) < ringN*dw {
		s.hrow = make([]uint16, ringN*dw)
	}
	ring := s.hrow[:ringN*dw]
	if cap(s.ringRow) < ringN {
		s.ringRow = make([]int, ringN)
	}
	rows := s.ringRow[:ringN]
	for i := range rows {
		rows[i] = -1
	}
	hrow := func(y int) []uint16 {
		slot := y % ringN
		out := ring[slot*dw : (slot+1)*dw]
		if rows[slot] == y {
			return out
		}
		rows[slot] = y
		line := src[y*stride : y*stride+srcW]
		n := tx.n
		switch n {
		case 1:
			for x := range out {
				out[x] = uint16(line[tx.first[x]]) << 8
			}
		case 2:
			for x := range out {
				f := int(tx.first[x])
				w := tx.w[2*x : 2*x+2]
				out[x] = uint16(int32(line[f])*w[0] + int32(line[f+1])*w[1])
			}
		default:
			for x := range out {
				f := int(tx.first[x])
				px := line[f : f+n]
				var acc int32
				for k, wk := range tx.w[x*n : (x+1)*n] {
					acc += int32(px[k]) * wk
				}
				out[x] = uint16(acc)
			}
		}
		return out
	}
	acc := make([]uint32, dw)
	for y := range dh {
		w := ty.w[y*ty.n : (y+1)*ty.n]
		clear(acc)
		for k, wk := range w {
			if wk == 0 {
				continue
			}
			row := hrow(int(ty.first[y]) + k)
			uw := uint32(wk)
			for x, v := range row {
				acc[x] += uint32(v) * uw
			}
		}
		out := dst[y*dw : (y+1)*dw]
		for x, v := range acc {
			out[x] = uint8((v + 1<<15) >> 16)
		}
	}
}

// drawCoverPlanes scales the focal crop of p over all of dst (opaque
// RGBA).
func (s *photoScratch) drawCoverPlanes(dst *image.RGBA, p *jpegPlanes, focus FocalPoint) {
	W, H := dst.Rect.Dx(), dst.Rect.Dy()
	M := float64(p.scale)
	crop := coverRect(image.Rect(0, 0, p.width, p.height), image.Pt(W, H), focus)
	ox, oy := float64(crop.Min.X)*M/8, float64(crop.Min.Y)*M/8
	sw, sh := float64(crop.Dx())*M/8, float64(crop.Dy())*M/8
	yw, yh := p.scaledSize()
	// Within a pixel of the card's size: use the samples as they are,
	// the crop snapped to whole (chroma) samples.
	if math.Abs(sw-float64(W)) <= 1 && math.Abs(sh-float64(H)) <= 1 && yw >= W && yh >= H {
		snap := func(o float64, sub, room int) float64 {
			v := int(math.Round(o/float64(sub))) * sub
			return float64(min(max(v, 0), room))
		}
		ox, oy = snap(ox, p.subX[max(p.comps-1, 0)], yw-W), snap(oy, p.subY[max(p.comps-1, 0)], yh-H)
		sw, sh = float64(W), float64(H)
	}
	if cap(s.y) < W*H {
		s.y = make([]uint8, W*H)
	}
	y := s.y[:W*H]
	s.resamplePlane(y, W, H, p.pix[0], p.stride[0], yw, yh, ox, oy, sw, sh)
	if p.comps == 1 {
		grayToRGBA(dst, y)
		return
	}
	cw, ch := (W+1)/2, (H+1)/2
	if cap(s.cb) < cw*ch {
		s.cb, s.cr = make([]uint8, cw*ch), make([]uint8, cw*ch)
	}
	cb, cr := s.cb[:cw*ch], s.cr[:cw*ch]
	for c, out := range [][]uint8{cb, cr} {
		sx, sy := float64(p.subX[c+1]), float64(p.subY[c+1])
		// The chroma plane's valid size at this scale.
		pw := ((p.width*1+p.subX[c+1]-1)/p.subX[c+1]*p.scale + 7) / 8
		ph := ((p.height*1+p.subY[c+1]-1)/p.subY[c+1]*p.scale + 7) / 8
		s.resamplePlane(out, cw, ch, p.pix[c+1], p.stride[c+1], pw, ph,
			ox/sx, oy/sy, sw/sx*float64(2*cw)/float64(W), sh/sy*float64(2*ch)/float64(H))
	}
	ycbcrToRGBA(dst, y, cb, cr)
}

// ycbcrToRGBA converts the card's planes (luma W×H, chroma at half
// resolution both ways, JFIF full-range) to dst's RGBA: each chroma
// sample's three terms are computed once for its two pixels of a row.
func ycbcrToRGBA(dst *image.RGBA, y, cb, cr []uint8) {
	W, H := dst.Rect.Dx(), dst.Rect.Dy()
	cw := (W + 1) / 2
	for j := range H {
		out := dst.Pix[j*dst.Stride : j*dst.Stride+4*W]
		yr := y[j*W : (j+1)*W]
		cbr, crr := cb[(j/2)*cw:(j/2+1)*cw], cr[(j/2)*cw:(j/2+1)*cw]
		for c := range cw {
			b1, r1 := int32(cbr[c])-128, int32(crr[c])-128
			rc := 91881*r1 + 1<<15
			gc := -22554*b1 - 46802*r1 + 1<<15
			bc := 116130*b1 + 1<<15
			for i := 2 * c; i < min(2*c+2, W); i++ {
				yy := int32(yr[i]) << 16
				v := uint32(clamp8((yy+rc)>>16)) | uint32(clamp8((yy+gc)>>16))<<8 | uint32(clamp8((yy+bc)>>16))<<16 | 0xff000000
				binary.LittleEndian.PutUint32(out[4*i:], v)
			}
		}
	}
}

// grayToRGBA writes a greyscale plane (W×H) to dst.
func grayToRGBA(dst *image.RGBA, y []uint8) {
	W, H := dst.Rect.Dx(), dst.Rect.Dy()
	for j := range H {
		out := dst.Pix[j*dst.Stride : j*dst.Stride+4*W]
		for i, v := range y[j*W : (j+1)*W] {
			o := out[4*i : 4*i+4 : 4*i+4]
			o[0], o[1], o[2], o[3] = v, v, v, 255
		}
	}
}
