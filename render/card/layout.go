package card

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"

	xdraw "golang.org/x/image/draw"
)

// Geometry below is in pixels of a 1200×630 card; d.px scales it.

// header draws the site's logo, or an initial tile and its name, at the
// top start corner (top right on a right-to-left card), and returns the
// header's bottom edge.
func (d *drawer) header(nameColor color.RGBA) float64 {
	t := &d.r.theme
	pad := float64(d.px(float64(t.Padding)))
	hh := float64(d.px(56))
	W := float64(d.c.img.Rect.Dx())
	full := d.c.img.Rect
	if t.Logo != nil && !t.Logo.Bounds().Empty() {
		lb := t.Logo.Bounds()
		w := math.Min(hh*float64(lb.Dx())/float64(lb.Dy()), float64(d.px(420)))
		h := w * float64(lb.Dy()) / float64(lb.Dx())
		dst := image.NewRGBA(image.Rect(0, 0, int(math.Round(w)), int(math.Round(h))))
		xdraw.CatmullRom.Scale(dst, dst.Rect, t.Logo, lb, xdraw.Over, nil)
		x := pad
		if d.rtl {
			x = W - pad - float64(dst.Rect.Dx())
		}
		d.c.image(dst, int(x), int(pad+(hh-h)/2), full)
		return pad + hh
	}
	name := d.siteName()
	tileX := pad
	if d.rtl {
		tileX = W - pad - hh
	}
	tile := image.Rect(int(tileX), int(pad), int(tileX+hh), int(pad+hh))
	d.c.roundRect(d.st, tile, float64(d.px(float64(t.Radius))), t.Accent)
	if initial := firstGrapheme(d.st, name); initial != "" {
		pa := d.setText(initial, style{fonts: d.r.headF, minPx: d.px(34), maxPx: d.px(34), maxLines: 1, lineHeight: 1, upper: true}, hh, hh)
		d.drawPara(&pa, tileX, pad+(hh-pa.height())/2, hh, alignCenter, t.AccentText, full)
	}
	x := pad + hh + float64(d.px(18))
	w := W - x - pad
	if d.rtl {
		x = pad
	}
	pa := d.setText(name, style{fonts: d.r.headF, minPx: d.px(24), maxPx: d.px(30), maxLines: 1, lineHeight: 1.1}, w, hh)
	d.drawPara(&pa, x, pad+(hh-pa.height())/2, w, alignStart, nameColor, full)
	return pad + hh
}

func firstGrapheme(st *state, s string) string {
	rs := []rune(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "The ")))
	if len(rs) == 0 {
		return ""
	}
	st.graphemes.Init(rs)
	it := st.graphemes.GraphemeIterator()
	if it.Next() {
		return string(it.Grapheme().Text)
	}
	return ""
}

// badge draws a filled pill with label starting at x (its left edge, or
// its right edge on a right-to-left card) and returns where the next item
// starts; it draws nothing and returns x for an empty label.
func (d *drawer) badge(x, y float64, label string, fill, ink color.RGBA) float64 {
	if strings.TrimSpace(label) == "" {
		return x
	}
	t := &d.r.theme
	h := float64(d.px(38))
	padX := float64(d.px(14))
	room := float64(d.c.img.Rect.Dx()) - x - 2*padX
	if d.rtl {
		room = x - 2*padX
	}
	pa := d.setText(label, style{fonts: d.r.headF, minPx: d.px(21), maxPx: d.px(21), maxLines: 1, lineHeight: 1, tracking: 0.08, upper: true}, room, h)
	w := pa.width() + 2*padX
	left := x
	if d.rtl {
		left = x - w
	}
	d.c.roundRect(d.st, image.Rect(int(left), int(y), int(math.Round(left+w)), int(y+h)), float64(d.px(float64(t.Radius)))*0.7, fill)
	d.drawPara(&pa, left+padX, y+(h-pa.height())/2, pa.width(), alignStart, ink, d.c.img.Rect)
	if d.rtl {
		return left
	}
	return x + w
}

// labels draws the BREAKING badge, an extra badge and the section label
// below the header, from the start side, and returns their bottom edge.
func (d *drawer) labels(top float64, extra string) float64 {
	t := &d.r.theme
	pad := float64(d.px(float64(t.Padding)))
	W := float64(d.c.img.Rect.Dx())
	y := top + float64(d.px(30))
	gap := float64(d.px(18))
	x := pad
	if d.rtl {
		x, gap = W-pad, -gap
	}
	h := float64(d.px(38))
	drew := false
	if d.a.Breaking {
		x = d.badge(x, y, d.o.Labels.breaking(), t.Breaking, t.BreakingText) + gap
		drew = true
	}
	if extra != "" {
		x = d.badge(x, y, extra, t.Accent, t.AccentText) + gap
		drew = true
	}
	if l := d.label(); l != "" {
		w, left := W-x-pad, x
		if d.rtl {
			w, left = x-pad, pad
		}
		pa := d.setText(l, style{fonts: d.r.headF, minPx: d.px(21), maxPx: d.px(21), maxLines: 1, lineHeight: 1, tracking: 0.08, upper: true}, w, h)
		d.drawPara(&pa, left, y+(h-pa.height())/2, w, alignStart, t.Accent, d.c.img.Rect)
		drew = true
	}
	if !drew {
		return top
	}
	return y + h
}

// footer draws the divider, the domain and the date, and returns the
// divider's top edge.
func (d *drawer) footer(ink, rule color.RGBA, withRule bool) float64 {
	t := &d.r.theme
	W := float64(d.c.img.Rect.Dx())
	pad := float64(d.px(float64(t.Padding)))
	textH := float64(d.px(30))
	top := d.footerTop()
	if withRule {
		d.c.fill(image.Rect(int(pad), int(top), int(W-pad), int(top)+max(1, d.px(2))), rule)
	}
	y := top + float64(d.px(22))
	sty := style{fonts: d.r.textF, minPx: d.px(24), maxPx: d.px(24), maxLines: 1, lineHeight: 1.1}
	var date para
	dw := 0.0
	if !d.a.Published.IsZero() || d.o.ReadingMinutes > 0 {
		var parts []string
		if !d.a.Published.IsZero() {
			parts = append(parts, d.o.Labels.date(d.a.Published, t.Dateline))
		}
		if d.o.ReadingMinutes > 0 {
			parts = append(parts, d.o.Labels.readingTime(d.o.ReadingMinutes))
		}
		date = d.setText(strings.Join(parts, " · "), sty, W/2-pad, textH)
		dw = date.width()
		x := W - pad - dw // the end side: right, or left when mirrored
		if d.rtl {
			x = pad
		}
		d.drawPara(&date, x, y, dw, alignStart, ink, d.c.img.Rect)
	}
	if dom := d.domain(); dom != "" {
		w := W - 2*pad - dw - float64(d.px(24))
		x := pad
		if d.rtl {
			x = W - pad - w
		}
		pa := d.setText(dom, sty, w, textH)
		pa.rtl = false
		d.drawPara(&pa, x, y, w, alignStart, ink, d.c.img.Rect)
	}
	return top
}

// footerTop is the footer's top edge (its divider).
func (d *drawer) footerTop() float64 {
	H := float64(d.c.img.Rect.Dy())
	return H - float64(d.px(float64(d.r.theme.Padding))) - float64(d.px(30)) - float64(d.px(22))
}

// standard draws the standard layout.
func (d *drawer) standard() error {
	t := &d.r.theme
	d.c.fill(d.c.img.Rect, t.Background)
	W := float64(d.c.img.Rect.Dx())
	pad := float64(d.px(float64(t.Padding)))
	top := d.labels(d.header(t.Text), "") + float64(d.px(28))
	bottom := d.footer(t.Muted, t.Rule, true) - float64(d.px(26))
	w := W - 2*pad

	// Taller cards than 1200×630 (square, portrait) give the headline
	// more room: a larger maximum size and more lines.
	tall := min(max(float64(d.c.img.Rect.Dy())*1200/(W*630), 1), 1.5)
	extra := int(math.Round((tall - 1) * 4))
	head := d.fit(style{fonts: d.r.headF, minPx: d.px(40), maxPx: d.px(80 * tall), maxLines: 4 + extra, lineHeight: 1.12})
	standfirst := strings.TrimSpace(d.a.Standfirst)
	if standfirst == "" {
		standfirst = d.keyPointText(0)
	}
	var sf para
	gap := float64(d.px(22))
	if standfirst != "" {
		sf = d.setText(standfirst, style{fonts: d.r.textF, minPx: d.px(28), maxPx: d.px(28), maxLines: 2 + extra/2, lineHeight: 1.3}, w, bottom-top)
	}
	boxH := bottom - top - sf.height() - gap
	hl := d.fitHeadline(head, w, boxH)
	// A long headline is worth more than the standfirst: drop the
	// standfirst when it would force the headline small or clamp it.
	if len(sf.lines) > 0 && (hl.truncated || hl.px < d.px(52)) {
		sf = para{}
		if d.o.Fit.MaxLines == 0 {
			head.maxLines++
		}
		boxH = bottom - top
		hl = d.fitHeadline(head, w, boxH)
	}
	// Leftover height goes a third above the text and two thirds below:
	// the block sits a little above the optical centre of its space.
	used := hl.height()
	if len(sf.lines) > 0 {
		used += gap + sf.height()
	}
	y := top + math.Max(0, bottom-top-used)/3
	d.trace("headline", &hl, pad, y, w, top, bottom-(used-hl.height()))
	d.drawPara(&hl, pad, y, w, alignStart, t.Text, d.c.img.Rect)
	if len(sf.lines) > 0 {
		d.trace("standfirst", &sf, pad, y+hl.height()+gap, w, top, bottom)
		d.drawPara(&sf, pad, y+hl.height()+gap, w, alignStart, t.Muted, d.c.img.Rect)
	}
	return nil
}

// fit applies Options.Fit to the layout's headline style.
func (d *drawer) fit(sty style) style {
	f := d.o.Fit
	if f.MinPx > 0 {
		sty.minPx = max(1, d.px(float64(f.MinPx)))
	}
	if f.MaxPx > 0 {
		sty.maxPx = max(1, d.px(float64(f.MaxPx)))
	}
	sty.maxPx = max(sty.maxPx, sty.minPx)
	if f.MaxLines > 0 {
		sty.maxLines = f.MaxLines
	}
	return sty
}

// fitHeadline fits the social headline into w×h and records the result.
func (d *drawer) fitHeadline(sty style, w, h float64) para {
	pa := d.setText(d.a.SocialTitle(), sty, w, h)
	d.info.HeadlinePx, d.info.HeadlineLines, d.info.Truncated = pa.px, len(pa.lines), pa.truncated
	return pa
}

// photo draws the headline over the lead image.
func (d *drawer) photo(src image.Image) error {
	t := &d.r.theme
	focus := d.o.focus()
	if d.planes != nil {
		switch {
		case d.c.skip:
		case d.lazy != nil:
			// A JPEG card: the picture stays in planes until drawn on.
			cp := d.ps.coverPlanes(d.c.img.Rect.Dx(), d.c.img.Rect.Dy(), d.planes, focus)
			d.c.lazy, *d.lazy = cp, cp
		default:
			d.ps.drawCoverPlanes(d.c.img, d.planes, focus)
		}
	} else {
		d.c.fill(d.c.img.Rect, t.Background)
		drawCover(d.c.img, src, focus, t.Background)
	}
	W, H := d.c.img.Rect.Dx(), d.c.img.Rect.Dy()
	pad := float64(d.px(float64(t.Padding)))
	bottom := d.footerTop() - float64(d.px(22))
	top := float64(H) * 0.40
	w := float64(W) - 2*pad
	hl := d.fitHeadline(d.fit(style{fonts: d.r.headF, minPx: d.px(38), maxPx: d.px(72), maxLines: 3, lineHeight: 1.1}), w, bottom-top)
	textTop := bottom - hl.height()

	// Scrims: one fading down from the top behind the header, and one
	// rising behind the headline, strong by the headline's first line.
	scrim := t.Scrim
	fadeFrom := textTop - 0.25*float64(H)
	var ops []uint32 // per row, for the planes
	if d.c.lazy != nil {
		ops = append(d.ps.scrim[:0], make([]uint32, H)...)
		d.ps.scrim = ops
	}
	for y := range H {
		fy := float64(y)
		a := 0.0
		if head := 0.42 * float64(H); fy < head {
			s := 1 - fy/head
			a = 0.75 * s * s * (3 - 2*s)
		}
		switch {
		case fy >= textTop:
			a = max(a, 0.88+0.12*(fy-textTop)/math.Max(1, float64(H)-textTop))
		case fy > fadeFrom:
			s := (fy - fadeFrom) / (textTop - fadeFrom)
			a = max(a, 0.88*s*s*(3-2*s))
		}
		if a <= 0 {
			continue
		}
		if d.c.skip {
			continue
		}
		// The scrim's opacity follows the square of the ramp (the look
		// the goldens were approved with): light at the edges of the
		// fades, full behind the text.
		x := math.Round(min(a, 1) * float64(scrim.A))
		op := uint32(math.Round(x * x / 255 * 256 / 255))
		if ops != nil {
			ops[y] = op
			continue
		}
		scrimRow(d.c.img.Pix[y*d.c.img.Stride:y*d.c.img.Stride+W*4], scrim, op)
	}
	if ops != nil {
		d.c.lazy.scrim(scrim, ops)
	}
	d.labels(d.header(t.Text), "")
	d.footer(t.Text, t.Rule, false)
	d.trace("headline", &hl, pad, textTop, w, top, bottom)
	d.drawPara(&hl, pad, textTop, w, alignStart, t.Text, d.c.img.Rect)
	return nil
}

// keyPoint draws one key point large, the headline as its attribution.
func (d *drawer) keyPoint() error {
	t := &d.r.theme
	n := d.o.KeyPoint
	text := d.keyPointText(n)
	switch {
	case len(d.a.KeyPoints) == 0:
		return fmt.Errorf("%w: the article has no key points", ErrNoKeyPoint)
	case n < 0 || n >= len(d.a.KeyPoints):
		return fmt.Errorf("%w: asked for key point %d, the article has %d", ErrNoKeyPoint, n+1, len(d.a.KeyPoints))
	case text == "":
		return fmt.Errorf("%w: key point %d has no text", ErrNoKeyPoint, n+1)
	}
	d.c.fill(d.c.img.Rect, t.Background)
	W := float64(d.c.img.Rect.Dx())
	pad := float64(d.px(float64(t.Padding)))
	label := d.o.Labels.keyPoint(n+1, len(d.a.KeyPoints))
	top := d.labels(d.header(t.Text), label) + float64(d.px(34))
	bottom := d.footer(t.Muted, t.Rule, true) - float64(d.px(26))
	bar := float64(d.px(8))
	indent := bar + float64(d.px(28))
	w := W - 2*pad - indent
	gap := float64(d.px(20))
	attr := d.setText(d.a.SocialTitle(), style{fonts: d.r.textF, minPx: d.px(26), maxPx: d.px(26), maxLines: 2, lineHeight: 1.3}, w, bottom-top)
	kp := d.setText(text, d.fit(style{fonts: d.r.headF, minPx: d.px(34), maxPx: d.px(64), maxLines: 5, lineHeight: 1.15}), w, bottom-top-attr.height()-gap)
	d.info.HeadlinePx, d.info.HeadlineLines, d.info.Truncated = kp.px, len(kp.lines), kp.truncated
	x := pad + indent
	barX := pad
	if kp.rtl || d.rtl {
		x, barX = pad, W-pad-bar
	}
	d.c.fill(image.Rect(int(barX), int(top), int(barX+bar), int(math.Round(top+kp.height()))), t.Accent)
	d.trace("keypoint", &kp, x, top, w, top, bottom-attr.height()-gap)
	d.drawPara(&kp, x, top, w, alignStart, t.Text, d.c.img.Rect)
	d.drawPara(&attr, x, top+kp.height()+gap, w, alignStart, t.Muted, d.c.img.Rect)
	return nil
}

func (d *drawer) trace(kind string, pa *para, x, y, w, boxTop, boxBottom float64) {
	if d.r.trace != nil {
		d.r.trace(kind, pa, x, y, w, boxTop, boxBottom)
	}
}
