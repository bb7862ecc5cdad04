package share

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestErrors holds the error contract: each failure wraps its own
// sentinel (and article's, for a bad article URL), says "share:" once and
// names its cause once.
func TestErrors(t *testing.T) {
	badURL := sample.Article()
	badURL.URL = "ftp://news.example.com/a"
	noImage := sample.Article()
	noImage.Image = nil
	tests := []struct {
		name    string
		call    func() error
		want    error
		also    error  // a second sentinel the error must match, if any
		message string // the whole message
	}{
		{"nil article", func() error { _, err := Links(nil, Options{}); return err },
			ErrNilArticle, nil, "share: nil article"},
		{"nil article is no URL error", func() error { _, err := Build(nil, Options{}); return err },
			ErrNilArticle, nil, "share: nil article"},
		{"bad article URL", func() error { _, err := Links(badURL, Options{}); return err },
			ErrInvalidURL, article.ErrInvalidURL, `share: url: invalid URL: scheme "ftp:" is not allowed; want http or https`},
		{"via with no via", func() error { _, err := Links(sample.Article(), Options{Via: "desk", NoVia: true}); return err },
			ErrInvalidOptions, nil, `share: invalid options: Via "desk" with NoVia`},
		{"via not a handle", func() error { _, err := Links(sample.Article(), Options{Via: "news desk"}); return err },
			ErrInvalidOptions, nil, `share: invalid options: Via "news desk" is not an X handle (1 to 15 letters, digits or _)`},
		{"long campaign", func() error {
			_, err := Links(sample.Article(), Options{UTM: UTM{Campaign: strings.Repeat("c", 300)}})
			return err
		}, ErrInvalidOptions, nil, "share: invalid options: UTM Campaign or Content over 256 bytes"},
		{"instance in chooser mode", func() error {
			_, err := Links(sample.Article(), Options{Mastodon: MastodonOptions{Instance: "mastodon.social"}})
			return err
		}, ErrInvalidOptions, nil, "share: invalid options: Mastodon Instance or Template set in chooser mode; set Mode"},
		{"template in instance mode", func() error {
			_, err := Posts(sample.Article(), Options{Mastodon: MastodonOptions{Mode: MastodonInstance, Instance: "a.example", Template: "https://b.example/?t={text}"}})
			return err
		}, ErrInvalidOptions, nil, "share: invalid options: Mastodon Template set in instance mode"},
		{"unknown mastodon mode", func() error {
			_, err := Compose(sample.Article(), X, Options{Mastodon: MastodonOptions{Mode: 9}})
			return err
		}, ErrInvalidOptions, nil, "share: invalid options: unknown Mastodon mode 9"},
		{"bad template", func() error {
			_, err := LinkFor(sample.Article(), Mastodon, Options{Mastodon: MastodonOptions{Mode: MastodonCustom, Template: "https://exa mple/?t={text}"}})
			return err
		}, ErrInvalidURL, article.ErrInvalidURL, `share: mastodon: mastodon template: invalid URL: "https://exa mple/?t=x" contains a space or control character at byte 11`},
		{"missing image", func() error { _, err := LinkFor(noImage, Pinterest, Options{}); return err },
			ErrMissingImage, nil, "share: pinterest: article has no image"},
		{"telegram chat", func() error { _, err := NewTelegramMessage(sample.Article(), Options{}, ""); return err },
			ErrMissingField, nil, "share: telegram: required field missing: chat_id"},
		{"x conflicting fields", func() error {
			return XTweet{Text: "a", QuoteTweetID: "1", Poll: &XPoll{Options: []string{"a", "b"}, DurationMinutes: 5}}.Validate()
		}, ErrConflictingFields, nil, "share: x: conflicting fields: media, poll and quote_tweet_id exclude each other"},
		{"schedule", func() error {
			now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
			_, err := NewFacebookFeed(sample.Article(), Options{}, FacebookSchedule{At: now.Add(time.Minute), Now: now})
			return err
		}, ErrSchedule, nil, "share: facebook: scheduled time outside the allowed window: 1m0s ahead, want 10m to 720h"},
		{"unknown network", func() error { _, err := ParseNetwork("myspace"); return err },
			ErrUnknownNetwork, nil, `share: unknown network: "myspace"`},
		{"unknown unit", func() error { var u Unit; return u.UnmarshalText([]byte("furlongs")) },
			ErrUnknownUnit, nil, `share: unknown unit: "furlongs"`},
		{"no post", func() error { _, err := Compose(sample.Article(), Reddit, Options{}); return err },
			ErrNoPost, nil, "share: reddit: network has no post"},
	}
	sentinels := []error{ErrNilArticle, ErrInvalidURL, ErrInvalidOptions, ErrUnknownNetwork, ErrUnknownUnit, ErrMissingImage,
		ErrMissingAppID, ErrMissingInstance, ErrTooLong, ErrTooManyLinks, ErrNoPost, ErrMissingField, ErrConflictingFields, ErrSchedule}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want)
			if tt.also != nil {
				assert.ErrorIs(t, err, tt.also)
			}
			for _, s := range sentinels {
				if s != tt.want {
					assert.False(t, errors.Is(err, s), "%v also matches %v", err, s)
				}
			}
			assert.Equal(t, tt.message, err.Error())
			assert.Equal(t, 1, strings.Count(err.Error(), "share:"), "%q", err.Error())
			assert.Equal(t, 1, strings.Count(err.Error(), tt.want.Error()), "%q", err.Error())
		})
	}
}
