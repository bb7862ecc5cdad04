package outbox_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/fakenet"
	"github.com/broadsheet/broadsheet/internal/testenv"
	"github.com/broadsheet/broadsheet/publish/outbox"
	"github.com/broadsheet/broadsheet/share"
)

// Environment of the crash test's child process.
const (
	crashChild  = "BROADSHEET_CRASH_CHILD"
	crashTarget = "BROADSHEET_CRASH_OUTBOX"
	crashURL    = "BROADSHEET_CRASH_URL"
	// crashRuns overrides the number of runs (the proof is 100;
	// CI runs a few seeded ones).
	crashRuns = "BROADSHEET_CRASH_RUNS"
)

// TestCrashChild is the publishing process the crash test kills: it
// works the outbox until every entry is final. It does nothing unless
// started by TestCrash.
func TestCrashChild(t *testing.T) {
	if os.Getenv(crashChild) != "1" {
		t.Skip("run by TestCrash")
	}
	o := fastOptions(accountsAt(t, os.Getenv(crashURL)))
	o.Workers = 8
	ob, err := outbox.Open(context.Background(), os.Getenv(crashTarget), o)
	require.NoError(t, err)
	defer ob.Close()
	require.NoError(t, ob.Start(context.Background()))
	all, err := ob.List(context.Background(), outbox.ListOptions{})
	require.NoError(t, err)
	var ids []int64
	for _, e := range all {
		ids = append(ids, e.ID)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	_, err = ob.Wait(ctx, ids, outbox.WaitOptions{Poll: 10 * time.Millisecond})
	require.NoError(t, err)
	require.NoError(t, ob.Stop(context.Background()))
}

// TestCrash SIGKILLs a publishing process at random moments, again and
// again, until the outbox has settled every entry, and proves each story
// was posted exactly once on every network that can be asked (and at most
// once, flagged Unconfirmed, on Telegram, which cannot). Each run is
// seeded; a failure names its seed.
//
// CI runs three seeded runs; BROADSHEET_CRASH_RUNS=100 is the proof.
func TestCrash(t *testing.T) {
	testenv.SkipIfShort(t, "the crash test starts many processes")
	runs := 3
	if v, err := strconv.Atoi(os.Getenv(crashRuns)); err == nil && v > 0 {
		runs = v
	}
	var kills, iterations int
	for run := range runs {
		seed := uint64(run + 1)
		k, it := crashRun(t, seed)
		kills += k
		iterations += it
		if t.Failed() {
			t.Fatalf("seed %d failed", seed)
		}
	}
	t.Logf("%d runs, %d processes started, %d killed", runs, iterations, kills)
}

func crashRun(t *testing.T, seed uint64) (kills, iterations int) {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	srv := fakenet.New()
	defer srv.Close()
	// Widen the window between making a post and answering it.
	srv.Delay = time.Duration(rng.IntN(20)) * time.Millisecond
	target := filepath.Join(t.TempDir(), "outbox.db")
	ob, err := outbox.Open(context.Background(), target, outbox.Options{})
	require.NoError(t, err)
	nets := share.PostNetworks()
	var reqs []outbox.Request
	stories := 3
	for s := range stories {
		for _, n := range nets {
			reqs = append(reqs, outbox.Request{Story: fmt.Sprintf("story-%d", s), Post: storyPost(t, n, s)})
		}
	}
	_, err = ob.Enqueue(context.Background(), reqs...)
	require.NoError(t, err)
	// Some failures on the way, too.
	srv.Inject(share.Bluesky, fakenet.ErrorAfterCreate)
	srv.Inject(share.Facebook, fakenet.DropAfterCreate)
	srv.ResetIn = time.Second
	srv.Inject(share.Mastodon, fakenet.RateLimit)

	settled := func() bool {
		es, err := ob.List(context.Background(), outbox.ListOptions{States: []outbox.State{outbox.Queued, outbox.Sending}})
		require.NoError(t, err)
		return len(es) == 0
	}
	for iterations = 0; iterations < 60 && !settled(); iterations++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashChild+"=1", crashTarget+"="+target, crashURL+"="+srv.URL)
		require.NoError(t, cmd.Start())
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		// Later kills as the run goes on; after 30 processes, none, so
		// that the run settles.
		limit := 50 + 40*iterations
		if iterations >= 30 {
			limit = int(time.Hour / time.Millisecond)
		}
		select {
		case <-done:
		case <-time.After(time.Duration(rng.IntN(limit)) * time.Millisecond):
			_ = cmd.Process.Signal(syscall.SIGKILL)
			<-done
			kills++
		}
	}
	es, err := ob.List(context.Background(), outbox.ListOptions{})
	require.NoError(t, err)
	require.NoError(t, ob.Close())
	require.Len(t, es, len(reqs))
	for _, e := range es {
		made := 0
		for _, p := range srv.Posts(e.Network) {
			if p.Link == e.Post.Link() {
				made++
			}
		}
		if e.Network == share.Telegram {
			assert.LessOrEqual(t, made, 1, "seed %d: %s %s posted %d times", seed, e.Story, e.Network, made)
		} else {
			assert.Equal(t, 1, made, "seed %d: %s %s posted %d times", seed, e.Story, e.Network, made)
		}
		switch e.Network {
		case share.Telegram:
			assert.Contains(t, []outbox.State{outbox.Published, outbox.Unconfirmed}, e.State, "seed %d: %s %s: %s", seed, e.Story, e.Network, e.Error)
		default:
			assert.Equal(t, outbox.Published, e.State, "seed %d: %s %s: %s", seed, e.Story, e.Network, e.Error)
		}
	}
	for _, n := range nets {
		got := len(srv.Posts(n))
		if n == share.Telegram {
			assert.LessOrEqual(t, got, stories, "seed %d: telegram posts", seed)
			published := 0
			for _, e := range es {
				if e.Network == n && e.State == outbox.Published {
					published++
				}
			}
			assert.GreaterOrEqual(t, got, published, "seed %d: telegram", seed)
			continue
		}
		assert.Equal(t, stories, got, "seed %d: %s posts (one per story)", seed, n)
	}
	return kills, iterations
}
