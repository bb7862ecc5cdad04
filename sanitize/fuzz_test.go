package sanitize

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// callBound is the most one call may take on a fuzz input (at most a few
// KB). It is not a benchmark: it catches super-linear blow-ups such as
// bluemonday's CSS handler (seconds on 60 bytes), with room for a loaded
// machine.
const callBound = 2 * time.Second

// bounded runs f and fails t if it has not returned within callBound.
func bounded(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(callBound):
		t.Fatalf("%s took longer than %v", what, callBound)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{
		"", "<p>one</p><p>two</p>", "a<script>b</script>c", "<template><p>x</template>y",
		"&amp;lt; &#0; &#x110000; &#55296;", "\xff\x00<b\x00>", "<plaintext><p>", "<!-->a--!>b",
		"<svg><style><img src=x onerror=1></style></svg>", "a&nbsp;&nbsp;b\u00a0", "<title><b>t</b></title>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var got string
		bounded(t, "Text", func() { got = Text(in) })
		checkText(t, in, got)
		// Without markup or references, the fast path and the tokenizer
		// path must agree.
		if !strings.ContainsAny(in, "<&") {
			var w textWriter
			textTo(&w, in)
			if tok := w.b.String(); tok != got {
				t.Fatalf("Text(%q) = %q, tokenizer path = %q", in, got, tok)
			}
		}
	})
}

func FuzzTruncate(f *testing.F) {
	for _, s := range []string{
		"Hello brave new world", "今日は晴れです。明日は雨でしょう。", "👩‍👩‍👧‍👦👩‍👩‍👧‍👦 🇬🇧🇫🇷", "e\u0301e\u0301e\u0301",
		"a, b; c: d. e — f", "“quoted” (aside) [x]", "\u0600,\u0600 x", "\r\n\r\n", "\xff\xfe abc",
	} {
		for _, max := range []int{0, 1, 2, 5, 12} {
			f.Add(s, max, uint8(0))
		}
	}
	counters := []Counter{Graphemes, bytesCount, utf16Count, xLikeCount, utf8.RuneCountInString}
	f.Fuzz(func(t *testing.T, in string, max int, which uint8) {
		max %= 400
		count := counters[int(which)%len(counters)]
		var got, gotG string
		bounded(t, "TruncateFunc", func() { got = TruncateFunc(in, max, count) })
		checkTruncated(t, in, max, got, count)
		bounded(t, "Truncate", func() { gotG = Truncate(in, max) })
		checkTruncated(t, in, max, gotG, Graphemes)
		for _, limit := range []int{len(in) / 3, len(in) / 2, len(in)} {
			if got, want := cutAt(in, limit), cutAtStep(in, limit); got != want {
				t.Fatalf("cutAt(%q, %d) = %q, reference with uniseg.Step = %q", in, limit, got, want)
			}
		}
		if want := TruncateFunc(in, max, Graphemes); gotG != want {
			t.Fatalf("Truncate(%q, %d) = %q, TruncateFunc with Graphemes = %q", in, max, gotG, want)
		}
	})
}

func FuzzBody(f *testing.F) {
	for _, v := range loadVectors(f) {
		f.Add(v.html, uint8(0))
	}
	f.Add(`<p>Councillors voted <strong>7–4</strong>.</p><table><tr><td>a<td>b</table><ul><li>x<li>y</ul>`, uint8(1))
	f.Add(`<iframe src="https://www.youtube.com/embed/AAAAAAAAAAA?start=5"></iframe><pre>\n\ncode</pre>`, uint8(1))
	pols := corpusPolicies(f)
	names := []string{"body", "body-bare", "body-embeds", "inline", "text"}
	f.Fuzz(func(t *testing.T, in string, which uint8) {
		name := names[int(which)%len(names)]
		p := pols[name]
		var out, again string
		bounded(t, "Sanitize", func() { out = string(p.Sanitize(in)) })
		bounded(t, "Sanitize of its output", func() { again = string(p.Sanitize(out)) })
		if again != out {
			t.Fatalf("%s: not idempotent:\n  in:    %q\n  once:  %q\n  twice: %q", name, in, out, again)
		}
		if !utf8.ValidString(out) {
			t.Fatalf("%s: invalid UTF-8 in %q", name, out)
		}
		if probs := safetyProblems(p, out); len(probs) > 0 {
			t.Fatalf("%s: %v\n  in:  %q\n  out: %q", name, probs, in, out)
		}
	})
}

// cutAtStep is cutAt written with uniseg.StepString, which computes line
// breaks and grapheme clusters in one call: the reference the faster
// side-by-side walk must agree with.
func cutAtStep(s string, limit int) string {
	var (
		graphemeCut, graphemeSolid int // last cluster end <= limit; end of its last non-trimmable cluster
		wordCut, wordSolid         int
		solid                      int // end of the last non-trimmable cluster so far
		pos                        int
	)
	state, rest := -1, s
	for len(rest) > 0 && pos <= limit {
		var cluster string
		var boundaries int
		cluster, rest, boundaries, state = uniseg.StepString(rest, state)
		start, end := pos, pos+len(cluster)
		pos = end
		trim := trimmable(cluster)
		if trim && isBlank(cluster) && start > 0 {
			// A word ends where white space starts.
			wordCut, wordSolid = start, solid
		}
		if end > limit {
			break
		}
		if !trim {
			solid = end
		}
		graphemeCut, graphemeSolid = end, solid
		if boundaries&uniseg.MaskLine != uniseg.LineDontBreak {
			wordCut, wordSolid = end, solid
		}
	}
	return chooseCut(s, graphemeCut, graphemeSolid, wordCut, wordSolid)
}
