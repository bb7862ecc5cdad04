package render

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/locale"
	"github.com/broadsheet/broadsheet/sanitize"
	"github.com/broadsheet/broadsheet/share"
)

// Options configures a Renderer (and Resolve). The zero value renders with
// the defaults: DefaultTitleFormat, an indexable page, the embedded
// templates, share links with the share package's defaults.
type Options struct {
	// TitleFormat is the <title> template: "{headline}" and "{site}" are
	// replaced by the headline and the site's name; empty means
	// DefaultTitleFormat. Without a site, the title is the headline.
	TitleFormat string
	// NoIndex asks search engines not to index the page (drafts,
	// embargoed copy); NoFollow not to follow its links.
	NoIndex, NoFollow bool
	// WordsPerMinute is the reading speed for the reading time; zero means
	// DefaultWordsPerMinute.
	WordsPerMinute int
	// Templates overrides embedded templates: each *.html file in it is
	// parsed after the embedded ones, so a {{define "name"}} in it replaces
	// the embedded template of that name (see the package documentation
	// for the names and the data they receive).
	Templates fs.FS
	// Share configures the share bar's links (networks, UTM parameters);
	// the zero value is share.DefaultNetworks with UTM tags.
	Share share.Options
	// Sanitize configures the body and inline HTML policies (package
	// sanitize). Leave BaseURL empty: each article's HTML is then
	// sanitised against the article's own URL, so links to its origin are
	// the site's own (no rel="nofollow"), every other origin is foreign,
	// and a relative link resolves as a browser on the article's page
	// would resolve it (href="related-story" in
	// https://x.example/local/story is
	// https://x.example/local/related-story). A BaseURL set here replaces
	// the article's URL for every article. Invalid values make New fail.
	Sanitize sanitize.Options
	// ShareImage supplies the share image (og:image with its width,
	// height, type and alt, twitter:image with a summary_large_image card
	// when the size allows, and the JSON-LD image) of an article without
	// a lead image: typically the URL of its share card (package
	// render/card) on the publisher's server. The image is metadata only:
	// the page shows no figure for it. ShareImage is called on every
	// Prepare, and the image it returns is part of the cache key; nil
	// means none. The image's URL must be absolute http(s) and its width
	// and height positive, or Prepare fails naming "share_image".
	ShareImage func(a *article.Article) *article.Image
	// ShareImageAlways uses ShareImage for every article, also one with
	// a lead image (which stays on the page as its figure). It needs
	// ShareImage.
	ShareImageAlways bool
	// Locale chooses the words, date format and text direction of each
	// article's page (see Locale), for example by the article's
	// language; nil means Catalogue. It must return the same for the same
	// article: its result is cached with the prepared article.
	//
	// LocaleFrom builds one from package locale's words, to change one
	// article's wording without leaving the catalogue.
	Locale func(a *article.Article) Locale
	// Catalogue supplies each page's words, date formats and direction
	// by the article's language when Locale is nil (package locale:
	// French for "fr-CA", right to left for "ar-QA"); nil means
	// locale.New(), the shipped catalogue. Override its words per site
	// with (*locale.Catalogue).Override. English articles read exactly as
	// render's English defaults.
	Catalogue *locale.Catalogue
	// TimeZone is the IANA name of the zone the page's dates are shown
	// in when Locale is nil ("Europe/London": GMT in winter, BST in
	// summer); empty shows each date in its own offset ("UTC",
	// "UTC+01:00"). <time datetime> is RFC 3339 either way. An unknown
	// name makes New fail. When empty, an article whose site names a
	// zone (site.time_zone) is shown in that zone.
	TimeZone string

	cat *catalogue // built by check from Catalogue and TimeZone
	// CacheBytes bounds the Renderer's cache (sanitised HTML and prepared
	// articles), by the bytes they hold; zero means 32 MiB, negative
	// disables it.
	CacheBytes int
}

func (o *Options) check() error {
	if o.TitleFormat != "" && !strings.Contains(o.TitleFormat, "{headline}") {
		return &Error{Err: fmt.Errorf("TitleFormat %q does not contain {headline}", o.TitleFormat)}
	}
	if o.WordsPerMinute < 0 {
		return &Error{Err: fmt.Errorf("WordsPerMinute %d is negative", o.WordsPerMinute)}
	}
	if o.ShareImageAlways && o.ShareImage == nil {
		return &Error{Err: errors.New("ShareImageAlways needs ShareImage")}
	}
	zone, err := locale.LoadZone(o.TimeZone)
	if err != nil {
		return &Error{Err: fmt.Errorf("TimeZone: %w", err)}
	}
	o.cat = newCatalogue(o.Catalogue, zone)
	return nil
}

func (o *Options) title(headline, site string) string {
	if site == "" {
		return headline
	}
	f := o.TitleFormat
	if f == "" {
		f = DefaultTitleFormat
	}
	// One pass, left to right, as strings.Replacer would, without
	// building a Replacer per article.
	var b strings.Builder
	b.Grow(len(f) + len(headline) + len(site))
	for f != "" {
		i := strings.IndexByte(f, '{')
		if i < 0 {
			b.WriteString(f)
			break
		}
		b.WriteString(f[:i])
		f = f[i:]
		switch {
		case strings.HasPrefix(f, "{headline}"):
			b.WriteString(headline)
			f = f[len("{headline}"):]
		case strings.HasPrefix(f, "{site}"):
			b.WriteString(site)
			f = f[len("{site}"):]
		default:
			b.WriteByte('{')
			f = f[1:]
		}
	}
	return b.String()
}

func (o *Options) robots() string {
	switch {
	case o.NoIndex && o.NoFollow:
		return "noindex, nofollow"
	case o.NoIndex:
		return "noindex, follow"
	case o.NoFollow:
		return "index, nofollow, max-image-preview:large, max-snippet:-1, max-video-preview:-1"
	}
	return DefaultRobots
}
