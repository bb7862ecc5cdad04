package render

// TEMPORARY seam until packages sanitize and share land on main; replaced by
// direct calls before the branch is merged.

import (
	"html/template"
	"strings"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/article"
)

func sanitizeBody(s string) template.HTML   { return template.HTML(template.HTMLEscapeString(s)) }
func sanitizeInline(s string) template.HTML { return template.HTML(template.HTMLEscapeString(s)) }
func plainText(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
func truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

type shareLink struct{ Name, Label, Href, Color string }

func shareLinks(a *article.Article) ([]shareLink, error) { return nil, nil }
