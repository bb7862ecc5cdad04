package render

import (
	"strings"
	"unicode/utf8"
)

// The components render pre-builds (head tags, lists, the share bar) are
// written with the two functions below and nothing else: every value goes
// through escapeText, in element content or in a double-quoted attribute,
// and every URL attribute value is one that passed article.CheckURL (or was
// built by package share). The escaping is html/template's for those two
// contexts: & < > " ' become references, NUL becomes U+FFFD, invalid UTF-8
// becomes U+FFFD. A fuzz test parses the output back with x/net/html and
// checks every value comes back exactly.

// escapeText appends s to b with &, <, >, " and ' escaped, so it is safe
// in element content and in a double- or single-quoted attribute value.
func escapeText(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var rep string
		n := 1
		switch {
		case c == '&':
			rep = "&amp;"
		case c == '<':
			rep = "&lt;"
		case c == '>':
			rep = "&gt;"
		case c == '"':
			rep = "&#34;"
		case c == '\'':
			rep = "&#39;"
		case c == 0:
			rep = "\uFFFD"
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			n = size
			if r == utf8.RuneError && size == 1 {
				rep = "\uFFFD"
			}
		}
		if rep != "" {
			b.WriteString(s[last:i])
			b.WriteString(rep)
			last = i + n
		}
		i += n
	}
	b.WriteString(s[last:])
}

// element writes <name attr="value"…>text</name>; attrs alternate names
// and values. Names are constants of this package; values are escaped.
func element(b *strings.Builder, name, text string, attrs ...string) {
	startTag(b, name, attrs...)
	escapeText(b, text)
	b.WriteString("</")
	b.WriteString(name)
	b.WriteByte('>')
}

// startTag writes <name attr="value"…>.
func startTag(b *strings.Builder, name string, attrs ...string) {
	b.WriteByte('<')
	b.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		b.WriteByte(' ')
		b.WriteString(attrs[i])
		b.WriteString(`="`)
		escapeText(b, attrs[i+1])
		b.WriteByte('"')
	}
	b.WriteByte('>')
}
