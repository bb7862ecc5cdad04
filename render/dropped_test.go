package render

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/sanitize"
)

// droppedWarnings returns the paths of m's warnings that unwrap to
// article.ErrDroppedText, checking each one's code and severity.
func droppedWarnings(t *testing.T, m *Meta) []string {
	t.Helper()
	var paths []string
	for _, w := range m.Warnings {
		if !errors.Is(w, article.ErrDroppedText) {
			assert.NotEqual(t, "dropped_text", w.Code, "code dropped_text without its sentinel: %v", w)
			continue
		}
		assert.Equal(t, "dropped_text", w.Code)
		assert.Equal(t, article.SeverityWarning, w.Severity)
		assert.Contains(t, w.Message, "unclosed <style>")
		paths = append(paths, w.Path)
	}
	return paths
}

func TestDroppedTextWarnings(t *testing.T) {
	// A <style> inside MathML with no end tag: the policies drop
	// everything after it.
	const swallow = `<math><style>mi { color: red }</math><p>Everything after this is lost.</p>`
	tests := []struct {
		name string
		edit func(a *article.Article)
		want []string // paths of the dropped_text warnings, in order
	}{
		{"sample", func(*article.Article) {}, nil},
		{"clean HTML", func(a *article.Article) {
			a.Body = `<p>A <math><mi>x</mi></math> and <style>p{}</style> closed.</p><!-- closed -->`
			a.KeyPoints = []string{`<em>closed</em> <math><style>x</style></math>`}
			a.Explainers = []article.Explainer{{Kind: article.KindBackground, Body: `<p>closed</p>`}}
		}, nil},
		{"body", func(a *article.Article) { a.Body = `<p>Kept.</p>` + swallow }, []string{"body"}},
		{"key point", func(a *article.Article) {
			a.KeyPoints = []string{"first, clean", "second " + swallow}
		}, []string{"key_points[1]"}},
		{"explainer body", func(a *article.Article) {
			a.Explainers = []article.Explainer{{Kind: article.KindBackground, Body: `<p>clean</p>`}, {Kind: article.KindBackground, Body: swallow}}
		}, []string{"explainers[1].body"}},
		{"all three", func(a *article.Article) {
			a.Body = swallow
			a.KeyPoints = []string{swallow}
			a.Explainers = []article.Explainer{{Kind: article.KindBackground, Body: swallow}}
		}, []string{"key_points[0]", "body", "explainers[0].body"}},
	}
	r := newRenderer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := sample.Article()
			tt.edit(a)

			m, err := r.Meta(a)
			require.NoError(t, err, "a warning does not block")
			assert.Equal(t, tt.want, droppedWarnings(t, m), "Renderer.Meta")

			m, err = Resolve(a, Options{}, PrepareOptions{})
			require.NoError(t, err)
			assert.Equal(t, tt.want, droppedWarnings(t, m), "Resolve")

			// The page still renders, without the swallowed text.
			page, err := r.PageString(a, View{})
			require.NoError(t, err)
			if tt.want != nil {
				assert.NotContains(t, page, "Everything after this is lost")
			}
		})
	}
}

// TestDroppedTextNotInCheck pins why render adds the warning itself:
// article.Check does not parse HTML, so it never reports dropped_text.
func TestDroppedTextNotInCheck(t *testing.T) {
	a := sample.Article()
	a.Body = `<math><style>` + strings.Repeat("lost ", 10)
	for _, f := range a.Check() {
		assert.NotErrorIs(t, f, article.ErrDroppedText)
	}
	m, err := Resolve(a, Options{}, PrepareOptions{})
	require.NoError(t, err)
	assert.Equal(t, []string{"body"}, droppedWarnings(t, m))
}

// TestDroppedTextCached checks that the dropped_text check, kept in the
// content cache by the field's HTML, reports the same warning for a second
// article with the same body (a cache hit) as without a cache.
func TestDroppedTextCached(t *testing.T) {
	body := `<p>Kept.</p><math><style>` + strings.Repeat("lost ", 10)
	messages := func(r *Renderer, headline string) []string {
		t.Helper()
		a := sample.Article()
		a.Body = body
		a.Headline = headline
		m, err := r.Meta(a)
		require.NoError(t, err)
		assert.Equal(t, []string{"body"}, droppedWarnings(t, m))
		var out []string
		for _, w := range m.Warnings {
			if errors.Is(w, article.ErrDroppedText) {
				out = append(out, w.Message)
			}
		}
		return out
	}
	uncached, err := New(Options{CacheBytes: -1})
	require.NoError(t, err)
	want := messages(uncached, "First")
	require.Len(t, want, 1)
	assert.Contains(t, want[0], "at byte 18")

	r := newRenderer(t)
	assert.Equal(t, want, messages(r, "First"), "miss")
	assert.Equal(t, want, messages(r, "Second, same body"), "hit")
}

// TestSwallowedWithoutTags checks the shortcut of swallowed: text without
// '<' is what sanitize.Swallowed finds nothing left open in, and such a
// field is neither tokenised nor cached; text with one still is.
func TestSwallowedWithoutTags(t *testing.T) {
	r := newRenderer(t)
	for _, raw := range []string{"", "plain words", "a & b > c; \"quoted\" 'x'", "&lt;script&gt; &#60;style", "NUL\x00 and \xff bytes", "–>-->]]>?>"} {
		_, open := sanitize.Swallowed(raw)
		assert.False(t, open, "%q", raw)
		assert.Equal(t, "", swallowed(r.cache, raw), "%q", raw)
	}
	assert.Zero(t, r.cache.size(), "nothing cached for text without tags")
	assert.NotEmpty(t, swallowed(r.cache, "<p>kept <!-- open"), "a tag still goes through sanitize.Swallowed")
	assert.Positive(t, r.cache.size())
}

// FuzzSwallowedWithoutTags holds swallowed's shortcut for any text: with
// no '<', sanitize.Swallowed finds nothing left open.
func FuzzSwallowedWithoutTags(f *testing.F) {
	for _, s := range []string{"plain", "a > b", "&lt;!--", "<p>x", "x <!-- y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		sw, open := sanitize.Swallowed(raw)
		if !strings.Contains(raw, "<") && open {
			t.Fatalf("Swallowed(%q) = %+v without a '<'", raw, sw)
		}
		want := ""
		if open {
			want = sw.String()
		}
		if got := swallowed(nil, raw); got != want {
			t.Fatalf("swallowed(%q) = %q, want %q", raw, got, want)
		}
	})
}
