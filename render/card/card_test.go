package card

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/golden"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/internal/testenv"
	"github.com/go-text/typesetting/segmenter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Headlines for the script goldens: original text in each script.
const (
	headline200 = "Kestrel Bay councillors vote to switch off seafront face-scanning cameras after an audit found more than a third of alerts named the wrong person, and police say they will appeal to the regional board"
	// headline300 is 300 characters: too long for any size, it is clamped.
	headline300 = headline200 + ", as campaigners who fought the trial for two years say all those stopped in error deserve apologies"
	headlineAr  = "مجلس خليج العوسق يصوّت لإيقاف كاميرات التعرف على الوجوه في الواجهة البحرية"
	headlineHe  = "מועצת המפרץ מצביעה על כיבוי מצלמות ה־AI בטיילת אחרי ביקורת של 38%"
	headlineJa  = "ケストレル湾議会、海岸遊歩道の顔認証カメラ停止を可決　監査で誤検知多数"
	headlineEm  = "Storm warning 🌊⚡ for the Bay coast as ferries are cancelled 🚢❌ and families told to stay home 👨‍👩‍👧"
)

func withHeadline(h string) *article.Article {
	a := sample.Article()
	a.Headline, a.SocialHeadline = h, h
	return a
}

// photo is a deterministic stand-in for a lead photograph: sky, sea, a
// low sun and a pier, 1600×900.
func photo() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 1600, 900))
	for y := range 900 {
		for x := range 1600 {
			var c color.RGBA
			fy := float64(y) / 900
			if fy < 0.55 {
				c = color.RGBA{uint8(90 + 120*fy), uint8(140 + 80*fy), uint8(220 - 40*fy), 255}
			} else {
				w := 0.5 + 0.5*math.Sin(float64(x)/23+float64(y)/7)
				c = color.RGBA{uint8(20 + 30*w), uint8(70 + 40*w), uint8(110 + 50*w), 255}
			}
			if dx, dy := float64(x-1150), float64(y-430); dx*dx+dy*dy < 90*90 {
				c = color.RGBA{255, 214, 120, 255}
			}
			if y > 560 && y < 600 && x > 200 && x < 900 {
				c = color.RGBA{60, 45, 35, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// logo is a stand-in wordmark with a transparent background: a disc and
// three bars, 480×120.
func logo() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, 480, 120))
	for y := range 120 {
		for x := range 480 {
			dx, dy := float64(x-60), float64(y-60)
			switch d := math.Hypot(dx, dy); {
			case d < 52:
				img.SetNRGBA(x, y, color.NRGBA{0xb4, 0x1e, 0x2a, 0xff})
			case d < 53:
				img.SetNRGBA(x, y, color.NRGBA{0xb4, 0x1e, 0x2a, uint8(255 * (53 - d))})
			case x > 140 && x < 470 && (y-10)%40 < 22:
				img.SetNRGBA(x, y, color.NRGBA{0x1d, 0x23, 0x33, 0xff})
			}
		}
	}
	return img
}

// lightTheme is a newspaper-white theme with a logo.
func lightTheme() Theme {
	return Theme{
		Background: color.RGBA{0xfb, 0xf8, 0xf1, 0xff},
		Text:       color.RGBA{0x14, 0x17, 0x1f, 0xff},
		Muted:      color.RGBA{0x55, 0x5d, 0x6b, 0xff},
		Accent:     color.RGBA{0x1d, 0x4e, 0x89, 0xff},
		AccentText: color.RGBA{0xff, 0xff, 0xff, 0xff},
		Rule:       color.RGBA{0xd9, 0xd3, 0xc5, 0xff},
		Logo:       logo(),
		Radius:     -1,
	}
}

func TestGoldenCards(t *testing.T) {
	def, err := New(Theme{})
	require.NoError(t, err)
	light, err := New(lightTheme())
	require.NoError(t, err)
	img := photo()
	tests := []struct {
		name  string
		noto  bool
		a     *article.Article
		o     Options
		lines int // expected headline lines; 0 = do not check
	}{
		{name: "sample.png", a: sample.Article(), lines: 2},
		{name: "sample-x.png", a: sample.Article(), o: Options{Size: XCard()}},
		{name: "sample-square.png", a: sample.Article(), o: Options{Size: Square()}},
		{name: "headline-200.png", a: withHeadline(headline200)},
		{name: "headline-300-clamped.png", a: withHeadline(headline300)},
		{name: "arabic.png", noto: true, a: withHeadline(headlineAr)},
		{name: "hebrew-english.png", noto: true, a: withHeadline(headlineHe)},
		{name: "japanese.png", noto: true, a: withHeadline(headlineJa)},
		{name: "emoji.png", noto: true, a: withHeadline(headlineEm)},
		{name: "photo.jpg", a: sample.Article(), o: Options{Layout: LayoutPhoto, Image: img}},
		{name: "photo-arabic.png", noto: true, a: withHeadline(headlineAr), o: Options{Layout: LayoutPhoto, Image: img, Format: FormatPNG, Size: XCard()}},
		{name: "keypoint.png", a: sample.Article(), o: Options{Layout: LayoutKeyPoint, KeyPoint: 1}},
		{name: "light-logo.png", a: sample.Article()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := def
			if tt.noto {
				r = notoRenderer(t)
			}
			if strings.HasPrefix(tt.name, "light-") {
				r = light
			}
			b, info, err := r.Bytes(tt.a, tt.o)
			require.NoError(t, err)
			assert.Empty(t, info.Missing, "graphemes without a font")
			if tt.lines > 0 {
				assert.Equal(t, tt.lines, info.HeadlineLines)
			}
			assertImage(t, tt.name, b)
		})
	}
}

// The box test: for generated headlines of every length from 1 to 300
// characters, in several scripts and at several sizes, every glyph's ink
// stays inside the headline box, and no line starts or ends inside a
// grapheme cluster.
func TestLongHeadlineLengths(t *testing.T) {
	assert.Equal(t, 200, len([]rune(headline200)))
	assert.Equal(t, 300, len([]rune(headline300)))
	r, err := New(Theme{})
	require.NoError(t, err)
	_, info, err := r.Bytes(withHeadline(headline300), Options{})
	require.NoError(t, err)
	assert.True(t, info.Truncated, "a 300-character headline is clamped on a 1200×630 card")
	_, info, err = r.Bytes(withHeadline(headline200), Options{})
	require.NoError(t, err)
	assert.False(t, info.Truncated, "a 200-character headline fits")
}

func TestFitOptions(t *testing.T) {
	r, err := New(Theme{})
	require.NoError(t, err)
	tests := []struct {
		name      string
		head      string
		fit       Fit
		px, lines int
		truncated bool
	}{
		{"defaults", "", Fit{}, 68, 2, false},
		{"smaller maximum", "", Fit{MaxPx: 50}, 50, 2, false},
		{"one line forces the minimum and a clamp", "", Fit{MaxLines: 1}, 40, 1, true},
		{"fixed size", "", Fit{MinPx: 44, MaxPx: 44}, 44, 2, false},
		{"min above max wins", "", Fit{MinPx: 60, MaxPx: 30}, 60, 2, false},
		{"short headline takes the maximum", "Ferry cut", Fit{MaxPx: 90}, 90, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := sample.Article()
			if tt.head != "" {
				a = withHeadline(tt.head)
			}
			_, info, err := r.Image(a, Options{Fit: tt.fit})
			require.NoError(t, err)
			assert.Equal(t, tt.px, info.HeadlinePx, "px")
			assert.Equal(t, tt.lines, info.HeadlineLines, "lines")
			assert.Equal(t, tt.truncated, info.Truncated, "truncated")
		})
	}
}

func TestHeadlineStaysInBox(t *testing.T) {
	testenv.SkipIfShort(t, "300 lengths × scripts × sizes; skipped with -short")
	r := notoRenderer(t)
	r.noPaint = true // layout is what is checked; painting would only cost time
	sources := map[string]string{
		"latin":   "Storm knocks out power to 200,000 homes as officials warn of major flooding along the coast; ferries halted, schools shut ",
		"nospace": "Überschwemmungswarnungfürdieküstenregionnachdemsturmkeinefährenmehrbisfreitagabendundschulenbleibengeschlossen",
		"marks":   "Ça̋ f̃é͂ ñ̃ã́ o̧̊ Ǻ ł́ ṩ̂ e̋̀ ",
		"emoji":   "Flood 🌊 alert 👨‍👩‍👧 for 🇬🇧 coast 👍🏽 ⚡ families 1️⃣ ",
		"arabic":  "العاصفة تقطع الكهرباء عن مئتي ألف منزل والسلطات تحذر من فيضانات على الساحل ",
		"cjk":     "暴風雨で二十万世帯が停電、当局は沿岸部の大規模な洪水に警戒を呼びかけ",
	}
	sizes := []Size{OpenGraph(), Square(), {600, 315}}
	var fails []string
	var got struct {
		pa                         *para
		x, y, w, boxTop, boxBottom float64
	}
	r.trace = func(kind string, pa *para, x, y, w, boxTop, boxBottom float64) {
		if kind == "headline" {
			got.pa, got.x, got.y, got.w, got.boxTop, got.boxBottom = pa, x, y, w, boxTop, boxBottom
		}
	}
	checked, truncated := 0, 0
	for name, src := range sources {
		srcRunes := []rune(strings.Repeat(src, 20))
		for n := 1; n <= 300; n++ {
			headline := string(srcRunes[:n])
			for i, sz := range sizes {
				if i > 0 && n%7 != 0 {
					continue // every length at 1200×630; every 7th at the other sizes
				}
				got.pa = nil
				_, info, err := r.Image(withHeadline(headline), Options{Size: sz, AllowMissingGlyphs: true})
				if strings.TrimSpace(headline) == "" {
					require.ErrorIs(t, err, ErrNoHeadline)
					continue
				}
				require.NoError(t, err, "%s n=%d", name, n)
				require.NotNil(t, got.pa)
				checked++
				if info.Truncated {
					truncated++
				}
				// Grapheme boundaries of the normalised text.
				text := []rune(collapseSpace(headline))
				bound := bounds(text)
				if msg := checkLayout(got.pa, got.x, got.y, got.w, got.boxTop, got.boxBottom, bound, len(text)); msg != "" {
					fails = append(fails, name+" "+sz.String()+" length "+strconv.Itoa(n)+": "+msg+": "+headline)
				}
			}
		}
	}
	t.Logf("checked %d layouts, %d clamped with an ellipsis", checked, truncated)
	if len(fails) > 0 {
		t.Errorf("%d failures; first: %s", len(fails), fails[0])
	}
	assert.Positive(t, truncated, "some long headlines must hit the ellipsis clamp")
}

// checkLayout returns what is wrong with a laid-out paragraph, or "": a
// glyph's ink outside the box (1 px of anti-aliasing allowed), or a line
// (or the ellipsis cut) that starts or ends inside a grapheme cluster
// (bound holds the cluster boundaries of the n-rune text). Runs inside a
// line may split at a direction change (a prepended concatenation mark
// before a Latin letter is one cluster of two directions); only line
// breaks and the cut matter.
func checkLayout(pa *para, x, y, w, boxTop, boxBottom float64, bound map[int]bool, n int) string {
	for i, ln := range pa.lines {
		base := math.Round(y + pa.ascent + float64(i)*pa.pitch)
		pen := x + ln.lead
		if pa.rtl {
			pen = x + w - fx(ln.width) - ln.trail
		}
		lo, hi := math.MaxInt, 0
		for _, run := range ln.runs {
			lo = min(lo, run.Runes.Offset)
			hi = max(hi, run.Runes.Offset+run.Runes.Count)
		}
		if len(ln.runs) > 0 && (!bound[lo] || (hi <= n && !bound[hi])) {
			return "a line starts or ends inside a grapheme cluster"
		}
		if pa.truncated && i == len(pa.lines)-1 {
			// The ellipsis run starts where the visible text was cut.
			cut := 0
			for _, run := range ln.runs {
				cut = max(cut, run.Runes.Offset)
			}
			if cut <= n && !bound[cut] {
				return "the ellipsis cuts inside a grapheme cluster"
			}
		}
		for _, run := range ln.runs {
			for _, g := range run.Glyphs {
				left := pen + fx(g.XOffset) + fx(g.XBearing)
				right := left + fx(g.Width)
				top := base - fx(g.YOffset) - fx(g.YBearing)
				bottom := top - fx(g.Height)
				pen += fx(g.Advance)
				if g.Width == 0 {
					continue
				}
				switch {
				case left < x-1:
					return "glyph ink left of the box"
				case right > x+w+1:
					return "glyph ink right of the box"
				case top < boxTop-1:
					return "glyph ink above the box"
				case bottom > boxBottom+1:
					return "glyph ink below the box"
				}
			}
		}
	}
	return ""
}

// bounds returns the grapheme cluster boundaries of text.
func bounds(text []rune) map[int]bool {
	bound := map[int]bool{0: true, len(text): true}
	var seg segmenter.Segmenter
	seg.Init(text)
	it := seg.GraphemeIterator()
	for it.Next() {
		g := it.Grapheme()
		bound[g.Offset+len(g.Text)] = true
	}
	return bound
}

func TestDeterministicBytes(t *testing.T) {
	r := notoRenderer(t)
	for _, o := range []Options{{}, {Layout: LayoutPhoto, Image: photo()}, {Layout: LayoutKeyPoint}} {
		a := withHeadline(headlineEm)
		first, _, err := r.Bytes(a, o)
		require.NoError(t, err)
		// A second renderer (cold caches) and concurrent renders agree.
		r2 := notoRenderer(t)
		var wg sync.WaitGroup
		outs := make([][]byte, 4)
		for i := range outs {
			wg.Go(func() {
				rr := r
				if i%2 == 1 {
					rr = r2
				}
				b, _, err := rr.Bytes(a, o)
				assert.NoError(t, err)
				outs[i] = b
			})
		}
		wg.Wait()
		for i, b := range outs {
			assert.True(t, bytes.Equal(first, b), "render %d of layout %v differs", i, o.Layout)
		}
	}
}

func TestMissingGlyphsAreAnError(t *testing.T) {
	// Go fonts only, no system fonts: no Tamil, no emoji.
	r, err := New(Theme{NoSystemFonts: true})
	require.NoError(t, err)
	for _, layout := range []Layout{LayoutStandard, LayoutKeyPoint} {
		_, info, err := r.Bytes(withHeadline("தமிழ் 🌊"), Options{Layout: layout})
		require.ErrorIs(t, err, ErrMissingGlyph, "layout %v", layout)
		assert.Contains(t, err.Error(), `"த"`)
		assert.Contains(t, err.Error(), "NoSystemFonts")
		assert.Equal(t, []string{"த", "மி", "ழ்", "🌊"}, info.Missing)
	}
	// An Arabic headline on the default theme is an error, never an
	// empty headline.
	_, _, err = r.Bytes(withHeadline(headlineAr), Options{})
	require.ErrorIs(t, err, ErrMissingGlyph)
}

func TestAllowMissingGlyphsLeavesThemOut(t *testing.T) {
	r, err := New(Theme{NoSystemFonts: true})
	require.NoError(t, err)
	var box image.Rectangle
	r.trace = func(kind string, pa *para, x, y, w, top, bottom float64) {
		if kind == "headline" {
			box = image.Rect(int(x), int(y), int(x+w), int(y+pa.height()))
		}
	}
	img, info, err := r.Image(withHeadline("தமிழ் 🌊"), Options{AllowMissingGlyphs: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"த", "மி", "ழ்", "🌊"}, info.Missing)
	bg := r.Theme().Background
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			if c := img.RGBAAt(x, y); c.R != bg.R || c.G != bg.G || c.B != bg.B {
				t.Fatalf("pixel %d,%d in the headline box is %v: a missing glyph was drawn", x, y, c)
			}
		}
	}
}

// The default theme finds the system's fonts for scripts the embedded Go
// fonts lack (Debian's fonts-noto-core here), in the weight asked for.
func TestSystemFonts(t *testing.T) {
	for _, f := range []string{"/usr/share/fonts/truetype/noto/NotoSansTamil-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf"} {
		if _, err := os.Stat(f); err != nil {
			testenv.Missing(t, "Noto fonts ("+f+")", "apt-get install fonts-noto-core")
		}
	}
	r, err := New(Theme{FontCacheDir: t.TempDir()})
	require.NoError(t, err)
	a := withHeadline(headlineAr)
	a.Standfirst = "தமிழ் standfirst"
	_, info, err := r.Image(a, Options{})
	require.NoError(t, err)
	assert.Empty(t, info.Missing)
	r.sys.mu.Lock()
	var bold, regular int
	families := map[string]bool{}
	for _, f := range r.sys.fonts {
		families[f.f.Describe().Family] = true
		if f.f.Describe().Aspect.Weight >= 600 {
			bold++
		} else {
			regular++
		}
	}
	r.sys.mu.Unlock()
	assert.Positive(t, bold, "the headline's Arabic comes from a bold system font")
	assert.Positive(t, regular, "the standfirst's Tamil comes from a regular system font")
	assert.LessOrEqual(t, len(r.sys.fonts), maxSystemFonts)
	assert.True(t, families["Noto Sans Arabic"], "Arabic from its own Noto family, not a generic sans-serif: %v", families)
	assert.True(t, families["Noto Sans Tamil"], "%v", families)
}

func TestErrors(t *testing.T) {
	r, err := New(Theme{})
	require.NoError(t, err)
	bomb := pngHeader(100000, 100000)
	tests := []struct {
		name string
		a    *article.Article
		o    Options
		want error
	}{
		{"nil article", nil, Options{}, ErrNoHeadline},
		{"blank headline", withHeadline(" "), Options{}, nil},
		{"no headline at all", func() *article.Article { a := sample.Article(); a.Headline, a.SocialHeadline = "", ""; return a }(), Options{}, ErrNoHeadline},
		{"photo without image", sample.Article(), Options{Layout: LayoutPhoto}, ErrNoImage},
		{"photo with garbage", sample.Article(), Options{Layout: LayoutPhoto, ImageData: []byte("not an image")}, ErrImage},
		{"decompression bomb", sample.Article(), Options{Layout: LayoutPhoto, ImageData: bomb}, ErrImage},
		{"9 MP from 70 bytes", sample.Article(), Options{Layout: LayoutPhoto, ImageData: pngHeader(3000, 3000)}, ErrImage},
		{"key point out of range", sample.Article(), Options{Layout: LayoutKeyPoint, KeyPoint: 9}, ErrNoKeyPoint},
		{"no key points", func() *article.Article { a := sample.Article(); a.KeyPoints = nil; return a }(), Options{Layout: LayoutKeyPoint}, ErrNoKeyPoint},
		{"too small", sample.Article(), Options{Size: Size{50, 50}}, ErrSize},
		{"too big", sample.Article(), Options{Size: Size{5000, 630}}, ErrSize},
		{"bad layout", sample.Article(), Options{Layout: 9}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := r.Bytes(tt.a, tt.o)
			require.Error(t, err)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
			}
			assert.True(t, strings.HasPrefix(err.Error(), "card: "), "error %q lacks the package prefix", err)
			assert.NotContains(t, err.Error(), "card: card:", "stutter")
		})
	}
}

// pngHeader returns the start of a PNG that claims w×h pixels.
func pngHeader(w, h int) []byte {
	var b bytes.Buffer
	e := new(encoder)
	img := image.NewRGBA(image.Rect(0, 0, 1, 1))
	e.writePNG(&b, img)
	out := b.Bytes()
	// IHDR width and height at bytes 16..24; the CRC is left stale, which
	// DecodeConfig does not check before the size.
	put := func(i, v int) { out[i], out[i+1], out[i+2], out[i+3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v) }
	put(16, w)
	put(20, h)
	return out
}

func TestLeadImageFormats(t *testing.T) {
	r, err := New(Theme{})
	require.NoError(t, err)
	src := photo()
	var jp, pn bytes.Buffer
	require.NoError(t, jpeg.Encode(&jp, src, &jpeg.Options{Quality: 90}))
	require.NoError(t, png.Encode(&pn, src))
	webp := golden.Read(t, "lead.webp")
	for name, data := range map[string][]byte{"jpeg": jp.Bytes(), "png": pn.Bytes(), "webp": webp} {
		t.Run(name, func(t *testing.T) {
			b, info, err := r.Bytes(sample.Article(), Options{Layout: LayoutPhoto, ImageData: data, Focus: &FocalPoint{0.7, 0.5}})
			require.NoError(t, err)
			assert.Equal(t, FormatJPEG, info.Format)
			cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
			require.NoError(t, err)
			assert.Equal(t, "jpeg", format)
			assert.Equal(t, 1200, cfg.Width)
		})
	}
}

func TestCoverRect(t *testing.T) {
	tests := []struct {
		name  string
		src   image.Rectangle
		dst   image.Point
		focus FocalPoint
		want  image.Rectangle
	}{
		{"wide source, centred", image.Rect(0, 0, 2000, 630), image.Pt(1200, 630), FocalPoint{0.5, 0.5}, image.Rect(400, 0, 1600, 630)},
		{"wide source, focus left edge", image.Rect(0, 0, 2000, 630), image.Pt(1200, 630), FocalPoint{0, 0.5}, image.Rect(0, 0, 1200, 630)},
		{"tall source, focus low", image.Rect(0, 0, 1200, 1200), image.Pt(1200, 630), FocalPoint{0.5, 1}, image.Rect(0, 570, 1200, 1200)},
		{"offset bounds", image.Rect(10, 10, 1210, 640), image.Pt(1200, 630), FocalPoint{0.5, 0.5}, image.Rect(10, 10, 1210, 640)},
	}
	for _, tt := range tests {
		if got := coverRect(tt.src, tt.dst, tt.focus); got != tt.want {
			t.Errorf("%s: coverRect(%v, %v, %v) = %v, want %v", tt.name, tt.src, tt.dst, tt.focus, got, tt.want)
		}
	}
}

func TestPalettedPNG(t *testing.T) {
	r, err := New(Theme{})
	require.NoError(t, err)
	b, _, err := r.Bytes(sample.Article(), Options{})
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	pal, ok := img.(*image.Paletted)
	require.True(t, ok, "a text card is written as a paletted PNG, got %T", img)
	// The palette is exact: decoding gives back the drawn pixels.
	want, _, err := r.Image(sample.Article(), Options{})
	require.NoError(t, err)
	for y := 0; y < 630; y += 7 {
		for x := range 1200 {
			c := pal.At(x, y).(color.RGBA)
			if w := want.RGBAAt(x, y); c != w {
				t.Fatalf("pixel %d,%d = %v, drawn %v", x, y, c, w)
			}
		}
	}
	// A card with colour emoji has too many colours and falls back to RGB.
	nr := notoRenderer(t)
	b, _, err = nr.Bytes(withHeadline(headlineEm), Options{})
	require.NoError(t, err)
	img, err = png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	_, isPal := img.(*image.Paletted)
	assert.False(t, isPal)
}

func TestParseFont(t *testing.T) {
	_, err := ParseFont([]byte("wOF2\x00\x01\x00\x00rest"))
	assert.ErrorIs(t, err, ErrFont)
	assert.Contains(t, err.Error(), "WOFF2")
	_, err = ParseFont([]byte("definitely not a font"))
	assert.ErrorIs(t, err, ErrFont)
	// A directory that claims a 4 GB table is refused before anything
	// allocates it.
	bomb := []byte("\x00\x01\x00\x00\x00\x01\x00\x10\x00\x00\x00\x00" +
		"cmap\x00\x00\x00\x00\x00\x00\x00\x1c\xff\xff\xff\xf0")
	_, err = ParseFont(bomb)
	assert.ErrorIs(t, err, ErrFont)
	assert.Contains(t, err.Error(), "outside the file")
	f := GoBold()
	assert.Equal(t, "Go", f.Family())
	assert.True(t, f.Has('é'))
	assert.False(t, f.Has('ש'))
}

func TestVariableFontAxes(t *testing.T) {
	// Go Bold is not variable: setting axes is accepted and ignored.
	r, err := New(Theme{Bold: GoBold().WithVariations(Variation{"wght", 300})})
	require.NoError(t, err)
	a, _, err := r.Bytes(sample.Article(), Options{})
	require.NoError(t, err)
	d, err := New(Theme{})
	require.NoError(t, err)
	b, _, err := d.Bytes(sample.Article(), Options{})
	require.NoError(t, err)
	assert.Equal(t, a, b)
}

func TestConcurrentRenders(t *testing.T) {
	r := notoRenderer(t)
	heads := []string{headlineAr, headlineHe, headlineJa, headlineEm, headline200}
	want := make([][]byte, len(heads))
	for i, h := range heads {
		b, _, err := r.Bytes(withHeadline(h), Options{})
		require.NoError(t, err)
		want[i] = b
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range heads {
				k := (i + g) % len(heads)
				b, _, err := r.Bytes(withHeadline(heads[k]), Options{})
				if assert.NoError(t, err) && !bytes.Equal(b, want[k]) {
					t.Errorf("concurrent render of headline %d differs", k)
				}
			}
		})
	}
	wg.Wait()
}

func TestErrorsAreTyped(t *testing.T) {
	_, err := ParseSize("wide")
	assert.True(t, errors.Is(err, ErrSize))
}

func TestKeyPointText(t *testing.T) {
	a := sample.Article()
	a.KeyPoints = append(a.KeyPoints, `Fees rise <a href="https://x.example/">&amp; fall</a><script>alert(1)</script>`)
	d := &drawer{a: a}
	tests := []struct {
		n    int
		want string
	}{
		{0, "The council voted 7–4 to end the promenade trial at midnight on Friday."},
		{4, "Fees rise & fall"},
		{5, ""},
		{-1, ""},
	}
	for _, tt := range tests {
		if got := d.keyPointText(tt.n); got != tt.want {
			t.Errorf("keyPointText(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// interVF loads Debian's Inter variable font (fonts-inter-variable).
func interVF(t *testing.T) *Font {
	t.Helper()
	const path = "/usr/share/fonts/truetype/inter-vf/Inter-roman.var.ttf"
	b, err := os.ReadFile(path)
	if err != nil {
		testenv.Missing(t, "Inter variable font ("+path+")", "apt-get install fonts-inter-variable")
	}
	f, err := ParseFont(b)
	require.NoError(t, err)
	return f
}

func TestVariableFont(t *testing.T) {
	inter := interVF(t)
	widths := map[float32]float64{}
	for _, wght := range []float32{300, 800} {
		r, err := New(Theme{Bold: inter.WithVariations(Variation{"wght", wght}), Regular: inter})
		require.NoError(t, err)
		r.trace = func(kind string, pa *para, x, y, w, top, bottom float64) {
			if kind == "headline" {
				widths[wght] = fx(pa.lines[0].width)
			}
		}
		_, _, err = r.Image(withHeadline("Harbour ferry timetable cut"), Options{Fit: Fit{MinPx: 60, MaxPx: 60}})
		require.NoError(t, err)
	}
	assert.Greater(t, widths[800], widths[300]*1.05, "the wght axis changes advances: %v", widths)

	r, err := New(Theme{Bold: inter.WithVariations(Variation{"wght", 800}), Regular: inter.WithVariations(Variation{"wght", 420})})
	require.NoError(t, err)
	b, info, err := r.Bytes(sample.Article(), Options{})
	require.NoError(t, err)
	assert.Empty(t, info.Missing)
	assertImage(t, "inter-variable.png", b)
}

func TestCollapseSpace(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  a \n\t b  ", "a b"},
		{"可決　監査", "可決　監査"},
		{"a \u3000 b", "a\u3000b"},
		{"\u3000lead", "lead"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := collapseSpace(tt.in); got != tt.want {
			t.Errorf("collapseSpace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
