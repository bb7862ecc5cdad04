// Package share builds what an article needs to be shared: share-intent
// links for every live network, post texts fitted to each network's own
// counting rules, and the exact request bodies of the networks' posting
// APIs. It is pure: no network I/O and no mutable global state; it reads
// the clock only when a caller leaves a timestamp (Bluesky's createdAt, the
// "now" of a Facebook schedule check) zero.
//
// # Links for a share bar
//
// [Links] returns one [Link] per network, ready to draw without JavaScript:
//
//	links, err := share.Links(a, share.Options{UTM: share.UTM{Content: "share_bar"}})
//	// err, if not nil, lists the networks left out (errors.Is(err, share.ErrMissingImage) …);
//	// links holds every link that could be built.
//	for _, l := range links {
//		// <a href="{{.TrustedHref}}" aria-label="{{.Label}}" style="--brand: {{.Color}}"
//		//    target="_blank" rel="noopener noreferrer">{{.Name}}</a>
//	}
//
// Each Link carries the network (its ID marshals as "x", "bluesky" …), the
// display Name, an accessible Label ("Share on Facebook"), the Href, the
// brand Color (#RRGGBB), a suggested Popup size (zero for links that
// open in place: mailto:, sms:, viber:, CopyLink) and AppOnly for links that
// need an installed app. CopyLink's Href is the article URL itself: show it in
// a read-only field or link; copying needs script, which this package does
// not ship. [WebShare] returns the {title, text, url} for navigator.share.
// [DefaultNetworks] is the usual bar; [AllNetworks] lists every network.
//
// Every Href is built from percent-encoded parts: spaces are %20 (never
// '+', which mail clients and WhatsApp show as a plus), nothing is encoded
// twice, and line breaks are removed from mail subjects and one-line
// texts. Each network gets the parameters it still honours: X text, url,
// hashtags (without '#') and via; Facebook u and a single hashtag (%23…);
// Threads text, url and one topic tag; Bluesky and Mastodon the hashtags
// inline in the text. X, Bluesky, Mastodon and Threads texts are fitted to
// their limits like posts (below).
//
// Networks that need something the article lacks get a typed error, never
// a broken link: Pinterest needs an image ([ErrMissingImage]), Messenger a
// Facebook app id ([ErrMissingAppID]), Mastodon in [MastodonInstance] or
// [MastodonCustom] mode an instance or template ([ErrMissingInstance]).
// Mastodon has three modes: the official chooser share.joinmastodon.org
// (the default), one fixed instance, or a chooser template of the
// caller's.
//
// Left out on purpose: Pocket (shut down July 2025), Skype (retired May
// 2025), Google+ (closed 2019) have no live service; Instagram has no web
// share intent at all, so no link to it can prefill anything.
//
// # Bounds
//
// Every Href is at most [MaxLinkLength] (8,000) bytes, under the 8 KiB
// request line web servers commonly accept. A link that would be longer
// carries less text, cut as posts are cut (sanitize.TruncateFunc on a word,
// else grapheme, boundary with "…"): first the standfirst (carried by
// Email's body, Tumblr's caption and OK's description), then the hashtags
// (Tumblr's tags; the inline tags of Bluesky and Mastodon), then the
// headline (every link that carries one: X, WhatsApp, Telegram, Reddit,
// Email, Bluesky, Mastodon, Threads, Pinterest, Hacker News, Lobsters,
// Teams, Tumblr, Flipboard, LINE, Viber, VK, OK, Weibo, SMS). The links
// that carry only URLs (Facebook, LinkedIn, XING, Messenger, CopyLink)
// stay far below the bound, except Messenger's, which names a URL of
// maximal length twice: it is then refused with a [*TooLongError] in
// [UnitBytes]. Posts and API bodies are bounded by each network's limit.
//
// Whatever the size of an article's text, share reads at most: 2,048
// bytes of its URL, image URL and a Mastodon template (a longer article
// URL is an error; a longer image URL leaves the image out); 4,096 bytes
// of its headline and standfirst, cut there on a word (else grapheme)
// boundary with "…"; its first 30 hashtags of at most 140 bytes each
// (longer ones are skipped: no network links them). So building every link and post of an
// article with a headline of megabytes costs what one of 4 KiB does
// (TestHugeTextIsBounded measures it: under 1.1 MB allocated for a 6 MB
// headline of combining marks or 9 MB of bidirectional controls).
//
// # Bidirectional controls
//
// Headlines and standfirsts may hold Unicode's bidirectional formatting
// controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069
// isolates). An unbalanced one would reorder what follows it: the URL and
// hashtags after a headline, or the text around a shared post ("invoice
// U+202E fdp.exe" shows as "invoice exe.pdf"). Every post, link and API
// body drops the unbalanced ones, pairing them as UAX #9 does (an
// embedding or override closed by PDF within its isolate, an isolate
// closed by PDI, at most 125 deep); balanced pairs stay, since they are
// how a right-to-left name is set inside left-to-right text. When a cut
// falls inside a pair, the opener goes too.
//
// # Campaign parameters
//
// Destination URLs get utm_source=<network ID>, utm_medium=social (email
// for Email, sms for SMS) and utm_campaign (default "share"; set
// UTM.Campaign, UTM.Content, or UTM.Off). The article's existing query and
// fragment are kept byte for byte; the canonical URL itself is never
// changed, and CopyLink, Hacker News and Lobsters get it clean because their
// links are republished as they are.
//
// # Posts fitted to each network
//
// [Compose] and [Posts] return a [Post]: the text, its Length in the
// network's own [Unit] and the Limit. The counting is each network's own,
// done by package [github.com/broadsheet/broadsheet/share/count]:
//
//   - X: [count.X], twitter-text v3 exactly; 280 weighted characters.
//   - Bluesky: 300 grapheme clusters and 3000 UTF-8 bytes ([count.Bluesky]).
//   - Mastodon: 500 by default ([MastodonOptions].MaxCharacters),
//     graphemes, every URL 23 and remote mentions as @user
//     ([count.Mastodon]).
//   - Threads: 500, emoji counted as UTF-8 bytes, at most 5 links, one
//     topic tag ([count.Threads]).
//   - LinkedIn: 3000. Facebook: 63,206 ([count.UTF16]). Telegram: 4096
//     for a message, 1024 for a caption, measured after entity parsing
//     ([count.Telegram]).
//
// A post reads "headline URL #tags" (X, Bluesky, Mastodon, Threads without
// the tags), or headline, standfirst and tags in paragraphs (Facebook and
// LinkedIn, whose APIs take the URL as the link card; Telegram, with the
// URL and the headline in <b>). Fitting keeps the URL whole, drops
// hashtags before words, then the standfirst, then cuts the headline with
// sanitize.TruncateFunc on a word (else grapheme) boundary with "…"; if
// even the URL cannot fit, the error is a [*TooLongError].
//
// [Build] returns the links, the posts and the Web Share data of one
// article in one call, equal to calling [Links], [Posts] and [WebShare]
// apart but cheaper: the article is checked once, and the networks whose
// link carries the post text fit it once.
//
// # API request bodies
//
// FacebookFeed, XTweet, BlueskyPost, MastodonStatus, LinkedInPost,
// ThreadsContainer/ThreadsPublish and TelegramMessage/TelegramPhoto are
// Go values that marshal to exactly what each API takes; the functions of
// the same family build them from an article. Sending them is the
// caller's job (package share/twitterv1 is the one adapter that sends, for
// X API v1.1).
//
// # Security
//
// Article text is untrusted. It only ever reaches a link as a
// percent-encoded query value, so it cannot change a link's scheme, host
// or parameters; Telegram HTML escapes &, < and >; LinkedIn commentary
// escapes every reserved little-text character. The article URL must be
// absolute http(s) ([ErrInvalidURL] otherwise), as must image and template
// URLs. Links are plain data: render them with html/template, which
// escapes them for the attribute they go in. Every input is bounded before
// any work proportional to it (see Bounds), and unbalanced bidirectional
// controls never reach an output (see Bidirectional controls).
package share
