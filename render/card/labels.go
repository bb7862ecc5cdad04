package card

import (
	"strconv"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/locale"
)

// Labels are the words a card prints besides the article's own text: the
// badges, the footer's date and the reading time. An empty field or nil
// func takes the article's language from package locale's shipped
// catalogue (see Options.Labels), English for an English article.
//
// To use a site's own catalogue, or a display zone, fill them from its
// words with LabelsFor:
//
//	w, _ := catalogue.Words(a.Language)
//	o.Labels = card.LabelsFor(w.InZone(zone))
type Labels struct {
	// Breaking is the badge of a breaking article; "" means "Breaking".
	// Badges are set in capitals where the script has them.
	Breaking string
	// KeyPoint is the badge of the key-point layout; "" means "Key
	// point". When the article has several, " 2/5" follows it.
	KeyPoint string
	// Date writes the footer's date; nil means Theme.Dateline, a Go time
	// layout, with English month names, in Zone.
	Date func(time.Time) string
	// Zone is the display zone of the footer's date when Date is nil;
	// nil means the time's own offset, else the article's site.time_zone
	// when it names one.
	Zone *time.Location
	// ReadingTime writes Options.ReadingMinutes for the footer; nil means
	// "1 min read", "5 min read".
	ReadingTime func(minutes int) string
}

// LabelsFor returns the labels in w's language: its "breaking" and
// "key_point" words, its long date (CLDR: "26 November 2026",
// "26 novembre 2026", "2026年11月26日") and its plural "{n} min read" —
// the words a card takes from the shipped catalogue by itself, here from
// w (a site's own catalogue, or words with a display zone from
// locale's Words.InZone). English words keep Theme.Dateline's date
// ("26 Nov 2026"), shown in w's zone, so an English card reads the same
// with or without LabelsFor.
func LabelsFor(w *locale.Words) Labels {
	if w == nil {
		return Labels{}
	}
	l := Labels{
		Breaking:    w.Get(locale.Breaking),
		KeyPoint:    w.Get(locale.KeyPoint),
		Zone:        w.Zone(),
		ReadingTime: func(min int) string { return w.Count(locale.MinRead, min) },
	}
	if !english(w) {
		l.Date = func(t time.Time) string { return w.Date(t, locale.DateLong) }
	}
	return l
}

// english reports whether w's language is English or one of its
// variants: the language whose card dates are Theme.Dateline.
func english(w *locale.Words) bool {
	t := w.Language().String()
	return t == "en" || strings.HasPrefix(t, "en-")
}

func (l *Labels) breaking() string { return cmpOr(l.Breaking, "Breaking") }

func (l *Labels) keyPoint(n, of int) string {
	s := cmpOr(l.KeyPoint, "Key point")
	if of > 1 {
		s += " " + strconv.Itoa(n) + "/" + strconv.Itoa(of)
	}
	return s
}

func (l *Labels) date(t time.Time, layout string) string {
	if l.Date != nil {
		return l.Date(t)
	}
	if l.Zone != nil {
		t = t.In(l.Zone)
	}
	return t.Format(layout)
}

func (l *Labels) readingTime(min int) string {
	if l.ReadingTime != nil {
		return l.ReadingTime(min)
	}
	return strconv.Itoa(min) + " min read"
}

func cmpOr(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// Direction is the direction a card is laid out in.
type Direction int

const (
	// DirectionAuto, the zero value, follows the article's language:
	// right to left for Arabic, Hebrew, Persian, Urdu and the other
	// right-to-left languages, else left to right.
	DirectionAuto Direction = iota
	// DirectionLTR lays the card out left to right.
	DirectionLTR
	// DirectionRTL mirrors the card: the header's logo or tile, the
	// badges, the headline and the key point's bar start at the right,
	// and the footer's date and domain swap sides.
	DirectionRTL
)

// rtlLanguages are the base languages written right to left (CLDR's
// characterOrder right-to-left).
var rtlLanguages = map[string]bool{
	"ar": true, "arc": true, "ckb": true, "dv": true, "fa": true, "he": true,
	"iw": true, "ks": true, "lrc": true, "mzn": true, "nqo": true, "ps": true,
	"sd": true, "syr": true, "ug": true, "ur": true, "yi": true,
}

// rtlLanguage reports whether the BCP 47 tag names a language written
// right to left: by its script subtag when it has one (az-Arab), else by
// its base language.
func rtlLanguage(tag string) bool {
	parts := strings.FieldsFunc(strings.ToLower(tag), func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) == 4 && p[0] >= 'a' && p[0] <= 'z' {
			switch p {
			case "arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand", "samr":
				return true
			}
			return false
		}
	}
	return rtlLanguages[parts[0]]
}

// rtl resolves the card's direction.
func (d Direction) rtl(lang string) bool {
	switch d {
	case DirectionRTL:
		return true
	case DirectionLTR:
		return false
	}
	return rtlLanguage(lang)
}
