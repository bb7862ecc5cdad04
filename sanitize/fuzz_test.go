package sanitize

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
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
		if want := TruncateFunc(in, max, Graphemes); gotG != want {
			t.Fatalf("Truncate(%q, %d) = %q, TruncateFunc with Graphemes = %q", in, max, gotG, want)
		}
	})
}
