// Package twitterv1 posts a share.Post to X through the X API v1.1
// statuses/update endpoint, using github.com/dghubble/go-twitter. It is the
// only package in broadsheet that imports go-twitter.
//
// Read this first: go-twitter was archived by its author in November 2022
// and gets no fixes, and X closed v1.1 posting to most apps in 2023 (they
// answer 403 with error 453, "You currently have access to a subset of X
// API V2 endpoints"). New code should post share.NewXTweet's body to the
// v2 endpoint share.XTweetEndpoint instead. This package exists for
// publishers whose apps still have v1.1 access and whose code already uses
// go-twitter.
//
// It adds what go-twitter lacks: a context per call, a caller-owned
// *http.Client (set its Timeout), a base URL that tests can point at an
// httptest server, and typed errors: *RateLimitError (with the reset
// time), *AuthError, *ValidationError and *APIError for the rest.
//
//	post, err := share.Compose(a, share.X, share.Options{})
//	// handle err
//	cfg := oauth1.NewConfig(consumerKey, consumerSecret)
//	hc := cfg.Client(ctx, oauth1.NewToken(token, tokenSecret))
//	hc.Timeout = 10 * time.Second
//	c, err := twitterv1.New(hc, twitterv1.Options{})
//	// handle err
//	tweet, err := c.Post(ctx, post)
//	var rl *twitterv1.RateLimitError
//	if errors.As(err, &rl) {
//		// retry after rl.Reset
//	}
//
// Publisher(c) adapts a Client to publish.Client, so that the outbox
// (package publish/outbox) can post through v1.1 like any other network;
// it is the legacy path, kept here so that go-twitter stays in this one
// package. publish.NewX is the v2 client to use instead.
//
// A Client is safe for concurrent use if its *http.Client is.
//
// # Security
//
// The *http.Client carries the OAuth 1.0a credentials; this package never
// sees them and never logs. Post sends only the text of a share.Post built
// for X, after checking it is within 280 weighted characters.
package twitterv1
