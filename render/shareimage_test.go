package render

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/render/jsonld"
)

// cardImage is a share image as a handler would give it: the article's
// card at an absolute URL.
func cardImage(a *article.Article) *article.Image {
	return &article.Image{
		URL: "https://news.example.com/cards/" + a.ID + ".png", Width: 1200, Height: 630,
		Type: "image/png", Alt: "Card: " + a.Headline,
	}
}

func TestShareImage(t *testing.T) {
	noImage := sample.Article()
	noImage.Image = nil
	tests := []struct {
		name    string
		opts    Options
		a       *article.Article
		want    string // og:image, "" for none
		figure  bool
		twitter string
	}{
		{"no image, no option", Options{}, noImage, "", false, "summary"},
		{"no image", Options{ShareImage: cardImage}, noImage, "https://news.example.com/cards/kestrel-bay-camera-vote.png", false, "summary_large_image"},
		{"lead image wins", Options{ShareImage: cardImage}, sample.Article(), sample.Article().Image.URL, true, "summary_large_image"},
		{"always", Options{ShareImage: cardImage, ShareImageAlways: true}, sample.Article(), "https://news.example.com/cards/kestrel-bay-camera-vote.png", true, "summary_large_image"},
		{"nil from the function", Options{ShareImage: func(*article.Article) *article.Image { return nil }}, noImage, "", false, "summary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := New(tt.opts)
			require.NoError(t, err)
			page, err := r.PageString(tt.a, View{})
			require.NoError(t, err)
			m, err := r.Meta(tt.a)
			require.NoError(t, err)
			assertRoundTrip(t, page, m)
			got := parse(t, page)
			tags := map[string]string{}
			for _, tag := range got.tags {
				tags[tag.Key] = tag.Content
			}
			assert.Equal(t, tt.want, tags["og:image"])
			assert.Equal(t, tt.want, tags["twitter:image"])
			assert.Equal(t, tt.twitter, tags["twitter:card"])
			assert.Equal(t, tt.figure, strings.Contains(page, "<figure"), "a figure only for a lead image")
			na := newsArticle(t, m)
			if tt.want == "" {
				assert.Nil(t, na.Image)
				return
			}
			require.NotNil(t, na.Image, "JSON-LD image")
			var img *jsonld.ImageObject
			for _, n := range m.LinkedData.Nodes {
				if o, ok := n.(*jsonld.ImageObject); ok && o.ID == na.Image.ID {
					img = o
				}
			}
			require.NotNil(t, img)
			assert.Equal(t, tt.want, img.URL)
			if tt.name != "lead image wins" {
				assert.Equal(t, "1200", tags["og:image:width"])
				assert.Equal(t, "630", tags["og:image:height"])
				assert.Equal(t, "image/png", tags["og:image:type"])
				assert.Equal(t, "Card: "+tt.a.Headline, tags["og:image:alt"])
				assert.Equal(t, 1200, img.Width)
			}
		})
	}
}

func TestShareImageRefused(t *testing.T) {
	noImage := sample.Article()
	noImage.Image = nil
	for _, tt := range []struct {
		name string
		img  article.Image
		want string
	}{
		{"relative", article.Image{URL: "/cards/x.png", Width: 1200, Height: 630}, "render: share_image.url:"},
		{"javascript", article.Image{URL: "javascript:alert(1)", Width: 1200, Height: 630}, "render: share_image.url:"},
		{"no size", article.Image{URL: "https://news.example.com/c.png"}, "render: share_image: width and height must be positive"},
		{"not an image", article.Image{URL: "https://news.example.com/c.png", Width: 1, Height: 1, Type: "text/html"}, "render: share_image.type:"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{ShareImage: func(*article.Article) *article.Image { img := tt.img; return &img }}
			r, err := New(opts)
			require.NoError(t, err)
			_, err = r.PageString(noImage, View{})
			assert.ErrorContains(t, err, tt.want)
			_, err = Resolve(noImage, opts, PrepareOptions{})
			assert.ErrorContains(t, err, tt.want)
		})
	}
	_, err := New(Options{ShareImageAlways: true})
	assert.ErrorContains(t, err, "ShareImageAlways needs ShareImage")
}

// TestShareImageIsPartOfTheKey: a share image that changes (a new card
// hash) is a new prepared page, not the cached one.
func TestShareImageIsPartOfTheKey(t *testing.T) {
	url := "https://news.example.com/cards/a.png"
	r, err := New(Options{ShareImage: func(*article.Article) *article.Image {
		return &article.Image{URL: url, Width: 1200, Height: 630}
	}})
	require.NoError(t, err)
	a := sample.Article()
	a.Image = nil
	m1, err := r.Meta(a)
	require.NoError(t, err)
	url = "https://news.example.com/cards/b.png"
	m2, err := r.Meta(a)
	require.NoError(t, err)
	assert.Equal(t, "https://news.example.com/cards/a.png", m1.OpenGraph.Image.URL)
	assert.Equal(t, "https://news.example.com/cards/b.png", m2.OpenGraph.Image.URL)
	js, err := json.Marshal(m2.LinkedData)
	require.NoError(t, err)
	assert.Contains(t, string(js), "cards/b.png")
}
