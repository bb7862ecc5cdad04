package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/serve"
	"github.com/broadsheet/broadsheet/site"
)

func serveCommand() command {
	return command{
		name:    "serve",
		args:    "[--addr 127.0.0.1:8080] [--public-url URL] [--site site.json] [--watch 2s] [--keep-going] [--time-zone ZONE] [--images DIR] [PATH...]",
		summary: "serve a site over HTTP: pages, cards, feeds, sitemaps, oEmbed (PATH: .json or .md articles, or folders of them)",
		run:     runServe,
	}
}

// runServe is a thin wrapper around package serve: it loads the
// collection, runs an http.Server with timeouts, reloads on SIGHUP (and,
// with --watch, when a file changes), and shuts down gracefully on SIGINT
// or SIGTERM.
func runServe(e *env, args []string) error {
	f := newFlags(e, serveCommand(), false)
	addr := f.String("addr", "127.0.0.1:8080", "listen `address` (host:port); loopback by default")
	public := f.String("public-url", "", "the absolute `URL` the site is served at (og:image, feed links); default: each request's host")
	siteFile := f.String("site", "", "the site configuration `file` every article inherits (an article's \"site\" object); default: site.json in the first folder PATH that has one")
	watch := f.Duration("watch", 0, "poll the PATHs for changes every `interval` and reload (0: only on SIGHUP)")
	keepGoing := f.Bool("keep-going", false, "serve the good articles when some files are bad (they are listed on standard error)")
	zone := timeZoneFlag(f)
	images := f.String("images", "", "draw photo cards (/cards/ID/1200x630-photo.jpg) from lead images found in `folder` at their URL's path (media/x.jpg for https://host/media/x.jpg)")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if _, err := loadZone(*zone); err != nil {
		return err
	}
	opts := zoneOptions(serve.Options{PublicURL: *public}, *zone)
	if *images != "" {
		st, err := os.Stat(*images)
		if err != nil || !st.IsDir() {
			return usagef("--images %q is not a folder", *images)
		}
		opts.LeadImage = serve.LeadImageFS(os.DirFS(*images))
	}
	if *watch < 0 {
		return usagef("--watch must not be negative")
	}
	load := func() (*site.Collection, error) {
		if len(pos) == 0 {
			a := sample.Article()
			cfg := a.Site
			a.Site = nil
			return site.New(cfg, []*article.Article{a}, false)
		}
		var cfg *article.Site
		cfgFile := *siteFile
		if cfgFile == "" {
			cfgFile = findConfig(pos)
		}
		if cfgFile != "" {
			c, err := site.LoadConfig(cfgFile)
			if err != nil {
				return nil, err
			}
			cfg = c
		}
		return site.Load(site.Options{Site: cfg, KeepGoing: *keepGoing}, pos...)
	}
	c, err := load()
	if err != nil {
		if c == nil {
			return err
		}
		fmt.Fprintln(e.stderr, err)
	}
	printWarnings(e, c)
	live := site.NewLive(c)
	h, err := serve.New(live, opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)

	fmt.Fprintf(e.stderr, "broadsheet serve: %d article(s) at http://%s/ (Ctrl-C stops, SIGHUP reloads)\n", c.Len(), ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()

	reload := func(why string) {
		c, err := load()
		if c == nil {
			fmt.Fprintf(e.stderr, "broadsheet serve: reload (%s) failed; still serving the previous articles:\n%v\n", why, err)
			return
		}
		if err != nil {
			fmt.Fprintln(e.stderr, err)
		}
		printWarnings(e, c)
		live.Store(c)
		fmt.Fprintf(e.stderr, "broadsheet serve: reloaded (%s): %d article(s)\n", why, c.Len())
	}
	var tick <-chan time.Time
	var last string
	if *watch > 0 && len(pos) > 0 {
		t := time.NewTicker(*watch)
		defer t.Stop()
		tick = t.C
		last = fingerprint(append(pos, *siteFile))
		// (site.json inside a folder PATH is covered by the folder's walk.)
	}
	for {
		select {
		case err := <-done:
			return err
		case <-ctx.Done():
			shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := srv.Shutdown(shutdown); err != nil {
				return err
			}
			fmt.Fprintln(e.stderr, "broadsheet serve: stopped")
			return nil
		case <-hup:
			reload("SIGHUP")
		case <-tick:
			if fp := fingerprint(append(pos, *siteFile)); fp != last {
				last = fp
				reload("files changed")
			}
		}
	}
}

// printWarnings lists the loaded articles' warnings on standard error,
// one per line with file and field.
func printWarnings(e *env, c *site.Collection) {
	for _, w := range c.Warnings() {
		fmt.Fprintln(e.stderr, w)
	}
}

// findConfig returns site.json in the first folder of paths that has one,
// or "".
func findConfig(paths []string) string {
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			c := filepath.Join(p, site.ConfigName)
			if st, err := os.Stat(c); err == nil && st.Mode().IsRegular() {
				return c
			}
		}
	}
	return ""
}

// fingerprint summarises the files under paths (names, sizes, modification
// times), so a poll can tell that something changed without reading them.
func fingerprint(paths []string) string {
	var b []byte
	for _, root := range paths {
		if root == "" {
			continue
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				b = append(b, p...)
				b = append(b, "!\n"...)
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			b = append(b, p...)
			b = append(b, ' ')
			b = strconv.AppendInt(b, info.Size(), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, info.ModTime().UnixNano(), 10)
			b = append(b, '\n')
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			b = append(b, err.Error()...)
		}
	}
	return string(b)
}
