package sanitize

import (
	"errors"
	"fmt"
	"html"
	"html/template"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
)

// DefaultRel is the rel value Body and Inline policies put on links to
// other origins when [Options].Rel is empty.
const DefaultRel = "nofollow noopener noreferrer"

// RelNone as [Options].Rel leaves links to other origins without a rel
// attribute. ("none" is not a link type, so it cannot mean anything else.)
const RelNone = "none"

// IDPrefix is put in front of every id and name an author writes (and of
// the fragment of every in-page link), so the body can never clobber the
// page's own ids or window globals such as siteConfig or dataLayer.
const IDPrefix = "user-content-"

// ErrOptions is returned, wrapped, by [BodyPolicy] and [InlinePolicy] when
// their [Options] are invalid.
var ErrOptions = errors.New("sanitize: invalid options")

// Options tunes the Body and Inline policies. The zero value is the safe
// default: no embeds, ids prefixed, foreign links marked [DefaultRel],
// relative links kept as they are.
type Options struct {
	// BaseURL is the article's own absolute http(s) URL. Links to any other
	// origin are foreign and get Rel; relative URLs in href, src, srcset and
	// cite are resolved against it. Empty: relative URLs are kept as they
	// are (and count as same-origin) and every absolute link is foreign.
	BaseURL string

	// Rel is the rel attribute for links to other origins: empty means
	// [DefaultRel], [RelNone] means no rel attribute, and anything else must
	// be lower-case link types separated by single spaces (RelNone among
	// other words is refused).
	Rel string

	// DropIDs removes id and name attributes instead of prefixing them
	// with [IDPrefix]. In-page links (href="#x") are then dropped too.
	DropIDs bool

	// Embeds allows YouTube (always rewritten to youtube-nocookie.com) and
	// Vimeo players as sandboxed iframes; every other iframe is dropped.
	// Body policy only.
	Embeds bool
}

type policyKind uint8

const (
	kindBody policyKind = iota + 1
	kindInline
	kindText
)

// Policy is a built sanitiser for one kind of untrusted HTML. Build it once
// (it costs about a millisecond) and share it: a Policy is never modified
// after construction, and Sanitize is safe for concurrent use by any number
// of goroutines.
type Policy struct {
	kind   policyKind
	bm     *bluemonday.Policy
	base   *url.URL // nil: no BaseURL
	origin string   // "https://host[:port]" of base, lower-cased
	rel    string   // "" : no rel on foreign links
	ids    bool     // keep ids and names, prefixed
	embeds bool
}

// BodyPolicy returns a fresh policy for article bodies: paragraphs,
// headings h2–h4 (h1 becomes h2, h5 and h6 become h4), lists, block quotes
// with cite, figures with captions, images (http(s) src and srcset checked
// entry by entry, alt, width, height; loading="lazy" decoding="async"
// added), links (http, https, mailto, tel), the phrase elements em, strong,
// b, i, u, s, sub, sup, br, hr, code, pre, q, cite, abbr, time, mark,
// small, tables with scope, colspan and rowspan, and dl/dt/dd; lang and
// dir everywhere. No style, class, event handler, form, script or
// (without [Options].Embeds) iframe survives.
//
// It fails, wrapping [ErrOptions], when opts.BaseURL is not an absolute
// http(s) URL or opts.Rel holds anything but link-type words.
func BodyPolicy(opts Options) (*Policy, error) { return newPolicy(kindBody, opts) }

// InlinePolicy returns a fresh policy for short inline HTML (key points,
// explainer bodies, captions): a, em, strong, b, i, q, cite, abbr, code
// and br, with the same link handling as [BodyPolicy]. ids, names and embeds
// are never kept (opts.DropIDs and opts.Embeds are ignored).
func InlinePolicy(opts Options) (*Policy, error) {
	opts.DropIDs, opts.Embeds = true, false
	return newPolicy(kindInline, opts)
}

// TextPolicy returns a fresh policy that keeps no markup at all: Sanitize
// returns the escaped Text of its input.
func TextPolicy() *Policy { return &Policy{kind: kindText} }

var relWords = regexp.MustCompile(`^[a-z]+( [a-z]+)*$`)

func newPolicy(kind policyKind, opts Options) (*Policy, error) {
	p := &Policy{kind: kind, ids: !opts.DropIDs, embeds: opts.Embeds}
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
			return nil, fmt.Errorf("%w: BaseURL %q must be an absolute http or https URL", ErrOptions, opts.BaseURL)
		}
		p.base = u
		p.origin = strings.ToLower(u.Scheme + "://" + u.Host)
	}
	switch {
	case opts.Rel == RelNone:
	case opts.Rel == "":
		p.rel = DefaultRel
	case relWords.MatchString(opts.Rel) && !slices.Contains(strings.Fields(opts.Rel), RelNone):
		p.rel = opts.Rel
	default:
		return nil, fmt.Errorf("%w: Rel %q must be lower-case link types separated by spaces", ErrOptions, opts.Rel)
	}
	p.bm = p.bluemonday()
	return p, nil
}

var (
	reDigits   = regexp.MustCompile(`^[0-9]{1,5}$`)
	reSpan     = regexp.MustCompile(`^[1-9][0-9]{0,2}$`)
	reStart    = regexp.MustCompile(`^-?[0-9]{1,9}$`)
	reScope    = regexp.MustCompile(`^(row|col|rowgroup|colgroup)$`)
	reReversed = regexp.MustCompile(`^(|reversed)$`)
	reDatetime = regexp.MustCompile(`^[0-9TZtz:+. -]{4,40}$`)
	reLang     = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,6}$`)
	reDir      = regexp.MustCompile(`^(ltr|rtl|auto)$`)
	reID       = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,99}$`)
	// Any text: alt and title values are escaped on output, and
	// bluemonday's default paragraph pattern drops curly quotes, dashes,
	// colons and % from real captions (bluemonday issue 158).
	reAnyText = regexp.MustCompile(`^[^\x00]*$`)
	reSrcset  = regexp.MustCompile(`^[^<>"]+$`)
)

// bluemonday builds the allow-list half of the policy. URL schemes are
// global in bluemonday; contain narrows them per attribute afterwards.
func (p *Policy) bluemonday() *bluemonday.Policy {
	b := bluemonday.NewPolicy()
	b.RequireParseableURLs(true)
	b.AllowRelativeURLs(true)
	b.AllowURLSchemes("http", "https", "mailto", "tel")
	inline := []string{"a", "em", "strong", "b", "i", "q", "cite", "abbr", "code", "br"}
	b.AllowElements(inline...)
	b.AllowNoAttrs().OnElements(inline[1:]...)
	b.AllowAttrs("href").OnElements("a")
	b.AllowAttrs("title").Matching(reAnyText).OnElements("a", "abbr")
	b.AllowAttrs("cite").OnElements("q")
	// Container elements a policy does not keep still separate words: they
	// pass bluemonday here and contain turns each tag into a space.
	b.AllowElements(separatorNames...)
	b.AllowNoAttrs().OnElements(separatorNames...)
	block := []string{"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
		"figure", "figcaption", "u", "s", "sub", "sup", "hr", "pre", "time", "mark", "small",
		"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "dl", "dt", "dd"}
	b.AllowElements(block...)
	b.AllowNoAttrs().OnElements(block...)
	if p.kind != kindBody {
		return b
	}
	b.AllowAttrs("cite").OnElements("blockquote")
	b.AllowAttrs("src").OnElements("img")
	b.AllowAttrs("srcset").Matching(reSrcset).OnElements("img")
	b.AllowAttrs("alt").Matching(reAnyText).OnElements("img")
	b.AllowAttrs("title").Matching(reAnyText).OnElements("img")
	b.AllowAttrs("width", "height").Matching(reDigits).OnElements("img")
	b.AllowAttrs("datetime").Matching(reDatetime).OnElements("time")
	b.AllowAttrs("scope").Matching(reScope).OnElements("th")
	b.AllowAttrs("colspan", "rowspan").Matching(reSpan).OnElements("td", "th")
	b.AllowAttrs("start").Matching(reStart).OnElements("ol")
	b.AllowAttrs("reversed").Matching(reReversed).OnElements("ol")
	b.AllowAttrs("lang").Matching(reLang).Globally()
	b.AllowAttrs("dir").Matching(reDir).Globally()
	if p.ids {
		b.AllowAttrs("id").Matching(reID).Globally()
		b.AllowAttrs("name").Matching(reID).OnElements("a")
	}
	if p.embeds {
		b.AllowAttrs("src").OnElements("iframe")
		b.AllowAttrs("width", "height").Matching(reDigits).OnElements("iframe")
		b.AllowAttrs("title").Matching(reAnyText).OnElements("iframe")
	}
	return b
}

// Sanitize returns untrusted HTML made safe for the policy's place in a
// page: only allowed elements and attributes, every URL checked, and the
// markup balanced so that it stays inside whatever element the page puts
// it in (no stray end tag, unclosed element or table can move or swallow
// what follows). The result is idempotent: Sanitize of a result returns
// it unchanged.
//
// Bad input has a defined result, never a panic: invalid UTF-8 and NUL
// bytes become U+FFFD; elements nested deeper than 100 levels lose their
// tags (their text stays); the time is linear in len(untrusted).
//
// Sanitize (with SanitizeTo) is the only way this package makes
// template.HTML from untrusted input.
func (p *Policy) Sanitize(untrusted string) template.HTML {
	return template.HTML(p.sanitize(untrusted))
}

// SanitizeTo writes what Sanitize returns to w.
func (p *Policy) SanitizeTo(w io.Writer, untrusted string) error {
	_, err := io.WriteString(w, p.sanitize(untrusted))
	return err
}

func (p *Policy) sanitize(s string) string {
	s = validInput(s)
	if p.kind == kindText {
		return html.EscapeString(Text(s))
	}
	return p.contain(p.bm.Sanitize(s))
}

// validInput replaces invalid UTF-8 and NUL with U+FFFD, as browsers do,
// so bluemonday, the containment pass and the browser read the same text.
func validInput(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\ufffd")
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "\ufffd")
	}
	return s
}
