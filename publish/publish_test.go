package publish_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/fakenet"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/publish"
	"github.com/broadsheet/broadsheet/share"
)

// secretsOf are the fake's credentials, none of which may appear in an
// error.
var secretsOf = []string{
	fakenet.MastodonToken, fakenet.BlueskyPassword, fakenet.XAccess, fakenet.XRefresh,
	fakenet.FacebookToken, fakenet.LinkedInToken, fakenet.ThreadsToken, fakenet.TelegramBotToken,
	"bsky-access-", "bsky-refresh-", "x-access-", "x-refresh-",
}

// noSecrets fails t if err's text holds a credential.
func noSecrets(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, s := range secretsOf {
		assert.NotContains(t, err.Error(), s, "error leaks a secret")
	}
}

// clients returns a client per network for the fake, with short polls.
func clients(t *testing.T, srv *fakenet.Server) map[share.Network]publish.Client {
	t.Helper()
	hc := srv.Client()
	hc.Timeout = 10 * time.Second
	u := srv.URL
	m, err := publish.NewMastodon(hc, publish.MastodonOptions{Server: u, Token: fakenet.MastodonToken, PollInterval: time.Millisecond})
	require.NoError(t, err)
	b, err := publish.NewBluesky(hc, publish.BlueskyOptions{PDS: u, Handle: fakenet.BlueskyHandle, AppPassword: fakenet.BlueskyPassword})
	require.NoError(t, err)
	x, err := publish.NewX(hc, publish.XOptions{BaseURL: u, Token: publish.XToken{AccessToken: fakenet.XAccess, RefreshToken: fakenet.XRefresh}, ClientID: fakenet.XClientID})
	require.NoError(t, err)
	f, err := publish.NewFacebook(hc, publish.FacebookOptions{BaseURL: u, PageID: fakenet.FacebookPageID, Token: fakenet.FacebookToken})
	require.NoError(t, err)
	l, err := publish.NewLinkedIn(hc, publish.LinkedInOptions{BaseURL: u, Token: fakenet.LinkedInToken})
	require.NoError(t, err)
	th, err := publish.NewThreads(hc, publish.ThreadsOptions{BaseURL: u, UserID: fakenet.ThreadsUserID, Token: fakenet.ThreadsToken, PollInterval: time.Millisecond, PollTimeout: time.Second})
	require.NoError(t, err)
	tg, err := publish.NewTelegram(hc, publish.TelegramOptions{BaseURL: u, Token: fakenet.TelegramBotToken})
	require.NoError(t, err)
	return map[share.Network]publish.Client{
		share.Mastodon: m, share.Bluesky: b, share.X: x, share.Facebook: f,
		share.LinkedIn: l, share.Threads: th, share.Telegram: tg,
	}
}

// newPost builds the sample article's post for n with a key and a start.
func newPost(t *testing.T, n share.Network) publish.Post {
	t.Helper()
	p, err := publish.NewPost(sample.Article(), n, publish.PostOptions{
		LinkedInAuthor: "urn:li:organization:77", TelegramChat: fakenet.TelegramChat,
	})
	require.NoError(t, err)
	if n == share.Bluesky {
		p.Key = publish.NewTID(time.Now(), 7)
	}
	p.Since = time.Now()
	return p
}

// deliver is a scheduler in miniature: it retries what was not sent,
// looks up what is ambiguous before anything else, and stops on a
// rejection, a duplicate or an outcome nobody can look up. It returns
// every error seen, in order.
func deliver(ctx context.Context, c publish.Client, p publish.Post) (publish.Result, []error) {
	var errs []error
	ambiguous := false
	for try := 0; try < 6; try++ {
		if ambiguous {
			r, err := c.Lookup(ctx, p)
			if err == nil {
				return r, errs
			}
			errs = append(errs, err)
			if !errors.Is(err, publish.ErrNotFound) {
				if errors.Is(err, publish.ErrUnresolvable) {
					return publish.Result{}, errs
				}
				continue
			}
			ambiguous = false
		}
		q, err := c.Prepare(ctx, p)
		p = q
		if err != nil {
			errs = append(errs, err)
			if errors.Is(err, publish.ErrNotSent) {
				continue
			}
			return publish.Result{}, errs
		}
		r, err := c.Publish(ctx, p)
		if err == nil {
			return r, errs
		}
		errs = append(errs, err)
		switch publish.Classify(err) {
		case publish.NotSent:
			continue
		case publish.Ambiguous:
			ambiguous = true
			continue
		}
		return publish.Result{}, errs
	}
	return publish.Result{}, errs
}

func TestPublishEveryNetwork(t *testing.T) {
	srv := fakenet.New()
	defer srv.Close()
	cs := clients(t, srv)
	for _, n := range share.PostNetworks() {
		t.Run(n.ID(), func(t *testing.T) {
			r, err := publish.Send(context.Background(), cs[n], newPost(t, n))
			require.NoError(t, err)
			assert.Equal(t, n, r.Network)
			assert.NotEmpty(t, r.ID)
			assert.True(t, strings.HasPrefix(r.URL, "https://"), "URL %q", r.URL)
			assert.Len(t, srv.Posts(n), 1)
		})
	}
}

// TestFailureModes injects each network's documented failures and shows
// that the scheduler loop ends with exactly one post (none for a refused
// token), classifying the first failure as documented.
func TestFailureModes(t *testing.T) {
	type row struct {
		name    string
		network share.Network
		faults  []fakenet.Fault
		first   publish.Outcome // the first failure's outcome; unknown = no failure
		posts   int
		reauth  bool
		retryIn time.Duration // the RetryAt hint, roughly, for rate limits
	}
	var rows []row
	for _, n := range share.PostNetworks() {
		hint := 30 * time.Second
		switch n {
		case share.Facebook, share.Threads:
			hint = time.Minute
		case share.LinkedIn:
			hint = -1 // next midnight UTC
		}
		rows = append(rows,
			row{name: "rate limit", network: n, faults: []fakenet.Fault{fakenet.RateLimit}, first: publish.NotSent, posts: 1, retryIn: hint},
			row{name: "drop after create", network: n, faults: []fakenet.Fault{fakenet.DropAfterCreate}, first: publish.Ambiguous, posts: 1},
			row{name: "500 after create", network: n, faults: []fakenet.Fault{fakenet.ErrorAfterCreate}, first: publish.Ambiguous, posts: 1},
			row{name: "drop before create", network: n, faults: []fakenet.Fault{fakenet.DropBeforeCreate}, first: publish.Ambiguous, posts: dropBefore(n)},
			row{name: "revoked", network: n, faults: []fakenet.Fault{fakenet.Revoked}, first: publish.Rejected, posts: 0, reauth: true},
			row{name: "two rate limits then drop", network: n, faults: []fakenet.Fault{fakenet.RateLimit, fakenet.RateLimit, fakenet.DropAfterCreate}, first: publish.NotSent, posts: 1, retryIn: hint},
		)
	}
	rows = append(rows,
		row{name: "expired token, refresh rotates", network: share.Bluesky, faults: []fakenet.Fault{fakenet.ExpiredToken}, posts: 1},
		row{name: "expired token, refresh rotates", network: share.X, faults: []fakenet.Fault{fakenet.ExpiredToken}, posts: 1},
		row{name: "container not finished", network: share.Threads, faults: []fakenet.Fault{fakenet.NotFinished}, posts: 1},
	)
	for _, r := range rows {
		t.Run(r.network.ID()+"/"+r.name, func(t *testing.T) {
			srv := fakenet.New()
			defer srv.Close()
			c := clients(t, srv)[r.network]
			srv.Inject(r.network, r.faults...)
			start := time.Now()
			res, errs := deliver(context.Background(), c, newPost(t, r.network))
			for _, err := range errs {
				noSecrets(t, err)
				assert.NotEqual(t, publish.OutcomeUnknown, publish.Classify(err)|lookupOutcome(err), "unclassified: %v", err)
			}
			assert.Len(t, srv.Posts(r.network), r.posts, "posts made; errors: %v", errs)
			if r.first == publish.OutcomeUnknown {
				assert.Empty(t, errs)
			} else {
				require.NotEmpty(t, errs)
				assert.Equal(t, r.first, publish.Classify(errs[0]), "first error: %v", errs[0])
			}
			if r.reauth {
				assert.ErrorIs(t, errs[0], publish.ErrReauth)
				return
			}
			switch {
			case r.retryIn > 0:
				at := publish.RetryAt(errs[0])
				assert.WithinDuration(t, start.Add(r.retryIn), at, 3*time.Second, "retry hint of %v", errs[0])
			case r.retryIn < 0:
				y, m, d := start.UTC().Date()
				assert.Equal(t, time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC), publish.RetryAt(errs[0]))
			}
			if r.posts == 1 && r.network != share.Telegram {
				assert.NotEmpty(t, res.ID, "errors: %v", errs)
			}
			if r.network == share.Telegram && (r.first == publish.Ambiguous) {
				// A bot cannot look: the scheduler stops rather than
				// send again, and the one post stands.
				assert.ErrorIs(t, errs[len(errs)-1], publish.ErrUnresolvable)
			}
		})
	}
}

// dropBefore is the posts after a connection dropped before anything was
// made: one, found missing by Lookup and sent again, except on Telegram,
// where nobody can look and the scheduler stops with none.
func dropBefore(n share.Network) int {
	if n == share.Telegram {
		return 0
	}
	return 1
}

// lookupOutcome maps Lookup's sentinels to a non-zero value so the
// "every outcome classified" check accepts them.
func lookupOutcome(err error) publish.Outcome {
	if errors.Is(err, publish.ErrNotFound) || errors.Is(err, publish.ErrUnresolvable) {
		return publish.Rejected
	}
	return publish.OutcomeUnknown
}

func TestBlueskySessionKeptAndRotated(t *testing.T) {
	srv := fakenet.New()
	defer srv.Close()
	var mu sync.Mutex
	var sessions []publish.BlueskySession
	b, err := publish.NewBluesky(srv.Client(), publish.BlueskyOptions{PDS: srv.URL, Handle: fakenet.BlueskyHandle, AppPassword: fakenet.BlueskyPassword,
		OnSession: func(s publish.BlueskySession) { mu.Lock(); sessions = append(sessions, s); mu.Unlock() }})
	require.NoError(t, err)
	ctx := context.Background()
	for i := range 3 {
		p := newPost(t, share.Bluesky)
		p.Key = publish.NewTID(time.Now().Add(time.Duration(i)*time.Second), 1)
		if i == 1 {
			srv.Inject(share.Bluesky, fakenet.ExpiredToken)
		}
		_, err := publish.Send(ctx, b, p)
		require.NoError(t, err)
	}
	assert.Equal(t, 1, srv.BlueskyLogins(), "one login for three posts")
	assert.Equal(t, 1, srv.Calls("bluesky refreshSession"))
	require.Len(t, sessions, 2)
	assert.NotEqual(t, sessions[0].RefreshJwt, sessions[1].RefreshJwt, "refresh token rotated")

	// A new client from the saved session does not log in again.
	b2, err := publish.NewBluesky(srv.Client(), publish.BlueskyOptions{PDS: srv.URL, Session: &sessions[1]})
	require.NoError(t, err)
	p := newPost(t, share.Bluesky)
	p.Key = publish.NewTID(time.Now().Add(time.Hour), 2)
	_, err = publish.Send(ctx, b2, p)
	require.NoError(t, err)
	assert.Equal(t, 1, srv.BlueskyLogins())

	// The first session's refresh token was rotated away: a client
	// holding only it, with an expired access token and no password,
	// must be re-authorised.
	srv.Inject(share.Bluesky, fakenet.ExpiredToken)
	b3, err := publish.NewBluesky(srv.Client(), publish.BlueskyOptions{PDS: srv.URL, Session: &sessions[0]})
	require.NoError(t, err)
	p.Key = publish.NewTID(time.Now().Add(2*time.Hour), 3)
	_, err = b3.Publish(ctx, p)
	require.Error(t, err)
	assert.ErrorIs(t, err, publish.ErrReauth)
	noSecrets(t, err)
	assert.Len(t, srv.Posts(share.Bluesky), 4)
}

func TestXRefreshRotates(t *testing.T) {
	srv := fakenet.New()
	defer srv.Close()
	var got []publish.XToken
	x, err := publish.NewX(srv.Client(), publish.XOptions{BaseURL: srv.URL, ClientID: fakenet.XClientID,
		Token:   publish.XToken{AccessToken: fakenet.XAccess, RefreshToken: fakenet.XRefresh},
		OnToken: func(t publish.XToken) { got = append(got, t) }})
	require.NoError(t, err)
	srv.Inject(share.X, fakenet.ExpiredToken)
	_, err = publish.Send(context.Background(), x, newPost(t, share.X))
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, srv.XRefreshToken(), got[0].RefreshToken)
	assert.NotEqual(t, fakenet.XRefresh, got[0].RefreshToken)

	// Another client still holding the used refresh token is refused.
	old, err := publish.NewX(srv.Client(), publish.XOptions{BaseURL: srv.URL, ClientID: fakenet.XClientID,
		Token: publish.XToken{AccessToken: "stale", RefreshToken: fakenet.XRefresh}})
	require.NoError(t, err)
	_, err = old.Publish(context.Background(), newPost(t, share.X))
	assert.ErrorIs(t, err, publish.ErrReauth)
	noSecrets(t, err)
}

func TestDuplicateSignals(t *testing.T) {
	for _, n := range []share.Network{share.X, share.LinkedIn} {
		t.Run(n.ID(), func(t *testing.T) {
			srv := fakenet.New()
			defer srv.Close()
			c := clients(t, srv)[n]
			_, err := publish.Send(context.Background(), c, newPost(t, n))
			require.NoError(t, err)
			_, err = c.Publish(context.Background(), newPost(t, n))
			require.ErrorIs(t, err, publish.ErrDuplicate)
			var e *publish.Error
			require.ErrorAs(t, err, &e)
			assert.NotEmpty(t, e.Message)
			if n == share.LinkedIn {
				assert.Equal(t, srv.Posts(n)[0].ID, e.DuplicateOf)
			}
			assert.Len(t, srv.Posts(n), 1)
		})
	}
	t.Run("mastodon idempotency key", func(t *testing.T) {
		srv := fakenet.New()
		defer srv.Close()
		c := clients(t, srv)[share.Mastodon]
		p := newPost(t, share.Mastodon)
		r1, err := c.Publish(context.Background(), p)
		require.NoError(t, err)
		r2, err := c.Publish(context.Background(), p)
		require.NoError(t, err)
		assert.Equal(t, r1, r2)
		assert.Len(t, srv.Posts(share.Mastodon), 1)
	})
	t.Run("bluesky repeated record key", func(t *testing.T) {
		srv := fakenet.New()
		defer srv.Close()
		c := clients(t, srv)[share.Bluesky]
		p := newPost(t, share.Bluesky)
		r1, err := publish.Send(context.Background(), c, p)
		require.NoError(t, err)
		_, err = c.Publish(context.Background(), p)
		require.ErrorIs(t, err, publish.ErrAmbiguous, "a repeated rkey is a 500 today")
		r2, err := c.Lookup(context.Background(), p)
		require.NoError(t, err)
		assert.Equal(t, r1, r2)
		assert.Len(t, srv.Posts(share.Bluesky), 1)
	})
	t.Run("threads published container", func(t *testing.T) {
		srv := fakenet.New()
		defer srv.Close()
		c := clients(t, srv)[share.Threads]
		p, err := c.Prepare(context.Background(), newPost(t, share.Threads))
		require.NoError(t, err)
		_, err = c.Publish(context.Background(), p)
		require.NoError(t, err)
		_, err = c.Prepare(context.Background(), p)
		require.ErrorIs(t, err, publish.ErrDuplicate, "a PUBLISHED container")
		r, err := c.Lookup(context.Background(), p)
		require.NoError(t, err)
		assert.Equal(t, p.Container, r.ID)
		assert.Len(t, srv.Posts(share.Threads), 1)
	})
}

func TestThreadsPublishBeforeFinished(t *testing.T) {
	srv := fakenet.New()
	defer srv.Close()
	srv.Inject(share.Threads, fakenet.NotFinished)
	th, err := publish.NewThreads(srv.Client(), publish.ThreadsOptions{BaseURL: srv.URL, UserID: fakenet.ThreadsUserID, Token: fakenet.ThreadsToken, PollInterval: time.Millisecond, PollTimeout: time.Nanosecond})
	require.NoError(t, err)
	ctx := context.Background()
	p, err := th.Prepare(ctx, newPost(t, share.Threads))
	require.ErrorIs(t, err, publish.ErrNotSent)
	require.NotEmpty(t, p.Container, "the container is kept for the next attempt")
	_, err = th.Publish(ctx, p)
	require.ErrorIs(t, err, publish.ErrNotSent, "code 24 / 4279009")
	var e *publish.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "24/4279009", e.Code)
	assert.False(t, e.RetryAt.IsZero())
	for range 3 {
		if p, err = th.Prepare(ctx, p); err == nil {
			break
		}
	}
	require.NoError(t, err)
	_, err = th.Publish(ctx, p)
	require.NoError(t, err)
	assert.Equal(t, 1, srv.Calls("threads container"), "one container, reused")
	assert.Len(t, srv.Posts(share.Threads), 1)
}

func TestUploads(t *testing.T) {
	img := &publish.Image{Data: []byte("\x89PNG\r\n\x1a\nfake"), Type: "image/png", Alt: "A kestrel over the bay"}
	for _, n := range []share.Network{share.Mastodon, share.Bluesky, share.X} {
		t.Run(n.ID(), func(t *testing.T) {
			srv := fakenet.New()
			defer srv.Close()
			c := clients(t, srv)[n]
			p := newPost(t, n)
			p.Image = img
			q, err := c.Prepare(context.Background(), p)
			require.NoError(t, err)
			switch n {
			case share.Bluesky:
				require.NotNil(t, q.Bluesky.Record.Embed.External.Thumb)
				assert.Equal(t, len(img.Data), q.Bluesky.Record.Embed.External.Thumb.Size)
				assert.Nil(t, p.Bluesky.Record.Embed.External.Thumb, "Prepare must not change the caller's body")
			default:
				assert.Len(t, q.MediaIDs, 1)
			}
			_, err = c.Publish(context.Background(), q)
			require.NoError(t, err)
		})
	}
	t.Run("bluesky thumb too large", func(t *testing.T) {
		srv := fakenet.New()
		defer srv.Close()
		p := newPost(t, share.Bluesky)
		p.Image = &publish.Image{Data: make([]byte, publish.BlueskyThumbLimit+1), Type: "image/jpeg"}
		_, err := clients(t, srv)[share.Bluesky].Prepare(context.Background(), p)
		assert.ErrorIs(t, err, publish.ErrBadPost)
	})
}

// refusingTransport fails the test if any request is made.
type refusingTransport struct{ t *testing.T }

func (r refusingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r.t.Errorf("request made to %s", req.URL.Host)
	return nil, errors.New("refused")
}

func TestServerURLs(t *testing.T) {
	rows := []struct {
		url string
		ok  bool
	}{
		{"https://mastodon.example", true},
		{"http://127.0.0.1:8080", true},
		{"http://127.1.2.3", true},
		{"http://localhost:3000/", true},
		{"http://[::1]:9000", true},
		{"http://mastodon.example", false},
		{"http://10.0.0.1", false},
		{"http://localhost.example.com", false},
		{"ftp://mastodon.example", false},
		{"https://user:pw@mastodon.example", false},
		{"mastodon.example", false},
		{"//mastodon.example", false},
		{"https://mastodon.example/?x=1", false},
	}
	hc := &http.Client{Transport: refusingTransport{t}}
	for _, r := range rows {
		t.Run(r.url, func(t *testing.T) {
			_, err := publish.NewMastodon(hc, publish.MastodonOptions{Server: r.url, Token: "t"})
			if r.ok {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, publish.ErrInsecureURL)
			}
			_, err = publish.NewTelegram(hc, publish.TelegramOptions{BaseURL: r.url, Token: "1:abc"})
			assert.Equal(t, r.ok, err == nil, "telegram %v", err)
		})
	}
}

func TestTelegramTokenNotInTransportError(t *testing.T) {
	srv := fakenet.New()
	defer srv.Close()
	c := clients(t, srv)[share.Telegram]
	srv.Inject(share.Telegram, fakenet.DropAfterCreate)
	_, err := c.Publish(context.Background(), newPost(t, share.Telegram))
	require.ErrorIs(t, err, publish.ErrAmbiguous)
	noSecrets(t, err)
	var e *publish.Error
	require.ErrorAs(t, err, &e)
	noSecrets(t, e.Err)
	// A server that is gone: the dial error names the URL in net/http.
	srv.Close()
	_, err = c.Publish(context.Background(), newPost(t, share.Telegram))
	require.ErrorIs(t, err, publish.ErrNotSent)
	noSecrets(t, err)
}

func TestNewTID(t *testing.T) {
	at := time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)
	a, b := publish.NewTID(at, 1), publish.NewTID(at.Add(time.Microsecond), 1)
	assert.Len(t, a, 13)
	assert.Less(t, a, b, "TIDs sort by time")
	assert.NotEqual(t, publish.NewTID(at, 1), publish.NewTID(at, 2))
	assert.Equal(t, publish.NewTID(at, 1), publish.NewTID(at, 1))
	assert.Contains(t, "234567abcdefghij", a[:1], "top bit 0")
}

// TestLookupPages: the post made by an ambiguous attempt is found even
// when the account posted more than a page of posts after it (Facebook,
// X and LinkedIn read timelines page by page back to the attempt).
func TestLookupPages(t *testing.T) {
	for _, n := range []share.Network{share.Facebook, share.X, share.LinkedIn} {
		t.Run(n.ID(), func(t *testing.T) {
			srv := fakenet.New()
			defer srv.Close()
			c := clients(t, srv)[n]
			p := newPost(t, n)
			srv.Inject(n, fakenet.DropAfterCreate)
			_, err := c.Publish(context.Background(), p)
			require.ErrorIs(t, err, publish.ErrAmbiguous)
			for i := range 230 {
				q := newPost(t, n)
				link := fmt.Sprintf("https://news.example.com/other-%d", i)
				switch n {
				case share.Facebook:
					f := *q.Facebook
					f.Link = link
					q.Facebook = &f
				case share.X:
					q.X = &share.XTweet{Text: "Other story " + link}
				case share.LinkedIn:
					l := *q.LinkedIn
					l.Commentary = fmt.Sprint("Other story ", i)
					l.Content = &share.LinkedInContent{Article: share.LinkedInArticle{Source: link, Title: "Other"}}
					q.LinkedIn = &l
				}
				_, err := c.Publish(context.Background(), q)
				require.NoError(t, err)
			}
			r, err := c.Lookup(context.Background(), p)
			require.NoError(t, err)
			assert.Equal(t, srv.Posts(n)[0].ID, r.ID)
			assert.Len(t, srv.Posts(n), 231)
		})
	}
}
