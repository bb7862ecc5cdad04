package card

import (
	"os"
	"sync"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/testenv"
	"github.com/broadsheet/broadsheet/locale"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Regular and bold cuts of Debian's Noto script fonts (fonts-noto-core,
// fonts-noto-cjk), for the per-weight fallback lists.
var weightFiles = []struct {
	regular, bold, family string
}{
	{"/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf", ""},
	{"/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSansHebrew-Bold.ttf", ""},
	{"/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Bold.ttf", ""},
	{"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "Noto Sans CJK JP"},
}

var (
	weightsOnce           sync.Once
	weightsRegular, wBold []*Font
	weightsErr            error
)

func loadFont(path, family string) (*Font, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	for i := 0; ; i++ {
		f, err := ParseCollectionFont(b, i)
		if err != nil || family == "" || f.Family() == family {
			return f, err
		}
	}
}

// weightRenderer returns a default-theme renderer whose fallbacks come in
// a regular and a bold list, without system fonts.
func weightRenderer(t *testing.T) (*Renderer, []*Font, []*Font) {
	t.Helper()
	weightsOnce.Do(func() {
		for _, f := range weightFiles {
			r, err := loadFont(f.regular, f.family)
			if err != nil {
				weightsErr = err
				return
			}
			b, err := loadFont(f.bold, f.family)
			if err != nil {
				weightsErr = err
				return
			}
			weightsRegular, wBold = append(weightsRegular, r), append(wBold, b)
		}
	})
	if weightsErr != nil {
		testenv.Missing(t, "Noto fonts ("+weightsErr.Error()+")", "apt-get install fonts-noto-core fonts-noto-cjk")
	}
	r, err := New(Theme{Fallback: weightsRegular, FallbackBold: wBold, NoSystemFonts: true})
	require.NoError(t, err)
	return r, weightsRegular, wBold
}

// localArticle is an original article in another language.
func localArticle(lang, site, section, headline, standfirst string) *article.Article {
	return &article.Article{
		ID:         "local",
		URL:        "https://news.example.com/local/story",
		Headline:   headline,
		Standfirst: standfirst,
		Section:    section,
		Language:   lang,
		Breaking:   true,
		Published:  time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC),
		KeyPoints:  []string{standfirst},
		Site:       &article.Site{Name: site, URL: "https://news.example.com/"},
	}
}


// Cards in six languages with the words the shipped catalogue gives them
// (no Labels: badge, date and reading time come from package locale):
// French, German (umlauts and ß), Japanese and Hindi left to right,
// Arabic and Hebrew mirrored. Each golden was looked at.
func TestLocalisedCards(t *testing.T) {
	r, _, _ := weightRenderer(t)
	tests := []struct {
		name   string
		a      *article.Article
		layout Layout
	}{
		{"fr.png", localArticle("fr-FR", "Le Courrier de la Baie", "Société",
			"Le conseil de la baie vote l’arrêt des caméras de reconnaissance faciale sur le front de mer",
			"Un audit a montré qu’un signalement sur trois visait la mauvaise personne."),
			LayoutStandard},
		{"de.png", localArticle("de-DE", "Möwenbrücker Anzeiger", "Lokales",
			"Stadtrat von Möwenbrück stimmt für das Abschalten der Gesichtserkennung an der Uferstraße",
			"Eine Prüfung ergab, dass jeder dritte Alarm die falsche Person betraf; Anwohner äußern größere Zweifel."),
			LayoutStandard},
		{"ar.png", localArticle("ar-QA", "صحيفة الخليج", "محليات",
			"مجلس خليج العوسق يصوّت لإيقاف كاميرات التعرف على الوجوه في الواجهة البحرية",
			"كشفت مراجعة أن ثلث التنبيهات أشارت إلى الشخص الخطأ."),
			LayoutStandard},
		{"he.png", localArticle("he-IL", "עיתון המפרץ", "חדשות",
			"מועצת המפרץ מצביעה על כיבוי מצלמות ה־AI בטיילת אחרי ביקורת",
			"הביקורת מצאה ששליש מההתראות זיהו את האדם הלא נכון."),
			LayoutStandard},
		{"ja.png", localArticle("ja-JP", "湾岸新報", "地域",
			"ケストレル湾議会、海岸遊歩道の顔認証カメラ停止を可決　監査で誤検知多数",
			"監査では、警報の3件に1件が別人を示していた。"),
			LayoutStandard},
		{"hi.png", localArticle("hi-IN", "खाड़ी समाचार", "स्थानीय",
			"खाड़ी परिषद ने समुद्र तट पर चेहरा पहचानने वाले कैमरे बंद करने के पक्ष में मतदान किया",
			"जाँच में पाया गया कि हर तीन में से एक चेतावनी गलत व्यक्ति की थी।"),
			LayoutStandard},
		{"ar-keypoint.png", localArticle("ar-QA", "صحيفة الخليج", "محليات",
			"مجلس خليج العوسق يصوّت لإيقاف كاميرات التعرف على الوجوه في الواجهة البحرية",
			"كشفت مراجعة أن ثلث التنبيهات أشارت إلى الشخص الخطأ."),
			LayoutKeyPoint},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, info, err := r.Bytes(tt.a, Options{Layout: tt.layout, ReadingMinutes: 4})
			require.NoError(t, err)
			assert.Empty(t, info.Missing)
			assertImage(t, "locale/"+tt.name, b)
		})
	}
}

// An Arabic standfirst is set in the regular fallback, the headline in
// the bold one.
func TestFallbackPerWeight(t *testing.T) {
	r, regular, bold := weightRenderer(t)
	a := localArticle("ar", "صحيفة", "", "مجلس خليج العوسق يصوّت لإيقاف الكاميرات", "كشفت مراجعة أن ثلث التنبيهات أشارت إلى الشخص الخطأ.")
	faces := map[string]*Font{}
	r.trace = func(kind string, pa *para, x, y, w, top, bottom float64) {
		for _, ln := range pa.lines {
			for _, run := range ln.runs {
				for _, f := range append(append([]*Font{}, regular...), bold...) {
					if run.Face.Font == f.f {
						faces[kind] = f
					}
				}
			}
		}
	}
	_, _, err := r.Image(a, Options{})
	require.NoError(t, err)
	assert.Same(t, regular[0], faces["standfirst"], "the standfirst is drawn in Noto Sans Arabic Regular")
	assert.Same(t, bold[0], faces["headline"], "the headline is drawn in Noto Sans Arabic Bold")
}

func TestDirection(t *testing.T) {
	tests := []struct {
		lang string
		d    Direction
		want bool
	}{
		{"ar-QA", DirectionAuto, true}, {"he", DirectionAuto, true}, {"fa-IR", DirectionAuto, true},
		{"ur", DirectionAuto, true}, {"az-Arab", DirectionAuto, true}, {"en-GB", DirectionAuto, false},
		{"fr", DirectionAuto, false}, {"", DirectionAuto, false}, {"ar", DirectionLTR, false},
		{"en", DirectionRTL, true}, {"uz-Latn", DirectionAuto, false}, {"sd_Arab_PK", DirectionAuto, true},
	}
	for _, tt := range tests {
		if got := tt.d.rtl(tt.lang); got != tt.want {
			t.Errorf("Direction(%d).rtl(%q) = %v, want %v", tt.d, tt.lang, got, tt.want)
		}
	}
}

// LabelsFor takes the words from a locale catalogue.
func TestLabelsFor(t *testing.T) {
	cat := locale.New()
	at := time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		lang, breaking, keyPoint, date, reading string
	}{
		{"en-GB", "Breaking", "Key point", "26 Nov 2026", "4 min read"},
	}
	for _, tt := range tests {
		w, err := cat.Words(tt.lang)
		require.NoError(t, err)
		l := LabelsFor(w)
		assert.Equal(t, tt.breaking, l.breaking(), tt.lang)
		assert.Equal(t, tt.keyPoint, l.keyPoint(1, 1), tt.lang)
		assert.Equal(t, tt.date, l.date(at, DefaultTheme().Dateline), tt.lang, "English keeps the theme's date style")
		assert.Equal(t, tt.reading, l.readingTime(4), tt.lang)
	}
	for _, lang := range []string{"fr", "ar", "he", "ja", "hi", "de"} {
		w, err := cat.Words(lang)
		require.NoError(t, err)
		l := LabelsFor(w)
		assert.NotEqual(t, "Breaking", l.breaking(), lang)
		assert.NotEqual(t, "26 November 2026", l.date(at, ""), lang)
		assert.NotEqual(t, "4 min read", l.readingTime(4), lang)
		t.Logf("%s: %q %q %q %q", lang, l.breaking(), l.keyPoint(2, 3), l.date(at, ""), l.readingTime(4))
	}
	assert.Equal(t, Labels{}, LabelsFor(nil))

	// A display zone moves the date across midnight in both styles.
	late := time.Date(2026, 11, 26, 23, 30, 0, 0, time.UTC)
	tokyo, err := locale.LoadZone("Asia/Tokyo")
	require.NoError(t, err)
	en, err := cat.Words("en-GB")
	require.NoError(t, err)
	enl := LabelsFor(en.InZone(tokyo))
	assert.Equal(t, "27 Nov 2026", enl.date(late, DefaultTheme().Dateline))
	fr, err := cat.Words("fr")
	require.NoError(t, err)
	frl := LabelsFor(fr.InZone(tokyo))
	assert.Equal(t, "27 novembre 2026", frl.date(late, ""))
	loc := Labels{Zone: tokyo}.localised("fr")
	assert.Equal(t, "27 novembre 2026", loc.date(late, ""))
}

// Direction marks in the text (CLDR's Arabic dates hold U+200F) need no
// glyph: the card draws, nothing is reported missing.
func TestInvisibleControlsNeedNoGlyph(t *testing.T) {
	r, err := New(Theme{NoSystemFonts: true})
	require.NoError(t, err)
	_, info, err := r.Bytes(withHeadline("Ferry\u200f timetable\u2066 cut\u2069 to\u00ad hourly\u200b"), Options{})
	require.NoError(t, err)
	assert.Empty(t, info.Missing)
}

// A site's time_zone moves the footer's date: Tokyo is already on the
// next day at 23:30 UTC, London in November is not.
func TestSiteTimeZoneDate(t *testing.T) {
	r, err := New(Theme{NoSystemFonts: true})
	require.NoError(t, err)
	card := func(zone string) []byte {
		a := withHeadline("Ferry timetable cut to hourly")
		a.Published = time.Date(2026, 11, 26, 23, 30, 0, 0, time.UTC)
		a.Modified = time.Time{}
		a.Site.TimeZone = zone
		b, _, err := r.Bytes(a, Options{})
		require.NoError(t, err)
		return b
	}
	none := card("")
	assert.Equal(t, none, card("Europe/London"), "GMT is UTC in November: the same day")
	assert.NotEqual(t, none, card("Asia/Tokyo"), "27 Nov in Tokyo")
}
