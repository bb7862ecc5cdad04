// Package markdown reads a news article written in Markdown: YAML front
// matter holding the same members as the article JSON, then the body.
//
//	---
//	url: https://news.example.com/local/harbour-wall
//	headline: Harbour wall repairs delayed until spring
//	published: 2026-11-26T10:30:00+01:00
//	authors:
//	  - name: Sol Brightwater
//	key_points:
//	  - The contractor wants **three more months**.
//	explainers:
//	  - kind: why_it_matters
//	    body: The wall protects [the slipway](https://news.example.com/slipway).
//	site:
//	  name: The Kestrel Courier
//	  url: https://news.example.com/
//	---
//	The council says the *repairs* will now start in March.
//
// Read it with [Decode], or with [DecodeAndValidate], which also validates
// it:
//
//	a, findings, err := markdown.DecodeAndValidate(f, "harbour-wall.md", markdown.Options{})
//
// # Mapping
//
// The front matter's keys are the article JSON's member names (snake_case:
// social_headline, key_points, facebook_app_id, …), nested the same way,
// with the same types and the same strict rules: an unknown key, a value
// of the wrong type, an unknown kind or a time without a UTC offset is an
// error finding that names the key's JSON path, the file and the line.
// YAML's own types are kept, so a headline that YAML reads as a number
// ("1984") must be quoted; "no" and "yes" are strings, as in YAML 1.2.
// Anchors and aliases are refused.
//
// The Markdown after the front matter is the body. key_points entries are
// inline Markdown and explainers[i].body is Markdown; a result that is one
// paragraph is unwrapped, so they stay inline. The dialect is CommonMark
// with GitHub's extensions (tables, strikethrough, autolinks, task lists),
// through github.com/yuin/goldmark. A "body" key in the front matter is an
// error: the body is the Markdown.
//
// # Security
//
// The HTML this package makes is the article's untrusted HTML, exactly
// like the body of an article JSON document: raw HTML in the Markdown is
// kept as it is (goldmark's unsafe mode), and package render cleans body,
// key points and explainers with package sanitize, as it does for JSON.
// Never put the result into a page without that. Plain-text members
// (headline, names, captions) are plain text, as in JSON: Markdown there is
// not rendered, and markup is a validation error.
//
// Untrusted files are bounded before they cost much: a file is read whole
// up to Options.MaxBytes ([DefaultMaxBytes], 2 MiB); the front matter is
// limited to 100,000 YAML values and YAML's own depth limit; every field
// to article's limits. CommonMark parsers, goldmark among them, take time
// quadratic in the number of some constructs, so Markdown is checked
// first and refused with [ErrTooComplex] when a line nests block quotes
// or lists more than 32 deep, holds more than 512 table cells, or when a
// block of text (lines between blank lines) holds so many inline
// delimiters ([ ] ( * _ ` < ! ~) for its length that the count times the
// length passes 16 million (a 1 KB paragraph with 50 of them costs
// 50,000), or 256 million summed over the file.
package markdown
