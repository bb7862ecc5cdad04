package card

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Size is a card's width and height in pixels. The zero Size means
// OpenGraph (1200×630).
type Size struct {
	Width, Height int
}

// Card size limits (X accepts up to 4096×4096 and at least 300×157).
const (
	// MinSide is the smallest width or height of a card, in pixels.
	MinSide = 100
	// MaxSide is the largest width or height of a card, in pixels.
	MaxSide = 4096
)

// OpenGraph returns 1200×630, the Open Graph size Facebook and LinkedIn
// show (about 1.91:1).
func OpenGraph() Size { return Size{1200, 630} }

// XCard returns 1200×675, the size X recommends for in-post images.
func XCard() Size { return Size{1200, 675} }

// Square returns 1080×1080.
func Square() Size { return Size{1080, 1080} }

// ErrSize is returned (wrapped) for a size outside [MinSide]..[MaxSide] or
// one that does not parse.
var ErrSize = errors.New("card: bad size")

// ParseSize reads "1200x630" (any WxH), or a preset name: "og" or
// "opengraph" (1200×630), "x" or "twitter" (1200×675), "square"
// (1080×1080).
func ParseSize(s string) (Size, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "og", "opengraph", "facebook", "linkedin":
		return OpenGraph(), nil
	case "x", "twitter":
		return XCard(), nil
	case "square":
		return Square(), nil
	}
	ws, hs, ok := strings.Cut(strings.ToLower(s), "x")
	if !ok {
		return Size{}, fmt.Errorf("%w: %q (want WxH, og, x or square)", ErrSize, s)
	}
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if err1 != nil || err2 != nil {
		return Size{}, fmt.Errorf("%w: %q (want WxH, og, x or square)", ErrSize, s)
	}
	sz := Size{w, h}
	if err := sz.check(); err != nil {
		return Size{}, err
	}
	return sz, nil
}

func (s Size) check() error {
	if s.Width < MinSide || s.Height < MinSide || s.Width > MaxSide || s.Height > MaxSide {
		return fmt.Errorf("%w: %dx%d (each side must be %d..%d)", ErrSize, s.Width, s.Height, MinSide, MaxSide)
	}
	return nil
}

// String returns "WxH".
func (s Size) String() string { return strconv.Itoa(s.Width) + "x" + strconv.Itoa(s.Height) }

// Layout picks what a card shows.
type Layout int

const (
	// LayoutStandard, the zero value, shows the site name or logo, a
	// section label or BREAKING badge, the headline, the standfirst (or
	// first key point) and a footer with the domain and date.
	LayoutStandard Layout = iota
	// LayoutPhoto lays the headline over the lead image, cover-cropped to
	// the card under a scrim. It needs Options.Image or Options.ImageData.
	LayoutPhoto
	// LayoutKeyPoint shows one key point large, with the headline as its
	// attribution.
	LayoutKeyPoint
)

var layoutNames = [...]string{"standard", "photo", "keypoint"}

// String returns the layout's name: "standard", "photo" or "keypoint".
func (l Layout) String() string {
	if l < 0 || int(l) >= len(layoutNames) {
		return "Layout(" + strconv.Itoa(int(l)) + ")"
	}
	return layoutNames[l]
}

// MarshalText implements encoding.TextMarshaler.
func (l Layout) MarshalText() ([]byte, error) {
	if l < 0 || int(l) >= len(layoutNames) {
		return nil, fmt.Errorf("card: unknown layout %d", int(l))
	}
	return []byte(layoutNames[l]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler; it accepts the names
// String returns ("key-point" too), and "" for LayoutStandard.
func (l *Layout) UnmarshalText(b []byte) error {
	s := strings.ToLower(string(b))
	switch s {
	case "key-point", "key_point":
		s = "keypoint"
	case "":
		s = "standard"
	}
	for i, n := range layoutNames {
		if n == s {
			*l = Layout(i)
			return nil
		}
	}
	return fmt.Errorf("card: unknown layout %q (want standard, photo or keypoint)", string(b))
}

// Format is the encoded image format.
type Format int

const (
	// FormatAuto is the zero value: PNG, except JPEG for the photo layout.
	FormatAuto Format = iota
	// FormatPNG writes a PNG: paletted when the card has at most 256
	// colours (every text-only card with the default theme), else RGB.
	FormatPNG
	// FormatJPEG writes a baseline JPEG at Options.Quality.
	FormatJPEG
)

var formatNames = [...]string{"", "png", "jpeg"}

// String returns "png", "jpeg" or "" for FormatAuto.
func (f Format) String() string {
	if f < 0 || int(f) >= len(formatNames) {
		return "Format(" + strconv.Itoa(int(f)) + ")"
	}
	return formatNames[f]
}

// MarshalText implements encoding.TextMarshaler.
func (f Format) MarshalText() ([]byte, error) {
	if f < 0 || int(f) >= len(formatNames) {
		return nil, fmt.Errorf("card: unknown format %d", int(f))
	}
	return []byte(formatNames[f]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler ("png", "jpeg", "jpg").
func (f *Format) UnmarshalText(b []byte) error {
	switch strings.ToLower(string(b)) {
	case "":
		*f = FormatAuto
	case "png":
		*f = FormatPNG
	case "jpeg", "jpg":
		*f = FormatJPEG
	default:
		return fmt.Errorf("card: unknown format %q (want png or jpeg)", string(b))
	}
	return nil
}

// MIME returns the format's media type.
func (f Format) MIME() string {
	if f == FormatJPEG {
		return "image/jpeg"
	}
	return "image/png"
}
