package card

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

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

// ParseFont parses a TrueType (.ttf), OpenType/CFF (.otf) or WOFF 1.0 font,
// or the first font of a collection (.ttc, .otc). WOFF2 is not supported:
// convert it to TTF first. The data is copied into the parsed tables, so the
// caller may reuse it.
//
// Font files are untrusted input: a malformed file returns an error
// wrapping ErrFont and never panics the caller (a panic inside the parser is
// recovered and reported as an error).
func ParseFont(data []byte) (*Font, error) {
	fs, err := ParseCollection(data)
	if err != nil {
		return nil, err
	}
	return fs[0], nil
}

// ParseCollection parses every font of a collection (.ttc, .otc); for a
// single-font file it returns a slice of one.
func ParseCollection(data []byte) (fonts []*Font, err error) {
	defer func() {
		if p := recover(); p != nil {
			fonts, err = nil, fmt.Errorf("%w: parser panic: %v", ErrFont, p)
		}
	}()
	if len(data) >= 4 && string(data[:4]) == "wOF2" {
		return nil, fmt.Errorf("%w: WOFF2 is not supported; convert the font to TTF or OTF", ErrFont)
	}
	if err := checkDirectory(data); err != nil {
		return nil, err
	}
	lds, err := ot.NewLoaders(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFont, err)
	}
	for i, ld := range lds {
		f, err := font.NewFont(ld)
		if err != nil {
			return nil, fmt.Errorf("%w: font %d: %v", ErrFont, i, err)
		}
		fonts = append(fonts, newFont(f))
	}
	if len(fonts) == 0 {
		return nil, fmt.Errorf("%w: no font in file", ErrFont)
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

// maxWOFFTable bounds a WOFF table's decompressed size.
const maxWOFFTable = 64 << 20

// checkDirectory checks that every table the font's directory lists lies
// inside data (for WOFF: that its compressed bytes do, and that it
// inflates to at most maxWOFFTable). The parser allocates each table's
// claimed length before reading it, so a few bytes that claim a 4 GB table
// would otherwise cost 4 GB.
func checkDirectory(data []byte) error {
	u32 := func(off int) (uint32, bool) {
		if off < 0 || off+4 > len(data) {
			return 0, false
		}
		return binary.BigEndian.Uint32(data[off:]), true
	}
	u16 := func(off int) (int, bool) {
		if off < 0 || off+2 > len(data) {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(data[off:])), true
	}
	bad := func(what string) error { return fmt.Errorf("%w: %s", ErrFont, what) }
	inside := func(off, n uint32) bool { return uint64(off)+uint64(n) <= uint64(len(data)) }

	sfnt := func(at int) error {
		n, ok := u16(at + 4)
		if !ok {
			return bad("truncated table directory")
		}
		for i := range n {
			rec := at + 12 + 16*i
			off, ok1 := u32(rec + 8)
			length, ok2 := u32(rec + 12)
			if !ok1 || !ok2 {
				return bad("truncated table directory")
			}
			if !inside(off, length) {
				return bad("a table lies outside the file")
			}
		}
		return nil
	}
	magic, ok := u32(0)
	if !ok {
		return bad("too short")
	}
	switch magic {
	case 0x74746366: // "ttcf"
		count, ok := u32(8)
		if !ok || count == 0 || uint64(count)*4+12 > uint64(len(data)) {
			return bad("bad collection header")
		}
		for i := range int(count) {
			off, _ := u32(12 + 4*i)
			if off > uint32(len(data)) {
				return bad("a collection member lies outside the file")
			}
			if err := sfnt(int(off)); err != nil {
				return err
			}
		}
		return nil
	case 0x774f4646: // "wOFF"
		n, ok := u16(12)
		if !ok {
			return bad("truncated WOFF header")
		}
		for i := range n {
			rec := 44 + 20*i
			off, ok1 := u32(rec + 4)
			comp, ok2 := u32(rec + 8)
			orig, ok3 := u32(rec + 12)
			if !ok1 || !ok2 || !ok3 {
				return bad("truncated WOFF directory")
			}
			if !inside(off, comp) || orig > maxWOFFTable {
				return bad("a WOFF table lies outside the file or is too large")
			}
		}
		return nil
	}
	return sfnt(0)
}
