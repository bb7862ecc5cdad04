package serve

import (
	"encoding/json"
	"errors"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/site"
)

// oEmbed's default and smallest iframe sizes.
const (
	oembedWidth, oembedHeight = 640, 800
	oembedMin                 = 120
)

type oembedResponse struct {
	Version         string `json:"version"`
	Type            string `json:"type"`
	Title           string `json:"title,omitempty"`
	AuthorName      string `json:"author_name,omitempty"`
	AuthorURL       string `json:"author_url,omitempty"`
	ProviderName    string `json:"provider_name,omitempty"`
	ProviderURL     string `json:"provider_url,omitempty"`
	CacheAge        int    `json:"cache_age,omitempty"`
	ThumbnailURL    string `json:"thumbnail_url,omitempty"`
	ThumbnailWidth  int    `json:"thumbnail_width,omitempty"`
	ThumbnailHeight int    `json:"thumbnail_height,omitempty"`
	HTML            string `json:"html"`
	Width           int    `json:"width"`
	Height          int    `json:"height"`
}

// serveOEmbed answers an oEmbed 1.0 request (https://oembed.com/) for an
// article's URL — its canonical URL, its page on this handler or its
// /a/{id} alias — with a "rich" response whose html is an iframe of the
// article's fragment. format other than json is 501, as the spec says; a
// missing url is 400; an unknown one 404.
func (h *Handler) serveOEmbed(w http.ResponseWriter, r *http.Request) {
	h.dataHeaders(w)
	q := r.URL.Query()
	raw := q.Get("url")
	if raw == "" {
		h.plain(w, http.StatusBadRequest, "oembed: the url parameter is required")
		return
	}
	if f := q.Get("format"); f != "" && f != "json" {
		h.plain(w, http.StatusNotImplemented, "oembed: only format=json is served")
		return
	}
	base, ok := h.base(r)
	if !ok {
		h.plain(w, http.StatusBadRequest, "bad Host header")
		return
	}
	a, err := h.lookupURL(r, raw, base)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	width, height := oembedWidth, oembedHeight
	if mw, err := strconv.Atoi(q.Get("maxwidth")); err == nil && mw > 0 {
		width = max(min(width, mw), oembedMin)
	}
	if mh, err := strconv.Atoi(q.Get("maxheight")); err == nil && mh > 0 {
		height = max(min(height, mh), oembedMin)
	}
	src := base + strings.TrimPrefix(site.ArticlePrefix, "/") + a.ID + "/fragment"
	resp := oembedResponse{
		Version: "1.0",
		Type:    "rich",
		Title:   a.Headline,
		HTML: `<iframe src="` + html.EscapeString(src) + `" width="` + strconv.Itoa(width) + `" height="` + strconv.Itoa(height) +
			`" title="` + html.EscapeString(a.Headline) + `" loading="lazy" sandbox="allow-popups allow-popups-to-escape-sandbox" style="border:0;max-width:100%"></iframe>`,
		Width:    width,
		Height:   height,
		CacheAge: 3600,
	}
	if len(a.Authors) > 0 {
		resp.AuthorName = a.Authors[0].Name
		if _, err := article.CheckURL(a.Authors[0].URL); err == nil {
			resp.AuthorURL = a.Authors[0].URL
		}
	}
	if s := a.Site; s != nil {
		resp.ProviderName = s.Name
		if _, err := article.CheckURL(s.URL); err == nil {
			resp.ProviderURL = s.URL
		}
	}
	img := a.Image
	if img == nil {
		img = h.shareImage(base, a)
	}
	if img != nil && img.Width > 0 && img.Width <= width && img.Height <= height {
		// oEmbed: a thumbnail must respect maxwidth and maxheight.
		resp.ThumbnailURL, resp.ThumbnailWidth, resp.ThumbnailHeight = img.URL, img.Width, img.Height
	}
	b, err := json.Marshal(resp)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	write(w, r, newResource(append(b, '\n'), "application/json; charset=utf-8", h.opts.CacheControl, ""))
}

// lookupURL finds the article raw names: an /a/{id} URL or a page path on
// this handler, or a canonical URL.
func (h *Handler) lookupURL(r *http.Request, raw, base string) (*article.Article, error) {
	ctx := r.Context()
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errNotFound
	}
	if b, err := url.Parse(base); err == nil && strings.EqualFold(b.Host, u.Host) {
		rest, ok := strings.CutPrefix(u.EscapedPath(), strings.TrimSuffix(b.EscapedPath(), "/"))
		if ok {
			if id, ok := strings.CutPrefix(rest, site.ArticlePrefix); ok && site.ValidID(strings.TrimSuffix(id, "/fragment")) {
				return h.src.Article(ctx, strings.TrimSuffix(id, "/fragment"))
			}
		}
	}
	a, err := h.src.ArticleByURL(ctx, raw)
	if err == nil || !errors.Is(err, site.ErrNotFound) {
		return a, err
	}
	if b, perr := url.Parse(base); perr == nil && strings.EqualFold(b.Host, u.Host) {
		return h.src.ArticleByURL(ctx, u.EscapedPath())
	}
	return nil, err
}

var errNotFound = site.ErrNotFound
