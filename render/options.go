package render

import (
	"fmt"
	"io/fs"
	"strings"

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
	// sanitize). With no BaseURL, each article's links are judged against
	// the origin of its own URL (https://host/): links to that origin are
	// the site's own (no rel="nofollow"), root-relative links resolve
	// there, and every other origin is foreign. Invalid values make New
	// fail.
	Sanitize sanitize.Options
	// CacheBytes bounds the cache of sanitised HTML, by the size of the
	// raw and sanitised HTML held; zero means 32 MiB, negative disables
	// the cache.
	CacheBytes int
}

func (o *Options) check() error {
	if o.TitleFormat != "" && !strings.Contains(o.TitleFormat, "{headline}") {
		return &Error{Err: fmt.Errorf("TitleFormat %q does not contain {headline}", o.TitleFormat)}
	}
	if o.WordsPerMinute < 0 {
		return &Error{Err: fmt.Errorf("WordsPerMinute %d is negative", o.WordsPerMinute)}
	}
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
	return strings.NewReplacer("{headline}", headline, "{site}", site).Replace(f)
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
