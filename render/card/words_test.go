package card

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestLabelsLocalised(t *testing.T) {
	pub := time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		lang, breaking, keyPoint, date, reading string
	}{
		{"fr-FR", "Alerte", "À retenir", "26 novembre 2026", "4 min de lecture"},
		{"ar-QA", "عاجل", "نقطة رئيسية", "26 نوفمبر 2026", "4 دقائق قراءة"},
		{"ja", "速報", "ポイント", "2026年11月26日", "4分で読めます"},
		{"ru", "Срочно", "Главное", "26 ноября 2026 г.", "4 минуты чтения"},
	} {
		l := Labels{}.localised(tc.lang)
		assert.Equal(t, tc.breaking, l.breaking(), "%s badge", tc.lang)
		assert.Equal(t, tc.keyPoint, l.keyPoint(1, 1), "%s key point", tc.lang)
		assert.Equal(t, tc.date, l.date(pub, "2 Jan 2006"), "%s date", tc.lang)
		assert.Equal(t, tc.reading, l.readingTime(4), "%s reading time", tc.lang)
	}
	// English, an unknown language and a bad tag keep the English defaults
	// and the theme's Dateline.
	for _, lang := range []string{"", "en-GB", "en-US", "sw", "not a tag"} {
		l := Labels{}.localised(lang)
		assert.Equal(t, "Breaking", l.breaking(), "%q", lang)
		assert.Equal(t, "26 Nov 2026", l.date(pub, "2 Jan 2006"), "%q", lang)
		assert.Equal(t, "4 min read", l.readingTime(4), "%q", lang)
	}
	// A caller's own words win.
	l := Labels{Breaking: "Dernière minute"}.localised("fr")
	assert.Equal(t, "Dernière minute", l.breaking())
	assert.Equal(t, "4 min de lecture", l.readingTime(4))
}

// TestLocalisedAllocs pins the per-card cost of localising Labels:
// locale.New is the shipped catalogue built once per process and Words is
// cached per language, so a card builds no catalogue. An English card
// allocates nothing here; another language only Date's and ReadingTime's
// closures.
func TestLocalisedAllocs(t *testing.T) {
	for _, tc := range []struct {
		lang string
		max  float64
	}{
		{"en-GB", 0},
		{"fr-FR", 2},
		{"ar-QA", 2},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			_ = Labels{}.localised(tc.lang) // the first use per language resolves its words
			got := testing.AllocsPerRun(100, func() { _ = Labels{}.localised(tc.lang) })
			assert.LessOrEqual(t, got, tc.max, "allocations per localised(%q)", tc.lang)
		})
	}
}
