package count

import (
	"testing"

	"github.com/broadsheet/broadsheet/internal/sharetest"
	"github.com/broadsheet/broadsheet/internal/testenv"
	"github.com/stretchr/testify/assert"
)

// TestOracleDifferential compares X, the URL extractor and Bluesky with
// twitter-text 3.1.0 and @atproto/api on 3,000 texts mixing scripts, URLs,
// emoji and marks.
func TestOracleDifferential(t *testing.T) {
	testenv.SkipIfShort(t, "runs Node")
	texts := sharetest.Corpus(3000)
	want := sharetest.Oracle(t, texts)
	for i, text := range texts {
		w := want[i]
		got := X(text)
		if !assert.Equal(t, w.X, sharetest.XResult(got), "X(%q)", text) {
			continue
		}
		normalized := text
		if !isASCII(text) {
			normalized = nfc(text)
		}
		var spans [][2]int
		for _, sp := range extractURLs(toUTF16(text, isASCII(text))) {
			spans = append(spans, [2]int{sp.start, sp.end})
		}
		if normalized == text {
			if w.URLs == nil {
				w.URLs = [][2]int{}
			}
			if spans == nil {
				spans = [][2]int{}
			}
			assert.Equal(t, w.URLs, spans, "extractURLs(%q)", text)
		}
		g, b := Bluesky(text)
		assert.Equal(t, w.Bytes, b, "bytes(%q)", text)
		if sharetest.HasConjunctScript(text) {
			assert.GreaterOrEqual(t, g, w.Graphemes, "graphemes(%q)", text)
		} else {
			assert.Equal(t, w.Graphemes, g, "graphemes(%q)", text)
		}
	}
}
