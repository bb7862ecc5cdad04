package outbox_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/fakenet"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/internal/testenv"
	"github.com/broadsheet/broadsheet/publish"
	"github.com/broadsheet/broadsheet/publish/outbox"
	"github.com/broadsheet/broadsheet/share"
)

// postgresDSN is the environment variable naming a PostgreSQL server for
// the outbox's tests (.ci/run starts one and sets it).
const postgresDSN = "BROADSHEET_TEST_POSTGRES"

// backend opens a fresh, empty outbox.
type backend struct {
	name string
	open func(t *testing.T, o outbox.Options) *outbox.Outbox
	// target returns where a fresh outbox lives, for other processes.
	target func(t *testing.T) string
}

func backends(t *testing.T) []backend {
	bs := []backend{{name: "sqlite", target: func(t *testing.T) string {
		return filepath.Join(t.TempDir(), "outbox.db")
	}}}
	if dsn := os.Getenv(postgresDSN); dsn != "" {
		bs = append(bs, backend{name: "postgres", target: func(t *testing.T) string { return freshSchema(t, dsn) }})
	} else if testenv.InCI() {
		t.Errorf("%s is not set: CI must run the outbox suite on PostgreSQL too (.ci/run starts it)", postgresDSN)
	}
	for i := range bs {
		b := &bs[i]
		b.open = func(t *testing.T, o outbox.Options) *outbox.Outbox {
			t.Helper()
			ob, err := outbox.Open(context.Background(), b.target(t), o)
			require.NoError(t, err)
			t.Cleanup(func() { ob.Close() })
			return ob
		}
	}
	return bs
}

// freshSchema creates an empty schema and returns dsn with it as the
// search path.
func freshSchema(t *testing.T, dsn string) string {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	require.NoError(t, err)
	defer db.Close()
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	_, err = db.Exec("CREATE SCHEMA " + schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		db, err := sql.Open("pgx", dsn)
		if err == nil {
			_, _ = db.Exec("DROP SCHEMA " + schema + " CASCADE")
			db.Close()
		}
	})
	sep := "?"
	if containsQuery(dsn) {
		sep = "&"
	}
	return dsn + sep + "search_path=" + schema
}

func containsQuery(s string) bool {
	for i := range len(s) {
		if s[i] == '?' {
			return true
		}
	}
	return false
}

// accounts resolves every network's default account to a client of srv.
func accounts(t *testing.T, srv *fakenet.Server) outbox.Resolver {
	t.Helper()
	return accountsAt(t, srv.URL)
}

// accountsAt resolves every network's default account to a client of the
// fake at u.
func accountsAt(t *testing.T, u string) outbox.Resolver {
	t.Helper()
	hc := &http.Client{Timeout: 10 * time.Second}
	var cs = map[share.Network]publish.Client{}
	add := func(c publish.Client, err error) {
		require.NoError(t, err)
		cs[c.Network()] = c
	}
	add(publish.NewMastodon(hc, publish.MastodonOptions{Server: u, Token: fakenet.MastodonToken, PollInterval: time.Millisecond}))
	add(publish.NewBluesky(hc, publish.BlueskyOptions{PDS: u, Handle: fakenet.BlueskyHandle, AppPassword: fakenet.BlueskyPassword}))
	add(publish.NewX(hc, publish.XOptions{BaseURL: u, Token: publish.XToken{AccessToken: fakenet.XAccess, RefreshToken: fakenet.XRefresh}, ClientID: fakenet.XClientID}))
	add(publish.NewFacebook(hc, publish.FacebookOptions{BaseURL: u, PageID: fakenet.FacebookPageID, Token: fakenet.FacebookToken}))
	add(publish.NewLinkedIn(hc, publish.LinkedInOptions{BaseURL: u, Token: fakenet.LinkedInToken}))
	add(publish.NewThreads(hc, publish.ThreadsOptions{BaseURL: u, UserID: fakenet.ThreadsUserID, Token: fakenet.ThreadsToken, PollInterval: time.Millisecond, PollTimeout: 10 * time.Second}))
	add(publish.NewTelegram(hc, publish.TelegramOptions{BaseURL: u, Token: fakenet.TelegramBotToken}))
	return func(n share.Network, account string) (publish.Client, error) {
		if c, ok := cs[n]; ok && account == "default" {
			return c, nil
		}
		return nil, fmt.Errorf("no account %q", account)
	}
}

func fastOptions(r outbox.Resolver) outbox.Options {
	return outbox.Options{
		Clients: r, Workers: 4, PollInterval: 20 * time.Millisecond, JobTimeout: 5 * time.Second,
		Backoff: func(int) time.Duration { return 50 * time.Millisecond },
		Pace:    map[share.Network]time.Duration{},
	}
}

func post(t *testing.T, n share.Network) publish.Post {
	t.Helper()
	return storyPost(t, n, -1)
}

// storyPost is the sample article's post for n, made a different story
// (its own id, URL and headline) when i >= 0.
func storyPost(t *testing.T, n share.Network, i int) publish.Post {
	t.Helper()
	a := sample.Article()
	if i >= 0 {
		a.ID = fmt.Sprintf("%s-%d", a.ID, i)
		a.URL = fmt.Sprintf("%s-%d", a.URL, i)
		a.Headline = fmt.Sprintf("%s (part %d)", a.Headline, i)
		a.SocialHeadline = ""
	}
	p, err := publish.NewPost(a, n, publish.PostOptions{LinkedInAuthor: "urn:li:organization:77", TelegramChat: fakenet.TelegramChat})
	require.NoError(t, err)
	return p
}

// run starts ob's workers for the test.
func run(t *testing.T, ob *outbox.Outbox) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	require.NoError(t, ob.Start(ctx))
	t.Cleanup(func() {
		cancel()
		_ = ob.Stop(context.Background())
	})
}

func wait(t *testing.T, ob *outbox.Outbox, ids ...int64) []outbox.Entry {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	es, err := ob.Wait(ctx, ids, outbox.WaitOptions{Poll: 20 * time.Millisecond})
	require.NoError(t, err, "entries: %+v", es)
	return es
}

func ids(es []outbox.Enqueued) []int64 {
	out := make([]int64, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func TestEveryNetworkOnce(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			srv := fakenet.New()
			defer srv.Close()
			ob := b.open(t, fastOptions(accounts(t, srv)))
			var reqs []outbox.Request
			for _, n := range share.PostNetworks() {
				reqs = append(reqs, outbox.Request{Story: "kestrel", Post: post(t, n)})
			}
			enq, err := ob.Enqueue(context.Background(), reqs...)
			require.NoError(t, err)
			// The key is chosen and stored before the first attempt.
			for _, e := range enq {
				got, err := ob.Get(context.Background(), e.ID)
				require.NoError(t, err)
				if e.Network == share.Bluesky || e.Network == share.Mastodon {
					assert.NotEmpty(t, got.Post.Key, "%s key", e.Network)
				}
				assert.Equal(t, outbox.Queued, got.State)
			}
			// Enqueueing the story again adds nothing.
			again, err := ob.Enqueue(context.Background(), reqs...)
			require.NoError(t, err)
			for i, e := range again {
				assert.True(t, e.Existing)
				assert.Equal(t, enq[i].ID, e.ID)
			}
			run(t, ob)
			for _, e := range wait(t, ob, ids(enq)...) {
				assert.Equal(t, outbox.Published, e.State, "%s: %s", e.Network, e.Error)
				assert.NotEmpty(t, e.RemoteID, e.Network.ID())
				if e.Network == share.Bluesky {
					assert.Contains(t, e.RemoteID, e.Post.Key, "the record key stored before the attempt")
				}
			}
			for _, n := range share.PostNetworks() {
				assert.Len(t, srv.Posts(n), 1, n.ID())
			}
		})
	}
}

// TestFailures drives each documented failure through the outbox: the
// story ends posted exactly once (or, where nothing can be posted or
// looked up, in the state a person must act on).
func TestFailures(t *testing.T) {
	type row struct {
		network share.Network
		faults  []fakenet.Fault
		state   outbox.State
		posts   int
	}
	var rows []row
	for _, n := range share.PostNetworks() {
		amb := outbox.Published
		if n == share.Telegram {
			amb = outbox.Unconfirmed
		}
		before := 1
		if n == share.Telegram {
			before = 0
		}
		rows = append(rows,
			row{n, []fakenet.Fault{fakenet.DropAfterCreate}, amb, 1},
			row{n, []fakenet.Fault{fakenet.ErrorAfterCreate}, amb, 1},
			row{n, []fakenet.Fault{fakenet.DropBeforeCreate}, amb, before},
			row{n, []fakenet.Fault{fakenet.Revoked}, outbox.Reauth, 0},
		)
	}
	for _, n := range []share.Network{share.Mastodon, share.Bluesky, share.X} {
		rows = append(rows, row{n, []fakenet.Fault{fakenet.RateLimit, fakenet.DropAfterCreate}, outbox.Published, 1})
	}
	rows = append(rows, row{share.Telegram, []fakenet.Fault{fakenet.RateLimit}, outbox.Published, 1})
	rows = append(rows,
		row{share.Bluesky, []fakenet.Fault{fakenet.ExpiredToken}, outbox.Published, 1},
		row{share.X, []fakenet.Fault{fakenet.ExpiredToken}, outbox.Published, 1},
		row{share.Threads, []fakenet.Fault{fakenet.NotFinished}, outbox.Published, 1},
	)
	if testing.Short() {
		rows = rows[:4]
	}
	b := backends(t)[0]
	for _, r := range rows {
		name := fmt.Sprintf("%s/%v", r.network, r.faults)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := fakenet.New()
			defer srv.Close()
			srv.ResetIn = time.Second
			ob := b.open(t, fastOptions(accounts(t, srv)))
			srv.Inject(r.network, r.faults...)
			enq, err := ob.Enqueue(context.Background(), outbox.Request{Story: "s1", Post: post(t, r.network)})
			require.NoError(t, err)
			run(t, ob)
			e := wait(t, ob, enq[0].ID)[0]
			assert.Equal(t, r.state, e.State, "error: %s", e.Error)
			assert.Len(t, srv.Posts(r.network), r.posts)
			for _, s := range []string{fakenet.TelegramBotToken, fakenet.MastodonToken, fakenet.BlueskyPassword, fakenet.FacebookToken} {
				assert.NotContains(t, e.Error, s)
			}
			if r.state == outbox.Published {
				assert.NotEmpty(t, e.RemoteID)
			}
		})
	}
}

func TestReauthThenRetry(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			srv := fakenet.New()
			defer srv.Close()
			ob := b.open(t, fastOptions(accounts(t, srv)))
			srv.Inject(share.Mastodon, fakenet.Revoked)
			enq, err := ob.Enqueue(context.Background(), outbox.Request{Story: "s1", Post: post(t, share.Mastodon)})
			require.NoError(t, err)
			run(t, ob)
			e := wait(t, ob, enq[0].ID)[0]
			require.Equal(t, outbox.Reauth, e.State)
			assert.Contains(t, e.Error, "re-authorise")
			srv.Restore(share.Mastodon)
			require.NoError(t, ob.Retry(context.Background(), e.ID))
			e = wait(t, ob, e.ID)[0]
			assert.Equal(t, outbox.Published, e.State, e.Error)
			assert.Len(t, srv.Posts(share.Mastodon), 1)
			assert.ErrorIs(t, ob.Retry(context.Background(), e.ID), outbox.ErrState, "a published entry is not retried")
			assert.ErrorIs(t, ob.Cancel(context.Background(), e.ID), outbox.ErrState)
		})
	}
}

func TestScheduledAndCancelled(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			srv := fakenet.New()
			defer srv.Close()
			ob := b.open(t, fastOptions(accounts(t, srv)))
			at := time.Now().Add(1500 * time.Millisecond)
			enq, err := ob.Enqueue(context.Background(),
				outbox.Request{Story: "later", Post: post(t, share.Bluesky), At: at},
				outbox.Request{Story: "never", Post: post(t, share.X), At: at},
			)
			require.NoError(t, err)
			require.NoError(t, ob.Cancel(context.Background(), enq[1].ID))
			run(t, ob)
			e := wait(t, ob, enq[0].ID)[0]
			require.Equal(t, outbox.Published, e.State, e.Error)
			ps := srv.Posts(share.Bluesky)
			require.Len(t, ps, 1)
			assert.False(t, ps[0].Created.Before(at), "posted at %v, scheduled for %v", ps[0].Created, at)
			got, err := ob.Get(context.Background(), enq[1].ID)
			require.NoError(t, err)
			assert.Equal(t, outbox.Cancelled, got.State)
			assert.Empty(t, srv.Posts(share.X))
		})
	}
}

func TestPacingPerAccount(t *testing.T) {
	srv := fakenet.New()
	defer srv.Close()
	b := backends(t)[0]
	o := fastOptions(accounts(t, srv))
	o.Pace = map[share.Network]time.Duration{share.Telegram: 400 * time.Millisecond}
	ob := b.open(t, o)
	var reqs []outbox.Request
	for i := range 3 {
		reqs = append(reqs, outbox.Request{Story: fmt.Sprint("story-", i), Post: post(t, share.Telegram)})
	}
	enq, err := ob.Enqueue(context.Background(), reqs...)
	require.NoError(t, err)
	run(t, ob)
	for _, e := range wait(t, ob, ids(enq)...) {
		require.Equal(t, outbox.Published, e.State, e.Error)
	}
	ps := srv.Posts(share.Telegram)
	require.Len(t, ps, 3)
	for i := 1; i < len(ps); i++ {
		gap := ps[i].Created.Sub(ps[i-1].Created)
		assert.GreaterOrEqual(t, gap, 350*time.Millisecond, "posts %d and %d of one account %v apart", i-1, i, gap)
	}
}

func TestRateLimitHoldsAccount(t *testing.T) {
	srv := fakenet.New()
	defer srv.Close()
	b := backends(t)[0]
	ob := b.open(t, fastOptions(accounts(t, srv)))
	srv.Inject(share.LinkedIn, fakenet.RateLimit)
	enq, err := ob.Enqueue(context.Background(), outbox.Request{Story: "s1", Post: post(t, share.LinkedIn)})
	require.NoError(t, err)
	run(t, ob)
	y, m, d := time.Now().UTC().Date()
	midnight := time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC)
	es, err := ob.Wait(context.Background(), []int64{enq[0].ID}, outbox.WaitOptions{Poll: 20 * time.Millisecond, Until: func(e outbox.Entry) bool { return !e.RetryAt.IsZero() }})
	require.NoError(t, err)
	assert.Equal(t, outbox.Queued, es[0].State)
	assert.Equal(t, midnight, es[0].RetryAt, "LinkedIn's quotas reset at midnight UTC")
	assert.Empty(t, srv.Posts(share.LinkedIn))
}

func TestConcurrentEnqueueOnce(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			target := b.target(t)
			var wg sync.WaitGroup
			results := make([][]outbox.Enqueued, 4)
			for i := range results {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ob, err := outbox.Open(context.Background(), target, outbox.Options{})
					if !assert.NoError(t, err) {
						return
					}
					defer ob.Close()
					results[i], err = ob.Enqueue(context.Background(), outbox.Request{Story: "race", Post: post(t, share.Mastodon)})
					assert.NoError(t, err)
				}()
			}
			wg.Wait()
			fresh := 0
			for _, r := range results {
				require.Len(t, r, 1)
				assert.Equal(t, results[0][0].ID, r[0].ID)
				if !r[0].Existing {
					fresh++
				}
			}
			assert.Equal(t, 1, fresh)
		})
	}
}

// down is a client whose server never answers: every attempt fails
// without a hint.
type down struct{}

func (down) Network() share.Network { return share.Mastodon }
func (down) Prepare(_ context.Context, p publish.Post) (publish.Post, error) {
	return p, nil
}
func (down) Publish(context.Context, publish.Post) (publish.Result, error) {
	return publish.Result{}, &publish.Error{Network: share.Mastodon, Op: "post", Outcome: publish.NotSent, Message: "connection refused"}
}
func (down) Lookup(context.Context, publish.Post) (publish.Result, error) {
	return publish.Result{}, publish.ErrNotFound
}

func TestGivesUpAfterMaxAttempts(t *testing.T) {
	b := backends(t)[0]
	o := fastOptions(func(share.Network, string) (publish.Client, error) { return down{}, nil })
	o.MaxAttempts = 3
	ob := b.open(t, o)
	enq, err := ob.Enqueue(context.Background(), outbox.Request{Story: "s", Post: post(t, share.Mastodon)})
	require.NoError(t, err)
	run(t, ob)
	e := wait(t, ob, enq[0].ID)[0]
	assert.Equal(t, outbox.Failed, e.State)
	assert.Contains(t, e.Error, "gave up after 3 attempts")
	assert.Equal(t, 3, e.Attempts)
}
