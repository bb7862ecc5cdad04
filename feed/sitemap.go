package feed

import (
	"encoding/xml"
	"fmt"
	"io"
	"iter"
	"slices"
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
// modification and its image (image:image). Over MaxSitemapURLs URLs or
// MaxSitemapBytes bytes is ErrTooMany: split the articles, and list the
// sitemaps with SitemapIndex.
func Sitemap(w io.Writer, arts []*article.Article, o Options) error {
	ch, items, err := resolve(arts, &o, false)
	if err != nil && err != ErrNoTitle {
		return err
	}
	urls := make([]SitemapURL, 0, len(items)+1)
	if ch.Link != "" {
		urls = append(urls, SitemapURL{Loc: ch.Link, LastMod: ch.Updated})
	}
	for _, it := range items {
		u := SitemapURL{Loc: it.url, LastMod: it.updated}
		if it.img != nil {
			u.Image = it.img.URL
		}
		urls = append(urls, u)
	}
	return WriteSitemap(w, slices.Values(urls))
}

// SitemapURL is one URL of a sitemap or of a sitemap index.
type SitemapURL struct {
	// Loc is the page's (or the sitemap's) absolute http(s) URL.
	Loc string
	// LastMod is its last change; zero leaves it out.
	LastMod time.Time
	// Image is the page's image URL (image:image); "" for none. A
	// sitemap index has no images.
	Image string
}

// MaxSitemapBytes bounds the size of one sitemap file, uncompressed
// (sitemaps.org: 50 MiB).
const MaxSitemapBytes = 50 << 20

// WriteSitemap writes a sitemap (sitemaps.org, with Google's image
// extension) of urls in their order, each URL checked with
// article.CheckURL (an error wrapping ErrInvalidURL names it). It streams:
// urls may be as long as the protocol allows without being held in
// memory. More than MaxSitemapURLs URLs, or more than MaxSitemapBytes
// bytes (see SitemapURLSize), is ErrTooMany. On an error, w may hold the
// start of the sitemap.
func WriteSitemap(w io.Writer, urls iter.Seq[SitemapURL]) error {
	return writeSitemap(w, urls, MaxSitemapURLs, MaxSitemapBytes)
}

func writeSitemap(w io.Writer, urls iter.Seq[SitemapURL], maxURLs, maxBytes int) error {
	cw := &countWriter{w: w}
	if _, err := io.WriteString(cw, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(cw)
	enc.Indent("", "  ")
	start := xml.StartElement{Name: xml.Name{Local: "urlset"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "xmlns"}, Value: sitemapNS},
		{Name: xml.Name{Local: "xmlns:image"}, Value: imageNS},
	}}
	if err := enc.EncodeToken(start); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	n := 0
	urlStart := xml.StartElement{Name: xml.Name{Local: "url"}}
	for u := range urls {
		if n++; n > maxURLs {
			return fmt.Errorf("%w: over %d URLs", ErrTooMany, maxURLs)
		}
		su, err := u.element()
		if err != nil {
			return err
		}
		if err := enc.EncodeElement(su, urlStart); err != nil {
			return fmt.Errorf("feed: %w", err)
		}
		// The encoder buffers; what it holds counts too.
		if err := enc.Flush(); err != nil {
			return fmt.Errorf("feed: %w", err)
		}
		if cw.n+len("\n</urlset>\n") > maxBytes {
			return fmt.Errorf("%w: over %d bytes", ErrTooMany, maxBytes)
		}
	}
	if err := enc.EncodeToken(start.End()); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	_, err := io.WriteString(cw, "\n")
	return err
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

// element checks u and makes its <url> element.
func (u SitemapURL) element() (sitemapURL, error) {
	if _, err := article.CheckURL(u.Loc); err != nil {
		return sitemapURL{}, fmt.Errorf("%w: %s: %v", ErrInvalidURL, u.Loc, err)
	}
	su := sitemapURL{Loc: u.Loc, LastMod: atomTime(u.LastMod)}
	if u.Image != "" {
		if _, err := article.CheckURL(u.Image); err != nil {
			return sitemapURL{}, fmt.Errorf("%w: %s: image: %v", ErrInvalidURL, u.Loc, err)
		}
		su.Images = []sitemapImage{{Loc: u.Image}}
	}
	return su, nil
}

const (
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	imageNS   = "http://www.google.com/schemas/sitemap-image/1.1"
)

// emptySitemapSize is the size of a sitemap with no URLs: the envelope
// every sitemap has.
var emptySitemapSize = func() int {
	var c counter
	writeXML(&c, urlset{NS: sitemapNS, Image: imageNS})
	return int(c)
}()

// SitemapURLSize returns the bytes u adds to a sitemap written by
// WriteSitemap (its <url> element, indented), so a caller can split a long
// list into sitemaps of at most MaxSitemapBytes: a sitemap of urls takes
// the envelope plus one byte plus the sum of their sizes. An invalid URL
// has size 0.
func SitemapURLSize(u SitemapURL) int {
	su, err := u.element()
	if err != nil {
		return 0
	}
	return sitemapURLSize(su)
}

// sitemapURLSize is the bytes su adds to a sitemap.
func sitemapURLSize(su sitemapURL) int {
	var c counter
	writeXML(&c, urlset{NS: sitemapNS, Image: imageNS, URLs: []sitemapURL{su}})
	return int(c) - emptySitemapSize - 1
}

// counter is an io.Writer counting the bytes written.
type counter int

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}

type sitemapIndex struct {
	XMLName  xml.Name       `xml:"sitemapindex"`
	NS       string         `xml:"xmlns,attr"`
	Sitemaps []sitemapEntry `xml:"sitemap"`
}

type sitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// SitemapIndex writes a sitemap index (sitemaps.org) listing sitemaps
// (Loc and LastMod; Image is not used), each URL checked as by
// WriteSitemap. More than MaxSitemapURLs sitemaps is ErrTooMany.
func SitemapIndex(w io.Writer, sitemaps []SitemapURL) error {
	if len(sitemaps) > MaxSitemapURLs {
		return fmt.Errorf("%w: %d sitemaps, the limit is %d", ErrTooMany, len(sitemaps), MaxSitemapURLs)
	}
	idx := sitemapIndex{NS: sitemapNS}
	for _, s := range sitemaps {
		if _, err := article.CheckURL(s.Loc); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrInvalidURL, s.Loc, err)
		}
		idx.Sitemaps = append(idx.Sitemaps, sitemapEntry{Loc: s.Loc, LastMod: atomTime(s.LastMod)})
	}
	return writeXML(w, idx)
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
	s := urlset{NS: sitemapNS, News: "http://www.google.com/schemas/sitemap-news/0.9"}
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
