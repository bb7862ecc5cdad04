// Command outbox shows the durable outbox at work without touching a real
// network: it opens an SQLite outbox in a temporary directory, enqueues a
// story for a small stand-in Mastodon server on 127.0.0.1 (twice — the
// second enqueue adds nothing), and runs the workers. The server answers
// the first attempt with 429 and an X-RateLimit-Reset one second ahead;
// the outbox waits until then and posts once.
//
//	go run ./examples/outbox
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/publish"
	"github.com/broadsheet/broadsheet/publish/outbox"
	"github.com/broadsheet/broadsheet/share"
)

const story = `{
  "id": "night-market-returns",
  "url": "https://news.example.com/local/night-market-returns",
  "headline": "Night market returns to the old tram depot",
  "standfirst": "Forty stalls sign up for the first evening on Friday.",
  "section": "Local", "language": "en-GB",
  "published": "2026-11-26T09:30:00Z",
  "authors": [{"name": "Ines Harrow"}],
  "body": "<p>The market is back.</p>",
  "site": {"name": "The Harbour Courier", "url": "https://news.example.com/"}
}`

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "outbox:", err)
		os.Exit(1)
	}
}

func run() error {
	a, err := article.Decode(strings.NewReader(story), article.DecodeOptions{})
	if a == nil {
		return err
	}
	srv := httptest.NewServer(&mastodon{})
	defer srv.Close()
	client, err := publish.NewMastodon(&http.Client{Timeout: 10 * time.Second}, publish.MastodonOptions{Server: srv.URL, Token: "example-token"})
	if err != nil {
		return err
	}

	dir, err := os.MkdirTemp("", "outbox-example")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	ob, err := outbox.Open(ctx, filepath.Join(dir, "outbox.db"), outbox.Options{
		Clients: func(n share.Network, account string) (publish.Client, error) {
			if n != share.Mastodon {
				return nil, fmt.Errorf("no %s account", n)
			}
			return client, nil
		},
		PollInterval: 50 * time.Millisecond,
	})
	if err != nil {
		return err
	}
	defer ob.Close()

	p, err := publish.NewPost(a, share.Mastodon, publish.PostOptions{})
	if err != nil {
		return err
	}
	var ids []int64
	for range 2 {
		enq, err := ob.Enqueue(ctx, outbox.Request{Story: a.ID, Post: p})
		if err != nil {
			return err
		}
		fmt.Printf("enqueued entry %d (already there: %v)\n", enq[0].ID, enq[0].Existing)
		ids = append(ids, enq[0].ID)
	}

	if err := ob.Start(ctx); err != nil {
		return err
	}
	defer ob.Stop(ctx)
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	es, err := ob.Wait(wctx, ids[:1], outbox.WaitOptions{})
	if err != nil {
		return err
	}
	e := es[0]
	fmt.Printf("entry %d: %s after %d attempts: %s\n", e.ID, e.State, e.Attempts, e.URL)
	return nil
}

// mastodon is the stand-in: 429 first, then one status per
// Idempotency-Key.
type mastodon struct {
	mu      sync.Mutex
	limited bool
	keys    map[string]string
}

func (m *mastodon) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	defer m.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if !m.limited {
		m.limited = true
		w.Header().Set("X-RateLimit-Reset", time.Now().Add(time.Second).UTC().Format(time.RFC3339Nano))
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, `{"error":"Too many requests"}`)
		return
	}
	if m.keys == nil {
		m.keys = map[string]string{}
	}
	key := r.Header.Get("Idempotency-Key")
	id, ok := m.keys[key]
	if !ok {
		id = fmt.Sprint(len(m.keys) + 1)
		m.keys[key] = id
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"id": id, "url": "https://mastodon.example/@courier/" + id})
}
