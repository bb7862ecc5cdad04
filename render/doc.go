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
// [Resolve] (or [Renderer.Meta]) checks the article with
// (*article.Article).Check and builds a [*Meta]: the <title> from
// Options.TitleFormat, the description, canonical URL, robots, author and
// hreflang alternates; Open Graph with the article: namespace and
// fb:app_id; X Cards (summary_large_image only when the image meets X's
// minimum, twitter:creator only from an explicit handle, title,
// description and alt cut to X's limits without splitting a grapheme);
// fediverse:creator; and the schema.org JSON-LD @graph (Organization,
// WebSite, ImageObject, WebPage, NewsArticle, BreadcrumbList, linked by
// @id; their types are in package render/jsonld). A node whose required
// inputs are missing is left out with every reference to it and listed in
// Meta.Dropped. [Meta.Tags] lists the <meta> elements in order and
// [Meta.HeadHTML] writes them through the "head" template.
//
// # Templates
//
// The page is HTML5 from html/template, the only escaper. It is built
// from named templates, each overridable on its own: a {{define}} of the
// same name in a *.html file of [Options].Templates replaces the embedded
// one, and the functions below stay available to it. Every template's dot
// is [*Data]. The components are executed once per article, by Prepare,
// and their output kept in [Parts]; the page and the fragment assemble the
// parts, so a page view only runs "ticker". What each template reads, and
// what the embedded one writes (see templates/*.html for the markup):
//
//	head            .Meta (Title, Canonical, Alternates, OEmbed, OpenGraph,
//	                Twitter, FediverseCreators, JSONLDScript) → <title>, <link
//	                rel=canonical|alternate> (hreflang, then oEmbed
//	                discovery), every <meta> in Meta.Tags order,
//	                <script type="application/ld+json">
//	site-header     .Labels.SkipLink, .Article.Site (Name, URL, Tagline) →
//	                skip link, <p class="bs-site-name">, <p class="bs-tagline">
//	article-header  .Article (Kicker, Breaking, Headline, Standfirst),
//	                .Header (Badge, HeadlineDir, ByBefore, Authors with
//	                Separator, Name and URL, ByAfter, Published and Modified
//	                with Before, DateTime, Text and After, Updated),
//	                .Labels.Breaking → kicker, <h1 id="bs-headline">
//	                (dir="auto" when its direction differs from the page's),
//	                standfirst, byline, <time> dates
//	figure          .Article.Image, .Header (ImageSized, CreditBefore,
//	                CreditAfter) → <figure class="bs-figure"> with <img> and
//	                <figcaption>; nothing without a lead image
//	key-points      .KeyPoints (sanitised), .Labels.KeyPoints →
//	                <section class="bs-keypoints">; nothing without key points
//	explainers      .Explainers (Kind, Label, ID, sanitised Body) → one
//	                <section class="bs-explainer bs-explainer-KIND"> each
//	share-bar       .Share (Network, Name, Label, Href, Copy),
//	                .Labels.ShareArticle → <nav class="bs-share"> of links, the
//	                copy link as a read-only field
//	newsletter      .Article.Site.Newsletter, .Labels (Newsletter, SignUp,
//	                EmailAddress) → <aside class="bs-newsletter"> with a POST form
//	site-footer     .Article.Site, .Article.Published → the copyright line
//	article         .Parts (ArticleHeader, Figure, KeyPoints, Explainers,
//	                ShareBar, Newsletter), .Body, .Dir → the <article>: the
//	                fragment
//	ticker          .View.Ticker (Items: Headline, URL, Lang), .TickerLabel,
//	                .DirOf, .Labels.BreakingNews → <section class="bs-ticker">
//	                (an item against the page's direction gets dir="auto"); run per
//	                page view; nothing without items
//	page            .Lang, .Dir, .Parts (Head, SiteHeader, Ticker, Article,
//	                SiteFooter), "style" → the whole document
//	style           nothing → <style> with Stylesheet
//
// Template functions: rfc3339 (a time for a datetime attribute), inc
// (i+1), and before and after, which split a label phrase around its
// placeholder ({{before .Labels.By "authors"}} is "By "). Methods of *Data
// for templates: BreakingBadge, Updated, Date (the locale's FormatTime),
// AuthorSeparator, TickerLabel and DirOf (dir="auto" for text whose first
// strong character runs against the page). [Header] holds their
// values for the article's header and figure, worked out once by Prepare:
// the embedded templates read those fields, because each function or
// method call in a template is a reflective call on every execution. A component's own
// template sees the parts executed before it (in the order of Parts'
// fields); "page" and "article" see them all. An override of "page" is
// executed for every page view (the embedded one is executed once per
// article around the ticker), so it may read .View.
//
// Every visible word comes from .Labels ([Labels]). By default they come
// from package locale's catalogue by the article's language
// ([Options].Catalogue, fr-CA → fr → en), with CLDR dates in
// [Options].TimeZone and dir="rtl" on <html> and the fragment's <article>
// for right-to-left languages; an English article reads exactly as the
// English defaults ([English]). [Options].Locale replaces the catalogue
// with a function of the article. The stylesheet uses logical properties
// (border-inline-start, padding-inline-start), so one CSS serves both
// directions; the ticker and share bar are flex rows that mirror with the
// page. The page needs no JavaScript
// and makes no third-party request: the share bar is plain links from
// package share, the newsletter form posts to the site's action URL, and
// the stylesheet ([Stylesheet]) is inlined, with light and dark colour
// schemes (prefers-color-scheme) and a print style.
//
// # Caching and concurrency
//
// A Renderer is safe for concurrent use. Renderer.Prepare does the
// per-article work once (check, metadata, sanitising, share links,
// components) and returns an immutable *Prepared; the Renderer keeps them
// by a 128-bit digest of every field of the article, its PrepareOptions
// and share image, so a page view of an article it has seen only runs the
// ticker template, and any change to the article is a new entry. Sanitised HTML is also cached by content.
// A new article of a site the Renderer has seen reuses what depends only
// on the site: the embedded "site-header", "newsletter" and "site-footer"
// read only the site, the labels and the year, and their output is kept
// by a digest of those (an override of one is executed for every
// article). Options.CacheBytes bounds these together. The embedded
// "page" and "article" read nothing but the language and direction
// besides the parts they insert, so each is executed once per language
// and direction with a marker for every part, and an article's page is
// that output with its parts in place of the markers: the same bytes,
// without running the template again. The embedded "key-points" and
// "explainers" are kept the same way, with a hole for each key point or
// explainer body, by the labels and number of key points and by the
// explainers' kinds and headings (within Options.CacheBytes).
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
// strings. Everything else is written by html/template, which escapes
// each value for its context (an override too); the tests parse every
// page back with golang.org/x/net/html and check each value comes back
// exactly, and a fuzz target holds that invariant for arbitrary text in
// every field. A Ticker's text is checked per view (no control
// characters, valid UTF-8, absolute http(s) URLs).
//
// The page runs no script and needs no 'unsafe-inline': a
// Content-Security-Policy can allow exactly its inline stylesheets by
// hash, style-src with [Prepared.StyleHashes] (which covers a stylesheet
// an override adds).
package render
