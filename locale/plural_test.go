package locale

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"
)

// TestPluralFormsCLDR checks the plural forms against the integer samples
// of CLDR's plurals.xml (the @integer lists of each rule).
func TestPluralFormsCLDR(t *testing.T) {
	for _, tc := range []struct {
		lang string
		form Form
		ns   []int
	}{
		{"en", One, []int{1}},
		{"en", Other, []int{0, 2, 3, 16, 100, 1000, 10000}},
		{"fr", One, []int{0, 1}},
		{"fr", Other, []int{2, 3, 17, 100, 1000}},
		{"de", One, []int{1}},
		{"de", Other, []int{0, 2, 16, 100}},
		{"tr", One, []int{1}},
		{"tr", Other, []int{0, 2, 16, 100}},
		{"hi", One, []int{0, 1}},
		{"hi", Other, []int{2, 3, 17, 100}},
		{"fa", One, []int{0, 1}},
		{"fa", Other, []int{2, 3, 17, 100}},
		{"ar", Zero, []int{0}},
		{"ar", One, []int{1}},
		{"ar", Two, []int{2}},
		{"ar", Few, []int{3, 4, 9, 10, 103, 110, 1003}},
		{"ar", Many, []int{11, 12, 26, 99, 111, 1011}},
		{"ar", Other, []int{100, 101, 102, 200, 202, 1000, 10000}},
		{"pl", One, []int{1}},
		{"pl", Few, []int{2, 3, 4, 22, 23, 24, 32, 102, 1002}},
		{"pl", Many, []int{0, 5, 11, 12, 13, 14, 19, 21, 25, 100, 112, 1000}},
		{"ru", One, []int{1, 21, 31, 41, 101, 1001}},
		{"ru", Few, []int{2, 3, 4, 22, 23, 24, 102, 1002}},
		{"ru", Many, []int{0, 5, 11, 12, 13, 14, 19, 20, 100, 111, 1000}},
		{"uk", One, []int{1, 21, 101}},
		{"uk", Few, []int{2, 4, 22, 34}},
		{"uk", Many, []int{0, 5, 11, 14, 20, 100}},
		{"he", One, []int{1}},
		{"he", Two, []int{2}},
		{"he", Many, []int{20, 30, 40, 50, 100, 1000, 10000}},
		{"he", Other, []int{0, 3, 4, 10, 17, 101, 1001}},
		{"ja", Other, []int{0, 1, 2, 100}},
		{"ko", Other, []int{0, 1, 2, 100}},
		{"zh-Hant", Other, []int{0, 1, 2, 100}},
	} {
		tag := language.MustParse(tc.lang)
		for _, n := range tc.ns {
			assert.Equal(t, tc.form, PluralForm(tag, n), "PluralForm(%s, %d)", tc.lang, n)
		}
	}
	assert.Equal(t, One, PluralForm(language.English, -1), "negative counts use their absolute value")
}

func TestIntegerForms(t *testing.T) {
	for _, tc := range []struct {
		lang string
		want []Form
	}{
		{"en", []Form{One, Other}},
		{"ar", []Form{Zero, One, Two, Few, Many, Other}},
		{"pl", []Form{One, Few, Many, Other}},
		{"ru", []Form{One, Few, Many, Other}},
		{"he", []Form{One, Two, Many, Other}},
		{"ja", []Form{Other}},
	} {
		assert.Equal(t, tc.want, IntegerForms(language.MustParse(tc.lang)), "IntegerForms(%s)", tc.lang)
	}
}

// TestCount checks the counted messages against each language's grammar,
// one row per plural form.
func TestCount(t *testing.T) {
	c := New()
	for _, tc := range []struct {
		lang string
		key  Key
		n    int
		want string
	}{
		{"en", MinRead, 1, "1 min read"},
		{"en", MinutesAgo, 1, "1 minute ago"},
		{"en", MinutesAgo, 5, "5 minutes ago"},
		{"fr", MinutesAgo, 0, "il y a 0 minute"},
		{"fr", HoursAgo, 2, "il y a 2 heures"},
		{"ar", MinRead, 0, "0 دقيقة قراءة"},
		{"ar", MinRead, 1, "دقيقة قراءة واحدة"},
		{"ar", MinRead, 2, "دقيقتا قراءة"},
		{"ar", MinRead, 3, "3 دقائق قراءة"},
		{"ar", MinRead, 11, "11 دقيقة قراءة"},
		{"ar", MinRead, 100, "100 دقيقة قراءة"},
		{"ar", HoursAgo, 2, "قبل ساعتين"},
		{"pl", MinRead, 1, "1 minuta czytania"},
		{"pl", MinRead, 3, "3 minuty czytania"},
		{"pl", MinRead, 5, "5 minut czytania"},
		{"pl", MinRead, 22, "22 minuty czytania"},
		{"pl", MinRead, 12, "12 minut czytania"},
		{"ru", MinRead, 21, "21 минута чтения"},
		{"ru", MinRead, 11, "11 минут чтения"},
		{"ru", HoursAgo, 3, "3 часа назад"},
		{"uk", DaysAgo, 5, "5 днів тому"},
		{"he", MinRead, 1, "דקת קריאה אחת"},
		{"he", HoursAgo, 2, "לפני שעתיים"},
		{"he", MinRead, 20, "20 דק' קריאה"},
		{"fa", MinRead, 12, "۱۲ دقیقه مطالعه"},
		{"ja", MinRead, 4, "4分で読めます"},
		{"ru", Byline, 1, "Автор: {authors}"},
		{"ru", Byline, 2, "Авторы: {authors}"},
	} {
		w, _ := c.Words(tc.lang)
		assert.Equal(t, tc.want, w.Count(tc.key, tc.n), "%s Count(%s, %d)", tc.lang, tc.key, tc.n)
	}
	w, _ := c.Words("ru")
	assert.Equal(t, "Авторы: А и Б", w.Count(Byline, 2, "authors", w.List("А", "Б")))
}

func TestFormText(t *testing.T) {
	for f := Zero; f <= Other; f++ {
		b, err := f.MarshalText()
		assert.NoError(t, err)
		var g Form
		assert.NoError(t, g.UnmarshalText(b))
		assert.Equal(t, f, g)
	}
	_, err := FormUnknown.MarshalText()
	assert.ErrorIs(t, err, ErrForm)
	var g Form
	assert.ErrorIs(t, g.UnmarshalText([]byte("several")), ErrForm)
	assert.Equal(t, "Form(9)", Form(9).String())
}
