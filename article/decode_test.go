package article_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
)

func TestDecodeFieldProblems(t *testing.T) {
	tests := []struct {
		name     string
		doc      string
		path     string
		sentinel error
		contains string
	}{
		{"unknown top-level", `{"headlin":"x"}`, "headlin", article.ErrUnknownField, "unknown field"},
		{"unknown nested", `{"authors":[{"name":"a"},{"name":"b","twiter":"x"}]}`, "authors[1].twiter", article.ErrUnknownField, "unknown field"},
		{"unknown in site logo", `{"site":{"logo":{"src":"x"}}}`, "site.logo.src", article.ErrUnknownField, "unknown field"},
		{"case matters", `{"Headline":"x"}`, "Headline", article.ErrUnknownField, "unknown field"},
		{"duplicate", `{"headline":"a","headline":"b"}`, "headline", article.ErrDuplicate, "twice"},
		{"string wanted", `{"headline":7}`, "headline", article.ErrInvalidType, "want a string, got a number"},
		{"array wanted", `{"tags":"a,b"}`, "tags", article.ErrInvalidType, "want an array"},
		{"object wanted", `{"image":[1,2]}`, "image", article.ErrInvalidType, "want an object, got an array"},
		{"bool wanted", `{"breaking":"yes"}`, "breaking", article.ErrInvalidType, "want true or false"},
		{"integer wanted", `{"image":{"width":12.5}}`, "image.width", article.ErrInvalidType, "whole number"},
		{"integer overflow", `{"image":{"width":99999999999}}`, "image.width", article.ErrInvalidType, "below 2^31"},
		{"unknown kind", `{"explainers":[{"kind":"trivia"}]}`, "explainers[0].kind", article.ErrInvalidKind, `"trivia"`},
		{"unknown person kind", `{"authors":[{"kind":"robot"}]}`, "authors[0].kind", article.ErrInvalidKind, `"robot"`},
		{"no offset", `{"published":"2026-11-26T09:30:00"}`, "published", article.ErrNoOffset, "no UTC offset"},
		{"date only", `{"modified":"2026-11-26"}`, "modified", article.ErrInvalidTime, "date without a time"},
		{"not a time", `{"published":"yesterday"}`, "published", article.ErrInvalidTime, "not an RFC 3339"},
		{"zero time", `{"published":"0001-01-01T00:00:00Z"}`, "published", article.ErrInvalidTime, "zero time"},
		{"time wanted", `{"published":1764149400}`, "published", article.ErrInvalidType, "date-time string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := article.Decode(strings.NewReader(tt.doc), article.DecodeOptions{})
			require.NotNil(t, a, "field problems must not stop decoding")
			var ve *article.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Len(t, ve.Findings, 1, "findings: %v", ve)
			f := ve.Findings[0]
			assert.Equal(t, tt.path, f.Path)
			assert.Equal(t, article.SeverityError, f.Severity)
			assert.ErrorIs(t, err, tt.sentinel)
			assert.Contains(t, f.Error(), tt.contains)
			assert.True(t, strings.HasPrefix(f.Error(), "article: "+tt.path+": "), "Error() = %q", f.Error())
		})
	}
}

func TestDecodeKeepsGoodFields(t *testing.T) {
	a, err := article.Decode(strings.NewReader(`{"headline":"Kept","tags":["a",3,"c"],"oops":{"deep":[1,{"x":2}]},"section":"Local"}`), article.DecodeOptions{})
	require.Error(t, err)
	assert.Equal(t, "Kept", a.Headline)
	assert.Equal(t, "Local", a.Section, "a field after a skipped object must still decode")
	assert.Equal(t, []string{"a", "", "c"}, a.Tags)
	var ve *article.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Findings, 2)
}

func TestDecodeDocumentProblems(t *testing.T) {
	tests := []struct {
		name     string
		doc      string
		sentinel error
		contains string
	}{
		{"empty", ``, article.ErrSyntax, "end of input"},
		{"array", `[1]`, article.ErrSyntax, "must be a JSON object"},
		{"trailing", `{"headline":"a"} {"headline":"b"}`, article.ErrSyntax, "trailing data"},
		{"trailing garbage", `{} x`, article.ErrSyntax, ""},
		{"truncated", `{"headline":"a"`, article.ErrSyntax, ""},
		{"bad syntax", `{"headline":"a",}`, article.ErrSyntax, "at byte"},
		{"invalid utf-8", "{\"headline\":\"a\xffb\"}", article.ErrSyntax, "invalid UTF-8 at byte 14"},
		{"lone high surrogate", `{"headline":"a\ud83db"}`, article.ErrSyntax, "unpaired UTF-16 surrogate escape at byte 14"},
		{"lone low surrogate", `{"headline":"\udc00"}`, article.ErrSyntax, "surrogate"},
		{"reversed pair", `{"headline":"\ude00\ud83d"}`, article.ErrSyntax, "surrogate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := article.Decode(strings.NewReader(tt.doc), article.DecodeOptions{})
			assert.Nil(t, a)
			require.ErrorIs(t, err, tt.sentinel)
			assert.Contains(t, err.Error(), tt.contains)
			assert.True(t, strings.HasPrefix(err.Error(), "article: "), "%q", err)
		})
	}
}

func TestDecodeEscapes(t *testing.T) {
	a, err := article.Decode(strings.NewReader(`{"headline":"\ud83d\ude00 \\ud800 \u00e9 \"q\" \u2028"}`), article.DecodeOptions{})
	require.NoError(t, err)
	assert.Equal(t, "😀 \\ud800 é \"q\" \u2028", a.Headline)
}

func TestDecodeSizeLimit(t *testing.T) {
	doc := []byte(`{"body":"` + strings.Repeat("x", 2000) + `"}`)
	_, err := article.Decode(bytes.NewReader(doc), article.DecodeOptions{MaxBytes: 1000})
	require.ErrorIs(t, err, article.ErrTooLarge)
	assert.Contains(t, err.Error(), "larger than 1000 bytes")

	a, err := article.Decode(bytes.NewReader(doc), article.DecodeOptions{MaxBytes: int64(len(doc))})
	require.NoError(t, err)
	assert.Len(t, a.Body, 2000)

	// The default limit is 10 MiB: an 11 MiB stream is refused without
	// reading it all.
	big := io11MiB{}
	_, err = article.Decode(&big, article.DecodeOptions{})
	require.ErrorIs(t, err, article.ErrTooLarge)
	assert.LessOrEqual(t, big.n, int64(article.DefaultMaxBytes+1))
}

// io11MiB is an endless body that counts what was read from it.
type io11MiB struct{ n int64 }

func (r *io11MiB) Read(p []byte) (int, error) {
	n := copy(p, spaces[:])
	r.n += int64(n)
	return n, nil
}

var spaces = [32 << 10]byte(bytes.Repeat([]byte{' '}, 32<<10))

func TestDecodeKeepsOffset(t *testing.T) {
	a, err := article.Decode(strings.NewReader(`{"published":"2026-11-26T10:30:00+01:00"}`), article.DecodeOptions{})
	require.NoError(t, err)
	_, off := a.Published.Zone()
	assert.Equal(t, 3600, off)
	var out bytes.Buffer
	require.NoError(t, a.Encode(&out))
	assert.Contains(t, out.String(), `"2026-11-26T10:30:00+01:00"`)
	assert.True(t, a.Published.Equal(time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)))
}

func TestDecodeAndValidateMergesFindings(t *testing.T) {
	doc := strings.Replace(string(sample.JSON()), `"headline"`, `"headlin"`, 1)
	doc = strings.Replace(doc, `"standfirst": "`, `"standfirst": "K &amp; L `, 1)
	a, findings, err := article.DecodeAndValidate(strings.NewReader(doc), article.DecodeOptions{})
	require.NotNil(t, a)
	var paths []string
	for _, f := range findings {
		paths = append(paths, f.Path+" "+f.Severity.String())
	}
	assert.Equal(t, []string{"headlin error", "headline error", "standfirst warning"}, paths)
	var ve *article.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Findings, 2, "the error holds the errors, not the warning")
	assert.True(t, errors.Is(err, article.ErrUnknownField) && errors.Is(err, article.ErrRequired))
	assert.False(t, errors.Is(err, article.ErrEntity))
}

func TestDecodeAndValidateWarningsAlone(t *testing.T) {
	doc := strings.Replace(string(sample.JSON()), `"standfirst": "`, `"standfirst": "K &amp; L `, 1)
	a, findings, err := article.DecodeAndValidate(strings.NewReader(doc), article.DecodeOptions{})
	require.NoError(t, err, "warnings alone are not an error")
	require.NotNil(t, a)
	require.Len(t, findings, 1)
	assert.Equal(t, article.SeverityWarning, findings[0].Severity)
}

func TestDecodeAndValidateUnreadable(t *testing.T) {
	a, findings, err := article.DecodeAndValidate(strings.NewReader(`[`), article.DecodeOptions{})
	assert.Nil(t, a)
	assert.Nil(t, findings)
	assert.ErrorIs(t, err, article.ErrSyntax)
}
