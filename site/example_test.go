package site_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/site"
)

func ExampleNew() {
	cfg, err := site.ParseConfig([]byte(`{"name": "The Harbour Gazette", "url": "https://news.example.com/", "x": "harbourgazette"}`))
	if err != nil {
		panic(err)
	}
	mk := func(id string, hoursAgo int, breaking bool, own *article.Site) *article.Article {
		return &article.Article{ID: id, URL: "https://news.example.com/local/" + id, Headline: strings.ReplaceAll(id, "-", " "),
			Published: time.Date(2026, 11, 27, 12-hoursAgo, 0, 0, 0, time.UTC), Body: "<p>…</p>", Breaking: breaking, Site: own}
	}
	c, err := site.New(cfg, []*article.Article{
		mk("ferry-cuts", 3, false, nil),
		mk("storm-warning", 1, true, &article.Site{Name: "Harbour Weather"}),
	}, false)
	if err != nil {
		panic(err)
	}
	latest, err := c.LatestContext(context.Background(), 0)
	if err != nil {
		panic(err)
	}
	for _, a := range latest {
		fmt.Printf("%s %s (%s, @%s)\n", a.ID, site.PagePath(a), a.Site.Name, a.Site.X)
	}
	fmt.Println("ticker:", site.Ticker(latest, nil, 5)[0].Headline)
	fmt.Println(site.CardAliasPath("ferry-cuts", site.CardSpec{Width: 1200, Height: 630, Layout: "standard"}))
	// Output:
	// storm-warning /local/storm-warning (Harbour Weather, @harbourgazette)
	// ferry-cuts /local/ferry-cuts (The Harbour Gazette, @harbourgazette)
	// ticker: storm warning
	// /cards/ferry-cuts/1200x630-standard.png
}
