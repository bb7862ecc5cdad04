package share

import (
	"net/http"
	"strings"

	"github.com/broadsheet/broadsheet/article"
)

// LinkedInPostsEndpoint is where LinkedInPost is posted (POST, JSON). The
// response is 201 with the post URN in the x-restli-id header.
const LinkedInPostsEndpoint = "https://api.linkedin.com/rest/posts"

// LinkedInPost is the body of the Posts API's POST /rest/posts for an
// article post
// (https://learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api).
// LinkedIn does not scrape the link: the article's title, description and
// thumbnail go in Content.
type LinkedInPost struct {
	// Author is urn:li:person:{id} or urn:li:organization:{id}.
	Author string `json:"author"`
	// Commentary is the post text in LinkedIn's "little text" format: see
	// EscapeLittleText.
	Commentary                string               `json:"commentary"`
	Visibility                string               `json:"visibility"` // PUBLIC
	Distribution              LinkedInDistribution `json:"distribution"`
	Content                   *LinkedInContent     `json:"content,omitempty"`
	LifecycleState            string               `json:"lifecycleState"` // PUBLISHED
	IsReshareDisabledByAuthor bool                 `json:"isReshareDisabledByAuthor"`
}

// LinkedInDistribution is where the post is shown.
type LinkedInDistribution struct {
	FeedDistribution               string   `json:"feedDistribution"` // MAIN_FEED
	TargetEntities                 []string `json:"targetEntities"`
	ThirdPartyDistributionChannels []string `json:"thirdPartyDistributionChannels"`
}

// LinkedInContent holds the article card.
type LinkedInContent struct {
	Article LinkedInArticle `json:"article"`
}

// LinkedInArticle is the card: plain strings, not little text. Thumbnail
// is an urn:li:image:… from the Images API
// (POST /rest/images?action=initializeUpload, then PUT the bytes), left
// empty until the caller uploads one.
type LinkedInArticle struct {
	Source      string `json:"source"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Thumbnail   string `json:"thumbnail,omitempty"`
}

// NewLinkedInPost builds a's article post for author (an urn:li:person or
// urn:li:organization URN; empty is an error wrapping ErrMissingField).
// The commentary is the fitted headline, standfirst and hashtags, escaped
// for little text; the link is the article card's source.
func NewLinkedInPost(a *article.Article, opts Options, author string) (LinkedInPost, error) {
	if !strings.HasPrefix(author, "urn:li:person:") && !strings.HasPrefix(author, "urn:li:organization:") {
		return LinkedInPost{}, netErrorf(LinkedIn, "%w: author URN (urn:li:person:… or urn:li:organization:…), got %q", ErrMissingField, author)
	}
	p, err := Compose(a, LinkedIn, opts)
	if err != nil {
		return LinkedInPost{}, err
	}
	text := p.Text
	var tags []string
	if len(p.Hashtags) > 0 {
		text = strings.TrimSuffix(text, "#"+strings.Join(p.Hashtags, " #"))
		for _, t := range p.Hashtags {
			tags = append(tags, littleHashtag(t))
		}
	}
	commentary := EscapeLittleText(text) + strings.Join(tags, " ")
	return LinkedInPost{
		Author:     author,
		Commentary: commentary,
		Visibility: "PUBLIC",
		Distribution: LinkedInDistribution{
			FeedDistribution: "MAIN_FEED", TargetEntities: []string{}, ThirdPartyDistributionChannels: []string{},
		},
		Content: &LinkedInContent{Article: LinkedInArticle{
			Source: p.URL, Title: cleanText(a.SocialTitle(), maxTextBytes), Description: cleanText(a.Standfirst, maxTextBytes),
		}},
		LifecycleState: "PUBLISHED",
	}, nil
}

// LinkedInHeaders returns the headers the Posts API requires besides
// Authorization: LinkedIn-Version (YYYYMM; LinkedIn retires old versions,
// so pin a current one) and X-Restli-Protocol-Version 2.0.0.
func LinkedInHeaders(version string) http.Header {
	h := http.Header{}
	h.Set("LinkedIn-Version", version)
	h.Set("X-Restli-Protocol-Version", "2.0.0")
	h.Set("Content-Type", "application/json")
	return h
}

// littleReserved are the characters little text reserves; unescaped, they
// make LinkedIn cut the post short without an error.
const littleReserved = `\|{}@[]()<>#*_~`

// EscapeLittleText escapes s for a LinkedIn commentary: a backslash
// before each of \ | { } @ [ ] ( ) < > # * _ ~. Use it for commentary
// only; article titles and descriptions are plain strings.
func EscapeLittleText(s string) string {
	if !strings.ContainsAny(s, littleReserved) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(littleReserved, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// littleHashtag writes a hashtag in little text's hashtag template, or as
// escaped text when the tag holds a reserved character ('_').
func littleHashtag(tag string) string {
	if strings.ContainsAny(tag, littleReserved) {
		return EscapeLittleText("#" + tag)
	}
	return `{hashtag|\#|` + tag + `}`
}
