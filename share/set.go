package share

import (
	"errors"

	"github.com/broadsheet/broadsheet/article"
)

// Set is everything this package makes for one article: the share links,
// the fitted posts and the Web Share data.
type Set struct {
	Links    []Link       `json:"links"`
	Posts    []Post       `json:"posts"`
	WebShare WebShareData `json:"web_share"`
}

// Build returns a's links (as Links returns them), posts (as Posts
// returns them) and Web Share data with one set of options. It is
// cheaper than calling Links and Posts: the article is checked once, and
// the networks whose share link carries the post text (Bluesky, Mastodon,
// Threads) fit it once for both. Errors are as Links and Posts report
// them, joined; only an unusable article leaves the Set empty.
func Build(a *article.Article, opts Options) (Set, error) {
	s, err := newSource(a, &opts)
	if err != nil {
		return Set{}, err
	}
	links, linkErr := s.links(&opts)
	posts, postErr := s.posts(&opts)
	return Set{
		Links:    links,
		Posts:    posts,
		WebShare: s.webShare(),
	}, errors.Join(linkErr, postErr)
}
