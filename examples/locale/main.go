// Command locale prints the library's words and a date in one language,
// as a page in that language would show them.
//
//	go run ./examples/locale                       # French, in Paris time
//	go run ./examples/locale ar-QA Asia/Qatar
//	go run ./examples/locale en-GB Europe/London
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/broadsheet/broadsheet/locale"
)

func main() {
	lang, zone := "fr", "Europe/Paris"
	if len(os.Args) > 1 {
		lang = os.Args[1]
	}
	if len(os.Args) > 2 {
		zone = os.Args[2]
	}
	if err := run(lang, zone); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(lang, zone string) error {
	w, err := locale.New().Words(lang)
	if err != nil {
		return err
	}
	loc, err := locale.LoadZone(zone)
	if err != nil {
		return err
	}
	w = w.InZone(loc)
	published := time.Date(2026, 11, 24, 6, 45, 0, 0, time.UTC)
	fmt.Printf("language %s (words: %s), direction %s\n", w.Tag(), w.Language(), w.Dir())
	fmt.Println(w.Get(locale.Breaking))
	fmt.Println(w.Count(locale.Byline, 2, "authors", w.List("Ines Duarte", "Tomas Brel")))
	fmt.Println(w.Format(locale.Published, "date", w.DateTime(published)))
	fmt.Println(w.Get(locale.KeyPoints))
	for _, n := range []int{1, 2, 3, 11} {
		fmt.Println(w.Count(locale.MinRead, n))
	}
	fmt.Println(w.Format(locale.ShareOn, "network", "Mastodon"))
	fmt.Println(w.Relative(published, published.Add(3*time.Hour)))
	return nil
}
