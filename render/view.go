package render

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/article"
)

// PrepareOptions are the per-article inputs of Prepare beyond the article
// itself: they change the metadata, so they are part of the cache key. The
// zero value means none.
type PrepareOptions struct {
	// Alternates are the article's translations: <link rel="alternate"
	// hreflang> tags, in the order given.
	Alternates []Alternate
}

// View is what one page view adds to a prepared article: today the
// breaking-news ticker. The zero value is a page with no ticker. Views are
// cheap: Prepared.Page runs only the "ticker" template for them.
type View struct {
	// Ticker is the breaking-news ticker above the article; with no
	// items there is none.
	Ticker Ticker
}

// Ticker is the breaking-news ticker of a page view.
type Ticker struct {
	// Label heads the ticker; empty means the locale's Labels.Breaking
	// ("Breaking").
	Label string
	// Items are the headlines, in order.
	Items []TickerItem
}

// TickerItem is one headline of the ticker.
type TickerItem struct {
	// Headline is plain text, required; control characters (U+0000 to
	// U+001F and U+007F) and invalid UTF-8 are errors.
	Headline string
	// URL is the story's absolute http(s) URL; empty shows the headline
	// without a link. Characters a URL may not hold unencoded (space,
	// '"', '<', '>', '\\', '^', '`', '{', '|', '}') are errors.
	URL string
	// Lang is the headline's BCP 47 language when it differs from the
	// page's (a lang attribute on the item); empty means the page's.
	Lang string
}

// ErrView is what the *Error for a View that cannot be rendered unwraps
// to: a ticker item without a headline, text with a control character or
// invalid UTF-8, a URL that is not absolute http(s), a malformed language.
// The error's message names the field, as in "ticker.items[1].headline".
var ErrView = errors.New("render: invalid view")

// viewError names the field of a View that is wrong.
type viewError struct {
	path, reason string
	err          error // an underlying cause, or nil
}

func (e *viewError) Error() string {
	if e.err != nil {
		return e.path + ": " + e.reason + ": " + e.err.Error()
	}
	return e.path + ": " + e.reason
}

func (e *viewError) Unwrap() []error {
	if e.err != nil {
		return []error{ErrView, e.err}
	}
	return []error{ErrView}
}

// check validates v. It allocates nothing for a valid view without URLs.
func (v *View) check() error {
	t := &v.Ticker
	if t.Label != "" {
		if err := checkPlain("ticker.label", t.Label); err != nil {
			return err
		}
	}
	for i := range t.Items {
		it := &t.Items[i]
		if isBlank(it.Headline) {
			return &Error{Err: &viewError{path: fmt.Sprintf("ticker.items[%d].headline", i), reason: "required"}}
		}
		if err := checkPlain("ticker.items[%d].headline", it.Headline, i); err != nil {
			return err
		}
		if it.URL != "" {
			if _, err := article.CheckURL(it.URL); err != nil {
				return &Error{Err: &viewError{path: fmt.Sprintf("ticker.items[%d].url", i), reason: "invalid", err: err}}
			}
			if j := strings.IndexAny(it.URL, " \"<>\\^`{|}"); j >= 0 {
				return &Error{Err: &viewError{path: fmt.Sprintf("ticker.items[%d].url", i), reason: fmt.Sprintf("contains %q, which a URL may not hold unencoded", it.URL[j])}}
			}
		}
		if it.Lang != "" && !isLangTag(it.Lang) {
			return &Error{Err: &viewError{path: fmt.Sprintf("ticker.items[%d].lang", i), reason: fmt.Sprintf("%q is not a BCP 47 language tag", it.Lang)}}
		}
	}
	return nil
}

// checkPlain refuses control characters and invalid UTF-8 in plain text.
// path is a format for fmt.Sprintf with args, built only on failure.
func checkPlain(path, s string, args ...any) error {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return &Error{Err: &viewError{path: fmt.Sprintf(path, args...), reason: fmt.Sprintf("contains the control character U+%04X", c)}}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return &Error{Err: &viewError{path: fmt.Sprintf(path, args...), reason: "is not valid UTF-8"}}
		}
		i += n
	}
	return nil
}

func isBlank(s string) bool {
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00a0':
		default:
			return false
		}
	}
	return true
}

// isLangTag reports whether s has the shape of a BCP 47 tag: a 2–3 letter
// language and subtags of 1–8 letters or digits, separated by hyphens.
func isLangTag(s string) bool {
	n, first := 0, true
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '-' {
			if first && (n < 2 || n > 3) || n < 1 || n > 8 {
				return false
			}
			n, first = 0, false
			continue
		}
		c := s[i] | 0x20
		switch {
		case c >= 'a' && c <= 'z':
		case !first && s[i] >= '0' && s[i] <= '9':
		default:
			return false
		}
		n++
	}
	return true
}
