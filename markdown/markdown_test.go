package markdown_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/golden"
	"github.com/broadsheet/broadsheet/markdown"
)

func readStory(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "story.md"))
	require.NoError(t, err)
	return b
}

// TestStoryGolden pins the article decoded from testdata/story.md, as
// article JSON: the front matter's members and the body's HTML.
func TestStoryGolden(t *testing.T) {
	a, findings, err := markdown.DecodeAndValidate(bytes.NewReader(readStory(t)), "story.md", markdown.Options{})
	require.NoError(t, err)
	assert.Empty(t, findings)
	var out bytes.Buffer
	require.NoError(t, a.Encode(&out))
	golden.Assert(t, "story.json", out.Bytes())
}

// TestEveryMemberMapped walks the decoded story by reflection: every field
// of the model, at every level, must be set, so a member the front matter
// cannot reach (or a field added to the model and not to story.md) fails.
func TestEveryMemberMapped(t *testing.T) {
	a, err := markdown.Decode(bytes.NewReader(readStory(t)), "story.md", markdown.Options{})
	require.NoError(t, err)
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		if v.Type() == reflect.TypeFor[time.Time]() {
			assert.False(t, v.Interface().(time.Time).IsZero(), "%s is zero", path)
			return
		}
		switch v.Kind() {
		case reflect.Pointer:
			if assert.False(t, v.IsNil(), "%s is nil", path) {
				walk(v.Elem(), path)
			}
		case reflect.Slice:
			if assert.NotZero(t, v.Len(), "%s is empty", path) {
				for i := range v.Len() {
					walk(v.Index(i), path+"[]")
				}
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		case reflect.Int:
			// Kinds are enums whose zero is meaningful (KindPerson);
			// story.md sets a non-zero one for each somewhere.
			if path != "Article.Authors[].Kind" {
				assert.NotZero(t, v.Int(), "%s is zero", path)
			}
		default:
			assert.False(t, v.IsZero(), "%s is zero", path)
		}
	}
	walk(reflect.ValueOf(a), "Article")
	assert.Equal(t, article.KindOrganization, a.Authors[1].Kind)
	assert.Equal(t, article.KindCustom, a.Explainers[1].Kind)

	// Spot checks of the Markdown members.
	assert.Equal(t, "The wall will now be finished in <strong>March</strong>, not December.", a.KeyPoints[0])
	assert.Equal(t, `The slipway stays shut: see <a href="https://news.example.com/notices/slipway">the council notice</a>.`, a.KeyPoints[2])
	assert.Equal(t, "The wall protects the <strong>only</strong> slipway on this stretch of coast.", a.Explainers[0].Body)
	assert.Contains(t, a.Explainers[1].Body, "<ol>\n<li>the October storms;</li>")
	assert.Contains(t, a.Explainers[1].Body, "<del>cheap</del>")
	for _, want := range []string{"<h2>What changes</h2>", "<table>", `<input checked="" disabled="" type="checkbox"`,
		`<a href="https://news.example.com/notices/slipway">https://news.example.com/notices/slipway</a>`,
		`<aside onclick="alert(1)">`} {
		assert.Contains(t, a.Body, want)
	}
	assert.Equal(t, 3600, func() int { _, off := a.Published.Zone(); return off }())
}

// TestErrorsNameFileAndLine: each problem is a finding with the JSON path,
// the file and the line of its key.
func TestErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name     string
		doc      string
		path     string
		line     int
		sentinel error
		contains string
	}{
		{"unknown key", "---\nheadline: h\nheadlin: x\n---\nbody\n", "headlin", 3, article.ErrUnknownField, "unknown field"},
		{"unknown nested key", "---\nauthors:\n  - name: a\n  - name: b\n    twiter: x\n---\nbody\n", "authors[1].twiter", 5, article.ErrUnknownField, "unknown field"},
		{"wrong type", "---\nheadline: h\ntags: policing\n---\nbody\n", "tags", 3, article.ErrInvalidType, "want an array"},
		{"number headline", "---\nheadline: 1984\n---\nbody\n", "headline", 2, article.ErrInvalidType, "want a string, got a number"},
		{"unknown kind", "---\nexplainers:\n  - kind: trivia\n    body: x\n---\nbody\n", "explainers[0].kind", 3, article.ErrInvalidKind, "trivia"},
		{"no offset", "---\n\npublished: 2026-11-26T09:30:00\n---\nbody\n", "published", 3, article.ErrNoOffset, "no UTC offset"},
		{"date only", "---\nmodified: 2026-11-26\n---\nbody\n", "modified", 2, article.ErrInvalidTime, "date without a time"},
		{"body key", "---\nheadline: h\nbody: <p>x</p>\n---\nbody\n", "body", 3, article.ErrUnknownField, "the Markdown after the front matter"},
		{"duplicate key", "---\nheadline: a\nsection: s\nheadline: b\n---\nbody\n", "headline", 2, article.ErrDuplicate, "twice"},
		{"bad width", "---\nimage:\n  url: https://x.example/a.jpg\n  width: wide\n---\nbody\n", "image.width", 4, article.ErrInvalidType, "whole number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := markdown.Decode(strings.NewReader(tt.doc), "story.md", markdown.Options{})
			require.NotNil(t, a, "field problems must not stop decoding: %v", err)
			var ve *article.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Len(t, ve.Findings, 1, "%v", ve)
			f := ve.Findings[0]
			assert.Equal(t, tt.path, f.Path)
			assert.Equal(t, "story.md", f.File)
			assert.Equal(t, tt.line, f.Line)
			assert.ErrorIs(t, err, tt.sentinel)
			assert.Contains(t, f.Message, tt.contains)
			assert.True(t, strings.HasPrefix(f.Error(), "article: story.md:"), f.Error())
		})
	}
}

// TestValidationFindingsHaveLines: DecodeAndValidate places validation
// findings too, on the line of the key (or its nearest parent).
func TestValidationFindingsHaveLines(t *testing.T) {
	doc := "---\nurl: /relative\nheadline: Harbour wall\npublished: 2026-11-26T09:30:00Z\nimage:\n  url: javascript:alert(1)\n---\nThe body.\n"
	_, findings, err := markdown.DecodeAndValidate(strings.NewReader(doc), "wall.md", markdown.Options{})
	require.Error(t, err)
	lines := map[string]int{}
	for _, f := range findings {
		assert.Equal(t, "wall.md", f.File)
		lines[f.Path] = f.Line
	}
	assert.Equal(t, 2, lines["url"])
	assert.Equal(t, 6, lines["image.url"])
	assert.Equal(t, 5, lines["image.alt"], "a missing key is placed at its parent")
	assert.Contains(t, err.Error(), "article: wall.md:2: url: ")
}

// TestDocumentErrors: problems with the file as a whole return no article
// and an error naming the file.
func TestDocumentErrors(t *testing.T) {
	tests := []struct {
		name     string
		doc      string
		sentinel error
		contains string
	}{
		{"no front matter", "# Title\n\nbody\n", markdown.ErrFrontMatter, "must start with a line \"---\""},
		{"unterminated", "---\nheadline: h\nbody\n", markdown.ErrFrontMatter, "must start with"},
		{"yaml syntax", "---\nheadline: h\n  bad: [\n---\nbody\n", markdown.ErrFrontMatter, "line "},
		{"not a mapping", "---\n- a\n- b\n---\nbody\n", markdown.ErrFrontMatter, "line 2: the front matter must be a mapping"},
		{"alias", "---\nsection: &s Local\nkicker: *s\n---\nbody\n", markdown.ErrFrontMatter, "line 3: kicker: anchors and aliases are not supported"},
		{"invalid utf-8", "---\nheadline: \xff\n---\n", markdown.ErrFrontMatter, "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := markdown.Decode(strings.NewReader(tt.doc), "story.md", markdown.Options{})
			assert.Nil(t, a)
			require.ErrorIs(t, err, tt.sentinel)
			assert.Contains(t, err.Error(), tt.contains)
			assert.True(t, strings.HasPrefix(err.Error(), "markdown: story.md: "), err.Error())
		})
	}
}

func TestSizeLimit(t *testing.T) {
	doc := "---\nheadline: h\n---\n" + strings.Repeat("x", 2000)
	_, err := markdown.Decode(strings.NewReader(doc), "big.md", markdown.Options{MaxBytes: 1000})
	require.ErrorIs(t, err, article.ErrTooLarge)
	assert.Contains(t, err.Error(), "big.md")
	assert.True(t, errors.Is(err, article.ErrTooLarge))
}

// TestWindowsLineEndings and a byte order mark are read like any file.
func TestWindowsLineEndings(t *testing.T) {
	doc := "\ufeff---\r\nheadline: Harbour wall\r\n---\r\nThe *body*.\r\n"
	a, err := markdown.Decode(strings.NewReader(doc), "", markdown.Options{})
	require.NoError(t, err)
	assert.Equal(t, "Harbour wall", a.Headline)
	assert.Equal(t, "<p>The <em>body</em>.</p>", a.Body)
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestComplexMarkdownRefusedAtOnce: inputs on which goldmark's parser is
// quadratic (measured: 64 KiB of "[a](" took 2–4 s, ">" nesting 4 s) are
// refused before parsing, with the line; the bound is asserted by counting
// allocated bytes (parsing would allocate far more), not by timing.
func TestComplexMarkdownRefusedAtOnce(t *testing.T) {
	tests := []struct {
		name, body, contains string
	}{
		{"nested quotes", strings.Repeat(">", 1<<20), "line 4: block quotes and lists nested 1048576 deep"},
		{"nested lists", "text\n\n" + strings.Repeat("- ", 1<<19) + "x", "line 6: block quotes and lists nested 524288 deep"},
		{"nested ordered lists", strings.Repeat("1. ", 40) + "x", "nested 40 deep"},
		{"link openers", strings.Repeat("[a](", 1<<18), "line 4: too much inline markup"},
		{"link openers over lines", strings.Repeat("[a](\n", 1<<17), "line 4: too much inline markup"},
		{"brackets and emphasis", "ok\n\n" + strings.Repeat("* [", 1<<18), "line 6: too much inline markup"},
		{"wide table", "| a |\n|" + strings.Repeat(" - |", 600), "line 5: 601 '|' in one line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "---\nheadline: h\n---\n" + tt.body
			var err error
			var a *article.Article
			n := allocated(func() { a, err = markdown.Decode(strings.NewReader(doc), "x.md", markdown.Options{}) })
			assert.Nil(t, a)
			require.ErrorIs(t, err, markdown.ErrTooComplex)
			assert.Contains(t, err.Error(), tt.contains)
			assert.True(t, strings.HasPrefix(err.Error(), "markdown: x.md: "), err.Error())
			assert.Less(t, n, uint64(4*len(doc)+1<<20), "refusing %d bytes allocated %d", len(doc), n)
		})
	}

	// In a key point, the same is a finding on that key point.
	doc := "---\nheadline: h\nkey_points:\n  - ok\n  - \"" + strings.Repeat(">", 100) + "\"\n---\nbody\n"
	a, err := markdown.Decode(strings.NewReader(doc), "x.md", markdown.Options{})
	require.NotNil(t, a)
	var ve *article.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "key_points[1]", ve.Findings[0].Path)
	assert.Equal(t, 5, ve.Findings[0].Line)
	assert.ErrorIs(t, err, markdown.ErrTooComplex)

	// An ordinary long article passes: 400 paragraphs with links.
	var b strings.Builder
	b.WriteString("---\nheadline: h\n---\n")
	for range 400 {
		b.WriteString("A paragraph with *emphasis*, `code`, a [link](https://news.example.com/a) and an ![image](https://news.example.com/i.jpg), at some length to be realistic about it.\n\n")
	}
	_, err = markdown.Decode(strings.NewReader(b.String()), "x.md", markdown.Options{})
	assert.NoError(t, err)
}
