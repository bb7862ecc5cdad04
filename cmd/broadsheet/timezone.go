package main

import (
	// The IANA zone database, embedded so --time-zone works on a machine
	// without /usr/share/zoneinfo (a scratch container, Windows).
	_ "time/tzdata"

	"time"

	"github.com/broadsheet/broadsheet/locale"
	"github.com/broadsheet/broadsheet/serve"
)

// timeZoneFlag adds --time-zone ZONE to f: the IANA zone the command's
// dates are shown in (render.Options.TimeZone).
func timeZoneFlag(f *flags) *string {
	return f.String("time-zone", "", "show dates in the IANA time `ZONE` (Europe/London: GMT or BST);\ndefault: each date in its own UTC offset")
}

// loadZone checks a --time-zone value: an unknown name is a usage error
// naming the flag and the value. The empty name is nil (each date in its
// own offset).
func loadZone(name string) (*time.Location, error) {
	loc, err := locale.LoadZone(name)
	if err != nil {
		return nil, usagef("--time-zone: %q is not an IANA time zone name (such as Europe/London): %v", name, err)
	}
	return loc, nil
}

// zoneOptions sets o's display zone: the pages' dates (Render.TimeZone),
// and so the cards' footer dates, which package serve draws in the same
// zone. The zone is added to CardVersion, so the content-hashed card URLs
// of one zone never name another zone's pictures.
func zoneOptions(o serve.Options, zone string) serve.Options {
	if zone == "" {
		return o
	}
	o.Render.TimeZone = zone
	o.CardVersion += "tz=" + zone
	return o
}
