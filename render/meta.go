package render

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/render/jsonld"
	"github.com/broadsheet/broadsheet/sanitize"
)

// Limits applied while resolving, from developer.x.com's cards markup
// reference.
const (
	// MaxXTitle is the most characters X shows of twitter:title.
	MaxXTitle = 70
	// MaxXDescription is the most characters X shows of
	// twitter:description.
	MaxXDescription = 200
	// MaxXAlt is the most characters of twitter:image:alt.
	MaxXAlt = 420
	// MaxDescription is the soft budget of the meta description when it
	// has to be taken from the body (no standfirst).
	MaxDescription = 160
	// DefaultWordsPerMinute is the reading speed behind the reading time.
	DefaultWordsPerMinute = 230
	// DefaultTitleFormat is the <title> template: the headline, an en
	// dash, the site name.
	DefaultTitleFormat = "{headline} – {site}"
	// DefaultRobots is the robots directive of an indexable article:
	// large image previews and unlimited snippets, as Google Discover
	// needs.
	DefaultRobots = "index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1"
)

// Alternate is one translation of the article: a <link rel="alternate"
// hreflang> tag. Lang is a BCP 47 tag or "x-default"; URL is absolute
// http(s).
type Alternate struct {
	Lang string `json:"lang"`
	URL  string `json:"url"`
}

// Meta is the resolved metadata of one article: every head tag and the
// JSON-LD graph are derived from this one value, so the title, description,
// image and dates can never drift apart between <title>, Open Graph, X Cards
// and schema.org. Build it with Resolve (or Renderer.Meta); it marshals to
// JSON (the output of `broadsheet meta --format json`) and is meant for
// callers who write their own head templates. Every URL in it has passed
// article.CheckURL and every string is plain, unescaped text: escape once,
// for the context you write it into.
//
// A Meta is not modified after Resolve returns it and is safe for
// concurrent reads. One from a Renderer is shared with its cache: do not
// modify it.
type Meta struct {
	// Lang is the BCP 47 language of the page: <html lang> and JSON-LD
	// inLanguage. Empty when neither the article's language nor the site's
	// locale says.
	Lang string `json:"lang,omitempty"`
	// Title is the <title>, from Options.TitleFormat.
	Title string `json:"title"`
	// Description is the meta description: the standfirst, or the body's
	// opening words cut to MaxDescription when there is none.
	Description string `json:"description"`
	// Canonical is the canonical URL: <link rel=canonical>, og:url, the
	// JSON-LD WebPage @id.
	Canonical string `json:"canonical"`
	// Robots is the robots meta directive.
	Robots string `json:"robots"`
	// Author is the bylines' names joined with ", ": <meta name=author>.
	Author string `json:"author,omitempty"`
	// Alternates are the hreflang alternates, in the order given.
	Alternates []Alternate `json:"alternates,omitempty"`
	// OEmbed is the oEmbed discovery URL of the page (Options.OEmbed):
	// <link rel="alternate" type="application/json+oembed">. Empty
	// without an endpoint.
	OEmbed string `json:"oembed,omitempty"`
	// OpenGraph holds the og:, article: and fb: properties.
	OpenGraph OpenGraph `json:"open_graph"`
	// Twitter holds the twitter: card tags.
	Twitter TwitterCard `json:"twitter"`
	// FediverseCreators are the authors' fediverse addresses
	// (@user@host): <meta name="fediverse:creator">, one per author that
	// has one.
	FediverseCreators []string `json:"fediverse_creators,omitempty"`
	// LinkedData is the schema.org JSON-LD graph.
	LinkedData jsonld.Graph `json:"json_ld"`
	// WordCount is the number of words in the sanitised body's text.
	WordCount int `json:"word_count"`
	// ReadingMinutes is WordCount at Options.WordsPerMinute, rounded up.
	ReadingMinutes int `json:"reading_minutes"`
	// Dropped lists the JSON-LD nodes left out because their required
	// inputs are missing, with every reference to them.
	Dropped []Dropped `json:"dropped,omitempty"`
	// Warnings are the article's warning-severity findings
	// ((*article.Article).Check), then one dropped_text finding
	// (article.ErrDroppedText) for each HTML field — key_points[i], body,
	// explainers[i].body — that leaves an element, comment or tag open at
	// its end, so that the sanitiser drops the rest of it (see
	// sanitize.Swallowed). Error-severity findings make Resolve fail
	// instead.
	Warnings []article.Finding `json:"warnings,omitempty"`

	ld []byte // LinkedData encoded with HTML escaping
}

// Dropped reports one JSON-LD node left out of the graph.
type Dropped struct {
	// Node is the node's @type, such as "Organization".
	Node string `json:"node"`
	// Reason names the missing inputs by their article JSON paths.
	Reason string `json:"reason"`
}

// JSONLD returns the JSON-LD graph as it appears in the page's
// <script type="application/ld+json">: encoded with HTML escaping, so it
// holds no '<', '>' or '&' byte and no U+2028 or U+2029. The caller must not
// modify the returned slice.
func (m *Meta) JSONLD() []byte { return m.ld }

// Error is returned by Resolve and the Renderer for an article that cannot
// be rendered. It wraps the article's *article.ValidationError (so
// errors.As finds every finding with its field path), or a problem with the
// render inputs.
type Error struct {
	Err error
}

// Error returns "render: " and the cause.
func (e *Error) Error() string {
	msg := e.Err.Error()
	if strings.Contains(msg, "\n") {
		return "render: the article has errors:\n" + msg
	}
	return "render: " + msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrNilArticle is returned for a nil *article.Article.
var ErrNilArticle = errors.New("render: nil article")

var hreflangPattern = regexp.MustCompile(`^(x-default|[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*)$`)

// Resolve checks a and builds its metadata under opts and po, as
// Renderer.Prepare does but without a Renderer's caches. An article with
// any error-severity finding (what article.Validate reports) is refused with an *Error
// wrapping the *article.ValidationError; warnings are kept in
// Meta.Warnings. Alternates must have absolute http(s) URLs and BCP 47
// languages.
//
// Resolve does not modify a, keeps no reference to it, and is safe for
// concurrent use. Invalid UTF-8 in a string field is read as U+FFFD, as the
// page would show it.
func Resolve(a *article.Article, opts Options, po PrepareOptions) (*Meta, error) {
	if a == nil {
		return nil, ErrNilArticle
	}
	if err := opts.check(); err != nil {
		return nil, err
	}
	var img *article.Image
	if opts.ShareImage != nil && (a.Image == nil || opts.ShareImageAlways) {
		img = opts.ShareImage(a)
	}
	a = own(a)
	findings := a.Check()
	ve := &article.ValidationError{Findings: findings}
	if ve.HasErrors() {
		return nil, &Error{Err: ve}
	}
	img, err := checkShareImage(img)
	if err != nil {
		return nil, err
	}
	bodyText := sanitize.Text(a.Body)
	return resolve(a, &opts, slices.Clone(po.Alternates), img, opts.locale(a), findings, bodyText, nil)
}

// checkShareImage returns a valid copy of the share image img, or an error
// naming what is wrong.
func checkShareImage(img *article.Image) (*article.Image, error) {
	if img == nil {
		return nil, nil
	}
	c := new(article.Image)
	*c = *img
	validStrings(reflect.ValueOf(c).Elem())
	if _, err := article.CheckURL(c.URL); err != nil {
		return nil, &Error{Err: fmt.Errorf("share_image.url: %w", err)}
	}
	if c.Width <= 0 || c.Height <= 0 {
		return nil, &Error{Err: fmt.Errorf("share_image: width and height must be positive, not %d×%d", c.Width, c.Height)}
	}
	if c.Type != "" && !strings.HasPrefix(c.Type, "image/") {
		return nil, &Error{Err: fmt.Errorf("share_image.type: %q is not an image type", c.Type)}
	}
	return c, nil
}

// resolve builds the metadata of the checked copy a. img is the share
// image (checked) or nil: it stands for the lead image in the metadata.
func resolve(a *article.Article, opts *Options, alternates []Alternate, img *article.Image, loc *Locale, findings []article.Finding, bodyText string, c *htmlCache) (*Meta, error) {
	for i, alt := range alternates {
		if !hreflangPattern.MatchString(alt.Lang) {
			return nil, &Error{Err: fmt.Errorf("alternates[%d].lang: %q is not a BCP 47 language tag or x-default", i, alt.Lang)}
		}
		if _, err := article.CheckURL(alt.URL); err != nil {
			return nil, &Error{Err: fmt.Errorf("alternates[%d].url: %w", i, err)}
		}
	}
	m := &Meta{
		Canonical:  a.URL,
		Alternates: alternates,
		OEmbed:     opts.oembedURL(a.URL),
		Warnings:   droppedText(a, findings, c),
	}
	site := a.Site
	siteName := ""
	if site != nil {
		siteName = site.Name
	}
	m.Lang = a.Language
	// og:locale is the article's own when its language names a
	// territory (an Arabic article on an English site is ar_QA), else the
	// site's.
	locale := ""
	if a.Language != "" {
		locale, _ = article.OGLocale(a.Language)
	}
	if locale == "" && site != nil && site.Locale != "" {
		locale, _ = article.OGLocale(site.Locale)
	}
	if m.Lang == "" && locale != "" {
		m.Lang = strings.Replace(locale, "_", "-", 1)
	}

	m.Title = opts.title(a.Headline, siteName)
	m.Description = a.Standfirst
	if m.Description == "" {
		// Description(a.Body, MaxDescription) without extracting the text
		// a second time.
		m.Description = sanitize.Truncate(bodyText, MaxDescription)
	}
	m.Robots = opts.robots()
	m.WordCount = countWords(bodyText)
	wpm := opts.WordsPerMinute
	if wpm <= 0 {
		wpm = DefaultWordsPerMinute
	}
	m.ReadingMinutes = max(1, (m.WordCount+wpm-1)/wpm)

	var names strings.Builder
	for i, p := range a.Authors {
		if i > 0 {
			names.WriteString(loc.Labels.Separator)
		}
		names.WriteString(p.Name)
		if p.Mastodon != "" {
			m.FediverseCreators = append(m.FediverseCreators, mastodonAddress(p.Mastodon))
		}
	}
	m.Author = names.String()

	published := rfc3339(a.Published)
	modified := ""
	if !a.Modified.IsZero() && a.Modified.After(a.Published) {
		modified = rfc3339(a.Modified)
	}
	if img == nil {
		img = a.Image
	}
	m.OpenGraph = openGraph(a, m, img, locale, published, modified)
	m.Twitter = twitterCard(a, m, img, &loc.Labels)
	m.LinkedData, m.Dropped = linkedData(a, m, img, published, modified)
	ld, err := json.Marshal(&m.LinkedData)
	if err != nil {
		return nil, &Error{Err: fmt.Errorf("encoding JSON-LD: %w", err)}
	}
	m.ld = ld
	return m, nil
}

// droppedText appends to findings a dropped_text warning for each HTML
// field of a that leaves something open at its end, so that the sanitiser
// drops the rest of it without a word; the page is safe either way, but
// the writer should know the text is lost. The paths and order are those
// of the broadsheet CLI's check. What each field leaves open is kept in c
// by content, like its sanitised form, so a cached body is not tokenised
// again on every Prepare.
func droppedText(a *article.Article, findings []article.Finding, c *htmlCache) []article.Finding {
	add := func(path, sw string) {
		findings = append(findings, article.Finding{Path: path, Code: "dropped_text", Severity: article.SeverityWarning,
			Message: sw + "; close it, or the page loses that text", Err: article.ErrDroppedText})
	}
	// The paths are built only for a field that has something to report.
	for i, kp := range a.KeyPoints {
		if sw := swallowed(c, kp); sw != "" {
			add("key_points["+itoa(i)+"]", sw)
		}
	}
	if sw := swallowed(c, a.Body); sw != "" {
		add("body", sw)
	}
	for i, e := range a.Explainers {
		if sw := swallowed(c, e.Body); sw != "" {
			add("explainers["+itoa(i)+"].body", sw)
		}
	}
	return findings
}

// rfc3339 formats t with its own UTC offset ("Z" for UTC).
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// countWords counts runs of non-space characters.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		if r >= 0x3040 && isCJK(r) {
			// Chinese and Japanese put no spaces between words: each
			// character counts as one (readers take in about 255–360 of
			// them a minute against about 230 English words).
			n++
			in = false
			continue
		}
		space := r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\u00a0'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// isCJK reports whether r is a Han ideograph, hiragana or katakana.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// mastodonAddress returns a fediverse address in @user@host form.
func mastodonAddress(s string) string {
	if strings.HasPrefix(s, "@") {
		return s
	}
	return "@" + s
}

// profileURLs returns the profile pages of the handles, for sameAs.
func profileURLs(x, bluesky, mastodon, extra string) []string {
	n := 0
	for _, s := range [...]string{x, bluesky, mastodon, extra} {
		if s != "" {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	urls := make([]string, 0, n)
	if extra != "" {
		urls = append(urls, extra)
	}
	if x != "" {
		urls = append(urls, "https://x.com/"+strings.TrimPrefix(x, "@"))
	}
	if bluesky != "" {
		urls = append(urls, "https://bsky.app/profile/"+strings.TrimPrefix(bluesky, "@"))
	}
	if mastodon != "" {
		addr := strings.TrimPrefix(mastodon, "@")
		if user, host, ok := strings.Cut(addr, "@"); ok {
			urls = append(urls, "https://"+host+"/@"+user)
		}
	}
	if len(urls) == 0 {
		return nil // a mastodon handle that is not user@host
	}
	return urls
}

func itoa(n int) string { return strconv.Itoa(n) }
