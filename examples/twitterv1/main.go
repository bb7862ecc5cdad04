// Command twitterv1 shows share/twitterv1 at work without touching the
// internet: it fits the sample article's post for X, converts it to
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

	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/share"
	"github.com/broadsheet/broadsheet/share/twitterv1"
	"github.com/dghubble/oauth1"
)

func main() {
	post, err := share.Compose(sample.Article(), share.X, share.Options{UTM: share.UTM{Content: "autopost"}})
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
