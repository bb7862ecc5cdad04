package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/build"
	"github.com/broadsheet/broadsheet/serve"
	"github.com/broadsheet/broadsheet/site"
)

func buildCommand() command {
	return command{
		name:    "build",
		args:    "--out DIR [--site site.json] [--public-url URL] [--jobs N] [--shard I/N] [--quiet] [--keep-going] [--no-cards] [--pages-only] [--time-zone ZONE] SOURCE...",
		summary: "write a site as static files: pages, fragments, cards, index, feeds, sitemaps (incremental)",
		run:     runBuild,
	}
}

// runBuild loads the SOURCEs and runs build.Build, with a progress bar on
// a terminal and a one-line summary otherwise. SIGINT and SIGTERM stop the
// build after the pages being written (the manifest records what was
// finished); the exit status is then 1.
func runBuild(e *env, args []string) error {
	f := newFlags(e, buildCommand(), false)
	out := f.String("out", "", "the output `folder` (required)")
	siteFile := f.String("site", "", "the site configuration `file` every article inherits; default: site.json in the first folder SOURCE that has one")
	public := f.String("public-url", "", "the absolute `URL` the site will be served from; default: the site's url")
	jobs := f.Int("jobs", 0, "render at most `N` articles at once (default: the number of CPUs)")
	shard := f.String("shard", "", "build shard `I/N` only: a deterministic 1/N of the articles, plus the listings on shard 0")
	quiet := f.Bool("quiet", false, "print nothing but errors")
	keepGoing := f.Bool("keep-going", false, "skip bad source files and articles, list them at the end, and exit 1")
	noCards := f.Bool("no-cards", false, "leave out the share card images (pages still point og:image at them; the index's card links then fail on a static host)")
	pagesOnly := f.Bool("pages-only", false, "write only each article's page at its canonical path, the index, feeds and sitemaps (no /a/ID files, no cards: the index's tool links and og:image then fail on a static host)")
	version := f.String("version", "", "a `string` to change when something outside the articles and this program changes the output (forces a full rebuild)")
	zone := timeZoneFlag(f)
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if _, err := loadZone(*zone); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out DIR is required")
	}
	if len(pos) == 0 {
		return usagef("no SOURCE: give article files or folders")
	}
	if *jobs < 0 {
		return usagef("--jobs must not be negative")
	}
	opts := build.Options{Out: *out, PublicURL: *public, Jobs: *jobs, KeepGoing: *keepGoing, Version: *version, NoCards: *noCards, PagesOnly: *pagesOnly,
		Serve: zoneOptions(serve.Options{}, *zone)}
	if *shard != "" {
		i, n, err := parseShard(*shard)
		if err != nil {
			return err
		}
		opts.Shard, opts.Shards = i, n
	}

	start := time.Now()
	var cfg *article.Site
	cfgFile := *siteFile
	if cfgFile == "" {
		cfgFile = findConfig(pos)
	}
	if cfgFile != "" {
		if cfg, err = site.LoadConfig(cfgFile); err != nil {
			return err
		}
	}
	c, loadErr := site.Load(site.Options{Site: cfg, Decoders: build.Decoders(), KeepGoing: *keepGoing}, pos...)
	if c == nil {
		return loadErr
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var bar *progressbar.ProgressBar
	if !*quiet && isTerminal(e.stderr) {
		bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(e.stderr),
			progressbar.OptionSetDescription("building"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("units"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		opts.Progress = func(p build.Progress) {
			if bar.GetMax() != p.Total {
				bar.ChangeMax(p.Total)
			}
			bar.Set(p.Done)
		}
	}
	res, err := build.Build(ctx, c, opts)
	if bar != nil {
		bar.Finish()
	}
	if err != nil && res == nil {
		return err
	}
	if !*quiet {
		listings := "listings up to date"
		if res.Listings {
			listings = "listings rendered"
		} else if opts.Shard != 0 {
			listings = "listings on shard 0"
		}
		fmt.Fprintf(e.stderr, "broadsheet build: %d article(s): %d rendered, %d up to date; %s; %d file(s) written, %d removed; %s\n",
			res.Articles, res.Rendered, res.Unchanged, listings, res.Written, res.Removed,
			time.Since(start).Round(time.Millisecond))
	}
	var skipped []string
	var le *site.LoadError
	if errors.As(loadErr, &le) {
		for _, fe := range le.Files {
			skipped = append(skipped, fe.Error())
		}
	} else if loadErr != nil {
		skipped = append(skipped, loadErr.Error())
	}
	for _, f := range res.Failed {
		skipped = append(skipped, f.Error())
	}
	if len(skipped) > 0 {
		fmt.Fprintf(e.stderr, "broadsheet build: skipped %d source(s):\n%s\n", len(skipped), strings.Join(skipped, "\n"))
	}
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return errors.New("interrupted; run the build again to finish it")
		}
		return err
	}
	if len(skipped) > 0 {
		return errSilent
	}
	return nil
}

// parseShard reads "I/N" with 0 <= I < N.
func parseShard(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, usagef("--shard %q: want I/N with 0 <= I < N, such as 0/4", s)
	}
	return i, n, nil
}
