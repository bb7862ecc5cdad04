package outbox

import (
	"fmt"
	"time"

	"github.com/broadsheet/broadsheet/publish"
	"github.com/broadsheet/broadsheet/share"
)

// State is where an entry stands. The zero value is StateUnknown.
type State uint8

// The states. Queued and Sending are live; the rest are final until a
// person acts (Retry or Cancel).
const (
	StateUnknown State = iota
	// Queued: waiting for its time, its turn, or a rate limit's reset.
	Queued
	// Sending: an attempt was started and its outcome is not known yet;
	// the next attempt looks the post up before anything else.
	Sending
	// Published: the network made the post; RemoteID and URL say where.
	Published
	// Failed: the network refused the post; Error has its reason.
	Failed
	// Reauth: the account's credentials were refused. Authorise the
	// account again, then Retry.
	Reauth
	// Unconfirmed: an attempt may have made the post and the network
	// cannot be asked (Telegram, or a Mastodon key past its hour). Check
	// the account; Retry sends it again, Cancel leaves it.
	Unconfirmed
	// Duplicate: the network said an equal post exists, with no earlier
	// attempt of this entry that could have made it.
	Duplicate
	// Cancelled: a person cancelled it.
	Cancelled
)

var stateNames = [...]string{"unknown", "queued", "sending", "published", "failed", "reauth", "unconfirmed", "duplicate", "cancelled"}

// String returns the state's name.
func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "unknown"
}

// MarshalText returns the state's name.
func (s State) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText parses a state's name.
func (s *State) UnmarshalText(b []byte) error {
	v, err := ParseState(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseState returns the state named name.
func ParseState(name string) (State, error) {
	for i, n := range stateNames {
		if i > 0 && n == name {
			return State(i), nil
		}
	}
	return StateUnknown, fmt.Errorf("outbox: unknown state %q (want queued, sending, published, failed, reauth, unconfirmed, duplicate or cancelled)", name)
}

// Final reports whether s needs no more work from a worker.
func (s State) Final() bool { return s != Queued && s != Sending && s != StateUnknown }

// Entry is one post of one story to one account: the outbox's unit of
// work and its record.
type Entry struct {
	// ID is the entry's id in the outbox.
	ID int64 `json:"id"`
	// Story is the story's id (the article's ID).
	Story string `json:"story"`
	// Network and Account name where it goes.
	Network share.Network `json:"network"`
	Account string        `json:"account"`
	// State is where it stands.
	State State `json:"state"`
	// At is the earliest time it may be posted.
	At time.Time `json:"at"`
	// Post is the body and the key, stored before the first attempt.
	Post publish.Post `json:"-"`
	// Attempts counts the create calls made.
	Attempts int `json:"attempts"`
	// RemoteID and URL are the post's id and address once published.
	RemoteID string `json:"remote_id,omitempty"`
	URL      string `json:"url,omitempty"`
	// Error is the last failure, as the network told it (never a secret).
	Error string `json:"error,omitempty"`
	// RetryAt is when a rate-limited entry will be tried again.
	RetryAt time.Time `json:"retry_at,omitzero"`
	// Created and Updated are when the entry was enqueued and last
	// changed.
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}
