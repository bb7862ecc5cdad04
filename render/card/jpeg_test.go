package card

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// psnr returns the peak signal-to-noise ratio of b against a (RGB), in dB.
func psnr(a *image.RGBA, b image.Image) float64 {
	var se float64
	n := 0
	for y := range a.Rect.Dy() {
		for x := range a.Rect.Dx() {
			p := a.RGBAAt(x, y)
			r, g, bb, _ := b.At(x, y).RGBA()
			for _, d := range []float64{float64(p.R) - float64(r>>8), float64(p.G) - float64(g>>8), float64(p.B) - float64(bb>>8)} {
				se += d * d
				n++
			}
		}
	}
	if se == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(255*255/(se/float64(n)))
}

// The JPEG writer's files decode with image/jpeg to the size asked, and
// are as faithful as image/jpeg's own at the same quality (its tables are
// image/jpeg's; only rounding differs).
func TestJPEGWriter(t *testing.T) {
	src := photo()
	sizes := []image.Point{{1200, 630}, {1200, 675}, {1080, 1080}, {301, 157}, {100, 100}, {17, 9}}
	if raceEnabled {
		sizes = []image.Point{{301, 157}, {17, 9}} // the writer has no goroutines
	}
	for _, sz := range sizes {
		for _, q := range []int{50, 85, 100} {
			img := image.NewRGBA(image.Rectangle{Max: sz})
			resample(img, src, src.Bounds(), color.RGBA{0, 0, 0, 255})
			var ours, std bytes.Buffer
			e := new(encoder)
			require.NoError(t, e.writeJPEG(&ours, img, q, nil))
			require.NoError(t, jpeg.Encode(&std, img, &jpeg.Options{Quality: q}))
			got, err := jpeg.Decode(bytes.NewReader(ours.Bytes()))
			require.NoError(t, err, "%v q%d", sz, q)
			assert.Equal(t, sz, got.Bounds().Size())
			want, err := jpeg.Decode(bytes.NewReader(std.Bytes()))
			require.NoError(t, err)
			pOurs, pStd := psnr(img, got), psnr(img, want)
			assert.Greater(t, pOurs, pStd-0.5, "%v q%d: PSNR %.2f dB against image/jpeg's %.2f dB", sz, q, pOurs, pStd)
			t.Logf("%v q%d: PSNR %.2f dB (image/jpeg %.2f), %d bytes (image/jpeg %d)", sz, q, pOurs, pStd, ours.Len(), std.Len())
			assert.LessOrEqual(t, ours.Len(), std.Len()*21/20+200, "%v q%d: no larger than image/jpeg's file", sz, q)
		}
	}
}

// Extreme content: saturated colours and hard edges (large coefficients,
// long zero runs) still decode exactly to size with no error.
func TestJPEGWriterExtremes(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for y := range 48 {
		for x := range 64 {
			c := color.RGBA{255, 0, 0, 255}
			switch {
			case (x+y)%2 == 0:
				c = color.RGBA{0, 0, 255, 255}
			case x > 32:
				c = color.RGBA{255, 255, 255, 255}
			case y > 24:
				c = color.RGBA{0, 0, 0, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	for _, q := range []int{1, 50, 100} {
		var b bytes.Buffer
		require.NoError(t, new(encoder).writeJPEG(&b, img, q, nil))
		got, err := jpeg.Decode(bytes.NewReader(b.Bytes()))
		require.NoError(t, err, "q%d", q)
		assert.Equal(t, img.Rect, got.Bounds())
	}
}
