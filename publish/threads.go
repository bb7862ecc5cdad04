package publish

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/broadsheet/broadsheet/share"
)

// ThreadsOptions configures a Threads client.
type ThreadsOptions struct {
	// BaseURL replaces https://graph.threads.net, for tests.
	BaseURL string
	// Version is the API version; empty means v1.0.
	Version string
	// UserID is the Threads user id ("me" works too). Required.
	UserID string
	// Token is a long-lived Threads user access token (60 days; refresh it
	// with th_refresh_token before then). Required.
	Token string
	// PollInterval is the wait between container status checks; zero
	// means 5s.
	PollInterval time.Duration
	// PollTimeout bounds the waiting in one Prepare; zero means one
	// minute. A container not FINISHED by then is kept for the next
	// attempt.
	PollTimeout time.Duration
}

// Threads posts to one Threads account in two steps: create a media
// container, wait until its status is FINISHED, then publish it.
type Threads struct {
	conn
	base string
	opts ThreadsOptions
}

// NewThreads returns a client sending through hc.
func NewThreads(hc *http.Client, opts ThreadsOptions) (*Threads, error) {
	if opts.UserID == "" || opts.Token == "" {
		return nil, fmt.Errorf("%w: threads needs a user id and an access token", ErrConfig)
	}
	if opts.BaseURL == "" {
		opts.BaseURL = "https://graph.threads.net"
	}
	if opts.Version == "" {
		opts.Version = "v1.0"
	}
	base, err := checkBase(share.Threads, opts.BaseURL)
	if err != nil {
		return nil, err
	}
	c, err := newConn(hc, share.Threads, opts.Token)
	if err != nil {
		return nil, err
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = 5 * time.Second
	}
	if opts.PollTimeout <= 0 {
		opts.PollTimeout = time.Minute
	}
	return &Threads{conn: c, base: base + "/" + url.PathEscape(opts.Version), opts: opts}, nil
}

// Network returns share.Threads.
func (t *Threads) Network() share.Network { return share.Threads }

func (t *Threads) auth() http.Header {
	return http.Header{"Authorization": {"Bearer " + t.opts.Token}}
}

// containerStatus reads a container's status and error message.
func (t *Threads) containerStatus(ctx context.Context, op, id string) (string, string, error) {
	q := url.Values{"fields": {"id,status,error_message"}}
	r, err := t.do(ctx, call{op: op, method: http.MethodGet, url: t.base + "/" + url.PathEscape(id) + "?" + q.Encode(), header: t.auth()})
	if err != nil {
		return "", "", err
	}
	if !r.ok() {
		return "", "", t.classify(op, r, false)
	}
	var out struct {
		Status       string `json:"status"`
		ErrorMessage string `json:"error_message"`
	}
	if err := json.Unmarshal(r.body, &out); err != nil || out.Status == "" {
		return "", "", t.fail(op, r, NotSent, "", "container answer without a status")
	}
	return out.Status, out.ErrorMessage, nil
}

// Prepare creates the container (POST /{user}/threads) unless p has one,
// then polls its status until FINISHED. The returned post carries the
// container id even when Prepare fails, so store it: a container still
// IN_PROGRESS is waited for again on the next attempt, an EXPIRED one (24
// hours) is replaced, an ERROR one is a rejection with Meta's message, and
// a PUBLISHED one means an earlier publish went through — Prepare returns
// a Duplicate error and Lookup gives the post.
func (t *Threads) Prepare(ctx context.Context, p Post) (Post, error) {
	if p.Threads == nil || p.Network != share.Threads {
		return p, needBody(share.Threads, p)
	}
	if p.Container == "" {
		r, err := t.do(ctx, call{op: "container", method: http.MethodPost, url: t.base + "/" + url.PathEscape(t.opts.UserID) + "/threads", header: t.auth(), body: []byte(p.Threads.Values().Encode()), ctype: "application/x-www-form-urlencoded"})
		if err != nil {
			return p, err
		}
		if !r.ok() {
			return p, t.classify("container", r, false)
		}
		var out struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(r.body, &out); err != nil || out.ID == "" {
			return p, t.fail("container", r, NotSent, "", "container answer without an id")
		}
		p.Container = out.ID
	}
	deadline := t.now().Add(t.opts.PollTimeout)
	for {
		status, msg, err := t.containerStatus(ctx, "poll", p.Container)
		if err != nil {
			return p, err
		}
		switch status {
		case "FINISHED":
			return p, nil
		case "PUBLISHED":
			return p, &Error{Network: share.Threads, Op: "poll", Outcome: Duplicate, Code: status, Message: "container already published", DuplicateOf: p.Container}
		case "ERROR":
			return p, &Error{Network: share.Threads, Op: "poll", Outcome: Rejected, Code: status, Message: clip(t.redact(msg))}
		case "EXPIRED":
			p.Container = ""
			return p, &Error{Network: share.Threads, Op: "poll", Outcome: NotSent, Code: status, Message: "container expired; a new one will be made"}
		}
		if !t.now().Before(deadline) {
			return p, &Error{Network: share.Threads, Op: "poll", Outcome: NotSent, Code: status, Message: "container not FINISHED yet", RetryAt: t.now().Add(time.Minute)}
		}
		if err := sleep(ctx, t.opts.PollInterval); err != nil {
			return p, t.transportErr("poll", NotSent, err)
		}
	}
}

// Publish publishes p.Container (POST /{user}/threads_publish). Meta
// answers code 24 subcode 4279009 for a container that is not ready; that
// is not sent and is retried.
func (t *Threads) Publish(ctx context.Context, p Post) (Result, error) {
	if p.Threads == nil || p.Network != share.Threads {
		return Result{}, needBody(share.Threads, p)
	}
	if p.Container == "" {
		return Result{}, fmt.Errorf("%w: threads post has no container; call Prepare first", ErrBadPost)
	}
	form := share.ThreadsPublish{CreationID: p.Container}.Values().Encode()
	r, err := t.do(ctx, call{op: "post", method: http.MethodPost, url: t.base + "/" + url.PathEscape(t.opts.UserID) + "/threads_publish", header: t.auth(), body: []byte(form), ctype: "application/x-www-form-urlencoded", create: true})
	if err != nil {
		return Result{}, err
	}
	if !r.ok() {
		return Result{}, t.classify("post", r, true)
	}
	var out struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(r.body, &out); err != nil || out.ID == "" {
		return Result{}, t.fail("post", r, Ambiguous, "", "publish answer without an id")
	}
	return Result{Network: share.Threads, ID: out.ID, URL: t.permalink(ctx, out.ID)}, nil
}

// permalink asks for a published post's address; it is empty if the
// question fails (the post exists either way).
func (t *Threads) permalink(ctx context.Context, id string) string {
	r, err := t.do(ctx, call{op: "lookup", method: http.MethodGet, url: t.base + "/" + url.PathEscape(id) + "?fields=permalink", header: t.auth()})
	if err != nil || !r.ok() {
		return ""
	}
	var out struct {
		Permalink string `json:"permalink"`
	}
	if json.Unmarshal(r.body, &out) != nil {
		return ""
	}
	if u, err := url.Parse(out.Permalink); err != nil || u.Scheme != "https" {
		return ""
	}
	return out.Permalink
}

// Lookup reads the container's status: PUBLISHED means the post exists
// (its id is the container's); any other status means it was not
// published.
func (t *Threads) Lookup(ctx context.Context, p Post) (Result, error) {
	if p.Container == "" {
		return Result{}, fmt.Errorf("%w: threads: no container was made", ErrNotFound)
	}
	status, _, err := t.containerStatus(ctx, "lookup", p.Container)
	if err != nil {
		return Result{}, err
	}
	if status != "PUBLISHED" {
		return Result{}, fmt.Errorf("%w: threads container %s is %s", ErrNotFound, p.Container, status)
	}
	return Result{Network: share.Threads, ID: p.Container, URL: t.permalink(ctx, p.Container)}, nil
}

func (t *Threads) classify(op string, r *reply, create bool) *Error {
	o, reauth, code, msg := metaClassify(r.status, r.body, create)
	e := t.fail(op, r, o, code, msg)
	e.Reauth = reauth
	if o == NotSent {
		e.RetryAt = retryHint(ParseRate(share.Threads, r.status, r.header, r.body, t.now()), t.now())
		if code == "24/4279009" && e.RetryAt.IsZero() {
			e.RetryAt = t.now().Add(30 * time.Second)
		}
	}
	return e
}
