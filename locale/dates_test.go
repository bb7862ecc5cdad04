package locale

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := LoadZone(name)
	require.NoError(t, err)
	return loc
}

func TestDateTime(t *testing.T) {
	summer := time.Date(2026, 7, 4, 9, 5, 0, 0, time.UTC)
	winter := time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)
	paris := time.Date(2026, 11, 24, 7, 45, 0, 0, time.FixedZone("", 3600))
	for _, tc := range []struct {
		name, lang, zone string
		t                time.Time
		want             string
	}{
		{"English, own offset", "en-GB", "", winter, "26 November 2026, 09:30 UTC"},
		{"English, fixed offset", "en", "", paris, "24 November 2026, 07:45 UTC+01:00"},
		{"London in summer is BST", "en-GB", "Europe/London", summer, "4 July 2026, 10:05 BST"},
		{"London in winter is GMT", "en-GB", "Europe/London", winter, "26 November 2026, 09:30 GMT"},
		{"American", "en-US", "America/New_York", winter, "November 26, 2026, 4:30 am EST"},
		{"French in Paris", "fr", "Europe/Paris", paris, "24 novembre 2026 à 07:45 CET"},
		{"Canadian French", "fr-CA", "America/Montreal", winter, "26 novembre 2026 à 04 h 30 EST"},
		{"German with Uhr", "de", "Europe/Berlin", summer, "4. Juli 2026, 11:05 Uhr CEST"},
		{"Spanish", "es", "Europe/Madrid", summer, "4 de julio de 2026 - 11:05 CEST"},
		{"Italian", "it", "Europe/Rome", winter, "26 novembre 2026 - 10:30 CET"},
		{"Polish genitive month", "pl", "Europe/Warsaw", summer, "4 lipca 2026, 11:05 CEST"},
		{"Russian", "ru", "Europe/Moscow", summer, "4 июля 2026 г., 12:05 MSK"},
		{"Turkish, numeric zone", "tr", "Europe/Istanbul", summer, "4 Temmuz 2026 12:05 UTC+03:00"},
		{"Arabic, Gulf", "ar-QA", "Asia/Qatar", summer, "4 يوليو 2026، الساعة 12:05 م UTC+03:00"},
		{"Hebrew", "he", "Asia/Jerusalem", summer, "4 ביולי 2026, 12:05 IDT"},
		{"Persian digits, half-hour zone", "fa", "Asia/Tehran", winter, "۵ آذر ۱۴۰۵، ساعت ۱۳:۰۰ UTC+۰۳:۳۰"},
		{"Hindi, IST", "hi", "Asia/Kolkata", winter, "26 नवंबर 2026, 3:00 pm IST"},
		{"Japanese", "ja", "Asia/Tokyo", winter, "2026年11月26日 18:30 JST"},
		{"Korean", "ko", "Asia/Seoul", winter, "2026년 11월 26일 18:30 KST"},
		{"Simplified Chinese", "zh-CN", "Asia/Shanghai", winter, "2026年11月26日 下午5:30 CST"},
		{"Traditional Chinese", "zh-TW", "Asia/Taipei", winter, "2026年11月26日 下午5:30 CST"},
		{"Ukrainian", "uk", "Europe/Kyiv", winter, "26 листопада 2026 р., 11:30 EET"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, err := New().Words(tc.lang)
			require.NoError(t, err)
			if tc.zone != "" {
				w = w.InZone(zone(t, tc.zone))
			}
			assert.Equal(t, tc.want, w.DateTime(tc.t), "%s DateTime(%s) in %q", tc.lang, tc.t.Format(time.RFC3339), tc.zone)
		})
	}
}

func TestDateStyles(t *testing.T) {
	d := time.Date(2026, 3, 9, 14, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		lang                string
		long, medium, short string
		clock               string
	}{
		{"en", "9 March 2026", "9 Mar 2026", "09/03/2026", "14:00"},
		{"en-US", "March 9, 2026", "Mar 9, 2026", "3/9/26", "2:00 pm"},
		{"fr", "9 mars 2026", "9 mars 2026", "09/03/2026", "14:00"},
		{"de", "9. März 2026", "09.03.2026", "09.03.26", "14:00"},
		{"nl", "9 maart 2026", "9 mrt. 2026", "09-03-2026", "14:00"},
		{"sv", "9 mars 2026", "9 mars 2026", "2026-03-09", "14:00"},
		{"ja", "2026年3月9日", "2026/03/09", "2026/03/09", "14:00"},
		{"he", "9 במרץ 2026", "9 במרץ 2026", "9.3.2026", "14:00"},
	} {
		w, _ := New().Words(tc.lang)
		assert.Equal(t, tc.long, w.Date(d, DateLong), "%s long", tc.lang)
		assert.Equal(t, tc.long, w.Date(d, DateStyleUnknown), "%s unknown style is long", tc.lang)
		assert.Equal(t, tc.medium, w.Date(d, DateMedium), "%s medium", tc.lang)
		assert.Equal(t, tc.short, w.Date(d, DateShort), "%s short", tc.lang)
		assert.Equal(t, tc.clock, w.Time(d), "%s time", tc.lang)
	}
	assert.Equal(t, "long", DateLong.String())
	assert.Equal(t, "DateStyle(9)", DateStyle(9).String())
}

// TestZoneChangesTheDay checks that the display zone moves a late UTC time
// to the next day, and that the date's own offset is kept without a zone.
func TestZoneChangesTheDay(t *testing.T) {
	late := time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC)
	w, _ := New().Words("en")
	assert.Equal(t, "31 December 2026, 23:30 UTC", w.DateTime(late))
	assert.Equal(t, "1 January 2027, 08:30 JST", w.InZone(zone(t, "Asia/Tokyo")).DateTime(late))
	assert.Equal(t, "31 December 2026, 18:30 EST", w.InZone(zone(t, "America/New_York")).DateTime(late))
	assert.Equal(t, "UTC-03:30", w.ZoneName(late.In(time.FixedZone("", -(3*3600+1800)))))
	assert.Nil(t, w.Zone())
	assert.Equal(t, "Asia/Tokyo", w.InZone(zone(t, "Asia/Tokyo")).Zone().String())
}

func TestLoadZone(t *testing.T) {
	loc, err := LoadZone("")
	assert.NoError(t, err)
	assert.Nil(t, loc)
	for _, name := range []string{"Europe/Lundon", "Local", "../../etc/passwd", "GMT+1"} {
		_, err := LoadZone(name)
		assert.ErrorIs(t, err, ErrZone, "LoadZone(%q)", name)
	}
}

func TestRelative(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		lang string
		ago  time.Duration
		want string
	}{
		{"en", 10 * time.Second, "just now"},
		{"en", time.Minute, "1 minute ago"},
		{"en", 59 * time.Minute, "59 minutes ago"},
		{"en", 2 * time.Hour, "2 hours ago"},
		{"en", 25 * time.Hour, "1 day ago"},
		{"en", 6 * 24 * time.Hour, "6 days ago"},
		{"en", 7 * 24 * time.Hour, "19 November 2026, 12:00 UTC"},
		{"en", -time.Hour, "26 November 2026, 13:00 UTC"},
		{"fr", 3 * time.Hour, "il y a 3 heures"},
		{"de", 30 * time.Minute, "vor 30 Minuten"},
		{"ar", 2 * time.Hour, "قبل ساعتين"},
		{"ar", 5 * 24 * time.Hour, "قبل 5 أيام"},
		{"pl", 5 * time.Minute, "5 minut temu"},
		{"ja", 3 * time.Hour, "3時間前"},
		{"ko", 0, "방금"},
	} {
		w, _ := New().Words(tc.lang)
		assert.Equal(t, tc.want, w.Relative(now.Add(-tc.ago), now), "%s Relative(now-%s)", tc.lang, tc.ago)
	}
}

// TestAddedLanguageDates checks that a language added without formats
// takes the shipped CLDR formats nearest its tag, and one with its own
// formats uses them.
func TestAddedLanguageDates(t *testing.T) {
	d := time.Date(2026, 3, 9, 14, 0, 0, 0, time.UTC)
	c, err := New().Add(Language{Tag: "en-AU", Messages: Messages{Newsletter: "Newsletter"}})
	require.NoError(t, err)
	w, _ := c.Words("en-AU")
	assert.Equal(t, "9 March 2026", w.Date(d, DateLong))
	assert.Equal(t, "14:00", w.Time(d), "the nearest shipped formats: British")

	c, err = New().Add(Language{Tag: "en-CA", Messages: Messages{}, Dates: isoDates{}})
	require.NoError(t, err)
	w, _ = c.Words("en-CA")
	assert.Equal(t, "2026-03-09", w.Date(d, DateLong))
}

type isoDates struct{}

func (isoDates) FmtDateLong(t time.Time) string   { return t.Format("2006-01-02") }
func (isoDates) FmtDateMedium(t time.Time) string { return t.Format("2006-01-02") }
func (isoDates) FmtDateShort(t time.Time) string  { return t.Format("06-01-02") }
func (isoDates) FmtTimeShort(t time.Time) string  { return t.Format("15:04") }

// TestShippedFormats checks every shipped CLDR locale for gaps in its data:
// a clock that tells 02:00 from 14:00, no stray spaces, a year in every
// date.
func TestShippedFormats(t *testing.T) {
	tags, fs := dateLocales()
	am := time.Date(2026, 3, 9, 2, 0, 0, 0, time.UTC)
	pm := am.Add(12 * time.Hour)
	for i, f := range fs {
		assert.NotEqual(t, f.FmtTimeShort(am), f.FmtTimeShort(pm), "%s: 02:00 and 14:00", tags[i])
		for _, s := range []string{f.FmtTimeShort(am), f.FmtTimeShort(pm), f.FmtDateLong(am), f.FmtDateMedium(am), f.FmtDateShort(am)} {
			assert.Equal(t, strings.TrimSpace(s), s, "%s: %q", tags[i], s)
			assert.NotContains(t, s, "  ", "%s: %q", tags[i], s)
		}
		year := "2026"
		if _, ok := f.(solarHijri); ok {
			year = "1404" // 9 March 2026 is 18 Esfand 1404
		}
		for _, s := range []string{f.FmtDateLong(am), f.FmtDateMedium(am)} {
			assert.Contains(t, s, year, "%s: %q", tags[i], s)
		}
	}
}
