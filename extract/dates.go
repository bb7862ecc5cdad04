package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a point in time a page stated.
type Precision int

const (
	// PrecisionNone means no date was found.
	PrecisionNone Precision = iota
	// PrecisionDate means the page gave a calendar date alone (or a time
	// without any zone the extractor could trust): the value is midnight
	// of that date, in Options.Zone when set, else UTC.
	PrecisionDate
	// PrecisionLocal means the page gave a date and time without a zone
	// and the zone came from Options.Zone.
	PrecisionLocal
	// PrecisionExact means the page gave a date, a time and a UTC offset.
	PrecisionExact
)

// String returns "none", "date", "local" or "exact".
func (p Precision) String() string {
	switch p {
	case PrecisionDate:
		return "date"
	case PrecisionLocal:
		return "local"
	case PrecisionExact:
		return "exact"
	}
	return "none"
}

// MarshalText encodes the precision as its String.
func (p Precision) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// stamp is a parsed date as the page wrote it.
type stamp struct {
	t    time.Time // in its own offset when exact; wall clock in UTC otherwise
	prec Precision // exact, date, or local (zone-less time: wall clock held in t as UTC)
	raw  string
}

// zoneless reports a date-time without a zone: t holds the wall clock as UTC.
const precWall Precision = 100

var exactLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04Z0700",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999Z0700",
	"2006-01-02 15:04:05.999999999 Z07:00",
	"2006-01-02 15:04:05.999999999 Z0700",
	"2006-01-02T15:04:05.999999999 Z07:00",
	"2006-01-02 15:04Z07:00",
	time.RFC1123Z,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -0700",
	time.RubyDate,
}

var namedZoneLayouts = []string{
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 02 Jan 2006 15:04 MST",
	"2006-01-02 15:04:05 MST",
	"2006-01-02T15:04:05 MST",
	time.UnixDate,
	"Mon Jan 2 15:04:05 MST 2006",
}

// zoneOffsets are abbreviations with one unambiguous meaning in news use.
var zoneOffsets = map[string]int{
	"UTC": 0, "GMT": 0, "Z": 0, "UT": 0,
	"EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
	"MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
	"BST": 3600, "CET": 3600, "CEST": 2 * 3600, "EET": 2 * 3600, "EEST": 3 * 3600,
	"WET": 0, "WEST": 3600, "JST": 9 * 3600, "KST": 9 * 3600, "AEST": 10 * 3600, "AEDT": 11 * 3600,
}

var wallLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
}

var dateLayouts = []string{
	"2006-01-02",
	"2006/01/02",
	"2006.01.02",
	"20060102",
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"Jan 2 2006",
	"2 January 2006",
	"2 Jan 2006",
	"02 January 2006",
	"Monday, January 2, 2006",
	"Monday, 2 January 2006",
	"Mon, Jan 2, 2006",
	"Mon, 2 Jan 2006",
	"Mon 2 January 2006",
}

// parseStamp reads a machine-readable date (an attribute, a meta tag, a
// JSON-LD value). ok is false when s is not a date the extractor trusts.
func parseStamp(s string) (stamp, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 8 || len(s) > 64 {
		return stamp{}, false
	}
	for _, l := range exactLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return checkYear(stamp{t: t, prec: PrecisionExact, raw: s})
		}
	}
	for _, l := range namedZoneLayouts {
		if t, err := time.Parse(l, s); err == nil {
			name, _ := t.Zone()
			off, known := zoneOffsets[strings.ToUpper(name)]
			if !known {
				break
			}
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone("", off))
			return checkYear(stamp{t: t, prec: PrecisionExact, raw: s})
		}
	}
	for _, l := range wallLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return checkYear(stamp{t: t, prec: precWall, raw: s})
		}
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return checkYear(stamp{t: t, prec: PrecisionDate, raw: s})
		}
	}
	return slashDate(s)
}

var slashRe = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$`)

// slashDate reads 05/29/2007 or 29/05/2007 only when the order cannot be
// mistaken (one of the first two numbers is over 12).
func slashDate(s string) (stamp, bool) {
	m := slashRe.FindStringSubmatch(s)
	if m == nil {
		return stamp{}, false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	y, _ := strconv.Atoi(m[3])
	var mo, d int
	switch {
	case a > 12 && b <= 12:
		d, mo = a, b
	case b > 12 && a <= 12:
		mo, d = a, b
	default:
		return stamp{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != time.Month(mo) {
		return stamp{}, false
	}
	prec := PrecisionDate
	if m[4] != "" {
		h, _ := strconv.Atoi(m[4])
		mi, _ := strconv.Atoi(m[5])
		sec, _ := strconv.Atoi(m[6])
		if h > 23 || mi > 59 || sec > 59 {
			return stamp{}, false
		}
		t = t.Add(time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(sec)*time.Second)
		prec = precWall
	}
	return checkYear(stamp{t: t, prec: prec, raw: s})
}

var clockRe = regexp.MustCompile(`\b(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp])?\.?[Mm]?\.?\s*\(?\b([A-Z]{1,4})\b`)

// withClock upgrades a date read from text to an exact time when the text
// also gives a clock time with a zone it names unambiguously ("11:10 PM
// UTC", "14:15 GMT"); "ET" and other zones with two offsets are not used.
func withClock(st stamp, s string) stamp {
	m := clockRe.FindStringSubmatch(s)
	if m == nil {
		return st
	}
	off, ok := zoneOffsets[m[5]]
	if !ok {
		return st
	}
	h, _ := strconv.Atoi(m[1])
	mi, _ := strconv.Atoi(m[2])
	sec, _ := strconv.Atoi(m[3])
	switch strings.ToLower(m[4]) {
	case "p":
		if h < 12 {
			h += 12
		}
	case "a":
		if h == 12 {
			h = 0
		}
	}
	if h > 23 || mi > 59 || sec > 59 {
		return st
	}
	y, mo, d := st.t.Date()
	return stamp{t: time.Date(y, mo, d, h, mi, sec, 0, time.FixedZone("", off)), prec: PrecisionExact, raw: st.raw + " " + m[0]}
}

func checkYear(st stamp) (stamp, bool) {
	if y := st.t.Year(); y < 1990 || y > 2100 {
		return stamp{}, false
	}
	return st, true
}

var (
	// Dates as people write them, in a dateline or a byline.
	textDateRes = []*regexp.Regexp{
		regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`),
		regexp.MustCompile(`(?i)\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`),
		regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+(\d{4})\b`),
		regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`),
	}
	monthIndex = map[string]time.Month{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}
)

// textDate finds one calendar date written in running text ("March 10,
// 2015", "10 March 2015", "2015-03-10", "2015年3月10日"). It returns false
// when the text holds no date or more than one different date.
func textDate(s string) (stamp, bool) {
	var found []stamp
	for i, re := range textDateRes {
		for _, m := range re.FindAllStringSubmatch(s, 4) {
			var y, d int
			var mo time.Month
			switch i {
			case 0, 3:
				y, _ = strconv.Atoi(m[1])
				mi, _ := strconv.Atoi(m[2])
				mo = time.Month(mi)
				d, _ = strconv.Atoi(m[3])
			case 1:
				mo = monthIndex[strings.ToLower(m[1])[:3]]
				d, _ = strconv.Atoi(m[2])
				y, _ = strconv.Atoi(m[3])
			case 2:
				d, _ = strconv.Atoi(m[1])
				mo = monthIndex[strings.ToLower(m[2])[:3]]
				y, _ = strconv.Atoi(m[3])
			}
			if mo < 1 || mo > 12 || d < 1 || d > 31 {
				continue
			}
			t := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
			if t.Day() != d {
				continue // 31 February
			}
			if st, ok := checkYear(stamp{t: t, prec: PrecisionDate, raw: m[0]}); ok {
				found = append(found, st)
			}
		}
	}
	if len(found) == 0 {
		return stamp{}, false
	}
	for _, f := range found[1:] {
		if !sameDay(f.t, found[0].t) {
			return stamp{}, false
		}
	}
	return withClock(found[0], s), true
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// sameWall reports whether a zone-less stamp and an exact one read the
// same on the clock, to the minute.
func sameWall(wall, exact time.Time) bool {
	return wall.Year() == exact.Year() && wall.YearDay() == exact.YearDay() &&
		wall.Hour() == exact.Hour() && wall.Minute() == exact.Minute()
}
