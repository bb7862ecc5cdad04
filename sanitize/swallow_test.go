package sanitize

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSwallowed(t *testing.T) {
	tests := []struct {
		name string
		in   string
		what string // "" when nothing is swallowed
		at   int
	}{
		{"mathml style", `<p>before</p><math><style>x</p><p>after</p>`, "<style>", 19},
		{"style", `<p>a</p><style>b{}<p>more`, "<style>", 8},
		{"script with attributes", `<p>a</p><script type="x">y<p>z`, "<script>", 8},
		{"title", `<p>a<title>b</p><p>c`, "<title>", 4},
		{"object", `<p>a<object data="x"><p>b</p>`, "<object>", 4},
		{"object around a closed title", `<p>a<object><title>t</title><p>b</p>`, "<object>", 4},
		{"noscript", `<p>a<noscript>b</p>c`, "<noscript>", 4},
		{"iframe", `<p>a<iframe src="https://www.youtube.com/embed/aaaaaaaaaaa">b`, "<iframe>", 4},
		{"comment", `<p>a</p><!-- note <p>b</p>`, "<!--", 8},
		{"bogus comment", `<p>a<! bogus text`, "<!", 4},
		{"processing instruction", `<p>a<? x`, "<?", 4},
		{"attribute quote", `<p>a <img alt="oops</p><p>long body`, "<img", 5},
		{"end tag cut", `<p>a</p`, "</p", 4},

		{"closed style", `<p>a</p><style>b{}</style><p>c</p>`, "", 0},
		{"closed comment", `<p>a<!-- x --><p>b`, "", 0},
		{"empty comments", `<!--><!---><p>b`, "", 0},
		{"open style at the end", `<p>a</p><style>`, "", 0},
		{"open style then space", "<p>a</p><style> \n", "", 0},
		{"textarea keeps its text", `<p>a<textarea>b</p><p>c`, "", 0},
		{"plaintext keeps its text", `<p>a<plaintext>b<p>c`, "", 0},
		{"unclosed p", `<p>a<b>b`, "", 0},
		{"a lone lt", `a < b`, "", 0},
		{"empty", ``, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := Swallowed(tt.in)
			if tt.what == "" {
				assert.False(t, ok, "Swallowed(%q) = %+v", tt.in, s)
				return
			}
			if assert.True(t, ok, "Swallowed(%q) found nothing", tt.in) {
				assert.Equal(t, Swallow{What: tt.what, Offset: tt.at, Len: len(tt.in) - tt.at}, s)
				assert.Contains(t, s.String(), tt.what)
			}
		})
	}
}

// TestSwallowedMatchesSanitize checks the report against what the
// policies really do: a marker after a swallowing input is gone from the
// output, and a marker after any other input is kept.
func TestSwallowedMatchesSanitize(t *testing.T) {
	for _, v := range loadVectors(t) {
		checkSwallowed(t, v.html)
	}
	checkSwallowed(t, `<p>before</p><math><style>x</p><p>after</p>`)
}

const marker = "zqxmark"

func checkSwallowed(t *testing.T, in string) {
	t.Helper()
	s := in + " " + marker
	body, err := BodyPolicy(Options{})
	if err != nil {
		t.Fatal(err)
	}
	inline, err := InlinePolicy(Options{})
	if err != nil {
		t.Fatal(err)
	}
	sw, swallowed := Swallowed(s)
	for name, out := range map[string]string{
		"body":   string(body.Sanitize(s)),
		"inline": string(inline.Sanitize(s)),
	} {
		if kept := strings.Contains(out, marker); kept == swallowed {
			t.Errorf("%s: Swallowed(%q) = %v, %v but the marker kept = %v in %q", name, s, sw, swallowed, kept, out)
		}
	}
}

func FuzzSwallowed(f *testing.F) {
	for _, s := range []string{`<p>a<math><style>`, `<object><title>`, `<!--`, `<a title="`, `<script>`, `<iframe>`, `<textarea>`, `</p`, `<!x`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkSwallowed(t, in)
	})
}
