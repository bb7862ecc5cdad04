package main

import (
	"strings"

	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/render"
)

func renderCommand() command {
	return command{
		name:    "render",
		args:    "[--fragment] [--ticker HEADLINE]... [--no-ticker] [--time-zone ZONE] [-o FILE] [ARTICLE]",
		summary: "render the article's HTML5 page (or, with --fragment, the article alone)",
		run:     runRender,
	}
}

func runRender(e *env, args []string) error {
	f := newFlags(e, renderCommand(), true)
	fragment := f.Bool("fragment", false, "write the <article> element alone, for your own layout")
	var ticker headlines
	f.Var(&ticker, "ticker", "a breaking-news `HEADLINE` for the ticker (repeatable; the sample article has its own)")
	noTicker := f.Bool("no-ticker", false, "render no ticker, not even the sample's")
	zone := timeZoneFlag(f)
	a, arg, err := f.article(args, func() error {
		_, err := loadZone(*zone)
		return err
	})
	if err != nil {
		return err
	}
	r, err := render.New(render.Options{TimeZone: *zone})
	if err != nil {
		return err
	}
	w, finish := f.out()
	if *fragment {
		return finish(r.Fragment(w, a))
	}
	switch {
	case *noTicker:
		ticker = nil
	case arg == "" && len(ticker) == 0:
		ticker = sample.Ticker()
	}
	return finish(r.Page(w, a, tickerView(ticker)))
}

// headlines is a repeatable string flag.
type headlines []string

func (h *headlines) String() string { return strings.Join(*h, " | ") }

func (h *headlines) Set(s string) error {
	*h = append(*h, s)
	return nil
}

// tickerView is the page view showing the headlines in its ticker.
func tickerView(headlines []string) render.View {
	var v render.View
	for _, h := range headlines {
		v.Ticker.Items = append(v.Ticker.Items, render.TickerItem{Headline: h})
	}
	return v
}
