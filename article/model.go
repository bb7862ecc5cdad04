package article

import (
	"strings"
	"time"
)

// Article is one news article: the unit every other package renders, shares
// and draws. Plain-text fields hold decoded text (never HTML or entities);
// HTML fields (Body, KeyPoints, [Explainer].Body) are untrusted until package
// sanitize has cleaned them. The zero value of every field means "absent".
//
// An Article is a plain value: it is safe to read from many goroutines and
// must not be written while it is being read.
type Article struct {
	// ID is the publisher's stable identifier (a slug or CMS id). It seeds
	// deterministic keys such as Mastodon's Idempotency-Key.
	ID string `json:"id,omitempty"`
	// URL is the canonical URL: absolute http(s), no fragment, no tracking
	// parameters. It becomes <link rel=canonical>, og:url and the JSON-LD
	// WebPage @id and NewsArticle url.
	URL string `json:"url,omitempty"`
	// Headline is the plain-text headline: <h1>, <title>, og:title and the
	// JSON-LD headline.
	Headline string `json:"headline,omitempty"`
	// SocialHeadline optionally replaces Headline in og:title,
	// twitter:title and share posts.
	SocialHeadline string `json:"social_headline,omitempty"`
	// Standfirst is the plain-text summary under the headline: the meta
	// description, og:description, twitter:description and JSON-LD
	// description.
	Standfirst string `json:"standfirst,omitempty"`
	// Kicker is an optional short label shown above the headline.
	Kicker string `json:"kicker,omitempty"`
	// Section is the plain-text section name: article:section and JSON-LD
	// articleSection.
	Section string `json:"section,omitempty"`
	// Tags are plain-text topics: article:tag and JSON-LD keywords.
	Tags []string `json:"tags,omitempty"`
	// Hashtags are share-post hashtags, written without '#'.
	Hashtags []string `json:"hashtags,omitempty"`
	// Language is the article's BCP 47 language tag (en-GB): <html lang>
	// and JSON-LD inLanguage.
	Language string `json:"language,omitempty"`
	// Breaking marks breaking news: a badge on the page and the card.
	Breaking bool `json:"breaking,omitempty"`
	// Published is the first publication time, with an explicit UTC offset:
	// article:published_time and JSON-LD datePublished.
	Published time.Time `json:"published,omitzero"`
	// Modified is the last substantive update, if any:
	// article:modified_time and JSON-LD dateModified.
	Modified time.Time `json:"modified,omitzero"`
	// Authors are the bylines, in order: article:author and JSON-LD author.
	Authors []Person `json:"authors,omitempty"`
	// KeyPoints are the short summary bullets; each is untrusted inline
	// HTML. They become a "Key points" list and a JSON-LD speakable target.
	KeyPoints []string `json:"key_points,omitempty"`
	// Body is the article body: untrusted HTML from the CMS.
	Body string `json:"body,omitempty"`
	// Explainers are labelled sections such as "Why this matters".
	Explainers []Explainer `json:"explainers,omitempty"`
	// Image is the lead image: og:image, twitter:image, JSON-LD image.
	Image *Image `json:"image,omitempty"`
	// Site is the publication the article belongs to: og:site_name and the
	// JSON-LD Organization and WebSite.
	Site *Site `json:"site,omitempty"`
}

// Person is a byline: a journalist or, when Kind is [KindOrganization], a desk
// or agency. Each becomes a JSON-LD Person (or Organization) with url and
// sameAs links built from the handles.
type Person struct {
	// Name is the plain-text name alone, with no "By" or title.
	Name string `json:"name,omitempty"`
	// URL is the author's profile page (absolute http(s)):
	// article:author and the JSON-LD url.
	URL string `json:"url,omitempty"`
	// Kind says whether the byline is a person or an organisation. The zero
	// value is [KindPerson].
	Kind PersonKind `json:"kind,omitzero"`
	// X is the X (Twitter) handle without '@': twitter:creator.
	X string `json:"x,omitempty"`
	// Bluesky is the Bluesky domain handle (name.bsky.social).
	Bluesky string `json:"bluesky,omitempty"`
	// Mastodon is the fediverse address @user@host: fediverse:creator.
	Mastodon string `json:"mastodon,omitempty"`
}

// Image is a picture with its metadata: the lead image or a site logo.
type Image struct {
	// URL is the absolute http(s) address: og:image, twitter:image.
	URL string `json:"url,omitempty"`
	// Alt is the plain-text alternative text: og:image:alt,
	// twitter:image:alt and the <img alt>.
	Alt string `json:"alt,omitempty"`
	// Width in pixels: og:image:width and the JSON-LD ImageObject width.
	Width int `json:"width,omitempty"`
	// Height in pixels: og:image:height and the JSON-LD ImageObject height.
	Height int `json:"height,omitempty"`
	// Caption is plain text shown under the image: JSON-LD caption.
	Caption string `json:"caption,omitempty"`
	// Credit is the plain-text photographer or agency: JSON-LD
	// creditText.
	Credit string `json:"credit,omitempty"`
	// Type is the MIME type (image/jpeg): og:image:type.
	Type string `json:"type,omitempty"`
}

// Site is the publication: its name, address, branding and social accounts.
type Site struct {
	// Name is the publication's plain-text name: og:site_name and the
	// JSON-LD Organization and WebSite name.
	Name string `json:"name,omitempty"`
	// URL is the home page, absolute http(s). [Article] URLs must share its
	// origin.
	URL string `json:"url,omitempty"`
	// Tagline is a short plain-text motto shown in the page header.
	Tagline string `json:"tagline,omitempty"`
	// Locale is the Open Graph locale in ll_CC form: og:locale.
	Locale string `json:"locale,omitempty"`
	// Logo is the publisher logo: the JSON-LD Organization logo.
	Logo *Image `json:"logo,omitempty"`
	// X is the site's X handle without '@': twitter:site.
	X string `json:"x,omitempty"`
	// FacebookAppID is the numeric Facebook app id: fb:app_id.
	FacebookAppID string `json:"facebook_app_id,omitempty"`
	// FacebookPage is the Facebook page URL: article:publisher and sameAs.
	FacebookPage string `json:"facebook_page,omitempty"`
	// Bluesky is the site's Bluesky domain handle.
	Bluesky string `json:"bluesky,omitempty"`
	// Mastodon is the site's fediverse address @user@host.
	Mastodon string `json:"mastodon,omitempty"`
	// Newsletter is the sign-up pitch shown after the article.
	Newsletter *Newsletter `json:"newsletter,omitempty"`
	// TimeZone is the IANA name of the zone the site's dates are shown in
	// ("Europe/London": GMT in winter, BST in summer). Empty shows each
	// time in its own UTC offset. Machine-readable times stay RFC 3339.
	TimeZone string `json:"time_zone,omitempty"`
}

// Newsletter is a sign-up box: a pitch and a form that posts an email
// address to Action.
type Newsletter struct {
	// Title is the box's plain-text heading.
	Title string `json:"title,omitempty"`
	// Pitch is one or two plain-text sentences on why to sign up.
	Pitch string `json:"pitch,omitempty"`
	// Action is the absolute http(s) URL the form posts to.
	Action string `json:"action,omitempty"`
	// Button is the submit button's label; empty means "Sign up".
	Button string `json:"button,omitempty"`
}

// Explainer is a labelled section after the body, such as "Why this
// matters". Its Body is untrusted inline HTML.
type Explainer struct {
	// Kind says what the section explains.
	Kind ExplainerKind `json:"kind,omitzero"`
	// Title overrides the kind's default label; required for [KindCustom].
	Title string `json:"title,omitempty"`
	// Body is untrusted HTML.
	Body string `json:"body,omitempty"`
}

// Label returns the heading the explainer is shown under: its Title, or
// the default label of its kind.
func (e Explainer) Label() string {
	if t := strings.TrimSpace(e.Title); t != "" {
		return t
	}
	return e.Kind.DefaultTitle()
}

// SocialTitle returns SocialHeadline if set, else Headline: the title used by
// Open Graph, X Cards and share posts.
func (a *Article) SocialTitle() string {
	if a.SocialHeadline != "" {
		return a.SocialHeadline
	}
	return a.Headline
}
