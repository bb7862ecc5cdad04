// Command build measures a static build of N Markdown articles with
// package build (through the broadsheet build code path) and with Debian's
// hugo, in one run, interleaved round by round, and prints wall time, CPU
// time and peak memory (maximum resident set) of each side by side.
//
//	go run ./bench/build [-n 2000] [-rounds 1] [-jobs 0] [-only 0,1,2,3,4] [-profile DIR]
//
// -only picks builders by number (0 hugo, 1 pages-only, 2 no cards, 3 with
// cards, 4 unchanged rebuild of 3, or of 1 when 3 is left out); -profile writes each broadsheet
// build's CPU profile to DIR/NAME.pprof. For a large -n (100000) leave
// hugo out (-only 1,3,4): it holds the whole site in memory.
//
// Both get the same articles (headline, standfirst, section, date,
// author, a ~250-word Markdown body). Hugo's layout is minimal and does
// the same work as broadsheet's page: its internal Open Graph, Twitter
// Card and schema templates in the head, the rendered body, a home page
// listing, RSS and a sitemap. broadsheet runs three ways: pages, feeds and
// sitemaps without cards (--no-cards), the same plus a 1200×630 share card
// per article, and an unchanged rebuild. Every build but the rebuild starts
// from an empty output folder. Each build is a child process, so its
// peak memory is its own.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/broadsheet/broadsheet/build"
	"github.com/broadsheet/broadsheet/site"
)

func main() {
	n := flag.Int("n", 2000, "articles")
	rounds := flag.Int("rounds", 1, "rounds (each runs every builder once)")
	jobs := flag.Int("jobs", 0, "broadsheet's --jobs (0: GOMAXPROCS)")
	child := flag.String("child", "", "internal: run one broadsheet build: cards|nocards")
	src := flag.String("src", "", "internal: the articles")
	out := flag.String("out", "", "internal: the output folder")
	cpuprofile := flag.String("cpuprofile", "", "internal: write the child's CPU profile to `file`")
	memprofile := flag.String("memprofile", "", "internal: write the child's heap profile at its largest heap to `file`")
	only := flag.String("only", "0,1,2,3,4", "the builders to run, by number: 0 hugo, 1 pages-only, 2 no cards, 3 cards, 4 unchanged rebuild")
	profile := flag.String("profile", "", "write each broadsheet build's CPU profile into `folder`")
	keep := flag.String("dir", "", "generate the articles into `folder` and keep them (reused when it holds them already)")
	flag.Parse()
	if *child != "" {
		if *cpuprofile != "" {
			f, err := os.Create(*cpuprofile)
			if err != nil {
				log.Fatal(err)
			}
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
		if *memprofile != "" {
			stop := watchHeap(*memprofile)
			defer stop()
		}
		if err := runChild(*child, *src, *out, *jobs); err != nil {
			log.Print(err)
			pprof.StopCPUProfile()
			os.Exit(1)
		}
		return
	}
	run := map[int]bool{}
	for f := range strings.SplitSeq(*only, ",") {
		var i int
		if _, err := fmt.Sscan(f, &i); err != nil || i < 0 || i > 4 {
			log.Fatalf("-only %q: want numbers 0 to 4", *only)
		}
		run[i] = true
	}
	if run[4] && !run[3] && !run[1] {
		log.Fatal("-only: the unchanged rebuild (4) needs a build to repeat: the card build (3) or pages-only (1)")
	}
	// The rebuild repeats the card build, or pages-only without it.
	rebuildOf, rebuildMode := 3, "cards"
	if !run[3] {
		rebuildOf, rebuildMode = 1, "pages"
	}
	hugo, err := exec.LookPath("hugo")
	if err != nil && run[0] {
		log.Fatal("bench/build needs hugo (Debian package hugo)")
	}
	dir := *keep
	if dir == "" {
		if dir, err = os.MkdirTemp("", "bench-build-"); err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(dir)
	}
	bsSrc, hugoSrc := filepath.Join(dir, "articles"), filepath.Join(dir, "hugo")
	if !run[0] {
		hugoSrc = ""
	}
	have, _ := filepath.Glob(filepath.Join(bsSrc, "*.md"))
	if len(have) != *n {
		os.RemoveAll(bsSrc)
		os.RemoveAll(hugoSrc)
		if err := generate(*n, bsSrc, hugoSrc); err != nil {
			log.Fatal(err)
		}
	} else if _, err := os.Stat(hugoSrc); run[0] && err != nil {
		log.Fatal("-dir: the folder has the articles but not hugo's copy; use a new folder")
	}
	self, err := os.Executable()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("bench/build: %d articles, %d round(s), GOMAXPROCS %d, load before: %s", *n, *rounds, runtime.GOMAXPROCS(0), loadavg())
	if run[0] {
		version, _ := exec.Command(hugo, "version").Output()
		fmt.Printf("hugo: %s", version)
	}

	type result struct {
		wall, cpu []time.Duration
		rss       []int64
	}
	names := []string{
		"hugo (pages, RSS, sitemap; no cards)",
		"broadsheet --pages-only (pages, feeds, sitemaps)",
		"broadsheet --no-cards (+ /a/ID page, fragment, meta, share)",
		"broadsheet (all of serve's URLs + 1200x630 cards)",
		"broadsheet, unchanged rebuild (of 3, else of 1)",
	}
	res := make([]result, len(names))
	for r := range *rounds {
		for i := range names {
			if !run[i] {
				continue
			}
			o := filepath.Join(dir, fmt.Sprintf("out-%d-%d", i, r))
			var cmd *exec.Cmd
			switch i {
			case 0:
				cmd = exec.Command(hugo, "--quiet", "--source", hugoSrc, "--destination", o, "--cacheDir", filepath.Join(dir, "hugocache"))
			case 1:
				cmd = exec.Command(self, "-child", "pages", "-src", bsSrc, "-out", o, "-jobs", fmt.Sprint(*jobs))
			case 2:
				cmd = exec.Command(self, "-child", "nocards", "-src", bsSrc, "-out", o, "-jobs", fmt.Sprint(*jobs))
			case 3:
				cmd = exec.Command(self, "-child", "cards", "-src", bsSrc, "-out", o, "-jobs", fmt.Sprint(*jobs))
			case 4:
				o = filepath.Join(dir, fmt.Sprintf("out-%d-%d", rebuildOf, r))
				cmd = exec.Command(self, "-child", rebuildMode, "-src", bsSrc, "-out", o, "-jobs", fmt.Sprint(*jobs))
			}
			if *profile != "" && i > 0 {
				cmd.Args = append(cmd.Args, "-cpuprofile", filepath.Join(*profile, fmt.Sprintf("build-%d-round-%d.pprof", i, r)))
			}
			cmd.Stderr = os.Stderr
			start := time.Now()
			if err := cmd.Run(); err != nil {
				log.Fatalf("%s: %v", names[i], err)
			}
			wall := time.Since(start)
			ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			res[i].wall = append(res[i].wall, wall)
			res[i].cpu = append(res[i].cpu, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
			res[i].rss = append(res[i].rss, ru.Maxrss) // KiB on Linux
			if !(i == rebuildOf && run[4]) {
				os.RemoveAll(o)
			}
		}
	}
	fmt.Printf("load after: %s\n", loadavg())
	fmt.Printf("%-60s %10s %10s %10s %12s\n", "builder", "wall", "CPU", "peak MB", "hugo wall ÷")
	for i, name := range names {
		if !run[i] {
			continue
		}
		w := median(res[i].wall)
		ratio := "-"
		if run[0] {
			ratio = fmt.Sprintf("%.2f×", float64(median(res[0].wall))/float64(w))
		}
		fmt.Printf("%-60s %10s %10s %10.0f %12s\n", name, w.Round(time.Millisecond), median(res[i].cpu).Round(time.Millisecond),
			float64(medianInt(res[i].rss))/1024, ratio)
	}
}

// watchHeap writes a heap profile to file each time the heap in use
// reaches a new high (checked every 100 ms), until stop is called.
func watchHeap(file string) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var high uint64
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > high+high/10 {
				high = ms.HeapInuse
				if f, err := os.Create(file); err == nil {
					pprof.Lookup("heap").WriteTo(f, 0)
					f.Close()
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown\n"
	}
	return string(b)
}

func median(d []time.Duration) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func medianInt(d []int64) int64 {
	s := append([]int64(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// runChild is one broadsheet build, as `broadsheet build` runs it.
func runChild(mode, src, out string, jobs int) error {
	cfg, err := site.LoadConfig(filepath.Join(src, site.ConfigName))
	if err != nil {
		return err
	}
	c, err := site.Load(site.Options{Site: cfg, Decoders: build.Decoders()}, src)
	if err != nil {
		return err
	}
	_, err = build.Build(context.Background(), c, build.Options{Out: out, Jobs: jobs, NoCards: mode == "nocards", PagesOnly: mode == "pages"})
	return err
}

// words is the vocabulary of the generated bodies (invented text).
var words = strings.Fields(`harbour ferry council tide pier gauge winter timetable sailing
operator slipway wall storm contractor survey headland lighthouse keeper path reopening
committee budget meeting residents fishermen crab boats quay lantern beacon forecast
gale season repairs notice spring volunteers museum school bus route market square`)

// body returns a Markdown body of about 250 words, different per i.
func body(i int) string {
	var b strings.Builder
	w := i * 7
	for p := range 4 {
		for s := range 4 {
			b.WriteString(strings.ToUpper(words[w%len(words)][:1]) + words[w%len(words)][1:])
			for k := range 14 {
				w = (w*31 + 17 + k) % 100003
				word := words[w%len(words)]
				switch {
				case k == 5 && s == 1:
					word = "*" + word + "*"
				case k == 9 && s == 2:
					word = "**" + word + "**"
				case k == 3 && s == 3 && p == 1:
					word = "[" + word + "](https://news.example.com/topics/" + word + ")"
				}
				b.WriteString(" " + word)
			}
			b.WriteString(". ")
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// generate writes the same n articles for broadsheet (src) and for Hugo
// (hugoDir, with its configuration and minimal layout).
func generate(n int, src, hugoDir string) error {
	dirs := []string{src}
	if hugoDir != "" {
		dirs = append(dirs, filepath.Join(hugoDir, "content", "uk"), filepath.Join(hugoDir, "layouts", "_default"))
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	files := map[string]string{
		filepath.Join(src, site.ConfigName): `{"name": "The Kestrel Courier", "url": "https://news.example.com/", "tagline": "News from the bay", "locale": "en_GB"}`,
		filepath.Join(hugoDir, "config.toml"): `baseURL = "https://news.example.com/"
title = "The Kestrel Courier"
languageCode = "en-gb"
disableKinds = ["taxonomy", "term"]
[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
[params]
description = "News from the bay"
`,
		filepath.Join(hugoDir, "layouts", "_default", "single.html"): `<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<title>{{ .Title }} | {{ .Site.Title }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ template "_internal/opengraph.html" . }}
{{ template "_internal/twitter_cards.html" . }}
{{ template "_internal/schema.html" . }}
</head>
<body><article><p>{{ .Params.section }}</p><h1>{{ .Title }}</h1><p>{{ .Description }}</p>
<p>By {{ delimit .Params.authors ", " }} · <time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ .Content }}</article></body>
</html>
`,
		filepath.Join(hugoDir, "layouts", "_default", "list.html"): `<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><ul>{{ range first 50 .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Description }}</li>{{ end }}</ul></body></html>
`,
		filepath.Join(hugoDir, "layouts", "index.html"): `<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Site.Title }}</title></head>
<body><ul>{{ range first 50 .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Description }}</li>{{ end }}</ul></body></html>
`,
	}
	for p, s := range files {
		if hugoDir == "" && !strings.HasPrefix(p, src) {
			continue
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			return err
		}
	}
	base := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	for i := range n {
		id := fmt.Sprintf("story-%05d", i)
		headline := fmt.Sprintf("Ferry timetable %d changes for the winter season", i)
		stand := "The harbour ferry runs less often from December, the operator says, and the slipway stays shut."
		date := base.Add(-time.Duration(i) * 37 * time.Minute).Format(time.RFC3339)
		bd := body(i)
		bs := fmt.Sprintf("---\nid: %s\nurl: https://news.example.com/uk/%s\nheadline: %s\nstandfirst: %s\nsection: UK\nlanguage: en-GB\npublished: %s\nauthors:\n  - name: Ines Varga\n---\n%s", id, id, headline, stand, date, bd)
		hg := fmt.Sprintf("---\ntitle: %q\ndescription: %q\ndate: %s\nsection: UK\nauthors: [\"Ines Varga\"]\n---\n%s", headline, stand, date, bd)
		if err := os.WriteFile(filepath.Join(src, id+".md"), []byte(bs), 0o644); err != nil {
			return err
		}
		if hugoDir == "" {
			continue
		}
		if err := os.WriteFile(filepath.Join(hugoDir, "content", "uk", id+".md"), []byte(hg), 0o644); err != nil {
			return err
		}
	}
	return nil
}
