package card

import (
	"image"
	"image/color"
)

// Theme is a card's look: colours, fonts, logo and spacing. The zero value
// of every field means "use the default" (DefaultTheme), so a Theme that
// sets only Accent is a complete theme. Colours with zero alpha are unset.
type Theme struct {
	// Background fills the card (standard and key-point layouts).
	Background color.RGBA
	// Text colours the headline and the key point.
	Text color.RGBA
	// Muted colours the standfirst, site name and footer.
	Muted color.RGBA
	// Accent fills the section label's tile, the logo tile and the key
	// point's bar.
	Accent color.RGBA
	// AccentText colours text drawn on Accent.
	AccentText color.RGBA
	// Breaking fills the BREAKING badge.
	Breaking color.RGBA
	// BreakingText colours the BREAKING badge's label.
	BreakingText color.RGBA
	// Rule colours the footer's divider line.
	Rule color.RGBA
	// Scrim is the dark colour laid over the photo layout's image behind
	// the text; its alpha is the scrim's strongest opacity.
	Scrim color.RGBA

	// Bold is the headline and label font; nil means Go Bold.
	Bold *Font
	// Regular is the standfirst, key point and footer font; nil means Go
	// Regular.
	Regular *Font
	// Fallback fonts are tried in order, per grapheme cluster, for text
	// the Regular font cannot draw (and the Bold font, when FallbackBold
	// is empty): script fonts (Noto Sans Arabic, Hebrew, CJK) and an emoji
	// font (Noto Color Emoji). Emoji-presentation graphemes prefer a colour
	// font from the list.
	Fallback []*Font
	// FallbackBold fonts are tried in order for text the Bold font cannot
	// draw (headline, labels): the bold cuts of the Fallback fonts. Empty
	// means Fallback, so a standfirst is never set in a bold fallback
	// unless the theme says so.
	FallbackBold []*Font
	// NoSystemFonts turns off the search of the system's fonts. By
	// default, a grapheme that neither the theme's fonts nor its fallbacks
	// can draw is looked up in the fonts installed on the machine (through
	// go-text's fontscan, in the fontconfig directories), in the weight
	// the text asks for, before the card gives up on it. Set it when cards
	// must not depend on the machine they are drawn on.
	NoSystemFonts bool
	// FontCacheDir is where the system font search keeps its index of the
	// machine's fonts (built by a scan on first use, then reused and
	// refreshed); empty means the user's cache directory.
	FontCacheDir string

	// Logo, if set, is drawn in the header instead of the site name's
	// initial tile. It is scaled to the header height, keeping its aspect
	// ratio.
	Logo image.Image
	// Padding is the margin around the card's content in pixels at a
	// 1200-pixel-wide card; it scales with the card's width. 0 means 64.
	Padding int
	// Radius is the corner radius of badges and tiles in pixels at 1200
	// wide. 0 means 10; a negative value means square corners.
	Radius int
	// Dateline sets how the footer's date is written, as a time.Format
	// layout; empty means "2 Jan 2006".
	Dateline string
}

// DefaultTheme returns broadsheet's default theme: a deep navy card, warm
// white headline, amber accent and a red BREAKING badge, set in the Go
// fonts.
func DefaultTheme() Theme {
	return Theme{
		Background:   color.RGBA{0x0f, 0x17, 0x2a, 0xff},
		Text:         color.RGBA{0xf8, 0xf5, 0xee, 0xff},
		Muted:        color.RGBA{0xa3, 0xb1, 0xc6, 0xff},
		Accent:       color.RGBA{0xf5, 0xb1, 0x2e, 0xff},
		AccentText:   color.RGBA{0x0f, 0x17, 0x2a, 0xff},
		Breaking:     color.RGBA{0xdc, 0x26, 0x26, 0xff},
		BreakingText: color.RGBA{0xff, 0xff, 0xff, 0xff},
		Rule:         color.RGBA{0x33, 0x41, 0x55, 0xff},
		Scrim:        color.RGBA{0x05, 0x0a, 0x14, 0xe6},
		Padding:      64,
		Radius:       10,
		Dateline:     "2 Jan 2006",
	}
}

// resolved fills the zero fields of t from the defaults.
func (t Theme) resolved(bold, regular *Font) Theme {
	d := DefaultTheme()
	set := func(c *color.RGBA, def color.RGBA) {
		if c.A == 0 {
			*c = def
		}
	}
	set(&t.Background, d.Background)
	set(&t.Text, d.Text)
	set(&t.Muted, d.Muted)
	set(&t.Accent, d.Accent)
	set(&t.AccentText, d.AccentText)
	set(&t.Breaking, d.Breaking)
	set(&t.BreakingText, d.BreakingText)
	set(&t.Rule, d.Rule)
	set(&t.Scrim, d.Scrim)
	if t.Bold == nil {
		t.Bold = bold
	}
	if t.Regular == nil {
		t.Regular = regular
	}
	if t.Padding == 0 {
		t.Padding = d.Padding
	}
	if t.Radius == 0 {
		t.Radius = d.Radius
	}
	if t.Radius < 0 {
		t.Radius = 0
	}
	if t.Dateline == "" {
		t.Dateline = d.Dateline
	}
	return t
}
