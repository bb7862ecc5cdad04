package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/broadsheet/broadsheet/share"
)

func shareCommand() command {
	return command{
		name:    "share",
		args:    "[--network a,b] [--format text|json] [--utm-campaign C] [ARTICLE]",
		summary: "print share links and post texts fitted to each network's limit",
		run:     runShare,
	}
}

// shareItem is one network's entry in --format json.
type shareItem struct {
	Network  share.Network `json:"network"`
	Name     string        `json:"name"`
	URL      string        `json:"url"`
	Text     string        `json:"text,omitempty"`
	Length   int           `json:"length,omitempty"`
	Limit    int           `json:"limit,omitempty"`
	Unit     share.Unit    `json:"unit,omitempty"`
	Hashtags []string      `json:"hashtags,omitempty"`
}

// parseNetworks reads a comma-separated list of network IDs.
func parseNetworks(list string) ([]share.Network, error) {
	var out []share.Network
	for _, id := range strings.Split(list, ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		n, err := share.ParseNetwork(id)
		if err != nil {
			return nil, usagef("--network: unknown network %q (known: %s)", id, networkIDs(share.AllNetworks()))
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, usagef("--network: no network given")
	}
	return out, nil
}

func networkIDs(ns []share.Network) string {
	ids := make([]string, len(ns))
	for i, n := range ns {
		ids[i] = n.ID()
	}
	return strings.Join(ids, ", ")
}

func runShare(e *env, args []string) error {
	f := newFlags(e, shareCommand(), true)
	networks := f.String("network", "", "comma-separated network `IDs` (default: every network)")
	format := f.String("format", "text", "output `format`: text or json")
	campaign := f.String("utm-campaign", "", "utm_campaign `value` (default share)")
	opts := share.Options{Networks: share.AllNetworks()}
	explicit := false
	a, arg, err := f.article(args, func() (err error) {
		if *format != "text" && *format != "json" {
			return usagef("--format must be text or json, not %q", *format)
		}
		opts.UTM.Campaign = *campaign
		if explicit = *networks != ""; explicit {
			opts.Networks, err = parseNetworks(*networks)
		}
		return err
	})
	if err != nil {
		return err
	}
	set, problems := share.Build(a, opts)
	if set.Links == nil && problems != nil {
		return problems
	}
	links := set.Links
	byNet := map[share.Network]share.Post{}
	for _, p := range set.Posts {
		byNet[p.Network] = p
	}
	items := make([]shareItem, 0, len(links))
	for _, l := range links {
		it := shareItem{Network: l.Network, Name: l.Name, URL: l.Href}
		if p, ok := byNet[l.Network]; ok {
			it.Text, it.Length, it.Limit, it.Unit, it.Hashtags = p.Text, p.Length, p.Limit, p.Unit, p.Hashtags
		}
		items = append(items, it)
	}
	w, finish := f.out()
	if *format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(items); err != nil {
			return finish(err)
		}
	} else {
		for i, it := range items {
			if i > 0 {
				fmt.Fprintln(w)
			}
			fmt.Fprintf(w, "%s (%s)\n  link: %s\n", it.Name, it.Network, it.URL)
			if it.Text != "" {
				fmt.Fprintf(w, "  post: %d of %d %s\n", it.Length, it.Limit, it.Unit)
				for _, line := range strings.Split(it.Text, "\n") {
					fmt.Fprintf(w, "    %s\n", line)
				}
			}
		}
	}
	if err := finish(nil); err != nil {
		return err
	}
	if problems != nil {
		for _, line := range strings.Split(problems.Error(), "\n") {
			fmt.Fprintf(e.stderr, "%s: %s\n", source(arg), line)
		}
		if explicit {
			return errSilent
		}
	}
	return nil
}
