package share

import (
	"strings"
)

// escape percent-encodes s for a URL query value (or a mailto header
// value): every byte outside A–Z a–z 0–9 - . _ ~ becomes %XX, and a space
// becomes %20, never '+' (mail clients and WhatsApp show '+' literally).
// A string with nothing to encode is returned as it is.
func escape(s string) string {
	n := escapedLen(s)
	if n == len(s) {
		return s
	}
	return string(appendEscape(make([]byte, 0, n), s))
}

// escapedLen is len(escape(s)).
func escapedLen(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		if !unreservedTable[s[i]] {
			n += 2
		}
	}
	return n
}

// appendEscape appends escape(s) to b: runs of unreserved bytes in one
// append, each other byte as %XX.
func appendEscape(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreservedTable[c] {
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, '%', hex[c>>4], hex[c&15])
		start = i + 1
	}
	return append(b, s[start:]...)
}

// unreservedTable marks RFC 3986's unreserved characters (A–Z a–z 0–9
// - . _ ~), which stay as they are.
var unreservedTable = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~'
	}
	return t
}()

// urlBuf builds share URLs in one reused buffer: base, then "?" or "&",
// key, "=" and the percent-encoded value for each parameter. Each URL
// costs one allocation, its String.
type urlBuf struct {
	b      []byte
	params bool
}

// start begins a URL at base.
func (q *urlBuf) start(base string) {
	q.b = append(q.b[:0], base...)
	q.params = false
}

// key starts a parameter; its value is appended with esc, raw or dest.
func (q *urlBuf) key(k string) {
	if q.params {
		q.b = append(q.b, '&')
	} else {
		q.b = append(q.b, '?')
		q.params = true
	}
	q.b = append(q.b, k...)
	q.b = append(q.b, '=')
}

// add writes key=escape(value); an empty value is left out.
func (q *urlBuf) add(k, value string) {
	if value == "" {
		return
	}
	q.key(k)
	q.esc(value)
}

// esc appends escape(s) to the current value.
func (q *urlBuf) esc(s string) { q.b = appendEscape(q.b, s) }

// raw appends s, already percent-encoded, to the current value.
func (q *urlBuf) raw(s string) { q.b = append(q.b, s...) }

// String returns the URL.
func (q *urlBuf) String() string { return string(q.b) }

// stripCRLF replaces CR and LF (and the other line breaks) with a space:
// a mailto subject or a one-line text must not carry a header break.
func stripCRLF(s string) string {
	if !strings.ContainsAny(s, "\r\n\u2028\u2029\u0085") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == '\r' || r == '\n' || r == '\u2028' || r == '\u2029' || r == '\u0085'
	}), " ")
}
