package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/extract"
)

func importCommand() command {
	return command{
		name:    "import",
		args:    "[--url URL] [--site site.json] [--report] [--zone TZ] [--no-body] [--keep-image] [--allow-private] [--timeout D] [-o FILE] FILE|URL|-",
		summary: "extract the article JSON from a web page (a saved file, a URL to fetch, or - for standard input)",
		run:     runImport,
	}
}

func runImport(e *env, args []string) error {
	f := newFlags(e, importCommand(), true)
	pageURL := f.String("url", "", "the page's `URL` when it names no canonical link (saved files); for a fetched page, overrides the address it was fetched from")
	sitePath := f.String("site", "", "site settings `FILE` (the article's \"site\" object as JSON); its fields win over the page's")
	report := f.Bool("report", false, "print where each value came from on standard error")
	zone := f.String("zone", "", "the publisher's IANA time `zone` (Europe/London) for times the page gives without an offset")
	noBody := f.Bool("no-body", false, "skip the readable-body pass (metadata only)")
	keepImage := f.Bool("keep-image", false, "keep a lead image the page gives no alt text or size for (validation will then flag it)")
	allowPrivate := f.Bool("allow-private", false, "let the fetch reach loopback and private addresses (intranets, local servers)")
	timeout := f.Duration("timeout", extract.DefaultTimeout, "total deadline for fetching a URL")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("takes one FILE, URL or -, got %d arguments", len(pos))
	}
	opts := extract.Options{URL: *pageURL, NoBody: *noBody, KeepIncompleteImage: *keepImage}
	if *zone != "" {
		loc, err := time.LoadLocation(*zone)
		if err != nil {
			return usagef("--zone: %v", err)
		}
		opts.Zone = loc
	}
	if *sitePath != "" {
		s, err := readSite(*sitePath)
		if err != nil {
			return err
		}
		opts.Site = s
	}

	arg := pos[0]
	var src []byte
	switch {
	case strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://"):
		client := extract.NewClient(extract.ClientOptions{AllowLoopback: *allowPrivate, AllowPrivate: *allowPrivate})
		page, err := extract.Fetch(context.Background(), client, arg, extract.FetchOptions{Timeout: *timeout})
		if err != nil {
			return err
		}
		src = page.HTML
		if opts.URL == "" {
			opts.URL = page.URL
		}
	case arg == "-":
		src, err = io.ReadAll(io.LimitReader(e.stdin, extract.MaxPageBytes+1))
	default:
		var file *os.File
		file, err = os.Open(arg)
		if err == nil {
			src, err = io.ReadAll(io.LimitReader(file, extract.MaxPageBytes+1))
			file.Close()
		}
	}
	if err != nil {
		return err
	}
	res, err := extract.Page(src, "", opts)
	if res == nil {
		return fmt.Errorf("%s: %w", source(arg), err)
	}
	if *report {
		res.Report.WriteText(e.stderr)
	} else {
		for _, n := range res.Report.Findings {
			fmt.Fprintf(e.stderr, "%s: note: %s\n", source(arg), n)
		}
	}
	for _, fd := range res.Article.Check() {
		fmt.Fprintf(e.stderr, "%s: %s\n", source(arg), describe(fd))
	}
	if err != nil {
		if errors.Is(err, extract.ErrNoURL) {
			fmt.Fprintf(e.stderr, "%s: no URL: the page names no canonical link; give one with --url\n", source(arg))
		}
		if errors.Is(err, extract.ErrNoHeadline) {
			fmt.Fprintf(e.stderr, "%s: no headline found\n", source(arg))
		}
		return errSilent
	}
	w, finish := f.out()
	return finish(res.Article.Encode(w))
}

// readSite reads a site object ({"name": …, "url": …}) strictly.
func readSite(path string) (*article.Site, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var s article.Site
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &s, nil
}
