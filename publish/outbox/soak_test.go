package outbox_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/fakenet"
	"github.com/broadsheet/broadsheet/internal/testenv"
	"github.com/broadsheet/broadsheet/publish/outbox"
	"github.com/broadsheet/broadsheet/share"
)

const (
	soakChild = "BROADSHEET_SOAK_CHILD"
	// soakPosts sets the soak's size (the proof is 10000); CI
	// runs a small one.
	soakPosts = "BROADSHEET_SOAK_POSTS"
)

// TestSoakChild is one of the soak's worker processes: it works the
// outbox until no entry is queued or sending.
func TestSoakChild(t *testing.T) {
	if os.Getenv(soakChild) != "1" {
		t.Skip("run by TestSoak")
	}
	o := fastOptions(accountsAt(t, os.Getenv(crashURL)))
	o.Workers = 10
	o.PollInterval = 50 * time.Millisecond
	ob, err := outbox.Open(context.Background(), os.Getenv(crashTarget), o)
	require.NoError(t, err)
	defer ob.Close()
	require.NoError(t, ob.Start(context.Background()))
	defer ob.Stop(context.Background())
	deadline := time.Now().Add(10 * time.Minute)
	for time.Now().Before(deadline) {
		live, err := ob.List(context.Background(), outbox.ListOptions{States: []outbox.State{outbox.Queued, outbox.Sending}, Limit: 1})
		require.NoError(t, err)
		if len(live) == 0 {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatal("soak worker: entries still live after 10 minutes")
}

// TestSoak queues many posts on PostgreSQL and works them with three
// worker processes against the fakes (with failures sprinkled in): every
// entry ends published, and every post exists exactly once.
func TestSoak(t *testing.T) {
	dsn := os.Getenv(postgresDSN)
	if dsn == "" {
		testenv.Missing(t, "PostgreSQL ("+postgresDSN+")", "apt-get install postgresql; .ci/postgres.sh starts a cluster")
		return
	}
	testenv.SkipIfShort(t, "the soak starts three processes")
	n := 70
	if v, err := strconv.Atoi(os.Getenv(soakPosts)); err == nil && v > 0 {
		n = v
	}
	nets := []share.Network{share.Mastodon, share.Bluesky, share.X, share.Facebook, share.LinkedIn, share.Threads, share.Telegram}
	stories := (n + len(nets) - 1) / len(nets)
	srv := fakenet.New()
	defer srv.Close()
	target := freshSchema(t, dsn)
	ob, err := outbox.Open(context.Background(), target, outbox.Options{})
	require.NoError(t, err)
	defer ob.Close()
	start := time.Now()
	var reqs []outbox.Request
	for s := range stories {
		for _, nw := range nets {
			reqs = append(reqs, outbox.Request{Story: fmt.Sprint("soak-", s), Post: storyPost(t, nw, s)})
		}
	}
	for i := 0; i < len(reqs); i += 500 {
		_, err := ob.Enqueue(context.Background(), reqs[i:min(i+500, len(reqs))]...)
		require.NoError(t, err)
	}
	enqueued := time.Since(start)
	for range max(stories/50, 1) {
		srv.Inject(share.Bluesky, fakenet.ErrorAfterCreate)
		srv.Inject(share.Facebook, fakenet.DropAfterCreate)
		srv.Inject(share.X, fakenet.DropBeforeCreate)
	}
	start = time.Now()
	var cmds []*exec.Cmd
	for range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSoakChild$", "-test.count=1", "-test.timeout=15m")
		cmd.Env = append(os.Environ(), soakChild+"=1", crashTarget+"="+target, crashURL+"="+srv.URL)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		require.NoError(t, cmd.Start())
		cmds = append(cmds, cmd)
	}
	for _, c := range cmds {
		assert.NoError(t, c.Wait())
	}
	worked := time.Since(start)
	es, err := ob.List(context.Background(), outbox.ListOptions{Limit: len(reqs) + 10})
	require.NoError(t, err)
	require.Len(t, es, len(reqs), "none lost")
	byKey := map[string]int{}
	for _, p := range srv.Posts(share.NetworkUnknown) {
		byKey[p.Network.ID()+" "+p.Link]++
	}
	bad := 0
	for _, e := range es {
		if e.State != outbox.Published || byKey[e.Network.ID()+" "+e.Post.Link()] != 1 {
			bad++
			if bad < 10 {
				t.Errorf("%s %s: %s, posted %d times: %s", e.Story, e.Network, e.State, byKey[e.Network.ID()+" "+e.Post.Link()], e.Error)
			}
		}
	}
	assert.Zero(t, bad, "entries not published exactly once")
	assert.Len(t, srv.Posts(share.NetworkUnknown), len(reqs), "no duplicates")
	t.Logf("soak: %d posts, 3 worker processes on PostgreSQL: enqueued in %v, worked in %v (%.0f posts/s)", len(reqs), enqueued.Round(time.Millisecond), worked.Round(time.Millisecond), float64(len(reqs))/worked.Seconds())
}
