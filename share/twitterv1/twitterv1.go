package twitterv1

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/broadsheet/broadsheet/share"
	"github.com/broadsheet/broadsheet/share/count"
	//lint:ignore SA1019 go-twitter is archived upstream; wrapping it is this package's job (see doc.go)
	"github.com/dghubble/go-twitter/twitter"
)

// Options configures a Client. The zero value talks to X.
type Options struct {
	// BaseURL replaces https://api.twitter.com (scheme and host; the
	// /1.1/ path stays), for tests against an httptest server.
	BaseURL string
}

// Client posts statuses with go-twitter over a caller-owned *http.Client.
type Client struct {
	hc   *http.Client
	base *url.URL
}

var (
	// ErrNoClient is returned when New is given a nil *http.Client.
	ErrNoClient = errors.New("twitterv1: nil *http.Client; pass an OAuth 1.0a client with a Timeout")
	// ErrNotX is returned when Params or Post is given a post fitted for
	// another network than X.
	ErrNotX = errors.New("post is not for x")
	// ErrNilContext is returned when Update or Post is given a nil
	// context.
	ErrNilContext = errors.New("twitterv1: nil context")
)

// New returns a Client sending through hc, which must sign requests with
// OAuth 1.0a user context (github.com/dghubble/oauth1's Config.Client) and
// should have a Timeout.
func New(hc *http.Client, opts Options) (*Client, error) {
	if hc == nil {
		return nil, ErrNoClient
	}
	c := &Client{hc: hc}
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("twitterv1: base URL %q: %w: want absolute http(s)", opts.BaseURL, share.ErrInvalidURL)
		}
		c.base = u
	}
	return c, nil
}

// Params converts a post fitted for X into go-twitter's
// StatusUpdateParams. A post for another network, or one over X's limit,
// is an error.
func Params(p share.Post) (*twitter.StatusUpdateParams, error) {
	if p.Network != share.X {
		return nil, fmt.Errorf("twitterv1: %w: it is for %s", ErrNotX, p.Network)
	}
	if p.Text == "" {
		return nil, &ValidationError{APIError{Message: "empty status"}}
	}
	if n := count.X(p.Text).WeightedLength; n > count.XLimit {
		return nil, &share.TooLongError{Network: share.X, Length: n, Limit: count.XLimit, Unit: share.UnitWeighted}
	}
	return &twitter.StatusUpdateParams{Status: p.Text}, nil
}

// Post sends p as a status update (POST statuses/update.json) and returns
// the created tweet. ctx bounds the request; see the error types for
// failures.
func (c *Client) Post(ctx context.Context, p share.Post) (*twitter.Tweet, error) {
	params, err := Params(p)
	if err != nil {
		return nil, err
	}
	return c.Update(ctx, params)
}

// Update sends params as they are, for callers that set more fields
// (in_reply_to_status_id, media_ids …).
func (c *Client) Update(ctx context.Context, params *twitter.StatusUpdateParams) (*twitter.Tweet, error) {
	if ctx == nil {
		return nil, ErrNilContext
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("twitterv1: %w", err)
	}
	hc := *c.hc
	hc.Transport = &callTransport{ctx: ctx, base: c.base, next: c.hc.Transport}
	tweet, resp, err := twitter.NewClient(&hc).Statuses.Update(params.Status, params)
	return tweet, classify(resp, err)
}

// callTransport gives each request the call's context and, for tests, the
// overriding base URL; go-twitter has neither.
type callTransport struct {
	ctx  context.Context
	base *url.URL
	next http.RoundTripper
}

// RoundTrip sends req with the call's context, to the base URL if set.
func (t *callTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.WithContext(t.ctx)
	if t.base != nil {
		u := *r.URL
		u.Scheme, u.Host = t.base.Scheme, t.base.Host
		r.URL = &u
		r.Host = t.base.Host
	}
	next := t.next
	if next == nil {
		next = http.DefaultTransport
	}
	return next.RoundTrip(r)
}

// APIError is a failure X reported that is not one of the kinds below.
type APIError struct {
	StatusCode int    // HTTP status
	Code       int    // X error code, 0 if none
	Message    string // X's message
}

// Error reports the HTTP status, X's code and message.
func (e *APIError) Error() string {
	return fmt.Sprintf("twitterv1: HTTP %d: code %d: %s", e.StatusCode, e.Code, e.Message)
}

// RateLimitError is returned for HTTP 429 or error 88. Reset is when the
// window resets (from x-rate-limit-reset), zero if X did not say.
type RateLimitError struct {
	APIError
	Reset time.Time
}

// Error reports when the rate limit resets.
func (e *RateLimitError) Error() string {
	return fmt.Sprintf("twitterv1: rate limited until %s: %s", e.Reset.UTC().Format(time.RFC3339), e.Message)
}

// AuthError is returned for HTTP 401, or 403 for credentials or access
// level (codes 32, 64, 89, 135, 220, 261, 326, 453). Error 453 means the app has no v1.1
// posting access: use the v2 body (share.NewXTweet).
type AuthError struct{ APIError }

// Error reports the refused credentials or access level.
func (e *AuthError) Error() string {
	return fmt.Sprintf("twitterv1: not authorised (HTTP %d, code %d): %s", e.StatusCode, e.Code, e.Message)
}

// ValidationError is returned when X refuses the status itself: too long
// (186), a duplicate (187), missing (170), or another HTTP 400/403 about
// the content.
type ValidationError struct{ APIError }

// Error reports why X refused the status.
func (e *ValidationError) Error() string {
	return fmt.Sprintf("twitterv1: status refused (HTTP %d, code %d): %s", e.StatusCode, e.Code, e.Message)
}

var authCodes = map[int]bool{32: true, 64: true, 89: true, 135: true, 220: true, 261: true, 326: true, 453: true}

// classify turns go-twitter's result into a typed error.
func classify(resp *http.Response, err error) error {
	var api twitter.APIError
	isAPI := errors.As(err, &api)
	if err != nil && !isAPI {
		if resp == nil {
			return fmt.Errorf("twitterv1: %w", err)
		}
	}
	if resp == nil {
		return err
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 && err == nil {
		return nil
	}
	base := APIError{StatusCode: resp.StatusCode, Message: http.StatusText(resp.StatusCode)}
	if isAPI && len(api.Errors) > 0 {
		base.Code, base.Message = api.Errors[0].Code, api.Errors[0].Message
	} else if err != nil {
		base.Message = err.Error()
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || base.Code == 88:
		rl := &RateLimitError{APIError: base}
		if s := resp.Header.Get("x-rate-limit-reset"); s != "" {
			if sec, perr := strconv.ParseInt(s, 10, 64); perr == nil {
				rl.Reset = time.Unix(sec, 0)
			}
		}
		return rl
	case resp.StatusCode == http.StatusUnauthorized || authCodes[base.Code]:
		return &AuthError{APIError: base}
	case resp.StatusCode == http.StatusBadRequest || resp.StatusCode == http.StatusForbidden:
		return &ValidationError{APIError: base}
	}
	return &base
}
