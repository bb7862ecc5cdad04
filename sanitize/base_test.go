package sanitize

import (
	"errors"
	"testing"
)

// TestWithBaseURL checks that a rebased policy sanitises exactly as one
// built with that BaseURL, and leaves the original alone.
func TestWithBaseURL(t *testing.T) {
	const in = `<p><a href="related-story">rel</a> <a href="/guides/x">root</a> <a href="?page=2">query</a> ` +
		`<a href="https://x.example/a">own</a> <a href="https://other.example/">foreign</a> <img src="pic.jpg" alt=""></p>`
	orig, err := BodyPolicy(Options{BaseURL: "https://x.example/"})
	if err != nil {
		t.Fatal(err)
	}
	before := orig.Sanitize(in)
	for _, base := range []string{"https://x.example/local/story", "http://y.example:8080/a/b/", "https://X.example/local/story?id=1"} {
		built, err := BodyPolicy(Options{BaseURL: base})
		if err != nil {
			t.Fatal(err)
		}
		rebased, err := orig.WithBaseURL(base)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := rebased.Sanitize(in), built.Sanitize(in); got != want {
			t.Errorf("WithBaseURL(%q).Sanitize = %s, want %s", base, got, want)
		}
	}
	if got := orig.Sanitize(in); got != before {
		t.Errorf("the original policy changed: %s, want %s", got, before)
	}
	for _, bad := range []string{"", "/local/story", "javascript:alert(1)", "https://user@x.example/"} {
		if _, err := orig.WithBaseURL(bad); !errors.Is(err, ErrOptions) {
			t.Errorf("WithBaseURL(%q) error = %v, want ErrOptions", bad, err)
		}
	}
}
