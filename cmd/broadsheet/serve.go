package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/render"
	"github.com/broadsheet/broadsheet/render/card"
	"github.com/broadsheet/broadsheet/share"
)

func serveCommand() command {
	return command{
		name:    "serve",
		args:    "[--addr 127.0.0.1:8080] [ARTICLE...]",
		summary: "serve the demo site: article pages, fragments, share cards, metadata and share links",
		run:     runServe,
	}
}

func runServe(e *env, args []string) error {
	f := newFlags(e, serveCommand(), false)
	addr := f.String("addr", "127.0.0.1:8080", "listen `address` (host:port)")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		pos = []string{""}
	}
	var arts []*article.Article
	for _, arg := range pos {
		a, err := f.readArticle(arg)
		if err != nil {
			return err
		}
		arts = append(arts, a)
	}
	site, err := newDemoSite(arts, sample.Ticker())
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           site,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(e.stderr, "broadsheet serve: %d article(s) at http://%s/ (Ctrl-C stops)\n", len(arts), ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// resource is a response rendered once and served many times.
type resource struct {
	body        []byte
	contentType string
	etag        string
}

func newResource(body []byte, contentType string) *resource {
	sum := sha256.Sum256(body)
	return &resource{body: body, contentType: contentType, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
}

// demoSite serves a fixed set of articles. Pages, fragments, metadata and
// share links are rendered when the site is built; cards are drawn on first
// request and cached per article, size and layout (a bounded set). It is
// safe for concurrent use.
type demoSite struct {
	mux      *http.ServeMux
	slugs    []string
	articles map[string]*article.Article
	static   map[string]*resource // by URL path
	cards    *card.Renderer

	mu        sync.Mutex
	cardCache map[string]*resource
}

// cardSizes and cardLayouts bound what /card.png serves, and so the cache.
var (
	cardSizes   = []string{"og", "x", "square"}
	cardLayouts = []string{"standard", "keypoint"}
)

func newDemoSite(arts []*article.Article, ticker []string) (*demoSite, error) {
	r, err := render.New(render.Options{})
	if err != nil {
		return nil, err
	}
	cr, err := card.New(card.Theme{})
	if err != nil {
		return nil, err
	}
	s := &demoSite{
		mux:       http.NewServeMux(),
		articles:  map[string]*article.Article{},
		static:    map[string]*resource{},
		cards:     cr,
		cardCache: map[string]*resource{},
	}
	for i, a := range arts {
		slug := slugOf(a, i)
		if _, dup := s.articles[slug]; dup {
			return nil, fmt.Errorf("two articles share the id %q", slug)
		}
		s.articles[slug] = a
		s.slugs = append(s.slugs, slug)
		base := "/a/" + slug

		var page, frag bytes.Buffer
		if err := r.Page(&page, a, tickerView(ticker)); err != nil {
			return nil, fmt.Errorf("%s: %w", slug, err)
		}
		if err := r.Fragment(&frag, a); err != nil {
			return nil, fmt.Errorf("%s: %w", slug, err)
		}
		meta, err := r.Meta(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", slug, err)
		}
		metaJSON, err := json.MarshalIndent(meta, "", "  ")
		if err != nil {
			return nil, err
		}
		links, err := share.Links(a, share.Options{})
		if err != nil && len(links) == 0 {
			return nil, fmt.Errorf("%s: %w", slug, err)
		}
		linksJSON, err := json.MarshalIndent(links, "", "  ")
		if err != nil {
			return nil, err
		}
		s.static[base] = newResource(page.Bytes(), "text/html; charset=utf-8")
		s.static[base+"/fragment"] = newResource(frag.Bytes(), "text/html; charset=utf-8")
		s.static[base+"/meta.json"] = newResource(append(metaJSON, '\n'), "application/json")
		s.static[base+"/share.json"] = newResource(append(linksJSON, '\n'), "application/json")
	}
	var index bytes.Buffer
	if err := indexTemplate.Execute(&index, s.indexData()); err != nil {
		return nil, err
	}
	s.static["/"] = newResource(index.Bytes(), "text/html; charset=utf-8")

	s.mux.HandleFunc("GET /{$}", s.serveStatic)
	s.mux.HandleFunc("GET /a/{slug}", s.serveStatic)
	s.mux.HandleFunc("GET /a/{slug}/fragment", s.serveStatic)
	s.mux.HandleFunc("GET /a/{slug}/meta.json", s.serveStatic)
	s.mux.HandleFunc("GET /a/{slug}/share.json", s.serveStatic)
	s.mux.HandleFunc("GET /a/{slug}/card.png", s.serveCard)
	return s, nil
}

// slugOf names an article in URLs: its id, else the last segment of its
// URL, else its position.
func slugOf(a *article.Article, i int) string {
	clean := func(s string) string {
		s = strings.Map(func(r rune) rune {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
				return r
			case r >= 'A' && r <= 'Z':
				return r + 'a' - 'A'
			}
			return '-'
		}, s)
		return strings.Trim(s, "-")
	}
	if s := clean(a.ID); s != "" {
		return s
	}
	if u, err := url.Parse(a.URL); err == nil {
		if s := clean(path.Base(u.Path)); s != "" {
			return s
		}
	}
	return fmt.Sprintf("article-%d", i+1)
}

func (s *demoSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	// The pages carry no script (JSON-LD is data) and load nothing from
	// elsewhere but images.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src https: data: 'self'; form-action https:; base-uri 'none'; frame-ancestors 'none'")
	s.mux.ServeHTTP(w, r)
}

func (s *demoSite) serveStatic(w http.ResponseWriter, r *http.Request) {
	res, ok := s.static[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	serveResource(w, r, res)
}

func serveResource(w http.ResponseWriter, r *http.Request, res *resource) {
	h := w.Header()
	h.Set("Content-Type", res.contentType)
	h.Set("ETag", res.etag)
	h.Set("Cache-Control", "public, max-age=300")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(res.body))
}

func (s *demoSite) serveCard(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	a, ok := s.articles[slug]
	if !ok {
		http.NotFound(w, r)
		return
	}
	size, layout := r.URL.Query().Get("size"), r.URL.Query().Get("layout")
	if size == "" {
		size = "og"
	}
	if layout == "" {
		layout = "standard"
	}
	if !contains(cardSizes, size) || !contains(cardLayouts, layout) {
		http.Error(w, fmt.Sprintf("size must be one of %v and layout one of %v", cardSizes, cardLayouts), http.StatusBadRequest)
		return
	}
	key := slug + "|" + size + "|" + layout
	s.mu.Lock()
	res, ok := s.cardCache[key]
	s.mu.Unlock()
	if !ok {
		var o card.Options
		o.Size, _ = card.ParseSize(size)
		_ = o.Layout.UnmarshalText([]byte(layout))
		var buf bytes.Buffer
		if _, err := s.cards.Render(&buf, a, o); err != nil {
			http.Error(w, "card: "+err.Error(), http.StatusInternalServerError)
			return
		}
		res = newResource(buf.Bytes(), "image/png")
		s.mu.Lock()
		s.cardCache[key] = res
		s.mu.Unlock()
	}
	serveResource(w, r, res)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

type indexItem struct {
	Slug, Headline, Standfirst, Section string
	Breaking                            bool
}

func (s *demoSite) indexData() []indexItem {
	items := make([]indexItem, 0, len(s.slugs))
	for _, slug := range s.slugs {
		a := s.articles[slug]
		items = append(items, indexItem{Slug: slug, Headline: a.Headline, Standfirst: a.Standfirst, Section: a.Section, Breaking: a.Breaking})
	}
	return items
}

var indexTemplate = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>broadsheet demo</title>
<style>
body{font:17px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}
@media (prefers-color-scheme:dark){body{color:#eee;background:#121212}a{color:#9cc8ff}}
li{margin:0 0 1.5rem}.tools a{margin-right:.75rem;font-size:.9rem}
</style>
</head>
<body>
<main>
<h1>broadsheet demo</h1>
<ul>
{{range .}}<li>
<h2><a href="/a/{{.Slug}}">{{if .Breaking}}Breaking: {{end}}{{.Headline}}</a></h2>
<p>{{.Standfirst}}</p>
<p class="tools"><a href="/a/{{.Slug}}/fragment">fragment</a><a href="/a/{{.Slug}}/card.png">card</a><a href="/a/{{.Slug}}/card.png?size=square&amp;layout=keypoint">key-point card</a><a href="/a/{{.Slug}}/meta.json">metadata</a><a href="/a/{{.Slug}}/share.json">share links</a></p>
</li>
{{end}}</ul>
</main>
</body>
</html>
`))
