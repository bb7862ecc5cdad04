package sanitize

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Text returns the plain text of an HTML fragment, as a reader would see
// it on one line: the text of the elements in document order, with
// character references decoded exactly once, runs of white space collapsed
// to one space (a lone no-break space between words is kept), no leading or
// trailing space, and a word separator wherever a block element (p, li, td,
// br, h2, …) starts or ends, so "<p>one</p><p>two</p>" reads "one two"
// while "<b>wo</b>rd" reads "word".
//
// Nothing of markup reaches the result: tags, comments, doctypes and
// processing instructions are dropped, and so is the content of script,
// style, template, noscript, iframe, noembed, noframes, textarea, title,
// xmp and plaintext elements. Attribute values (alt, title) are not text.
// NUL and other control characters are dropped, invalid UTF-8 becomes
// U+FFFD, so the result is always valid UTF-8 with no control characters.
//
// html is untrusted; Text never fails and runs in time linear in len(html).
// The result is plain text for a text context (a title, a meta description,
// a post): it is not safe to insert into HTML without escaping.
func Text(html string) string {
	if !strings.ContainsAny(html, "<&") {
		return plain(html)
	}
	var w textWriter
	w.b.Grow(len(html) / 2)
	textTo(&w, html)
	return w.b.String()
}

// plain collapses white space and drops controls in text that holds no
// markup; it returns s itself (no allocation) when s is already clean.
func plain(s string) string {
	if clean(s) {
		return s
	}
	var w textWriter
	w.b.Grow(len(s))
	w.write(s)
	return w.b.String()
}

// clean reports whether s is already in Text's output form: no controls,
// no invalid UTF-8, no leading or trailing space, and no white space but
// single ASCII spaces and lone no-break spaces between words.
func clean(s string) bool {
	prevSpace := true // at the start, as after a space: no leading space
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
			case c < 0x20 || c == 0x7f:
				return false
			default:
				prevSpace = false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1, dropRune(r):
			return false
		case isNoBreak(r):
			if prevSpace {
				return false
			}
			prevSpace = true
		case isSpace(r):
			return false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

// textTo writes the text of the HTML fragment src to w.
func textTo(w *textWriter, src string) {
	z := html.NewTokenizer(strings.NewReader(src))
	skip := ""    // the raw-text element whose content is being dropped
	template := 0 // depth of open template elements
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			// io.EOF at the end; a strings.Reader yields no other error.
			return
		case html.TextToken:
			if skip != "" || template > 0 {
				continue
			}
			w.writeBytes(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			name := tagName(z.Raw())
			kind := tagKinds[name].kind
			if skip != "" {
				continue
			}
			switch {
			case kind&kindTemplate != 0:
				template++
			case kind&kindRaw != 0:
				// The tokenizer reads the next token as raw text up to the
				// matching end tag (even for <script/>, as browsers do).
				skip = name
			}
			if kind&kindBlock != 0 {
				w.separate()
			}
		case html.EndTagToken:
			name := tagName(z.Raw())
			kind := tagKinds[name].kind
			if skip != "" {
				if name == skip {
					skip = ""
				}
				continue
			}
			if kind&kindTemplate != 0 && template > 0 {
				template--
			}
			if kind&kindBlock != 0 {
				w.separate()
			}
		}
	}
}

// tagName returns the lower-cased ASCII name of the tag whose raw source is
// raw ("<P class=x>", "</li >"), or "" when it is not one Text cares about.
// It avoids the tokenizer's TagName, which allocates on every call.
func tagName(raw []byte) string {
	i := 1
	if i < len(raw) && raw[i] == '/' {
		i++
	}
	var buf [12]byte
	n := 0
	for ; i < len(raw); i++ {
		c := raw[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '/' || c == '>' {
			break
		}
		if n == len(buf) {
			return ""
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	// A map lookup with a converted key does not allocate, and returning
	// the table's own copy of the name keeps the result allocation-free.
	return tagKinds[string(buf[:n])].name
}

const (
	kindBlock    = 1 << iota // separates words
	kindRaw                  // content dropped; the tokenizer reads it as raw text
	kindTemplate             // content dropped; counted, since templates nest
)

type tagInfo struct {
	name string
	kind uint8
}

// tagKinds is a read-only table of the tags that matter to Text.
var tagKinds = func() map[string]tagInfo {
	m := map[string]tagInfo{"template": {"template", kindTemplate}}
	for _, t := range []string{"script", "style", "noscript", "iframe", "noembed", "noframes", "textarea", "title", "xmp", "plaintext"} {
		m[t] = tagInfo{t, kindRaw | kindBlock}
	}
	for _, t := range strings.Fields(`address article aside audio blockquote br button canvas caption
		center col colgroup dd details dialog dir div dl dt embed fieldset figcaption figure footer
		form h1 h2 h3 h4 h5 h6 header hgroup hr img input legend li main menu meter nav object ol
		optgroup option output p picture pre progress section select source summary table tbody td
		tfoot th thead tr track ul video wbr`) {
		m[t] = tagInfo{t, m[t].kind | kindBlock}
	}
	return m
}()

// textWriter accumulates collapsed plain text.
type textWriter struct {
	b       strings.Builder
	pending int  // white space seen since the last text: 0 none, 1 one no-break space, 2 collapse to ' '
	nb      rune // the lone no-break space when pending == 1
}

// separate records a word separator (a block boundary).
func (w *textWriter) separate() { w.pending = 2 }

func (w *textWriter) space(r rune) {
	if w.pending == 0 && isNoBreak(r) {
		w.pending, w.nb = 1, r
		return
	}
	w.pending = 2
}

// flush writes the pending separator before new text, unless the text so
// far is empty (no leading space).
func (w *textWriter) flush() {
	switch {
	case w.pending == 0:
	case w.b.Len() == 0:
	case w.pending == 1:
		w.b.WriteRune(w.nb)
	default:
		w.b.WriteByte(' ')
	}
	w.pending = 0
}

func (w *textWriter) write(s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// Copy a run of printable ASCII at once.
			j := i
			for j < len(s) && s[j] > ' ' && s[j] < 0x7f {
				j++
			}
			if j > i {
				w.flush()
				w.b.WriteString(s[i:j])
				i = j
				continue
			}
			if c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\v' {
				w.space(rune(c))
			}
			i++ // other ASCII controls are dropped
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		w.rune(r, n)
	}
}

func (w *textWriter) writeBytes(s []byte) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			j := i
			for j < len(s) && s[j] > ' ' && s[j] < 0x7f {
				j++
			}
			if j > i {
				w.flush()
				w.b.Write(s[i:j])
				i = j
				continue
			}
			if c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\v' {
				w.space(rune(c))
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		i += n
		w.rune(r, n)
	}
}

func (w *textWriter) rune(r rune, n int) {
	switch {
	case r == utf8.RuneError && n == 1:
		w.flush()
		w.b.WriteRune(utf8.RuneError)
	case dropRune(r):
	case isSpace(r):
		w.space(r)
	default:
		w.flush()
		w.b.WriteRune(r)
	}
}

// dropRune reports the non-ASCII runes Text drops: C1 controls and the
// byte-order mark.
func dropRune(r rune) bool { return r >= 0x80 && r <= 0x9f && r != 0x85 || r == 0xfeff }

// isSpace reports Unicode white space (White_Space=yes) beyond ASCII.
func isSpace(r rune) bool {
	switch r {
	case 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// isNoBreak reports the no-break spaces, which Text keeps when one stands
// alone between words ("7\u00a0am").
func isNoBreak(r rune) bool { return r == 0xa0 || r == 0x2007 || r == 0x202f }
