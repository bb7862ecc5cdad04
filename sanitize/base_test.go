package sanitize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWithBaseURL checks that a rebased policy sanitises exactly as one
// built with that BaseURL, and leaves the original alone.
func TestWithBaseURL(t *testing.T) {
	const in = `<p><a href="related-story">rel</a> <a href="/guides/x">root</a> <a href="?page=2">query</a> ` +
		`<a href="https://x.example/a">own</a> <a href="https://other.example/">foreign</a> <img src="pic.jpg" alt=""></p>`
	orig, err := BodyPolicy(Options{BaseURL: "https://x.example/"})
	require.NoError(t, err)
	before := orig.Sanitize(in)
	for _, base := range []string{"https://x.example/local/story", "http://y.example:8080/a/b/", "https://X.example/local/story?id=1"} {
		built, err := BodyPolicy(Options{BaseURL: base})
		require.NoError(t, err)
		rebased, err := orig.WithBaseURL(base)
		require.NoError(t, err)
		assert.Equal(t, built.Sanitize(in), rebased.Sanitize(in), "WithBaseURL(%q).Sanitize", base)
	}
	assert.Equal(t, before, orig.Sanitize(in), "the original policy changed")
	for _, bad := range []string{"", "/local/story", "javascript:alert(1)", "https://user@x.example/"} {
		_, err := orig.WithBaseURL(bad)
		assert.ErrorIs(t, err, ErrOptions, "WithBaseURL(%q)", bad)
	}
}
