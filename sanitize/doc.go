// Package sanitize turns untrusted article HTML into safe HTML, and any HTML
// into plain text cut to a budget without ever splitting a character.
//
// Plain text for titles, meta descriptions and social posts:
//
//	text := sanitize.Text(a.Body)                 // tags gone, entities decoded once
//	desc := sanitize.Description(a.Body, 160)     // Text, then Truncate
//	post := sanitize.TruncateFunc(text, 280, xCount) // measured by the caller's Counter
//
// Truncate counts grapheme clusters (what a reader sees as characters,
// github.com/rivo/uniseg); it prefers a word boundary, falls back to a
// grapheme boundary in text without spaces, and counts the "…" it appends
// inside the budget.
//
// # Security
//
// Text and Description return plain text: it holds no markup, but it is not
// escaped either. Put it into a page through html/template (which escapes
// it), never through template.HTML.
package sanitize
