package twitterv1

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/broadsheet/broadsheet/publish"
	"github.com/broadsheet/broadsheet/share"
)

// Publisher returns c as a publish.Client, so that an outbox can post
// through the legacy X API v1.1 like any other network. It is legacy: new
// code should use publish.NewX (API v2). The adapter lives here, not in
// package publish, so that only this package imports go-twitter.
//
// Outcomes: a rate limit is not sent (retry at its reset); refused
// credentials are a rejection needing re-authorisation; error 187 is a
// duplicate; other 4xx answers are rejections; a 5xx or a transport
// failure is ambiguous, since go-twitter cannot tell whether the request
// was written. Lookup cannot read the timeline through this adapter and
// returns publish.ErrUnresolvable.
func Publisher(c *Client) publish.Client { return publisher{c} }

type publisher struct{ c *Client }

func (publisher) Network() share.Network { return share.X }

func (publisher) Prepare(_ context.Context, p publish.Post) (publish.Post, error) {
	if p.X == nil || p.Network != share.X {
		return p, fmt.Errorf("%w: twitterv1: post has no x body", publish.ErrBadPost)
	}
	if p.Image != nil || p.X.Media != nil || p.X.Poll != nil {
		return p, fmt.Errorf("%w: twitterv1: media and polls need the v2 client (publish.NewX)", publish.ErrBadPost)
	}
	return p, nil
}

func (a publisher) Publish(ctx context.Context, p publish.Post) (publish.Result, error) {
	if _, err := a.Prepare(ctx, p); err != nil {
		return publish.Result{}, err
	}
	t, err := a.c.Post(ctx, share.Post{Network: share.X, Text: p.X.Text})
	if err != nil {
		return publish.Result{}, classifyV1(err)
	}
	if t == nil || t.IDStr == "" {
		return publish.Result{}, &publish.Error{Network: share.X, Op: "post", Outcome: publish.Ambiguous, Message: "status answer without an id"}
	}
	return publish.Result{Network: share.X, ID: t.IDStr, URL: "https://x.com/i/web/status/" + t.IDStr}, nil
}

func (publisher) Lookup(context.Context, publish.Post) (publish.Result, error) {
	return publish.Result{}, fmt.Errorf("%w: twitterv1 cannot look the post up; check the account", publish.ErrUnresolvable)
}

// classifyV1 maps this package's errors to publish's outcomes.
func classifyV1(err error) error {
	var (
		rl  *RateLimitError
		au  *AuthError
		va  *ValidationError
		api *APIError
		tl  *share.TooLongError
	)
	e := &publish.Error{Network: share.X, Op: "post"}
	switch {
	case errors.As(err, &tl):
		return fmt.Errorf("%w: %w", publish.ErrBadPost, err)
	case errors.As(err, &rl):
		e.Outcome, e.Status, e.Code, e.Message, e.RetryAt = publish.NotSent, rl.StatusCode, fmt.Sprint(rl.Code), rl.Message, rl.Reset
	case errors.As(err, &au):
		e.Outcome, e.Reauth, e.Status, e.Code, e.Message = publish.Rejected, true, au.StatusCode, fmt.Sprint(au.Code), au.Message
	case errors.As(err, &va):
		e.Outcome, e.Status, e.Code, e.Message = publish.Rejected, va.StatusCode, fmt.Sprint(va.Code), va.Message
		if va.Code == 187 {
			e.Outcome = publish.Duplicate
		}
	case errors.As(err, &api):
		e.Outcome, e.Status, e.Code, e.Message = publish.Ambiguous, api.StatusCode, fmt.Sprint(api.Code), api.Message
		if api.StatusCode >= 400 && api.StatusCode < 500 && api.StatusCode != http.StatusRequestTimeout {
			e.Outcome = publish.Rejected
		}
	default:
		e.Outcome, e.Message = publish.Ambiguous, "no answer: "+err.Error()
	}
	return e
}
