package render

import (
	"html/template"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/share"
)

// components are the templates Prepare executes once per article, in
// order, and the Parts field each one's output goes to. "article" comes
// after the components it assembles.
var components = []struct {
	name string
	part func(*Parts) *template.HTML
}{
	{"head", func(p *Parts) *template.HTML { return &p.Head }},
	{"site-header", func(p *Parts) *template.HTML { return &p.SiteHeader }},
	{"article-header", func(p *Parts) *template.HTML { return &p.ArticleHeader }},
	{"figure", func(p *Parts) *template.HTML { return &p.Figure }},
	{"key-points", func(p *Parts) *template.HTML { return &p.KeyPoints }},
	{"explainers", func(p *Parts) *template.HTML { return &p.Explainers }},
	{"share-bar", func(p *Parts) *template.HTML { return &p.ShareBar }},
	{"newsletter", func(p *Parts) *template.HTML { return &p.Newsletter }},
	{"site-footer", func(p *Parts) *template.HTML { return &p.SiteFooter }},
	{"article", func(p *Parts) *template.HTML { return &p.Article }},
}

// Parts are the outputs of the component templates for one article,
// executed once by Prepare: the templates that assemble the page
// ("article", "page") insert them, so a page view runs a handful of
// template actions, not hundreds. Each field is named after its template.
type Parts struct {
	// Head is "head": <title>, canonical, hreflang alternates, every
	// <meta> tag and the JSON-LD script.
	Head template.HTML
	// SiteHeader is "site-header": the skip link, the site's name
	// (linked) and tagline.
	SiteHeader template.HTML
	// Ticker is "ticker", executed for each page view; empty while
	// preparing.
	Ticker template.HTML
	// ArticleHeader is "article-header": kicker, breaking badge,
	// headline, standfirst, byline and dates.
	ArticleHeader template.HTML
	// Figure is "figure": the lead image with caption and credit.
	Figure template.HTML
	// KeyPoints is "key-points".
	KeyPoints template.HTML
	// Explainers is "explainers": the labelled explainer sections.
	Explainers template.HTML
	// ShareBar is "share-bar": the share links.
	ShareBar template.HTML
	// Newsletter is "newsletter": the sign-up form.
	Newsletter template.HTML
	// SiteFooter is "site-footer": the copyright line.
	SiteFooter template.HTML
	// Article is "article", the fragment: the <article> element
	// assembled from the parts above and Body.
	Article template.HTML
}

// ExplainerData is an explainer ready for a template (Data.Explainers).
type ExplainerData struct {
	// Kind is the explainer's kind ("why_it_matters").
	Kind string
	// Label is its heading: the explainer's title, or the locale's label
	// for its kind.
	Label string
	// ID is the heading's id, unique within the article.
	ID string
	// Body is the sanitised body, with a repeated label removed.
	Body template.HTML
}

// Header is what the embedded "article-header" and "figure" read besides
// the article (Data.Header): the values of the methods and functions an
// override may call, worked out once by Prepare so the embedded templates
// call none.
type Header struct {
	// Badge is BreakingBadge: show the breaking badge.
	Badge bool
	// HeadlineDir is DirOf of the headline: "auto" or "".
	HeadlineDir string
	// ByBefore and ByAfter are Labels.By around its "{authors}"
	// placeholder.
	ByBefore, ByAfter string
	// Authors are the byline's names with what goes before each
	// (AuthorSeparator).
	Authors []Byline
	// Published is the publication date; Modified the update, shown when
	// Updated.
	Published, Modified Dateline
	// Updated is Updated: the article was modified after it was published.
	Updated bool
	// CreditBefore and CreditAfter are Labels.Photograph around its
	// "{credit}" placeholder.
	CreditBefore, CreditAfter string
	// ImageSized reports whether the lead image has a positive width and
	// height (the <img> then states them).
	ImageSized bool
}

// Byline is one name of the byline (Header.Authors).
type Byline struct {
	// Separator goes before the name: "", Labels.Separator or Labels.And.
	Separator string
	// Name is the author's name; URL their page, or "".
	Name, URL string
}

// Dateline is one date of the article header (Header.Published,
// Header.Modified).
type Dateline struct {
	// Before and After are the label phrase around its "{date}"
	// placeholder.
	Before, After string
	// DateTime is the date in RFC 3339, for the datetime attribute.
	DateTime string
	// Text is the date for reading (Date).
	Text string
}

// header works out d.Header from the rest of d.
func (d *Data) header() Header {
	a, l := d.Article, d.Labels
	h := Header{
		Badge:        d.BreakingBadge(),
		HeadlineDir:  d.DirOf(a.Headline),
		ByBefore:     before(l.By, "authors"),
		ByAfter:      after(l.By, "authors"),
		Published:    d.dateline(l.Published, a.Published),
		Updated:      d.Updated(),
		CreditBefore: before(l.Photograph, "credit"),
		CreditAfter:  after(l.Photograph, "credit"),
		ImageSized:   a.Image != nil && a.Image.Width > 0 && a.Image.Height > 0,
	}
	if h.Updated {
		h.Modified = d.dateline(l.Updated, a.Modified)
	}
	if len(a.Authors) > 0 {
		h.Authors = make([]Byline, len(a.Authors))
		for i, p := range a.Authors {
			h.Authors[i] = Byline{Separator: d.AuthorSeparator(i), Name: p.Name, URL: p.URL}
		}
	}
	return h
}

func (d *Data) dateline(phrase string, t time.Time) Dateline {
	return Dateline{Before: before(phrase, "date"), After: after(phrase, "date"), DateTime: rfc3339(t), Text: d.Date(t)}
}

// ShareLink is one link of the share bar (Data.Share), from package
// share with the locale's label.
type ShareLink struct {
	// Network is the network's ID ("facebook", "x", "copy").
	Network string
	// Name is its display name ("Facebook").
	Name string
	// Label is the accessible label ("Share on Facebook"), from
	// Labels.ShareLinks or package share.
	Label string
	// Href is the share intent URL, built by package share from
	// percent-encoded parts under a fixed scheme (so typed as a trusted
	// URL: sms: and viber: links survive html/template). For the copy
	// link it is the article's URL.
	Href template.URL
	// Copy marks the copy-link entry: the page shows Href in a read-only
	// field to select and copy, since it runs no JavaScript.
	Copy bool
}

func shareLinks(links []share.Link, l *Labels) []ShareLink {
	if len(links) == 0 {
		return nil
	}
	out := make([]ShareLink, len(links))
	for i, s := range links {
		id := s.Network.String()
		label := l.ShareLinks[id]
		if label == "" {
			label = s.Label
		}
		name := l.ShareNames[id]
		if name == "" {
			name = s.Name
		}
		out[i] = ShareLink{Network: id, Name: name, Label: label, Href: template.URL(s.Href), Copy: id == "copy"}
	}
	return out
}

// idPrefix starts every id the page's own markup uses; sanitize gives
// the body's ids another prefix, so they never clash.
const idPrefix = "bs-"

// funcs are the template functions, available to overrides too.
var funcs = template.FuncMap{
	// rfc3339 formats a time for a datetime attribute.
	"rfc3339": rfc3339,
	// inc returns i+1, for numbering from one.
	"inc": func(i int) int { return i + 1 },
	// before and after split a label phrase around its placeholder:
	// before "By {authors}" "authors" is "By ".
	"before": before,
	"after":  after,
}

// BreakingBadge reports whether the article header shows the breaking
// badge: a breaking story whose kicker does not already say "breaking".
func (d *Data) BreakingBadge() bool {
	a := d.Article
	return a.Breaking && !strings.EqualFold(strings.TrimSpace(a.Kicker), "breaking") &&
		!strings.EqualFold(strings.TrimSpace(a.Kicker), d.Labels.Breaking)
}

// Updated reports whether the article was modified after it was
// published (the header then shows both dates).
func (d *Data) Updated() bool {
	a := d.Article
	return !a.Modified.IsZero() && a.Modified.After(a.Published)
}

// Date formats t for reading, with the locale's FormatTime.
func (d *Data) Date(t time.Time) string { return d.locale.FormatTime(t) }

// AuthorSeparator is what goes before the byline's i-th name: nothing
// before the first, " and " (Labels.And) before the last, ", " between.
func (d *Data) AuthorSeparator(i int) string {
	switch n := len(d.Article.Authors); {
	case i == 0:
		return ""
	case i == n-1:
		return d.Labels.And
	}
	return d.Labels.Separator
}

// TickerLabel is the ticker's label: View.Ticker.Label, or
// Labels.Breaking.
func (d *Data) TickerLabel() string {
	if d.View.Ticker.Label != "" {
		return d.View.Ticker.Label
	}
	return d.Labels.Breaking
}
