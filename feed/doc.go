// Package feed writes a list of articles as the syndication formats
// publishers are expected to offer: RSS 2.0, Atom 1.0, JSON Feed 1.1, a
// sitemap with image entries and a Google News sitemap.
//
//	o := feed.Options{Channel: feed.Channel{SelfURL: "https://news.example.com/feed.xml"}}
//	err := feed.RSS(w, articles, o)          // newest first, as given
//	err = feed.Atom(w, articles, o)
//	err = feed.JSON(w, articles, o)
//	err = feed.Sitemap(w, articles, o)
//	err = feed.NewsSitemap(w, articles, o)   // only the last two days
//
// Each function writes the articles in the order given (package site's
// Collection.Latest gives them newest first) and takes the channel's
// title, link, description and language from Options.Channel, or, where a
// field is empty, from the first article's site.
//
// # Formats
//
// RSS 2.0 (https://www.rssboard.org/rss-specification) carries each
// author as dc:creator (Dublin Core; RSS's own <author> must be an email
// address), the section and tags as <category>, the standfirst as
// <description>, the sanitised body as content:encoded, and the lead image
// (or Options.Image's) as media:content (Media RSS) with its width,
// height, type and alt text: an <enclosure> would need the image's length
// in bytes, which an article does not hold. The channel links itself with
// atom:link rel="self".
//
// Atom 1.0 (RFC 4287) entries have the canonical URL as id and alternate
// link, published and updated times, an <author> per byline (the feed's
// author is the site), <category term>, a text summary, the body as
// type="html" content and the image as a rel="enclosure" link.
//
// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) items have id,
// url, title, summary, content_html, image, dates, authors, tags and
// language.
//
// The sitemap (https://www.sitemaps.org/protocol.html) lists the home page
// and every article with its last modification, and each article's image
// as image:image (Google's image extension). It is limited to 50,000 URLs
// (ErrTooMany). The news sitemap
// (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap)
// lists only articles published in the two days before Options.Now, at
// most 1,000, with the publication's name and the ISO 639 language Google
// asks for.
//
// No library is used: github.com/gorilla/feeds v1.2.0, the usual choice,
// has no dc:creator or media:content, one category per item, writes
// Atom's <category> as element text instead of a term attribute, and
// misspells JSON Feed's banner_image; the formats are small enough to
// write with encoding/xml and encoding/json directly.
//
// # Security
//
// Articles are untrusted. Every URL written passes article.CheckURL
// (absolute http or https); an article whose URL or image URL fails is an
// error naming the article. Bodies pass through package sanitize's body
// policy before they are embedded, plain-text fields are written as text,
// and encoding/xml escapes every value (characters XML cannot hold become
// U+FFFD).
package feed
