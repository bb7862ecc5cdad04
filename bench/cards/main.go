// Command cards compares render/card with the share-card renderers people
// use today, on the same card content on the same machine: satori +
// @resvg/resvg-js (what @vercel/og runs) and takumi (Rust, via napi). It
// writes the content and the Go fonts to a temporary directory, runs
// bench.mjs under node, renders the same card with render/card, and prints
// CPU and wall time per card with ratios.
//
//	npm ci --prefix bench/cards      # once: satori, @resvg/resvg-js, @takumi-rs/core
//	go run ./bench/cards [-n 50] [-keep DIR]
//
// CPU time per card is the number to compare: this kind of shared machine
// varies by up to 2× in wall time between runs but only about ±5% in CPU
// time. Compare ratios measured in one run.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/render/card"
)

type result struct {
	Name   string  `json:"name"`
	Cards  int     `json:"cards"`
	CPUms  float64 `json:"cpu_ms"`
	WallMs float64 `json:"wall_ms"`
	Bytes  int     `json:"bytes"`
}

func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func main() {
	n := flag.Int("n", 50, "timed cards per pipeline")
	keep := flag.String("keep", "", "write inputs and output PNGs to `DIR` (kept) instead of a temporary directory")
	flag.Parse()

	dir := *keep
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "bench-cards-"); err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(dir)
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}

	// Render with Go first: its fitted headline size is given to the JS
	// pipelines, which have no auto-fit, so all three draw the same text.
	a := sample.Article()
	r, err := card.New(card.Theme{})
	if err != nil {
		log.Fatal(err)
	}
	png, info, err := r.Bytes(a, card.Options{})
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broadsheet.png"), png, 0o644); err != nil {
		log.Fatal(err)
	}
	t := r.Theme()
	content := map[string]any{
		"width": 1200, "height": 630, "padding": t.Padding,
		"background": hex(t.Background), "text": hex(t.Text), "muted": hex(t.Muted),
		"accent": hex(t.Accent), "accentText": hex(t.AccentText), "breakingColor": hex(t.Breaking), "rule": hex(t.Rule),
		"site": a.Site.Name, "initial": "K", "breaking": a.Breaking, "section": a.Section,
		"headline": a.SocialTitle(), "headlinePx": info.HeadlinePx, "standfirst": a.Standfirst,
		"domain": "news.example.com", "date": a.Published.Format(t.Dateline),
	}
	// The photo card: a 1600×900 JPEG lead image (a synthetic seascape
	// with sensor-like noise, so it compresses like a photograph) to a
	// 1200×630 JPEG card, headline over the cover-cropped image under a
	// scrim.
	lead := leadJPEG()
	photoOpts := card.Options{Layout: card.LayoutPhoto, ImageData: lead}
	photoCard, photoInfo, err := r.Bytes(a, photoOpts)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broadsheet-photo.jpg"), photoCard, 0o644); err != nil {
		log.Fatal(err)
	}
	content["photoHeadlinePx"] = photoInfo.HeadlinePx
	content["scrim"] = fmt.Sprintf("rgba(%d,%d,%d,%.2f)", t.Scrim.R, t.Scrim.G, t.Scrim.B, float64(t.Scrim.A)/255)
	content["scrimRGB"] = fmt.Sprintf("%d,%d,%d", t.Scrim.R, t.Scrim.G, t.Scrim.B)
	cj, _ := json.Marshal(content)
	for name, b := range map[string][]byte{"content.json": cj, "Go-Bold.ttf": gobold.TTF, "Go-Regular.ttf": goregular.TTF, "lead.jpg": lead} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			log.Fatal(err)
		}
	}

	// Go: one warm-up card, then n timed cards, one goroutine.
	runtime.GC()
	c0, w0 := cpuTime(), time.Now()
	for range *n {
		if _, err := r.Render(io.Discard, a, card.Options{}); err != nil {
			log.Fatal(err)
		}
	}
	goRes := result{Name: "broadsheet render/card", Cards: *n, Bytes: len(png),
		CPUms:  float64(cpuTime()-c0) / float64(time.Millisecond) / float64(*n),
		WallMs: float64(time.Since(w0)) / float64(time.Millisecond) / float64(*n)}

	runtime.GC()
	c0, w0 = cpuTime(), time.Now()
	for range *n {
		if _, err := r.Render(io.Discard, a, photoOpts); err != nil {
			log.Fatal(err)
		}
	}
	goPhoto := result{Name: "broadsheet photo", Cards: *n, Bytes: len(photoCard),
		CPUms:  float64(cpuTime()-c0) / float64(time.Millisecond) / float64(*n),
		WallMs: float64(time.Since(w0)) / float64(time.Millisecond) / float64(*n)}

	_, self, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(self), "bench.mjs")
	cmd := exec.Command("node", script, dir, fmt.Sprint(*n))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		log.Fatalf("node bench.mjs: %v (did you run npm ci --prefix bench/cards?)", err)
	}
	var js []result
	if err := json.Unmarshal(out, &js); err != nil {
		log.Fatalf("node bench.mjs printed %q: %v", out, err)
	}

	var text, photo []result
	for _, res := range js {
		if strings.HasSuffix(res.Name, "photo") {
			photo = append(photo, res)
		} else {
			text = append(text, res)
		}
	}
	table := func(title string, base result, others []result) {
		fmt.Printf("%s\n\n", title)
		fmt.Printf("%-24s %12s %12s %10s %14s %14s\n", "pipeline", "CPU ms/card", "wall ms/card", "bytes", "Go faster (CPU)", "Go faster (wall)")
		for _, res := range append([]result{base}, others...) {
			fmt.Printf("%-24s %12.2f %12.2f %10d %14.2fx %14.2fx\n", res.Name, res.CPUms, res.WallMs, res.Bytes,
				res.CPUms/base.CPUms, res.WallMs/base.WallMs)
		}
		fmt.Println()
	}
	table(fmt.Sprintf("reference card: sample article, 1200x630 PNG, headline %d px, %d cards each after a warm-up", info.HeadlinePx, *n), goRes, text)
	table(fmt.Sprintf("photo card: 1600x900 JPEG lead image (%d bytes) to a 1200x630 JPEG, decoded every card, %d cards each", len(lead), *n), goPhoto, photo)
	if *keep != "" {
		fmt.Printf("images: %s\n", strings.Join([]string{
			filepath.Join(dir, "broadsheet.png"), filepath.Join(dir, "satori-resvg.png"), filepath.Join(dir, "takumi.png"),
			filepath.Join(dir, "broadsheet-photo.jpg"), filepath.Join(dir, "takumi-photo.jpg")}, " "))
	}
}

// leadJPEG returns a 1600×900 JPEG (quality 85) of a synthetic seascape:
// sky, sea, a low sun and a pier, with deterministic noise so it costs
// what a photograph costs to decode.
func leadJPEG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 1600, 900))
	seed := uint32(1)
	for y := range 900 {
		for x := range 1600 {
			fy := float64(y) / 900
			var c [3]float64
			if fy < 0.55 {
				c = [3]float64{90 + 120*fy, 140 + 80*fy, 220 - 40*fy}
			} else {
				w := 0.5 + 0.5*math.Sin(float64(x)/23+float64(y)/7)
				c = [3]float64{20 + 30*w, 70 + 40*w, 110 + 50*w}
			}
			if dx, dy := float64(x-1150), float64(y-430); dx*dx+dy*dy < 90*90 {
				c = [3]float64{255, 214, 120}
			}
			if y > 560 && y < 600 && x > 200 && x < 900 {
				c = [3]float64{60, 45, 35}
			}
			seed = seed*1664525 + 1013904223
			n := float64(seed>>24)/255*24 - 12
			i := img.PixOffset(x, y)
			for k := range 3 {
				img.Pix[i+k] = uint8(min(max(c[k]+n, 0), 255))
			}
			img.Pix[i+3] = 255
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}
