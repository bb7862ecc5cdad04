package share

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"

	"github.com/broadsheet/broadsheet/article"
)

// MastodonStatusEndpoint is where MastodonStatus is posted (POST, form or
// JSON, Authorization: Bearer <token with write:statuses>, and the
// Idempotency-Key header).
const MastodonStatusEndpoint = "https://{instance}/api/v1/statuses"

// MastodonStatus is the body of POST /api/v1/statuses
// (https://docs.joinmastodon.org/methods/statuses/#create).
type MastodonStatus struct {
	Status      string `json:"status"`
	Visibility  string `json:"visibility,omitempty"` // public, unlisted, private, direct
	Language    string `json:"language,omitempty"`   // ISO 639-1
	SpoilerText string `json:"spoiler_text,omitempty"`
	Sensitive   bool   `json:"sensitive,omitempty"`
	InReplyToID string `json:"in_reply_to_id,omitempty"`
	ScheduledAt string `json:"scheduled_at,omitempty"`
	// IdempotencyKey goes in the Idempotency-Key header: the server drops
	// a second status with the same key (kept about an hour), so a retried
	// request does not post twice.
	IdempotencyKey string `json:"-"`
}

// NewMastodonStatus builds a's status: the fitted text (the instance's
// limit from opts.Mastodon.MaxCharacters, else 500), public, in the
// article's language, with a deterministic Idempotency-Key derived from
// the article ID and the text.
func NewMastodonStatus(a *article.Article, opts Options) (MastodonStatus, error) {
	p, err := Compose(a, Mastodon, opts)
	if err != nil {
		return MastodonStatus{}, err
	}
	id := a.ID
	if id == "" {
		id = a.URL
	}
	return MastodonStatus{
		Status:         p.Text,
		Visibility:     "public",
		Language:       primaryLanguage(a.Language),
		IdempotencyKey: IdempotencyKey(id, Mastodon, p.Text),
	}, nil
}

// IdempotencyKey returns a stable key for posting text about an article to
// a network: the hex SHA-256 of a version tag, the article ID, the network
// and the text. The same post always gets the same key; any change to the
// text gives a new one.
func IdempotencyKey(articleID string, n Network, text string) string {
	h := sha256.New()
	for _, part := range []string{"broadsheet/share/v1", articleID, n.ID(), text} {
		h.Write([]byte(strconv.Itoa(len(part))))
		h.Write([]byte{':'})
		h.Write([]byte(part))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Form returns the status as form fields.
func (s MastodonStatus) Form() url.Values {
	v := url.Values{}
	v.Set("status", s.Status)
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("visibility", s.Visibility)
	set("language", s.Language)
	set("spoiler_text", s.SpoilerText)
	set("in_reply_to_id", s.InReplyToID)
	set("scheduled_at", s.ScheduledAt)
	if s.Sensitive {
		v.Set("sensitive", "true")
	}
	return v
}
