// Package extract turns a published web page into an [article.Article]:
// the way in for publishers whose articles already exist as HTML on their
// site or in their CMS.
//
//	res, err := extract.Page(html, "https://news.example.com/a/1", extract.Options{})
//	if err != nil { … }        // errors.Is(err, extract.ErrNoHeadline), ErrNoURL: res is still set
//	res.Article                // the article; fields the page did not state are empty
//	res.Report.WriteText(os.Stderr) // where each value came from
//
// # Sources, in order of trust
//
// For each field the extractor reads every source the page offers and
// keeps the most trusted one that gives a usable value:
//
//  1. JSON-LD (schema.org): every <script type="application/ld+json">
//     block, with @graph flattened, {"@id": …} references followed and
//     @type arrays understood. The main entity is the article-typed object
//     (NewsArticle, Article, BlogPosting, ReportageNewsArticle, …) that
//     names this page as its own (url, @id, mainEntityOfPage) or that the
//     WebPage names as its mainEntity, not a related story, a video or a
//     list entry.
//  2. Open Graph and article:* (ogp.me), then X (twitter:*) cards.
//  3. Dublin Core (DC.*, dcterms.*), Parse.ly (parsely-*), and the
//     common name= tags (author, description, keywords, date…).
//  4. Microdata (itemscope/itemprop) and RDFa Lite (typeof/property).
//  5. What a reader sees: <time> elements marked as the publication time,
//     hAtom classes (published, updated), bylines (rel=author, class
//     byline/author) and datelines, and a date in the URL's path.
//  6. Readability-style body extraction (codeberg.org/readeck/go-readability),
//     which also supplies a last-resort title, byline and excerpt.
//
// [Report] names the source of every filled field, and its findings say
// what was refused and why.
//
// # Dates
//
// Published and Modified come with a [Precision]. A date and time with an
// offset is exact. A time without a zone is read in [Options.Zone] when the
// caller knows the publisher's zone; otherwise only its calendar date is
// kept, as midnight (UTC, or in Options.Zone) with PrecisionDate — a
// placeholder the report marks as such, never a guessed time. When the
// trusted sources disagree about the day, the better supported value wins
// (each kind of source is one vote: JSON-LD, meta tags, microdata, <time>,
// visible text, URL); when support is even, the field is left empty, since
// a wrong date is worse than none. Years outside 1990–2100 and ambiguous
// forms such as 03/04/2015 are not read.
//
// # Authors
//
// Names are cleaned of "By", job titles and desks ("Jane Roe, Senior
// Reporter", "Jane Roe Games Editor"), datelines ("in London"), e-mail
// addresses, links, handles and credits ("Edited by …"); "A and B", "A, B"
// and "A (with B)" become several authors, while "Roe, Jane" stays one; an
// agency or outlet credited beside a person ("Jane Roe, CNN", "| Reuters")
// is an affiliation and is dropped. A source naming only an organisation
// gives way to a person the page visibly credits. Visible bylines are
// marked ones (rel=author, class byline/author) before plain "By …" lines,
// and those in the article or after its <h1> before those elsewhere;
// bylines and datelines inside comments, related stories and sidebars are
// ignored. Profile URLs and X handles are kept when the page marks
// them up (JSON-LD url and sameAs, rel=author links, twitter:creator).
//
// # Body, key points, explainers, image
//
// The body is Readability's pick, sanitised with [sanitize.BodyPolicy] with
// the article URL as base, so links and images are absolute. A list under
// a "Key points", "Summary", "At a glance" (and similar) heading becomes
// KeyPoints; sections headed "Why it matters", "What it means for you",
// "Background", "What happens next" become Explainers. The lead image is
// the largest stated candidate from the structured data (else the largest
// sized picture in the article), never a tracking pixel, icon, avatar or
// logo; an image the page gives no alt text or size for is kept out of the
// article (it would not validate) unless [Options.KeepIncompleteImage].
//
// # Fetching
//
// [Page] never touches the network. [Fetch] is the separate, careful step:
// a total deadline, a 10 MB cap after decompression, at most five
// redirects, gzip and brotli, the declared charset honoured, an honest
// User-Agent. [NewClient] builds the *http.Client to give it, whose dialer
// checks every resolved IP address at connect time ([DialControl]) and
// refuses loopback, private, link-local (cloud metadata), shared and
// reserved addresses unless [ClientOptions] allows them.
//
// # Security
//
// The page is untrusted. Plain-text fields hold decoded text with markup
// removed; the body, key points and explainers are sanitised HTML; every
// URL is checked to be absolute http(s). Malformed JSON-LD is skipped with
// a finding. Input over [MaxPageBytes] is refused. Page never panics on
// input, and its article always encodes to JSON that article.Decode
// accepts (the fuzz test checks both). Fetch's address check is only as
// good as the client it is given: use NewClient, or DialControl in your
// own transport.
//
// Page and Fetch are safe for concurrent use.
package extract
