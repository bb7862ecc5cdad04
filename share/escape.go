package share

import (
	"strings"
)

// escape percent-encodes s for a URL query value (or a mailto header
// value): every byte outside A–Z a–z 0–9 - . _ ~ becomes %XX, and a space
// becomes %20, never '+' (mail clients and WhatsApp show '+' literally).
func escape(s string) string {
	var b strings.Builder
	escapeTo(&b, s)
	return b.String()
}

// escapeTo writes escape(s) to b: runs of unreserved bytes in one write,
// each other byte as %XX.
func escapeTo(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreservedTable[s[i]] {
			n++
		}
	}
	if n == 0 {
		b.WriteString(s)
		return
	}
	b.Grow(len(s) + 2*n)
	pct := [3]byte{'%'}
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreservedTable[c] {
			continue
		}
		b.WriteString(s[start:i])
		pct[1], pct[2] = hex[c>>4], hex[c&15]
		b.Write(pct[:])
		start = i + 1
	}
	b.WriteString(s[start:])
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

// query builds a URL query string. Empty values are left out.
type query struct {
	b strings.Builder
}

func (q *query) add(key, value string) {
	if value == "" {
		return
	}
	if q.b.Len() > 0 {
		q.b.WriteByte('&')
	}
	q.b.WriteString(key)
	q.b.WriteByte('=')
	escapeTo(&q.b, value)
}

// join returns base + "?" + the query (or base alone if it is empty).
func (q *query) join(base string) string {
	if q.b.Len() == 0 {
		return base
	}
	return base + "?" + q.b.String()
}

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
