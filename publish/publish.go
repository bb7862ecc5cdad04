package publish

import (
	"context"
	"time"

	"github.com/broadsheet/broadsheet/share"
)

// Post is one post for one network: share's request body for it, the
// key that identifies the attempt, and what the client fills in while
// preparing it. A Post is plain data and marshals to JSON, so an outbox
// can store it between attempts.
//
// Exactly one body field must be set, the one for Network.
type Post struct {
	// Network is the network the post is for.
	Network share.Network `json:"network"`
	// Key identifies the post across attempts; choose it once, store it,
	// and send every retry with the same Key. Mastodon sends it as the
	// Idempotency-Key header (empty means the status's own
	// IdempotencyKey); Bluesky uses it as the record key, a TID (see
	// [NewTID]), and requires it. Other networks ignore it.
	Key string `json:"key,omitempty"`
	// Since is when the first attempt began. Lookup ignores posts made
	// before it (less a minute for clock skew); zero means no bound.
	Since time.Time `json:"since,omitzero"`
	// Image is a picture to attach where the network takes uploads: the
	// Mastodon media attachment, the Bluesky link card's thumbnail, the X
	// media. Threads, Telegram and Facebook fetch pictures by URL instead.
	Image *Image `json:"image,omitempty"`

	X             *share.XTweet              `json:"x,omitempty"`
	Bluesky       *share.BlueskyCreateRecord `json:"bluesky,omitempty"`
	Mastodon      *share.MastodonStatus      `json:"mastodon,omitempty"`
	Facebook      *share.FacebookFeed        `json:"facebook,omitempty"`
	LinkedIn      *share.LinkedInPost        `json:"linkedin,omitempty"`
	Threads       *share.ThreadsContainer    `json:"threads,omitempty"`
	Telegram      *share.TelegramMessage     `json:"telegram,omitempty"`
	TelegramPhoto *share.TelegramPhoto       `json:"telegram_photo,omitempty"`

	// MediaIDs are the ids of uploaded media (Mastodon, X), filled by
	// Prepare.
	MediaIDs []string `json:"media_ids,omitempty"`
	// Container is the Threads media container id, filled by Prepare.
	// Store it before calling Publish: publishing a container twice is
	// impossible, and a PUBLISHED container answers Lookup.
	Container string `json:"container,omitempty"`
}

// Image is a picture to upload with a post.
type Image struct {
	// Data is the encoded image.
	Data []byte `json:"data"`
	// Type is its MIME type: image/png or image/jpeg.
	Type string `json:"type"`
	// Alt is its description for people who cannot see it.
	Alt string `json:"alt,omitempty"`
}

// Result is a post the network made.
type Result struct {
	// Network is the network posted to.
	Network share.Network `json:"network"`
	// ID is the network's id for the post (a status id, an at:// URI, an
	// urn:li:share URN, a Telegram message id). It may be empty after a
	// duplicate signal that names no post (X).
	ID string `json:"id,omitempty"`
	// URL is the post's public address, when the network gives one.
	URL string `json:"url,omitempty"`
}

// Client sends posts to one account on one network. Implementations in
// this package are safe for concurrent use if their *http.Client is.
//
// The three steps split the repeatable work from the one call that makes
// the post, as a scheduler that survives crashes needs:
//
//   - Prepare does everything that can safely run twice: refreshing a
//     token, uploading media, creating the Threads container and waiting
//     until it is FINISHED. It returns the post with its handles filled in
//     (MediaIDs, Container, the Bluesky thumbnail), possibly together with
//     an error; store the returned post either way.
//   - Publish makes the post: one create call, never repeated inside.
//   - Lookup answers whether an earlier Publish whose outcome was
//     ambiguous made the post: the Result if it did, ErrNotFound if the
//     network shows it did not, ErrUnresolvable if the network cannot
//     say.
type Client interface {
	// Network is the network the client posts to.
	Network() share.Network
	// Prepare does the repeatable work before Publish.
	Prepare(ctx context.Context, p Post) (Post, error)
	// Publish makes the post, once.
	Publish(ctx context.Context, p Post) (Result, error)
	// Lookup resolves an ambiguous Publish of p.
	Lookup(ctx context.Context, p Post) (Result, error)
}

// Send prepares p and publishes it: the whole path for a caller without
// an outbox. On an ambiguous failure it calls Lookup once and returns
// what that finds; it never publishes twice. Use an outbox to survive
// crashes and retry on the server's schedule.
func Send(ctx context.Context, c Client, p Post) (Result, error) {
	if p.Since.IsZero() {
		p.Since = time.Now()
	}
	p, err := c.Prepare(ctx, p)
	if err != nil {
		return Result{}, err
	}
	r, err := c.Publish(ctx, p)
	if Classify(err) != Ambiguous {
		return r, err
	}
	if r, lerr := c.Lookup(ctx, p); lerr == nil {
		return r, nil
	}
	return Result{}, err
}
