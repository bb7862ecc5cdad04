package card

import (
	"bytes"
	"errors"
	"image"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"

	"github.com/broadsheet/broadsheet/internal/sample"
)

// FuzzHeadline: any headline renders (or is refused as blank), its glyphs
// stay in the headline box, and no run splits a grapheme cluster.
func FuzzHeadline(f *testing.F) {
	for _, s := range []string{headline200, headlineAr, headlineHe, headlineJa, headlineEm,
		"x", "\u200d\u200d", "a\u0301\u0302\u0303\u0304", "🇬🇧🇬", "\u202eRTL override\u202c", strings.Repeat("W", 400)} {
		f.Add(s, uint16(1200), uint16(630))
	}
	r := notoRenderer(f)
	r.noPaint = true
	f.Fuzz(func(t *testing.T, headline string, w, h uint16) {
		size := Size{MinSide + int(w)%1100, MinSide + int(h)%1100}
		var got struct {
			pa                          *para
			x, y, bw, boxTop, boxBottom float64
		}
		// The trace is per Renderer; fuzz workers each run one input at a
		// time on their own copy of the test binary.
		r.trace = func(kind string, pa *para, x, y, bw, top, bottom float64) {
			if kind == "headline" {
				got.pa, got.x, got.y, got.bw, got.boxTop, got.boxBottom = pa, x, y, bw, top, bottom
			}
		}
		_, _, err := r.Image(withHeadline(headline), Options{Size: size, AllowMissingGlyphs: true})
		if strings.TrimSpace(headline) == "" {
			if !errors.Is(err, ErrNoHeadline) {
				t.Fatalf("blank headline: err = %v, want ErrNoHeadline", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Image(%q, %v) = %v", headline, size, err)
		}
		if got.pa == nil {
			t.Fatal("no headline laid out")
		}
		text := []rune(collapseSpace(headline))
		if len(text) > maxTextRunes {
			return // cut before shaping; boundaries of the cut text differ
		}
		if msg := checkLayout(got.pa, got.x, got.y, got.bw, got.boxTop, got.boxBottom, bounds(text), len(text)); msg != "" {
			t.Fatalf("%s: %q at %v", msg, headline, size)
		}
	})
}

// FuzzParseFont: font bytes never panic the parser or a render; failures
// wrap ErrFont; parsing allocates at most 16 MB plus 64 bytes per byte of
// the file plus the inflated size its directory admits (bounded by
// MaxFontBytes); and a font that parses draws a card that decodes.
func FuzzParseFont(f *testing.F) {
	f.Add(goregular.TTF[:2048])
	f.Add([]byte("wOFF\x00\x01\x00\x00"))
	f.Add([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x02"))
	f.Add([]byte("\x00\x01\x00\x00\x00\x05"))
	a := sample.Article()
	f.Add(collection(3, 0))
	f.Add(woff(2, 4096, true))
	f.Fuzz(func(t *testing.T, data []byte) {
		var fnt *Font
		var err error
		n := allocated(func() { fnt, err = ParseFont(data) })
		var inflated uint64
		if offs, cerr := checkFile(data); cerr == nil && offs == nil {
			inflated, _ = checkMember(data, 0)
		} else if cerr == nil {
			inflated, _ = checkMember(data, offs[0])
		}
		if limit := 16<<20 + 64*uint64(len(data)) + 2*inflated; n > limit {
			t.Fatalf("ParseFont allocated %d bytes for a %d-byte file (limit %d)", n, len(data), limit)
		}
		if err != nil {
			if !errors.Is(err, ErrFont) {
				t.Fatalf("ParseFont error %v does not wrap ErrFont", err)
			}
			return
		}
		r, err := New(Theme{Bold: fnt, Regular: fnt})
		if err != nil {
			t.Fatal(err)
		}
		b, _, err := r.Bytes(a, Options{Size: Size{300, 157}})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "card: ") {
				t.Fatalf("error without the package prefix: %v", err)
			}
			return
		}
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(b)); err != nil || cfg.Width != 300 {
			t.Fatalf("card with fuzzed font does not decode: %v %v", cfg, err)
		}
	})
}

// FuzzLeadImage: image bytes never panic; failures wrap ErrImage (or are
// a recovered decoder failure); a render allocates at most the decoder
// memory the header check estimated (so at most MaxImageDecodeBytes) plus
// 32 MB; and success gives a card of the asked size.
func FuzzLeadImage(f *testing.F) {
	f.Add(pngHeader(4, 4))
	f.Add(pngHeader(70000, 70000))
	f.Add([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"))
	f.Add([]byte("RIFF\x20\x00\x00\x00WEBPVP8L"))
	r, err := New(Theme{})
	if err != nil {
		f.Fatal(err)
	}
	a := sample.Article()
	f.Add(progressiveJPEG(64, 48, 3, 0, 64))
	f.Add(interlacedPNG16(40, 30, 64))
	f.Add(losslessWebP(100, 80, 0))
	// Baseline JPEGs: the package's own scaled decoder.
	f.Add(makeTestJPEG(f, testPicture(64, 40), testJPEG{h: 2, v: 2, restart: 2}))
	f.Add(makeTestJPEG(f, testPicture(33, 17), testJPEG{gray: true}))
	f.Add(flatJPEG(640, 336, 0, 2048))
	f.Fuzz(func(t *testing.T, data []byte) {
		var b []byte
		var err error
		n := allocated(func() {
			b, _, err = r.Bytes(a, Options{Layout: LayoutPhoto, ImageData: data, Size: Size{300, 157}})
		})
		if h, herr := inspectImage(data); herr == nil {
			if limit := uint64(max(h.decodeBytes, 0))*3/2 + 32<<20; n > limit {
				t.Fatalf("render allocated %d bytes for a %dx%d %s (estimate %d)", n, h.width, h.height, h.what, h.decodeBytes)
			}
		} else if n > 32<<20 {
			t.Fatalf("a refused image allocated %d bytes", n)
		}
		if err != nil {
			if !errors.Is(err, ErrImage) && !errors.Is(err, ErrNoImage) && !strings.HasPrefix(err.Error(), "card: cannot render") {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(b)); err != nil || cfg.Width != 300 || cfg.Height != 157 {
			t.Fatalf("card does not decode at 300x157: %v %v", cfg, err)
		}
	})
}
