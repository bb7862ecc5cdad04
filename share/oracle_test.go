package share

import (
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/internal/sharetest"
	"github.com/broadsheet/broadsheet/internal/testenv"
	"github.com/broadsheet/broadsheet/share/count"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOracleBlueskyFacets compares BlueskyFacets with @atproto/api's
// detectFacets on Bluesky posts composed from varied headlines: every
// link (with a scheme or without), hashtag, cashtag and mention it finds,
// BlueskyFacets finds at the same byte offsets, with the same value, and
// nothing else.
func TestOracleBlueskyFacets(t *testing.T) {
	testenv.SkipIfShort(t, "runs Node")
	var texts []string
	for _, head := range sharetest.Corpus(1500) {
		a := hostileArticle()
		a.SocialHeadline = head
		p, err := Compose(a, Bluesky, Options{})
		require.NoError(t, err)
		texts = append(texts, p.Text)
	}
	want := sharetest.Oracle(t, texts)
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
	for i, head := range sharetest.Corpus(300) {
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
	want := sharetest.Oracle(t, texts)
	for i, p := range posts {
		switch p.Network {
		case X:
			assert.True(t, want[i].X.Valid, "twitter-text: invalid %q", p.Text)
			assert.Equal(t, want[i].X.WeightedLength, p.Length, "X length of %q", p.Text)
		case Bluesky:
			assert.LessOrEqual(t, want[i].Graphemes, count.BlueskyGraphemeLimit, "%q", p.Text)
			assert.LessOrEqual(t, want[i].Bytes, count.BlueskyByteLimit, "%q", p.Text)
			if !sharetest.HasConjunctScript(p.Text) {
				assert.Equal(t, want[i].Graphemes, p.Length, "Bluesky graphemes of %q", p.Text)
			}
		}
	}
}
