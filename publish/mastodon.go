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

// MastodonKeyWindow is how long a Mastodon server keeps an Idempotency-Key
// (the docs say up to an hour), less a margin: within it, resending under
// the same key cannot make a second status.
const MastodonKeyWindow = 50 * time.Minute

// MastodonOptions configures a Mastodon client.
type MastodonOptions struct {
	// Server is the instance, https://host (http only to a loopback
	// host). Required.
	Server string
	// Token is a user access token with write:statuses and write:media.
	// Required.
	Token string
	// PollInterval is the wait between checks of an uploaded media
	// attachment the server is still processing; zero means 2s.
	PollInterval time.Duration
	// PollTimeout bounds that waiting; zero means one minute.
	PollTimeout time.Duration
}

// Mastodon posts statuses to one Mastodon account.
type Mastodon struct {
	conn
	base  string
	token string
	opts  MastodonOptions
}

// NewMastodon returns a client for opts.Server that sends through hc.
// A missing server or token is an error wrapping ErrConfig; an insecure
// server URL, ErrInsecureURL.
func NewMastodon(hc *http.Client, opts MastodonOptions) (*Mastodon, error) {
	if opts.Server == "" || opts.Token == "" {
		return nil, fmt.Errorf("%w: mastodon needs a server and a token", ErrConfig)
	}
	base, err := checkBase(share.Mastodon, opts.Server)
	if err != nil {
		return nil, err
	}
	c, err := newConn(hc, share.Mastodon, opts.Token)
	if err != nil {
		return nil, err
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = 2 * time.Second
	}
	if opts.PollTimeout <= 0 {
		opts.PollTimeout = time.Minute
	}
	return &Mastodon{conn: c, base: base, token: opts.Token, opts: opts}, nil
}

// Network returns share.Mastodon.
func (m *Mastodon) Network() share.Network { return share.Mastodon }

func (m *Mastodon) auth() http.Header {
	return http.Header{"Authorization": {"Bearer " + m.token}}
}

type mastodonMedia struct {
	ID  string  `json:"id"`
	URL *string `json:"url"`
}

// Prepare uploads p.Image (POST /api/v2/media) unless p already has
// MediaIDs, and waits while the server processes it (a 202 answer, then
// GET /api/v1/media/:id until 200): attaching unprocessed media is
// refused with 422.
func (m *Mastodon) Prepare(ctx context.Context, p Post) (Post, error) {
	if p.Mastodon == nil || p.Network != share.Mastodon {
		return p, needBody(share.Mastodon, p)
	}
	if p.Image == nil || len(p.MediaIDs) > 0 {
		return p, nil
	}
	if err := checkImage(share.Mastodon, p.Image, 16<<20); err != nil {
		return p, err
	}
	fields := map[string]string{}
	if p.Image.Alt != "" {
		fields["description"] = p.Image.Alt
	}
	body, ctype := multipartFile(fields, "file", filename(p.Image.Type), p.Image.Type, p.Image.Data)
	r, err := m.do(ctx, call{op: "upload", method: http.MethodPost, url: m.base + "/api/v2/media", header: m.auth(), body: body, ctype: ctype})
	if err != nil {
		return p, err
	}
	if !r.ok() {
		return p, m.classify("upload", r, false)
	}
	var media mastodonMedia
	if err := json.Unmarshal(r.body, &media); err != nil || media.ID == "" {
		return p, m.fail("upload", r, NotSent, "", "media answer without an id")
	}
	if r.status == http.StatusAccepted || media.URL == nil {
		if err := m.waitMedia(ctx, media.ID); err != nil {
			return p, err
		}
	}
	p.MediaIDs = []string{media.ID}
	return p, nil
}

func (m *Mastodon) waitMedia(ctx context.Context, id string) error {
	deadline := m.now().Add(m.opts.PollTimeout)
	for {
		if err := sleep(ctx, m.opts.PollInterval); err != nil {
			return m.transportErr("poll", NotSent, err)
		}
		r, err := m.do(ctx, call{op: "poll", method: http.MethodGet, url: m.base + "/api/v1/media/" + url.PathEscape(id), header: m.auth()})
		if err != nil {
			return err
		}
		switch {
		case r.status == http.StatusOK:
			return nil
		case r.status != http.StatusPartialContent:
			return m.classify("poll", r, false)
		case !m.now().Before(deadline):
			e := m.fail("poll", r, NotSent, "", "media still processing after "+m.opts.PollTimeout.String())
			e.RetryAt = m.now().Add(time.Minute)
			return e
		}
	}
}

// mastodonStatusBody is share's status with the uploaded media.
type mastodonStatusBody struct {
	share.MastodonStatus
	MediaIDs []string `json:"media_ids,omitempty"`
}

type mastodonStatus struct {
	ID  string `json:"id"`
	URL string `json:"url"`
	URI string `json:"uri"`
}

// Publish posts the status (POST /api/v1/statuses) with the
// Idempotency-Key header set to p.Key (else the status's own key): the
// server keeps the key about an hour and answers a repeat with the status
// it already made. A status with ScheduledAt is refused, since Mastodon
// ignores the key for scheduled statuses (schedule in the outbox
// instead).
func (m *Mastodon) Publish(ctx context.Context, p Post) (Result, error) {
	if p.Mastodon == nil || p.Network != share.Mastodon {
		return Result{}, needBody(share.Mastodon, p)
	}
	key := p.Key
	if key == "" {
		key = p.Mastodon.IdempotencyKey
	}
	if key == "" {
		return Result{}, fmt.Errorf("%w: mastodon post has no idempotency key", ErrBadPost)
	}
	if p.Mastodon.ScheduledAt != "" {
		return Result{}, fmt.Errorf("%w: mastodon ignores Idempotency-Key for scheduled_at; schedule in the outbox", ErrBadPost)
	}
	body, err := jsonBody(mastodonStatusBody{*p.Mastodon, p.MediaIDs})
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrBadPost, err)
	}
	h := m.auth()
	h.Set("Idempotency-Key", key)
	r, err := m.do(ctx, call{op: "post", method: http.MethodPost, url: m.base + "/api/v1/statuses", header: h, body: body, ctype: "application/json", create: true})
	if err != nil {
		return Result{}, err
	}
	if !r.ok() {
		return Result{}, m.classify("post", r, true)
	}
	var s mastodonStatus
	if err := json.Unmarshal(r.body, &s); err != nil || s.ID == "" {
		return Result{}, m.fail("post", r, Ambiguous, "", "status answer without an id")
	}
	u := s.URL
	if u == "" {
		u = s.URI
	}
	return Result{Network: share.Mastodon, ID: s.ID, URL: u}, nil
}

// Lookup resolves an ambiguous Publish. Mastodon cannot search statuses by
// key, but within MastodonKeyWindow of p.Since the server still holds the
// key, so Lookup sends p again under it: the answer is the status the
// first attempt made, or the one status this call makes. Past the window
// (or with no Since) it returns ErrUnresolvable.
func (m *Mastodon) Lookup(ctx context.Context, p Post) (Result, error) {
	if p.Since.IsZero() || m.now().Sub(p.Since) > MastodonKeyWindow {
		return Result{}, fmt.Errorf("%w: mastodon idempotency key older than %s", ErrUnresolvable, MastodonKeyWindow)
	}
	return m.Publish(ctx, p)
}

func (m *Mastodon) classify(op string, r *reply, create bool) *Error {
	var body struct {
		Error string `json:"error"`
	}
	_ = json.Unmarshal(r.body, &body)
	o, reauth := byStatus(r.status, create)
	e := m.fail(op, r, o, "", body.Error)
	e.Reauth = reauth
	if r.status == http.StatusForbidden && !create {
		e.Reauth = true // a token without the write scope
	}
	if o == NotSent {
		e.RetryAt = retryHint(ParseRate(share.Mastodon, r.status, r.header, r.body, m.now()), m.now())
	}
	return e
}
