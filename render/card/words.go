package card

import (
	"time"

	"github.com/broadsheet/broadsheet/locale"
)

// localised returns l with each empty field filled from package locale's
// shipped catalogue for the BCP 47 tag lang: the badges, the footer's
// date (CLDR's long date) and the reading time in the article's own
// language. An English article, or a language the catalogue lacks, keeps
// l as it is, so its empty fields print the English defaults (and
// Theme.Dateline) exactly as before.
func (l Labels) localised(lang string) Labels {
	if lang == "" {
		return l
	}
	w, err := locale.New().Words(lang)
	if err != nil {
		return l
	}
	if english(w) {
		return l
	}
	if l.Breaking == "" {
		l.Breaking = w.Get(locale.Breaking)
	}
	if l.KeyPoint == "" {
		l.KeyPoint = w.Get(locale.KeyPoint)
	}
	if l.Date == nil {
		if l.Zone != nil {
			w = w.InZone(l.Zone)
		}
		l.Date = func(t time.Time) string { return w.Date(t, locale.DateLong) }
	}
	if l.ReadingTime == nil {
		l.ReadingTime = func(n int) string { return w.Count(locale.MinRead, n) }
	}
	return l
}
