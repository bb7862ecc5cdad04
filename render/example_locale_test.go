package render_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/locale"
	"github.com/broadsheet/broadsheet/render"
)

// An article's language chooses the page's words, date format and
// direction (fr-CA: French words, Quebec's CLDR time format); the site
// chooses the zone its dates are shown in and may change any word.
func ExampleOptions_catalogue() {
	words, err := locale.New().Override("fr", locale.Messages{locale.KeyPoints: "L’essentiel"})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := render.New(render.Options{Catalogue: words, TimeZone: "America/Toronto"})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := &article.Article{
		ID:         "navettes",
		URL:        "https://quotidien.example/regions/navettes",
		Headline:   "Les navettes fluviales restent gratuites",
		Language:   "fr-CA",
		Published:  time.Date(2026, 11, 24, 6, 45, 0, 0, time.UTC),
		Authors:    []article.Person{{Name: "Élise Marchetti"}, {Name: "Bastien Roux"}},
		KeyPoints:  []string{"Trois lignes, jusqu’en 2028."},
		Body:       "<p>Le conseil a voté mardi.</p>",
		Standfirst: "Le conseil municipal a prolongé l’essai.",
	}
	frag, err := r.FragmentString(a)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(frag, "\n") {
		if strings.Contains(line, "bs-byline") || strings.Contains(line, "bs-dates") || strings.HasPrefix(line, "<h2 id=\"bs-keypoints") {
			fmt.Println(line)
		}
	}
	// Output:
	// <p class="bs-byline">Par Élise Marchetti et Bastien Roux</p>
	// <p class="bs-dates">Publié le <time datetime="2026-11-24T06:45:00Z">24 novembre 2026 à 01 h 45 EST</time></p>
	// <h2 id="bs-keypoints-heading">L’essentiel</h2>
}
