package site

import (
	"errors"
	"strconv"
	"strings"

	"github.com/broadsheet/broadsheet/article"
)

// Errors callers can branch on with errors.Is.
var (
	// ErrNotFound is returned (wrapped) by lookups for an id, URL or path
	// no article of the collection has.
	ErrNotFound = errors.New("site: no such article")
	// ErrChanged is returned (wrapped, in a *FileError naming the file)
	// when a collection reads an article's file again and it no longer
	// holds the article that was loaded: load the collection again.
	ErrChanged = errors.New("site: the file changed since the collection was loaded")
	// ErrUnknownFormat is returned (wrapped) for a file named on its own
	// whose extension has no decoder.
	ErrUnknownFormat = errors.New("site: no decoder for this file extension")
	// ErrInvalidID is returned (wrapped, in a finding at path "id") for an
	// id that is not a slug: letters, digits, '-', '_' and '.', not
	// starting with '.', at most MaxIDLength bytes.
	ErrInvalidID = errors.New("invalid id")
	// ErrReservedPath is returned (wrapped, in a finding at path "url")
	// for a canonical URL whose path is one the site layout reserves (the
	// index, a feed, /a/…, /cards/…).
	ErrReservedPath = errors.New("reserved path")
)

// FileError is every problem with one file. Err is usually an
// *article.ValidationError whose findings name each field.
type FileError struct {
	// Path is the file's path as found by Load.
	Path string
	// Err says what is wrong.
	Err error
}

// Error returns one line per problem, each starting with the file name and,
// where the decoder knows it, the line: "a.json: authors[0].url: must be
// absolute", "b.md:7: tags: want a list" (warnings marked as such).
func (e *FileError) Error() string {
	var ve *article.ValidationError
	if errors.As(e.Err, &ve) && len(ve.Findings) > 0 {
		var b strings.Builder
		for i, f := range ve.Findings {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(e.Path)
			if f.Line > 0 {
				b.WriteByte(':')
				b.WriteString(strconv.Itoa(f.Line))
			}
			b.WriteString(": ")
			if f.Path != "" {
				b.WriteString(f.Path)
				b.WriteString(": ")
			}
			b.WriteString(f.Message)
			if f.Severity == article.SeverityWarning {
				b.WriteString(" (warning)")
			}
		}
		return b.String()
	}
	msg := e.Err.Error()
	for _, p := range []string{"site: ", "article: "} {
		msg = strings.TrimPrefix(msg, p)
	}
	return e.Path + ": " + msg
}

// Unwrap returns Err.
func (e *FileError) Unwrap() error { return e.Err }

// LoadError lists every file Load could not use, in path order.
type LoadError struct {
	Files []*FileError
}

// Error returns every problem of every file, one per line.
func (e *LoadError) Error() string {
	var b strings.Builder
	b.WriteString("site: ")
	b.WriteString(plural(len(e.Files), "file"))
	b.WriteString(" could not be loaded")
	for _, f := range e.Files {
		b.WriteByte('\n')
		b.WriteString(f.Error())
	}
	return b.String()
}

// Unwrap returns the file errors, so errors.Is finds their sentinels.
func (e *LoadError) Unwrap() []error {
	errs := make([]error, len(e.Files))
	for i, f := range e.Files {
		errs[i] = f
	}
	return errs
}

func plural(n int, word string) string {
	s := strconv.Itoa(n) + " " + word
	if n != 1 {
		s += "s"
	}
	return s
}
