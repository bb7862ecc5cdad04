package serve_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/serve"
	"github.com/broadsheet/broadsheet/site"
)

// Mount the handler under /news/ in a service's own mux, next to its own
// routes.
func ExampleNew() {
	story := &article.Article{
		ID: "ferry-cuts", URL: "https://news.example.com/local/ferry-cuts", Language: "en-GB",
		Headline: "Ferry timetable cut to hourly", Standfirst: "Commuters face longer waits from Monday.",
		Published: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC), Body: "<p>The operator said the cut was temporary.</p>",
	}
	c, err := site.New(&article.Site{Name: "The Harbour Gazette", URL: "https://news.example.com/"}, []*article.Article{story}, false)
	if err != nil {
		panic(err)
	}
	h, err := serve.New(c, serve.Options{PublicURL: "https://news.example.com/news/"})
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/news/", http.StripPrefix("/news", h))
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })

	for _, path := range []string{"/status", "/news/", "/news/a/ferry-cuts", "/news/local/ferry-cuts",
		"/news/cards/ferry-cuts/1200x630-standard.png", "/news/cards/ferry-cuts/1080x1080-keypoint-1.png",
		"/news/cards/ferry-cuts/50x50-standard.png", "/news/feed.json"} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		fmt.Println(rec.Code, rec.Header().Get("Content-Type"), path)
	}
	// Output:
	// 200 text/plain; charset=utf-8 /status
	// 200 text/html; charset=utf-8 /news/
	// 200 text/html; charset=utf-8 /news/a/ferry-cuts
	// 200 text/html; charset=utf-8 /news/local/ferry-cuts
	// 200 image/png /news/cards/ferry-cuts/1200x630-standard.png
	// 404 text/plain; charset=utf-8 /news/cards/ferry-cuts/1080x1080-keypoint-1.png
	// 400 text/plain; charset=utf-8 /news/cards/ferry-cuts/50x50-standard.png
	// 200 application/feed+json; charset=utf-8 /news/feed.json
}
