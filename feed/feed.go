package feed

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/sanitize"
)

// Errors callers can branch on with errors.Is.
var (
	// ErrInvalidURL is returned (wrapped, naming the article) when an
	// article's URL or image URL, or a channel URL, fails
	// article.CheckURL.
	ErrInvalidURL = errors.New("feed: invalid URL")
	// ErrTooMany is returned (wrapped) when a sitemap would list more
	// URLs than the protocol allows (50,000; 1,000 for a news sitemap):
	// split the articles over several sitemaps.
	ErrTooMany = errors.New("feed: too many URLs for one sitemap")
	// ErrNoTitle is returned when neither the channel nor the first
	// article's site gives the feed a title.
	ErrNoTitle = errors.New("feed: the feed has no title (set Channel.Title or the site's name)")
)

// Sitemap limits from the protocols.
const (
	MaxSitemapURLs = 50000
	MaxNewsURLs    = 1000
	// NewsWindow is how far back the news sitemap reaches: Google News
	// reads articles published in the last two days.
	NewsWindow = 48 * time.Hour
)

// Channel describes the feed as a whole. Empty fields are taken from the
// first article's site: Title from its name, Link from its URL,
// Description from its tagline, Language from the first article.
type Channel struct {
	// Title is the feed's title.
	Title string
	// Link is the site's home page (absolute http or https).
	Link string
	// Description is a plain-text sentence about the feed.
	Description string
	// Language is a BCP 47 tag (en-GB).
	Language string
	// SelfURL is where the feed itself is served (absolute http or https):
	// RSS atom:link rel="self", the Atom id and self link, JSON Feed's
	// feed_url. Empty leaves them out (the Atom id becomes Link).
	SelfURL string
	// Logo is the site's logo (RSS <image>, Atom <logo>, JSON Feed icon);
	// nil takes the site's logo.
	Logo *article.Image
	// Updated is the feed's last change; zero means the latest published
	// or modified time of its articles.
	Updated time.Time
}

// Options configures every format. The zero value writes the feed with
// the channel taken from the first article's site.
type Options struct {
	// Channel describes the feed.
	Channel Channel
	// Image returns the picture of an article that has no image of its
	// own (such as its generated share card), or nil for none. nil means
	// articles without an image have none in the feed.
	Image func(*article.Article) *article.Image
	// Summary leaves the body out of RSS, Atom and JSON Feed items: only
	// the standfirst is carried.
	Summary bool
	// Now is the time the news sitemap counts two days back from; zero
	// means time.Now().
	Now time.Time
}

// item is one article resolved for every format.
type item struct {
	a       *article.Article
	url     string
	title   string
	summary string
	content string // sanitised HTML, or ""
	pub     time.Time
	updated time.Time
	cats    []string
	img     *article.Image
}

// channel is Options.Channel with its defaults filled in.
type channel struct {
	Channel
	siteName string
}

// resolve fills in the channel and resolves every article, checking every
// URL that will be written.
func resolve(arts []*article.Article, o *Options, withContent bool) (channel, []item, error) {
	ch := channel{Channel: o.Channel}
	var s *article.Site
	if len(arts) > 0 && arts[0] != nil {
		s = arts[0].Site
		if ch.Language == "" {
			ch.Language = arts[0].Language
		}
	}
	if s != nil {
		ch.siteName = s.Name
		if ch.Title == "" {
			ch.Title = s.Name
		}
		if ch.Link == "" {
			ch.Link = s.URL
		}
		if ch.Description == "" {
			ch.Description = s.Tagline
		}
		if ch.Logo == nil {
			ch.Logo = s.Logo
		}
	}
	if ch.siteName == "" {
		ch.siteName = ch.Title
	}
	if ch.Description == "" {
		ch.Description = ch.Title
	}
	for _, u := range []struct{ name, v string }{{"Channel.Link", ch.Link}, {"Channel.SelfURL", ch.SelfURL}} {
		if u.v == "" {
			continue
		}
		if _, err := article.CheckURL(u.v); err != nil {
			return ch, nil, fmt.Errorf("%w: %s: %v", ErrInvalidURL, u.name, err)
		}
	}
	if ch.Logo != nil {
		if _, err := article.CheckURL(ch.Logo.URL); err != nil {
			ch.Logo = nil
		}
	}
	policies := map[string]*sanitize.Policy{}
	items := make([]item, 0, len(arts))
	for i, a := range arts {
		if a == nil {
			return ch, nil, fmt.Errorf("feed: articles[%d] is nil", i)
		}
		name := a.ID
		if name == "" {
			name = fmt.Sprintf("articles[%d]", i)
		}
		u, err := article.CheckURL(a.URL)
		if err != nil {
			return ch, nil, fmt.Errorf("%w: %s: url: %v", ErrInvalidURL, name, err)
		}
		it := item{a: a, url: a.URL, title: a.Headline, summary: a.Standfirst, pub: a.Published, updated: a.Modified}
		if it.updated.IsZero() || it.updated.Before(it.pub) {
			it.updated = it.pub
		}
		if a.Section != "" {
			it.cats = append(it.cats, a.Section)
		}
		for _, t := range a.Tags {
			if t != a.Section {
				it.cats = append(it.cats, t)
			}
		}
		img := a.Image
		if img == nil && o.Image != nil {
			img = o.Image(a)
		}
		if img != nil {
			if _, err := article.CheckURL(img.URL); err != nil {
				return ch, nil, fmt.Errorf("%w: %s: image.url: %v", ErrInvalidURL, name, err)
			}
			it.img = img
		}
		if withContent && !o.Summary && strings.TrimSpace(a.Body) != "" {
			origin := u.Scheme + "://" + strings.ToLower(u.Host) + "/"
			p := policies[origin]
			if p == nil {
				if p, err = sanitize.BodyPolicy(sanitize.Options{BaseURL: origin}); err != nil {
					return ch, nil, fmt.Errorf("feed: %s: %w", name, err)
				}
				policies[origin] = p
			}
			it.content = string(p.Sanitize(a.Body))
		}
		if it.summary == "" {
			it.summary = sanitize.Description(a.Body, 300)
		}
		if o.Channel.Updated.IsZero() && it.updated.After(ch.Updated) {
			ch.Updated = it.updated
		}
		items = append(items, it)
	}
	if ch.Title == "" {
		return ch, items, ErrNoTitle
	}
	return ch, items, nil
}

// writeXML writes the XML declaration and v, indented.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func imageType(img *article.Image) string {
	if img.Type != "" {
		return img.Type
	}
	lower := strings.ToLower(img.URL)
	if i := strings.IndexAny(lower, "?#"); i >= 0 {
		lower = lower[:i]
	}
	switch {
	case strings.HasSuffix(lower, ".png"):
		return "image/png"
	case strings.HasSuffix(lower, ".jpg"), strings.HasSuffix(lower, ".jpeg"):
		return "image/jpeg"
	case strings.HasSuffix(lower, ".webp"):
		return "image/webp"
	case strings.HasSuffix(lower, ".gif"):
		return "image/gif"
	}
	return ""
}
