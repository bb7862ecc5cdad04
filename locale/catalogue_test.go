package locale

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// countKeys are the plural keys whose count is a number the reader sees:
// each language must spell every form its whole numbers take.
var countKeys = []Key{MinRead, MinutesAgo, HoursAgo, DaysAgo}

// TestShippedComplete checks that no shipped language lacks a key English
// has: a stand-alone language defines every key (plural keys with every
// form CLDR gives its whole numbers), a regional variant only keys that
// exist, and every message passes the checks Add applies to callers.
func TestShippedComplete(t *testing.T) {
	c := New()
	en := c.tables[language.English].msgs
	require.Len(t, c.Languages(), 21)
	for _, l := range shipped() {
		t.Run(l.Tag, func(t *testing.T) {
			tag := language.MustParse(l.Tag)
			assert.NotEmpty(t, l.Source, "source")
			assert.NoError(t, check(tag, l.Messages))
			for k := range l.Messages {
				base, _, ok := k.split()
				assert.True(t, ok, "key %q", k)
				if !base.Plural() {
					assert.Contains(t, en, k, "key %q is not an English key", k)
				}
			}
			if !c.standalone(tag) {
				return // a regional variant: the rest comes from its parent
			}
			for k := range en {
				base, _, _ := k.split()
				if base.Plural() {
					continue
				}
				assert.Contains(t, l.Messages, k, "missing %q", k)
			}
			for _, k := range Keys() {
				if k.Plural() {
					assert.Contains(t, l.Messages, k.Form(Other), "missing %q", k.Form(Other))
				}
			}
			for _, k := range countKeys {
				for _, f := range IntegerForms(tag) {
					assert.Contains(t, l.Messages, k.Form(f), "missing %q", k.Form(f))
				}
			}
		})
	}
}

// TestEnglishIsTheBase checks that English defines every key of Keys and
// nothing else, with the wording render printed before the catalogue.
func TestEnglishIsTheBase(t *testing.T) {
	en := New().tables[language.English].msgs
	assert.Empty(t, missingKeys(en))
	for k := range en {
		_, _, ok := k.split()
		assert.True(t, ok, "key %q", k)
	}
	w, err := New().Words("en-GB")
	require.NoError(t, err)
	for _, tc := range []struct{ got, want string }{
		{w.Get(SkipToArticle), "Skip to the article"},
		{w.Format(ShareOn, "network", "Facebook"), "Share on Facebook"},
		{w.Get(CopyLink), "Copy the link to this article"},
		{w.Count(MinRead, 1), "1 min read"},
		{w.Count(MinRead, 7), "7 min read"},
		{w.Count(Byline, 2, "authors", "A and B"), "By A and B"},
		{w.Format(PhotoCredit, "credit", "C"), "Photograph: C"},
	} {
		assert.Equal(t, tc.want, tc.got)
	}
}

func TestWordsMatching(t *testing.T) {
	c := New()
	for _, tc := range []struct {
		name, lang, want string
		dir              Direction
	}{
		{"empty is English", "", "en", LTR},
		{"British", "en-GB", "en", LTR},
		{"Canadian French", "fr-CA", "fr", LTR},
		{"Swiss German", "de-CH", "de", LTR},
		{"Taiwan", "zh-TW", "zh-Hant", LTR},
		{"Hong Kong", "zh-HK", "zh-Hant", LTR},
		{"mainland", "zh-CN", "zh-Hans", LTR},
		{"bare Chinese", "zh", "zh-Hans", LTR},
		{"Brazil", "pt-BR", "pt", LTR},
		{"Portugal", "pt-PT", "pt-PT", LTR},
		{"Qatar", "ar-QA", "ar", RTL},
		{"Egypt", "ar-EG", "ar", RTL},
		{"Israel", "he-IL", "he", RTL},
		{"old Hebrew code", "iw", "he", RTL},
		{"Iran", "fa-IR", "fa", RTL},
		{"Urdu: English words, RTL page", "ur", "en", RTL},
		{"Pashto", "ps", "en", RTL},
		{"Yiddish", "yi", "en", RTL},
		{"Dhivehi", "dv", "en", RTL},
		{"Azerbaijani in Arabic script", "az-Arab", "en", RTL},
		{"Swahili", "sw", "en", LTR},
		{"Catalan is not Spanish", "ca", "en", LTR},
		{"Norwegian is not Swedish", "nb", "en", LTR},
		{"case and underscore-free", "FR-ca", "fr", LTR},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, err := c.Words(tc.lang)
			require.NoError(t, err)
			assert.Equal(t, tc.want, w.Language().String(), "Words(%q).Language()", tc.lang)
			assert.Equal(t, tc.dir, w.Dir(), "Words(%q).Dir()", tc.lang)
			for _, k := range Keys() {
				assert.NotEmpty(t, w.Get(k), "Words(%q).Get(%s)", tc.lang, k)
			}
		})
	}
}

func TestWordsInvalid(t *testing.T) {
	for _, lang := range []string{"not a tag", "en_GB_", "x", "12"} {
		_, err := New().Words(lang)
		assert.ErrorIs(t, err, ErrLanguage, "Words(%q)", lang)
	}
}

func TestFallbackChain(t *testing.T) {
	w, err := New().Words("pt-PT")
	require.NoError(t, err)
	assert.Equal(t, "Partilhar este artigo", w.Get(ShareArticle), "pt-PT's own")
	assert.Equal(t, "Ir para o artigo", w.Get(SkipToArticle), "from pt")
	assert.Equal(t, "há 3 minutos", w.Count(MinutesAgo, 3), "plural from pt")
}

func TestOverride(t *testing.T) {
	base := New()
	site, err := base.Override("en", Messages{PhotoCredit: "Photo: {credit}", MinRead: "{n}-minute read"})
	require.NoError(t, err)
	w, _ := site.Words("en-GB")
	assert.Equal(t, "Photo: Ann Lee", w.Format(PhotoCredit, "credit", "Ann Lee"))
	assert.Equal(t, "1 min read", w.Count(MinRead, 1), "the one form still wins over an overridden other")
	assert.Equal(t, "4-minute read", w.Count(MinRead, 4))
	orig, _ := base.Words("en")
	assert.Equal(t, "Photograph: Ann Lee", orig.Format(PhotoCredit, "credit", "Ann Lee"), "the base catalogue is unchanged")

	// A French override shows through fr-CA, which falls back to it.
	fr, err := base.Override("fr", Messages{KeyPoints: "L’essentiel"})
	require.NoError(t, err)
	w, _ = fr.Words("fr-CA")
	assert.Equal(t, "L’essentiel", w.Get(KeyPoints))

	art, err := w.With(Messages{KeyPoints: "En bref"})
	require.NoError(t, err)
	assert.Equal(t, "En bref", art.Get(KeyPoints))
	assert.Equal(t, "L’essentiel", w.Get(KeyPoints), "With copies")
}

func TestOverrideErrors(t *testing.T) {
	c := New()
	for _, tc := range []struct {
		name, lang string
		m          Messages
		want       error
		msg        string
	}{
		{"unknown language", "fr-CA", Messages{KeyPoints: "x"}, ErrUnknownLanguage, "fr-CA"},
		{"bad tag", "??", Messages{KeyPoints: "x"}, ErrLanguage, "??"},
		{"unknown key", "en", Messages{"key_pionts": "x"}, ErrKey, "key_pionts"},
		{"form on a plain key", "en", Messages{"key_points.one": "x"}, ErrKey, "key_points.one"},
		{"bad form name", "en", Messages{"min_read.single": "x"}, ErrKey, "min_read.single"},
		{"form English lacks", "en", Messages{"min_read.few": "{n}"}, ErrForm, "min_read.few"},
		{"missing placeholder", "fr", Messages{ShareOn: "Partager"}, ErrPlaceholder, "missing {network}"},
		{"foreign placeholder", "fr", Messages{KeyPoints: "{n} points"}, ErrPlaceholder, "{n}"},
		{"unbalanced", "fr", Messages{ShareOn: "Partager sur {network"}, ErrPlaceholder, "share_on"},
		{"other form needs {n}", "ar", Messages{"min_read.other": "دقيقة"}, ErrPlaceholder, "missing {n}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Override(tc.lang, tc.m)
			require.ErrorIs(t, err, tc.want)
			assert.Contains(t, err.Error(), tc.msg)
			assert.True(t, strings.HasPrefix(err.Error(), "locale: "), err.Error())
		})
	}
	// Every problem is reported at once.
	_, err := c.Override("en", Messages{"a": "x", "b": "y"})
	assert.ErrorIs(t, err, ErrKey)
	assert.Contains(t, err.Error(), `"a"`)
	assert.Contains(t, err.Error(), `"b"`)
}

func TestAdd(t *testing.T) {
	c := New()
	// A regional variant may be partial.
	be, err := c.Add(Language{Tag: "fr-BE", Messages: Messages{Newsletter: "Lettre d’information"}})
	require.NoError(t, err)
	w, _ := be.Words("fr-BE")
	assert.Equal(t, "fr-BE", w.Language().String())
	assert.Equal(t, "Lettre d’information", w.Get(Newsletter))
	assert.Equal(t, "Ce qu’il faut retenir", w.Get(KeyPoints), "from fr")
	assert.Contains(t, be.Languages(), language.MustParse("fr-BE"))
	assert.NotContains(t, c.Languages(), language.MustParse("fr-BE"), "the base catalogue is unchanged")

	// A new stand-alone language must be complete.
	_, err = c.Add(Language{Tag: "ca", Messages: Messages{KeyPoints: "Claus"}})
	require.ErrorIs(t, err, ErrIncomplete)
	assert.Contains(t, err.Error(), "skip_to_article")

	full := Messages{}
	for k, v := range c.tables[language.English].msgs {
		full[k] = v
	}
	full[KeyPoints] = "Claus"
	ca, err := c.Add(Language{Tag: "ca", Messages: full, Source: "test"})
	require.NoError(t, err)
	w, _ = ca.Words("ca-ES")
	assert.Equal(t, "ca", w.Language().String())
	assert.Equal(t, "Claus", w.Get(KeyPoints))
	assert.Equal(t, "test", ca.Source(language.MustParse("ca")))

	_, err = c.Add(Language{Tag: "fr", Messages: Messages{}})
	assert.ErrorIs(t, err, ErrDuplicate)
}

func TestDirection(t *testing.T) {
	for _, tc := range []struct {
		tag  string
		want Direction
	}{
		{"ar", RTL}, {"he", RTL}, {"fa", RTL}, {"ur", RTL}, {"ps", RTL}, {"yi", RTL},
		{"dv", RTL}, {"ug", RTL}, {"sd", RTL}, {"ckb", RTL}, {"syr", RTL},
		{"pa-Arab", RTL}, {"pa", LTR}, {"az-Latn", LTR}, {"en", LTR}, {"ja", LTR},
		{"hi", LTR}, {"und", LTR},
	} {
		assert.Equal(t, tc.want, DirectionOf(language.MustParse(tc.tag)), "DirectionOf(%s)", tc.tag)
	}
	var d Direction
	require.NoError(t, d.UnmarshalText([]byte("rtl")))
	assert.Equal(t, RTL, d)
	b, err := LTR.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "ltr", string(b))
	_, err = DirectionUnknown.MarshalText()
	assert.ErrorIs(t, err, ErrDirection)
	assert.ErrorIs(t, d.UnmarshalText([]byte("auto")), ErrDirection)
}

func TestListAndSplit(t *testing.T) {
	c := New()
	for _, tc := range []struct {
		lang  string
		names []string
		want  string
	}{
		{"en", nil, ""},
		{"en", []string{"A"}, "A"},
		{"en", []string{"A", "B"}, "A and B"},
		{"en", []string{"A", "B", "C"}, "A, B and C"},
		{"fr", []string{"A", "B", "C"}, "A, B et C"},
		{"ar", []string{"أ", "ب", "ج"}, "أ، ب وج"},
		{"ja", []string{"A", "B", "C"}, "A、B、C"},
		{"ko", []string{"가", "나"}, "가·나"},
	} {
		w, _ := c.Words(tc.lang)
		assert.Equal(t, tc.want, w.List(tc.names...), "%s List(%q)", tc.lang, tc.names)
	}
	b, a := Split("By {authors}", "authors")
	assert.Equal(t, []string{"By ", ""}, []string{b, a})
	b, a = Split("{authors} 기자", "authors")
	assert.Equal(t, []string{"", " 기자"}, []string{b, a})
	b, a = Split("no placeholder", "authors")
	assert.Equal(t, []string{"no placeholder", ""}, []string{b, a})
}

func TestKeys(t *testing.T) {
	keys := Keys()
	assert.Equal(t, len(keys), len(slices.Compact(slices.Clone(keys))), "no duplicates")
	assert.Equal(t, Key("min_read.few"), MinRead.Form(Few))
	for _, k := range keys {
		assert.False(t, strings.Contains(string(k), "."), "key %q", k)
	}
	assert.True(t, errors.Is(check(language.English, Messages{"byline.two": "{authors}"}), ErrForm))
}

func TestTextDirection(t *testing.T) {
	for _, tc := range []struct {
		name, s string
		want    Direction
	}{
		{"Latin", "Council votes", LTR},
		{"Hebrew", "הספרייה תיפתח", RTL},
		{"Arabic", "مجلس وادي النخيل", RTL},
		{"Persian", "خبرهای فوری", RTL},
		{"Japanese", "港北市", LTR},
		{"digits first, then Hebrew", "2026: הספרייה", RTL},
		{"Hebrew headline starting with English", "\"Open Data\" בעירייה", LTR},
		{"gershayim are Hebrew letters' class", "״Open Data״ בעירייה", RTL},
		{"English quoting Arabic", "Why «مجلس» matters", LTR},
		{"isolated English skipped", "\u2068Open Data\u2069 בעירייה", RTL},
		{"digits only", "2026", DirectionUnknown},
		{"empty", "", DirectionUnknown},
		{"invalid UTF-8", "\xff\xfe", DirectionUnknown},
	} {
		assert.Equal(t, tc.want, TextDirection(tc.s), "%s: TextDirection(%q)", tc.name, tc.s)
	}
}

// TestWordsConcurrent resolves words from many goroutines at once (run
// with -race): the catalogue's memory of resolved languages is shared.
func TestWordsConcurrent(t *testing.T) {
	c := New()
	langs := []string{"fr-CA", "ar-QA", "zh-TW", "pt-AO", "en", "ur", "sw"}
	done := make(chan string, 8*len(langs))
	for i := 0; i < 8; i++ {
		go func() {
			for _, l := range langs {
				w, err := c.Words(l)
				if err != nil {
					done <- err.Error()
					continue
				}
				done <- w.Language().String()
			}
		}()
	}
	got := map[string]int{}
	for i := 0; i < 8*len(langs); i++ {
		got[<-done]++
	}
	assert.Equal(t, map[string]int{"fr": 8, "ar": 8, "zh-Hant": 8, "pt-PT": 8, "en": 24}, got)
}
