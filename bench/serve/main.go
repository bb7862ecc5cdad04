// Command serve measures package serve's throughput against static file
// servers serving the same bytes, in one run, interleaved: Go's
// http.FileServer, and nginx when /usr/sbin/nginx exists.
//
//	go run ./bench/serve [-duration 2s] [-rounds 3] [-clients 16]
//
// Targets serving the same bytes (the page, a 304 for it, the card) are
// measured at the same moment, each with -clients keep-alive clients on
// loopback for -duration, round after round: they share the machine's
// noise, and the ratio of their rates is the ratio of their cost per
// request. The table shows the median and range of requests per second
// and each target's median ratio to http.FileServer's. The load generator
// shares the machine with the servers, as it does for all of them.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/serve"
	"github.com/broadsheet/broadsheet/site"
)

type target struct {
	name   string
	url    string
	header http.Header
	want   int
	base   string // the FileServer target it is compared with
}

func main() {
	duration := flag.Duration("duration", 2*time.Second, "how long each measurement runs")
	rounds := flag.Int("rounds", 3, "rounds over all targets")
	clients := flag.Int("clients", 16, "concurrent keep-alive clients")
	noNginx := flag.Bool("no-nginx", false, "leave nginx out")
	flag.Parse()

	// The handler, serving the sample article and an imageless one.
	a := sample.Article()
	cfg := a.Site
	a.Site = nil
	b := sample.Article()
	b.Site, b.Image, b.ID = nil, nil, "imageless"
	b.URL = strings.Replace(b.URL, "kestrel-bay-camera-vote", "imageless", 1)
	c, err := site.New(cfg, []*article.Article{a, b}, false)
	check(err)
	h, err := serve.New(c, serve.Options{})
	check(err)
	srv := listen(h)
	defer srv.Close()
	base := "http://" + srv.Addr

	// The same bytes as files.
	dir, err := os.MkdirTemp("", "bench-serve-")
	check(err)
	defer os.RemoveAll(dir)
	check(os.Chmod(dir, 0o755)) // nginx's workers run as another user
	page := get(base + "/a/" + a.ID)
	cardPath := "/cards/imageless/1200x630-standard.png"
	card := get(base + cardPath)
	check(os.WriteFile(filepath.Join(dir, "page.html"), page.body, 0o644))
	check(os.WriteFile(filepath.Join(dir, "card.png"), card.body, 0o644))
	fs := listen(http.FileServer(http.Dir(dir)))
	defer fs.Close()
	fsBase := "http://" + fs.Addr
	lastMod := get(fsBase + "/page.html").header.Get("Last-Modified")

	targets := []target{
		{name: "serve page (cached)", url: base + "/a/" + a.ID, want: 200, base: "FileServer page"},
		{name: "FileServer page", url: fsBase + "/page.html", want: 200},
		{name: "serve 304 (If-None-Match)", url: base + "/a/" + a.ID, header: http.Header{"If-None-Match": {page.header.Get("ETag")}}, want: 304, base: "FileServer 304"},
		{name: "FileServer 304", url: fsBase + "/page.html", header: http.Header{"If-Modified-Since": {lastMod}}, want: 304},
		{name: "serve card (cached)", url: base + cardPath, want: 200, base: "FileServer card"},
		{name: "FileServer card", url: fsBase + "/card.png", want: 200},
	}
	if !*noNginx {
		if ng, stop, err := startNginx(dir); err != nil {
			fmt.Fprintln(os.Stderr, "nginx left out:", err)
		} else {
			defer stop()
			targets = append(targets,
				target{name: "nginx page", url: ng + "/page.html", want: 200},
				target{name: "nginx 304", url: ng + "/page.html", header: http.Header{"If-None-Match": {get(ng + "/page.html").header.Get("ETag")}}, want: 304},
				target{name: "nginx card", url: ng + "/card.png", want: 200},
			)
		}
	}
	for _, t := range targets {
		r := get2(t.url, t.header)
		if r.status != t.want {
			log.Fatalf("%s: status %d, want %d", t.name, r.status, t.want)
		}
	}
	fmt.Printf("page %d bytes, card %d bytes; %d clients, %v per measurement, %d rounds, GOMAXPROCS %d\n\n",
		len(page.body), len(card.body), *clients, *duration, *rounds, runtimeProcs())

	// Targets comparing the same bytes run at the same time, each with its
	// own clients, so they share the machine's noise exactly; the ratio of
	// their rates is the ratio of their cost per request.
	groups := map[string][]target{}
	var order []string
	for _, t := range targets {
		g := t.group()
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], t)
	}
	results := map[string][]float64{}
	for range *rounds {
		for _, g := range order {
			ts := groups[g]
			rates := make([]float64, len(ts))
			var wg sync.WaitGroup
			for i, t := range ts {
				wg.Go(func() { rates[i] = measure(t, *clients, *duration) })
			}
			wg.Wait()
			for i, t := range ts {
				results[t.name] = append(results[t.name], rates[i])
			}
		}
	}
	fmt.Println("| target | req/s median | range | vs FileServer, same bytes, same moment (median of rounds) |")
	fmt.Println("| --- | ---: | ---: | ---: |")
	for _, g := range order {
		for _, t := range groups[g] {
			rs := results[t.name]
			med, lo, hi := stats(rs)
			ratio := ""
			if t.base != "" || strings.HasPrefix(t.name, "nginx") {
				ref := t.base
				if ref == "" {
					ref = "FileServer " + strings.TrimPrefix(t.name, "nginx ")
				}
				var ratios []float64
				for r := range rs {
					ratios = append(ratios, rs[r]/results[ref][r])
				}
				m, lo, hi := stats(ratios)
				ratio = fmt.Sprintf("%.0f %% (%.0f–%.0f %%)", 100*m, 100*lo, 100*hi)
			}
			fmt.Printf("| %s | %.0f | %.0f–%.0f | %s |\n", t.name, med, lo, hi, ratio)
		}
	}
}

// group is what a target is compared within: page, 304 or card.
func (t target) group() string {
	switch {
	case strings.Contains(t.name, "304"):
		return "304"
	case strings.Contains(t.name, "card"):
		return "card"
	}
	return "page"
}

func runtimeProcs() int { return runtime.GOMAXPROCS(0) }

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

type server struct {
	*http.Server
	Addr string
}

func listen(h http.Handler) *server {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	s := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go s.Serve(ln)
	return &server{s, ln.Addr().String()}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func get(u string) response { return get2(u, nil) }

func get2(u string, hdr http.Header) response {
	req, err := http.NewRequest("GET", u, nil)
	check(err)
	for k, v := range hdr {
		req.Header[k] = v
	}
	resp, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
	check(err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	check(err)
	return response{resp.StatusCode, resp.Header, body}
}

// measure runs clients keep-alive loops against t for d and returns
// requests per second; any unexpected status or error stops the run.
func measure(t target, clients int, d time.Duration) float64 {
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var n atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for ctx.Err() == nil {
				req, _ := http.NewRequest("GET", t.url, nil)
				for k, v := range t.header {
					req.Header[k] = v
				}
				resp, err := client.Do(req)
				if err != nil {
					log.Fatalf("%s: %v", t.name, err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != t.want {
					log.Fatalf("%s: status %d", t.name, resp.StatusCode)
				}
				n.Add(1)
			}
		})
	}
	wg.Wait()
	return float64(n.Load()) / time.Since(start).Seconds()
}

func stats(xs []float64) (med, lo, hi float64) {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2], s[0], s[len(s)-1]
}

// startNginx serves dir with Debian's nginx on a free loopback port, as an
// unprivileged foreground process with its files in a temporary folder.
func startNginx(dir string) (string, func(), error) {
	bin := "/usr/sbin/nginx"
	if _, err := os.Stat(bin); err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	tmp, err := os.MkdirTemp("", "bench-nginx-")
	if err != nil {
		return "", nil, err
	}
	conf := fmt.Sprintf(`worker_processes 1;
daemon off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path %[1]s/body;
  proxy_temp_path %[1]s/proxy;
  fastcgi_temp_path %[1]s/fastcgi;
  uwsgi_temp_path %[1]s/uwsgi;
  scgi_temp_path %[1]s/scgi;
  types { text/html html; image/png png; }
  sendfile on;
  keepalive_requests 1000000;
  server { listen %[2]s; root %[3]s; }
}
`, tmp, addr, dir)
	cf := filepath.Join(tmp, "nginx.conf")
	if err := os.WriteFile(cf, []byte(conf), 0o644); err != nil {
		return "", nil, err
	}
	cmd := exec.Command(bin, "-p", tmp, "-c", cf)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		os.RemoveAll(tmp)
	}
	base := "http://" + addr
	for i := 0; i < 100; i++ {
		if resp, err := http.Get(base + "/page.html"); err == nil {
			resp.Body.Close()
			return base, stop, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	return "", nil, fmt.Errorf("nginx did not start on %s", addr)
}
