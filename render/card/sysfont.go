package card

import (
	"fmt"
	"sync"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"
	"github.com/go-text/typesetting/language"
)

// Bounds of one Renderer's system font search: how many distinct system
// font files it may load (each is parsed once and kept), and how many
// (rune, weight) answers it remembers before starting afresh.
const (
	maxSystemFonts   = 24
	maxSystemAnswers = 8192
)

// systemFonts finds fonts installed on the machine for graphemes the
// theme's fonts lack. Each Renderer has its own (no package state): the
// font map, the fonts it loaded and the answers it gave. It is safe for
// concurrent use; lookups are serialised, and the fonts it returns are
// read-only and shared.
type systemFonts struct {
	cacheDir string

	once sync.Once
	err  error // the scan failed: no system fonts

	mu      sync.Mutex
	fm      *fontscan.FontMap
	bold    bool            // the font map's current query weight
	script  language.Script // and script
	fonts   map[*font.Font]*Font
	answers map[sysKey]*Font
}

type sysKey struct {
	r    rune
	bold bool
}

func newSystemFonts(cacheDir string) *systemFonts {
	return &systemFonts{cacheDir: cacheDir}
}

// quiet is fontscan's logger: the library never logs.
type quiet struct{}

func (quiet) Printf(string, ...any) {}

func (s *systemFonts) init() {
	s.fm = fontscan.NewFontMap(quiet{})
	if err := s.fm.UseSystemFonts(s.cacheDir); err != nil {
		s.err = fmt.Errorf("system font search: %w", err)
		s.fm = nil
		return
	}
	s.fonts = make(map[*font.Font]*Font)
	s.answers = make(map[sysKey]*Font)
	s.setQuery(false, language.Latin)
}

func (s *systemFonts) setQuery(bold bool, script language.Script) {
	w := font.WeightNormal
	if bold {
		w = font.WeightBold
	}
	families := []string{"Noto Sans", fontscan.SansSerif}
	if name, ok := notoScripts[script.String()]; ok {
		families = append([]string{"Noto Sans " + name}, families...)
	}
	s.fm.SetQuery(fontscan.Query{Families: families, Aspect: font.Aspect{Weight: w}})
	s.fm.SetScript(script)
	s.bold, s.script = bold, script
}

// notoScripts names the Noto family of each script (by ISO 15924 code)
// whose fonts are named "Noto Sans <name>": asked for first, so a script's
// own Noto face wins over a generic sans-serif that also covers it
// (DejaVu Sans has Arabic and Hebrew letters, drawn in a style that
// matches neither the Noto Latin nor the script's own tradition). Han,
// kana and Hangul come from Noto Sans CJK through the generic query.
var notoScripts = map[string]string{
	"Arab": "Arabic", "Hebr": "Hebrew", "Deva": "Devanagari", "Beng": "Bengali",
	"Taml": "Tamil", "Telu": "Telugu", "Knda": "Kannada", "Mlym": "Malayalam",
	"Gujr": "Gujarati", "Guru": "Gurmukhi", "Orya": "Oriya", "Sinh": "Sinhala",
	"Thai": "Thai", "Laoo": "Lao", "Khmr": "Khmer", "Mymr": "Myanmar",
	"Ethi": "Ethiopic", "Geor": "Georgian", "Armn": "Armenian", "Thaa": "Thaana",
	"Tibt": "Tibetan", "Syrc": "Syriac", "Cher": "Cherokee",
}

// find returns a system font, in the weight asked for, that has every
// rune of the grapheme cluster g, or nil.
func (s *systemFonts) find(g []rune, bold bool) *Font {
	s.once.Do(s.init)
	if s.fm == nil {
		return nil
	}
	var first rune
	for _, r := range g {
		if r != 0x200D && r != 0x200C && !(r >= 0xFE00 && r <= 0xFE0F) {
			first = r
			break
		}
	}
	if first == 0 {
		return nil
	}
	key := sysKey{first, bold}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.answers[key]
	if !ok {
		f = s.resolve(first, bold)
		if len(s.answers) >= maxSystemAnswers {
			clear(s.answers)
		}
		s.answers[key] = f
	}
	if f != nil && !covers(f, g) {
		return nil
	}
	return f
}

// resolve asks the font map for r; the caller holds s.mu.
func (s *systemFonts) resolve(r rune, bold bool) *Font {
	script := language.LookupScript(r)
	if script != s.script || bold != s.bold {
		s.setQuery(bold, script)
	}
	face := s.fm.ResolveFace(r)
	if face == nil || face.Font == nil {
		return nil
	}
	if _, ok := face.Font.Cmap.Lookup(r); !ok {
		return nil
	}
	if f, ok := s.fonts[face.Font]; ok {
		return f
	}
	if len(s.fonts) >= maxSystemFonts {
		return nil
	}
	f := newFont(face.Font)
	s.fonts[face.Font] = f
	return f
}

// missingError is the error for graphemes no font could draw.
func (r *Renderer) missingError(missing []string) error {
	if r.sys != nil {
		r.sys.once.Do(r.sys.init)
	}
	switch {
	case r.sys == nil:
		return fmt.Errorf("%w: %q (the theme has no font for them and Theme.NoSystemFonts is set)", ErrMissingGlyph, missing)
	case r.sys.err != nil:
		return fmt.Errorf("%w: %q (the theme has no font for them; %w)", ErrMissingGlyph, missing, r.sys.err)
	}
	return fmt.Errorf("%w: %q (neither the theme nor the system has a font for them; add Theme.Fallback fonts)", ErrMissingGlyph, missing)
}
