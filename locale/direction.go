package locale

import (
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/bidi"
)

// Direction is the inline direction of a language's script: what a page's
// dir attribute says.
type Direction uint8

// The directions. The zero value is DirectionUnknown.
const (
	DirectionUnknown Direction = iota
	LTR                        // left to right: "ltr"
	RTL                        // right to left: "rtl"
)

// String returns "ltr", "rtl", or "unknown".
func (d Direction) String() string {
	switch d {
	case LTR:
		return "ltr"
	case RTL:
		return "rtl"
	case DirectionUnknown:
		return "unknown"
	}
	return fmt.Sprintf("Direction(%d)", int(d))
}

// MarshalText returns "ltr" or "rtl"; DirectionUnknown is an error.
func (d Direction) MarshalText() ([]byte, error) {
	if d != LTR && d != RTL {
		return nil, fmt.Errorf("locale: %w: %s", ErrDirection, d)
	}
	return []byte(d.String()), nil
}

// UnmarshalText sets d from "ltr" or "rtl".
func (d *Direction) UnmarshalText(b []byte) error {
	switch string(b) {
	case "ltr":
		*d = LTR
	case "rtl":
		*d = RTL
	default:
		return fmt.Errorf("locale: %w: %q", ErrDirection, b)
	}
	return nil
}

// rtlScripts are the ISO 15924 codes of scripts written right to left
// (Unicode's Bidi_Class of their letters is R or AL).
var rtlScripts = [...]string{
	"Adlm", "Arab", "Aran", "Armi", "Avst", "Chrs", "Cprt", "Elym", "Hatr",
	"Hebr", "Hung", "Khar", "Lydi", "Mand", "Mani", "Mend", "Merc", "Mero",
	"Narb", "Nbat", "Nkoo", "Orkh", "Ougr", "Palm", "Phli", "Phlp", "Phnx",
	"Prti", "Rohg", "Samr", "Sarb", "Sogd", "Sogo", "Syrc", "Thaa", "Yezi",
}

// DirectionOf returns the direction of tag's script: the script subtag
// when given ("az-Arab"), else the language's likely script (CLDR's
// likely subtags: ar, he, fa, ur, ps, yi, dv, ug, sd, ckb → RTL; "pa-Arab"
// RTL, "pa" LTR). The undetermined tag is LTR.
func DirectionOf(tag language.Tag) Direction {
	s, _ := tag.Script()
	code := s.String()
	for _, r := range rtlScripts {
		if r == code {
			return RTL
		}
	}
	return LTR
}

// TextDirection returns the direction of s by its first strong character
// (rules P2 and P3 of the Unicode Bidirectional Algorithm, UAX #9): RTL
// for a Hebrew, Arabic or other right-to-left letter, LTR for a Latin,
// Cyrillic, CJK or other left-to-right one, DirectionUnknown when s has no
// strong character (digits and punctuation alone). Characters inside
// isolates (U+2066–U+2069) are skipped, as P2 says. A page uses it to
// decide whether a headline needs its own dir.
func TextDirection(s string) Direction {
	depth := 0
	for _, r := range s {
		if r == utf8.RuneError {
			continue // invalid UTF-8 (or U+FFFD, which is neutral anyway)
		}
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.LRI, bidi.RLI, bidi.FSI:
			depth++
		case bidi.PDI:
			if depth > 0 {
				depth--
			}
		case bidi.L:
			if depth == 0 {
				return LTR
			}
		case bidi.R, bidi.AL:
			if depth == 0 {
				return RTL
			}
		}
	}
	return DirectionUnknown
}
