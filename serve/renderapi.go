package serve

import (
	"io"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/render"
)

// This file adapts package render's API: the only place serve calls it.

// tickerItem is one ticker headline.
type tickerItem = render.TickerItem

// newRenderer builds a renderer whose share image for an article without
// one is shareImage's (none when nil).
func newRenderer(o render.Options, shareImage func(*article.Article) *article.Image) (*render.Renderer, error) {
	if shareImage != nil {
		o.ShareImage = shareImage
		o.ShareImageAlways = false
	}
	return render.New(o)
}

type prepared struct {
	p *render.Prepared
}

func prepare(r *render.Renderer, a *article.Article) (prepared, error) {
	p, err := r.Prepare(a, render.PrepareOptions{})
	return prepared{p}, err
}

func view(label string, items []tickerItem) render.View {
	return render.View{Ticker: render.Ticker{Label: label, Items: items}}
}

func (p prepared) page(w io.Writer, label string, items []tickerItem) error {
	return p.p.Page(w, view(label, items))
}

func (p prepared) fragment(w io.Writer) error { return p.p.Fragment(w) }

func (p prepared) meta() *render.Meta { return p.p.Meta() }

// etag returns the page's entity tag without rendering the page.
func (p prepared) etag(label string, items []tickerItem) string { return p.p.ETag(view(label, items)) }

// styleHashes returns the CSP hashes of the page's inline stylesheets.
func (p prepared) styleHashes() []string { return p.p.StyleHashes() }

// hash returns the content hash of the fragment and metadata.
func (p prepared) hash() string { return p.p.Hash() }
