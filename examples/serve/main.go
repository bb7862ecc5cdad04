// Command serve mounts broadsheet's site handler in an existing service:
// the service keeps its own routes and serves a publisher's articles,
// cards, feeds and sitemaps under /news/.
//
//	go run ./examples/serve              # starts, fetches a few URLs from itself, exits
//	go run ./examples/serve -addr 127.0.0.1:8080   # serves until Ctrl-C
package main

import (
	"bytes"
	_ "embed"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/serve"
	"github.com/broadsheet/broadsheet/site"
)

//go:embed article.json
var articleJSON []byte

func main() {
	addr := flag.String("addr", "", "serve on this address until stopped (default: a self-test on a free loopback port)")
	flag.Parse()

	// Articles usually come from site.Load(opts, "articles/"), or from a
	// CMS through a type with serve.Source's four methods.
	a, err := article.Decode(bytes.NewReader(articleJSON), article.DecodeOptions{})
	if err != nil {
		log.Fatal(err)
	}
	publication := &article.Site{Name: "The Gannet Point Gazette", URL: "https://news.example.com/", Tagline: "News from the headland"}
	articles, err := site.New(publication, []*article.Article{a}, false)
	if err != nil {
		log.Fatal(err)
	}
	news, err := serve.New(articles, serve.Options{})
	if err != nil {
		log.Fatal(err)
	}

	// The service's own mux, with its own routes; never http.DefaultServeMux.
	mux := http.NewServeMux()
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "service ok\n") })
	mux.Handle("/news/", http.StripPrefix("/news", news))

	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
	listen := *addr
	if listen == "" {
		listen = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		log.Fatal(err)
	}
	if *addr != "" {
		fmt.Fprintf(os.Stderr, "serving http://%s/news/ and http://%s/status\n", ln.Addr(), ln.Addr())
		log.Fatal(srv.Serve(ln))
	}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	for _, path := range []string{
		"/status",
		"/news/",
		"/news/a/lighthouse-keepers-return",
		"/news/coast/lighthouse-keepers-return",
		"/news/cards/lighthouse-keepers-return/1200x630-standard.png",
		"/news/cards/lighthouse-keepers-return/1080x1080-keypoint-2.png",
		"/news/feed.xml",
		"/news/sitemap.xml",
	} {
		resp, err := http.Get(base + path)
		if err != nil {
			log.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		fmt.Printf("%d %-24s %6d bytes  %s\n", resp.StatusCode, resp.Header.Get("Content-Type"), n, path)
	}
}
