package render

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/sample"
)

func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// TestStyleHashes checks the CSP hashes of a page's inline stylesheets:
// the embedded one by default, one an override adds (in a component, in
// "style", in a page executed per view), against the hashes of the whole
// page read at once.
func TestStyleHashes(t *testing.T) {
	a := sample.Article()
	p, err := newRenderer(t).Prepare(a, PrepareOptions{})
	require.NoError(t, err)
	h := p.StyleHashes()
	// The stylesheet as the page carries it (html/template drops its CSS
	// comments), cut out of the page by hand.
	var page strings.Builder
	require.NoError(t, p.Page(&page, View{}))
	_, css, _ := strings.Cut(page.String(), "<style>")
	css, _, _ = strings.Cut(css, "</style>")
	require.Contains(t, css, "prefers-color-scheme")
	sheet := cspHash(css)
	assert.Equal(t, []string{sheet}, h)
	assert.Equal(t, h, p.StyleHashes(), "the same on a second call")

	tests := []struct {
		name, templates string
		style           []string
	}{
		{"a footer adds a stylesheet", `{{define "site-footer"}}<style>footer{color:red}</style><p>{{.Article.Site.Name}}</p>{{end}}`,
			[]string{sheet, cspHash("footer{color:red}")}},
		{"the same stylesheet twice is one hash", `{{define "site-footer"}}<style>p{}</style><style>p{}</style>{{end}}`,
			[]string{sheet, cspHash("p{}")}},
		{"carriage returns hash as line feeds", "{{define \"style\"}}<style>a{}\r\nb{}\rc{}</style>{{end}}",
			[]string{cspHash("a{}\nb{}\nc{}")}},
		{"an empty stylesheet", `{{define "style"}}<style></style>{{end}}`, []string{cspHash("")}},
		{"a key point cannot add one", `{{define "key-points"}}{{range .KeyPoints}}{{.}}{{end}}&lt;style>{{end}}`,
			[]string{sheet}},
		{"in a byline override, upper case", `{{define "article-header"}}<STYLE media="print">h1{}</STYLE><h1>{{.Article.Headline}}</h1>{{end}}`,
			[]string{sheet, cspHash("h1{}")}},
		{"a page executed per view", `{{define "page"}}<!DOCTYPE html><html><head>{{.Parts.Head}}<style>body{}</style></head><body>{{.Parts.Ticker}}{{.Parts.Article}}</body></html>{{end}}`,
			[]string{cspHash("body{}")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := New(Options{Templates: fstest.MapFS{"mine.html": {Data: []byte(tt.templates)}}})
			require.NoError(t, err)
			p, err := r.Prepare(a, PrepareOptions{})
			require.NoError(t, err)
			h := p.StyleHashes()
			assert.Equal(t, tt.style, h)
			// The same as reading the whole page.
			var page strings.Builder
			require.NoError(t, p.Page(&page, View{}))
			var whole hashList
			whole.read(page.String())
			assert.Equal(t, []string(whole), h, "the whole page read at once")
			for _, s := range h {
				assert.True(t, strings.HasPrefix(s, "'sha256-") && strings.HasSuffix(s, "='"), s)
			}
		})
	}
}
