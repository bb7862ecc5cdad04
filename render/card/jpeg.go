package card

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/jpeg"
	"io"
	mathbits "math/bits"
)

// A baseline JPEG writer for opaque cards (photo layout), about twice as
// fast as image/jpeg on the same pixels: colour conversion and 4:2:0
// subsampling straight from the RGBA rows of each 16×16 macroblock, a
// floating-point AAN forward DCT with the DCT's scale folded into the
// quantisation (one multiply per coefficient instead of a division), and
// a 64-bit bit writer. Its quantisation and Huffman tables are image/jpeg's
// own for the same quality (taken from the header image/jpeg writes for a
// tiny image), so the files differ from image/jpeg's only by rounding.

// jpegTables are the tables for one quality, built once.
type jpegTables struct {
	header []byte         // SOI, DQT, SOF0 (size patched per image), DHT
	sos    []byte         // the SOS segment
	sofAt  int            // offset of SOF0's height field in header
	recip  [2][64]float32 // natural order: 1 / (q × AAN scale × 8)
	recipZ [2][64]float32 // the same in zigzag order
	huff   [4]huffTable   // DC luma, AC luma, DC chroma, AC chroma
}

type huffTable struct {
	code [256]uint16
	size [256]uint8
}

// zigzag[k] is the natural-order index of the k-th coefficient in zigzag
// order.
var zigzag = func() (z [64]int) {
	k := 0
	for s := 0; s < 15; s++ { // anti-diagonals, alternating direction
		for i := range 8 {
			j := s - i
			if j < 0 || j > 7 {
				continue
			}
			r, c := i, j // walking down-left
			if s%2 == 0 {
				r, c = j, i // walking up-right
			}
			z[k] = r*8 + c
			k++
		}
	}
	return z
}()

// aanScale are the AAN DCT's output scale factors per frequency.
var aanScale = [8]float64{1, 1.387039845, 1.306562965, 1.175875602, 1, 0.785694958, 0.541196100, 0.275899379}

// tablesFor returns the tables for quality, built on first use and kept
// by the (pooled) encoder while the quality stays the same.
func (enc *encoder) tablesFor(quality int) (*jpegTables, error) {
	if enc.jt != nil && enc.jtQuality == quality {
		return enc.jt, nil
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewRGBA(image.Rect(0, 0, 16, 16)), &jpeg.Options{Quality: quality}); err != nil {
		return nil, err
	}
	data := b.Bytes()
	t := &jpegTables{}
	hi := 0
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xff {
			return nil, errors.New("card: unexpected JPEG header layout")
		}
		m := data[i+1]
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		seg := data[i+4 : i+2+n]
		switch m {
		case 0xdb: // DQT: [Pq|Tq] then 64 zigzag bytes, repeated
			for len(seg) >= 65 {
				id := seg[0] & 15
				if id > 1 {
					return nil, errors.New("card: unexpected JPEG quantisation table")
				}
				for k := range 64 {
					u, v := zigzag[k]/8, zigzag[k]%8
					t.recip[id][zigzag[k]] = float32(1 / (float64(seg[1+k]) * aanScale[u] * aanScale[v] * 8))
				}
				seg = seg[65:]
			}
			for id := range t.recip {
				for k := range 64 {
					t.recipZ[id][k] = t.recip[id][zigzag[k]]
				}
			}
		case 0xc0: // SOF0
			t.sofAt = i + 5
		case 0xc4: // DHT: [Tc|Th], 16 counts, the values; repeated
			for len(seg) >= 17 {
				class, id := seg[0]>>4, seg[0]&15
				counts := seg[1:17]
				total := 0
				for _, c := range counts {
					total += int(c)
				}
				vals := seg[17 : 17+total]
				ht := &t.huff[int(id)*2+int(class)]
				code, k := uint16(0), 0
				for l, c := range counts {
					for range int(c) {
						ht.code[vals[k]], ht.size[vals[k]] = code, uint8(l+1)
						code++
						k++
					}
					code <<= 1
				}
				seg = seg[17+total:]
				hi++
			}
		case 0xda: // SOS: the header ends here
			t.header = bytes.Clone(data[:i])
			t.sos = bytes.Clone(data[i : i+2+n])
			if t.sofAt == 0 || hi != 4 {
				return nil, errors.New("card: unexpected JPEG header layout")
			}
			enc.jt, enc.jtQuality = t, quality
			return t, nil
		}
		i += 2 + n
	}
	return nil, errors.New("card: unexpected JPEG header layout")
}

// bitWriter writes Huffman-coded bits with JPEG's byte stuffing. Bits
// gather in acc (fewer than 32 between calls) and leave four bytes at a
// time; only a word holding a 0xff byte is written byte by byte.
type bitWriter struct {
	out  []byte
	acc  uint64
	nacc uint
}

// put writes code, size bits long (size ≤ 32; code has no higher bits).
// It is small enough to be inlined; spill writes the full words.
func (w *bitWriter) put(code uint32, size uint8) {
	w.acc = w.acc<<size | uint64(code)
	w.nacc += uint(size)
	if w.nacc >= 32 {
		w.spill()
	}
}

// spill writes the oldest 32 bits of the accumulator.
//
//go:noinline
func (w *bitWriter) spill() {
	w.word(uint32(w.acc >> (w.nacc - 32)))
	w.nacc -= 32
}

// word appends four bytes, stuffing a zero after each 0xff.
func (w *bitWriter) word(v uint32) {
	x := ^v // a 0xff byte of v is a zero byte of x
	if (x-0x01010101)&^x&0x80808080 == 0 {
		w.out = binary.BigEndian.AppendUint32(w.out, v)
		return
	}
	for s := 24; s >= 0; s -= 8 {
		b := byte(v >> s)
		w.out = append(w.out, b)
		if b == 0xff {
			w.out = append(w.out, 0)
		}
	}
}

// flush pads the last byte with one bits and writes what is left.
func (w *bitWriter) flush() {
	if pad := (8 - w.nacc%8) % 8; pad > 0 {
		w.acc = w.acc<<pad | (1<<pad - 1)
		w.nacc += pad
	}
	for w.nacc >= 8 {
		b := byte(w.acc >> (w.nacc - 8))
		w.out = append(w.out, b)
		if b == 0xff {
			w.out = append(w.out, 0)
		}
		w.nacc -= 8
	}
}

// fdct is the floating-point AAN forward DCT of an 8×8 block in place
// (rows, then columns); the output is scaled by aanScale[u]·aanScale[v]·8,
// which the quantisation reciprocals undo.
func fdct(d *[64]float32) {
	for p := 0; p < 64; p += 8 {
		fdct8(d, p, 1)
	}
	for c := range 8 {
		fdct8(d, c, 8)
	}
}

// fdct8 transforms the 8 values of d at b, b+s, …, b+7s (indices masked
// to the block, so no bounds checks).
func fdct8(d *[64]float32, b, s int) {
	i0, i1, i2, i3 := b&63, (b+s)&63, (b+2*s)&63, (b+3*s)&63
	i4, i5, i6, i7 := (b+4*s)&63, (b+5*s)&63, (b+6*s)&63, (b+7*s)&63
	t0, t7 := d[i0]+d[i7], d[i0]-d[i7]
	t1, t6 := d[i1]+d[i6], d[i1]-d[i6]
	t2, t5 := d[i2]+d[i5], d[i2]-d[i5]
	t3, t4 := d[i3]+d[i4], d[i3]-d[i4]

	t10, t13 := t0+t3, t0-t3
	t11, t12 := t1+t2, t1-t2
	d[i0], d[i4] = t10+t11, t10-t11
	z1 := (t12 + t13) * 0.707106781
	d[i2], d[i6] = t13+z1, t13-z1

	t10, t11, t12 = t4+t5, t5+t6, t6+t7
	z5 := (t10 - t12) * 0.382683433
	z2 := 0.541196100*t10 + z5
	z4 := 1.306562965*t12 + z5
	z3 := t11 * 0.707106781
	z11, z13 := t7+z3, t7-z3
	d[i5], d[i3] = z13+z2, z13-z2
	d[i1], d[i7] = z11+z4, z11-z4
}

// jpegEncoder holds one encode's scratch; it lives in the pooled encoder.
type jpegEncoder struct {
	bw   bitWriter
	prev [3]int32
	blk  [64]float32
}

// block transforms, quantises and writes one block of level-shifted
// samples for component comp (0 luma, 1–2 chroma). The quantised
// coefficients are taken in zigzag order with a bit per non-zero one, so
// runs of zeros are counted by TrailingZeros64, not walked.
func (e *jpegEncoder) block(t *jpegTables, comp int) {
	fdct(&e.blk)
	q := &t.recipZ[min(comp, 1)]
	dc, ac := &t.huff[0], &t.huff[1]
	if comp > 0 {
		dc, ac = &t.huff[2], &t.huff[3]
	}
	var coef [64]int32
	var nz uint64
	for k := range 64 {
		// Round to nearest: offset into positive range, truncate, undo.
		v := int32(e.blk[zigzag[k]&63]*q[k]+65536.5) - 65536
		coef[k] = v
		if v != 0 {
			nz |= 1 << k
		}
	}
	d := coef[0] - e.prev[comp]
	e.prev[comp] = coef[0]
	cat, bits := magnitude(d)
	e.bw.put(uint32(dc.code[cat])<<cat|bits, dc.size[cat]+cat)
	last := 0
	for nz &^= 1; nz != 0; nz &= nz - 1 {
		k := mathbits.TrailingZeros64(nz)
		run := k - last - 1
		for ; run > 15; run -= 16 {
			e.bw.put(uint32(ac.code[0xf0]), ac.size[0xf0])
		}
		cat, bits := magnitude(coef[k])
		sym := uint8(run<<4) | cat
		e.bw.put(uint32(ac.code[sym])<<cat|bits, ac.size[sym]+cat)
		last = k
	}
	if last != 63 {
		e.bw.put(uint32(ac.code[0]), ac.size[0])
	}
}

// planesMCU writes the 16×16 macroblock at (mx, my) from the card's
// planes: its samples need no colour conversion or chroma averaging.
func (e *jpegEncoder) planesMCU(t *jpegTables, p *cardPlanes, mx, my int) {
	W, H := p.w, p.h
	for by := 0; by < 16; by += 8 {
		for bx := 0; bx < 16; bx += 8 {
			x0, y0 := mx+bx, my+by
			for y := range 8 {
				row := p.y[min(y0+y, H-1)*W:][:W]
				if x0+8 <= W {
					for x, v := range row[x0 : x0+8] {
						e.blk[y*8+x] = float32(v) - 128
					}
					continue
				}
				for x := range 8 {
					e.blk[y*8+x] = float32(row[min(x0+x, W-1)]) - 128
				}
			}
			e.block(t, 0)
		}
	}
	cw, ch := (W+1)/2, (H+1)/2
	x0, y0 := mx/2, my/2
	for c, pl := range [2][]uint8{p.cb, p.cr} {
		for y := range 8 {
			row := pl[min(y0+y, ch-1)*cw:][:cw]
			for x := range 8 {
				e.blk[y*8+x] = float32(row[min(x0+x, cw-1)]) - 128
			}
		}
		e.block(t, 1+c)
	}
}

// magnitude returns a coefficient's size category and its extra bits.
func magnitude(v int32) (uint8, uint32) {
	a := v
	if a < 0 {
		a = -a
		v--
	}
	cat := uint8(mathbits.Len32(uint32(a)))
	return cat, uint32(v) & (1<<cat - 1)
}

// writeJPEG writes img (opaque) as a baseline 4:2:0 JPEG at quality.
// With planes, the 16×16 tiles not marked done are taken from the planes
// instead of img.
func (enc *encoder) writeJPEG(w io.Writer, img *image.RGBA, quality int, planes *cardPlanes) error {
	t, err := enc.tablesFor(quality)
	if err != nil {
		return err
	}
	e := &enc.jpeg
	e.bw.out = e.bw.out[:0]
	e.bw.acc, e.bw.nacc = 0, 0
	e.prev = [3]int32{}
	W, H := img.Rect.Dx(), img.Rect.Dy()
	pix, stride := img.Pix, img.Stride
	at := func(x, y int) int { return min(y, H-1)*stride + min(x, W-1)*4 }
	var cb, cr [64]float32
	tilesX := (W + 15) / 16
	for my := 0; my < H; my += 16 {
		for mx := 0; mx < W; mx += 16 {
			if planes != nil {
				if tile := (my/16)*tilesX + mx/16; tile >= len(planes.done) || !planes.done[tile] {
					e.planesMCU(t, planes, mx, my)
					continue
				}
			}
			// Four luma blocks, then the averaged chroma block pair.
			for by := 0; by < 16; by += 8 {
				for bx := 0; bx < 16; bx += 8 {
					inside := mx+bx+8 <= W && my+by+8 <= H
					for y := range 8 {
						if inside {
							row := pix[(my+by+y)*stride+(mx+bx)*4:]
							row = row[:32]
							for x := range 8 {
								v := binary.LittleEndian.Uint32(row[4*x:])
								r, g, b := int32(v&0xff), int32(v>>8&0xff), int32(v>>16&0xff)
								e.blk[y*8+x] = float32((19595*r+38470*g+7471*b+1<<15)>>16) - 128
							}
							continue
						}
						for x := range 8 {
							o := at(mx+bx+x, my+by+y)
							r, g, b := int32(pix[o]), int32(pix[o+1]), int32(pix[o+2])
							e.blk[y*8+x] = float32((19595*r+38470*g+7471*b+1<<15)>>16) - 128
						}
					}
					e.block(t, 0)
				}
			}
			inside := mx+16 <= W && my+16 <= H
			for y := range 8 {
				var r0, r1 []uint8
				if inside {
					r0 = pix[(my+2*y)*stride+mx*4:][:64]
					r1 = pix[(my+2*y+1)*stride+mx*4:][:64]
				}
				for x := range 8 {
					var r, g, b int32
					if inside {
						// The four pixels summed two channels at a time
						// in the 16-bit lanes of a word.
						o := 8 * x
						p0, p1 := binary.LittleEndian.Uint32(r0[o:]), binary.LittleEndian.Uint32(r0[o+4:])
						p2, p3 := binary.LittleEndian.Uint32(r1[o:]), binary.LittleEndian.Uint32(r1[o+4:])
						rb := p0&0x00ff00ff + p1&0x00ff00ff + p2&0x00ff00ff + p3&0x00ff00ff
						gs := p0>>8&0xff + p1>>8&0xff + p2>>8&0xff + p3>>8&0xff
						r, g, b = int32(rb&0xffff), int32(gs), int32(rb>>16)
					} else {
						for _, o := range [4]int{at(mx+2*x, my+2*y), at(mx+2*x+1, my+2*y), at(mx+2*x, my+2*y+1), at(mx+2*x+1, my+2*y+1)} {
							r += int32(pix[o])
							g += int32(pix[o+1])
							b += int32(pix[o+2])
						}
					}
					cb[y*8+x] = float32(-11056*r-21712*g+32768*b) / (4 << 16)
					cr[y*8+x] = float32(32768*r-27440*g-5328*b) / (4 << 16)
				}
			}
			e.blk = cb
			e.block(t, 1)
			e.blk = cr
			e.block(t, 2)
		}
	}
	e.bw.flush()

	bw := bufio.NewWriterSize(w, 32<<10)
	hdr := enc.jpegHdr[:0]
	hdr = append(hdr, t.header...)
	binary.BigEndian.PutUint16(hdr[t.sofAt:], uint16(H))
	binary.BigEndian.PutUint16(hdr[t.sofAt+2:], uint16(W))
	enc.jpegHdr = hdr
	bw.Write(hdr)
	bw.Write(t.sos)
	bw.Write(e.bw.out)
	bw.Write([]byte{0xff, 0xd9})
	return bw.Flush()
}
