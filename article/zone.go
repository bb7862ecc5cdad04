package article

import (
	"fmt"
	"time"
)

// loadZone checks an IANA time zone name such as "Europe/London", as
// [Site].TimeZone holds it; package locale's LoadZone is the public way
// to load one. "Local" is refused: it would show the same article in a
// different zone on each machine. The names come from the system's zone
// database, or from the copy a program embeds by importing time/tzdata
// (the broadsheet command does).
func loadZone(name string) (*time.Location, error) {
	if name == "" {
		return nil, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		return nil, fmt.Errorf("article: %w: %q is not an IANA time zone name", ErrInvalidValue, name)
	}
	return loc, nil
}
