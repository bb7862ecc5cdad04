package sanitize

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/internal/testenv"
)

// TestBadInput shows the documented result of each kind of hostile input
// for every policy and for Text and Truncate: never a panic or a hang.
func TestBadInput(t *testing.T) {
	testenv.SkipIfShort(t, "large inputs skipped in -short mode")
	body := sample.Article().Body
	big := strings.Repeat(body, 10<<20/len(body)+1) // a little over 10 MB
	attrs := func(n int) string {
		var b strings.Builder
		b.WriteString("<abbr")
		for i := range n {
			b.WriteString(` title="t`)
			b.WriteString(strings.Repeat("x", i%7))
			b.WriteString(`" data-x="1"`)
		}
		b.WriteString(">KBC</abbr>")
		return b.String()
	}
	tests := []struct {
		name  string
		in    string
		check func(t *testing.T, out string)
		text  string // Text(in), when short enough to state
	}{
		{
			name: "invalid UTF-8 becomes U+FFFD",
			in:   "<p>caf\xe9 \xff\xfe ok</p>",
			check: func(t *testing.T, out string) {
				assert.Equal(t, "<p>caf\ufffd \ufffd ok</p>", out)
			},
			text: "caf\ufffd \ufffd\ufffd ok",
		},
		{
			name: "NUL becomes U+FFFD in HTML, is dropped from text",
			in:   "<p>a\x00b</p><scr\x00ipt>alert(1)</script>",
			check: func(t *testing.T, out string) {
				assert.Equal(t, "<p>a\ufffdb</p>alert(1)", out)
			},
			text: "ab alert(1)",
		},
		{
			name: "10,000 nested elements keep 100 levels of tags and all text",
			in:   strings.Repeat("<b>", 10000) + "deep" + strings.Repeat("</b>", 10000),
			check: func(t *testing.T, out string) {
				assert.Equal(t, strings.Repeat("<b>", maxDepth)+"deep"+strings.Repeat("</b>", maxDepth), out)
			},
			text: "deep",
		},
		{
			name: "10,000 unclosed nested blocks are closed",
			in:   strings.Repeat("<blockquote><p>q", 5000),
			check: func(t *testing.T, out string) {
				// Each <blockquote> closes the open p, so the stack is 99
				// quotes and a p at the depth limit.
				assert.Equal(t, maxDepth-1, strings.Count(out, "<blockquote>"))
				assert.Equal(t, strings.Count(out, "<blockquote>"), strings.Count(out, "</blockquote>"))
				assert.Equal(t, strings.Count(out, "<p>"), strings.Count(out, "</p>"))
				assert.Equal(t, 5000, strings.Count(Text(out), "q"))
			},
		},
		{
			name: "100,000 attributes keep the first allowed one",
			in:   attrs(100000),
			check: func(t *testing.T, out string) {
				assert.Equal(t, `<abbr title="t">KBC</abbr>`, out)
			},
			text: "KBC",
		},
		{
			name: "10 MB body is sanitised whole",
			in:   big,
			check: func(t *testing.T, out string) {
				assert.Greater(t, len(out), 9<<20)
				assert.True(t, utf8.ValidString(out))
				assert.Empty(t, pageProblems(out), "page problems")
			},
		},
	}
	body2, err := BodyPolicy(Options{})
	require.NoError(t, err)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			out := string(body2.Sanitize(tt.in))
			t.Logf("Body: %d bytes in, %d out, %v", len(tt.in), len(out), time.Since(start).Round(time.Millisecond))
			tt.check(t, out)
			assert.Equal(t, out, string(body2.Sanitize(out)), "not idempotent")

			start = time.Now()
			text := Text(tt.in)
			t.Logf("Text: %d bytes out, %v", len(text), time.Since(start).Round(time.Millisecond))
			assert.True(t, utf8.ValidString(text))
			if tt.text != "" {
				assert.Equal(t, tt.text, text)
			}
			cut := Truncate(text, 200)
			assert.LessOrEqual(t, Graphemes(cut), 200)
		})
	}
}

// TestTruncateInvalidUTF8 documents that Truncate keeps whatever bytes it
// is given (it cuts, it does not clean): an invalid byte counts as one
// grapheme and is never split further. Text cleans first.
func TestTruncateInvalidUTF8(t *testing.T) {
	assert.Equal(t, "a\xffb\xfe…", Truncate("a\xffb\xfec\xfdd", 5))
	assert.Equal(t, "a\ufffdb\ufffd…", Truncate(Text("a\xffb\xfec\xfdd"), 5))
}
