package publish

import (
	"fmt"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/share"
)

// PostOptions adds what only the account knows to a post built from an
// article.
type PostOptions struct {
	// Share are the options for share's post texts (UTM parameters, the
	// Mastodon instance's limit).
	Share share.Options
	// BlueskyRepo is the Bluesky handle or DID; empty means the site's
	// Bluesky handle, and the client uses its session's DID when that is
	// empty too.
	BlueskyRepo string
	// LinkedInAuthor is the urn:li:organization or urn:li:person URN;
	// required for LinkedIn.
	LinkedInAuthor string
	// TelegramChat is the chat id or @channel; required for Telegram.
	TelegramChat string
	// TelegramPhoto sends the lead image with the post as its caption
	// (sendPhoto) instead of a message with a link preview.
	TelegramPhoto bool
	// Image is attached where the network takes uploads (Mastodon, the
	// Bluesky card's thumbnail, X).
	Image *Image
}

// NewPost builds a's post for network n with share's body builders. The
// post has no Key yet: choose one with the attempt (see [NewTID] for
// Bluesky; Mastodon defaults to the status's IdempotencyKey).
func NewPost(a *article.Article, n share.Network, o PostOptions) (Post, error) {
	p := Post{Network: n}
	var err error
	switch n {
	case share.X:
		var t share.XTweet
		t, err = share.NewXTweet(a, o.Share)
		p.X = &t
	case share.Bluesky:
		var b share.BlueskyCreateRecord
		b, err = share.NewBlueskyPost(a, o.Share, share.BlueskyOptions{Repo: o.BlueskyRepo})
		if err != nil && o.BlueskyRepo == "" {
			// The client fills the repo from its session.
			b, err = share.NewBlueskyPost(a, o.Share, share.BlueskyOptions{Repo: "-"})
			b.Repo = ""
		}
		p.Bluesky = &b
	case share.Mastodon:
		var m share.MastodonStatus
		m, err = share.NewMastodonStatus(a, o.Share)
		p.Mastodon = &m
		p.Key = m.IdempotencyKey
	case share.Facebook:
		var f share.FacebookFeed
		f, err = share.NewFacebookFeed(a, o.Share, share.FacebookSchedule{})
		p.Facebook = &f
	case share.LinkedIn:
		var l share.LinkedInPost
		l, err = share.NewLinkedInPost(a, o.Share, o.LinkedInAuthor)
		p.LinkedIn = &l
	case share.Threads:
		var t share.ThreadsContainer
		t, err = share.NewThreadsContainer(a, o.Share)
		p.Threads = &t
	case share.Telegram:
		if o.TelegramPhoto {
			var t share.TelegramPhoto
			t, err = share.NewTelegramPhoto(a, o.Share, o.TelegramChat)
			p.TelegramPhoto = &t
		} else {
			var t share.TelegramMessage
			t, err = share.NewTelegramMessage(a, o.Share, o.TelegramChat)
			p.Telegram = &t
		}
	default:
		return Post{}, fmt.Errorf("%w: %s has no posting API", ErrBadPost, n)
	}
	if err != nil {
		return Post{}, fmt.Errorf("%w: %w", ErrBadPost, err)
	}
	switch n {
	case share.Mastodon, share.Bluesky, share.X:
		p.Image = o.Image
	}
	return p, nil
}

// Link returns the article URL p links to (with its UTM parameters), or
// "" if p has no body.
func (p Post) Link() string {
	switch {
	case p.Facebook != nil:
		return p.Facebook.Link
	case p.LinkedIn != nil && p.LinkedIn.Content != nil:
		return p.LinkedIn.Content.Article.Source
	case p.Threads != nil:
		return p.Threads.LinkAttachment
	case p.Bluesky != nil && p.Bluesky.Record.Embed != nil:
		return p.Bluesky.Record.Embed.External.URI
	case p.Telegram != nil && p.Telegram.LinkPreviewOptions != nil:
		return p.Telegram.LinkPreviewOptions.URL
	case p.X != nil:
		if l := textLinks(p.X.Text); len(l) > 0 {
			return l[0]
		}
	case p.Mastodon != nil:
		if l := textLinks(p.Mastodon.Status); len(l) > 0 {
			return l[0]
		}
	}
	return ""
}
