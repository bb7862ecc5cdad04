// Package serve is an http.Handler for a whole site: article pages, their
// fragments, metadata and share links, share cards (the og:image of an
// article without a picture of its own), the index, feeds, sitemaps and
// oEmbed. It holds under load: every response is cached by content with an
// entity tag, a conditional request is answered before anything renders,
// concurrent requests for the same thing share one render, and renders are
// bounded in number and time.
//
//	c, err := site.Load(site.Options{Site: cfg}, "articles/")
//	h, err := serve.New(c, serve.Options{PublicURL: "https://news.example.com/"})
//	mux.Handle("/", h)                                   // or under a prefix:
//	mux.Handle("/news/", http.StripPrefix("/news", h))
//
// New never touches http.DefaultServeMux: mount the handler where you
// like. Its Source is a *site.Collection, a *site.Live (which a reloader
// swaps), or a CMS-backed type with the same four methods.
//
// # Listings
//
// The index and the feeds show the newest Options.ListSize articles. A
// Source that is Indexed (a collection) has every article in its sitemap:
// one file while it fits the protocol's limits (50,000 URLs, 50 MiB),
// otherwise /sitemap.xml is a sitemap index of /sitemaps/1.xml, 2.xml, …,
// each within the limits; and its news sitemap lists every article of the
// last two days, the newest 1,000 when there are more (Google News reads
// no more from one file). Listing a collection reads only its entries
// (site.Entry), never the articles, apart from the newest for the
// site's name.
//
// # Routes
//
// Paths are relative to where the handler is mounted; the layout is
// package site's, so a static build gives the same URLs.
//
//	/                              the index: the newest articles
//	/{canonical path}              an article's page at the path of its canonical URL
//	/a/{id}                        the same page by id
//	/a/{id}/fragment               the article alone, for a publisher's layout or an iframe
//	/a/{id}/meta.json              the resolved metadata (package render's Meta)
//	/a/{id}/share.json             share links (package share)
//	/cards/{id}/{spec}.{hash}.png  a share card at a content-hashed URL: cached for a year, immutable
//	/cards/{id}/{spec}.png         the same card's stable alias: cached for five minutes
//	                               (photo cards: .jpg)
//	/feed.xml /atom.xml /feed.json RSS 2.0, Atom 1.0, JSON Feed 1.1 (package feed)
//	/sitemap.xml /news-sitemap.xml the sitemap and the Google News sitemap
//	/sitemaps/{n}.xml              part n of a sitemap too long for one file (see Indexed)
//	/oembed?url=…&format=json      oEmbed 1.0, type rich: an iframe of the fragment; every page
//	                               names it in a discovery <link> (Options.NoOEmbedLink leaves it out)
//	/healthz                       200 "ok" while the source answers
//
// A card spec is WIDTHxHEIGHT-standard, WIDTHxHEIGHT-photo or
// WIDTHxHEIGHT-keypoint-N (1200x630-standard, 1200x630-photo,
// 1080x1080-keypoint-2); photo cards are JPEGs (.jpg), the others PNGs. A
// spec that does not parse, a side outside card.MinSide..card.MaxSide, more
// than Options.MaxCardPixels pixels, or the photo layout on a handler
// without Options.LeadImage (it needs the lead image's pixels) is a 400; a
// key point the article does not have, a photo card of an article without
// a lead image, or a lead image LeadImage cannot find is a 404; a lead
// image that cannot be read or decoded is a 502. The index links a
// key-point card only for articles with key points. The og:image of an article without an image is its
// 1200x630-standard card at its hashed URL, absolute from
// Options.PublicURL or, when that is empty, from the request's scheme,
// Host and mount prefix.
//
// # Caching
//
// Every response has an entity tag and is answered 304 when
// If-None-Match holds it; pages, fragments and metadata get theirs from
// the prepared article before the page is rendered. HEAD is answered
// without a body. HTML, XML and JSON are gzipped when the client accepts
// it (with Vary: Accept-Encoding and a tag of their own). Unknown query
// parameters are ignored, so they cannot multiply cache entries. Rendered
// responses are kept in a cache bounded by Options.CacheBytes (least
// recently used out first), keyed by the source's version, so a reloaded
// source is served fresh while unchanged cards keep their hash. At most
// Options.MaxRenders renders run at once; requests for the same response
// share one render (a thousand concurrent requests for one cold card draw
// it once); a request waits at most Options.RenderTimeout, then gets 503
// with Retry-After.
//
// # Security
//
// Only GET and HEAD are served (405 otherwise). Every response carries
// X-Content-Type-Options: nosniff and Referrer-Policy:
// strict-origin-when-cross-origin; pages and listings a
// Content-Security-Policy (DefaultCSP: no script at all — JSON-LD is a
// data block, not script — and frame-ancestors 'none'; styles only by
// the hash of the page's own inline stylesheet, added to style-src per
// page, so no 'unsafe-inline') with
// X-Frame-Options: DENY; the fragment may be framed by
// Options.FrameAncestors (the oEmbed iframe, sandboxed). Article text
// reaches pages only through package render; the index and oEmbed escape
// every value. Without Options.PublicURL the base URL comes from the Host
// header, which is checked for a host name's characters, and every cache
// key includes it, so one client's Host cannot change what another sees;
// set PublicURL in production. Errors are plain text, never cached, and
// never echo the request.
package serve
