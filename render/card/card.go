package card

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/locale"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
)

// Errors callers can branch on (with errors.Is); ErrFont, ErrImage and
// ErrSize are defined next to the code that returns them.
var (
	// ErrNoHeadline is returned when the article is nil or has neither a
	// social headline nor a headline.
	ErrNoHeadline = errors.New("card: article has no headline")
	// ErrNoImage is returned when the photo layout has neither
	// Options.Image nor Options.ImageData.
	ErrNoImage = errors.New("card: photo layout needs a lead image")
	// ErrNoKeyPoint is returned (wrapped, naming the key point asked for
	// and how many the article has) when the key-point layout asks for a
	// key point the article does not have. A server answers it with 404
	// Not Found; the CLI exits with status 1.
	ErrNoKeyPoint = errors.New("card: no such key point")
	// ErrMissingGlyph is returned (wrapped, listing the graphemes) when
	// some text of the card has a grapheme that no font can draw — neither
	// the theme's fonts nor, unless Theme.NoSystemFonts, the system's —
	// and Options.AllowMissingGlyphs is not set.
	ErrMissingGlyph = errors.New("card: no font can draw some text")
)

// Options are the per-card choices. The zero value renders a 1200×630
// standard PNG card.
type Options struct {
	// Size is the card's size; zero means OpenGraph (1200×630).
	Size Size
	// Layout picks standard, photo or key-point; zero means standard.
	Layout Layout
	// Format picks PNG or JPEG; zero means PNG, or JPEG for the photo
	// layout.
	Format Format
	// Quality is the JPEG quality, 1–100; zero means 85.
	Quality int
	// Image is the decoded lead image for the photo layout. It wins over
	// ImageData.
	Image image.Image
	// ImageData is the encoded lead image (JPEG, PNG or WebP) for the photo
	// layout. The package does no network I/O: fetch the article's image
	// yourself.
	ImageData []byte
	// Focus is the point of the lead image that cropping keeps in view;
	// nil means the centre.
	Focus *FocalPoint
	// KeyPoint is the index of the key point the key-point layout shows.
	KeyPoint int
	// Fit overrides the bounds of the headline's auto-fit (the key point's
	// in the key-point layout); zero fields keep the layout's defaults.
	Fit Fit
	// Labels are the words the card prints besides the article's text
	// (badges, date, reading time). An empty field takes the article's
	// language from package locale's catalogue (French "Alerte",
	// "4 min de lecture", "26 novembre 2026"), and English for an English
	// article or a language the catalogue lacks.
	Labels Labels
	// Direction lays the card out left to right or mirrored; zero follows
	// the article's language.
	Direction Direction
	// ReadingMinutes, when positive, is shown after the date in the
	// footer ("4 min read", through Labels.ReadingTime).
	ReadingMinutes int
	// AllowMissingGlyphs draws the card even when some text has a
	// grapheme that no font can draw: such graphemes are left out of the
	// image (never drawn as boxes) and listed in Info.Missing. By default
	// that is an error wrapping ErrMissingGlyph, because a card with holes
	// in its headline says something other than the article.
	AllowMissingGlyphs bool
}

// Fit bounds a headline's auto-fit: it is set at the largest size from
// MinPx to MaxPx at which it wraps into at most MaxLines lines that fit
// the layout's box, else at MinPx clamped with an ellipsis. Sizes are in
// pixels on a 1200×630 card and scale with the card.
type Fit struct {
	MinPx, MaxPx int
	MaxLines     int
}

// Info describes a rendered card.
type Info struct {
	// Size, Layout and Format are the resolved choices.
	Size   Size
	Layout Layout
	Format Format
	// HeadlinePx is the size the headline was fitted at, in pixels, and
	// HeadlineLines its number of lines.
	HeadlinePx    int
	HeadlineLines int
	// Truncated reports that the headline did not fit at the smallest
	// size and was clamped with an ellipsis.
	Truncated bool
	// Missing lists the grapheme clusters (in order, repeats kept once)
	// that no font has. They are left out of the image, never drawn as
	// boxes; without Options.AllowMissingGlyphs they make Render fail.
	Missing []string
}

// Renderer draws cards with one Theme. Build it once with New: it holds
// the parsed fonts, a shared cache of rendered glyphs and pools of shaping
// and encoding buffers. A Renderer is safe for concurrent use by many
// goroutines; its methods never modify the Theme.
type Renderer struct {
	theme  Theme
	headF  []*Font      // Bold then FallbackBold (or Fallback)
	textF  []*Font      // Regular then Fallback
	sys    *systemFonts // nil with Theme.NoSystemFonts
	glyphs glyphCache
	// trace, set only by tests, sees each fitted paragraph with the box
	// it must stay in and where it was drawn.
	trace   func(kind string, pa *para, x, y, w, boxTop, boxBottom float64)
	noPaint bool // tests of layout alone: skip painting pixels
	states  sync.Pool
	encoder sync.Pool
	photos  sync.Pool    // *photoScratch
	zones   locale.Zones // the articles' site.time_zone, loaded once
}

// New returns a Renderer for theme (zero fields take DefaultTheme's
// values; nil fonts mean the embedded Go fonts). The renderer keeps
// theme.Logo: do not modify that image afterwards.
func New(theme Theme) (*Renderer, error) {
	var bold, regular *Font
	if theme.Bold == nil {
		bold = GoBold()
	}
	if theme.Regular == nil {
		regular = GoRegular()
	}
	t := theme.resolved(bold, regular)
	t.Fallback = slices.Clone(t.Fallback)
	t.FallbackBold = slices.Clone(t.FallbackBold)
	for i, f := range t.Fallback {
		if f == nil {
			return nil, fmt.Errorf("card: theme fallback font %d is nil", i)
		}
	}
	for i, f := range t.FallbackBold {
		if f == nil {
			return nil, fmt.Errorf("card: theme bold fallback font %d is nil", i)
		}
	}
	r := &Renderer{theme: t}
	boldFallback := t.FallbackBold
	if len(boldFallback) == 0 {
		boldFallback = t.Fallback
	}
	r.headF = append([]*Font{t.Bold}, boldFallback...)
	r.textF = append([]*Font{t.Regular}, t.Fallback...)
	if !t.NoSystemFonts {
		r.sys = newSystemFonts(t.FontCacheDir)
	}
	r.states.New = func() any { return newState() }
	r.encoder.New = func() any { return new(encoder) }
	r.photos.New = func() any { return new(photoScratch) }
	return r, nil
}

// Theme returns the renderer's resolved theme (a copy: changing it does
// not change the renderer).
func (r *Renderer) Theme() Theme {
	t := r.theme
	t.Fallback = slices.Clone(t.Fallback)
	t.FallbackBold = slices.Clone(t.FallbackBold)
	return t
}

// Render draws the card for a and writes it to w as PNG or JPEG. The same
// article, options and theme always give the same bytes.
func (r *Renderer) Render(w io.Writer, a *article.Article, o Options) (Info, error) {
	e := r.encoder.Get().(*encoder)
	defer r.encoder.Put(e)
	ps := r.photos.Get().(*photoScratch)
	defer r.photos.Put(ps)
	// A JPEG card's picture may stay partly in planes (see cardPlanes).
	var lazy *cardPlanes
	lazyOut := &lazy
	if o.Format == FormatPNG {
		lazyOut = nil
	}
	img, info, err := r.draw(a, o, &e.canvas, ps, lazyOut)
	if err != nil {
		return info, err
	}
	if info.Format == FormatJPEG {
		q := o.Quality
		if q <= 0 || q > 100 {
			q = 85
		}
		return info, e.writeJPEG(w, img, q, lazy)
	}
	return info, e.writePNG(w, img)
}

// Bytes is Render into a byte slice.
func (r *Renderer) Bytes(a *article.Article, o Options) ([]byte, Info, error) {
	var b bytes.Buffer
	info, err := r.Render(&b, a, o)
	if err != nil {
		return nil, info, err
	}
	return b.Bytes(), info, nil
}

// Image draws the card for a and returns it unencoded, for callers with
// their own encoder. The image is opaque.
func (r *Renderer) Image(a *article.Article, o Options) (*image.RGBA, Info, error) {
	return r.draw(a, o, nil, nil, nil)
}

// draw draws the card, into *reuse if it has the right size (replacing
// *reuse otherwise) or into a new image when reuse is nil. ps is the photo
// scratch to use (nil: one from the pool for this call). When lazy is
// non-nil and the photo layout drew a JPEG lead image, the image's tiles
// that nothing was drawn on are left in the planes *lazy points to (in
// ps), not on img.
func (r *Renderer) draw(a *article.Article, o Options, reuse **image.RGBA, ps *photoScratch, lazy **cardPlanes) (img *image.RGBA, info Info, err error) {
	info = Info{Size: o.Size, Layout: o.Layout, Format: o.Format}
	if info.Size == (Size{}) {
		info.Size = OpenGraph()
	}
	if err := info.Size.check(); err != nil {
		return nil, info, err
	}
	if info.Format == FormatAuto {
		info.Format = FormatPNG
		if info.Layout == LayoutPhoto {
			info.Format = FormatJPEG
		}
	}
	if info.Layout < LayoutStandard || info.Layout > LayoutKeyPoint {
		return nil, info, fmt.Errorf("card: unknown layout %d", int(info.Layout))
	}
	if info.Format < FormatAuto || info.Format > FormatJPEG {
		return nil, info, fmt.Errorf("card: unknown format %d", int(info.Format))
	}
	if a == nil || strings.TrimSpace(a.SocialTitle()) == "" {
		return nil, info, ErrNoHeadline
	}
	st := r.states.Get().(*state)
	defer func() {
		// The font and image decoders are not hardened against every
		// malformed file: a panic on such input becomes an error, and the
		// scratch state it may have left half-updated is dropped.
		if p := recover(); p != nil {
			img, err = nil, fmt.Errorf("card: cannot render with this input: %v", p)
			return
		}
		r.states.Put(st)
	}()
	var photo image.Image
	var planes *jpegPlanes
	if info.Layout == LayoutPhoto {
		photo = o.Image
		if ps == nil {
			ps = r.photos.Get().(*photoScratch)
			defer r.photos.Put(ps)
		}
		if photo == nil && len(o.ImageData) > 0 {
			if planes, photo, err = decodePhoto(o.ImageData, info.Size, o.focus(), ps); err != nil {
				return nil, info, err
			}
		}
		if planes == nil && (photo == nil || photo.Bounds().Empty()) {
			return nil, info, ErrNoImage
		}
		if yc, ok := photo.(*image.YCbCr); ok && planes == nil {
			planes = ycbcrPlanes(yc) // what image/jpeg decodes to: no RGBA copy
		}
	}
	if o.Labels.Zone == nil && a.Site != nil && a.Site.TimeZone != "" {
		// The site's zone, checked by article.Check; one this machine's
		// zone database lacks leaves each time in its own offset.
		o.Labels.Zone, _ = r.zones.Load(a.Site.TimeZone)
	}
	o.Labels = o.Labels.localised(a.Language)
	if info.Format != FormatJPEG {
		lazy = nil
	}
	d := &drawer{r: r, st: st, a: a, o: o, info: &info, planes: planes, ps: ps, lazy: lazy,
		c:    canvas{img: newCanvas(reuse, info.Size), skip: r.noPaint},
		lang: language.NewLanguage(a.Language), rtl: o.Direction.rtl(a.Language)}
	d.u = math.Min(float64(info.Size.Width)/1200, float64(info.Size.Height)/630)
	switch info.Layout {
	case LayoutStandard:
		err = d.standard()
	case LayoutPhoto:
		err = d.photo(photo)
	case LayoutKeyPoint:
		err = d.keyPoint()
	}
	if err != nil {
		return nil, info, err
	}
	if !o.AllowMissingGlyphs && len(info.Missing) > 0 {
		return nil, info, r.missingError(info.Missing)
	}
	return d.c.img, info, nil
}

// drawer draws one card.
type drawer struct {
	r    *Renderer
	st   *state
	a    *article.Article
	o    Options
	info *Info
	c    canvas
	// planes is the lead image from the scaled JPEG decoder (photo
	// layout; nil when the image came decoded or is not a plain JPEG),
	// ps the scratch it lives in.
	planes *jpegPlanes
	ps     *photoScratch
	lazy   **cardPlanes // where to leave the planes for the JPEG writer; nil: convert all
	u      float64      // scale: 1 at 1200×630
	lang   language.Language
	rtl    bool // the card is mirrored (right-to-left language)
}

func (d *drawer) px(v float64) int { return int(math.Round(v * d.u)) }

// font returns the *Font a shaped run's face belongs to.
func (d *drawer) fontOf(face *font.Face) *Font {
	for f, fc := range d.st.faces {
		if fc == face {
			return f
		}
	}
	return nil
}

// note records missing graphemes once each.
func (d *drawer) note(missing []string) {
next:
	for _, m := range missing {
		for _, have := range d.info.Missing {
			if have == m {
				continue next
			}
		}
		d.info.Missing = append(d.info.Missing, m)
	}
}

// setText lays s out in a box w×h wide with sty (fitting it when
// sty.minPx < sty.maxPx).
func (d *drawer) setText(s string, sty style, w, h float64) para {
	sty.lang = d.lang
	sty.rtlContext = d.rtl
	if d.r.sys != nil {
		bold := len(sty.fonts) > 0 && len(d.r.headF) > 0 && &sty.fonts[0] == &d.r.headF[0]
		sty.extra = func(g []rune) *Font { return d.r.sys.find(g, bold) }
	}
	p := d.st.prepare(s, &sty)
	pa := d.st.fit(p, &sty, w, h)
	d.note(pa.missing)
	return pa
}

// align says where lines sit in their box.
type align int

const (
	alignStart  align = iota // left, or right for RTL text or an RTL card
	alignCenter              // centred
)

// drawPara draws pa with its first line's top at y, in a box from x to
// x+w, in colour col, clipped to clip.
func (d *drawer) drawPara(pa *para, x, y, w float64, al align, col color.RGBA, clip image.Rectangle) {
	for i, ln := range pa.lines {
		base := math.Round(y + pa.ascent + float64(i)*pa.pitch)
		pen := x + ln.lead
		switch {
		case al == alignCenter:
			pen = x + (w-ln.inkWidth())/2 + ln.lead
		case pa.rtl || d.rtl:
			pen = x + w - fx(ln.width) - ln.trail
		}
		for _, run := range ln.runs {
			f := d.fontOf(run.Face)
			for _, g := range run.Glyphs {
				gx := pen + fx(g.XOffset)
				pen += fx(g.Advance)
				if g.GlyphID == 0 || f == nil || (pa.hide != nil && g.TextIndex() < len(pa.hide) && pa.hide[g.TextIndex()]) {
					continue // no font has it: reported in Info.Missing, never drawn
				}
				ix := math.Floor(gx)
				sub := uint8(math.Floor((gx - ix) * subpixels))
				if d.c.skip {
					continue
				}
				gi := d.st.glyph(&d.r.glyphs, f, g.GlyphID, run.Size.Round(), sub)
				if gi == nil {
					continue
				}
				gy := int(base - fx(g.YOffset))
				if gi.mask != nil {
					d.c.mask(gi.mask, int(ix)+gi.dx, gy+gi.dy, col, clip)
				} else {
					d.c.image(gi.color, int(ix)+gi.dx, gy+gi.dy, clip)
				}
			}
		}
	}
}

// siteName is the site's name, else the article URL's host.
func (d *drawer) siteName() string {
	if d.a.Site != nil && strings.TrimSpace(d.a.Site.Name) != "" {
		return d.a.Site.Name
	}
	return d.domain()
}

// domain is the host of the site (or article) URL without "www.".
func (d *drawer) domain() string {
	raw := d.a.URL
	if d.a.Site != nil && d.a.Site.URL != "" {
		raw = d.a.Site.URL
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// label is the section label: the kicker unless it just says "breaking"
// (the badge says that), else the section.
func (d *drawer) label() string {
	k := strings.TrimSpace(d.a.Kicker)
	if k != "" && !(d.a.Breaking && strings.EqualFold(k, "breaking")) {
		return k
	}
	return strings.TrimSpace(d.a.Section)
}

// newCanvas returns a W×H image, reusing *reuse when it fits. Every layout
// paints every pixel, so a reused image needs no clearing.
func newCanvas(reuse **image.RGBA, s Size) *image.RGBA {
	rect := image.Rect(0, 0, s.Width, s.Height)
	if reuse == nil {
		return image.NewRGBA(rect)
	}
	if *reuse == nil || (*reuse).Rect != rect {
		*reuse = image.NewRGBA(rect)
	}
	return *reuse
}
