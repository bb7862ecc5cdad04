package share

import (
	"net/url"
	"strings"
)

// escape percent-encodes s for a URL query value (or a mailto header
// value): every byte outside A–Z a–z 0–9 - . _ ~ becomes %XX, and a space
// becomes %20, never '+' (mail clients and WhatsApp show '+' literally).
func escape(s string) string {
	e := url.QueryEscape(s)
	if strings.IndexByte(e, '+') < 0 {
		return e
	}
	// QueryEscape writes a literal '+' as %2B, so every '+' left is a space.
	return strings.ReplaceAll(e, "+", "%20")
}

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
	q.b.WriteString(escape(value))
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
