package share

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// oracleResult is what testdata/node/oracle.js prints for one text.
type oracleResult struct {
	X         XResult  `json:"x"`
	URLs      [][2]int `json:"urls"`
	Graphemes int      `json:"graphemes"`
	Bytes     int      `json:"bytes"`
	Facets    []struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Type  string `json:"type"`
		Value string `json:"value"`
	} `json:"facets"`
}

// runOracle runs the official npm libraries (twitter-text 3.1.0,
// @atproto/api 0.21.0 from tools/node) over texts.
func runOracle(t *testing.T, texts []string) []oracleResult {
	t.Helper()
	node := testenv.Node(t)
	testenv.NodeModule(t, "twitter-text")
	testenv.NodeModule(t, "@atproto/api")
	in, err := json.Marshal(texts)
	require.NoError(t, err)
	cmd := exec.Command(node, filepath.Join("testdata", "node", "oracle.js"))
	cmd.Env = append(cmd.Environ(), "NODE_PATH="+filepath.Join(testenv.RepoRoot(t), "tools", "node", "node_modules"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, stderr.String())
	var res []oracleResult
	require.NoError(t, json.Unmarshal(out, &res))
	require.Len(t, res, len(texts))
	return res
}

// corpusPieces are the parts the differential corpus is built from: words
// in many scripts, URLs in the shapes twitter-text treats specially, emoji
// sequences, marks and invalid characters.
var corpusPieces = []string{
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

func buildCorpus(n int) []string {
	r := rand.New(rand.NewPCG(4, 2026))
	out := make([]string, 0, n+len(corpusPieces))
	out = append(out, corpusPieces...)
	for range n {
		var b strings.Builder
		for k := 1 + r.IntN(12); k > 0; k-- {
			b.WriteString(corpusPieces[r.IntN(len(corpusPieces))])
			if r.IntN(3) == 0 {
				b.WriteByte(' ')
			}
		}
		out = append(out, b.String())
	}
	return out
}

// hasConjunctScript reports text in the scripts where Unicode 15.1's
// GB9c joins conjuncts (uniseg implements 15.0, so it counts more there).
func hasConjunctScript(s string) bool {
	for _, r := range s {
		if r >= 0x0900 && r <= 0x0D7F {
			return true
		}
	}
	return false
}

func TestOracleDifferential(t *testing.T) {
	testenv.SkipIfShort(t, "runs Node")
	texts := buildCorpus(3000)
	want := runOracle(t, texts)
	for i, text := range texts {
		w := want[i]
		got := XParse(text)
		if !assert.Equal(t, w.X, got, "XParse(%q)", text) {
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
		g, b := BlueskyLength(text)
		assert.Equal(t, w.Bytes, b, "bytes(%q)", text)
		if hasConjunctScript(text) {
			assert.GreaterOrEqual(t, g, w.Graphemes, "graphemes(%q)", text)
		} else {
			assert.Equal(t, w.Graphemes, g, "graphemes(%q)", text)
		}
	}
}

// TestOracleBlueskyFacets compares BlueskyFacets with @atproto/api's
// detectFacets on Bluesky posts composed from varied headlines: every
// link (with a scheme or without), hashtag, cashtag and mention it finds,
// BlueskyFacets finds at the same byte offsets, with the same value, and
// nothing else.
func TestOracleBlueskyFacets(t *testing.T) {
	testenv.SkipIfShort(t, "runs Node")
	var texts []string
	for _, head := range buildCorpus(1500) {
		a := hostileArticle()
		a.SocialHeadline = head
		p, err := Compose(a, Bluesky, Options{})
		require.NoError(t, err)
		texts = append(texts, p.Text)
	}
	want := runOracle(t, texts)
	kinds := map[string]int{}
	defer func() { t.Logf("%d texts; facets compared: %v", len(texts), kinds) }()
	for i, text := range texts {
		type f struct {
			Start, End  int
			Type, Value string
		}
		// detectFacets leaves a mention's DID to be resolved (it holds
		// the handle); BlueskyFacets takes DIDs from the caller. Give it
		// each handle as its own DID, so both should agree.
		var w, g []f
		dids := map[string]string{}
		for _, x := range want[i].Facets {
			if x.Type == blueskyMentionType {
				dids[x.Value] = x.Value
			}
			kinds[x.Type]++
			if x.Type == blueskyLinkType && !strings.HasPrefix(text[x.Start:], "http") {
				kinds["link without a scheme"]++
			}
			w = append(w, f{x.Start, x.End, x.Type, x.Value})
		}
		for _, x := range BlueskyFacets(text, dids) {
			ft := x.Features[0]
			g = append(g, f{x.Index.ByteStart, x.Index.ByteEnd, ft.Type, ft.URI + ft.Tag + ft.DID})
		}
		assert.Equal(t, w, g, "BlueskyFacets(%q)", text)
	}
}

// TestOraclePosts fits X and Bluesky posts for many headlines (the test
// articles and corpus texts repeated to overflow) and checks them with the
// official libraries: twitter-text says every X post is valid with the
// length Compose reported, and @atproto/api counts the same graphemes,
// within 300, and at most 3000 bytes.
func TestOraclePosts(t *testing.T) {
	testenv.SkipIfShort(t, "runs Node")
	arts := []*article.Article{sample.Article(), hostileArticle(), longArticle()}
	for i, head := range buildCorpus(300) {
		a := hostileArticle()
		a.SocialHeadline = strings.Repeat(head+" ", 1+i%40)
		arts = append(arts, a)
	}
	var posts []Post
	var texts []string
	for _, a := range arts {
		for _, n := range []Network{X, Bluesky} {
			p, err := Compose(a, n, Options{})
			require.NoError(t, err)
			posts = append(posts, p)
			texts = append(texts, p.Text)
		}
	}
	want := runOracle(t, texts)
	for i, p := range posts {
		switch p.Network {
		case X:
			assert.True(t, want[i].X.Valid, "twitter-text: invalid %q", p.Text)
			assert.Equal(t, want[i].X.WeightedLength, p.Length, "X length of %q", p.Text)
		case Bluesky:
			assert.LessOrEqual(t, want[i].Graphemes, BlueskyGraphemeLimit, "%q", p.Text)
			assert.LessOrEqual(t, want[i].Bytes, BlueskyByteLimit, "%q", p.Text)
			if !hasConjunctScript(p.Text) {
				assert.Equal(t, want[i].Graphemes, p.Length, "Bluesky graphemes of %q", p.Text)
			}
		}
	}
}
