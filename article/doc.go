// Package article defines broadsheet's news article model, reads and writes
// it as JSON with nothing lost, and checks it.
//
// An Article holds a headline, standfirst, key points, body, explainer
// sections, bylines, dates, section, tags, a lead image, a canonical URL and
// the Site it belongs to. Every other broadsheet package takes one.
//
// Read an article from a file, check it, and stop on errors:
//
//	a, findings, err := article.DecodeAndValidate(r, article.DecodeOptions{})
//	for _, f := range findings {
//		fmt.Println(f) // "article: authors[0].url: …", warnings included
//	}
//	if err != nil {
//		return err // unreadable, or some finding is an error
//	}
//
// The steps are there on their own too: [Decode] reads strictly (unknown
// fields are errors with paths) within a size limit, [Article.Normalize]
// tidies a CMS export, [Article.Validate] returns an error only when some
// finding is an error, and [Article.Check] lists every finding, warnings
// included. [Article.Clone] makes a deep copy.
//
// # Trust
//
// Plain-text fields (headline, standfirst, names, captions, alt text) hold
// decoded text, never HTML or entities. HTML fields (Body, KeyPoints,
// Explainer.Body) are untrusted; only package sanitize turns them into
// markup. Validation refuses markup in plain-text fields and any URL that is
// not absolute http(s), so javascript:, data:, relative and
// protocol-relative URLs never reach a page or a payload.
//
// # Findings
//
// Decode, Check and Validate report problems as [Finding] values, each with
// the field's JSON path ("authors[1].url"), a stable code, a message and a
// severity; errors come inside a *[ValidationError] that unwraps to
// sentinel errors ([ErrRequired], [ErrInvalidURL], [ErrTooLong], …).
// Errors (E) block rendering; warnings (W) are advice, and never make
// Validate fail. The rules, from the Open Graph protocol, X Cards, Facebook's
// sharing guides and Google's Article documentation:
//
//	field                   rule                                                    severity  code
//	url                     required; absolute http(s)                              E  required, invalid_url
//	url                     no fragment                                             E  url_fragment
//	url                     no utm_*, fbclid, gclid, dclid, msclkid, … parameter    E  tracking_param
//	url                     same scheme and host as site.url                        E  origin
//	any URL field           absolute http(s) with a host; no user info; no raw      E  invalid_url
//	                        white space, control or invisible characters, nor
//	                        " < > \ ^ ` { | } (percent-encode them); javascript:,
//	                        data:, vbscript:, relative and //host URLs refused
//	headline                required; no markup or control characters               E  required, markup, control_char
//	headline                over 110 characters                                     W  too_long
//	social_headline         over 70 characters (twitter:title)                      W  too_long
//	standfirst              empty (description falls back to the body)              W  missing_description
//	standfirst              over 200 characters (twitter:description)               W  too_long
//	plain-text fields       HTML entity left in (Normalize decodes it)              W  entity
//	plain-text fields       bidirectional controls U+202A–202E, U+2066–2069         W  bidi_control
//	every field and list    over its hard limit (below)                             E  too_large
//	language                valid BCP 47 tag (en-GB; not en_GB)                     E  invalid_language
//	published               required, with an explicit UTC offset, not zero         E  required, no_offset, invalid_time
//	modified                before published (it will be left out)                  W  modified_before_published
//	authors[i].name         required; no "By" prefix; one person per entry          E / W  required, name_prefix, several_people
//	authors[i].x, site.x    ^@?[A-Za-z0-9_]{1,15}$                                  E  invalid_handle
//	….bluesky               a domain handle (name.bsky.social)                      E  invalid_handle
//	….mastodon              @user@host                                              E  invalid_handle
//	key_points[i]           not empty                                               E  required
//	body                    required                                                E  required
//	explainers[i].kind      a known kind; custom needs a title; body required       E  invalid_kind, required
//	image.url               http (no og:image:secure_url) or SVG (X refuses it)     W  insecure_image, image_type
//	image.alt               required; at most 420 characters; not the caption       E / W  required, too_long, alt_is_caption
//	image.width, .height    positive; at least 200 px (Facebook's minimum)          E  required, too_small
//	image                   under 1200×630 (Facebook, Google Discover)              W  small_image
//	image.type              image/jpeg, png, webp or gif                            W  image_type
//	tags, hashtags          not empty; duplicates (case-insensitive)                E / W  required, duplicate
//	hashtags[i]             letters, digits and _ only; no leading '#'              E / W  invalid_hashtag, hashtag_prefix
//	hashtags[i]             over 64 characters (Bluesky's longest tag)              W  too_long
//	site.name, site.url     required                                                E  required
//	site.locale             ll_CC (en_GB; ar_AR and es_LA accepted); "en" or a      E / W  invalid_locale, locale_form
//	                        charset suffix refused; en-GB warned (Normalize fixes)
//	site.facebook_app_id    digits                                                  E  invalid_value
//	site.time_zone          an IANA zone name (Europe/London), not "Local"          E  invalid_value
//	site.newsletter         action URL required; a title or a pitch                 E  required
//
// Hard limits keep a hostile document cheap: a field over its limit is an
// error that names it (code too_large, unwrapping to ErrTooLong) and is
// not checked further, before any other package renders or shares it.
// They are far above real use; sizes are bytes of UTF-8.
//
//	field                                        limit
//	id                                           200 bytes
//	url and every other URL field                2,048 bytes (sitemaps.org's longest URL)
//	headline, social_headline, image.alt         2,000 bytes
//	standfirst, image.caption, newsletter.pitch  5,000 bytes
//	kicker, section, authors[i].name,            500 bytes
//	explainers[i].title, image.credit,
//	site.name, site.tagline, newsletter.title
//	tags[i], hashtags[i]                         200 bytes
//	language, site.locale, image.type,           100 bytes
//	site.facebook_app_id, site.time_zone,
//	newsletter.button
//	handles (x, bluesky, mastodon)               320 bytes
//	key_points[i]                                10,000 bytes
//	explainers[i].body                           100,000 bytes
//	body                                         the document's 10 MiB
//	tags, hashtags, authors, key_points,         100, 50, 100, 50 and 20 entries
//	explainers
//
// Decoding adds its own findings, all errors: unknown_field,
// duplicate_field, invalid_type, invalid_value (unknown kinds), no_offset
// and invalid_time.
//
// # JSON
//
// [Decode] is strict and bounded ([DefaultMaxBytes], 10 MiB, unless
// [DecodeOptions].MaxBytes says otherwise); it is the one way to read
// article JSON. Encode writes
// indented JSON without HTML escaping. Decoding then encoding gives back
// the same JSON value: members holding their zero value are left out (a
// byline's "kind": "person" is the zero value too), and a zero UTC offset
// is written as Z (RFC 3339 defines it as equal to +00:00).
package article
