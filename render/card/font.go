package card

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// ErrFont is returned (wrapped) when font data cannot be parsed.
var ErrFont = errors.New("card: unusable font")

// Font is one parsed font file (or one font of a collection), ready to be
// used in a Theme. Parse it once and share it: a *Font is read-only and safe
// for concurrent use by any number of Renderers and goroutines.
type Font struct {
	f          *font.Font
	name       string
	variations []font.Variation
	color      bool // has colour (COLR) or bitmap (CBDT/sbix) glyphs
}

// Variation sets one axis of a variable font, in the axis's design units:
// {Tag: "wght", Value: 700}.
type Variation struct {
	// Tag is the four-letter axis tag, such as "wght", "wdth" or "opsz".
	Tag string
	// Value is the axis position in design units.
	Value float32
}

// Limits on font files, checked on the table directory before any table
// is read.
const (
	// MaxFontTables is the most tables one font's directory may list. Real
	// fonts have 10 to 40; go-text reads an entry for each one listed.
	MaxFontTables = 256
	// MaxCollectionFonts is the most fonts a collection (.ttc, .otc) may
	// hold. The largest real ones (pan-CJK super-OTCs) have about 40.
	MaxCollectionFonts = 256
	// MaxFontBytes bounds the tables of one font (for WOFF, after
	// inflating them all) and, for ParseCollection, of all its fonts
	// together, counting tables shared between fonts once per font.
	MaxFontBytes = 128 << 20
)

// ParseFont parses a TrueType (.ttf), OpenType/CFF (.otf) or WOFF 1.0 font,
// or the first font of a collection (.ttc, .otc) — only that one:
// ParseCollectionFont picks another. WOFF2 is not supported: convert it to
// TTF first. The data is copied into the parsed tables, so the caller may
// reuse it.
//
// Font files are untrusted input. The directory is checked before any
// table is read: at most MaxFontTables tables and MaxCollectionFonts
// fonts, every table inside the file, WOFF tables that do not overlap and
// inflate to at most MaxFontBytes in all. A malformed file returns an
// error wrapping ErrFont and never panics the caller (a panic inside the
// parser is recovered and reported as an error).
func ParseFont(data []byte) (*Font, error) {
	return ParseCollectionFont(data, 0)
}

// ParseCollectionFont parses font i (from 0) of a collection, reading no
// other font's tables; for a single-font file i must be 0.
func ParseCollectionFont(data []byte, i int) (fnt *Font, err error) {
	defer func() {
		if p := recover(); p != nil {
			fnt, err = nil, fmt.Errorf("%w: parser panic: %v", ErrFont, p)
		}
	}()
	offsets, err := checkFile(data)
	if err != nil {
		return nil, err
	}
	if i < 0 || i >= max(len(offsets), 1) {
		return nil, fmt.Errorf("%w: no font %d in a file of %d", ErrFont, i, max(len(offsets), 1))
	}
	var res ot.Resource = bytes.NewReader(data)
	if offsets != nil {
		if _, err := checkMember(data, offsets[i]); err != nil {
			return nil, err
		}
		res = oneMember(data, offsets[i])
	}
	lds, err := ot.NewLoaders(res)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFont, err)
	}
	if len(lds) != 1 {
		return nil, fmt.Errorf("%w: no font in file", ErrFont)
	}
	f, err := font.NewFont(lds[0])
	if err != nil {
		return nil, fmt.Errorf("%w: font %d: %w", ErrFont, i, err)
	}
	return newFont(f), nil
}

// ParseCollection parses every font of a collection (.ttc, .otc); for a
// single-font file it returns a slice of one. Each font's tables are
// parsed separately, so it refuses a collection whose fonts' tables add
// up to more than MaxFontBytes; ParseCollectionFont parses just one.
func ParseCollection(data []byte) (fonts []*Font, err error) {
	offsets, err := checkFile(data)
	if err != nil {
		return nil, err
	}
	if offsets == nil {
		f, err := ParseCollectionFont(data, 0)
		if err != nil {
			return nil, err
		}
		return []*Font{f}, nil
	}
	var total uint64
	for _, off := range offsets {
		n, err := checkMember(data, off)
		if err != nil {
			return nil, err
		}
		if total += n; total > MaxFontBytes {
			return nil, fmt.Errorf("%w: the collection's %d fonts have more than %d MB of tables in all (parse one with ParseCollectionFont)", ErrFont, len(offsets), MaxFontBytes>>20)
		}
	}
	for i := range offsets {
		f, err := ParseCollectionFont(data, i)
		if err != nil {
			return nil, err
		}
		fonts = append(fonts, f)
	}
	return fonts, nil
}

func newFont(f *font.Font) *Font {
	d := f.Describe()
	return &Font{
		f:     f,
		name:  d.Family,
		color: f.COLR != nil || len(f.BitmapSizes()) > 0,
	}
}

// WithVariations returns a copy of f that renders a variable font at the
// given axis positions (for example a bold instance of a variable brand
// font). Axes the font does not have are ignored; values are clamped to the
// axis range. The copy shares the parsed tables with f.
func (f *Font) WithVariations(vs ...Variation) *Font {
	c := *f
	c.variations = make([]font.Variation, 0, len(vs))
	for _, v := range vs {
		tag := []byte(v.Tag + "    ")[:4]
		c.variations = append(c.variations, font.Variation{Tag: ot.NewTag(tag[0], tag[1], tag[2], tag[3]), Value: v.Value})
	}
	return &c
}

// Family returns the font's family name as its name table states it.
func (f *Font) Family() string { return f.name }

// Has reports whether the font maps r to a glyph.
func (f *Font) Has(r rune) bool {
	_, ok := f.f.Cmap.Lookup(r)
	return ok
}

// newFace returns a face for one goroutine's use.
func (f *Font) newFace() *font.Face {
	face := font.NewFace(f.f)
	if len(f.variations) > 0 {
		face.SetVariations(f.variations)
	}
	return face
}

// GoBold returns the embedded Go Bold font (Bigelow & Holmes, BSD-style
// licence; see LICENSE-GOFONTS in this directory): the default headline
// font. It covers Latin, Greek and Cyrillic.
func GoBold() *Font { return mustEmbedded(gobold.TTF) }

// GoRegular returns the embedded Go Regular font: the default text font.
func GoRegular() *Font { return mustEmbedded(goregular.TTF) }

func mustEmbedded(ttf []byte) *Font {
	f, err := ParseFont(ttf)
	if err != nil {
		// The embedded fonts are fixed bytes checked by the tests.
		panic("card: embedded font does not parse: " + err.Error())
	}
	return f
}

// oneMember returns data as a collection of one font: its header is
// rewritten to list only the font at off (the tables stay where they are,
// since a collection's table offsets count from the start of the file),
// so the parser reads no other font's directory.
func oneMember(data []byte, off uint32) *patchedReader {
	p := &patchedReader{data: data}
	copy(p.head[:], data[:8])
	binary.BigEndian.PutUint32(p.head[8:], 1)
	binary.BigEndian.PutUint32(p.head[12:], off)
	return p
}

// patchedReader reads data with its first 16 bytes replaced by head.
type patchedReader struct {
	data []byte
	head [16]byte
	pos  int64
}

func (p *patchedReader) ReadAt(b []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	if off >= int64(len(p.data)) {
		return 0, io.EOF
	}
	n := copy(b, p.data[off:])
	for i := off; i < int64(len(p.head)) && i < off+int64(n); i++ {
		b[i-off] = p.head[i]
	}
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

func (p *patchedReader) Read(b []byte) (int, error) {
	n, err := p.ReadAt(b, p.pos)
	p.pos += int64(n)
	if err == io.EOF && n > 0 {
		err = nil
	}
	return n, err
}

func (p *patchedReader) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		off += p.pos
	case io.SeekEnd:
		off += int64(len(p.data))
	}
	if off < 0 {
		return 0, errors.New("negative position")
	}
	p.pos = off
	return off, nil
}

func fontErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrFont}, args...)...)
}

// checkFile checks a font file's header: for a collection, the member
// count (refused above MaxCollectionFonts before anything loops over it)
// and that the offsets list fits, returning the offsets; for a single
// font (nil offsets), its directory, as checkMember does.
func checkFile(data []byte) ([]uint32, error) {
	if len(data) < 12 {
		return nil, fontErr("too short (%d bytes)", len(data))
	}
	switch string(data[:4]) {
	case "wOF2":
		return nil, fontErr("WOFF2 is not supported; convert the font to TTF or OTF")
	case "ttcf":
		count := binary.BigEndian.Uint32(data[8:])
		switch {
		case count == 0:
			return nil, fontErr("empty collection")
		case count > MaxCollectionFonts:
			return nil, fontErr("collection claims %d fonts (limit %d)", count, MaxCollectionFonts)
		case 12+4*uint64(count) > uint64(len(data)):
			return nil, fontErr("collection header lists %d fonts but the file ends first", count)
		}
		offsets := make([]uint32, count)
		for i := range offsets {
			offsets[i] = binary.BigEndian.Uint32(data[12+4*i:])
			if uint64(offsets[i])+12 > uint64(len(data)) {
				return nil, fontErr("font %d of the collection lies outside the file", i)
			}
		}
		return offsets, nil
	}
	_, err := checkMember(data, 0)
	return nil, err
}

// checkMember checks the table directory of the font at off and returns
// the bytes its tables take once read (inflated, for WOFF): at most
// MaxFontTables tables, each inside the file; WOFF tables that do not
// overlap and inflate to at most MaxFontBytes in all. The parser
// allocates each table's claimed length before reading it, so a few
// bytes claiming a 4 GB table would otherwise cost 4 GB.
func checkMember(data []byte, off uint32) (uint64, error) {
	at := int(off)
	u16 := func(o int) int { return int(binary.BigEndian.Uint16(data[o:])) }
	u32 := func(o int) uint32 { return binary.BigEndian.Uint32(data[o:]) }
	inside := func(o, n uint32) bool { return uint64(o)+uint64(n) <= uint64(len(data)) }
	if at+12 > len(data) {
		return 0, fontErr("truncated font header")
	}
	if string(data[at:at+4]) == "wOFF" {
		if at+44 > len(data) {
			return 0, fontErr("truncated WOFF header")
		}
		n := u16(at + 12)
		if n > MaxFontTables {
			return 0, fontErr("WOFF directory claims %d tables (limit %d)", n, MaxFontTables)
		}
		if at+44+20*n > len(data) {
			return 0, fontErr("truncated WOFF directory (%d tables)", n)
		}
		type span struct{ off, end uint32 }
		spans := make([]span, 0, n)
		var total uint64
		for i := range n {
			rec := at + 44 + 20*i
			o, comp, orig := u32(rec+4), u32(rec+8), u32(rec+12)
			if !inside(o, comp) {
				return 0, fontErr("WOFF table %d lies outside the file", i)
			}
			// Deflate cannot expand data more than about 1,032 times.
			if orig > comp && uint64(orig) > 1032*uint64(comp)+64 {
				return 0, fontErr("WOFF table %d claims %d bytes from %d compressed", i, orig, comp)
			}
			if total += uint64(max(orig, comp)); total > MaxFontBytes {
				return 0, fontErr("WOFF tables inflate to more than %d MB in all", MaxFontBytes>>20)
			}
			if comp > 0 {
				spans = append(spans, span{o, o + comp})
			}
		}
		slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.off, b.off) })
		for i := 1; i < len(spans); i++ {
			if spans[i].off < spans[i-1].end {
				return 0, fontErr("WOFF tables overlap (at byte %d)", spans[i].off)
			}
		}
		return total, nil
	}
	n := u16(at + 4)
	if n > MaxFontTables {
		return 0, fontErr("table directory claims %d tables (limit %d)", n, MaxFontTables)
	}
	if at+12+16*n > len(data) {
		return 0, fontErr("truncated table directory (%d tables)", n)
	}
	var total uint64
	for i := range n {
		rec := at + 12 + 16*i
		o, length := u32(rec+8), u32(rec+12)
		if !inside(o, length) {
			return 0, fontErr("table %d lies outside the file", i)
		}
		total += uint64(length)
	}
	return total, nil
}
