package locale

import (
	"strconv"
	"time"
)

// solarHijri formats dates in the Solar Hijri calendar, the calendar
// Iranian and Afghan papers date their articles in and CLDR's default
// for Persian: 26 November 2026 is ۵ آذر ۱۴۰۵. Times come from the
// wrapped Gregorian formatter (the clock is the same). Dates outside the
// calendar's computed range (Solar Hijri years -61 to 3177) fall back to
// the Gregorian formatter.
type solarHijri struct {
	DateFormatter
	months *[12]string
}

// Month names of the Solar Hijri calendar: Iran's (CLDR fa) and
// Afghanistan's (CLDR fa_AF), which name the months after the zodiac.
var (
	iranMonths = [12]string{"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
		"مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"}
	afghanMonths = [12]string{"حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله",
		"میزان", "عقرب", "قوس", "جدی", "دلو", "حوت"}
)

// FmtDateLong is CLDR's Persian "d MMMM y": 5 آذر 1405, which [Words]
// prints in Persian digits (۵ آذر ۱۴۰۵).
func (s solarHijri) FmtDateLong(t time.Time) string {
	y, m, d, ok := toSolarHijri(t)
	if !ok {
		return s.DateFormatter.FmtDateLong(t)
	}
	b := make([]byte, 0, 48)
	b = strconv.AppendInt(b, int64(d), 10)
	b = append(b, ' ')
	b = append(b, s.months[m-1]...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(y), 10)
	return string(b)
}

// FmtDateMedium is CLDR's "d MMM y", which in Persian uses the same month
// names as the long date.
func (s solarHijri) FmtDateMedium(t time.Time) string { return s.FmtDateLong(t) }

// FmtDateShort is CLDR's Persian "y/M/d": 1405/9/5.
func (s solarHijri) FmtDateShort(t time.Time) string {
	y, m, d, ok := toSolarHijri(t)
	if !ok {
		return s.DateFormatter.FmtDateShort(t)
	}
	b := make([]byte, 0, 32)
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(m), 10)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(d), 10)
	return string(b)
}

// solarHijriBreaks are the Solar Hijri years at which the pattern of
// leap years in its 33-year cycles shifts, from Kazimierz Borkowski's
// arithmetic for the calendar ("The Persian calendar for 3000 years",
// Earth, Moon and Planets 74, 1996), which matches the astronomical rule
// (a year starts on the day of the March equinox if it falls before noon
// in Tehran, else on the next day) over the range it covers.
var solarHijriBreaks = [...]int{-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181,
	1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178}

// solarHijriYear returns, for Solar Hijri year jy, the day in March of the
// Gregorian year jy+621 on which it starts (1 Farvardin) and whether the
// year before it was a leap year; ok is false outside the covered range.
//
// Go's / and % truncate toward zero, as the arithmetic is written (n can
// be negative, and a sinceLeap of -1 there means 4).
func solarHijriYear(jy int) (march int, prevLeap, ok bool) {
	if jy < solarHijriBreaks[0] || jy >= solarHijriBreaks[len(solarHijriBreaks)-1] {
		return 0, false, false
	}
	gy := jy + 621
	leapJ := -14
	jp := solarHijriBreaks[0]
	jump := 0
	for _, jm := range solarHijriBreaks[1:] {
		jump = jm - jp
		if jy < jm {
			break
		}
		leapJ += jump/33*8 + jump%33/4
		jp = jm
	}
	n := jy - jp
	leapJ += n/33*8 + (n%33+3)/4
	if jump%33 == 4 && jump-n == 4 {
		leapJ++
	}
	leapG := gy/4 - (gy/100+1)*3/4 - 150
	march = 20 + leapJ - leapG
	if jump-n < 6 {
		n = n - jump + (jump+4)/33*33
	}
	// sinceLeap counts the years since the last leap year: 0 means jy
	// itself is one, 1 that jy-1 was.
	sinceLeap := ((n+1)%33 - 1) % 4
	if sinceLeap == -1 {
		sinceLeap = 4
	}
	return march, sinceLeap == 1, true
}

// toSolarHijri returns t's date (in t's own location) in the Solar Hijri
// calendar: months 1–6 have 31 days, 7–11 have 30, the twelfth 29, or 30
// in a leap year.
func toSolarHijri(t time.Time) (year, month, day int, ok bool) {
	gy, gm, gd := t.Date()
	jy := gy - 621
	march, prevLeap, ok := solarHijriYear(jy)
	if !ok {
		return 0, 0, 0, false
	}
	k := daysBetween(gy, time.March, march, gy, gm, gd)
	if k >= 0 {
		if k <= 185 {
			return jy, 1 + k/31, k%31 + 1, true
		}
		k -= 186
	} else {
		// Before 1 Farvardin: the last six months of the year before,
		// counted from 1 Mehr (179 days to its end, 180 after a leap year).
		jy--
		if _, _, ok := solarHijriYear(jy); !ok {
			return 0, 0, 0, false
		}
		k += 179
		if prevLeap {
			k++
		}
	}
	return jy, 7 + k/30, k%30 + 1, true
}

// daysBetween counts the days from the first Gregorian date to the second.
func daysBetween(y1 int, m1 time.Month, d1, y2 int, m2 time.Month, d2 int) int {
	return civilDays(y2, int(m2), d2) - civilDays(y1, int(m1), d1)
}

// civilDays numbers the days of the proleptic Gregorian calendar
// (1970-01-01 is 0), by the usual era arithmetic: 400-year eras of
// 146,097 days, years counted from March so the leap day comes last.
func civilDays(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
