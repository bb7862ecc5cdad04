// Package sharetest holds what the tests of share and share/count share:
// a run of the official npm counting libraries (twitter-text 3.1.0,
// @atproto/api 0.21.0, installed in tools/node) over a list of texts, and
// the corpus of texts they are compared on.
package sharetest

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/testenv"
)

// XResult is twitter-text's parseTweet result, field for field as
// share/count's XResult (which converts to it).
type XResult struct {
	WeightedLength    int  `json:"weightedLength"`
	Valid             bool `json:"valid"`
	Permillage        int  `json:"permillage"`
	ValidRangeStart   int  `json:"validRangeStart"`
	ValidRangeEnd     int  `json:"validRangeEnd"`
	DisplayRangeStart int  `json:"displayRangeStart"`
	DisplayRangeEnd   int  `json:"displayRangeEnd"`
}

// Facet is one facet @atproto/api's detectFacets finds: byte offsets, the
// feature's $type and its value (URI, tag or handle).
type Facet struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// OracleResult is what oracle.js prints for one text.
type OracleResult struct {
	X         XResult  `json:"x"`
	URLs      [][2]int `json:"urls"` // UTF-16 units, end exclusive
	Graphemes int      `json:"graphemes"`
	Bytes     int      `json:"bytes"`
	Facets    []Facet  `json:"facets"`
}

// Oracle runs the official npm libraries over texts and returns one result
// per text. It skips the test when Node or the modules are missing (and
// fails it when CI=true).
func Oracle(t *testing.T, texts []string) []OracleResult {
	t.Helper()
	node := testenv.Node(t)
	testenv.NodeModule(t, "twitter-text")
	testenv.NodeModule(t, "@atproto/api")
	in, err := json.Marshal(texts)
	if err != nil {
		t.Fatal(err)
	}
	root := testenv.RepoRoot(t)
	cmd := exec.Command(node, filepath.Join(root, "internal", "sharetest", "oracle.js"))
	cmd.Env = append(cmd.Environ(), "NODE_PATH="+filepath.Join(root, "tools", "node", "node_modules"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("oracle.js: %v\n%s", err, stderr.String())
	}
	var res []OracleResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("oracle.js output: %v", err)
	}
	if len(res) != len(texts) {
		t.Fatalf("oracle.js: %d results for %d texts", len(res), len(texts))
	}
	return res
}

// pieces are the parts the differential corpus is built from: words
// in many scripts, URLs in the shapes twitter-text treats specially, emoji
// sequences, marks and invalid characters.
var pieces = []string{
	"Council", "votes", "to", "switch", "off", "cameras", " ", " ", " ", "\n", ".", ",", "!", "?", "(", ")", "'", "\"",
	"—", "–", "…", "“quoted”", "#", "#KestrelBay", "@courier", "$GOOG", "&", "&amp;", "/", "-", "_", ":",
	"https://news.example.com/local/a?utm_source=x&utm_medium=social#top", "http://test.co", "example.com",
	"www.example.co.uk/path_(with)_parens", "t.co/abcde", "https://t.co/UqIyJAJTfo?amp=1", "bit.ly/abc",
	"http://xn--bcher-kva.ch", "http://bücher.ch/straße", "HTTPS://EXAMPLE.COM", "example.COM/", "a.b.c.d.museum",
	"https://example.com:8080/x", "http://example.com/path?q=a+b", "foo@bar.com", "-example.com", "_a.com",
	"https://" + strings.Repeat("a", 63) + ".com", "https://" + strings.Repeat("b", 64) + ".com", "test.みんな", "例え.テスト",
	"http://twitter.com/#!/user", "example.com.", "http://example.com/🐱", "https://ex-ample.dev/a/b/c.html",
	"@alice.bsky.social", "@bob.test", "@carol.example.COM", "(@dave.bsky.social).", "@eve-.com", "httpbin.org/get",
	"Example.org", "www.example.com/a)", "e.g.", "news.example.co.uk),", "HTTP://upper.com", "x.notatld/y",
	"日本語", "中文新闻", "한국어", "العربية", "עברית", "हिन्दी", "क्षत्रिय", "ગુજરાતી", "Ελληνικά", "Кестрел", "ไทย",
	"e\u0301", "A\u030A", "\u212B", "ﬁ", "Ǆ", "\u200D", "\u200C", "\u200E", "\u200F", "\u202A", "\u2066", "\u061C",
	"\uFEFF", "\uFFFE", "\u00A0", "\u3000", "\u2028",
	"🐱", "😷", "👨\u200d👩\u200d👧\u200d👦", "👩🏽\u200d🚀", "🏳\ufe0f\u200d🌈", "🇬🇧", "🇺🇦", "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", "1\ufe0f⃣", "#\ufe0f⃣", "☺", "☺\uFE0F",
	"☺\uFE0E", "❤", "❤\ufe0f", "✌🏿", "🫠", "🧑\u200d💻", "\uFE0F", "©", "®\ufe0f", "™", "🤪", "🧕🏾", "👍🏻",
}

// Corpus returns the corpus pieces and n texts built from them at random
// (with a fixed seed, so every run compares the same texts).
func Corpus(n int) []string {
	r := rand.New(rand.NewPCG(4, 2026))
	out := make([]string, 0, n+len(pieces))
	out = append(out, pieces...)
	for range n {
		var b strings.Builder
		for k := 1 + r.IntN(12); k > 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
			if r.IntN(3) == 0 {
				b.WriteByte(' ')
			}
		}
		out = append(out, b.String())
	}
	return out
}

// HasConjunctScript reports text in the scripts where Unicode 15.1's
// GB9c joins conjuncts (uniseg implements 15.0, so it counts more there).
func HasConjunctScript(s string) bool {
	for _, r := range s {
		if r >= 0x0900 && r <= 0x0D7F {
			return true
		}
	}
	return false
}
