// Command outbox measures the outbox's own cost per post: N posts are
// enqueued, worked and recorded through River against a client that
// answers at once without I/O, so the time is the outbox's (the database,
// River's fetch and completion, the entry's state writes). It reports, per
// database and worker count, the enqueue cost per post, the throughput
// from start to the last recorded result, and the per-post latency from
// enqueue to recorded (median and 95th percentile).
//
//	go run ./bench/outbox [-n 1000] [-workers 1,4,16] [-postgres postgres://…]
//
// Without -postgres (or BROADSHEET_TEST_POSTGRES) only SQLite is measured.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/broadsheet/broadsheet/publish"
	"github.com/broadsheet/broadsheet/publish/outbox"
	"github.com/broadsheet/broadsheet/share"
)

// instant is a client that posts at once, without I/O.
type instant struct{ n atomic.Int64 }

func (*instant) Network() share.Network { return share.Mastodon }
func (*instant) Prepare(_ context.Context, p publish.Post) (publish.Post, error) {
	return p, nil
}
func (c *instant) Publish(context.Context, publish.Post) (publish.Result, error) {
	id := strconv.FormatInt(c.n.Add(1), 10)
	return publish.Result{Network: share.Mastodon, ID: id, URL: "https://mastodon.example/@b/" + id}, nil
}
func (*instant) Lookup(context.Context, publish.Post) (publish.Result, error) {
	return publish.Result{}, publish.ErrNotFound
}

func main() {
	n := flag.Int("n", 1000, "posts per measurement")
	workers := flag.String("workers", "1,4,16", "comma-separated worker counts")
	pg := flag.String("postgres", os.Getenv("BROADSHEET_TEST_POSTGRES"), "PostgreSQL URL (a fresh schema is used)")
	flag.Parse()
	var ws []int
	for _, s := range strings.Split(*workers, ",") {
		w, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || w <= 0 {
			log.Fatalf("-workers: %q", s)
		}
		ws = append(ws, w)
	}
	fmt.Printf("%-9s %7s %6s %14s %12s %14s %12s %12s\n", "database", "workers", "posts", "enqueue/post", "posts/s", "CPU/post", "p50 latency", "p95 latency")
	for _, w := range ws {
		dir, err := os.MkdirTemp("", "bench-outbox")
		if err != nil {
			log.Fatal(err)
		}
		measure("sqlite", filepath.Join(dir, "outbox.db"), *n, w)
		os.RemoveAll(dir)
		if *pg != "" {
			measure("postgres", freshSchema(*pg), *n, w)
		}
	}
}

// cpuTime is this process's user and system CPU time: under a loaded
// machine it varies far less than wall time. For PostgreSQL it leaves out
// the server's own CPU.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func measure(name, target string, n, workers int) {
	ctx := context.Background()
	c := &instant{}
	ob, err := outbox.Open(ctx, target, outbox.Options{
		Clients:      func(share.Network, string) (publish.Client, error) { return c, nil },
		Workers:      workers,
		PollInterval: 20 * time.Millisecond,
		Pace:         map[share.Network]time.Duration{},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer ob.Close()
	reqs := make([]outbox.Request, n)
	for i := range reqs {
		st := share.MastodonStatus{Status: fmt.Sprintf("Story %d https://news.example.com/%d", i, i), Visibility: "public"}
		reqs[i] = outbox.Request{Story: fmt.Sprint("bench-", i), Post: publish.Post{Network: share.Mastodon, Key: fmt.Sprint("k", i), Mastodon: &st}}
	}
	t0 := time.Now()
	enq, err := ob.Enqueue(ctx, reqs...)
	if err != nil {
		log.Fatal(err)
	}
	perEnqueue := time.Since(t0) / time.Duration(n)
	ids := make([]int64, len(enq))
	for i, e := range enq {
		ids[i] = e.ID
	}
	t1 := time.Now()
	cpu0 := cpuTime()
	if err := ob.Start(ctx); err != nil {
		log.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	es, err := ob.Wait(wctx, ids, outbox.WaitOptions{Poll: 10 * time.Millisecond})
	cancel()
	elapsed := time.Since(t1)
	cpu := cpuTime() - cpu0
	if err != nil {
		log.Fatal(err)
	}
	_ = ob.Stop(ctx)
	var lat []time.Duration
	for _, e := range es {
		if e.State != outbox.Published {
			log.Fatalf("entry %d: %s %s", e.ID, e.State, e.Error)
		}
		lat = append(lat, e.Updated.Sub(t1))
	}
	slices.Sort(lat)
	fmt.Printf("%-9s %7d %6d %14v %12.0f %14v %12v %12v\n", name, workers, n, perEnqueue.Round(time.Microsecond),
		float64(n)/elapsed.Seconds(), (cpu / time.Duration(n)).Round(time.Microsecond), lat[len(lat)/2].Round(time.Millisecond), lat[len(lat)*95/100].Round(time.Millisecond))
}
