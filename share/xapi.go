package share

import (
	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/share/count"
)

// XTweetEndpoint is the X API v2 endpoint XTweet is posted to (POST, JSON,
// user-context OAuth 2.0 or OAuth 1.0a).
const XTweetEndpoint = "https://api.x.com/2/tweets"

// XTweet is the body of X API v2 POST /2/tweets
// (https://docs.x.com/x-api/posts/creation-of-a-post). Media, Poll and
// QuoteTweetID are mutually exclusive; Validate checks it.
type XTweet struct {
	Text          string  `json:"text,omitempty"`
	Reply         *XReply `json:"reply,omitempty"`
	Media         *XMedia `json:"media,omitempty"`
	Poll          *XPoll  `json:"poll,omitempty"`
	QuoteTweetID  string  `json:"quote_tweet_id,omitempty"`
	ReplySettings string  `json:"reply_settings,omitempty"` // following, mentionedUsers, subscribers, verified
}

// XReply makes the post a reply.
type XReply struct {
	InReplyToTweetID    string   `json:"in_reply_to_tweet_id"`
	ExcludeReplyUserIDs []string `json:"exclude_reply_user_ids,omitempty"`
}

// XMedia attaches uploaded media.
type XMedia struct {
	MediaIDs      []string `json:"media_ids"`
	TaggedUserIDs []string `json:"tagged_user_ids,omitempty"`
}

// XPoll attaches a poll.
type XPoll struct {
	Options         []string `json:"options"`
	DurationMinutes int      `json:"duration_minutes"`
}

// NewXTweet builds a's post for X: the fitted text (headline, URL,
// hashtags) within 280 weighted characters.
func NewXTweet(a *article.Article, opts Options) (XTweet, error) {
	p, err := Compose(a, X, opts)
	if err != nil {
		return XTweet{}, err
	}
	return XTweet{Text: p.Text}, nil
}

// Validate reports a body X would reject: no text and no media, more than
// one of media, poll and quote, or a text over 280 weighted characters.
func (t XTweet) Validate() error {
	n := 0
	for _, set := range []bool{t.Media != nil, t.Poll != nil, t.QuoteTweetID != ""} {
		if set {
			n++
		}
	}
	switch {
	case n > 1:
		return netErrorf(X, "%w: media, poll and quote_tweet_id exclude each other", ErrConflictingFields)
	case t.Text == "" && t.Media == nil:
		return netErrorf(X, "%w: text or media", ErrMissingField)
	}
	if l := xLength(t.Text); l > count.XLimit {
		return &TooLongError{Network: X, Length: l, Limit: count.XLimit, Unit: UnitWeighted}
	}
	return nil
}
