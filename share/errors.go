package share

import (
	"errors"
	"fmt"
)

// Sentinel errors. Functions wrap them (usually in a *NetworkError or a
// *TooLongError) so callers branch with errors.Is.
var (
	// ErrUnknownNetwork: a network ID or value this package does not know.
	ErrUnknownNetwork = errors.New("unknown network")
	// ErrInvalidURL: the article's URL (or an option's URL) is not an
	// absolute http(s) URL.
	ErrInvalidURL = errors.New("invalid URL")
	// ErrMissingImage: the network needs an image (Pinterest) and the
	// article has none.
	ErrMissingImage = errors.New("article has no image")
	// ErrMissingAppID: the network needs a Facebook app id (Messenger) and
	// neither Options nor the article's site gives one.
	ErrMissingAppID = errors.New("no Facebook app id")
	// ErrMissingInstance: Mastodon in MastodonInstance mode without an
	// instance host, or MastodonCustom without a template.
	ErrMissingInstance = errors.New("no Mastodon instance")
	// ErrTooLong: even the shortest text the network allows (the URL alone)
	// is over its limit.
	ErrTooLong = errors.New("text over the network's limit")
	// ErrTooManyLinks: more links than the network accepts (Threads: 5).
	ErrTooManyLinks = errors.New("too many links")
	// ErrNoPost: the network has no post text or API body (a link-only
	// network such as Reddit, or Copy).
	ErrNoPost = errors.New("network has no post")
	// ErrMissingField: an API body needs a value only the caller has (a
	// LinkedIn author URN, a Telegram chat id).
	ErrMissingField = errors.New("required field missing")
	// ErrSchedule: a scheduled time outside the API's allowed window.
	ErrSchedule = errors.New("scheduled time outside the allowed window")
)

// NetworkError is a failure specific to one network: the link or post for
// Network could not be built. It unwraps to a sentinel above.
type NetworkError struct {
	Network Network
	Err     error
}

// Error reports the network and the cause.
func (e *NetworkError) Error() string { return fmt.Sprintf("share: %s: %v", e.Network, e.Err) }

// Unwrap returns the underlying error.
func (e *NetworkError) Unwrap() error { return e.Err }

// TooLongError reports a text that cannot be fitted: Length (in Unit) is the
// shortest text possible, over Limit. It unwraps to ErrTooLong.
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

func netErr(n Network, err error) error { return &NetworkError{Network: n, Err: err} }

func errorf(format string, args ...any) error { return fmt.Errorf("share: "+format, args...) }
