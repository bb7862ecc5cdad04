package render

import (
	"html/template"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/share"
)

// Parts are the page's components, pre-rendered once per render by render's
// own writer (see escape.go) so the templates need only a few actions. The
// default templates insert them; a template that overrides one can build
// its own markup from Data's other fields instead.
type Parts struct {
	// SiteHeader is the site's name (linked to its home page) and tagline,
	// after a skip link to the article.
	SiteHeader template.HTML
	// Ticker is the "ticker" template's output for the page view; empty
	// while preparing.
	Ticker template.HTML
	// ArticleHeader is the kicker, headline, standfirst, byline and dates.
	ArticleHeader template.HTML
	// Figure is the lead image with its caption and credit; empty without
	// an image.
	Figure template.HTML
	// KeyPoints is the "Key points" section; empty without key points.
	KeyPoints template.HTML
	// Explainers are the labelled explainer sections.
	Explainers template.HTML
	// ShareBar is the share links: no JavaScript, no third-party requests.
	ShareBar template.HTML
	// Newsletter is the sign-up form; empty when the site has none.
	Newsletter template.HTML
	// SiteFooter is the copyright line.
	SiteFooter template.HTML
}

// ExplainerData is an explainer ready for a template (Data.Explainers).
type ExplainerData struct {
	// Kind is the explainer's kind ("why_it_matters").
	Kind string
	// Label is its heading (article.Explainer.Label).
	Label string
	// ID is the heading's id, unique within the article.
	ID string
	// Body is the sanitised body, with a repeated label removed.
	Body template.HTML
}

const idPrefix = "bs-"

func siteHeader(a *article.Article) template.HTML {
	var b strings.Builder
	b.WriteString(`<a class="bs-skip" href="#bs-article">Skip to the article</a>`)
	b.WriteString("\n")
	s := a.Site
	if s == nil {
		return template.HTML(b.String())
	}
	b.WriteString(`<p class="bs-site-name">`)
	startTag(&b, "a", "href", s.URL)
	escapeText(&b, s.Name)
	b.WriteString("</a></p>\n")
	if s.Tagline != "" {
		element(&b, "p", s.Tagline, "class", "bs-tagline")
		b.WriteByte('\n')
	}
	return template.HTML(b.String())
}

func articleHeader(a *article.Article) template.HTML {
	var b strings.Builder
	b.Grow(1024)
	breaking := a.Breaking && !strings.EqualFold(strings.TrimSpace(a.Kicker), "breaking")
	if a.Kicker != "" || breaking {
		b.WriteString(`<p class="bs-kicker">`)
		if breaking {
			b.WriteString(`<strong class="bs-breaking">Breaking</strong>`)
			if a.Kicker != "" {
				b.WriteByte(' ')
			}
		}
		if a.Kicker != "" {
			cls := ""
			if a.Breaking {
				cls = " bs-breaking"
			}
			b.WriteString(`<span class="bs-kicker-text` + cls + `">`)
			escapeText(&b, a.Kicker)
			b.WriteString("</span>")
		}
		b.WriteString("</p>\n")
	}
	element(&b, "h1", a.Headline, "id", "bs-headline", "class", "bs-headline")
	b.WriteByte('\n')
	if a.Standfirst != "" {
		element(&b, "p", a.Standfirst, "class", "bs-standfirst")
		b.WriteByte('\n')
	}
	if len(a.Authors) > 0 {
		b.WriteString(`<p class="bs-byline">By `)
		for i, p := range a.Authors {
			switch {
			case i == 0:
			case i == len(a.Authors)-1:
				b.WriteString(" and ")
			default:
				b.WriteString(", ")
			}
			if p.URL != "" {
				element(&b, "a", p.Name, "href", p.URL, "rel", "author")
			} else {
				escapeText(&b, p.Name)
			}
		}
		b.WriteString("</p>\n")
	}
	b.WriteString(`<p class="bs-dates">Published `)
	timeElement(&b, a.Published)
	if !a.Modified.IsZero() && a.Modified.After(a.Published) {
		b.WriteString(` <span aria-hidden="true">·</span> Updated `)
		timeElement(&b, a.Modified)
	}
	b.WriteString("</p>\n")
	return template.HTML(b.String())
}

// timeElement writes <time datetime="RFC 3339">26 November 2026, 09:30 UTC</time>.
func timeElement(b *strings.Builder, t time.Time) {
	b.WriteString(`<time datetime="`)
	b.WriteString(t.Format(time.RFC3339))
	b.WriteString(`">`)
	b.WriteString(t.Format("2 January 2006, 15:04"))
	_, off := t.Zone()
	if off == 0 {
		b.WriteString(" UTC")
	} else {
		b.WriteString(t.Format(" UTC-07:00"))
	}
	b.WriteString("</time>")
}

func figure(img *article.Image) template.HTML {
	if img == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("<figure class=\"bs-figure\">\n")
	attrs := []string{"src", img.URL, "alt", img.Alt}
	if img.Width > 0 && img.Height > 0 {
		attrs = append(attrs, "width", itoa(img.Width), "height", itoa(img.Height))
	}
	attrs = append(attrs, "fetchpriority", "high", "decoding", "async")
	startTag(&b, "img", attrs...)
	b.WriteByte('\n')
	if img.Caption != "" || img.Credit != "" {
		b.WriteString("<figcaption>")
		escapeText(&b, img.Caption)
		if img.Credit != "" {
			if img.Caption != "" {
				b.WriteByte(' ')
			}
			b.WriteString(`<small class="bs-credit">Photograph: `)
			escapeText(&b, img.Credit)
			b.WriteString("</small>")
		}
		b.WriteString("</figcaption>\n")
	}
	b.WriteString("</figure>\n")
	return template.HTML(b.String())
}

func keyPoints(points []template.HTML) template.HTML {
	if len(points) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("<section class=\"" + classKeyPoints + "\" aria-labelledby=\"bs-keypoints-heading\">\n<h2 id=\"bs-keypoints-heading\">Key points</h2>\n<ul>\n")
	for _, p := range points {
		b.WriteString("<li>")
		b.WriteString(string(p))
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>\n</section>\n")
	return template.HTML(b.String())
}

func explainers(es []ExplainerData) template.HTML {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(`<section class="` + classExplainer + ` bs-explainer-`)
		b.WriteString(e.Kind)
		b.WriteString(`" aria-labelledby="`)
		b.WriteString(e.ID)
		b.WriteString("\">\n")
		element(&b, "h2", e.Label, "id", e.ID)
		b.WriteString("\n<p>")
		b.WriteString(string(e.Body))
		b.WriteString("</p>\n</section>\n")
	}
	return template.HTML(b.String())
}

func shareBar(links []share.Link) template.HTML {
	if len(links) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(256 * len(links))
	b.WriteString("<nav class=\"bs-share\" aria-labelledby=\"bs-share-heading\">\n<h2 id=\"bs-share-heading\">Share this article</h2>\n<ul>\n")
	for _, l := range links {
		if l.Network == share.CopyLink {
			// Without JavaScript nothing can copy; show the link, selectable.
			b.WriteString("<li class=\"bs-share-copy\">")
			element(&b, "label", l.Label, "for", "bs-share-url")
			b.WriteByte(' ')
			startTag(&b, "input", "id", "bs-share-url", "type", "url", "readonly", "", "value", l.Href)
			b.WriteString("</li>\n")
			continue
		}
		b.WriteString("<li>")
		element(&b, "a", l.Name, "href", l.Href, "title", l.Label, "rel", "noopener noreferrer nofollow")
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>\n</nav>\n")
	return template.HTML(b.String())
}

func newsletter(s *article.Site) template.HTML {
	if s == nil || s.Newsletter == nil {
		return ""
	}
	n := s.Newsletter
	title := n.Title
	if title == "" {
		title = "Newsletter"
	}
	button := n.Button
	if button == "" {
		button = "Sign up"
	}
	var b strings.Builder
	b.WriteString("<aside class=\"bs-newsletter\" aria-labelledby=\"bs-newsletter-heading\">\n")
	element(&b, "h2", title, "id", "bs-newsletter-heading")
	b.WriteByte('\n')
	if n.Pitch != "" {
		element(&b, "p", n.Pitch)
		b.WriteByte('\n')
	}
	startTag(&b, "form", "method", "post", "action", n.Action)
	b.WriteString("\n<label for=\"bs-newsletter-email\">Email address</label>\n")
	b.WriteString("<input id=\"bs-newsletter-email\" type=\"email\" name=\"email\" autocomplete=\"email\" required>\n")
	element(&b, "button", button, "type", "submit")
	b.WriteString("\n</form>\n</aside>\n")
	return template.HTML(b.String())
}

func siteFooter(a *article.Article) template.HTML {
	s := a.Site
	if s == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("<p>© ")
	b.WriteString(itoa(a.Published.Year()))
	b.WriteByte(' ')
	startTag(&b, "a", "href", s.URL)
	escapeText(&b, s.Name)
	b.WriteString("</a></p>\n")
	return template.HTML(b.String())
}
