// Package render turns an article into HTML: the complete article page, the
// article alone as an embeddable fragment, and the head tags (Open Graph, X
// Cards, JSON-LD), all derived from one resolved metadata value so they can
// never disagree.
//
//	r, err := render.New(render.Options{})        // once; safe for concurrent use
//	p, err := r.Prepare(a, render.PrepareOptions{}) // once per article (cached by content)
//	err = p.Page(w, render.View{Ticker: ticker})   // per page view
//	err = p.Fragment(w)                            // the <article> alone
//	m := p.Meta()                                  // *Meta: marshal it, or write your own head
//
// # One way to render
//
// Every output goes through [Renderer.Prepare]: it takes the article and
// its [PrepareOptions] (the inputs that change the metadata, such as
// hreflang alternates), does the per-article work once and returns a
// [*Prepared]. A [View] is what one page view adds (the breaking-news
// [Ticker], whose items carry a headline, a URL and a language, under a
// settable label). [Renderer.Page], [Renderer.Fragment], [Renderer.Head]
// and [Renderer.Meta] are shorthands for Prepare with no options followed
// by the Prepared method of the same name. [Prepared.Hash] and
// [Prepared.ETag] give a content hash before anything is rendered, so an
// HTTP handler can answer If-None-Match with 304 straight away.
//
// Relative links in the article's HTML resolve against the article's own
// URL, as a browser on the page would resolve them; links to other origins
// get rel="nofollow noopener noreferrer" (see [Options].Sanitize).
//
// # Share image
//
// [Options].ShareImage gives an article without a lead image (or, with
// ShareImageAlways, every article) a share image — typically its
// generated card from package render/card on the publisher's server. It
// becomes og:image with its width, height, type and alt, twitter:image
// with a summary_large_image card, and the JSON-LD image; the page itself
// shows no figure for it.
//
// # Metadata
//
// Resolve (or Renderer.Meta) checks the article with (*article.Article).Check and
// builds a *Meta: the <title> from Options.TitleFormat, the description,
// canonical URL, robots, author and hreflang alternates; Open Graph with the
// article: namespace and fb:app_id; X Cards (summary_large_image only when
// the image meets X's minimum, twitter:creator only from an explicit handle,
// title, description and alt cut to X's limits without splitting a
// grapheme); fediverse:creator; and the schema.org JSON-LD @graph
// (Organization, WebSite, ImageObject, WebPage, NewsArticle,
// BreadcrumbList, linked by @id; their types are in package render/jsonld).
// A node whose required inputs
// are missing is left out with every reference to it and listed in
// Meta.Dropped. Meta.Tags lists the <meta> elements in order and
// Meta.HeadHTML writes them.
//
// # Templates
//
// The page is HTML5 from html/template. The embedded templates define
// "page", "head", "site-header", "ticker", "article", "article-header",
// "figure", "key-points", "explainers", "share-bar", "newsletter",
// "site-footer" and "style"; Options.Templates replaces any of them with a
// {{define}} of the same name. Each receives *Data: the resolved Meta, the
// article, the sanitised Body, KeyPoints and Explainers, the Share links and
// the Ticker, plus Parts, the default components pre-rendered once per
// article (a page view runs a dozen template actions, not hundreds). The
// page needs no JavaScript and makes no third-party request: the share bar
// is plain links from package share, the newsletter form posts to the
// site's action URL, and the stylesheet (Stylesheet) is inlined, with light
// and dark colour schemes (prefers-color-scheme) and a print style.
//
// # Caching and concurrency
//
// A Renderer is safe for concurrent use. Renderer.Prepare does the
// per-article work once (check, metadata, sanitising, share links,
// components) and returns an immutable *Prepared; the Renderer keeps them
// by a 128-bit digest of every field of the article, so rendering an
// article it has seen only runs the templates, and any change to the
// article is a new entry. Sanitised HTML is also cached by content.
// Options.CacheBytes bounds the two together.
//
// # Security
//
// Article text and HTML are untrusted. An article with an error-severity
// finding (what article.Validate reports) is refused with an *Error wrapping its
// *article.ValidationError, which names each field: in particular every URL
// the page or the metadata emits has passed article.CheckURL (absolute
// http or https; javascript:, data:, relative and protocol-relative URLs
// are errors), because html/template does not treat <meta content> as a
// URL. Plain-text fields are escaped once for their context; HTML fields
// reach the page only through package sanitize. The JSON-LD is built as Go
// values and encoded by encoding/json with HTML escaping, so the script
// body holds no '<', '>', '&', U+2028 or U+2029 and parses back to the same
// strings. The components render writes itself (head tags, lists, the
// share bar) go through one escaper for element content and double-quoted
// attributes; the tests parse every page back with golang.org/x/net/html
// and check each value comes back exactly, and a fuzz target holds that
// invariant for arbitrary text in every field.
package render
