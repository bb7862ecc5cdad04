package article

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors. Every [Finding] unwraps to one of them, and so does
// every error of this package, so callers can branch with errors.Is on a
// *[ValidationError] or a decoding error. The finding's Code says which
// rule matched; the sentinel says what kind of problem it is.
var (
	// ErrRequired is returned when a required field is missing or blank
	// (codes required, missing_description).
	ErrRequired = errors.New("required")
	// ErrInvalidURL is returned when a URL is not an absolute http(s) URL
	// broadsheet may emit, or a canonical URL has a fragment (codes
	// invalid_url, url_fragment, insecure_image).
	ErrInvalidURL = errors.New("invalid URL")
	// ErrTrackingParam is returned when a canonical URL carries a tracking
	// parameter such as utm_source or fbclid.
	ErrTrackingParam = errors.New("tracking parameter")
	// ErrOrigin is returned when the canonical URL is outside the site's
	// origin.
	ErrOrigin = errors.New("outside the site's origin")
	// ErrTooLong is returned when a text is longer than a platform shows
	// (a warning) or than the hard limit of its field (an error, code
	// too_large).
	ErrTooLong = errors.New("too long")
	// ErrTooSmall is returned when an image is smaller than platforms
	// require or recommend.
	ErrTooSmall = errors.New("too small")
	// ErrMarkup is returned when a plain-text field holds something that
	// looks like an HTML tag.
	ErrMarkup = errors.New("markup in plain text")
	// ErrEntity is returned when a plain-text field holds an HTML character
	// reference such as &amp;.
	ErrEntity = errors.New("HTML entity in plain text")
	// ErrControlChar is returned when a plain-text field holds a control
	// character, or a bidirectional control that can reorder what a reader
	// sees (codes control_char, bidi_control).
	ErrControlChar = errors.New("control character")
	// ErrDroppedText is the sentinel of a finding about an HTML field that
	// leaves an element, comment or tag open at its end, so that the
	// sanitiser drops the rest of the field (code dropped_text, a
	// warning). This package does not parse HTML: package render and the
	// broadsheet CLI report it, from package sanitize's Swallowed.
	ErrDroppedText = errors.New("text would be dropped")
	// ErrInvalidTime is returned when a time is not an RFC 3339 date-time.
	ErrInvalidTime = errors.New("invalid time")
	// ErrNoOffset is returned when a time has no UTC offset.
	ErrNoOffset = errors.New("time without UTC offset")
	// ErrTimeOrder is returned when modified is before published.
	ErrTimeOrder = errors.New("modified before published")
	// ErrInvalidLang is returned when language is not a BCP 47 tag.
	ErrInvalidLang = errors.New("invalid language tag")
	// ErrInvalidLocale is returned when a locale is not in Open Graph's
	// ll_CC form, by validation and by [OGLocale].
	ErrInvalidLocale = errors.New("invalid locale")
	// ErrInvalidHandle is returned when an X, Bluesky or Mastodon handle
	// has the wrong form.
	ErrInvalidHandle = errors.New("invalid handle")
	// ErrInvalidKind is returned when an explainer or byline kind is not
	// one this package knows.
	ErrInvalidKind = errors.New("unknown kind")
	// ErrInvalidValue is returned when a value has the right type but a
	// wrong form not covered by a more precise sentinel: a hashtag with
	// spaces, a non-numeric Facebook app id, a byline naming several
	// people, an alt text that repeats the caption, an unknown image type.
	ErrInvalidValue = errors.New("invalid value")
	// ErrDuplicate is returned when a JSON member appears twice, or a tag or
	// hashtag repeats another.
	ErrDuplicate = errors.New("duplicate")
	// ErrUnknownField is returned when a document has a member the model
	// does not know.
	ErrUnknownField = errors.New("unknown field")
	// ErrInvalidType is returned when a member has the wrong JSON type.
	ErrInvalidType = errors.New("wrong JSON type")
	// ErrSyntax is returned when a document is not one well-formed JSON
	// object in valid UTF-8.
	ErrSyntax = errors.New("invalid JSON")
	// ErrTooLarge is returned when a document is over the decoder's size
	// limit.
	ErrTooLarge = errors.New("input too large")
)

// Severity grades a Finding. The zero value is unknown.
type Severity int

// Severities.
const (
	_ Severity = iota
	// SeverityError blocks rendering: the output would be wrong or unsafe.
	SeverityError
	// SeverityWarning is advice: platforms may degrade the article.
	SeverityWarning
)

// String returns "error", "warning" or "" for the zero value.
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	}
	return ""
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = SeverityError
	case "warning":
		*s = SeverityWarning
	default:
		return ErrInvalidValue
	}
	return nil
}

// Finding is one problem with one field of an article.
type Finding struct {
	// Path is the field's JSON path, such as "authors[1].url"; empty for the
	// document as a whole.
	Path string `json:"path"`
	// Code is a stable machine-readable name for the rule, such as
	// "required" or "tracking_param".
	Code string `json:"code"`
	// Severity says whether the finding blocks rendering.
	Severity Severity `json:"severity"`
	// Message says what is wrong, in lowercase, without the path.
	Message string `json:"message"`
	// Err is the sentinel the finding unwraps to.
	Err error `json:"-"`
	// File names the source file, when the decoder was told it (package
	// markdown is); empty otherwise.
	File string `json:"file,omitempty"`
	// Line is the 1-based line of the field in File, when the decoder
	// knows it (package markdown's front matter does); 0 otherwise.
	Line int `json:"line,omitempty"`
}

// Error returns "article: PATH: MESSAGE", with "FILE:LINE: " before the
// path when they are known.
func (f Finding) Error() string {
	var b strings.Builder
	b.WriteString("article: ")
	if f.File != "" {
		b.WriteString(f.File)
		if f.Line > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(f.Line))
		}
		b.WriteString(": ")
	} else if f.Line > 0 {
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(f.Line))
		b.WriteString(": ")
	}
	if f.Path != "" {
		b.WriteString(f.Path)
		b.WriteString(": ")
	}
	b.WriteString(f.Message)
	return b.String()
}

// Unwrap returns the finding's sentinel error.
func (f Finding) Unwrap() error { return f.Err }

// ValidationError lists findings about one article, in document order.
// [Decode], [Article.Validate] and [Validated] return one holding only
// error-severity findings; a program may build one from [Article.Check]'s
// findings, warnings included. It unwraps to each finding, so errors.Is
// matches any of their sentinels.
type ValidationError struct {
	Findings []Finding
}

// Error returns every finding on its own line.
func (e *ValidationError) Error() string {
	var b strings.Builder
	for i, f := range e.Findings {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(f.Error())
		if f.Severity == SeverityWarning {
			b.WriteString(" (warning)")
		}
	}
	return b.String()
}

// Unwrap returns the findings as errors.
func (e *ValidationError) Unwrap() []error {
	errs := make([]error, len(e.Findings))
	for i, f := range e.Findings {
		errs[i] = f
	}
	return errs
}

// HasErrors reports whether any finding has SeverityError.
func (e *ValidationError) HasErrors() bool {
	for _, f := range e.Findings {
		if f.Severity == SeverityError {
			return true
		}
	}
	return false
}
