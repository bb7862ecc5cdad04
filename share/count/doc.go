// Package count measures text the way each social network does before it
// accepts a post, so that a text fitted here is accepted there.
//
//	r := count.X("Council votes 7–4 🗳️ https://news.example.com/a")
//	fmt.Println(r.WeightedLength, r.Valid) // 39 true
//	g, b := count.Bluesky(text)           // graphemes and bytes
//	n := count.Mastodon(text)             // every URL 23, @user@host as @user
//
// Every network counts differently:
//
//   - [X]: twitter-text v3 exactly (NFC first, every URL 23, emoji
//     sequences 2, weights by code-point range); [XLimit] 280. It agrees
//     with twitter-text 3.1.0 on its whole conformance suite and on a
//     differential corpus run against the npm package.
//   - [Bluesky]: grapheme clusters and UTF-8 bytes; 300 and 3000.
//   - [Mastodon]: grapheme clusters after every URL (found by Mastodon's
//     own rules) becomes 23 characters and every remote mention @user;
//     500 by default, per instance.
//   - [Threads]: code points, except that an emoji counts its UTF-8 bytes;
//     500, and at most five links ([Links]).
//   - [Telegram]: UTF-16 units of a parse_mode HTML text after entity
//     parsing; 4096 for a message, 1024 for a caption.
//   - [UTF16]: UTF-16 units (JavaScript's String.length), which LinkedIn
//     and Facebook count in.
//
// Grapheme clusters are counted as sanitize.Graphemes counts them (Unicode
// 15.0 through github.com/rivo/uniseg).
//
// Package share uses these counters to fit its posts; this package does
// not build or cut text itself.
//
// # Security
//
// Every function takes untrusted text of any size and any bytes (invalid
// UTF-8 counts as U+FFFD would) and never panics. The work is linear in
// the length of the text: the URL scanners memoise what they try at each
// position, so a text of many dotted labels ("a.a.a.…") or of one long
// run without spaces costs no more than its length. A caller measuring
// text from strangers should still bound its size first, as package share
// does.
//
// The functions are safe for concurrent use; they keep no state between
// calls (scratch buffers come from a sync.Pool).
package count
