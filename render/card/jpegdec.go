package card

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// A baseline JPEG decoder (ITU-T T.81: sequential DCT, Huffman coding,
// 8-bit samples) that decodes straight to planes at M/8 of the image's
// size, M from 1 to 8. Each 8×8 block's coefficients go through an M×M
// inverse DCT that keeps only the M×M lowest frequencies (the continuous
// reconstruction of the block, band-limited to what M samples can hold,
// sampled at M points), so a 1600×900 photograph decodes directly at
// 1200×675 for a 1200×630 card: no full-size image, no full-size colour
// conversion, and a quarter fewer IDCT outputs. Chroma stays at its own
// resolution. It reads what newsroom photographs are: one interleaved
// scan of 1 or 3 components, luma sampled 1×1, 2×1, 1×2 or 2×2 against
// 1×1 chroma, restart intervals. Anything else (progressive, arithmetic
// coding, 12-bit, CMYK, RGB, other sampling, several scans) is reported
// as errJPEGUnsupported and the caller falls back to image/jpeg.
//
// Every length, table and code is checked: a malformed file is an error,
// never a panic or a read outside data, and the planes are allocated only
// after the frame header's size has been checked against the package's
// limits.

// errJPEGUnsupported is returned for JPEG variants the scaled decoder does
// not handle; callers decode those with image/jpeg instead.
var errJPEGUnsupported = errors.New("card: JPEG variant not handled by the scaled decoder")

// notBaseline ends the errors for what T.81 does not allow in an 8-bit
// sequential image: Huffman tables whose code lengths do not fit
// (Annex C), DC differences above category 11, AC coefficients above
// size 10 or past the 63rd, and run/size symbols other than end-of-block
// and the 16-zero run with size 0 (F.1.2). image/jpeg reads some of these
// anyway (the symbols as progressive end-of-band runs), so these errors
// wrap errJPEGUnsupported: the card falls back to image/jpeg, and a file
// that made a card before still makes one.
const notBaseline = "not allowed in a baseline JPEG"

// notBaselineErr returns such an error.
func notBaselineErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s %s", errJPEGUnsupported, fmt.Sprintf(format, args...), notBaseline)
}

// huffLookup is the number of bits the fast Huffman table resolves.
const huffLookup = 10

// jpegHuff is one decoding table (T.81 Annex C and F.2.2.3).
type jpegHuff struct {
	lut [1 << huffLookup]uint16 // length<<8 | value for codes ≤ huffLookup bits; 0 otherwise
	// fast resolves an AC code and its extra bits together when both fit
	// in huffLookup bits: coefficient<<16 | run<<8 | bits used; 0 when
	// they do not fit (or the symbol has no coefficient).
	fast    [1 << huffLookup]int32
	maxCode [17]int32 // the largest code of each length, -1 if none
	valPtr  [17]int32 // vals index of a length's code 0 (may be negative)
	vals    [256]uint8
	n       int32
	defined bool
}

// build fills h from a DHT table's 16 counts and its values.
func (h *jpegHuff) build(counts []byte, vals []byte) error {
	*h = jpegHuff{n: int32(len(vals)), defined: true}
	copy(h.vals[:], vals)
	code, k := int32(0), int32(0)
	for l := 1; l <= 16; l++ {
		c := int32(counts[l-1])
		h.maxCode[l] = -1
		if c > 0 {
			h.valPtr[l] = k - code
			for range c {
				if code >= 1<<l {
					return notBaselineErr("a Huffman table with more codes than fit their lengths is")
				}
				if l <= huffLookup {
					shift := huffLookup - l
					base := code << shift
					for s := range int32(1) << shift {
						h.lut[base|s] = uint16(l)<<8 | uint16(h.vals[k])
					}
				}
				code++
				k++
			}
			h.maxCode[l] = code - 1
		}
		code <<= 1
	}
	for i, v := range h.lut {
		l, rs := int(v>>8), int(v&0xff)
		r, sz := rs>>4, rs&15
		if v == 0 || sz == 0 || l+sz > huffLookup {
			continue
		}
		bits := int32(i>>(huffLookup-l-sz)) & (1<<sz - 1)
		if bits < 1<<(sz-1) {
			bits += -1<<sz + 1
		}
		h.fast[i] = bits<<16 | int32(r<<8) | int32(l+sz)
	}
	return nil
}

// jpegComp is one colour component of the frame.
type jpegComp struct {
	id     uint8
	h, v   int // sampling factors
	tq     uint8
	td, ta uint8 // DC and AC table of the scan
	pred   int32
	q      [64]int32 // the quantisation table (zigzag order) at the scan's start
	plane  []uint8
	stride int
}

// jpegPlanes is a decoded image at M/8 of its size: planes of luma (and
// chroma at its own sampling), each padded to whole blocks.
type jpegPlanes struct {
	width, height int // the full image's size
	scale         int // M: the planes hold M samples per 8 of the image
	comps         int // 1 (greyscale) or 3 (YCbCr)
	// sub is each component's subsampling against luma (1 or 2 per axis).
	subX, subY [3]int
	pix        [3][]uint8
	stride     [3]int
	rows       [3]int // rows of each plane (padded)
}

// scaledSize is the size of the image at the planes' scale, in luma
// samples.
func (p *jpegPlanes) scaledSize() (int, int) {
	return (p.width*p.scale + 7) / 8, (p.height*p.scale + 7) / 8
}

// jpegDecoder holds one decode's state and its reusable buffers.
type jpegDecoder struct {
	data   []byte
	pos    int  // the next byte of entropy-coded data (the bit buffer is scan's)
	zeros  uint // padding bits at the bottom of the bit buffer (past a marker or the end)
	marker bool // the entropy-coded data ended at a marker (or the end)

	q       [4][64]int32   // zigzag order
	huff    [2][4]jpegHuff // [class][id]: class 0 DC, 1 AC
	comps   [3]jpegComp
	nc      int
	width   int
	height  int
	ri      int // restart interval in MCUs, 0 for none
	jfif    bool
	adobe   bool
	adobeTx uint8
	sof     bool
	buf     []uint8 // backing store of the planes, reused
}

func jpegErr(format string, args ...any) error {
	return fmt.Errorf("%w: JPEG: %s", ErrImage, fmt.Sprintf(format, args...))
}

// u16 reads a big-endian 16-bit value at i (the caller checked bounds).
func (d *jpegDecoder) u16(i int) int { return int(binary.BigEndian.Uint16(d.data[i:])) }

// decode decodes data at the scale chosen by pick, given the image's size
// (pick returns M in 1..8). It returns errJPEGUnsupported for variants it
// does not handle, else an error wrapping ErrImage for a malformed file.
// The planes share d's buffer: they are valid until d decodes again.
func (d *jpegDecoder) decode(data []byte, pick func(w, h int) int) (*jpegPlanes, error) {
	buf := d.buf
	*d = jpegDecoder{data: data, buf: buf}
	if len(data) < 4 || data[0] != 0xff || data[1] != 0xd8 {
		return nil, jpegErr("missing start-of-image marker")
	}
	i := 2
	for {
		// Markers may be preceded by fill bytes (0xff).
		if i+1 >= len(data) {
			return nil, jpegErr("file ends before the scan")
		}
		if data[i] != 0xff {
			i++ // extraneous bytes between segments: skipped, as libjpeg does
			continue
		}
		m := data[i+1]
		if m == 0xff {
			i++
			continue
		}
		i += 2
		switch markerKind(m) {
		case markerSkip:
			continue
		case markerBad:
			return nil, jpegErr("unexpected marker %#02x at byte %d", m, i-2)
		case markerUnknown:
			return nil, errJPEGUnsupported
		}
		if m == 0xd9 {
			return nil, jpegErr("end-of-image marker before any scan")
		}
		if i+2 > len(data) {
			return nil, jpegErr("segment length past the end of the file")
		}
		n := d.u16(i)
		if n < 2 || i+n > len(data) {
			return nil, jpegErr("segment %#02x at byte %d has length %d, past the end of the file", m, i-2, n)
		}
		seg := data[i+2 : i+n]
		var err error
		switch {
		case m == 0xdb:
			err = d.readDQT(seg)
		case m == 0xc4:
			err = d.readDHT(seg)
		case m == 0xdd:
			if len(seg) != 2 {
				return nil, jpegErr("DRI segment has length %d, want 4", n)
			}
			d.ri = int(binary.BigEndian.Uint16(seg))
		case m == 0xe0:
			if len(seg) >= 5 && string(seg[:5]) == "JFIF\x00" {
				d.jfif = true
			}
		case m == 0xee:
			if len(seg) >= 12 && string(seg[:5]) == "Adobe" {
				d.adobe, d.adobeTx = true, seg[11]
			}
		case m == 0xc0 || m == 0xc1:
			err = d.readSOF(seg)
		case m >= 0xc2 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc:
			return nil, errJPEGUnsupported // progressive, lossless, arithmetic
		case m == 0xda:
			if !d.sof {
				return nil, jpegErr("scan before the frame header")
			}
			d.pos = i + n
			p, err := d.readScan(seg, pick)
			if err != nil {
				return nil, err
			}
			return p, d.afterScan(i + n)
		}
		if err != nil {
			return nil, err
		}
		i += n
	}
}

func (d *jpegDecoder) readDQT(seg []byte) error {
	for len(seg) > 0 {
		pq, tq := seg[0]>>4, seg[0]&15
		if tq > 3 || pq > 1 {
			return jpegErr("bad quantisation table %d (precision %d)", tq, pq)
		}
		need := 1 + 64*(1+int(pq))
		if len(seg) == 1 {
			break // a table header with no table: ignored, as image/jpeg does
		}
		if len(seg) < need {
			return jpegErr("quantisation table %d is cut short", tq)
		}
		for k := range 64 {
			if pq == 0 {
				d.q[tq][k] = int32(seg[1+k])
			} else {
				d.q[tq][k] = int32(binary.BigEndian.Uint16(seg[1+2*k:]))
			}
		}
		seg = seg[need:]
	}
	return nil
}

func (d *jpegDecoder) readDHT(seg []byte) error {
	for len(seg) > 0 {
		if len(seg) < 17 {
			return jpegErr("Huffman table header is cut short")
		}
		class, id := seg[0]>>4, seg[0]&15
		if class > 1 || id > 3 {
			return jpegErr("bad Huffman table class %d id %d", class, id)
		}
		total := 0
		for _, c := range seg[1:17] {
			total += int(c)
		}
		if total == 0 || total > 256 || len(seg) < 17+total {
			return jpegErr("Huffman table %d/%d has %d values in a %d-byte segment", class, id, total, len(seg))
		}
		if err := d.huff[class][id].build(seg[1:17], seg[17:17+total]); err != nil {
			return err
		}
		seg = seg[17+total:]
	}
	return nil
}

func (d *jpegDecoder) readSOF(seg []byte) error {
	if d.sof {
		return jpegErr("more than one frame header")
	}
	if len(seg) < 6 {
		return jpegErr("frame header is cut short")
	}
	if seg[0] != 8 {
		return errJPEGUnsupported // 12-bit
	}
	d.height, d.width = int(binary.BigEndian.Uint16(seg[1:])), int(binary.BigEndian.Uint16(seg[3:]))
	nc := int(seg[5])
	if len(seg) != 6+3*nc {
		return jpegErr("frame header has length %d for %d components", len(seg)+2, nc)
	}
	if nc != 1 && nc != 3 {
		return errJPEGUnsupported // CMYK and others
	}
	if d.width == 0 || d.height == 0 {
		return errJPEGUnsupported // height from a DNL marker
	}
	d.nc = nc
	for c := range nc {
		b := seg[6+3*c:]
		comp := &d.comps[c]
		comp.id, comp.h, comp.v, comp.tq = b[0], int(b[1]>>4), int(b[1]&15), b[2]
		if comp.h < 1 || comp.h > 4 || comp.v < 1 || comp.v > 4 || comp.tq > 3 {
			return jpegErr("component %d has sampling %dx%d, table %d", c, comp.h, comp.v, comp.tq)
		}
		for j := range c {
			if d.comps[j].id == comp.id {
				return jpegErr("component id %d repeated", comp.id)
			}
		}
	}
	if nc == 1 {
		d.comps[0].h, d.comps[0].v = 1, 1 // one component: each MCU is one block
	} else {
		y, cb, cr := d.comps[0], d.comps[1], d.comps[2]
		if cb.h != 1 || cb.v != 1 || cr.h != 1 || cr.v != 1 || y.h > 2 || y.v > 2 {
			return errJPEGUnsupported
		}
		rgb := false
		switch {
		case d.jfif:
		case d.adobe:
			rgb = d.adobeTx == 0
		default:
			rgb = y.id == 'R' && cb.id == 'G' && cr.id == 'B'
		}
		if rgb {
			return errJPEGUnsupported
		}
	}
	d.sof = true
	return nil
}

// readScan reads the SOS header, allocates the planes and decodes the
// entropy-coded data that follows.
func (d *jpegDecoder) readScan(seg []byte, pick func(w, h int) int) (*jpegPlanes, error) {
	if len(seg) < 1 {
		return nil, jpegErr("scan header is cut short")
	}
	ns := int(seg[0])
	if len(seg) != 4+2*ns {
		return nil, jpegErr("scan header has length %d for %d components", len(seg)+2, ns)
	}
	if ns != d.nc {
		return nil, errJPEGUnsupported // one component per scan
	}
	order := make([]*jpegComp, 0, 3)
	for s := range ns {
		id, tables := seg[1+2*s], seg[2+2*s]
		var c *jpegComp
		for j := range d.nc {
			if d.comps[j].id == id {
				c = &d.comps[j]
			}
		}
		if c == nil {
			return nil, jpegErr("scan names unknown component %d", id)
		}
		for _, o := range order {
			if o == c {
				return nil, jpegErr("scan names component %d twice", id)
			}
		}
		c.td, c.ta = tables>>4, tables&15
		if c.td > 3 || c.ta > 3 || !d.huff[0][c.td].defined || !d.huff[1][c.ta].defined {
			return nil, jpegErr("component %d uses an undefined Huffman table", id)
		}
		// An undefined quantisation table is all zeros (a grey image), as
		// image/jpeg reads it.
		c.q = d.q[c.tq]
		c.pred = 0
		order = append(order, c)
	}
	// Ss, Se, Ah and Al are fixed (0, 63, 0, 0) in a sequential scan;
	// like libjpeg and image/jpeg, other values are not an error.

	pixels := int64(d.width) * int64(d.height)
	if pixels > MaxImagePixels {
		return nil, jpegErr("%dx%d is over the limit of %d pixels", d.width, d.height, MaxImagePixels)
	}
	M := pick(d.width, d.height)
	if M < 1 || M > 8 {
		M = 8
	}
	hmax, vmax := 1, 1
	for c := range d.nc {
		hmax, vmax = max(hmax, d.comps[c].h), max(vmax, d.comps[c].v)
	}
	mcusX := (d.width + 8*hmax - 1) / (8 * hmax)
	mcusY := (d.height + 8*vmax - 1) / (8 * vmax)
	p := &jpegPlanes{width: d.width, height: d.height, scale: M, comps: d.nc}
	total := 0
	for c := range d.nc {
		comp := &d.comps[c]
		p.subX[c], p.subY[c] = hmax/comp.h, vmax/comp.v
		p.stride[c] = mcusX * comp.h * M
		p.rows[c] = mcusY * comp.v * M
		total += p.stride[c] * p.rows[c]
	}
	if int64(total) > MaxImageDecodeBytes {
		return nil, jpegErr("%dx%d needs %d MB to decode (limit %d MB)", d.width, d.height, total>>20, MaxImageDecodeBytes>>20)
	}
	if cap(d.buf) < total {
		d.buf = make([]uint8, total)
	}
	off := 0
	for c := range d.nc {
		n := p.stride[c] * p.rows[c]
		p.pix[c] = d.buf[off : off+n : off+n]
		d.comps[c].plane, d.comps[c].stride = p.pix[c], p.stride[c]
		off += n
	}
	if err := d.scan(order, mcusX, mcusY, M); err != nil {
		return nil, err
	}
	return p, nil
}

// afterScan checks what follows the scan: more segments up to EOI. A
// second scan means a multi-scan file, which this decoder does not handle.
func (d *jpegDecoder) afterScan(from int) error {
	// Skip the rest of the entropy-coded data (its RST markers too).
	i := max(from, d.pos)
	for {
		for i < len(d.data) && d.data[i] != 0xff {
			i++
		}
		if i+1 >= len(d.data) {
			return jpegErr("file ends without an end-of-image marker")
		}
		m := d.data[i+1]
		if m == 0 || m == 0xff || (m >= 0xd0 && m <= 0xd7) {
			i++
			continue
		}
		break
	}
	for {
		if i+1 >= len(d.data) {
			return jpegErr("file ends without an end-of-image marker")
		}
		if d.data[i] != 0xff {
			i++
			continue
		}
		m := d.data[i+1]
		switch {
		case m == 0xff:
			i++
			continue
		case m == 0xd9:
			return nil
		case m == 0xda:
			return errJPEGUnsupported
		case m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc:
			return jpegErr("more than one frame header")
		}
		switch markerKind(m) {
		case markerSkip:
			i += 2
			continue
		case markerBad:
			return jpegErr("unexpected marker %#02x at byte %d", m, i)
		case markerUnknown:
			return errJPEGUnsupported
		}
		if i+4 > len(d.data) {
			return jpegErr("file ends without an end-of-image marker")
		}
		n := d.u16(i + 2)
		if n < 2 || i+2+n > len(d.data) {
			return jpegErr("segment %#02x at byte %d has length %d, past the end of the file", m, i, n)
		}
		i += 2 + n
	}
}

// Marker classes outside the entropy-coded data (T.81 Table B.1).
const (
	markerSegment = iota // a segment with a length: tables, frame, scan, APPn, COM, EOI
	markerSkip           // no length, nothing to do: RST0–7 out of place, 0xff00
	markerBad            // reserved (0x02–0xbf), TEM, a second SOI: a malformed file
	markerUnknown        // other assigned markers (DAC, DNL, DHP, EXP, JPGn): left to image/jpeg
)

func markerKind(m byte) int {
	switch {
	case m == 0x00 || (m >= 0xd0 && m <= 0xd7):
		return markerSkip
	case m < 0xc0 || m == 0xd8:
		return markerBad
	case m >= 0xc0 && m <= 0xcf && m != 0xc8 && m != 0xcc, m == 0xd9, m == 0xda, m == 0xdb, m == 0xdd,
		m >= 0xe0 && m <= 0xef, m == 0xfe:
		return markerSegment
	}
	return markerUnknown
}

// refill tops the bit buffer acc (nbits valid, most significant first)
// up to more than 56 bits. Past a marker or the end of the data it adds
// zero bytes, counted in d.zeros: a block that needs them is reported as
// cut short.
func (d *jpegDecoder) refill(acc uint64, nbits uint) (uint64, uint) {
	for nbits <= 56 {
		var b byte
		switch {
		case d.marker || d.pos >= len(d.data):
			d.marker = true
			d.zeros += 8
		case d.data[d.pos] != 0xff:
			b = d.data[d.pos]
			d.pos++
		case d.pos+1 < len(d.data) && d.data[d.pos+1] == 0:
			b = 0xff
			d.pos += 2
		default:
			d.marker = true
			d.zeros += 8
		}
		acc |= uint64(b) << (56 - nbits)
		nbits += 8
	}
	return acc, nbits
}

// huffmanLong decodes a code longer than huffLookup bits from the top of
// acc (T.81 F.2.2.3), returning the value and the code's length.
func huffmanLong(h *jpegHuff, acc uint64) (uint8, uint, bool) {
	for l := huffLookup + 1; l <= 16; l++ {
		code := int32(acc >> (64 - l))
		if code <= h.maxCode[l] {
			i := h.valPtr[l] + code
			if i < 0 || i >= h.n {
				return 0, 0, false
			}
			return h.vals[i], uint(l), true
		}
	}
	return 0, 0, false
}

// extend turns s received bits into the signed value they code.
func extend(v int32, s uint) int32 {
	if v < 1<<(s-1) {
		v += -1<<s + 1
	}
	return v
}

// scan decodes the MCUs of one interleaved scan (or one component's
// blocks) and writes each block's M×M IDCT into its plane.
func (d *jpegDecoder) scan(order []*jpegComp, mcusX, mcusY, M int) error {
	d.zeros, d.marker = 0, false
	// The bit buffer lives in locals here (registers), not in d.
	var acc uint64 // bits, most significant first
	var nbits uint
	T := &idctTables[M]
	var keep [64]bool // zigzag indices inside the M×M corner
	for k := range 64 {
		keep[k] = zigzag[k]/8 < M && zigzag[k]%8 < M
	}
	var blk [64]int32
	var tmp [64]int32
	mcu, rst := 0, 0
	for my := range mcusY {
		for mx := range mcusX {
			if d.ri > 0 && mcu > 0 && mcu%d.ri == 0 {
				if err := d.restart(rst); err != nil {
					return err
				}
				acc, nbits = 0, 0
				rst++
				for _, c := range order {
					c.pred = 0
				}
			}
			mcu++
			for _, c := range order {
				dc, ac := &d.huff[0][c.td], &d.huff[1][c.ta]
				for v := range c.v {
					for h := range c.h {
						// Decode the block: its DC difference, then the
						// AC run/size pairs, dequantised as they come.
						if nbits < 32 {
							acc, nbits = d.refill(acc, nbits)
						}
						var t uint8
						ok := true
						if v := dc.lut[acc>>(64-huffLookup)]; v != 0 {
							l := uint(v >> 8)
							acc <<= l
							nbits -= l
							t = uint8(v)
						} else {
							var l uint
							t, l, ok = huffmanLong(dc, acc)
							acc <<= l
							nbits -= l
						}
						if !ok {
							return jpegErr("bad DC code in block at MCU %d,%d", mx, my)
						}
						if t > 11 {
							return notBaselineErr("a DC difference of category %d (MCU %d,%d) is", t, mx, my)
						}
						if t > 0 {
							s := uint(t)
							c.pred += extend(int32(acc>>(64-s)), s)
							acc <<= s
							nbits -= s
						}
						blk[0] = c.pred * c.q[0] // the rest is zero: cleared after each IDCT
						umax, vmax := 0, 0       // the last non-zero column and row
						for k := 1; k < 64; {
							if nbits < 16 {
								acc, nbits = d.refill(acc, nbits)
							}
							if f := ac.fast[acc>>(64-huffLookup)]; f != 0 {
								l := uint(f & 0xff)
								acc <<= l
								nbits -= l
								k += int(f>>8) & 0xff
								if k > 63 {
									return notBaselineErr("AC coefficient %d (MCU %d,%d) is", k, mx, my)
								}
								if keep[k&63] {
									z := zigzag[k&63] & 63
									blk[z] = (f >> 16) * c.q[k&63]
									umax, vmax = max(umax, z&7), max(vmax, z>>3)
								}
								k++
								continue
							}
							var rs uint8
							ok := true
							if v := ac.lut[acc>>(64-huffLookup)]; v != 0 {
								l := uint(v >> 8)
								acc <<= l
								nbits -= l
								rs = uint8(v)
							} else {
								var l uint
								rs, l, ok = huffmanLong(ac, acc)
								acc <<= l
								nbits -= l
							}
							if !ok {
								return jpegErr("bad AC code in block at MCU %d,%d", mx, my)
							}
							r, s := int(rs>>4), uint(rs&15)
							if s == 0 {
								if r == 0 {
									break // end of block
								}
								if r != 15 {
									return notBaselineErr("AC symbol %#02x (MCU %d,%d) is", rs, mx, my)
								}
								k += 16
								continue
							}
							k += r
							if k > 63 || s > 10 {
								return notBaselineErr("AC coefficient %d of size %d (MCU %d,%d) is", k, s, mx, my)
							}
							if nbits < s {
								acc, nbits = d.refill(acc, nbits)
							}
							val := extend(int32(acc>>(64-s)), s)
							acc <<= s
							nbits -= s
							if keep[k&63] {
								z := zigzag[k&63] & 63
								blk[z] = val * c.q[k&63]
								umax, vmax = max(umax, z&7), max(vmax, z>>3)
							}
							k++
						}
						if nbits < d.zeros {
							return jpegErr("entropy-coded data cut short at MCU %d,%d", mx, my)
						}
						bx, by := mx*c.h+h, my*c.v+v
						dst := c.plane[by*M*c.stride+bx*M:]
						idctScaled(&blk, &tmp, T, M, umax, vmax, dst, c.stride)
						for v := 0; v <= vmax; v++ {
							clear(blk[v*8 : v*8+umax+1])
						}
					}
				}
			}
		}
	}
	return nil
}

// restart expects RST marker n%8 where the interval's data ends and
// resets the bit reader (the caller empties its buffer). Like libjpeg and image/jpeg it skips stray bytes
// before the marker.
func (d *jpegDecoder) restart(n int) error {
	d.zeros, d.marker = 0, false
	want := byte(0xd0 + n%8)
	for i := d.pos; i+1 < len(d.data); i++ {
		if d.data[i] != 0xff {
			continue
		}
		m := d.data[i+1]
		if m == 0 || m == 0xff {
			continue
		}
		if m != want {
			return jpegErr("restart marker %#02x where %#02x was due", m, want)
		}
		d.pos = i + 2
		return nil
	}
	return jpegErr("file ends before restart marker %d", n%8)
}

// idctTable holds one scale's IDCT basis in fixed point (13 bits):
// t[x*8+u] = ½·C(u)·cos((2x+1)uπ/2M), C(0) = 1/√2, for x, u < M.
type idctTable [64]int32

var idctTables = func() (ts [9]idctTable) {
	for M := 1; M <= 8; M++ {
		for x := range M {
			for u := range M {
				c := 1.0
				if u == 0 {
					c = 1 / math.Sqrt2
				}
				ts[M][x*8+u] = int32(math.Round(8192 * 0.5 * c * math.Cos(float64(2*x+1)*float64(u)*math.Pi/float64(2*M))))
			}
		}
	}
	return ts
}()

// idctScaled writes the M×M inverse DCT of the top-left M×M of blk
// (natural order, dequantised) to dst, level-shifted and clamped. umax and
// vmax are the last column and row holding a non-zero coefficient; the
// sums stop there. Each 1-D pass splits even and odd frequencies: the
// basis is symmetric for even u and antisymmetric for odd u about the
// block's centre, so output x and M-1-x share both sums (E+O and E-O).
func idctScaled(blk, tmp *[64]int32, T *idctTable, M, umax, vmax int, dst []uint8, stride int) {
	if umax == 0 && vmax == 0 {
		// Flat: F(0,0)/8, rounded.
		v := clamp8((blk[0]+4*sign(blk[0]))/8 + 128)
		for y := range M {
			row := dst[y*stride : y*stride+M]
			for x := range row {
				row[x] = v
			}
		}
		return
	}
	switch M {
	case 6:
		idct6(blk, tmp, umax, dst, stride)
		return
	case 8:
		idct8(blk, tmp, umax, dst, stride)
		return
	case 5:
		idct5(blk, tmp, umax, dst, stride)
		return
	}
	half := (M + 1) / 2
	// Columns: tmp[y][u] = Σv T[y][v]·F[v][u], kept with 2 extra bits.
	for u := 0; u <= umax; u++ {
		if vmax == 0 {
			c := (blk[u]*T[0] + 1<<10) >> 11
			for y := range M {
				tmp[(y*8+u)&63] = c
			}
			continue
		}
		for y := range half {
			var e, o int32
			for v := 0; v <= vmax; v += 2 {
				e += T[(y*8+v)&63] * blk[(v*8+u)&63]
			}
			for v := 1; v <= vmax; v += 2 {
				o += T[(y*8+v)&63] * blk[(v*8+u)&63]
			}
			tmp[(y*8+u)&63] = (e + o + 1<<10) >> 11
			tmp[((M-1-y)*8+u)&63] = (e - o + 1<<10) >> 11
		}
	}
	// Rows: f[y][x] = Σu T[x][u]·tmp[y][u].
	for y := range M {
		row := dst[y*stride : y*stride+M]
		r := tmp[(y*8)&63 : (y*8)&63+8]
		if umax == 0 {
			v := clamp8((r[0]*T[0]+1<<14)>>15 + 128)
			for x := range row {
				row[x] = v
			}
			continue
		}
		for x := range half {
			tx := T[(x*8)&63 : (x*8)&63+8]
			var e, o int32
			for u := 0; u <= umax; u += 2 {
				e += tx[u&7] * r[u&7]
			}
			for u := 1; u <= umax; u += 2 {
				o += tx[u&7] * r[u&7]
			}
			row[x] = clamp8((e+o+1<<14)>>15 + 128)
			row[M-1-x] = clamp8((e-o+1<<14)>>15 + 128)
		}
	}
}

// idct6 is idctScaled for M = 6 (a 1600-pixel-wide photograph on a
// 1200-pixel card) with the 6-point basis written out: the same products
// as idctScaled's table, so the same result, with 9 multiplies a 1-D pass
// instead of 18 and no loops. Columns past umax are zero.
func idct6(blk, tmp *[64]int32, umax int, dst []uint8, stride int) {
	for u := range 6 {
		if u > umax {
			for y := range 6 {
				tmp[(y*8+u)&63] = 0
			}
			continue
		}
		f0, f1, f2 := blk[u&63], blk[(8+u)&63], blk[(16+u)&63]
		f3, f4, f5 := blk[(24+u)&63], blk[(32+u)&63], blk[(40+u)&63]
		e0, e1, e2, o0, o1, o2 := pass6(f0, f1, f2, f3, f4, f5)
		tmp[u&63] = (e0 + o0 + 1<<10) >> 11
		tmp[(40+u)&63] = (e0 - o0 + 1<<10) >> 11
		tmp[(8+u)&63] = (e1 + o1 + 1<<10) >> 11
		tmp[(32+u)&63] = (e1 - o1 + 1<<10) >> 11
		tmp[(16+u)&63] = (e2 + o2 + 1<<10) >> 11
		tmp[(24+u)&63] = (e2 - o2 + 1<<10) >> 11
	}
	for y := range 6 {
		r := tmp[(y*8)&63 : (y*8)&63+8]
		row := dst[y*stride : y*stride+6]
		e0, e1, e2, o0, o1, o2 := pass6(r[0], r[1], r[2], r[3], r[4], r[5])
		const bias = 1<<14 + 128<<15
		row[0] = clamp8((e0 + o0 + bias) >> 15)
		row[5] = clamp8((e0 - o0 + bias) >> 15)
		row[1] = clamp8((e1 + o1 + bias) >> 15)
		row[4] = clamp8((e1 - o1 + bias) >> 15)
		row[2] = clamp8((e2 + o2 + bias) >> 15)
		row[3] = clamp8((e2 - o2 + bias) >> 15)
	}
}

// pass6 is one 6-point pass: the even sums (frequencies 0, 2, 4) and odd
// sums (1, 3, 5) of outputs 0–2; output 5−x is even − odd. The constants
// are idctTables[6] (½·C(u)·cos((2x+1)uπ/12) × 8192).
func pass6(f0, f1, f2, f3, f4, f5 int32) (e0, e1, e2, o0, o1, o2 int32) {
	a := f0 * 2896
	t2 := f2 * 3547
	t4 := f4 * 2048
	e0, e1, e2 = a+t2+t4, a-2*t4, a-t2+t4
	m3 := f3 * 2896
	o0 = f1*3956 + m3 + f5*1060
	o1 = (f1 - f3 - f5) * 2896
	o2 = f1*1060 - m3 + f5*3956
	return
}

// idct8 is idctScaled for M = 8 (no scaling: lead images up to 1371
// pixels wide on a 1200-pixel card) with the 8-point basis split into even
// and odd halves, and the even half again into frequencies 0 and 4 and
// 2 and 6: the same products as idctScaled's table, 24 multiplies a 1-D
// pass instead of 32, no loops. Columns past umax are zero.
func idct8(blk, tmp *[64]int32, umax int, dst []uint8, stride int) {
	for u := range 8 {
		if u > umax {
			for y := range 8 {
				tmp[(y*8+u)&63] = 0
			}
			continue
		}
		var o [8]int32
		pass8(&o, blk[u&63], blk[(8+u)&63], blk[(16+u)&63], blk[(24+u)&63],
			blk[(32+u)&63], blk[(40+u)&63], blk[(48+u)&63], blk[(56+u)&63])
		for y, v := range o {
			tmp[(y*8+u)&63] = (v + 1<<10) >> 11
		}
	}
	for y := range 8 {
		r := tmp[(y*8)&63 : (y*8)&63+8]
		row := dst[y*stride : y*stride+8]
		var o [8]int32
		pass8(&o, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7])
		const bias = 1<<14 + 128<<15
		for x, v := range o {
			row[x] = clamp8((v + bias) >> 15)
		}
	}
}

// idct5 is idctScaled for M = 5 (leads 1920–2399 pixels wide, such as
// 1920×1080, on a 1200-pixel card), written out like idct8 with
// idctTables[5]'s products. Columns past umax are zero.
func idct5(blk, tmp *[64]int32, umax int, dst []uint8, stride int) {
	for u := range 5 {
		if u > umax {
			for y := range 5 {
				tmp[(y*8+u)&63] = 0
			}
			continue
		}
		var o [5]int32
		pass5(&o, blk[u&63], blk[(8+u)&63], blk[(16+u)&63], blk[(24+u)&63], blk[(32+u)&63])
		for y, v := range o {
			tmp[(y*8+u)&63] = (v + 1<<10) >> 11
		}
	}
	for y := range 5 {
		r := tmp[(y*8)&63 : (y*8)&63+8]
		row := dst[y*stride : y*stride+5]
		var o [5]int32
		pass5(&o, r[0], r[1], r[2], r[3], r[4])
		const bias = 1<<14 + 128<<15
		for x, v := range o {
			row[x] = clamp8((v + bias) >> 15)
		}
	}
}

// pass5 is one 5-point pass: outputs x and 4−x share the even sum
// (frequencies 0, 2, 4) and the odd sum (1, 3), which is zero at the
// middle output.
func pass5(o *[5]int32, f0, f1, f2, f3, f4 int32) {
	t := &idctTables[5]
	e0 := t[0]*f0 + t[2]*f2 + t[4]*f4
	e1 := t[8]*f0 + t[10]*f2 + t[12]*f4
	e2 := t[16]*f0 + t[18]*f2 + t[20]*f4
	o0 := t[1]*f1 + t[3]*f3
	o1 := t[9]*f1 + t[11]*f3
	o[0], o[4] = e0+o0, e0-o0
	o[1], o[3] = e1+o1, e1-o1
	o[2] = e2
}

// pass8 is one 8-point pass with idctTables[8]'s products: output x and
// 7−x share the even sum (E) and the odd sum (O) as E+O and E−O.
func pass8(o *[8]int32, f0, f1, f2, f3, f4, f5, f6, f7 int32) {
	t := &idctTables[8]
	ee0, ee1 := t[0]*f0+t[4]*f4, t[8]*f0+t[12]*f4
	eo0, eo1 := t[2]*f2+t[6]*f6, t[10]*f2+t[14]*f6
	e0, e1, e2, e3 := ee0+eo0, ee1+eo1, ee1-eo1, ee0-eo0
	o0 := t[1]*f1 + t[3]*f3 + t[5]*f5 + t[7]*f7
	o1 := t[9]*f1 + t[11]*f3 + t[13]*f5 + t[15]*f7
	o2 := t[17]*f1 + t[19]*f3 + t[21]*f5 + t[23]*f7
	o3 := t[25]*f1 + t[27]*f3 + t[29]*f5 + t[31]*f7
	o[0], o[7] = e0+o0, e0-o0
	o[1], o[6] = e1+o1, e1-o1
	o[2], o[5] = e2+o2, e2-o2
	o[3], o[4] = e3+o3, e3-o3
}

func sign(v int32) int32 {
	if v < 0 {
		return -1
	}
	return 1
}

func clamp8(v int32) uint8 {
	if uint32(v) > 255 {
		if v < 0 {
			return 0
		}
		return 255
	}
	return uint8(v)
}
