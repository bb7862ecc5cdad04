package locale

import (
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/go-playground/locales/ar"
	"github.com/go-playground/locales/de"
	"github.com/go-playground/locales/de_AT"
	"github.com/go-playground/locales/de_CH"
	"github.com/go-playground/locales/en_CA"
	"github.com/go-playground/locales/en_GB"
	"github.com/go-playground/locales/en_IE"
	"github.com/go-playground/locales/en_IN"
	"github.com/go-playground/locales/en_NZ"
	"github.com/go-playground/locales/en_US"
	"github.com/go-playground/locales/es"
	"github.com/go-playground/locales/es_MX"
	"github.com/go-playground/locales/fa"
	"github.com/go-playground/locales/fr"
	"github.com/go-playground/locales/fr_CA"
	"github.com/go-playground/locales/he"
	"github.com/go-playground/locales/hi"
	"github.com/go-playground/locales/it"
	"github.com/go-playground/locales/ja"
	"github.com/go-playground/locales/ko"
	"github.com/go-playground/locales/nl"
	"github.com/go-playground/locales/pl"
	"github.com/go-playground/locales/pt"
	"github.com/go-playground/locales/pt_PT"
	"github.com/go-playground/locales/ru"
	"github.com/go-playground/locales/sv"
	"github.com/go-playground/locales/tr"
	"github.com/go-playground/locales/uk"
	"github.com/go-playground/locales/zh_Hans"
	"github.com/go-playground/locales/zh_Hant"
	"golang.org/x/text/language"
)

// DateFormatter formats dates and times by one locale's CLDR patterns. Every
// locale of github.com/go-playground/locales (locales.Translator)
// implements it, so [Language.Dates] can take any of its 700-odd locales.
// The time is formatted as given, in its own location.
type DateFormatter interface {
	FmtDateLong(t time.Time) string   // CLDR's long date: "26 November 2026"
	FmtDateMedium(t time.Time) string // medium: "26 Nov 2026"
	FmtDateShort(t time.Time) string  // short: "26/11/2026"
	FmtTimeShort(t time.Time) string  // short time: "09:30"
}

// DateStyle is one of CLDR's date lengths.
type DateStyle uint8

// The date styles. The zero value is DateStyleUnknown, which formats as
// DateLong.
const (
	DateStyleUnknown DateStyle = iota
	DateLong                   // 26 November 2026 · 26 novembre 2026 · 2026年11月26日
	DateMedium                 // 26 Nov 2026 · 26 nov. 2026
	DateShort                  // 26/11/2026 · 26.11.26
)

// String returns "long", "medium", "short" or "unknown".
func (s DateStyle) String() string {
	switch s {
	case DateLong:
		return "long"
	case DateMedium:
		return "medium"
	case DateShort:
		return "short"
	case DateStyleUnknown:
		return "unknown"
	}
	return fmt.Sprintf("DateStyle(%d)", int(s))
}

// dateLocales are the CLDR formats shipped, by tag. "en" is British
// English, as the library has always printed dates; "en-US" is American.
// go-playground's en_AU is left out: its day periods are empty ("2:00 "
// for both 02:00 and 14:00), so Australian English takes British formats.
var dateLocales = sync.OnceValues(func() ([]language.Tag, []DateFormatter) {
	list := []struct {
		tag string
		f   DateFormatter
	}{
		{"en", en_GB.New()}, {"en-GB", en_GB.New()}, {"en-US", en_US.New()},
		{"en-CA", en_CA.New()}, {"en-IE", en_IE.New()},
		{"en-IN", en_IN.New()}, {"en-NZ", en_NZ.New()},
		{"fr", fr.New()}, {"fr-CA", fr_CA.New()},
		{"de", de.New()}, {"de-AT", de_AT.New()}, {"de-CH", de_CH.New()},
		{"es", es.New()}, {"es-MX", es_MX.New()},
		{"it", it.New()}, {"pt", pt.New()}, {"pt-PT", pt_PT.New()},
		{"nl", nl.New()}, {"pl", pl.New()}, {"sv", sv.New()}, {"tr", tr.New()},
		{"ar", ar.New()}, {"he", he.New()}, {"fa", solarHijri{fa.New(), &iranMonths}}, {"fa-AF", solarHijri{fa.New(), &afghanMonths}}, {"hi", hi.New()},
		{"ja", ja.New()}, {"ko", koreanClock{ko.New()}},
		{"zh-Hans", zh_Hans.New()}, {"zh-Hant", zh_Hant.New()},
		{"uk", uk.New()}, {"ru", ru.New()},
	}
	tags := make([]language.Tag, len(list))
	fs := make([]DateFormatter, len(list))
	for i, l := range list {
		tags[i] = language.MustParse(l.tag)
		fs[i] = l.f
	}
	return tags, fs
})

// koreanClock is go-playground's ko with a 24-hour clock: its short time
// prints English "AM"/"PM" where CLDR has 오전/오후, and Korean news sites
// stamp articles with a 24-hour time ("입력 2026.11.26 18:30"), CLDR's ko
// "Hm" skeleton (HH:mm).
type koreanClock struct{ DateFormatter }

func (k koreanClock) FmtTimeShort(t time.Time) string { return t.Format("15:04") }

var dateMatcher = sync.OnceValue(func() language.Matcher {
	tags, _ := dateLocales()
	return language.NewMatcher(tags)
})

// matchDates returns the shipped CLDR formats closest to tag, or nil.
func matchDates(tag language.Tag) DateFormatter {
	tags, fs := dateLocales()
	for i, t := range tags {
		if t == tag {
			return fs[i]
		}
	}
	_, i, conf := dateMatcher().Match(tag)
	if conf >= language.High {
		return fs[i]
	}
	return nil
}

func (w *Words) local(t time.Time) time.Time {
	if w.zone != nil {
		return t.In(w.zone)
	}
	return t
}

// Date formats t's date in the display zone by CLDR's pattern of the given
// length for the language.
func (w *Words) Date(t time.Time, s DateStyle) string {
	t = w.local(t)
	var out string
	switch s {
	case DateMedium:
		out = w.dates.FmtDateMedium(t)
	case DateShort:
		out = w.dates.FmtDateShort(t)
	default:
		out = w.dates.FmtDateLong(t)
	}
	return w.digits(out)
}

// Time formats t's time of day in the display zone by CLDR's short time
// pattern ("09:30", "9:30 am", "上午9:30").
func (w *Words) Time(t time.Time) string {
	return w.digits(w.dates.FmtTimeShort(w.local(t)))
}

// ZoneName returns the label of t's zone as shown: the zone's abbreviation
// when the time zone database has one ("GMT", "BST", "CET", "EST"), else
// its offset from UTC ("UTC", "UTC+03:00", "UTC-05:30").
func (w *Words) ZoneName(t time.Time) string {
	name, off := w.local(t).Zone()
	if w.zone != nil && name != "" && name[0] != '+' && name[0] != '-' {
		return name
	}
	if off == 0 {
		return "UTC"
	}
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	b := make([]byte, 0, 9)
	b = append(b, "UTC"...)
	b = append(b, sign)
	b = appendTwo(b, off/3600)
	b = append(b, ':')
	b = appendTwo(b, off/60%60)
	return w.digits(string(b))
}

func appendTwo(b []byte, n int) []byte {
	if n < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// DateTime formats t as a date (long), a time and a zone joined by the
// language's DateTime message: "26 November 2026, 09:30 GMT",
// "26 novembre 2026 à 09:30 UTC", "2026年11月26日 09:30 JST".
func (w *Words) DateTime(t time.Time) string {
	return w.Format(DateTime, "date", w.Date(t, DateLong), "time", w.Time(t), "zone", w.ZoneName(t))
}

// Relative describes t as seen at now: "just now" under a minute, then
// minutes, hours, and days up to a week ("3 hours ago", "il y a 3 heures",
// "قبل 3 ساعات"); a time a week or more before now, or after it, is
// given as DateTime.
func (w *Words) Relative(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < 0 || d >= 7*24*time.Hour:
		return w.DateTime(t)
	case d < time.Minute:
		return w.Get(JustNow)
	case d < time.Hour:
		return w.Count(MinutesAgo, int(d/time.Minute))
	case d < 24*time.Hour:
		return w.Count(HoursAgo, int(d/time.Hour))
	}
	return w.Count(DaysAgo, int(d/(24*time.Hour)))
}
