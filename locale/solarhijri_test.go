package locale

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Dates whose Solar Hijri equivalent is a matter of public record:
// Nowruz (1 Farvardin) of recent years, a leap day (30 Esfand), the
// first day of autumn and winter, and 22 Bahman 1357.
func TestSolarHijriKnownDates(t *testing.T) {
	tests := []struct {
		gregorian string
		y, m, d   int
	}{
		{"1979-02-11", 1357, 11, 22},
		{"2020-03-20", 1399, 1, 1},
		{"2021-03-21", 1400, 1, 1},
		{"2022-03-21", 1401, 1, 1},
		{"2023-03-21", 1402, 1, 1},
		{"2023-09-23", 1402, 7, 1},
		{"2023-12-22", 1402, 10, 1},
		{"2024-03-20", 1403, 1, 1},
		{"2025-03-20", 1403, 12, 30},
		{"2025-03-21", 1404, 1, 1},
		{"2026-03-21", 1405, 1, 1},
		{"2026-11-26", 1405, 9, 5},
	}
	for _, tt := range tests {
		t.Run(tt.gregorian, func(t *testing.T) {
			g, err := time.Parse(time.DateOnly, tt.gregorian)
			require.NoError(t, err)
			y, m, d, ok := toSolarHijri(g)
			require.True(t, ok)
			assert.Equal(t, [3]int{tt.y, tt.m, tt.d}, [3]int{y, m, d})
		})
	}
}

// Walking day by day from 1800 to 2200, every date follows the one before
// it: months of 31 days (1–6), 30 (7–11), and an Esfand of 29 or 30 days.
// Leap years are 4 or 5 years apart, and 1403 and 1408 are leap years with
// 1404–1407 common (the five-year gap).
func TestSolarHijriContinuity(t *testing.T) {
	day := time.Date(1800, 1, 1, 12, 0, 0, 0, time.UTC)
	py, pm, pd, ok := toSolarHijri(day)
	require.True(t, ok)
	leapYears := []int{}
	for day.Year() < 2200 {
		day = day.AddDate(0, 0, 1)
		y, m, d, ok := toSolarHijri(day)
		require.True(t, ok, day)
		switch {
		case y == py && m == pm:
			require.Equal(t, pd+1, d, day)
		case y == py && m == pm+1:
			require.Equal(t, 1, d, day)
			want := 31
			if pm > 6 {
				want = 30
			}
			require.Equal(t, want, pd, "month %d/%d ends on day %d (%s)", pm, py, pd, day)
		case y == py+1 && m == 1 && pm == 12:
			require.Equal(t, 1, d, day)
			require.Contains(t, []int{29, 30}, pd, day)
			if pd == 30 {
				leapYears = append(leapYears, py)
			}
		default:
			t.Fatalf("%s: %d/%d/%d follows %d/%d/%d", day, y, m, d, py, pm, pd)
		}
		py, pm, pd = y, m, d
	}
	for i := 1; i < len(leapYears); i++ {
		gap := leapYears[i] - leapYears[i-1]
		require.Contains(t, []int{4, 5}, gap, "leap years %d and %d", leapYears[i-1], leapYears[i])
	}
	assert.Contains(t, leapYears, 1403)
	assert.Contains(t, leapYears, 1408)
	for _, y := range []int{1404, 1405, 1406, 1407} {
		assert.NotContains(t, leapYears, y)
	}
}

func TestSolarHijriFormats(t *testing.T) {
	at := time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)
	fa, err := New().Words("fa-IR")
	require.NoError(t, err)
	assert.Equal(t, "۵ آذر ۱۴۰۵", fa.Date(at, DateLong))
	assert.Equal(t, "۵ آذر ۱۴۰۵", fa.Date(at, DateMedium))
	assert.Equal(t, "۱۴۰۵/۹/۵", fa.Date(at, DateShort))
	assert.Equal(t, "۵ آذر ۱۴۰۵، ساعت ۹:۳۰ UTC", fa.DateTime(at))
	af, err := New().Words("fa-AF")
	require.NoError(t, err)
	assert.Equal(t, "۵ قوس ۱۴۰۵", af.Date(at, DateLong))

	// A Unicode calendar extension asks for the Gregorian calendar.
	greg, err := New().Words("fa-IR-u-ca-gregory")
	require.NoError(t, err)
	assert.Equal(t, "۲۶ نوامبر ۲۰۲۶", greg.Date(at, DateLong))

	// Outside the computed range the Gregorian formats stay.
	far := time.Date(4000, 1, 1, 0, 0, 0, 0, time.UTC)
	_, _, _, ok := toSolarHijri(far)
	assert.False(t, ok)
	assert.NotEmpty(t, fa.Date(far, DateLong))
}

func TestZones(t *testing.T) {
	var z Zones
	a, err := z.Load("Europe/London")
	require.NoError(t, err)
	b, err := z.Load("Europe/London")
	require.NoError(t, err)
	assert.Same(t, a, b, "loaded once, then kept")
	none, err := z.Load("")
	require.NoError(t, err)
	assert.Nil(t, none)
	_, err = z.Load("Mars/Olympus")
	require.ErrorIs(t, err, ErrZone)
	_, err = z.Load("Local")
	require.ErrorIs(t, err, ErrZone)
}
