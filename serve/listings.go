package serve

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/feed"
	"github.com/broadsheet/broadsheet/site"
)

type listKind uint8

const (
	listIndex listKind = iota
	listRSS
	listAtom
	listJSON
	listSitemap
	listNews
	listPart // one part of a split sitemap
)

var listInfo = [...]struct {
	name, path, ctype string
	write             func(io.Writer, []*article.Article, feed.Options) error
}{
	listIndex:   {"index", site.IndexPath, "text/html; charset=utf-8", nil},
	listRSS:     {"rss", site.RSSPath, "application/rss+xml; charset=utf-8", feed.RSS},
	listAtom:    {"atom", site.AtomPath, "application/atom+xml; charset=utf-8", feed.Atom},
	listJSON:    {"json", site.JSONFeedPath, "application/feed+json; charset=utf-8", feed.JSON},
	listSitemap: {"sitemap", site.SitemapPath, "application/xml; charset=utf-8", feed.Sitemap},
	listNews:    {"news", site.NewsSitemapPath, "application/xml; charset=utf-8", feed.NewsSitemap},
	listPart:    {"part", site.SitemapsPrefix, "application/xml; charset=utf-8", nil},
}

func (h *Handler) serveIndex(w http.ResponseWriter, r *http.Request) {
	h.serveList(w, r, listIndex, 0)
}

func (h *Handler) serveListing(k listKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { h.serveList(w, r, k, 0) }
}

// serveList serves the index, a feed, a sitemap or part of one (part, from
// 1): built once per source version and base URL (the news sitemap also
// once per minute, since its window moves).
func (h *Handler) serveList(w http.ResponseWriter, r *http.Request, k listKind, part int) {
	if k == listIndex {
		h.htmlHeaders(w)
		w.Header()["Content-Security-Policy"] = h.indexCSP
	} else {
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
	info := listInfo[k]
	key := "list\x00" + info.name + "\x00" + v + "\x00" + base + "\x00" + strconv.Itoa(part)
	now := h.opts.Now()
	if k == listNews {
		key += "\x00" + now.UTC().Truncate(time.Minute).Format(time.RFC3339)
	}
	prefix := h.prefix(r)
	if k == listSitemap || k == listPart {
		if ix, ok := h.src.(Indexed); ok && h.streamSitemap(w, r, ix, v, base, part) {
			return
		}
	}
	res, err := h.render(ctx, key, func() (*resource, error) {
		// The build is shared by every waiting request: it must not end
		// when the first one's client goes away.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), h.opts.RenderTimeout)
		defer cancel()
		var b bytes.Buffer
		var arts []*article.Article
		ix, indexed := h.src.(Indexed)
		switch {
		case indexed && (k == listSitemap || k == listPart || k == listNews):
			c, err := ix.Collection(ctx)
			if err != nil {
				return nil, err
			}
			switch k {
			case listSitemap:
				if err := h.writeSitemap(ctx, &b, c, base); err != nil {
					return nil, err
				}
				return newResource(b.Bytes(), info.ctype, h.opts.CacheControl, ""), nil
			case listPart:
				p, err := h.plan(ctx, c, base)
				if err != nil {
					return nil, err
				}
				if p.parts() == 1 || part > p.parts() {
					return nil, fmt.Errorf("%w: sitemap part %d", site.ErrNotFound, part)
				}
				if err := h.writePart(&b, p, base, part-1); err != nil {
					return nil, err
				}
				return newResource(b.Bytes(), info.ctype, h.opts.CacheControl, ""), nil
			}
			if arts, err = newsArticles(ctx, c, now); err != nil {
				return nil, err
			}
		case k == listPart:
			return nil, fmt.Errorf("%w: sitemap part %d", site.ErrNotFound, part)
		default:
			n := h.opts.ListSize
			if k == listSitemap {
				n = feed.MaxSitemapURLs - 1
			}
			var err error
			if arts, err = h.src.LatestContext(ctx, n); err != nil {
				return nil, err
			}
		}
		if k == listIndex {
			if err := h.index(&b, arts, prefix, base); err != nil {
				return nil, err
			}
		} else {
			o := feed.Options{
				Channel: feed.Channel{SelfURL: base + strings.TrimPrefix(info.path, "/")},
				Image:   func(a *article.Article) *article.Image { return h.shareImage(base, a) },
				Now:     now,
			}
			if len(arts) == 0 || arts[0].Site == nil || arts[0].Site.Name == "" {
				o.Channel.Link = base
				if u, err := url.Parse(base); err == nil {
					o.Channel.Title = u.Host
				}
			}
			if err := info.write(&b, arts, o); err != nil {
				return nil, err
			}
		}
		return newResource(b.Bytes(), info.ctype, h.opts.CacheControl, ""), nil
	})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	write(w, r, res)
}

type indexItem struct {
	Headline, Standfirst, Section string
	Breaking                      bool
	Published                     time.Time // as the article gives it, for <time datetime>
	Shown                         time.Time // Published in the display zone
	Page, Fragment, Card          string
	KeyPointCard                  string // empty when the article has no key points
	Meta, Share                   string
}

// shown is a's publication time in its display zone, as on its page.
func (h *Handler) shown(a *article.Article) time.Time {
	if z, err := h.displayZone(a); err == nil && z != nil {
		return a.Published.In(z)
	}
	return a.Published
}

// displayZone is the zone a's dates are shown in: Render.TimeZone, else
// its site's time_zone, else nil (each time in its own offset).
func (h *Handler) displayZone(a *article.Article) (*time.Location, error) {
	if h.zone != nil || a.Site == nil {
		return h.zone, nil
	}
	return h.zones.Load(a.Site.TimeZone)
}

type indexData struct {
	Title, Tagline, Lang string
	Prefix               string
	Items                []indexItem
}

// index writes the index page: the newest articles, each with links to
// its page, fragment, card, key-point card (only when it has key points),
// metadata and share links.
func (h *Handler) index(w io.Writer, arts []*article.Article, prefix, base string) error {
	d := indexData{Title: "broadsheet", Lang: "en", Prefix: prefix}
	if len(arts) > 0 && arts[0].Site != nil {
		if arts[0].Site.Name != "" {
			d.Title = arts[0].Site.Name
		}
		d.Tagline = arts[0].Site.Tagline
	}
	if len(arts) > 0 && arts[0].Language != "" {
		d.Lang = arts[0].Language
	}
	for _, a := range arts {
		if !site.ValidID(a.ID) {
			continue
		}
		at := prefix + site.ArticlePrefix + a.ID
		it := indexItem{
			Headline: a.Headline, Standfirst: a.Standfirst, Section: a.Section, Breaking: a.Breaking,
			Published: a.Published, Shown: h.shown(a),
			Page: at, Fragment: at + "/fragment", Meta: at + "/meta.json", Share: at + "/share.json",
			Card: prefix + site.CardAliasPath(a.ID, DefaultCard),
		}
		if len(a.KeyPoints) > 0 {
			it.KeyPointCard = prefix + site.CardAliasPath(a.ID, site.CardSpec{Width: 1080, Height: 1080, Layout: "keypoint", Point: 1})
		}
		d.Items = append(d.Items, it)
	}
	return indexTemplate.Execute(w, d)
}

var indexTemplate = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<link rel="alternate" type="application/rss+xml" title="{{.Title}} (RSS)" href="{{.Prefix}}/feed.xml">
<link rel="alternate" type="application/atom+xml" title="{{.Title}} (Atom)" href="{{.Prefix}}/atom.xml">
<link rel="alternate" type="application/feed+json" title="{{.Title}} (JSON Feed)" href="{{.Prefix}}/feed.json">
<style>
body{font:17px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}
@media (prefers-color-scheme:dark){body{color:#eee;background:#121212}a{color:#9cc8ff}}
li{margin:0 0 1.5rem}.tools a{margin-right:.75rem;font-size:.9rem}.breaking{color:#b00020;font-weight:700}
@media (prefers-color-scheme:dark){.breaking{color:#ff8a80}}
</style>
</head>
<body>
<header><h1>{{.Title}}</h1>{{with .Tagline}}<p>{{.}}</p>{{end}}</header>
<main>
<ul>
{{range .Items}}<li>
<h2>{{if .Breaking}}<span class="breaking">Breaking:</span> {{end}}<a href="{{.Page}}">{{.Headline}}</a></h2>
{{with .Standfirst}}<p>{{.}}</p>{{end}}
<p class="tools">{{with .Section}}{{.}} · {{end}}<time datetime="{{.Published.Format "2006-01-02T15:04:05Z07:00"}}">{{.Shown.Format "2 Jan 2006"}}</time></p>
<p class="tools"><a href="{{.Fragment}}">fragment</a><a href="{{.Card}}">card</a>{{with .KeyPointCard}}<a href="{{.}}">key-point card</a>{{end}}<a href="{{.Meta}}">metadata</a><a href="{{.Share}}">share links</a></p>
</li>
{{end}}</ul>
</main>
<footer><p><a href="{{.Prefix}}/feed.xml">RSS</a> · <a href="{{.Prefix}}/atom.xml">Atom</a> · <a href="{{.Prefix}}/feed.json">JSON Feed</a> · <a href="{{.Prefix}}/sitemap.xml">Sitemap</a></p></footer>
</body>
</html>
`))
