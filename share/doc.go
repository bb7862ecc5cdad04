// Package share builds what an article needs to be shared: share-intent
// links for every live network, post texts fitted to each network's own
// counting rules, and the exact request bodies of the networks' posting
// APIs. It is pure: no network I/O and no mutable global state; it reads
// the clock only when a caller leaves a timestamp (Bluesky's createdAt, the
// "now" of a Facebook schedule check) zero.
//
// # Links for a share bar
//
// Links returns one Link per network, ready to draw without JavaScript:
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
// not ship. WebShare returns the {title, text, url} for navigator.share.
// DefaultNetworks is the usual bar; AllNetworks lists every network.
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
// a broken link: Pinterest needs an image (ErrMissingImage), Messenger a
// Facebook app id (ErrMissingAppID), Mastodon in MastodonInstance or
// MastodonCustom mode an instance or template (ErrMissingInstance).
// Mastodon has three modes: the official chooser share.joinmastodon.org
// (the default), one fixed instance, or a chooser template of the
// caller's.
//
// Left out on purpose: Pocket (shut down July 2025), Skype (retired May
// 2025), Google+ (closed 2019) have no live service; Instagram has no web
// share intent at all, so no link to it can prefill anything.
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
// even the URL cannot fit, the error is a *TooLongError.
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
// absolute http(s) (ErrInvalidURL otherwise), as must image and template
// URLs. Links are plain data: render them with html/template, which
// escapes them for the attribute they go in.
package share
