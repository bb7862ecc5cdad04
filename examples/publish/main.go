// Command publish shows package publish at work without touching a real
// network: it starts a small stand-in for a Mastodon server on 127.0.0.1
// (one that keeps Idempotency-Keys, as Mastodon does, and drops the
// connection after making the first status), posts an article to it, and
// shows that the ambiguous first answer is resolved without a second
// status.
//
//	go run ./examples/publish
//	go run ./examples/publish my-article.json
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/publish"
	"github.com/broadsheet/broadsheet/share"
)

const story = `{
  "id": "harbour-ferry-timetable",
  "url": "https://news.example.com/local/harbour-ferry-timetable",
  "headline": "Harbour ferry adds a late sailing from Monday",
  "standfirst": "The 23:40 crossing returns after a two-year gap, the operator says.",
  "section": "Local", "language": "en-GB", "hashtags": ["Ferry"],
  "published": "2026-11-26T09:30:00Z",
  "authors": [{"name": "Mara Quill"}],
  "body": "<p>The late sailing returns.</p>",
  "site": {"name": "The Harbour Courier", "url": "https://news.example.com/"}
}`

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "publish:", err)
		os.Exit(1)
	}
}

func run() error {
	var r io.Reader = strings.NewReader(story)
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	a, err := article.Decode(r, article.DecodeOptions{})
	if a == nil {
		return err
	}

	srv := httptest.NewServer(newMastodon())
	defer srv.Close()
	hc := &http.Client{Timeout: 10 * time.Second}
	c, err := publish.NewMastodon(hc, publish.MastodonOptions{Server: srv.URL, Token: "example-token"})
	if err != nil {
		return err
	}
	p, err := publish.NewPost(a, share.Mastodon, publish.PostOptions{})
	if err != nil {
		return err
	}
	p.Since = time.Now() // stored with the post, as an outbox would

	ctx := context.Background()
	_, err = c.Publish(ctx, p)
	fmt.Printf("first attempt: %v (outcome %s)\n", err, publish.Classify(err))
	if errors.Is(err, publish.ErrAmbiguous) {
		res, err := c.Lookup(ctx, p)
		if err != nil {
			return err
		}
		fmt.Printf("lookup: status %s at %s\n", res.ID, res.URL)
	}
	fmt.Printf("statuses on the server: %d\n", srv.Config.Handler.(*mastodon).count())
	return nil
}

// mastodon is the stand-in server.
type mastodon struct {
	mu       sync.Mutex
	byKey    map[string]int
	statuses int
	dropped  bool
}

func newMastodon() *mastodon { return &mastodon{byKey: map[string]int{}} }

func (m *mastodon) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.statuses
}

func (m *mastodon) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/api/v1/statuses" {
		http.NotFound(w, r)
		return
	}
	var in struct {
		Status string `json:"status"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Status == "" {
		http.Error(w, `{"error":"Validation failed"}`, http.StatusUnprocessableEntity)
		return
	}
	m.mu.Lock()
	key := r.Header.Get("Idempotency-Key")
	id, seen := m.byKey[key]
	if !seen {
		m.statuses++
		id = m.statuses
		m.byKey[key] = id
	}
	drop := !m.dropped
	m.dropped = true
	m.mu.Unlock()
	if drop {
		// The status exists, but the answer never arrives.
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
	}
	w.Header().Set("Content-Type", "application/json")
	s := strconv.Itoa(id)
	fmt.Fprintf(w, `{"id":%q,"url":"https://mastodon.example/@courier/%s"}`, s, s)
}
