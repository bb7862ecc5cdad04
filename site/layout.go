package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"

	"github.com/broadsheet/broadsheet/article"
)

// The site's fixed paths, relative to where the site is mounted. Package
// serve answers them, and a static build writes them, so both give the
// same URLs.
const (
	IndexPath       = "/"
	RSSPath         = "/feed.xml"
	AtomPath        = "/atom.xml"
	JSONFeedPath    = "/feed.json"
	SitemapPath     = "/sitemap.xml"
	NewsSitemapPath = "/news-sitemap.xml"
	// SitemapsPrefix is where the parts of a sitemap too long for one
	// file are (/sitemaps/1.xml, /sitemaps/2.xml, …); SitemapPath is then
	// their sitemap index.
	SitemapsPrefix = "/sitemaps/"
	// ArticlePrefix is where serve answers an article by id:
	// /a/{id}, /a/{id}/fragment, /a/{id}/meta.json, /a/{id}/share.json.
	ArticlePrefix = "/a/"
	// CardPrefix is where share cards live: see CardPath.
	CardPrefix = "/cards/"
)

// MaxIDLength bounds an article id, which names its URLs and files.
const MaxIDLength = 200

// PagePath returns the path of a's page: the path of its canonical URL
// ("/local/council-data-vote"), or "" when the URL does not parse. A
// static build writes it to that path plus "/index.html" unless the path
// ends in ".html".
func PagePath(a *article.Article) string { return urlPath(a.URL) }

func urlPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	return p
}

// CardSpec names one card of an article: its size and layout, and for the
// key-point layout which point (counted from 1). Its String form
// ("1200x630-standard", "1080x1080-keypoint-2") is the card's file name.
type CardSpec struct {
	Width, Height int
	// Layout is "standard", "photo" or "keypoint".
	Layout string
	// Point is the key point shown by the keypoint layout, from 1; zero
	// elsewhere.
	Point int
}

// String returns "WxH-layout" or "WxH-keypoint-N".
func (s CardSpec) String() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(s.Width))
	b.WriteByte('x')
	b.WriteString(strconv.Itoa(s.Height))
	b.WriteByte('-')
	b.WriteString(s.Layout)
	if s.Layout == "keypoint" {
		b.WriteByte('-')
		b.WriteString(strconv.Itoa(max(s.Point, 1)))
	}
	return b.String()
}

// ParseCardSpec reads what CardSpec.String writes. It checks the form
// only; the caller bounds sizes and layouts.
func ParseCardSpec(s string) (CardSpec, bool) {
	size, rest, ok := strings.Cut(s, "-")
	if !ok {
		return CardSpec{}, false
	}
	ws, hs, ok := strings.Cut(size, "x")
	if !ok {
		return CardSpec{}, false
	}
	w, ok1 := atoi(ws)
	h, ok2 := atoi(hs)
	if !ok1 || !ok2 {
		return CardSpec{}, false
	}
	spec := CardSpec{Width: w, Height: h, Layout: rest}
	if l, n, ok := strings.Cut(rest, "-"); ok {
		p, okp := atoi(n)
		if l != "keypoint" || !okp || p < 1 {
			return CardSpec{}, false
		}
		spec.Layout, spec.Point = l, p
	} else if rest == "keypoint" {
		return CardSpec{}, false
	}
	switch spec.Layout {
	case "standard", "photo", "keypoint":
	default:
		return CardSpec{}, false
	}
	if spec.String() != s {
		return CardSpec{}, false // leading zeros and other second spellings
	}
	return spec, true
}

// Ext returns the file extension of the card's image: ".jpg" for the
// photo layout (drawn over a photograph, it is a JPEG), ".png" for the
// others.
func (s CardSpec) Ext() string {
	if s.Layout == "photo" {
		return ".jpg"
	}
	return ".png"
}

// CardPath returns the content-hashed path of a card,
// "/cards/{id}/{spec}.{hash}.png" (".jpg" for a photo card): hash changes
// whenever anything the card is drawn from changes, so the path can be
// cached forever.
func CardPath(id string, spec CardSpec, hash string) string {
	return CardPrefix + id + "/" + spec.String() + "." + hash + spec.Ext()
}

// CardAliasPath returns the stable path of an article's card,
// "/cards/{id}/{spec}.png" (".jpg" for a photo card): always the current
// card, cached briefly.
func CardAliasPath(id string, spec CardSpec) string {
	return CardPrefix + id + "/" + spec.String() + spec.Ext()
}

// ValidID reports whether id can name an article's URLs and files: a
// non-empty slug of ASCII letters, digits, '-', '_' and '.', not starting
// with '.', at most MaxIDLength bytes.
func ValidID(id string) bool {
	if id == "" || len(id) > MaxIDLength || id[0] == '.' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return true
}

// reserved reports whether a page path would collide with the layout's
// own paths.
func reserved(p string) bool {
	switch p {
	case IndexPath, RSSPath, AtomPath, JSONFeedPath, SitemapPath, NewsSitemapPath, "/oembed", "/healthz", "/a", "/cards", "/sitemaps":
		return true
	}
	return strings.HasPrefix(p, ArticlePrefix) || strings.HasPrefix(p, CardPrefix) || strings.HasPrefix(p, SitemapsPrefix)
}

func atoi(s string) (int, bool) {
	if s == "" || len(s) > 6 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// CardHash returns the content hash in a card's CardPath: 16 hexadecimal
// digits from a digest of every field of a (with its inherited site), the
// card spec and version — a string the caller changes whenever the
// pictures would change without the article changing (a new theme, new
// fonts). Package serve and a static build use it alike, so both give an
// unchanged article's card the same URL.
func CardHash(a *article.Article, spec CardSpec, version string) string {
	return CardHashOf(ArticleDigest(a), spec, version)
}

// ArticleDigest returns a digest of every field of a (32 hexadecimal
// digits); CardHashOf combines it with a spec, so a caller drawing many
// cards of one article computes it once.
func ArticleDigest(a *article.Article) string {
	b, _ := json.Marshal(a)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// CardHashOf is CardHash from an ArticleDigest.
func CardHashOf(digest string, spec CardSpec, version string) string {
	s := sha256.Sum256([]byte(digest + "\x00" + spec.String() + "\x00" + version + "\x00" + cardFormat))
	return hex.EncodeToString(s[:8])
}

// cardFormat changes when broadsheet's card drawing changes the pictures;
// it is part of every card hash.
const cardFormat = "broadsheet-card-1"

// ShareImage returns the share image of an article without one: its
// card of spec at its content-hashed path under base (an absolute URL
// ending in "/", where the site is served), with the spec's size, PNG, and
// the social headline as alt text. nil when a's id cannot name a URL.
// Package serve gives render this image for og:image; a static build must
// give the same to produce the same pages.
func ShareImage(base string, a *article.Article, spec CardSpec, version string) *article.Image {
	return ShareImageOf(base, a, spec, version, ArticleDigest(a))
}

// ShareImageOf is ShareImage with the article's digest already computed.
func ShareImageOf(base string, a *article.Article, spec CardSpec, version, digest string) *article.Image {
	if a == nil || !ValidID(a.ID) {
		return nil
	}
	return &article.Image{
		URL:    strings.TrimSuffix(base, "/") + CardPath(a.ID, spec, CardHashOf(digest, spec, version)),
		Width:  spec.Width,
		Height: spec.Height,
		Type:   "image/png",
		Alt:    a.SocialTitle(),
	}
}

// Ticker picks the breaking stories a page of self shows: from latest
// (newest first), the first n with Breaking set, other than self. Package
// serve shows them linked to their canonical URLs; a static build must do
// the same to produce the same pages.
func Ticker(latest []*article.Article, self *article.Article, n int) []*article.Article {
	var out []*article.Article
	for _, a := range latest {
		if len(out) >= n {
			break
		}
		if a == nil || !a.Breaking || (self != nil && (a == self || (self.ID != "" && a.ID == self.ID))) {
			continue
		}
		out = append(out, a)
	}
	return out
}
