// Package publish sends share's post bodies to the networks: thin clients
// on net/http for Mastodon, Bluesky, X (API v2), Facebook Pages, LinkedIn,
// Threads and Telegram, each over a caller-supplied *http.Client, and a
// classification of every outcome that a scheduler can act on without
// ever posting twice.
//
// Build a post from an article, pick the client for the account, and
// send it:
//
//	p, err := publish.NewPost(a, share.Bluesky, publish.PostOptions{})
//	// handle err
//	p.Key = publish.NewTID(time.Now(), 0) // store it with the post
//	c, err := publish.NewBluesky(hc, publish.BlueskyOptions{
//		Handle: "news.example.com", AppPassword: pw,
//		OnSession: saveSession, // refresh tokens rotate: keep the newest
//	})
//	// handle err
//	r, err := publish.Send(ctx, c, p)
//	switch {
//	case err == nil:
//		fmt.Println(r.URL)
//	case errors.Is(err, publish.ErrNotSent):
//		// retry at publish.RetryAt(err)
//	case errors.Is(err, publish.ErrReauth):
//		// a person must authorise the account again
//	case errors.Is(err, publish.ErrAmbiguous):
//		// call c.Lookup later; never resend blindly
//	}
//
// For delivery that survives crashes, restarts and rate limits, use the
// outbox in package [github.com/broadsheet/broadsheet/publish/outbox],
// which stores the post and its key before the first attempt.
//
// # Outcomes
//
// Every failure of a call is an *[Error] whose Outcome is one of:
//
//   - [NotSent] ([ErrNotSent]): the network made nothing — the request was
//     not written, or it was refused before acting (429, an expired token).
//     RetryAt holds the server's hint, read from each network's own signal
//     (see [ParseRate]): Unix seconds (X, Bluesky), an ISO 8601 timestamp
//     (Mastodon), minutes in a usage header (Facebook, Threads), midnight
//     UTC (LinkedIn), retry_after seconds in the body (Telegram).
//   - [Rejected] ([ErrRejected]): a definite no, with the platform's
//     message; with Reauth set ([ErrReauth]) when the credentials were
//     refused and could not be refreshed.
//   - [Duplicate] ([ErrDuplicate]): the network says the post exists (X's
//     duplicate content, LinkedIn's DUPLICATE_POST, Facebook's 506, a
//     PUBLISHED Threads container).
//   - [Ambiguous] ([ErrAmbiguous]): the request was written and no answer
//     came, or the create call got a 5xx — the post may exist. Lookup
//     resolves it: Bluesky reads the record under the post's record key,
//     Threads reads the container's status, Facebook, LinkedIn and X read
//     the account's recent posts for the article's link, Mastodon resends
//     under the same Idempotency-Key while the server still holds it (an
//     hour). Telegram cannot look, and Lookup says so
//     ([ErrUnresolvable]).
//
// Go's Transport replays a POST on a broken reused connection when the
// request has an Idempotency-Key header; only Mastodon, which honours the
// key, gets one.
//
// # Each network
//
// Mastodon uploads media with POST /api/v2/media and waits while the
// server processes it (202, then 206 until 200). Bluesky keeps its
// session, refreshes it when the server answers 400 ExpiredToken, hands
// every rotated session to OnSession, and logs in again only when the
// refresh token is refused (logins are limited to a few a day). X
// refreshes its OAuth 2.0 token on 401 or before it expires and hands the
// rotated token to OnToken. Threads creates a container in Prepare, waits
// for FINISHED, and keeps the container id in the post for the next
// attempt. LinkedIn reads the new post's URN from x-restli-id.
//
// The legacy X API v1.1 client in share/twitterv1 (go-twitter) implements
// [Client] too, through twitterv1.Publisher, so that only that package
// imports go-twitter.
//
// # Security
//
// Tokens, app passwords and bot tokens are sent only in headers (Telegram
// puts its token in the path, as the Bot API requires) and never appear in
// an error: messages from the platform and from the transport are
// redacted, and *url.Error, whose text holds the request URL, is not
// wrapped. Server URLs must be https, or http to a loopback host; anything
// else is refused by the constructor before any request. Response bodies
// are read up to 1 MiB and treated as untrusted: a malformed answer to a
// create call is ambiguous, never a success. The package never logs.
//
// Clients are safe for concurrent use if their *http.Client is.
package publish
