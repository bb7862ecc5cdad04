package card

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"testing"

	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testJPEG describes a baseline JPEG for makeTestJPEG to write: image/jpeg
// writes only 4:2:0 and greyscale, so the other samplings, restart
// intervals and odd layouts are written here, through the package's own
// block coder (jpeg.go) with image/jpeg's tables for the quality.
type testJPEG struct {
	h, v     int  // luma sampling factors (chroma is 1×1)
	gray     bool // one component
	restart  int  // restart interval in MCUs (0: none)
	quality  int
	adobeRGB bool // an Adobe APP14 segment saying the components are RGB
}

// makeTestJPEG encodes src as described by o.
func makeTestJPEG(t testing.TB, src image.Image, o testJPEG) []byte {
	t.Helper()
	if o.quality == 0 {
		o.quality = 85
	}
	if o.h == 0 {
		o.h, o.v = 1, 1
	}
	enc := new(encoder)
	tab, err := enc.tablesFor(o.quality)
	require.NoError(t, err)
	var dqt, dht []byte
	for i := 2; i+4 <= len(tab.header); {
		m := tab.header[i+1]
		n := int(binary.BigEndian.Uint16(tab.header[i+2:]))
		switch m {
		case 0xdb:
			dqt = append(dqt, tab.header[i:i+2+n]...)
		case 0xc4:
			dht = append(dht, tab.header[i:i+2+n]...)
		}
		i += 2 + n
	}
	b := src.Bounds()
	W, H := b.Dx(), b.Dy()
	nc := 3
	if o.gray {
		nc, o.h, o.v = 1, 1, 1
	}
	// Full-resolution planes, then chroma averaged over h×v.
	planes := make([][]float32, 3)
	for c := range planes {
		planes[c] = make([]float32, W*H)
	}
	for y := range H {
		for x := range W {
			r, g, bb, _ := src.At(b.Min.X+x, b.Min.Y+y).RGBA()
			yy, cb, cr := color.RGBToYCbCr(uint8(r>>8), uint8(g>>8), uint8(bb>>8))
			planes[0][y*W+x], planes[1][y*W+x], planes[2][y*W+x] = float32(yy), float32(cb), float32(cr)
		}
	}
	cw, ch := (W+o.h-1)/o.h, (H+o.v-1)/o.v
	chroma := make([][]float32, 2)
	for c := range chroma {
		chroma[c] = make([]float32, cw*ch)
		for y := range ch {
			for x := range cw {
				var s float32
				for dy := range o.v {
					for dx := range o.h {
						s += planes[c+1][min(y*o.v+dy, H-1)*W+min(x*o.h+dx, W-1)]
					}
				}
				chroma[c][y*cw+x] = s / float32(o.h*o.v)
			}
		}
	}
	e := &enc.jpeg
	block := func(p []float32, pw, ph, bx, by, comp int) {
		for y := range 8 {
			for x := range 8 {
				e.blk[y*8+x] = p[min(by*8+y, ph-1)*pw+min(bx*8+x, pw-1)] - 128
			}
		}
		e.block(tab, comp)
	}
	mcusX, mcusY := (W+8*o.h-1)/(8*o.h), (H+8*o.v-1)/(8*o.v)
	mcu, rst := 0, 0
	for my := range mcusY {
		for mx := range mcusX {
			if o.restart > 0 && mcu > 0 && mcu%o.restart == 0 {
				e.bw.flush()
				e.bw.acc, e.bw.nacc = 0, 0
				e.bw.out = append(e.bw.out, 0xff, byte(0xd0+rst%8))
				e.prev = [3]int32{}
				rst++
			}
			mcu++
			for v := range o.v {
				for h := range o.h {
					block(planes[0], W, H, mx*o.h+h, my*o.v+v, 0)
				}
			}
			if nc == 3 {
				block(chroma[0], cw, ch, mx, my, 1)
				block(chroma[1], cw, ch, mx, my, 2)
			}
		}
	}
	e.bw.flush()

	var out bytes.Buffer
	seg := func(m byte, body []byte) {
		out.Write([]byte{0xff, m})
		binary.Write(&out, binary.BigEndian, uint16(len(body)+2))
		out.Write(body)
	}
	out.Write([]byte{0xff, 0xd8})
	if o.adobeRGB {
		seg(0xee, []byte("Adobe\x00\x64\x00\x00\x00\x00\x00"))
	} else {
		seg(0xe0, []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"))
	}
	out.Write(dqt)
	sof := []byte{8, byte(H >> 8), byte(H), byte(W >> 8), byte(W), byte(nc), 1, byte(o.h<<4 | o.v), 0}
	sos := []byte{byte(nc), 1, 0x00}
	if nc == 3 {
		sof = append(sof, 2, 0x11, 1, 3, 0x11, 1)
		sos = append(sos, 2, 0x11, 3, 0x11)
	}
	seg(0xc0, sof)
	out.Write(dht)
	if o.restart > 0 {
		seg(0xdd, []byte{byte(o.restart >> 8), byte(o.restart)})
	}
	seg(0xda, append(sos, 0, 63, 0))
	out.Write(e.bw.out)
	out.Write([]byte{0xff, 0xd9})
	return out.Bytes()
}

// testPicture is a w×h test image with smooth gradients, a sine texture
// and hard edges.
func testPicture(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			fx, fy := float64(x)/float64(max(w, 1)), float64(y)/float64(max(h, 1))
			s := 0.5 + 0.5*math.Sin(float64(x)/5+float64(y)/9)
			c := color.RGBA{uint8(40 + 180*fx), uint8(60 + 120*fy*s), uint8(200 - 150*fx*fy), 255}
			if (x/13+y/11)%5 == 0 {
				c = color.RGBA{250, 230, 20, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// planeAt reads sample (x, y) of component c of our planes.
func planeAt(p *jpegPlanes, c, x, y int) uint8 {
	return p.pix[c][y*p.stride[c]+x]
}

// refAt reads sample (x, y) of component c (in that component's own
// resolution) of image/jpeg's decode.
func refAt(img image.Image, c, x, y int) uint8 {
	switch m := img.(type) {
	case *image.Gray:
		return m.Pix[y*m.Stride+x]
	case *image.YCbCr:
		switch c {
		case 0:
			return m.Y[y*m.YStride+x]
		case 1:
			return m.Cb[y*m.CStride+x]
		default:
			return m.Cr[y*m.CStride+x]
		}
	}
	panic(fmt.Sprintf("unexpected image type %T", img))
}

// At full scale (8/8) the decoder gives image/jpeg's samples, within the
// rounding of a different IDCT, for every sampling, sizes that are not a
// multiple of the block or MCU, and restart intervals.
func TestScaledDecoderMatchesImageJPEG(t *testing.T) {
	sizes := []image.Point{{1, 1}, {7, 9}, {16, 16}, {17, 33}, {100, 75}, {333, 211}}[:testCases(6, 4)]
	layouts := []struct {
		name string
		o    testJPEG
	}{
		{"4:4:4", testJPEG{h: 1, v: 1}},
		{"4:2:2", testJPEG{h: 2, v: 1}},
		{"4:4:0", testJPEG{h: 1, v: 2}},
		{"4:2:0", testJPEG{h: 2, v: 2}},
		{"greyscale", testJPEG{gray: true}},
		{"4:2:0 restart every MCU", testJPEG{h: 2, v: 2, restart: 1}},
		{"4:2:2 restart every 7 MCUs", testJPEG{h: 2, v: 1, restart: 7}},
		{"greyscale restart every 3", testJPEG{gray: true, restart: 3}},
		{"4:4:4 quality 100", testJPEG{quality: 100}},
		{"4:2:0 quality 20", testJPEG{h: 2, v: 2, quality: 20}},
	}
	var d jpegDecoder
	for _, l := range layouts {
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s %dx%d", l.name, sz.X, sz.Y), func(t *testing.T) {
				data := makeTestJPEG(t, testPicture(sz.X, sz.Y), l.o)
				ref, err := jpeg.Decode(bytes.NewReader(data))
				require.NoError(t, err, "image/jpeg")
				p, err := d.decode(data, func(int, int) int { return 8 })
				require.NoError(t, err)
				assert.Equal(t, sz, image.Pt(p.width, p.height))
				maxDiff, sum, n := 0, 0, 0
				for c := range p.comps {
					cw := (sz.X + p.subX[c] - 1) / p.subX[c]
					ch := (sz.Y + p.subY[c] - 1) / p.subY[c]
					for y := range ch {
						for x := range cw {
							diff := int(planeAt(p, c, x, y)) - int(refAt(ref, c, x, y))
							diff = max(diff, -diff)
							maxDiff = max(maxDiff, diff)
							sum += diff
							n++
						}
					}
				}
				assert.LessOrEqual(t, maxDiff, 2, "largest difference from image/jpeg")
				assert.LessOrEqual(t, sum, n/4+1, "total difference from image/jpeg over %d samples", n)
			})
		}
	}
}

// At M/8 the decoder's planes are a good downscale of the image: compared
// with image/jpeg's decode scaled to the same size by the tent resampler,
// luma PSNR stays high at every scale.
func TestScaledDecoderDownscales(t *testing.T) {
	for _, pic := range []struct {
		name string
		img  image.Image
		min  float64 // dB
	}{{"test picture (hard edges)", testPicture(400, 240), 31}, {"photo", photo(), 44}}[:testCases(2, 1)] {
		data := makeTestJPEG(t, pic.img, testJPEG{h: 2, v: 2})
		ref, err := jpeg.Decode(bytes.NewReader(data))
		require.NoError(t, err)
		yr := ref.(*image.YCbCr)
		W, H := ref.Bounds().Dx(), ref.Bounds().Dy()
		var d jpegDecoder
		var ps photoScratch
		for _, m := range []int{1, 2, 3, 4, 5, 6, 7} {
			p, err := d.decode(data, func(int, int) int { return m })
			require.NoError(t, err)
			w, h := p.scaledSize()
			want := make([]uint8, w*h)
			ps.resamplePlane(want, w, h, yr.Y, yr.YStride, W, H, 0, 0, float64(w)*8/float64(m), float64(h)*8/float64(m))
			var se float64
			for j := range h {
				for i := range w {
					diff := float64(planeAt(p, 0, i, j)) - float64(want[j*w+i])
					se += diff * diff
				}
			}
			got := 10 * math.Log10(255*255/(se/float64(w*h)))
			t.Logf("%s, scale %d/8: %dx%d, luma PSNR against image/jpeg + tent %.2f dB", pic.name, m, w, h, got)
			assert.Greater(t, got, pic.min, "%s, scale %d/8", pic.name, m)
		}
	}
}

// What the decoder leaves to image/jpeg is reported as errJPEGUnsupported,
// and a photo card from such a file still renders.
func TestScaledDecoderUnsupported(t *testing.T) {
	src := testPicture(64, 48)
	tests := []struct {
		name string
		data []byte
	}{
		{"progressive", progressiveJPEG(64, 48, 3, 0, 64)},
		{"CMYK", progressiveJPEG(64, 48, 4, 0, 64)},
		{"Adobe RGB components", makeTestJPEG(t, src, testJPEG{adobeRGB: true})},
		{"luma sampled 4x1", func() []byte {
			b := makeTestJPEG(t, src, testJPEG{h: 1, v: 1})
			return bytes.Replace(b, []byte{1, 0x11, 0, 2, 0x11, 1}, []byte{1, 0x41, 0, 2, 0x11, 1}, 1)
		}()},
		{"over-full Huffman table (image/jpeg reads it)", func() []byte {
			b := bytes.Clone(makeTestJPEG(t, src, testJPEG{}))
			b[bytes.Index(b, []byte{0xff, 0xc4})+5] = 3
			return b
		}()},
		{"12-bit", func() []byte {
			b := makeTestJPEG(t, src, testJPEG{})
			i := bytes.Index(b, []byte{0xff, 0xc0})
			b = bytes.Clone(b)
			b[i+4] = 12
			return b
		}()},
	}
	var d jpegDecoder
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := d.decode(tt.data, func(int, int) int { return 8 })
			assert.ErrorIs(t, err, errJPEGUnsupported)
		})
	}
}

// Malformed files are errors naming what is wrong, never panics.
func TestScaledDecoderMalformed(t *testing.T) {
	good := makeTestJPEG(t, testPicture(40, 30), testJPEG{h: 2, v: 2, restart: 2})
	sos := bytes.Index(good, []byte{0xff, 0xda})
	sof := bytes.Index(good, []byte{0xff, 0xc0})
	edit := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(good)) }
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "missing start-of-image"},
		{"not a JPEG", []byte("GIF89a"), "missing start-of-image"},
		{"cut in the header", good[:sof+5], "past the end"},
		{"cut in the scan", good[:sos+40], "cut short"},
		{"no end marker", good[:len(good)-2], "without an end-of-image"},
		{"segment length past the end", edit(func(b []byte) []byte { b[sof+2], b[sof+3] = 0xff, 0xff; return b }), "past the end"},
		{"scan before frame", append([]byte{0xff, 0xd8}, good[sos:]...), "scan before the frame header"},
		{"undefined component in scan", edit(func(b []byte) []byte { b[sos+5] = 9; return b }), "unknown component"},
		{"restart marker out of order", edit(func(b []byte) []byte {
			i := bytes.Index(b[sos:], []byte{0xff, 0xd0})
			b[sos+i+1] = 0xd3
			return b
		}), "restart marker"},
	}
	var d jpegDecoder
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := d.decode(tt.data, func(int, int) int { return 6 })
			require.Error(t, err)
			require.False(t, errors.Is(err, errJPEGUnsupported), "%v", err)
			assert.ErrorIs(t, err, ErrImage)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// The photo card from JPEG bytes (scaled decoder, planes cropped at 6/8)
// looks like the card from the same JPEG decoded by image/jpeg and
// resampled from RGBA (the path before the scaled decoder, still used
// for decoded images): PSNR over the whole card, text included.
func TestPhotoCardScaledMatchesDecoded(t *testing.T) {
	r, err := New(Theme{})
	require.NoError(t, err)
	a := sample.Article()
	pics := []struct {
		name string
		img  image.Image
		o    testJPEG
		size Size
		min  float64 // dB
	}{
		{"photo 1600x900 4:2:0 OpenGraph", photo(), testJPEG{h: 2, v: 2}, OpenGraph(), 45},
		{"photo 1600x900 4:4:4 XCard", photo(), testJPEG{}, XCard(), 40},
		{"photo 1600x900 greyscale square", photo(), testJPEG{gray: true}, Square(), 40},
		{"test picture 1000x700 4:2:2 OpenGraph", testPicture(1000, 700), testJPEG{h: 2, v: 1}, OpenGraph(), 30},
		{"test picture 333x211 (enlarged) 4:2:0", testPicture(333, 211), testJPEG{h: 2, v: 2, restart: 5}, OpenGraph(), 30},
	}
	if raceEnabled {
		pics = pics[4:] // the small enlarged picture
	}
	for _, pic := range pics {
		t.Run(pic.name, func(t *testing.T) {
			data := makeTestJPEG(t, pic.img, pic.o)
			dec, err := jpeg.Decode(bytes.NewReader(data))
			require.NoError(t, err)
			fast, _, err := r.Image(a, Options{Layout: LayoutPhoto, ImageData: data, Size: pic.size})
			require.NoError(t, err)
			// As RGBA: a YCbCr image would take the planes path too.
			slow, _, err := r.Image(a, Options{Layout: LayoutPhoto, Image: toRGBA(dec), Size: pic.size})
			require.NoError(t, err)
			got := psnr(slow, fast)
			t.Logf("PSNR %.2f dB", got)
			assert.Greater(t, got, pic.min)
		})
	}
}

// Decoding a lead image with the scaled decoder allocates no more than
// the header check estimated (and a reused scratch allocates nothing).
func TestScaledDecodeWithinBudget(t *testing.T) {
	data := makeTestJPEG(t, testPicture(1600, 900), testJPEG{h: 2, v: 2})
	h, err := checkImage(data)
	require.NoError(t, err)
	ps := new(photoScratch)
	var p *jpegPlanes
	n := allocated(func() { p, _, err = decodePhoto(data, OpenGraph(), FocalPoint{0.5, 0.5}, ps) })
	require.NoError(t, err)
	require.NotNil(t, p)
	assert.Equal(t, 6, p.scale)
	assert.LessOrEqual(t, n, uint64(h.decodeBytes), "first decode allocated %d bytes, estimate %d", n, h.decodeBytes)
	n = allocated(func() { _, _, err = decodePhoto(data, OpenGraph(), FocalPoint{0.5, 0.5}, ps) })
	require.NoError(t, err)
	assert.Less(t, n, uint64(64<<10), "second decode allocated %d bytes", n)
}

// flatJPEG returns a baseline 4:4:4 JPEG of w×h pixels whose every block
// is flat grey: one-bit codes for "DC unchanged" and "end of block", so
// each block costs two bits of the scan (scan bytes of them), after pad
// bytes of comment segments.
func flatJPEG(w, h, pad, scan int) []byte {
	var b bytes.Buffer
	seg := func(marker byte, body []byte) {
		b.Write([]byte{0xff, marker})
		binary.Write(&b, binary.BigEndian, uint16(len(body)+2))
		b.Write(body)
	}
	b.Write([]byte{0xff, 0xd8})
	for pad > 0 {
		n := min(pad, 65000)
		seg(0xfe, make([]byte, n))
		pad -= n
	}
	seg(0xdb, append([]byte{0}, bytes.Repeat([]byte{1}, 64)...))
	seg(0xc0, []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0})
	one := append([]byte{1}, make([]byte, 15)...)
	seg(0xc4, append(append([]byte{0x00}, one...), 0))    // DC: "0" → category 0
	seg(0xc4, append(append([]byte{0x10}, one...), 0x00)) // AC: "0" → end of block
	seg(0xda, []byte{3, 1, 0, 2, 0, 3, 0, 0, 63, 0})
	b.Write(make([]byte, scan))
	b.Write([]byte{0xff, 0xd9})
	return b.Bytes()
}

// Baseline JPEGs go through the scaled decoder, under the same limits as
// every lead image: over the pixel cap or claiming too many pixels per
// byte they are refused before decoding; a 24-megapixel one within the
// limits decodes at 2/8 for a 1200×630 card, allocating a sixteenth of
// what image/jpeg would.
func TestScaledDecoderBombs(t *testing.T) {
	r, err := New(Theme{})
	require.NoError(t, err)
	a := sample.Article()
	refused := []struct {
		name string
		data []byte
		want string
	}{
		{"baseline JPEG 7071x7071", flatJPEG(7071, 7071, 30000, 4096), "JPEG is 7071x7071, over the limit of 24000000 pixels"},
		{"baseline JPEG 4000x4000 from 4 KB", flatJPEG(4000, 4000, 30000, 4096), "claims 4000x4000 pixels from"},
		{"baseline JPEG 6000x4000, scan cut short", flatJPEG(6000, 4000, 0, 20000), "cut short"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			n := allocated(func() { _, _, err = r.Bytes(a, Options{Layout: LayoutPhoto, ImageData: tt.data}) })
			require.ErrorIs(t, err, ErrImage)
			assert.Contains(t, err.Error(), tt.want)
			assert.Less(t, n, uint64(8<<20), "refusing allocated %d bytes", n)
		})
	}
	t.Run("baseline JPEG 6000x4000 decodes at 2/8", func(t *testing.T) {
		data := flatJPEG(6000, 4000, 0, 750*500*3/4+16)
		var err error
		n := allocated(func() { _, _, err = r.Bytes(a, Options{Layout: LayoutPhoto, ImageData: data}) })
		require.NoError(t, err)
		assert.Less(t, n, uint64(16<<20), "allocated %d bytes: planes at 2/8 (4.5 MB), the card and its scratch; image/jpeg would need 72 MB", n)
	})
}

// FuzzDecode: the scaled decoder never panics, allocates at most its
// planes (three bytes a pixel, padded to blocks) plus a little, and
// decodes every file image/jpeg decodes, to the same size, unless it
// leaves the file to image/jpeg as unsupported (which covers breaches of
// T.81 that image/jpeg reads anyway, see notBaseline). (It is more lenient than image/jpeg about
// some malformed data after the scan, which the fuzzer finds; that is not
// checked.)
func FuzzDecode(f *testing.F) {
	for _, o := range []testJPEG{{h: 2, v: 2}, {h: 2, v: 1}, {h: 1, v: 2}, {}, {gray: true}, {h: 2, v: 2, restart: 1}, {gray: true, restart: 2}} {
		f.Add(makeTestJPEG(f, testPicture(21, 13), o))
	}
	f.Add(flatJPEG(24, 16, 0, 40))
	f.Add(progressiveJPEG(16, 16, 3, 0, 16))
	f.Fuzz(func(t *testing.T, data []byte) {
		var d jpegDecoder
		var p *jpegPlanes
		var err error
		m := 1 + len(data)%8
		pick := func(w, h int) int {
			if w*h > 1<<21 {
				return 1 // keep large claims cheap: the fuzzer's time is better spent elsewhere
			}
			return m
		}
		n := allocated(func() { p, err = d.decode(data, pick) })
		if limit := uint64(1<<20 + 3*(d.width+32)*(d.height+32)); n > limit {
			t.Fatalf("decoding a %dx%d image allocated %d bytes (limit %d)", d.width, d.height, n, limit)
		}
		if errors.Is(err, errJPEGUnsupported) {
			return
		}
		if err != nil && !errors.Is(err, ErrImage) {
			t.Fatalf("error %v does not wrap ErrImage", err)
		}
		if int64(d.width)*int64(d.height) > MaxImagePixels {
			if err == nil {
				t.Fatalf("decoded a %dx%d image, over the pixel limit", d.width, d.height)
			}
			return // image/jpeg would decode it: the limit is ours
		}
		if d.width*d.height > 1<<21 {
			return // image/jpeg would allocate the full image on every such input
		}
		ref, refErr := jpeg.Decode(bytes.NewReader(data))
		switch {
		case err != nil && refErr == nil:
			t.Fatalf("refused (%v); image/jpeg decodes %v", err, ref.Bounds())
		case err == nil && refErr == nil && ref.Bounds() != image.Rect(0, 0, p.width, p.height):
			t.Fatalf("size %dx%d; image/jpeg %v", p.width, p.height, ref.Bounds())
		}
	})
}

// idct5, idct6 and idct8 (the IDCTs written out) give exactly the
// table's result, for random blocks of every density.
func TestIDCTWrittenOutMatchesTable(t *testing.T) {
	for _, m := range []int{5, 6, 8} {
		t.Run(fmt.Sprint(m), func(t *testing.T) { testIDCTMatchesTable(t, m) })
	}
}

func testIDCTMatchesTable(t *testing.T, M int) {
	seed := uint32(7)
	rnd := func(n int32) int32 {
		seed = seed*1664525 + 1013904223
		return int32(seed>>8)%(2*n+1) - n
	}
	T := &idctTables[M]
	for i := range 2000 {
		var blk, tmp [64]int32
		umax, vmax := i%M, (i/M)%M
		for v := 0; v <= vmax; v++ {
			for u := 0; u <= umax; u++ {
				blk[v*8+u] = rnd(1200)
			}
		}
		want := make([]uint8, M*M)
		got := make([]uint8, M*M)
		half := (M + 1) / 2
		// The table version, written out here as idctScaled's generic path.
		for u := 0; u <= umax; u++ {
			for y := range half {
				var e, o int32
				for v := 0; v <= vmax; v += 2 {
					e += T[y*8+v] * blk[v*8+u]
				}
				for v := 1; v <= vmax; v += 2 {
					o += T[y*8+v] * blk[v*8+u]
				}
				tmp[y*8+u] = (e + o + 1<<10) >> 11
				tmp[(M-1-y)*8+u] = (e - o + 1<<10) >> 11
			}
		}
		for y := range M {
			for x := range M {
				var s int32
				for u := 0; u <= umax; u++ {
					s += T[x*8+u] * tmp[y*8+u]
				}
				want[y*M+x] = clamp8((s+1<<14)>>15 + 128)
			}
		}
		switch M {
		case 5:
			idct5(&blk, &tmp, umax, got, 5)
		case 6:
			idct6(&blk, &tmp, umax, got, 6)
		default:
			idct8(&blk, &tmp, umax, got, 8)
		}
		require.Equal(t, want, got, "block %d (umax %d, vmax %d)", i, umax, vmax)
	}
}

// A JPEG photo card keeps the picture's untouched tiles in planes (the
// lazy canvas): its file decodes to the same card as the fully converted
// image (Renderer.Image) encoded, for every sampling and card size, with
// logo, badges and text (tiles converted) and the picture between them
// (tiles from the planes).
func TestPhotoCardLazyTiles(t *testing.T) {
	r, err := New(Theme{})
	require.NoError(t, err)
	light, err := New(lightTheme())
	require.NoError(t, err)
	tests := []struct {
		name string
		r    *Renderer
		o    testJPEG
		size Size
	}{
		{"4:2:0 OpenGraph", r, testJPEG{h: 2, v: 2}, OpenGraph()},
		{"4:4:4 XCard, logo", light, testJPEG{}, XCard()},
		{"greyscale 301x157", r, testJPEG{gray: true}, Size{301, 157}},
		{"4:2:2 square", r, testJPEG{h: 2, v: 1}, Square()},
	}
	if raceEnabled {
		tests = tests[2:3] // the small greyscale card
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := makeTestJPEG(t, noisyPhoto(), tt.o)
			o := Options{Layout: LayoutPhoto, ImageData: data, Size: tt.size}
			b, _, err := tt.r.Bytes(sample.Article(), o)
			require.NoError(t, err)
			lazy, err := jpeg.Decode(bytes.NewReader(b))
			require.NoError(t, err)
			full, _, err := tt.r.Image(sample.Article(), o)
			require.NoError(t, err)
			var fb bytes.Buffer
			require.NoError(t, new(encoder).writeJPEG(&fb, full, 85, nil))
			want, err := jpeg.Decode(bytes.NewReader(fb.Bytes()))
			require.NoError(t, err)
			got := psnr(toRGBA(want), lazy)
			t.Logf("PSNR against the converted card, encoded: %.2f dB", got)
			assert.Greater(t, got, 40.0)
		})
	}
}

// A decoded YCbCr lead image (what image/jpeg returns) takes the planes
// path at full scale: the card matches the one drawn from the same image
// converted to RGBA.
func TestPhotoCardFromYCbCr(t *testing.T) {
	r, err := New(Theme{})
	require.NoError(t, err)
	a := sample.Article()
	layouts := []testJPEG{{h: 2, v: 2}, {h: 2, v: 1}, {}, {h: 1, v: 2}}
	if raceEnabled {
		layouts = layouts[:1] // the rest check arithmetic, not concurrency
	}
	for _, o := range layouts {
		dec, err := jpeg.Decode(bytes.NewReader(makeTestJPEG(t, photo(), o)))
		require.NoError(t, err)
		yc := dec.(*image.YCbCr)
		// A sub-image, so the planes start inside the buffers.
		sub := yc.SubImage(image.Rect(100, 50, 1500, 850)).(*image.YCbCr)
		require.NotNil(t, ycbcrPlanes(sub), "%v", sub.SubsampleRatio)
		fast, _, err := r.Image(a, Options{Layout: LayoutPhoto, Image: sub})
		require.NoError(t, err)
		slow, _, err := r.Image(a, Options{Layout: LayoutPhoto, Image: toRGBA(sub)})
		require.NoError(t, err)
		got := psnr(slow, fast)
		t.Logf("%v: PSNR %.2f dB", sub.SubsampleRatio, got)
		assert.Greater(t, got, 44.0, "%v", sub.SubsampleRatio)
	}
}

// testCases returns all, or fewer under the race detector.
func testCases(all, underRace int) int {
	if raceEnabled {
		return underRace
	}
	return all
}
