package card

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"sync"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/segmenter"
	"github.com/go-text/typesetting/shaping"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/vector"
)

// aaLevels is the number of anti-aliasing steps glyph and shape edges are
// quantised to. Sixteen steps look the same as 256 at normal viewing (and
// at 4× zoom), and they keep a text card within a 256-colour palette, so
// it can be written as an exact paletted PNG.
const aaLevels = 16

// subpixels is the number of horizontal glyph positions per pixel.
const subpixels = 4

// glyphCacheBudget bounds the shared glyph cache; when it is exceeded the
// cache is emptied and refilled by the next cards.
const glyphCacheBudget = 16 << 20

// state is one goroutine's shaping and rasterising scratch. States are
// pooled per Renderer; a state is used by one render at a time.
type state struct {
	shaper    shaping.HarfbuzzShaper
	seg       shaping.Segmenter
	wrapper   shaping.LineWrapper
	graphemes segmenter.Segmenter
	faces     map[*Font]*font.Face
	faceOf    []int
	rast      vector.Rasterizer
	alpha     image.Alpha
}

func newState() *state {
	return &state{faces: make(map[*Font]*font.Face)}
}

type glyphKey struct {
	font *Font
	gid  font.GID
	px   int32
	subx uint8
}

// glyphImage is a rendered glyph: a quantised coverage mask (outline
// glyphs) or a premultiplied colour image (bitmap emoji), with its offset
// from the pen position (x) and the baseline (y).
type glyphImage struct {
	dx, dy int
	mask   *image.Alpha
	color  *image.RGBA
}

func (g *glyphImage) bytes() int {
	n := 64
	if g == nil {
		return n
	}
	if g.mask != nil {
		n += len(g.mask.Pix)
	}
	if g.color != nil {
		n += len(g.color.Pix)
	}
	return n
}

// glyphCache holds rendered glyphs shared by every goroutine of a Renderer.
// It is safe for concurrent use.
type glyphCache struct {
	mu    sync.RWMutex
	m     map[glyphKey]*glyphImage
	bytes int
}

func (c *glyphCache) get(k glyphKey) (*glyphImage, bool) {
	c.mu.RLock()
	g, ok := c.m[k]
	c.mu.RUnlock()
	return g, ok
}

func (c *glyphCache) put(k glyphKey, g *glyphImage) {
	c.mu.Lock()
	if c.m == nil || c.bytes > glyphCacheBudget {
		c.m, c.bytes = make(map[glyphKey]*glyphImage), 0
	}
	if _, ok := c.m[k]; !ok {
		c.m[k] = g
		c.bytes += g.bytes()
	}
	c.mu.Unlock()
}

// glyph returns the rendered glyph gid of f at px pixels and sub-pixel
// offset subx/subpixels; nil if the glyph has no ink.
func (st *state) glyph(cache *glyphCache, f *Font, gid font.GID, px int, subx uint8) *glyphImage {
	k := glyphKey{f, gid, int32(px), subx}
	if g, ok := cache.get(k); ok {
		return g
	}
	g := st.renderGlyph(f, gid, px, subx)
	cache.put(k, g)
	return g
}

func (st *state) renderGlyph(f *Font, gid font.GID, px int, subx uint8) *glyphImage {
	face := st.face(f)
	if f.color {
		if bm, ok := face.GlyphDataBitmap(gid); ok {
			if g := bitmapGlyph(face, gid, bm, px); g != nil {
				return g
			}
		}
	}
	out, ok := face.GlyphDataOutline(gid)
	if !ok || len(out.Segments) == 0 {
		return nil
	}
	scale := float32(px) / float32(f.f.Upem())
	ox := float32(subx) / subpixels
	minX, minY := float32(math.Inf(1)), float32(math.Inf(1))
	maxX, maxY := float32(math.Inf(-1)), float32(math.Inf(-1))
	for _, s := range out.Segments {
		for _, a := range s.ArgsSlice() {
			x, y := a.X*scale+ox, -a.Y*scale
			minX, maxX = min(minX, x), max(maxX, x)
			minY, maxY = min(minY, y), max(maxY, y)
		}
	}
	x0, y0 := int(math.Floor(float64(minX))), int(math.Floor(float64(minY)))
	x1, y1 := int(math.Ceil(float64(maxX))), int(math.Ceil(float64(maxY)))
	w, h := x1-x0, y1-y0
	// A real glyph's ink is a few ems at most; a malformed font can claim
	// outlines far larger, which would cost memory, not pixels on the card.
	if limit := 8*px + 64; w <= 0 || h <= 0 || w > limit || h > limit {
		return nil
	}
	r := &st.rast
	r.Reset(w, h)
	tx, ty := ox-float32(x0), -float32(y0)
	for i, s := range out.Segments {
		a := s.Args
		switch s.Op {
		case ot.SegmentOpMoveTo:
			if i > 0 {
				r.ClosePath()
			}
			r.MoveTo(a[0].X*scale+tx, -a[0].Y*scale+ty)
		case ot.SegmentOpLineTo:
			r.LineTo(a[0].X*scale+tx, -a[0].Y*scale+ty)
		case ot.SegmentOpQuadTo:
			r.QuadTo(a[0].X*scale+tx, -a[0].Y*scale+ty, a[1].X*scale+tx, -a[1].Y*scale+ty)
		case ot.SegmentOpCubeTo:
			r.CubeTo(a[0].X*scale+tx, -a[0].Y*scale+ty, a[1].X*scale+tx, -a[1].Y*scale+ty, a[2].X*scale+tx, -a[2].Y*scale+ty)
		}
	}
	r.ClosePath()
	m := image.NewAlpha(image.Rect(0, 0, w, h))
	r.Draw(m, m.Bounds(), image.Opaque, image.Point{})
	quantise(m.Pix)
	return &glyphImage{dx: x0, dy: y0, mask: m}
}

// quantise rounds coverage to aaLevels steps.
func quantise(pix []uint8) {
	for i, a := range pix {
		pix[i] = quant[a]
	}
}

var quant = func() (t [256]uint8) {
	for a := range t {
		step := (a*(aaLevels-1) + 127) / 255
		t[a] = uint8(step * 255 / (aaLevels - 1))
	}
	return t
}()

// bitmapGlyph decodes a PNG colour glyph (CBDT/sbix emoji) and scales it
// to the text size, keeping it on the baseline the font's metrics give.
func bitmapGlyph(face *font.Face, gid font.GID, bm font.GlyphBitmap, px int) *glyphImage {
	if bm.Format != font.PNG || len(bm.Data) == 0 {
		return nil
	}
	// Check the claimed size first: the PNG comes from the font file.
	cfg, err := png.DecodeConfig(bytes.NewReader(bm.Data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > 1024 || cfg.Height > 1024 {
		return nil
	}
	src, err := png.Decode(bytes.NewReader(bm.Data))
	if err != nil {
		return nil
	}
	ext, ok := face.GlyphExtents(gid)
	upem := float64(face.Upem())
	scale := float64(px) / upem
	var dx, dy, w, h int
	if ok && ext.Width > 0 && ext.Height < 0 {
		dx = int(math.Round(float64(ext.XBearing) * scale))
		dy = int(math.Round(-float64(ext.YBearing) * scale))
		w = int(math.Round(float64(ext.Width) * scale))
		h = int(math.Round(-float64(ext.Height) * scale))
	} else {
		// No metrics: fit the bitmap's height to the em, sitting on a
		// baseline at 80% of it.
		h = px
		w = int(math.Round(float64(px) * float64(bm.Width) / float64(max(bm.Height, 1))))
		dy = -int(math.Round(float64(px) * 0.8))
	}
	if limit := 8*px + 64; w <= 0 || h <= 0 || w > limit || h > limit {
		return nil
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), xdraw.Src, nil)
	return &glyphImage{dx: dx, dy: dy, color: dst}
}

// canvas is the card being drawn: an opaque RGBA image.
type canvas struct {
	img *image.RGBA
	// lazy, when set, holds the picture of tiles not yet on img: every
	// drawing method converts the tiles it touches first.
	lazy *cardPlanes
	// skip, set only by tests of layout, leaves the pixels undrawn.
	skip bool
}

// fill paints r with c (alpha-blended when c is translucent).
func (c *canvas) fill(r image.Rectangle, col color.RGBA) {
	if c.skip {
		return
	}
	r = r.Intersect(c.img.Rect)
	if r.Empty() {
		return
	}
	if c.lazy != nil {
		c.lazy.ensure(c.img, r)
	}
	pix, stride := c.img.Pix, c.img.Stride
	if col.A == 0xff {
		row := pix[r.Min.Y*stride+r.Min.X*4 : r.Min.Y*stride+r.Max.X*4]
		for i := 0; i < len(row); i += 4 {
			row[i], row[i+1], row[i+2], row[i+3] = col.R, col.G, col.B, 0xff
		}
		for y := r.Min.Y + 1; y < r.Max.Y; y++ {
			copy(pix[y*stride+r.Min.X*4:], row)
		}
		return
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := pix[y*stride+r.Min.X*4 : y*stride+r.Max.X*4]
		for i := 0; i < len(row); i += 4 {
			blend(row[i:i+4:i+4], col, col.A)
		}
	}
}

// blend composites the straight-alpha colour col at coverage a over the
// opaque pixel p.
func blend(p []uint8, col color.RGBA, a uint8) {
	if a == 0 {
		return
	}
	if col.A != 0xff {
		a = uint8(div255(uint32(a) * uint32(col.A)))
	}
	if a == 0xff {
		p[0], p[1], p[2] = col.R, col.G, col.B
		return
	}
	ia := 255 - uint32(a)
	aa := uint32(a)
	p[0] = uint8(div255(uint32(col.R)*aa + uint32(p[0])*ia))
	p[1] = uint8(div255(uint32(col.G)*aa + uint32(p[1])*ia))
	p[2] = uint8(div255(uint32(col.B)*aa + uint32(p[2])*ia))
}

// div255 divides by 255, rounding to nearest, for v ≤ 255*255.
func div255(v uint32) uint32 {
	v += 128
	return (v + v>>8) >> 8
}

// mask paints col through the coverage mask m placed with its top-left at
// (x, y), clipped to clip.
func (c *canvas) mask(m *image.Alpha, x, y int, col color.RGBA, clip image.Rectangle) {
	if c.skip {
		return
	}
	r := m.Rect.Add(image.Pt(x, y)).Intersect(clip).Intersect(c.img.Rect)
	if r.Empty() {
		return
	}
	if c.lazy != nil {
		c.lazy.ensure(c.img, r)
	}
	for py := r.Min.Y; py < r.Max.Y; py++ {
		mrow := m.Pix[(py-y)*m.Stride+(r.Min.X-x) : (py-y)*m.Stride+(r.Max.X-x)]
		drow := c.img.Pix[py*c.img.Stride+r.Min.X*4:]
		for i, a := range mrow {
			if a != 0 {
				blend(drow[i*4:i*4+4:i*4+4], col, a)
			}
		}
	}
}

// image composites the premultiplied RGBA src with its top-left at (x, y),
// clipped to clip.
func (c *canvas) image(src *image.RGBA, x, y int, clip image.Rectangle) {
	r := src.Rect.Sub(src.Rect.Min).Add(image.Pt(x, y)).Intersect(clip).Intersect(c.img.Rect)
	if r.Empty() {
		return
	}
	if c.lazy != nil {
		c.lazy.ensure(c.img, r)
	}
	for py := r.Min.Y; py < r.Max.Y; py++ {
		so := src.PixOffset(src.Rect.Min.X+r.Min.X-x, src.Rect.Min.Y+py-y)
		srow := src.Pix[so : so+r.Dx()*4]
		drow := c.img.Pix[py*c.img.Stride+r.Min.X*4:]
		for i := 0; i < len(srow); i += 4 {
			sa := uint32(srow[i+3])
			switch sa {
			case 0:
				continue
			case 0xff:
				drow[i], drow[i+1], drow[i+2] = srow[i], srow[i+1], srow[i+2]
			default:
				ia := 255 - sa
				drow[i] = uint8(min(255, uint32(srow[i])+div255(uint32(drow[i])*ia)))
				drow[i+1] = uint8(min(255, uint32(srow[i+1])+div255(uint32(drow[i+1])*ia)))
				drow[i+2] = uint8(min(255, uint32(srow[i+2])+div255(uint32(drow[i+2])*ia)))
			}
		}
	}
}

// roundRect fills r with corner radius rad, anti-aliased (quantised).
func (c *canvas) roundRect(st *state, r image.Rectangle, rad float64, col color.RGBA) {
	if c.skip {
		return
	}
	if rad <= 0 {
		c.fill(r, col)
		return
	}
	// Only the part on the card is rasterised: a malformed font can make a
	// badge absurdly wide, and its mask would cost w×h bytes.
	r = r.Intersect(c.img.Rect)
	w, h := r.Dx(), r.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	rad = min(rad, float64(w)/2, float64(h)/2)
	rs := &st.rast
	rs.Reset(w, h)
	fw, fh, fr := float32(w), float32(h), float32(rad)
	k := fr * 0.44771525 // 1 - 0.55228475: cubic circle approximation
	rs.MoveTo(fr, 0)
	rs.LineTo(fw-fr, 0)
	rs.CubeTo(fw-k, 0, fw, k, fw, fr)
	rs.LineTo(fw, fh-fr)
	rs.CubeTo(fw, fh-k, fw-k, fh, fw-fr, fh)
	rs.LineTo(fr, fh)
	rs.CubeTo(k, fh, 0, fh-k, 0, fh-fr)
	rs.LineTo(0, fr)
	rs.CubeTo(0, k, k, 0, fr, 0)
	rs.ClosePath()
	m := &st.alpha
	if cap(m.Pix) < w*h {
		m.Pix = make([]uint8, w*h)
	}
	m.Pix, m.Stride, m.Rect = m.Pix[:w*h], w, image.Rect(0, 0, w, h)
	clear(m.Pix)
	rs.Draw(m, m.Rect, image.Opaque, image.Point{})
	quantise(m.Pix)
	c.mask(m, r.Min.X, r.Min.Y, col, c.img.Rect)
}
