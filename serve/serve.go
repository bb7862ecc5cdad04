package serve

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"weak"

	"golang.org/x/sync/singleflight"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/locale"
	"github.com/broadsheet/broadsheet/render"
	"github.com/broadsheet/broadsheet/render/card"
	"github.com/broadsheet/broadsheet/site"
)

// Source is what the handler serves: *site.Collection and *site.Live
// implement it, and so can a CMS-backed service. Its methods are called
// on every request and must be safe for concurrent use.
type Source interface {
	// VersionContext returns a string that changes whenever any article
	// (or the site's settings) changes, such as a content digest or a
	// change counter. The handler's listings and card hashes are cached
	// per version.
	VersionContext(ctx context.Context) (string, error)
	// Article returns the article with this id, or an error wrapping
	// site.ErrNotFound.
	Article(ctx context.Context, id string) (*article.Article, error)
	// ArticleByURL returns the article whose canonical URL is raw, or,
	// when raw is a path alone ("/local/story"), whose page is at that
	// path; else an error wrapping site.ErrNotFound.
	ArticleByURL(ctx context.Context, raw string) (*article.Article, error)
	// LatestContext returns up to n articles, newest first.
	LatestContext(ctx context.Context, n int) ([]*article.Article, error)
}

// Defaults of Options.
const (
	DefaultCacheControl  = "public, max-age=60, stale-while-revalidate=600"
	DefaultCardAlias     = "public, max-age=300, stale-while-revalidate=86400"
	ImmutableCache       = "public, max-age=31536000, immutable, no-transform"
	DefaultCacheBytes    = 64 << 20
	DefaultRenderTimeout = 10 * time.Second
	DefaultMaxCardPixels = 2048 * 2048
	DefaultListSize      = 50
	DefaultTickerSize    = 5
	// DefaultCSP is the Content-Security-Policy of pages and listings: no
	// script runs (JSON-LD is a data block, which script-src does not
	// govern), images from anywhere over https, forms post over https, and
	// no framing. To it the handler adds each page's style-src: the hashes
	// of the page's own inline stylesheets (render's
	// Prepared.StyleHashes), so no other style applies and no
	// 'unsafe-inline' is needed.
	DefaultCSP = "default-src 'none'; img-src https: data: 'self'; form-action https:; base-uri 'none'; frame-ancestors 'none'"
	// DefaultFrameAncestors is who may frame the fragment (the oEmbed
	// iframe): anyone.
	DefaultFrameAncestors = "*"
)

// Options configures the handler. The zero value serves with the defaults
// and takes absolute URLs from each request's host.
type Options struct {
	// PublicURL is the absolute http(s) URL where the handler is mounted
	// ("https://news.example.com/" or "https://example.com/news/"): the
	// base of og:image card URLs, feed self links and oEmbed iframes.
	// Empty means each request's scheme, Host header and mount prefix —
	// fine on loopback, but set it in production: the Host header is the
	// client's to choose.
	PublicURL string
	// Render configures the page renderer; its ShareImage is set by the
	// handler (the article's card on this handler). Unless its Locale is
	// set, its TimeZone and Catalogue also give the cards' footer date and
	// words (card.LabelsFor), so a card shows the page's date.
	Render render.Options
	// CardTheme is the share cards' theme (fonts, colours, logo).
	CardTheme card.Theme
	// CardVersion is part of every card's content hash: change it when
	// CardTheme (or Render.TimeZone or Render.Catalogue) changes, so
	// hashed card URLs change with the pictures.
	CardVersion string
	// LeadImage, if set, returns the encoded bytes (JPEG, PNG or WebP) of
	// an article's lead image (a.Image), so the handler can draw
	// photo-layout cards (/cards/{id}/1200x630-photo.jpg); nil refuses
	// the photo layout with a 400. It is called once per card drawn, and
	// the card is cached like any other. An error wrapping
	// fs.ErrNotExist is a 404; any other a 502. LeadImageFS reads them
	// from a folder. A card's content hash covers the article, with its
	// image URL, not the image's bytes: publish a changed picture under
	// a new URL, as CDNs expect anyway.
	LeadImage func(ctx context.Context, a *article.Article) ([]byte, error)
	// MaxCardPixels bounds a card's width × height (each side must also
	// be within card.MinSide..card.MaxSide); zero means
	// DefaultMaxCardPixels. A larger card is a 400.
	MaxCardPixels int
	// CacheBytes bounds the rendered responses kept (pages, cards,
	// listings); zero means DefaultCacheBytes.
	CacheBytes int
	// MaxRenders bounds the renders running at once (pages, cards,
	// listings); zero means GOMAXPROCS.
	MaxRenders int
	// RenderTimeout bounds how long a request waits for a render
	// (including for a free render slot); zero means
	// DefaultRenderTimeout. A request that times out gets 503 with
	// Retry-After; the render itself still completes and is cached.
	RenderTimeout time.Duration
	// CacheControl is the Cache-Control of pages, fragments, metadata and
	// listings; empty means DefaultCacheControl.
	CacheControl string
	// CSP is the Content-Security-Policy of pages and listings; empty
	// means DefaultCSP. The handler adds the hashes of each HTML page's
	// inline stylesheets to its style-src (or adds one), unless that
	// allows 'unsafe-inline'.
	CSP string
	// FrameAncestors is the CSP frame-ancestors source list of the
	// fragment (the oEmbed iframe); empty means DefaultFrameAncestors.
	FrameAncestors string
	// ListSize is how many articles the index and the feeds list (newest
	// first); zero means DefaultListSize. The sitemaps list every article
	// of an Indexed source (see Indexed), else the newest 49,999.
	ListSize int
	// TickerSize is how many breaking stories the page ticker shows; zero
	// means DefaultTickerSize, negative means no ticker.
	TickerSize int
	// TickerLabel heads the ticker; empty means the renderer's default
	// ("Breaking").
	TickerLabel string
	// NoOEmbedLink leaves out of pages the oEmbed discovery link the
	// handler otherwise adds (Render.OEmbed set to its /oembed route, when
	// Render.OEmbed is empty): for a static build, where /oembed is not
	// served.
	NoOEmbedLink bool
	// HSTS sends Strict-Transport-Security (one year) on every response;
	// set it only when the handler is served over TLS.
	HSTS bool
	// Now returns the time for the news sitemap's two-day window; nil
	// means time.Now.
	Now func() time.Time
	// OnError, if set, is told of every failure that made a 5xx (a
	// render error, a source error). The handler itself never logs.
	OnError func(r *http.Request, err error)
}

// ErrOptions is returned (wrapped) by New for invalid options.
var ErrOptions = errors.New("serve: invalid options")

// Handler serves a Source over HTTP; see the package documentation for
// its routes. It is safe for concurrent use.
type Handler struct {
	src    Source
	opts   Options
	public *url.URL // nil: per request
	// publicBase is public as a string.
	publicBase string
	mux        *http.ServeMux
	cards      *card.Renderer
	// cardWords, when set, gives each card's labels: Render's Catalogue
	// (or the shipped one) in Render's TimeZone, else in the article's
	// site.time_zone.
	cardWords func(a *article.Article) (*locale.Words, error)
	zone      *time.Location // Render.TimeZone, loaded; nil when unset
	zones     locale.Zones   // the sites' own zones (site.time_zone), loaded once
	cache     *lru
	flight    singleflight.Group
	slots     chan struct{}

	mu        sync.Mutex
	renderers map[string]*render.Renderer // by base URL
	order     []string
	tick      *tickerState

	renders atomic.Int64 // renders run, for tests and Stats

	pageCSP  *styleCSPs // Options.CSP with a page's style hashes
	indexCSP []string   // Options.CSP with the index's

	digestMu sync.Mutex
	digests  map[weak.Pointer[article.Article]]string

	plans *planSlot // guarded by mu
	// sitemapURLs and sitemapBytes bound one sitemap file; zero means
	// feed's limits (tests set smaller ones).
	sitemapURLs, sitemapBytes int
}

// maxBases bounds the renderers kept for request-derived base URLs.
const maxBases = 8

// New returns the handler for src. Invalid options (a PublicURL that is
// not absolute http(s), a render option render.New refuses) are an error.
func New(src Source, opts Options) (*Handler, error) {
	if src == nil {
		return nil, fmt.Errorf("%w: nil source", ErrOptions)
	}
	if opts.CacheControl == "" {
		opts.CacheControl = DefaultCacheControl
	}
	if opts.CSP == "" {
		opts.CSP = DefaultCSP
	}
	if opts.FrameAncestors == "" {
		opts.FrameAncestors = DefaultFrameAncestors
	}
	if opts.CacheBytes <= 0 {
		opts.CacheBytes = DefaultCacheBytes
	}
	if opts.MaxRenders <= 0 {
		opts.MaxRenders = runtime.GOMAXPROCS(0)
	}
	if opts.RenderTimeout <= 0 {
		opts.RenderTimeout = DefaultRenderTimeout
	}
	if opts.MaxCardPixels <= 0 {
		opts.MaxCardPixels = DefaultMaxCardPixels
	}
	if opts.ListSize <= 0 {
		opts.ListSize = DefaultListSize
	}
	if opts.TickerSize == 0 {
		opts.TickerSize = DefaultTickerSize
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if strings.ContainsAny(opts.CSP+opts.FrameAncestors+opts.CacheControl, "\r\n") {
		return nil, fmt.Errorf("%w: a header value holds a line break", ErrOptions)
	}
	h := &Handler{src: src, opts: opts, renderers: map[string]*render.Renderer{}, digests: map[weak.Pointer[article.Article]]string{}}
	h.pageCSP = &styleCSPs{base: opts.CSP}
	h.indexCSP = []string{withStyleHashes(opts.CSP, indexStyleHashes())}
	if opts.PublicURL != "" {
		u, err := article.CheckURL(opts.PublicURL)
		if err != nil {
			return nil, fmt.Errorf("%w: PublicURL: %v", ErrOptions, err)
		}
		if u.RawQuery != "" || u.Fragment != "" {
			return nil, fmt.Errorf("%w: PublicURL %q has a query or fragment", ErrOptions, opts.PublicURL)
		}
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
			u.RawPath = ""
		}
		h.public = u
		h.publicBase = u.String()
		if _, err := h.renderer(u.String()); err != nil {
			return nil, err
		}
	} else if _, err := newRenderer(opts.Render, nil); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOptions, err)
	}
	cr, err := card.New(opts.CardTheme)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOptions, err)
	}
	h.cards = cr
	if h.zone, err = locale.LoadZone(opts.Render.TimeZone); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOptions, err)
	}
	if opts.Render.Locale == nil && (opts.Render.TimeZone != "" || opts.Render.Catalogue != nil) {
		cat := opts.Render.Catalogue
		if cat == nil {
			cat = locale.New()
		}
		h.cardWords = func(a *article.Article) (*locale.Words, error) {
			w, err := cat.Words(a.Language)
			if err != nil {
				return nil, err
			}
			zone, err := h.displayZone(a)
			if err != nil {
				return nil, err
			}
			return w.InZone(zone), nil
		}
	}
	h.cache = newLRU(opts.CacheBytes)
	h.slots = make(chan struct{}, opts.MaxRenders)
	h.routes()
	return h, nil
}

func (h *Handler) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", h.serveIndex)
	m.HandleFunc("GET /a/{id}", h.servePage)
	m.HandleFunc("GET /a/{id}/fragment", h.serveFragment)
	m.HandleFunc("GET /a/{id}/meta.json", h.serveMeta)
	m.HandleFunc("GET /a/{id}/share.json", h.serveShare)
	m.HandleFunc("GET /cards/{id}/{file}", h.serveCard)
	m.HandleFunc("GET "+site.RSSPath, h.serveListing(listRSS))
	m.HandleFunc("GET "+site.AtomPath, h.serveListing(listAtom))
	m.HandleFunc("GET "+site.JSONFeedPath, h.serveListing(listJSON))
	m.HandleFunc("GET "+site.SitemapPath, h.serveListing(listSitemap))
	m.HandleFunc("GET "+site.NewsSitemapPath, h.serveListing(listNews))
	m.HandleFunc("GET "+site.SitemapsPrefix+"{file}", h.serveSitemapPart)
	m.HandleFunc("GET /oembed", h.serveOEmbed)
	m.HandleFunc("GET /healthz", h.serveHealth)
	m.HandleFunc("GET /", h.servePath)
	h.mux = m
}

// ServeHTTP sets the security headers every response carries and routes
// the request. Only GET and HEAD are served (405 with Allow otherwise).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd["X-Content-Type-Options"] = hdrNosniff
	hd["Referrer-Policy"] = hdrReferrer
	if h.opts.HSTS {
		hd["Strict-Transport-Security"] = hdrHSTS
	}
	h.mux.ServeHTTP(w, r)
}

var (
	hdrNosniff  = []string{"nosniff"}
	hdrReferrer = []string{"strict-origin-when-cross-origin"}
	hdrHSTS     = []string{"max-age=31536000"}
	hdrDeny     = []string{"DENY"}
)

// base returns the absolute URL the handler is mounted at, ending in "/":
// PublicURL, or the request's scheme, host and mount prefix.
func (h *Handler) base(r *http.Request) (string, bool) {
	if h.public != nil {
		return h.publicBase, true
	}
	host := r.Host
	if !validHost(host) {
		return "", false
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + strings.ToLower(host) + h.prefix(r) + "/", true
}

// prefix returns the path the handler is mounted under (as
// http.StripPrefix leaves it in RequestURI), without a final slash.
func (h *Handler) prefix(r *http.Request) string {
	if h.public != nil {
		return strings.TrimSuffix(h.public.EscapedPath(), "/")
	}
	full := r.RequestURI
	if i := strings.IndexByte(full, '?'); i >= 0 {
		full = full[:i]
	}
	if strings.HasPrefix(full, "http://") || strings.HasPrefix(full, "https://") {
		if u, err := url.Parse(full); err == nil {
			full = u.EscapedPath()
		}
	}
	tail := r.URL.EscapedPath()
	if full == "" || !strings.HasSuffix(full, tail) {
		return ""
	}
	p := strings.TrimSuffix(full[:len(full)-len(tail)], "/")
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c <= ' ' || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`' {
			return ""
		}
	}
	return p
}

// validHost accepts host[:port] made of the characters a DNS name, an IPv4
// address or a bracketed IPv6 address use.
func validHost(host string) bool {
	if host == "" || len(host) > 261 {
		return false
	}
	for i := 0; i < len(host); i++ {
		c := host[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '-', c == ':', c == '[', c == ']':
		default:
			return false
		}
	}
	return true
}

// renderer returns the page renderer for a base URL: its share image for
// an imageless article is that article's card under base.
func (h *Handler) renderer(base string) (*render.Renderer, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if r, ok := h.renderers[base]; ok {
		return r, nil
	}
	o := h.opts.Render
	if h.public == nil && o.CacheBytes == 0 {
		o.CacheBytes = 8 << 20
	}
	if o.OEmbed == "" && !h.opts.NoOEmbedLink {
		o.OEmbed = base + "oembed"
	}
	r, err := newRenderer(o, func(a *article.Article) *article.Image { return h.shareImage(base, a) })
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOptions, err)
	}
	if len(h.order) >= maxBases {
		delete(h.renderers, h.order[0])
		h.order = h.order[1:]
	}
	h.renderers[base] = r
	h.order = append(h.order, base)
	return r, nil
}

// Stats describes the handler's work so far.
type Stats struct {
	// Renders is how many responses were rendered (cache misses that
	// ran, after de-duplication).
	Renders int64
	// CachedEntries and CachedBytes describe the response cache.
	CachedEntries, CachedBytes int
}

// Stats returns the handler's counters.
func (h *Handler) Stats() Stats {
	n, b := h.cache.stats()
	return Stats{Renders: h.renders.Load(), CachedEntries: n, CachedBytes: b}
}

// errTimeout is a render that did not finish within RenderTimeout.
var errTimeout = errors.New("serve: render timed out")

// render runs make once for all concurrent callers with the same key,
// within the render slots, and caches its result. It returns the cached
// resource at once when there is one.
func (h *Handler) render(ctx context.Context, key string, make func() (*resource, error)) (*resource, error) {
	if res := h.cache.get(key); res != nil {
		return res, nil
	}
	ctx, cancel := context.WithTimeout(ctx, h.opts.RenderTimeout)
	defer cancel()
	ch := h.flight.DoChan(key, func() (v any, err error) {
		// singleflight re-raises a panic of DoChan's function on a new
		// goroutine, which would end the process: make it an error.
		defer func() {
			if p := recover(); p != nil {
				v, err = nil, fmt.Errorf("serve: render panicked: %v", p)
			}
		}()
		// The render runs for every waiter, not for the first request
		// alone, so it waits for a slot on its own deadline.
		t := time.NewTimer(h.opts.RenderTimeout)
		defer t.Stop()
		select {
		case h.slots <- struct{}{}:
		case <-t.C:
			return nil, errTimeout
		}
		defer func() { <-h.slots }()
		if res := h.cache.get(key); res != nil {
			return res, nil
		}
		h.renders.Add(1)
		res, err := make()
		if err != nil {
			return nil, err
		}
		h.cache.put(key, res)
		return res, nil
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return r.Val.(*resource), nil
	case <-ctx.Done():
		return nil, errTimeout
	}
}

// fail answers an error: 404 for a missing article, 503 for a timeout,
// 500 otherwise (told to OnError), with no-store caching.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, site.ErrNotFound):
		h.plain(w, http.StatusNotFound, "not found")
	case errors.Is(err, errTimeout):
		w.Header().Set("Retry-After", "5")
		h.plain(w, http.StatusServiceUnavailable, "busy: try again shortly")
		if h.opts.OnError != nil {
			h.opts.OnError(r, err)
		}
	default:
		h.plain(w, http.StatusInternalServerError, "internal error")
		if h.opts.OnError != nil {
			h.opts.OnError(r, err)
		}
	}
}

// plain writes a short plain-text response that is never cached.
func (h *Handler) plain(w http.ResponseWriter, status int, msg string) {
	hd := w.Header()
	hd.Del("ETag")
	hd.Del("Vary")
	hd.Del("Content-Encoding")
	hd["Content-Type"] = []string{"text/plain; charset=utf-8"}
	hd["Cache-Control"] = hdrNoStore
	hd["Content-Security-Policy"] = []string{"default-src 'none'; frame-ancestors 'none'"}
	w.WriteHeader(status)
	fmt.Fprintln(w, msg)
}

// htmlHeaders sets the headers of an HTML page that must not be framed.
func (h *Handler) htmlHeaders(w http.ResponseWriter) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", h.opts.CSP)
	hd["X-Frame-Options"] = hdrDeny
}

// dataHeaders sets the CSP of a non-HTML response.
func (h *Handler) dataHeaders(w http.ResponseWriter) {
	w.Header()["Content-Security-Policy"] = hdrDataCSP
}

var hdrDataCSP = []string{"default-src 'none'; frame-ancestors 'none'"}

func (h *Handler) serveHealth(w http.ResponseWriter, r *http.Request) {
	h.dataHeaders(w)
	if _, err := h.src.VersionContext(r.Context()); err != nil {
		h.fail(w, r, err)
		return
	}
	res := newResource([]byte("ok\n"), "text/plain; charset=utf-8", "no-store", `"ok"`)
	write(w, r, res)
}
