package share

// Unit is what a length is counted in.
type Unit uint8

// The units networks count in.
const (
	UnitUnknown Unit = iota
	// UnitWeighted is X's weighted length (see [count.X]).
	UnitWeighted
	// UnitGraphemes counts extended grapheme clusters (what a reader sees
	// as one character): Bluesky and Mastodon.
	UnitGraphemes
	// UnitCharacters counts Unicode code points, except that an emoji
	// counts its UTF-8 bytes: Meta's rule for Threads.
	UnitCharacters
	// UnitUTF16 counts UTF-16 code units (JavaScript's length): Facebook,
	// LinkedIn and Telegram.
	UnitUTF16
	// UnitBytes counts UTF-8 bytes.
	UnitBytes
)

var unitNames = [...]string{"unknown", "weighted", "graphemes", "characters", "utf16", "bytes"}

// String returns the unit's name ("graphemes").
func (u Unit) String() string {
	if int(u) < len(unitNames) {
		return unitNames[u]
	}
	return unitNames[0]
}

// MarshalText returns the unit's name.
func (u Unit) MarshalText() ([]byte, error) { return []byte(u.String()), nil }

// UnmarshalText parses a unit name.
func (u *Unit) UnmarshalText(b []byte) error {
	for i, n := range unitNames {
		if i > 0 && n == string(b) {
			*u = Unit(i)
			return nil
		}
	}
	return errorf("%w: %q", ErrUnknownUnit, b)
}
