package feed

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/article"
)

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	Image   string       `xml:"xmlns:image,attr,omitempty"`
	News    string       `xml:"xmlns:news,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string         `xml:"loc"`
	LastMod string         `xml:"lastmod,omitempty"`
	Images  []sitemapImage `xml:"image:image"`
	News    *newsEntry     `xml:"news:news"`
}

type sitemapImage struct {
	Loc string `xml:"image:loc"`
}

type newsEntry struct {
	Publication newsPublication `xml:"news:publication"`
	Date        string          `xml:"news:publication_date"`
	Title       string          `xml:"news:title"`
}

type newsPublication struct {
	Name     string `xml:"news:name"`
	Language string `xml:"news:language"`
}

// Sitemap writes a sitemap listing the home page (Channel.Link or the
// site's URL) and each article's canonical URL, with its last
// modification and its image (image:image). Over MaxSitemapURLs URLs is
// ErrTooMany.
func Sitemap(w io.Writer, arts []*article.Article, o Options) error {
	ch, items, err := resolve(arts, &o, false)
	if err != nil && err != ErrNoTitle {
		return err
	}
	s := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", Image: "http://www.google.com/schemas/sitemap-image/1.1"}
	if ch.Link != "" {
		s.URLs = append(s.URLs, sitemapURL{Loc: ch.Link, LastMod: atomTime(ch.Updated)})
	}
	for _, it := range items {
		u := sitemapURL{Loc: it.url, LastMod: atomTime(it.updated)}
		if it.img != nil {
			u.Images = []sitemapImage{{Loc: it.img.URL}}
		}
		s.URLs = append(s.URLs, u)
	}
	if len(s.URLs) > MaxSitemapURLs {
		return fmt.Errorf("%w: %d URLs, the limit is %d", ErrTooMany, len(s.URLs), MaxSitemapURLs)
	}
	return writeXML(w, s)
}

// NewsSitemap writes a Google News sitemap of the articles published in
// the NewsWindow (two days) up to Options.Now (articles dated after Now
// are left out too), each with the publication's name (Channel.Title or
// the site's name), its language and its title. More than MaxNewsURLs
// such articles is ErrTooMany.
func NewsSitemap(w io.Writer, arts []*article.Article, o Options) error {
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	var recent []*article.Article
	for _, a := range arts {
		if a != nil && !a.Published.After(now) && now.Sub(a.Published) <= NewsWindow {
			recent = append(recent, a)
		}
	}
	ch, items, err := resolve(recent, &o, false)
	if err != nil && !(err == ErrNoTitle && len(recent) == 0) {
		return err
	}
	if len(items) > MaxNewsURLs {
		return fmt.Errorf("%w: %d articles in the last two days, the limit is %d", ErrTooMany, len(items), MaxNewsURLs)
	}
	s := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", News: "http://www.google.com/schemas/sitemap-news/0.9"}
	for _, it := range items {
		name := ch.siteName
		if it.a.Site != nil && it.a.Site.Name != "" {
			name = it.a.Site.Name
		}
		lang := newsLanguage(it.a.Language)
		if lang == "" {
			lang = newsLanguage(ch.Language)
		}
		s.URLs = append(s.URLs, sitemapURL{Loc: it.url, News: &newsEntry{
			Publication: newsPublication{Name: name, Language: lang},
			Date:        atomTime(it.pub),
			Title:       it.title,
		}})
	}
	return writeXML(w, s)
}

// newsLanguage turns a BCP 47 tag into the ISO 639 code Google News asks
// for: the primary language subtag, except zh-cn and zh-tw.
func newsLanguage(tag string) string {
	tag = strings.ToLower(strings.ReplaceAll(tag, "_", "-"))
	primary, rest, _ := strings.Cut(tag, "-")
	if primary == "zh" {
		switch {
		case strings.Contains("-"+rest+"-", "-tw-"), strings.Contains("-"+rest+"-", "-hant-"), strings.Contains("-"+rest+"-", "-hk-"):
			return "zh-tw"
		default:
			return "zh-cn"
		}
	}
	return primary
}
