package card

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// maxTextRunes bounds the text a single paragraph shapes. No card can show
// more: at the smallest sizes a 4096-pixel card holds far fewer graphemes.
// Longer text is cut (at a grapheme boundary) and always ends in an
// ellipsis.
const maxTextRunes = 1200

// style says how one paragraph is set.
type style struct {
	fonts      []*Font // primary first, then the theme's fallbacks
	minPx      int     // smallest size the fit may use
	maxPx      int     // largest size (== minPx for fixed-size text)
	maxLines   int     // 0 = no limit
	lineHeight float64 // line pitch as a multiple of the size
	tracking   float64 // letter spacing as a multiple of the size
	upper      bool    // set in capitals
	lang       language.Language
	rtlContext bool // in a right-to-left card: text with any RTL letter is RTL
	// extra, if set, finds a font outside fonts (a system font) for a
	// grapheme cluster that none of fonts has; nil when there is none.
	extra func(g []rune) *Font
}

// prepared is a paragraph's text split into bidi/script/font runs; it does
// not depend on the size, so a fit shapes it at many sizes cheaply.
type prepared struct {
	text    []rune
	inputs  []shaping.Input
	rtl     bool
	cut     bool     // the text was longer than maxTextRunes
	missing []string // graphemes no font has
	hide    []bool   // per rune: part of a grapheme no font has
}

// line is one wrapped line: its runs in visual order, left to right.
type line struct {
	runs  []shaping.Output
	width fixed.Int26_6
	// lead and trail are how far (in pixels, ≥ 0) ink reaches before the
	// line's first pen position and after its last: marks and overhanging
	// glyphs. Drawing shifts the line so that ink stays in the box.
	lead, trail float64
}

// inkWidth is the line's width including overhanging ink.
func (l *line) inkWidth() float64 { return l.lead + fx(l.width) + l.trail }

// para is a laid-out paragraph.
type para struct {
	lines     []line
	px        int
	pitch     float64 // baseline-to-baseline distance
	ascent    float64 // above the first baseline
	descent   float64 // below the last baseline
	truncated bool    // clamped with an ellipsis
	rtl       bool
	missing   []string
	hide      []bool // per rune: never drawn (no font has it)
}

// height is the paragraph's height from the top of its first line to the
// bottom of its last.
func (p *para) height() float64 {
	if len(p.lines) == 0 {
		return 0
	}
	return p.ascent + p.descent + float64(len(p.lines)-1)*p.pitch
}

// width is the widest line's advance in pixels.
func (p *para) width() float64 {
	w := 0.0
	for i := range p.lines {
		w = max(w, p.lines[i].inkWidth())
	}
	return w
}

func fx(v fixed.Int26_6) float64 { return float64(v) / 64 }

// face returns this state's face for f, creating it on first use.
func (st *state) face(f *Font) *font.Face {
	if fc, ok := st.faces[f]; ok {
		return fc
	}
	fc := f.newFace()
	st.faces[f] = fc
	return fc
}

// prepare normalises the text (whitespace runs become one space; capitals
// if the style asks), picks a font per grapheme cluster and splits it into
// runs.
func (st *state) prepare(s string, sty *style) *prepared {
	s = collapseSpace(s)
	if sty.upper {
		s = strings.ToUpper(s)
	}
	p := &prepared{text: []rune(s)}
	if len(p.text) == 0 {
		return p
	}
	if len(p.text) > maxTextRunes {
		// Cut at a grapheme boundary at or before the limit.
		st.graphemes.Init(p.text)
		it := st.graphemes.GraphemeIterator()
		end := 0
		for it.Next() {
			g := it.Grapheme()
			if g.Offset+len(g.Text) > maxTextRunes {
				break
			}
			end = g.Offset + len(g.Text)
		}
		p.text, p.cut = p.text[:end:end], true
	}
	p.rtl = isRTL(p.text) || (sty.rtlContext && hasRTL(p.text))
	faceOf := st.assignFonts(p, sty)

	dir := di.DirectionLTR
	if p.rtl {
		dir = di.DirectionRTL
	}
	primary := st.face(sty.fonts[0])
	runs := st.seg.Split(shaping.Input{
		Text: p.text, RunEnd: len(p.text), Direction: dir,
		Face: primary, Language: sty.lang,
	}, fixedMap{primary})
	for _, in := range runs {
		start := in.RunStart
		for i := in.RunStart + 1; i <= in.RunEnd; i++ {
			if i < in.RunEnd && faceOf[i] == faceOf[start] {
				continue
			}
			sub := in
			sub.Text = p.text
			sub.RunStart, sub.RunEnd = start, i
			sub.Face = st.face(sty.fonts[faceOf[start]])
			p.inputs = append(p.inputs, sub)
			start = i
		}
	}
	return p
}

// collapseSpace trims s and turns each run of white space (newlines, tabs)
// into one space; a run holding an ideographic space (U+3000) becomes that,
// since CJK text uses it as a full-width gap.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := rune(0)
	for _, r := range s {
		if unicode.IsSpace(r) {
			if pending != '\u3000' {
				pending = ' '
				if r == '\u3000' {
					pending = r
				}
			}
			continue
		}
		if pending != 0 && b.Len() > 0 {
			b.WriteRune(pending)
		}
		pending = 0
		b.WriteRune(r)
	}
	return b.String()
}

// fixedMap resolves every rune to one face: the segmenter then splits only
// by direction and script; fonts are chosen per grapheme by assignFonts.
type fixedMap struct{ f *font.Face }

func (m fixedMap) ResolveFace(rune) *font.Face { return m.f }

// assignFonts returns, for each rune, the index in fonts of the font that
// draws its grapheme cluster: the first font that has every rune of the
// cluster, preferring a colour font for emoji. Whitespace stays in the
// font of the text before it unless that is a colour (emoji) font, whose
// spaces are emoji-wide. Clusters no font has are recorded in
// p.missing and left to the primary font, whose glyph for them (.notdef)
// is never drawn. A cluster none of sty.fonts has is first offered to
// sty.extra; a font it finds is appended to (a copy of) sty.fonts.
func (st *state) assignFonts(p *prepared, sty *style) []int {
	fonts := sty.fonts
	defer func() { sty.fonts = fonts }()
	if cap(st.faceOf) < len(p.text) {
		st.faceOf = make([]int, len(p.text))
	}
	faceOf := st.faceOf[:len(p.text)]
	st.graphemes.Init(p.text)
	it := st.graphemes.GraphemeIterator()
	prev := 0
	for it.Next() {
		g := it.Grapheme()
		idx := -1
		if isSpace(g.Text) && !fonts[prev].color && fonts[prev].Has(' ') {
			idx = prev
		} else {
			idx = pickFont(fonts, g.Text)
		}
		if idx < 0 && sty.extra != nil {
			if f := sty.extra(g.Text); f != nil {
				idx = slices.Index(fonts, f)
				if idx < 0 {
					fonts = append(slices.Clip(fonts), f)
					idx = len(fonts) - 1
				}
			}
		}
		if idx < 0 {
			p.missing = append(p.missing, string(g.Text))
			if p.hide == nil {
				p.hide = make([]bool, len(p.text))
			}
			for i := range g.Text {
				p.hide[g.Offset+i] = true
			}
			idx = 0
		}
		for i := range g.Text {
			faceOf[g.Offset+i] = idx
		}
		prev = idx
	}
	return faceOf
}

func isSpace(g []rune) bool {
	for _, r := range g {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

func pickFont(fonts []*Font, g []rune) int {
	if isEmoji(g) {
		for i, f := range fonts {
			if f.color && covers(f, g) {
				return i
			}
		}
	}
	for i, f := range fonts {
		if covers(f, g) {
			return i
		}
	}
	return -1
}

// covers reports whether f has a glyph for every rune of the cluster g
// that needs one (joiners and variation selectors need none).
func covers(f *Font, g []rune) bool {
	for _, r := range g {
		if r == 0x200D || r == 0x200C || (r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF) {
			continue
		}
		if !f.Has(r) {
			return false
		}
	}
	return true
}

// isEmoji reports whether a cluster asks for emoji presentation: an
// emoji-presentation selector, a keycap, a ZWJ sequence, or a pictograph
// from the emoji blocks.
func isEmoji(g []rune) bool {
	for _, r := range g {
		switch {
		case r == 0xFE0F, r == 0x20E3, r == 0x200D && len(g) > 1:
			return true
		case r >= 0x1F000 && r <= 0x1FAFF:
			return true
		}
	}
	return false
}

// isRTL reports whether the paragraph's first strong character is
// right-to-left (UAX #9 rules P2–P3, with letters as strong L).
func isRTL(text []rune) bool {
	for _, r := range text {
		switch {
		case unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko,
			unicode.Samaritan, unicode.Mandaic, unicode.Adlam):
			return true
		case unicode.IsLetter(r):
			return false
		}
	}
	return false
}

// hasRTL reports whether text has a right-to-left letter.
func hasRTL(text []rune) bool {
	for _, r := range text {
		if r >= 0x0590 && unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko,
			unicode.Samaritan, unicode.Mandaic, unicode.Adlam) {
			return true
		}
	}
	return false
}

// shape shapes every run of p at px pixels.
func (st *state) shape(p *prepared, px int, sty *style) []shaping.Output {
	outs := make([]shaping.Output, len(p.inputs))
	for i, in := range p.inputs {
		in.Size = fixed.I(px)
		outs[i] = st.shaper.Shape(in)
	}
	if sty.tracking != 0 {
		shaping.AddSpacing(outs, p.text, 0, fixed.Int26_6(math.Round(sty.tracking*float64(px)*64)))
	}
	return outs
}

// wrap shapes p at px and breaks it into lines of at most maxW pixels
// (UAX #14 opportunities; inside a word only when the word alone is too
// wide, and then at grapheme boundaries). With maxLines > 0 the last line
// ends in an ellipsis when text is cut.
func (st *state) wrap(p *prepared, px int, maxW float64, maxLines int, sty *style) para {
	return st.wrapPolicy(p, px, maxW, maxLines, sty, shaping.WhenNecessary)
}

// wrapPolicy is wrap with a chosen policy for breaking inside words.
func (st *state) wrapPolicy(p *prepared, px int, maxW float64, maxLines int, sty *style, policy shaping.LineBreakPolicy) para {
	out := para{px: px, rtl: p.rtl, missing: p.missing, hide: p.hide, pitch: sty.lineHeight * float64(px)}
	if len(p.inputs) == 0 {
		return out
	}
	outs := st.shape(p, px, sty)
	dir := di.DirectionLTR
	if p.rtl {
		dir = di.DirectionRTL
	}
	cfg := shaping.WrapConfig{Direction: dir, BreakPolicy: policy}
	if maxLines > 0 {
		cfg.TruncateAfterLines = maxLines
		cfg.TextContinues = p.cut
		cfg.Truncator = st.ellipsis(sty, px, dir)
	}
	lines, truncated := st.wrapper.WrapParagraphF(cfg, fixed.Int26_6(maxW*64), p.text, shaping.NewSliceIterator(outs))
	out.truncated = truncated > 0 || (maxLines > 0 && p.cut)
	// Lines are spaced by the fonts' ascent and descent; the first line's
	// ink may rise above that (stacked marks) and the last line's may
	// drop below it, so the paragraph's top and bottom cover both.
	for i, l := range lines {
		ln := line{runs: make([]shaping.Output, len(l))}
		for _, r := range l {
			ln.runs[r.VisualIndex] = r
			ln.width += r.Advance
			out.ascent = max(out.ascent, fx(r.LineBounds.Ascent))
			out.descent = max(out.descent, -fx(r.LineBounds.Descent))
			if i == 0 {
				out.ascent = max(out.ascent, fx(r.GlyphBounds.Ascent))
			}
			if i == len(lines)-1 {
				out.descent = max(out.descent, -fx(r.GlyphBounds.Descent))
			}
		}
		pen := 0.0
		for _, r := range ln.runs {
			for _, g := range r.Glyphs {
				if g.Width != 0 {
					left := pen + fx(g.XOffset) + fx(g.XBearing)
					ln.lead = max(ln.lead, -left)
					ln.trail = max(ln.trail, left+fx(g.Width)-fx(ln.width))
				}
				pen += fx(g.Advance)
			}
		}
		out.lines = append(out.lines, ln)
	}
	return out
}

// ellipsis shapes "…" in the first font that has it.
func (st *state) ellipsis(sty *style, px int, dir di.Direction) shaping.Output {
	text := []rune{'…'}
	f := sty.fonts[0]
	for _, c := range sty.fonts {
		if c.Has('…') {
			f = c
			break
		}
	}
	if !f.Has('…') {
		text = []rune("...")
	}
	return st.shaper.Shape(shaping.Input{
		Text: text, RunEnd: len(text), Direction: dir, Face: st.face(f),
		Size: fixed.I(px), Script: language.Common, Language: sty.lang,
	})
}

// fit sets p in a box of w×h pixels: the largest size in
// [minPx, maxPx] at which the wrapped text fits in maxLines and in the
// box's height; if even minPx does not fit, the text is set at minPx and
// clamped, with an ellipsis, to the lines that fit. The result never
// overflows the box, and an ellipsis never splits a grapheme cluster.
func (st *state) fit(p *prepared, sty *style, w, h float64) para {
	// A one-line label (badge, name, date) is drawn even when the
	// script's line is taller than its box (Arabic and Devanagari fonts
	// have tall ascents and deep descents): it is centred on the box and
	// may reach a little past it, rather than vanish.
	if sty.maxLines == 1 && sty.minPx >= sty.maxPx {
		h = 1e9
	}
	fits := func(pa *para) bool {
		return len(pa.lines) <= max(sty.maxLines, 1) && pa.height() <= h && pa.width() <= w
	}
	lo, hi := sty.minPx, max(sty.maxPx, sty.minPx)
	var best para
	found := false
	// Try the largest size first: short headlines are the common case.
	if pa := st.wrap(p, hi, w, 0, sty); !p.cut && fits(&pa) {
		return pa
	}
	hi--
	for lo <= hi {
		mid := (lo + hi) / 2
		pa := st.wrap(p, mid, w, 0, sty)
		if !p.cut && fits(&pa) {
			best, found = pa, true
			lo = mid + 1
		} else {
			hi = mid - 1
		}
	}
	if found {
		return best
	}
	// Clamp at the minimum size to the lines that fit the height.
	px := sty.minPx
	probe := st.wrap(p, px, w, 1, sty)
	n := sty.maxLines
	if n <= 0 {
		n = math.MaxInt32
	}
	if probe.pitch > 0 {
		byHeight := 1 + int(math.Floor((h-probe.ascent-probe.descent)/probe.pitch))
		n = min(n, byHeight)
	}
	ok := func(pa *para, n int) bool { return pa.height() <= h && pa.width() <= w && len(pa.lines) <= n }
	for ; n >= 1; n-- {
		// Prefer an ellipsis after a whole word; words wider than the box
		// (and text without spaces) are cut at a grapheme boundary.
		if pa := st.wrapPolicy(p, px, w, n, sty, shaping.Never); ok(&pa, n) {
			return pa
		}
		pa := st.wrap(p, px, w, n, sty)
		if over := pa.width() - w; over > 0 {
			// Overhanging ink: wrap narrower by the overhang.
			pa = st.wrap(p, px, w-over, n, sty)
		}
		if ok(&pa, n) {
			return pa
		}
	}
	return para{px: px, rtl: p.rtl, missing: p.missing, hide: p.hide, truncated: true}
}
