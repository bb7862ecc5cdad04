package publish

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/share"
)

// Sentinel errors. Every failure of [Client.Publish] is an *[Error] whose
// Outcome makes it match exactly one of ErrNotSent, ErrRejected,
// ErrDuplicate and ErrAmbiguous with errors.Is; a refused token also
// matches ErrReauth.
var (
	// ErrNotSent is matched by a failure the network never acted on: the
	// request was not written, or the server refused it without creating
	// anything (a rate limit, an expired token). Retry after the error's
	// RetryAt.
	ErrNotSent = errors.New("publish: not sent")
	// ErrRejected is matched by a failure the network answered with a
	// definite no (a validation error, a refused token, media too large).
	// Retrying the same post will not help; the error carries the
	// platform's message.
	ErrRejected = errors.New("publish: rejected")
	// ErrDuplicate is matched when the network says an equal post already
	// exists (X's duplicate content, LinkedIn's DUPLICATE_POST, Facebook's
	// 506). After an ambiguous attempt it means the earlier attempt went
	// through.
	ErrDuplicate = errors.New("publish: duplicate")
	// ErrAmbiguous is matched when the request may have created the post:
	// the connection dropped after the body was written, or the server
	// answered 5xx to the create call. Call [Client.Lookup] before trying
	// again; never resend blindly.
	ErrAmbiguous = errors.New("publish: outcome unknown")
	// ErrReauth is matched by a rejection of the account's credentials: the
	// token was revoked or expired and could not be refreshed. A person
	// must authorise the account again.
	ErrReauth = errors.New("publish: credentials refused")
	// ErrNotFound is returned by [Client.Lookup] when the network shows
	// that the post was not made, so publishing it again makes one post.
	ErrNotFound = errors.New("publish: post not found")
	// ErrUnresolvable is returned by [Client.Lookup] when the network
	// offers no way to tell whether the post was made (Telegram, or a
	// Mastodon Idempotency-Key older than its hour). A person must check
	// the account.
	ErrUnresolvable = errors.New("publish: outcome cannot be looked up")
	// ErrInsecureURL is returned by the constructors for a server URL that
	// is not https, or http to a loopback host; no request is made.
	ErrInsecureURL = errors.New("publish: server URL must be https (or http to a loopback host)")
	// ErrConfig is returned by the constructors for a missing or malformed
	// option (no token, no page id, a nil *http.Client).
	ErrConfig = errors.New("publish: bad client configuration")
	// ErrBadPost is returned, before any request, for a post the client
	// cannot send: it lacks the network's body or record key, or its image
	// is over the network's limit.
	ErrBadPost = errors.New("publish: bad post")
)

// Outcome sorts the result of a publishing attempt. The zero value is
// OutcomeUnknown, which no *Error carries.
type Outcome uint8

// The outcomes a failure can have.
const (
	OutcomeUnknown Outcome = iota
	// NotSent: nothing was created; retry after the server's hint.
	NotSent
	// Rejected: nothing was created and retrying will not help.
	Rejected
	// Duplicate: the network says an equal post exists.
	Duplicate
	// Ambiguous: the post may or may not exist; look before retrying.
	Ambiguous
)

var outcomeNames = [...]string{"unknown", "not-sent", "rejected", "duplicate", "ambiguous"}

// String returns the outcome's name: not-sent, rejected, duplicate,
// ambiguous or unknown.
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "unknown"
}

// MarshalText returns the outcome's name.
func (o Outcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText parses an outcome's name.
func (o *Outcome) UnmarshalText(b []byte) error {
	for i, n := range outcomeNames {
		if string(b) == n {
			*o = Outcome(i)
			return nil
		}
	}
	return fmt.Errorf("publish: unknown outcome %q", b)
}

// Error is a failed call to a network, classified. It never holds a
// token, password or bot token: messages are redacted before they are
// stored.
type Error struct {
	// Network is the network called.
	Network share.Network
	// Op names the call: "post", "upload", "session", "refresh", "poll",
	// "lookup".
	Op string
	// Outcome says what the failure means for the post.
	Outcome Outcome
	// Status is the HTTP status, 0 when no response arrived.
	Status int
	// Code is the platform's error code or name (Bluesky's "ExpiredToken",
	// Facebook's "190", LinkedIn's "DUPLICATE_POST"), if any.
	Code string
	// Message is the platform's message (at most 500 bytes), or the
	// transport's.
	Message string
	// RetryAt is when the server said to try again (from its rate-limit
	// headers or body); zero when it gave no hint.
	RetryAt time.Time
	// Reauth is set when the account's credentials were refused.
	Reauth bool
	// DuplicateOf is the existing post's id when a duplicate signal names
	// it (LinkedIn does; X does not).
	DuplicateOf string
	// Err is the underlying transport error, if any.
	Err error
}

// Error describes the failure: network, call, outcome, status, the
// platform's code and message, and the retry hint.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "publish: %s %s: %s", e.Network, e.Op, e.Outcome)
	if e.Reauth {
		b.WriteString(" (re-authorise the account)")
	}
	if e.Status != 0 {
		fmt.Fprintf(&b, ": HTTP %d", e.Status)
	}
	if e.Code != "" {
		fmt.Fprintf(&b, " %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.DuplicateOf != "" {
		fmt.Fprintf(&b, " (existing post %s)", e.DuplicateOf)
	}
	if !e.RetryAt.IsZero() {
		fmt.Fprintf(&b, " (retry at %s)", e.RetryAt.UTC().Format(time.RFC3339))
	}
	return b.String()
}

// Unwrap returns the transport error, if any.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is the sentinel of e's outcome, or ErrReauth
// for refused credentials.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrNotSent:
		return e.Outcome == NotSent
	case ErrRejected:
		return e.Outcome == Rejected
	case ErrDuplicate:
		return e.Outcome == Duplicate
	case ErrAmbiguous:
		return e.Outcome == Ambiguous
	case ErrReauth:
		return e.Reauth
	}
	return false
}

// Classify returns err's outcome: the Outcome of an *Error in its chain,
// else OutcomeUnknown (for example a configuration error).
func Classify(err error) Outcome {
	var e *Error
	if errors.As(err, &e) {
		return e.Outcome
	}
	return OutcomeUnknown
}

// RetryAt returns the retry hint of an *Error in err's chain, or the zero
// time.
func RetryAt(err error) time.Time {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAt
	}
	return time.Time{}
}

// messageLimit caps a platform message kept in an error.
const messageLimit = 500

// clip shortens s to at most messageLimit bytes on a rune boundary and
// makes it one line.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= messageLimit {
		return s
	}
	cut := messageLimit
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// IsReauth reports whether err says the account's credentials were
// refused (errors.Is(err, ErrReauth)).
func IsReauth(err error) bool { return errors.Is(err, ErrReauth) }
