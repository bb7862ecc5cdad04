package card

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/broadsheet/broadsheet/internal/golden"
	"github.com/broadsheet/broadsheet/internal/testenv"
)

// Debian's Noto fonts (fonts-noto-core, fonts-noto-cjk,
// fonts-noto-color-emoji) are the fallback chain the script tests use.
var notoFiles = []struct{ path, family, pkg string }{
	{"/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf", "", "fonts-noto-core"},
	{"/usr/share/fonts/truetype/noto/NotoSansHebrew-Bold.ttf", "", "fonts-noto-core"},
	{"/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "Noto Sans CJK JP", "fonts-noto-cjk"},
	{"/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf", "", "fonts-noto-color-emoji"},
}

var (
	notoOnce  sync.Once
	notoFonts []*Font
	notoErr   error
	notoPkg   string
)

// noto returns the Noto fallback fonts, parsed once per test binary; a
// missing file skips the test locally and fails it in CI.
func noto(t testing.TB) []*Font {
	t.Helper()
	notoOnce.Do(func() {
		for _, f := range notoFiles {
			b, err := os.ReadFile(f.path)
			if err != nil {
				notoErr, notoPkg = err, f.pkg
				return
			}
			var pick *Font
			for i := 0; ; i++ {
				c, err := ParseCollectionFont(b, i)
				if err != nil {
					notoErr = err
					return
				}
				if f.family == "" || c.Family() == f.family {
					pick = c
					break
				}
			}
			if pick == nil {
				notoErr = fmt.Errorf("%s: no family %q", f.path, f.family)
				return
			}
			notoFonts = append(notoFonts, pick)
		}
	})
	if notoErr != nil {
		if notoPkg != "" {
			testenv.Missing(t, "Noto font ("+notoErr.Error()+")", "apt-get install "+notoPkg)
		}
		t.Fatal(notoErr)
	}
	return notoFonts
}

// notoRenderer returns a default-theme renderer with the Noto fallbacks
// and no system font search, so its cards do not depend on the machine.
func notoRenderer(t testing.TB) *Renderer {
	t.Helper()
	r, err := New(Theme{Fallback: noto(t), NoSystemFonts: true})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Golden images are compared pixel by pixel: a pixel differs when a
// channel is off by more than pixelTolerance, and the test fails when more
// than maxDiffFraction of the pixels differ. Rasteriser or zlib changes
// stay inside that; a line moved by a pixel, another size or another
// wrap does not.
const (
	pixelTolerance  = 40
	maxDiffFraction = 0.0005
)

// assertImage compares a rendered PNG or JPEG with testdata/name.
func assertImage(t *testing.T, name string, got []byte) {
	t.Helper()
	if golden.Updating() {
		golden.Assert(t, name, got)
		return
	}
	want := golden.Read(t, name)
	gi, _, err := image.Decode(bytes.NewReader(got))
	if err != nil {
		t.Fatalf("%s: decoding the new image: %v", name, err)
	}
	wi, _, err := image.Decode(bytes.NewReader(want))
	if err != nil {
		t.Fatalf("%s: decoding the golden image: %v", name, err)
	}
	if gi.Bounds() != wi.Bounds() {
		t.Fatalf("%s: size %v, golden %v", name, gi.Bounds(), wi.Bounds())
	}
	b := gi.Bounds()
	diff := 0
	diffImg := image.NewGray(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, _ := gi.At(x, y).RGBA()
			r2, g2, b2, _ := wi.At(x, y).RGBA()
			if absDiff(r1, r2) > pixelTolerance<<8 || absDiff(g1, g2) > pixelTolerance<<8 || absDiff(b1, b2) > pixelTolerance<<8 {
				diff++
				diffImg.Pix[(y-b.Min.Y)*diffImg.Stride+(x-b.Min.X)] = 0xff
			}
		}
	}
	if limit := int(float64(b.Dx()*b.Dy()) * maxDiffFraction); diff > limit {
		// Kept where the message points (testdata/failed is ignored by
		// git), not in t.TempDir, which is deleted when the test ends.
		dir := filepath.Join("testdata", "failed")
		out := filepath.Join(dir, strings.TrimSuffix(name, filepath.Ext(name))+"-diff.png")
		got2 := filepath.Join(dir, name)
		var buf bytes.Buffer
		err := png.Encode(&buf, diffImg)
		if err == nil {
			err = os.MkdirAll(filepath.Dir(out), 0o755)
		}
		if err == nil {
			err = os.WriteFile(out, buf.Bytes(), 0o644)
		}
		if err == nil {
			err = os.WriteFile(got2, got, 0o644)
		}
		if err != nil {
			t.Errorf("%s: writing the diff image: %v", name, err)
		}
		t.Errorf("%s: %d pixels differ from the golden image (limit %d); diff mask %s, new image %s (run go test -update to accept)", name, diff, limit, out, got2)
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
