package article

import (
	"errors"
	"strings"
)

// Sentinel errors. Every Finding unwraps to one of them, so callers can
// branch with errors.Is on a *ValidationError or a decoding error.
var (
	ErrRequired      = errors.New("required")
	ErrInvalidURL    = errors.New("invalid URL")
	ErrTrackingParam = errors.New("tracking parameter")
	ErrOrigin        = errors.New("outside the site's origin")
	ErrTooLong       = errors.New("too long")
	ErrTooSmall      = errors.New("too small")
	ErrMarkup        = errors.New("markup in plain text")
	ErrEntity        = errors.New("HTML entity in plain text")
	ErrInvalidTime   = errors.New("invalid time")
	ErrNoOffset      = errors.New("time without UTC offset")
	ErrTimeOrder     = errors.New("modified before published")
	ErrInvalidLang   = errors.New("invalid language tag")
	ErrInvalidLocale = errors.New("invalid locale")
	ErrInvalidHandle = errors.New("invalid handle")
	ErrInvalidKind   = errors.New("unknown kind")
	ErrInvalidValue  = errors.New("invalid value")
	ErrDuplicate     = errors.New("duplicate")
	ErrUnknownField  = errors.New("unknown field")
	ErrInvalidType   = errors.New("wrong JSON type")
	ErrSyntax        = errors.New("invalid JSON")
	ErrTooLarge      = errors.New("input too large")
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
}

// Error returns "article: PATH: MESSAGE".
func (f Finding) Error() string {
	if f.Path == "" {
		return "article: " + f.Message
	}
	return "article: " + f.Path + ": " + f.Message
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
