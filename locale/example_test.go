package locale_test

import (
	"fmt"
	"time"

	"github.com/broadsheet/broadsheet/locale"
)

func Example() {
	w, err := locale.New().Words("fr-CA")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(w.Language(), w.Dir())
	fmt.Println(w.Get(locale.KeyPoints))
	fmt.Println(w.Format(locale.ShareOn, "network", "Facebook"))
	fmt.Println(w.Count(locale.MinRead, 5))
	// Output:
	// fr ltr
	// Ce qu’il faut retenir
	// Partager sur Facebook
	// 5 min de lecture
}

func ExampleWords_Count() {
	for _, lang := range []string{"en", "pl", "ar"} {
		w, _ := locale.New().Words(lang)
		for _, n := range []int{1, 2, 5, 22} {
			fmt.Printf("%s %d: %s\n", lang, n, w.Count(locale.MinRead, n))
		}
	}
	// Output:
	// en 1: 1 min read
	// en 2: 2 min read
	// en 5: 5 min read
	// en 22: 22 min read
	// pl 1: 1 minuta czytania
	// pl 2: 2 minuty czytania
	// pl 5: 5 minut czytania
	// pl 22: 22 minuty czytania
	// ar 1: دقيقة قراءة واحدة
	// ar 2: دقيقتا قراءة
	// ar 5: 5 دقائق قراءة
	// ar 22: 22 دقيقة قراءة
}

func ExampleWords_DateTime() {
	london, err := locale.LoadZone("Europe/London")
	if err != nil {
		fmt.Println(err)
		return
	}
	w, _ := locale.New().Words("en-GB")
	winter := time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)
	summer := time.Date(2026, 7, 4, 9, 30, 0, 0, time.UTC)
	fmt.Println(w.DateTime(winter))
	fmt.Println(w.InZone(london).DateTime(winter))
	fmt.Println(w.InZone(london).DateTime(summer))
	de, _ := locale.New().Words("de")
	fmt.Println(de.Format(locale.Published, "date", de.DateTime(summer)))
	// Output:
	// 26 November 2026, 09:30 UTC
	// 26 November 2026, 09:30 GMT
	// 4 July 2026, 10:30 BST
	// Veröffentlicht am 4. Juli 2026, 09:30 Uhr UTC
}

func ExampleWords_Relative() {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	for _, lang := range []string{"en", "fr", "he", "ja"} {
		w, _ := locale.New().Words(lang)
		fmt.Println(w.Relative(now.Add(-2*time.Hour), now))
	}
	// Output:
	// 2 hours ago
	// il y a 2 heures
	// לפני שעתיים
	// 2時間前
}

func ExampleCatalogue_Override() {
	site, err := locale.New().Override("en", locale.Messages{
		locale.PhotoCredit: "Picture: {credit}",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	w, _ := site.Words("en-GB")
	fmt.Println(w.Format(locale.PhotoCredit, "credit", "Ann Lee"))

	_, err = locale.New().Override("en", locale.Messages{locale.ShareOn: "Share"})
	fmt.Println(err)
	// Output:
	// Picture: Ann Lee
	// locale: en: "share_on": bad placeholder: missing {network}
}

func ExampleCatalogue_Add() {
	c, err := locale.New().Add(locale.Language{
		Tag:      "fr-BE",
		Messages: locale.Messages{locale.Newsletter: "Lettre d’information"},
		Source:   "our Brussels desk",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	w, _ := c.Words("fr-BE")
	fmt.Println(w.Get(locale.Newsletter))
	fmt.Println(w.Get(locale.KeyPoints)) // from fr
	// Output:
	// Lettre d’information
	// Ce qu’il faut retenir
}

func ExampleWords_Dir() {
	for _, lang := range []string{"ar-QA", "he", "ur", "fr"} {
		w, _ := locale.New().Words(lang)
		fmt.Println(lang, w.Dir(), w.Language())
	}
	// Output:
	// ar-QA rtl ar
	// he rtl he
	// ur rtl en
	// fr ltr fr
}
