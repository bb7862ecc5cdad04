package card

import (
	"encoding/binary"
	"image"
	"image/color"
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
	lazy      cardPlanes
	scrim     []uint32 // per-row scrim opacity
}

// ycbcrPlanes presents a decoded YCbCr image (image/jpeg's result) as
// full-scale planes, or returns nil for a subsampling the photo path does
// not take (4:1:1, 4:1:0) or a bad layout.
func ycbcrPlanes(m *image.YCbCr) *jpegPlanes {
	p := &jpegPlanes{width: m.Rect.Dx(), height: m.Rect.Dy(), scale: 8, comps: 3}
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio444:
		p.subX, p.subY = [3]int{1, 1, 1}, [3]int{1, 1, 1}
	case image.YCbCrSubsampleRatio422:
		p.subX, p.subY = [3]int{1, 2, 2}, [3]int{1, 1, 1}
	case image.YCbCrSubsampleRatio420:
		p.subX, p.subY = [3]int{1, 2, 2}, [3]int{1, 2, 2}
	case image.YCbCrSubsampleRatio440:
		p.subX, p.subY = [3]int{1, 1, 1}, [3]int{1, 2, 2}
	default:
		return nil
	}
	if p.width <= 0 || p.height <= 0 {
		return nil
	}
	// The planes start at the image's top-left sample.
	yo, co := m.YOffset(m.Rect.Min.X, m.Rect.Min.Y), m.COffset(m.Rect.Min.X, m.Rect.Min.Y)
	cw := (p.width + p.subX[1] - 1) / p.subX[1]
	ch := (p.height + p.subY[1] - 1) / p.subY[1]
	yEnd := yo + (p.height-1)*m.YStride + p.width
	cEnd := co + (ch-1)*m.CStride + cw
	if yo < 0 || co < 0 || yEnd > len(m.Y) || cEnd > len(m.Cb) || cEnd > len(m.Cr) {
		return nil
	}
	p.pix = [3][]uint8{m.Y[yo:yEnd], m.Cb[co:cEnd], m.Cr[co:cEnd]}
	p.stride = [3]int{m.YStride, m.CStride, m.CStride}
	return p
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
				px := line[f : f+2]
				out[x] = uint16(int32(px[0])*w[0] + int32(px[1])*w[1])
			}
		case 3:
			for x := range out {
				f := int(tx.first[x])
				w := tx.w[3*x : 3*x+3]
				px := line[f : f+3]
				out[x] = uint16(int32(px[0])*w[0] + int32(px[1])*w[1] + int32(px[2])*w[2])
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
	var acc []uint32
	for y := range dh {
		w := ty.w[y*ty.n : (y+1)*ty.n]
		out := dst[y*dw : (y+1)*dw]
		first := int(ty.first[y])
		switch ty.n {
		case 2:
			r0, r1 := hrow(first), hrow(first+1)
			w0, w1 := uint32(w[0]), uint32(w[1])
			r0, r1 = r0[:len(out)], r1[:len(out)]
			for x := range out {
				out[x] = uint8((uint32(r0[x])*w0 + uint32(r1[x])*w1 + 1<<15) >> 16)
			}
			continue
		case 3:
			r0, r1, r2 := hrow(first), hrow(first+1), hrow(first+2)
			w0, w1, w2 := uint32(w[0]), uint32(w[1]), uint32(w[2])
			r0, r1, r2 = r0[:len(out)], r1[:len(out)], r2[:len(out)]
			for x := range out {
				out[x] = uint8((uint32(r0[x])*w0 + uint32(r1[x])*w1 + uint32(r2[x])*w2 + 1<<15) >> 16)
			}
			continue
		}
		if acc == nil {
			acc = make([]uint32, dw)
		}
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
		for x, v := range acc {
			out[x] = uint8((v + 1<<15) >> 16)
		}
	}
}

// drawCoverPlanes scales the focal crop of p over all of dst (opaque
// RGBA).
func (s *photoScratch) drawCoverPlanes(dst *image.RGBA, p *jpegPlanes, focus FocalPoint) {
	cp := s.coverPlanes(dst.Rect.Dx(), dst.Rect.Dy(), p, focus)
	cp.toRGBA(dst, dst.Rect)
}

// coverPlanes scales the focal crop of p to W×H card planes (luma W×H,
// chroma subsampled 2×2, neutral for greyscale), held in s.
func (s *photoScratch) coverPlanes(W, H int, p *jpegPlanes, focus FocalPoint) *cardPlanes {
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
	cp := &s.lazy
	*cp = cardPlanes{w: W, h: H, y: s.y[:W*H], done: cp.done[:0]}
	s.resamplePlane(cp.y, W, H, p.pix[0], p.stride[0], yw, yh, ox, oy, sw, sh)
	cw, ch := (W+1)/2, (H+1)/2
	if cap(s.cb) < cw*ch {
		s.cb, s.cr = make([]uint8, cw*ch), make([]uint8, cw*ch)
	}
	cp.cb, cp.cr = s.cb[:cw*ch], s.cr[:cw*ch]
	if p.comps == 1 {
		// Neutral chroma: the scrim and text may still tint the card.
		for i := range cp.cb {
			cp.cb[i], cp.cr[i] = 128, 128
		}
		return cp
	}
	for c, out := range [][]uint8{cp.cb, cp.cr} {
		sx, sy := float64(p.subX[c+1]), float64(p.subY[c+1])
		// The chroma plane's valid size at this scale.
		pw := ((p.width+p.subX[c+1]-1)/p.subX[c+1]*p.scale + 7) / 8
		ph := ((p.height+p.subY[c+1]-1)/p.subY[c+1]*p.scale + 7) / 8
		s.resamplePlane(out, cw, ch, p.pix[c+1], p.stride[c+1], pw, ph,
			ox/sx, oy/sy, sw/sx*float64(2*cw)/float64(W), sh/sy*float64(2*ch)/float64(H))
	}
	return cp
}

// cardPlanes is a photo card's picture while it is still in YCbCr: luma
// at the card's size, chroma at half its width and height. A JPEG card is drawn on lazily: the RGBA canvas
// gets the picture only in the 16×16 tiles that text or shapes touch
// (done), and the JPEG writer takes every other tile's samples from the
// planes, so most of the card is never converted to RGB and back.
type cardPlanes struct {
	w, h      int
	y, cb, cr []uint8
	done      []bool // per 16×16 tile, row-major: converted to the canvas
}

// tiles returns the number of 16×16 tiles across and down.
func (cp *cardPlanes) tiles() (int, int) { return (cp.w + 15) / 16, (cp.h + 15) / 16 }

// ensure converts the tiles r touches that are not yet on dst.
func (cp *cardPlanes) ensure(dst *image.RGBA, r image.Rectangle) {
	tx, ty := cp.tiles()
	if n := tx * ty; len(cp.done) != n {
		if cap(cp.done) < n {
			cp.done = make([]bool, n)
		} else {
			cp.done = cp.done[:n]
			clear(cp.done)
		}
	}
	r = r.Intersect(dst.Rect)
	if r.Empty() {
		return
	}
	for j := r.Min.Y / 16; j <= (r.Max.Y-1)/16; j++ {
		for i := r.Min.X / 16; i <= (r.Max.X-1)/16; i++ {
			if cp.done[j*tx+i] {
				continue
			}
			cp.done[j*tx+i] = true
			cp.toRGBA(dst, image.Rect(16*i, 16*j, 16*i+16, 16*j+16).Intersect(dst.Rect))
		}
	}
}

// scrim lays colour c over the planes at each row's opacity (0–256, as
// scrimRow takes it): in YCbCr, which is linear in RGB, so the same
// blend; a chroma row takes the mean opacity of its two luma rows.
func (cp *cardPlanes) scrim(c color.RGBA, op []uint32) {
	yc, cbc, crc := color.RGBToYCbCr(c.R, c.G, c.B)
	lerp := func(row []uint8, v uint8, a uint32) {
		va, ia := uint32(v)*a+128, 256-a
		for i, p := range row {
			row[i] = uint8((uint32(p)*ia + va) >> 8)
		}
	}
	for y, a := range op {
		if a > 0 {
			lerp(cp.y[y*cp.w:(y+1)*cp.w], yc, a)
		}
	}
	cw, ch := (cp.w+1)/2, (cp.h+1)/2
	for j := range ch {
		a := op[2*j]
		if 2*j+1 < len(op) {
			a = (a + op[2*j+1] + 1) / 2
		}
		if a > 0 {
			lerp(cp.cb[j*cw:(j+1)*cw], cbc, a)
			lerp(cp.cr[j*cw:(j+1)*cw], crc, a)
		}
	}
}

// toRGBA converts the part r of the planes to dst.
func (cp *cardPlanes) toRGBA(dst *image.RGBA, r image.Rectangle) {
	ycbcrToRGBA(dst, cp.y, cp.cb, cp.cr, cp.w, r)
}

// ycbcrToRGBA converts the part r (its left edge even) of the card's
// planes (luma w wide, chroma at half resolution both ways, JFIF
// full-range) to dst's RGBA: each chroma sample's three terms are
// computed once for its two pixels of a row.
func ycbcrToRGBA(dst *image.RGBA, y, cb, cr []uint8, w int, r image.Rectangle) {
	cw := (w + 1) / 2
	for j := r.Min.Y; j < r.Max.Y; j++ {
		out := dst.Pix[j*dst.Stride : j*dst.Stride+4*r.Max.X]
		yr := y[j*w : j*w+r.Max.X]
		cbr, crr := cb[(j/2)*cw:(j/2+1)*cw], cr[(j/2)*cw:(j/2+1)*cw]
		for c := r.Min.X / 2; c < (r.Max.X+1)/2; c++ {
			b1, r1 := int32(cbr[c])-128, int32(crr[c])-128
			rc := 91881*r1 + 1<<15
			gc := -22554*b1 - 46802*r1 + 1<<15
			bc := 116130*b1 + 1<<15
			for i := 2 * c; i < min(2*c+2, r.Max.X); i++ {
				yy := int32(yr[i]) << 16
				v := uint32(clamp8((yy+rc)>>16)) | uint32(clamp8((yy+gc)>>16))<<8 | uint32(clamp8((yy+bc)>>16))<<16 | 0xff000000
				binary.LittleEndian.PutUint32(out[4*i:], v)
			}
		}
	}
}
