package publish_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/fakenet"
	"github.com/broadsheet/broadsheet/publish"
	"github.com/broadsheet/broadsheet/share"
)

// cannedTransport answers every request with one response.
type cannedTransport struct {
	status int
	header http.Header
	body   []byte
}

func (c cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{StatusCode: c.status, Header: c.header.Clone(), Body: io.NopCloser(bytes.NewReader(c.body)), Request: r}, nil
}

// rateHeaders are the headers each network's rate limit is read from.
var rateHeaders = []string{"x-rate-limit-reset", "ratelimit-reset", "X-RateLimit-Reset", "X-Business-Use-Case-Usage", "X-App-Usage", "Retry-After", "X-Restli-Id", "x-user-limit-24hour-reset"}

// FuzzResponses feeds arbitrary statuses, headers and bodies to every
// client's calls. Invariants: no panic; a success has an id; a failure is
// classified (one of the four outcomes, or a Lookup sentinel); no secret
// in any error; a retry hint is never in the past by more than a second.
func FuzzResponses(f *testing.F) {
	f.Add(uint8(0), 429, "1767225600", []byte(`{"error":"RateLimitExceeded"}`))
	f.Add(uint8(1), 400, "", []byte(`{"error":"ExpiredToken","message":"Token has expired"}`))
	f.Add(uint8(2), 403, "", []byte(`{"detail":"You are not allowed to create a Tweet with duplicate content."}`))
	f.Add(uint8(3), 500, `{"1":[{"estimated_time_to_regain_access":5}]}`, []byte(`{"error":{"code":2,"message":"unexpected"}}`))
	f.Add(uint8(4), 422, "", []byte(`{"status":422,"code":"DUPLICATE_POST","message":"Content is a duplicate of urn:li:share:1"}`))
	f.Add(uint8(5), 400, "", []byte(`{"error":{"code":24,"error_subcode":4279009,"message":"x"}}`))
	f.Add(uint8(6), 429, "", []byte(`{"ok":false,"error_code":429,"parameters":{"retry_after":99999999999}}`))
	f.Add(uint8(6), 200, "", []byte(`{"ok":true,"result":{"message_id":0}}`))
	f.Add(uint8(0), 200, "", []byte(`{"id":""}`))
	f.Add(uint8(4), 201, "urn:li:share:5", []byte(``))
	f.Add(uint8(3), 200, "-1", []byte("\xff\xfe{"))
	f.Fuzz(func(t *testing.T, which uint8, status int, hv string, body []byte) {
		if status < 100 || status > 599 {
			status = 500
		}
		nets := share.PostNetworks()
		n := nets[int(which)%len(nets)]
		h := http.Header{"Content-Type": {"application/json"}}
		for _, k := range rateHeaders {
			h.Set(k, hv)
		}
		hc := &http.Client{Transport: cannedTransport{status, h, body}}
		c := newClient(t, n, hc)
		p := newPost(t, n)
		p.Container = "c1"
		now := time.Now()
		ctx := context.Background()
		check := func(op string, res publish.Result, err error) {
			if err == nil {
				if res.ID == "" && op != "prepare" {
					t.Fatalf("%s %s: success without an id (status %d, body %q)", n, op, status, body)
				}
				return
			}
			noSecrets(t, err)
			if publish.Classify(err) == publish.OutcomeUnknown && !errors.Is(err, publish.ErrNotFound) && !errors.Is(err, publish.ErrUnresolvable) && !errors.Is(err, publish.ErrBadPost) {
				t.Fatalf("%s %s: unclassified error %v", n, op, err)
			}
			if at := publish.RetryAt(err); !at.IsZero() && at.Before(now.Add(-time.Second)) {
				t.Fatalf("%s %s: retry hint %v in the past", n, op, at)
			}
		}
		_, err := c.Prepare(ctx, p)
		check("prepare", publish.Result{}, err)
		res, err := c.Publish(ctx, p)
		check("publish", res, err)
		if err != nil && status >= 200 && status < 300 && publish.Classify(err) != publish.Ambiguous && n != share.Bluesky && n != share.X {
			// A 2xx to the create call never becomes "not sent".
			t.Fatalf("%s: 2xx answer classified %s: %v", n, publish.Classify(err), err)
		}
		res, err = c.Lookup(ctx, p)
		check("lookup", res, err)
		_ = publish.ParseRate(n, status, h, body, now)
	})
}

// newClient returns n's client over hc, pointed at a loopback address.
func newClient(t *testing.T, n share.Network, hc *http.Client) publish.Client {
	t.Helper()
	u := "http://127.0.0.1:9"
	var c publish.Client
	var err error
	switch n {
	case share.Mastodon:
		c, err = publish.NewMastodon(hc, publish.MastodonOptions{Server: u, Token: fakenet.MastodonToken, PollInterval: time.Microsecond, PollTimeout: time.Millisecond})
	case share.Bluesky:
		c, err = publish.NewBluesky(hc, publish.BlueskyOptions{PDS: u, Session: &publish.BlueskySession{DID: "did:plc:x", AccessJwt: "bsky-access-1", RefreshJwt: "bsky-refresh-1"}})
	case share.X:
		c, err = publish.NewX(hc, publish.XOptions{BaseURL: u, Token: publish.XToken{AccessToken: fakenet.XAccess, RefreshToken: fakenet.XRefresh}, ClientID: "id", UserID: "1"})
	case share.Facebook:
		c, err = publish.NewFacebook(hc, publish.FacebookOptions{BaseURL: u, PageID: "1", Token: fakenet.FacebookToken})
	case share.LinkedIn:
		c, err = publish.NewLinkedIn(hc, publish.LinkedInOptions{BaseURL: u, Token: fakenet.LinkedInToken})
	case share.Threads:
		c, err = publish.NewThreads(hc, publish.ThreadsOptions{BaseURL: u, UserID: "1", Token: fakenet.ThreadsToken, PollInterval: time.Microsecond, PollTimeout: time.Millisecond})
	case share.Telegram:
		c, err = publish.NewTelegram(hc, publish.TelegramOptions{BaseURL: u, Token: fakenet.TelegramBotToken})
	}
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// FuzzParseRate: any header values parse without panic, and a reset from
// Retry-After seconds is never before now.
func FuzzParseRate(f *testing.F) {
	f.Add("30", "2026-11-26T09:30:00.123Z", `{"a":[{"estimated_time_to_regain_access":3}]}`)
	f.Add("Wed, 21 Oct 2015 07:28:00 GMT", "x", "{")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		now := time.Now()
		h := http.Header{}
		for _, k := range rateHeaders {
			h.Set(k, a)
		}
		h.Set("X-RateLimit-Reset", b)
		h.Set("X-Business-Use-Case-Usage", c)
		for _, n := range share.PostNetworks() {
			r := publish.ParseRate(n, 429, h, []byte(c), now)
			if strings.TrimSpace(a) != "" && !strings.ContainsAny(a, ":,") && r.Reset.Before(now.Add(-time.Hour*24*365*100)) && !r.Reset.IsZero() {
				t.Fatalf("%s: reset %v from %q", n, r.Reset, a)
			}
		}
	})
}
