package locale

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzWords checks that any language string either is refused with
// ErrLanguage or gives words with every key, a known direction, and
// dates that are valid UTF-8.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"", "en", "fr-CA", "ar-QA", "zh-Hant-TW", "x-private", "und", "sr-Latn-RS", "en-u-ca-islamic", "??", "fa-IR-u-nu-latn"} {
		f.Add(s)
	}
	c := New()
	pub := time.Date(2026, 11, 24, 6, 45, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, lang string) {
		w, err := c.Words(lang)
		if err != nil {
			if !errors.Is(err, ErrLanguage) {
				t.Fatalf("Words(%q) = %v, want ErrLanguage", lang, err)
			}
			return
		}
		if w.Dir() != LTR && w.Dir() != RTL {
			t.Fatalf("Words(%q).Dir() = %v", lang, w.Dir())
		}
		for _, k := range Keys() {
			if w.Get(k) == "" {
				t.Fatalf("Words(%q).Get(%s) is empty", lang, k)
			}
		}
		for _, s := range []string{w.DateTime(pub), w.Count(MinRead, 7), w.Relative(pub, pub.Add(time.Hour))} {
			if !utf8.ValidString(s) || strings.Contains(s, "{") {
				t.Fatalf("Words(%q): %q", lang, s)
			}
		}
	})
}

// FuzzOverride checks that an override message is either refused with a
// placeholder error or shown with its placeholder filled.
func FuzzOverride(f *testing.F) {
	for _, s := range []string{"Partager sur {network}", "Partager", "{network}{network}", "{", "}{network}", "{n}", "{network} {x}"} {
		f.Add(s)
	}
	c := New()
	f.Fuzz(func(t *testing.T, msg string) {
		o, err := c.Override("fr", Messages{ShareOn: msg})
		if err != nil {
			if !errors.Is(err, ErrPlaceholder) {
				t.Fatalf("Override(%q) = %v, want ErrPlaceholder", msg, err)
			}
			return
		}
		w, _ := o.Words("fr")
		got := w.Format(ShareOn, "network", "Mastodon")
		if strings.Contains(got, "{network}") || !strings.Contains(got, "Mastodon") {
			t.Fatalf("Override(%q): Format = %q", msg, got)
		}
	})
}
