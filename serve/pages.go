package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"weak"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/render"
	"github.com/broadsheet/broadsheet/share"
	"github.com/broadsheet/broadsheet/site"
)

// version returns the source's current version.
func (h *Handler) version(ctx context.Context) (string, error) {
	return h.src.VersionContext(ctx)
}

// pageKind names the article routes.
type pageKind uint8

const (
	kindPage pageKind = iota
	kindFragment
	kindMeta
	kindShare
)

var kindNames = [...]string{"page", "fragment", "meta", "share"}

func (h *Handler) servePage(w http.ResponseWriter, r *http.Request) {
	h.serveArticle(w, r, kindPage, r.PathValue("id"), "")
}

func (h *Handler) serveFragment(w http.ResponseWriter, r *http.Request) {
	h.serveArticle(w, r, kindFragment, r.PathValue("id"), "")
}

func (h *Handler) serveMeta(w http.ResponseWriter, r *http.Request) {
	h.serveArticle(w, r, kindMeta, r.PathValue("id"), "")
}

func (h *Handler) serveShare(w http.ResponseWriter, r *http.Request) {
	h.serveArticle(w, r, kindShare, r.PathValue("id"), "")
}

// servePath serves an article's page at the path of its canonical URL.
func (h *Handler) servePath(w http.ResponseWriter, r *http.Request) {
	h.serveArticle(w, r, kindPage, "", r.URL.EscapedPath())
}

// serveArticle serves one article route, found by id or by page path.
func (h *Handler) serveArticle(w http.ResponseWriter, r *http.Request, kind pageKind, id, path string) {
	switch kind {
	case kindPage:
		h.htmlHeaders(w)
	case kindFragment:
		w.Header().Set("Content-Security-Policy", h.fragCSP())
	default:
		h.dataHeaders(w)
	}
	ctx := r.Context()
	base, ok := h.base(r)
	if !ok {
		h.plain(w, http.StatusBadRequest, "bad Host header")
		return
	}
	v, err := h.version(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var key strings.Builder
	key.Grow(len(v) + len(base) + len(id) + len(path) + 16)
	key.WriteString(kindNames[kind])
	key.WriteByte(0)
	key.WriteString(v)
	key.WriteByte(0)
	key.WriteString(base)
	key.WriteByte(0)
	key.WriteString(id)
	key.WriteByte(0)
	key.WriteString(path)
	k := key.String()
	if res := h.cache.get(k); res != nil {
		write(w, r, res)
		return
	}
	var a *article.Article
	if path != "" {
		a, err = h.src.ArticleByURL(ctx, path)
	} else {
		a, err = h.src.Article(ctx, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	cc := h.opts.CacheControl
	if kind == kindShare {
		res, err := h.render(ctx, k, func() (*resource, error) {
			links, err := share.Links(a, h.opts.Render.Share)
			if links == nil && err != nil {
				return nil, err
			}
			return jsonResource(links, cc)
		})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		write(w, r, res)
		return
	}
	rd, err := h.renderer(base)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := prepare(rd, a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var label string
	var items []tickerItem
	tag := p.hash()
	if tag != "" {
		tag = `"` + tag + `"`
	}
	var csp []string
	if kind == kindPage {
		csp = h.pageCSP.get(p.styleHashes())
		w.Header()["Content-Security-Policy"] = csp
		label, items, err = h.ticker(ctx, v, a)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		tag = p.etag(label, items)
	}
	if notModified(w, r, tag, cc, true) {
		return
	}
	res, err := h.render(ctx, k, func() (*resource, error) {
		var b bytes.Buffer
		switch kind {
		case kindPage:
			if err := p.page(&b, label, items); err != nil {
				return nil, err
			}
		case kindFragment:
			if err := p.fragment(&b); err != nil {
				return nil, err
			}
		case kindMeta:
			return jsonResourceTag(p.meta(), cc, tag)
		}
		res := newResource(b.Bytes(), "text/html; charset=utf-8", cc, tag)
		res.csp = csp
		return res, nil
	})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	write(w, r, res)
}

func jsonResource(v any, cc string) (*resource, error) { return jsonResourceTag(v, cc, "") }

func jsonResourceTag(v any, cc, tag string) (*resource, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return newResource(append(b, '\n'), "application/json; charset=utf-8", cc, tag), nil
}

// fragCSP is the CSP of the fragment: the page's, framable by
// FrameAncestors.
func (h *Handler) fragCSP() string {
	var parts []string
	for d := range strings.SplitSeq(h.opts.CSP, ";") {
		if name, _, _ := strings.Cut(strings.TrimSpace(d), " "); strings.EqualFold(name, "frame-ancestors") || strings.TrimSpace(d) == "" {
			continue
		}
		parts = append(parts, strings.TrimSpace(d))
	}
	parts = append(parts, "frame-ancestors "+h.opts.FrameAncestors)
	return strings.Join(parts, "; ")
}

// tickerState caches the latest articles of one source version, for the
// ticker.
type tickerState struct {
	version string
	latest  []*article.Article
}

// ticker returns the ticker of a page view: site.Ticker's stories, linked
// to their canonical URLs, with a language only where it differs from the
// page's.
func (h *Handler) ticker(ctx context.Context, v string, self *article.Article) (string, []tickerItem, error) {
	if h.opts.TickerSize < 0 {
		return "", nil, nil
	}
	h.mu.Lock()
	ts := h.tick
	h.mu.Unlock()
	if ts == nil || ts.version != v {
		arts, err := h.src.LatestContext(ctx, h.opts.ListSize)
		if err != nil {
			return "", nil, err
		}
		ts = &tickerState{version: v, latest: arts}
		h.mu.Lock()
		h.tick = ts
		h.mu.Unlock()
	}
	return h.opts.TickerLabel, TickerItems(site.Ticker(ts.latest, self, h.opts.TickerSize), self), nil
}

// TickerItems turns the stories of site.Ticker into render's ticker items
// for a page of self: headline, canonical URL, and a language only where
// it differs from the page's. A static build uses it to show the same
// ticker as the handler.
func TickerItems(stories []*article.Article, self *article.Article) []render.TickerItem {
	items := make([]render.TickerItem, 0, len(stories))
	for _, a := range stories {
		it := render.TickerItem{Headline: a.Headline, URL: a.URL, Lang: a.Language}
		if self != nil && it.Lang == self.Language {
			it.Lang = ""
		}
		items = append(items, it)
	}
	return items
}

// cardDigest returns a digest of everything about a that a card is drawn
// from (every field), cached by the article's identity: a Source returns
// the same *article.Article for an unchanged article. The cache holds
// weak pointers, so it never keeps an article alive (a collection that
// reads its articles on demand returns a new value each time).
func (h *Handler) cardDigest(a *article.Article) string {
	wp := weak.Make(a)
	h.digestMu.Lock()
	d, ok := h.digests[wp]
	h.digestMu.Unlock()
	if ok {
		return d
	}
	d = site.ArticleDigest(a)
	h.digestMu.Lock()
	if len(h.digests) >= maxDigests {
		clear(h.digests)
	}
	h.digests[wp] = d
	h.digestMu.Unlock()
	return d
}

// maxDigests bounds the card digests kept.
const maxDigests = 4096

// cardHash is the content hash in a card's URL: site.CardHashOf with
// Options.CardVersion.
func (h *Handler) cardHash(digest string, spec site.CardSpec) string {
	return site.CardHashOf(digest, spec, h.opts.CardVersion)
}

// shareImage is the share image of an article without its own: its
// default card under base (site.ShareImage).
func (h *Handler) shareImage(base string, a *article.Article) *article.Image {
	if a == nil {
		return nil
	}
	return site.ShareImageOf(base, a, DefaultCard, h.opts.CardVersion, h.cardDigest(a))
}

// DefaultCard is the card an article without a lead image shows as its
// og:image: 1200×630, the standard layout.
var DefaultCard = site.CardSpec{Width: 1200, Height: 630, Layout: "standard"}
