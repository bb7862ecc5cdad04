package extract

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Report says where each value of an extracted article came from and what
// the extractor noticed on the way: conflicts between sources, values it
// refused, structured data it could not read.
type Report struct {
	// Fields lists every field that was filled, in article order.
	Fields []Field `json:"fields"`
	// Findings are notes for a person checking the import, such as
	// "published: json-ld and og disagree (…); the date alone is kept".
	Findings []string `json:"findings,omitempty"`
}

// Field is one filled field and its source.
type Field struct {
	// Path is the article JSON path: "headline", "authors[0].name".
	Path string `json:"field"`
	// Source names where the value came from: "json-ld NewsArticle
	// headline", "meta og:title", "visible byline (class=byline)",
	// "readability".
	Source string `json:"source"`
	// Value is the value as stored (shortened for long text).
	Value string `json:"value"`
	// Precision is set for dates: "exact" (the page gave the offset),
	// "local" (the zone came from Options.Zone) or "date" (the calendar
	// date alone; the time is midnight and not a fact).
	Precision Precision `json:"precision,omitzero"`
}

func (r *Report) add(path, source, value string) {
	if utf8.RuneCountInString(value) > 120 {
		n := 0
		for i := range value {
			if n == 117 {
				value = value[:i] + "…"
				break
			}
			n++
		}
	}
	r.Fields = append(r.Fields, Field{Path: path, Source: source, Value: value})
}

func (r *Report) note(format string, args ...any) {
	r.Findings = append(r.Findings, fmt.Sprintf(format, args...))
}

// Source returns the source recorded for path, or "".
func (r *Report) Source(path string) string {
	for _, f := range r.Fields {
		if f.Path == path {
			return f.Source
		}
	}
	return ""
}

// WriteText writes the report as aligned plain text, one field a line,
// then the findings.
func (r *Report) WriteText(w io.Writer) error {
	width := 0
	for _, f := range r.Fields {
		width = max(width, len(f.Path))
	}
	var b strings.Builder
	for _, f := range r.Fields {
		fmt.Fprintf(&b, "%-*s  %s", width, f.Path, f.Source)
		if f.Precision != PrecisionNone {
			fmt.Fprintf(&b, " [%s]", f.Precision)
		}
		fmt.Fprintf(&b, "\n%-*s    %s\n", width, "", f.Value)
	}
	for _, s := range r.Findings {
		fmt.Fprintf(&b, "note: %s\n", s)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
