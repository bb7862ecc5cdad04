package share

import (
	"errors"
	"fmt"
	"strings"

	"github.com/broadsheet/broadsheet/article"
)

// Sentinel errors. Every error this package returns wraps exactly one of
// them (usually inside a [*NetworkError] or a [*TooLongError]), so callers
// branch with errors.Is. Their messages carry no "share:" prefix: the
// error that wraps them does, once.
var (
	// ErrNilArticle is returned when the article is nil.
	ErrNilArticle = errors.New("nil article")
	// ErrInvalidURL is returned when the article's URL, or a URL in
	// [Options], is not an absolute http(s) URL. It is
	// [article.ErrInvalidURL] itself, so errors.Is matches either name.
	ErrInvalidURL = article.ErrInvalidURL
	// ErrInvalidOptions is returned when [Options] contradict themselves
	// (Via with NoVia; a Mastodon Instance or Template the Mode does not
	// use) or hold a value this package does not know (a Mastodon mode).
	ErrInvalidOptions = errors.New("invalid options")
	// ErrUnknownNetwork is returned for a network ID or value this package
	// does not know.
	ErrUnknownNetwork = errors.New("unknown network")
	// ErrUnknownUnit is returned when unmarshalling a [Unit] name this
	// package does not know.
	ErrUnknownUnit = errors.New("unknown unit")
	// ErrMissingImage is returned for a network that needs an image
	// (Pinterest, a Telegram photo) when the article has no usable one.
	ErrMissingImage = errors.New("article has no image")
	// ErrMissingAppID is returned for Messenger when neither [Options] nor
	// the article's site gives a Facebook app id.
	ErrMissingAppID = errors.New("no Facebook app id")
	// ErrMissingInstance is returned for Mastodon in [MastodonInstance]
	// mode without an instance host, or [MastodonCustom] without a
	// template.
	ErrMissingInstance = errors.New("no Mastodon instance")
	// ErrTooLong is returned (inside a [*TooLongError]) when even the
	// shortest text a network allows, the URL alone, is over its limit.
	ErrTooLong = errors.New("text over the network's limit")
	// ErrTooManyLinks is returned when a post holds more links than the
	// network accepts (Threads: 5).
	ErrTooManyLinks = errors.New("too many links")
	// ErrNoPost is returned when asking for the post or API body of a
	// link-only network such as Reddit or CopyLink.
	ErrNoPost = errors.New("network has no post")
	// ErrMissingField is returned when an API body needs a value only the
	// caller has (a LinkedIn author URN, a Telegram chat id, a Bluesky
	// repo) or has neither text nor media.
	ErrMissingField = errors.New("required field missing")
	// ErrConflictingFields is returned when an API body sets fields that
	// exclude each other (an XTweet's media, poll and quote_tweet_id).
	ErrConflictingFields = errors.New("conflicting fields")
	// ErrSchedule is returned for a scheduled time outside the API's
	// allowed window.
	ErrSchedule = errors.New("scheduled time outside the allowed window")
)

// NetworkError is a failure specific to one network: the link or post for
// Network could not be built. It unwraps to one of the sentinels above.
type NetworkError struct {
	Network Network
	Err     error
}

// Error reports the network and the cause: "share: pinterest: article has
// no usable image".
func (e *NetworkError) Error() string { return fmt.Sprintf("share: %s: %v", e.Network, e.Err) }

// Unwrap returns the underlying error.
func (e *NetworkError) Unwrap() error { return e.Err }

// TooLongError reports a text that cannot be fitted: Length (in Unit) is the
// shortest text possible, over Limit. It unwraps to [ErrTooLong].
type TooLongError struct {
	Network Network
	Length  int
	Limit   int
	Unit    Unit
}

// Error reports the shortest length possible and the limit.
func (e *TooLongError) Error() string {
	return fmt.Sprintf("share: %s: %v: %d %s, limit %d", e.Network, ErrTooLong, e.Length, e.Unit, e.Limit)
}

// Unwrap returns ErrTooLong.
func (e *TooLongError) Unwrap() error { return ErrTooLong }

// netErr is a failure of network n; err carries no package prefix.
func netErr(n Network, err error) error { return &NetworkError{Network: n, Err: err} }

// netErrorf is netErr with a formatted cause, which must wrap a sentinel
// with %w.
func netErrorf(n Network, format string, args ...any) error {
	return netErr(n, fmt.Errorf(format, args...))
}

// errorf returns a failure not specific to one network, prefixed "share: ";
// format must wrap a sentinel with %w.
func errorf(format string, args ...any) error { return fmt.Errorf("share: "+format, args...) }

// prefixedError is an error whose message is written out in full, still
// unwrapping to the error it came from.
type prefixedError struct {
	msg string
	err error
}

func (e *prefixedError) Error() string { return e.msg }
func (e *prefixedError) Unwrap() error { return e.err }

// checkURL checks raw with [article.CheckURL]; a failure reads
// "<field>: invalid URL: <reason>" (without article's own prefix: the
// caller adds share's) and unwraps to article's error, and so to
// [ErrInvalidURL].
func checkURL(field, raw string) error {
	if _, err := article.CheckURL(raw); err != nil {
		return &prefixedError{field + ": " + strings.TrimPrefix(err.Error(), "article: "), err}
	}
	return nil
}
