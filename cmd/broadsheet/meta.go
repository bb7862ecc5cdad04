package main

import (
	"encoding/json"

	"github.com/broadsheet/broadsheet/render"
)

func metaCommand() command {
	return command{
		name:    "meta",
		args:    "[--format html|json] [--time-zone ZONE] [-o FILE] [ARTICLE]",
		summary: "print the head tags (Open Graph, X Cards, JSON-LD), or the resolved metadata as JSON",
		run:     runMeta,
	}
}

func runMeta(e *env, args []string) error {
	f := newFlags(e, metaCommand(), true)
	format := f.String("format", "html", "output `format`: html (the head tags) or json (the resolved metadata)")
	zone := timeZoneFlag(f)
	a, _, err := f.article(args, func() error {
		if *format != "html" && *format != "json" {
			return usagef("--format must be html or json, not %q", *format)
		}
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
	if *format == "html" {
		return finish(r.Head(w, a))
	}
	m, err := r.Meta(a)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return finish(enc.Encode(m))
}
