// Command twitterv1 shows share/twitterv1 at work without touching the
// internet: it fits a small article's post for X, converts it to
// go-twitter's StatusUpdateParams, and sends it to a local stand-in for
// the X API v1.1 (an httptest server) that prints what it received.
//
//	go run ./examples/twitterv1
//
// Remember that X closed v1.1 posting to most apps in 2023; new code
// should send share.NewXTweet's body to the v2 endpoint instead.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/share"
	"github.com/broadsheet/broadsheet/share/twitterv1"
	"github.com/dghubble/oauth1"
)

func main() {
	post, err := share.Compose(demoArticle(), share.X, share.Options{UTM: share.UTM{Content: "autopost"}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	params, err := twitterv1.Params(post)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("status (%d of %d weighted characters):\n%s\n\n", post.Length, post.Limit, params.Status)

	// A local stand-in for api.twitter.com.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(body))
		fmt.Printf("server got %s %s, signed: %t, status field %d bytes\n",
			r.Method, r.URL.Path, len(r.Header.Get("Authorization")) > 6, len(form.Get("status")))
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("x-rate-limit-reset", fmt.Sprint(time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC).Unix()))
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, `{"errors":[{"code":88,"message":"Rate limit exceeded"}]}`)
	}))
	defer srv.Close()

	hc := oauth1.NewConfig("example-key", "example-secret").Client(context.Background(), oauth1.NewToken("example-token", "example-token-secret"))
	hc.Timeout = 5 * time.Second
	client, err := twitterv1.New(hc, twitterv1.Options{BaseURL: srv.URL})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err = client.Post(ctx, post)
	var rl *twitterv1.RateLimitError
	if errors.As(err, &rl) {
		fmt.Printf("typed error: rate limited, retry after %s\n", rl.Reset.UTC().Format(time.RFC3339))
		return
	}
	fmt.Println("unexpected result:", err)
	os.Exit(1)
}

// demoArticle is a small article of the example's own, with what share
// reads: URL, headlines, standfirst, hashtags, language, lead image and
// the site's accounts.
func demoArticle() *article.Article {
	return &article.Article{
		ID:             "harbour-ferry-timetable",
		URL:            "https://news.example.com/local/harbour-ferry-timetable",
		Headline:       "Harbour ferry adds a late crossing on Fridays from December",
		SocialHeadline: "Kestrel Bay's harbour ferry will run until midnight on Fridays",
		Standfirst:     "The operator says a trial of the 23:30 crossing carried 140 passengers a night over the summer.",
		Hashtags:       []string{"KestrelBay", "Ferry"},
		Language:       "en-GB",
		Image: &article.Image{
			URL: "https://news.example.com/media/2026/11/ferry.jpg", Alt: "The ferry leaving the harbour at dusk",
			Width: 1600, Height: 900,
		},
		Site: &article.Site{Name: "The Kestrel Courier", URL: "https://news.example.com/", X: "kestrelcourier", Bluesky: "courier.news.example.com", FacebookAppID: "1234567890123456"},
	}
}
