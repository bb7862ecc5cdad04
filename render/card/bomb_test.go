package card

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"runtime"
	"testing"

	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Generators of the red team's costly inputs (issue 16), built in the test
// so they take no room on disk. Each claims a 7071×7071 image (just under
// the old 50-megapixel cap) from a few bytes of real data plus padding.

// progressiveJPEG returns a progressive JPEG of w×h pixels with ncomp
// components (4 is CMYK), all blocks zero, padded with comment segments
// of pad bytes in all and scan bytes of entropy-coded data.
func progressiveJPEG(w, h, ncomp, pad, scan int) []byte {
	var b bytes.Buffer
	seg := func(marker byte, body []byte) {
		b.Write([]byte{0xff, marker})
		binary.Write(&b, binary.BigEndian, uint16(len(body)+2))
		b.Write(body)
	}
	b.Write([]byte{0xff, 0xd8}) // SOI
	for pad > 0 {
		n := min(pad, 65000)
		seg(0xfe, make([]byte, n)) // COM
		pad -= n
	}
	dqt := append([]byte{0}, bytes.Repeat([]byte{1}, 64)...)
	seg(0xdb, dqt)
	sof := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), byte(ncomp)}
	for i := range ncomp {
		sof = append(sof, byte(i+1), 0x11, 0)
	}
	seg(0xc2, sof) // SOF2: progressive
	// DC table 0: one code of length 1 for category 0.
	dht := append([]byte{0x00, 1}, make([]byte, 15)...)
	dht = append(dht, 0)
	seg(0xc4, dht)
	sos := []byte{byte(ncomp)}
	for i := range ncomp {
		sos = append(sos, byte(i+1), 0x00)
	}
	sos = append(sos, 0, 0, 0) // Ss=0, Se=0, Ah/Al=0: DC first scan
	seg(0xda, sos)
	b.Write(make([]byte, scan)) // zero bits: every DC difference is 0
	b.Write([]byte{0xff, 0xd9})
	return b.Bytes()
}

// interlacedPNG16 returns an Adam7-interlaced 16-bit RGBA PNG of w×h whose
// image data is pad bytes of stored (uncompressed) zlib.
func interlacedPNG16(w, h, pad int) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		c := crc32.NewIEEE()
		c.Write([]byte(typ))
		c.Write(data)
		binary.Write(&b, binary.BigEndian, c.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9], ihdr[12] = 16, 6, 1
	chunk("IHDR", ihdr)
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.NoCompression)
	zw.Write(make([]byte, pad))
	zw.Close()
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return b.Bytes()
}

// losslessWebP returns a lossless WebP of w×h pixels of one colour (every
// pixel costs zero bits) followed by a padding chunk of pad bytes.
func losslessWebP(w, h, pad int) []byte {
	var bits []byte
	var acc uint64
	n := 0
	put := func(v uint64, width int) {
		acc |= v << n
		n += width
		for n >= 8 {
			bits = append(bits, byte(acc))
			acc >>= 8
			n -= 8
		}
	}
	put(0x2f, 8)
	put(uint64(w-1), 14)
	put(uint64(h-1), 14)
	put(0, 1) // no alpha
	put(0, 3) // version
	put(0, 1) // no transform
	put(0, 1) // no colour cache
	put(0, 1) // no meta prefix codes
	for range 5 {
		put(1, 1) // simple code
		put(0, 1) // one symbol
		put(0, 1) // 1-bit symbol
		put(0, 1) // symbol 0
	}
	if n > 0 {
		bits = append(bits, byte(acc))
	}
	var body bytes.Buffer
	body.WriteString("WEBP")
	wchunk := func(typ string, data []byte) {
		body.WriteString(typ)
		binary.Write(&body, binary.LittleEndian, uint32(len(data)))
		body.Write(data)
		if len(data)%2 == 1 {
			body.WriteByte(0)
		}
	}
	wchunk("VP8L", bits)
	if pad > 0 {
		wchunk("PAD ", make([]byte, pad))
	}
	var b bytes.Buffer
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(body.Len()))
	b.Write(body.Bytes())
	return b.Bytes()
}

// allocated returns the bytes f allocates on the heap (all goroutines;
// the tests that use it do not run in parallel).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// The lead images the red team sent (issue 16, item 2) and variants that
// pass the pixel cap but not the memory budget: each is refused at once,
// with an error naming what is wrong, having allocated almost nothing.
// Before the limits, the same inputs allocated 953 MB, 715 MB, 387 MB and
// 311 MB (see BENCHMARKS.md).
func TestCostlyLeadImagesAreRefused(t *testing.T) {
	r, err := New(Theme{})
	require.NoError(t, err)
	a := sample.Article()
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"progressive CMYK JPEG 7071x7071", progressiveJPEG(7071, 7071, 4, 30000, 4096), "over the limit of 24000000 pixels"},
		{"progressive JPEG 7071x7071", progressiveJPEG(7071, 7071, 3, 30000, 4096), "over the limit"},
		{"interlaced 16-bit PNG 7071x7071", interlacedPNG16(7071, 7071, 30000), "interlaced 16-bit PNG is 7071x7071, over the limit"},
		{"lossless WebP 7071x7071 with padding", losslessWebP(7071, 7071, 30000), "over the limit"},
		{"progressive CMYK JPEG 4000x4000", progressiveJPEG(4000, 4000, 4, 0, 30000), "progressive CMYK JPEG needs about 305 MB to decode"},
		{"interlaced 16-bit PNG 4000x4000", interlacedPNG16(4000, 4000, 30000), "interlaced 16-bit PNG needs about 244 MB"},
		{"lossless WebP 4000x4000: padding is not data", losslessWebP(4000, 4000, 30000), "claims 4000x4000 pixels from 8 bytes of image data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			n := allocated(func() {
				_, _, err = r.Bytes(a, Options{Layout: LayoutPhoto, ImageData: tt.data})
			})
			require.ErrorIs(t, err, ErrImage)
			assert.Contains(t, err.Error(), tt.want)
			assert.Less(t, n, uint64(4<<20), "refusing allocated %d bytes", n)
		})
	}
}

// A progressive JPEG within the budget decodes, and its decoder's memory
// stays within the estimate the check made.
func TestLeadImageDecodeWithinBudget(t *testing.T) {
	data := progressiveJPEG(1000, 750, 3, 0, 4096)
	h, err := inspectImage(data)
	require.NoError(t, err)
	assert.Equal(t, "progressive JPEG", h.what)
	assert.EqualValues(t, 5*3*1000*750, h.decodeBytes)
	var img image.Image
	n := allocated(func() { img, err = decodeImage(data) })
	// The generated scan holds only DC coefficients for part of the image:
	// the decoder fails after allocating, which is what is measured.
	if err == nil {
		assert.Equal(t, 1000, img.Bounds().Dx())
	}
	assert.LessOrEqual(t, n, uint64(h.decodeBytes)+8<<20, "decoder allocated %d bytes, estimate %d", n, h.decodeBytes)
}

// A decoder panic is recovered and returned as an error: decodeImage runs
// inside the recover.
func TestDecoderPanicIsRecovered(t *testing.T) {
	r, err := New(Theme{})
	require.NoError(t, err)
	_, _, err = r.Bytes(sample.Article(), Options{Layout: LayoutPhoto, Image: panicImage{}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "card: cannot render with this input")
}

// panicImage is an image whose pixels cannot be read.
type panicImage struct{}

func (panicImage) ColorModel() color.Model { return color.RGBAModel }
func (panicImage) Bounds() image.Rectangle { return image.Rect(0, 0, 100, 100) }
func (panicImage) At(x, y int) color.Color { panic("broken decoder") }
